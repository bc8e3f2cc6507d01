"""Where git is not installed (a slim container image): what needs git says so, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitplan import pull_request_plan


@pytest.mark.parametrize("args", [["check", "--base", "main"], ["status", "--month", "2017-11"],
                                  ["report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit"]])
@pytest.mark.slow
def test_a_command_that_needs_git_where_there_is_none(tmp_path: Path, args: list[str]) -> None:
    plan = pull_request_plan(tmp_path / "plan")
    before = plan.repo.git.status("--porcelain", "--untracked-files=all")
    empty = tmp_path / "bin"  # a PATH with no git on it
    empty.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_PYTHON")}
    source = Path(__file__).resolve().parents[2] / "src"
    env.update(PATH=str(empty), ZWXT_NO_CACHE="1", PYTHONPATH=str(source))
    done = subprocess.run([sys.executable, "-m", "zwxt", *args], cwd=plan.files.root, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "找不到 git 程序" in done.stderr and "Traceback" not in done.stderr
    assert plan.repo.git.status("--porcelain", "--untracked-files=all") == before
