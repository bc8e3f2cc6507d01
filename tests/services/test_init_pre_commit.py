"""The pre-commit hook zwxt init writes, run by the real pre-commit in a repository zwxt init made.

The hook is a local one that runs the zwxt on PATH: here this virtual environment's, so that
what is tested is this code, and nothing is fetched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from zwxt.services.init import init_plan

BIN = Path(sys.executable).parent
REPORT = "reports/2027-01/示例责任局.yaml"
GOOD = """\
unit: 示例责任局
month: 2027-01
lead_office: 示例责任局办公室
progress: 已开始编制目录。
tasks:
  - task: 1
    status: 推进中
    progress: 已开始编制目录。
"""
BROKEN = GOOD.replace("status: 推进中", "status: 进行中")  # S004 at the value: line 7, column 13
LOCATED = f"{REPORT}:7:13 S004"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


def _env(root: Path) -> dict[str, str]:
    """This environment's bin/ first on PATH; pre-commit's own store beside the repository.

    (The variables of a git hook, should pytest run inside one, would point git elsewhere.)
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", COLUMNS="200",
               PRE_COMMIT_HOME=str(root.parent / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    return env


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=root, env=_env(root), capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan repository made by zwxt init, committed, with the hook installed: made once, copied."""
    root = tmp_path_factory.mktemp("installed") / "plan"
    init_plan(root, "某市", date(2026, 5, 10))  # the examples fall due in 2027
    for key, value in (("user.name", "示例责任局小王"), ("user.email", "zeren@example.gov.cn")):
        _run(root, "git", "config", key, value)
    pre_commit = BIN / "pre-commit"
    assert pre_commit.exists(), "pre-commit is a dev dependency: make test installs it"
    assert shutil.which("zwxt", path=_env(root)["PATH"]) == str(BIN / "zwxt")  # the hook runs this code
    done = _run(root, str(pre_commit), "install")
    assert done.returncode == 0, done.stdout + done.stderr
    _run(root, "git", "add", "-A")
    done = _run(root, "git", "commit", "-qm", "工作方案仓库")
    assert done.returncode == 0, done.stdout + done.stderr  # the hook passes init's own plan
    return root


@pytest.fixture
def plan(installed: Path, tmp_path: Path) -> Path:
    """A copy of the installed repository of its own, with pre-commit's store (the hook finds both
    from where it stands: nothing in them names the folder they were made in)."""
    root = tmp_path / "plan"
    shutil.copytree(installed, root, symlinks=True)
    store = installed.parent / "pre-commit-home"
    if store.exists():
        shutil.copytree(store, tmp_path / "pre-commit-home", symlinks=True)
    return root


def _write(root: Path, text: str) -> None:
    path = root / REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert _run(root, "git", "add", REPORT).returncode == 0


def _head(root: Path) -> str:
    return _run(root, "git", "rev-parse", "HEAD").stdout.strip()


def test_pre_commit_run_blocks_a_broken_report_with_its_located_finding(plan: Path) -> None:
    _write(plan, BROKEN)
    done = _run(plan, str(BIN / "pre-commit"), "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert LOCATED in done.stdout and "Failed" in done.stdout


def test_pre_commit_run_passes_a_good_report(plan: Path) -> None:
    _write(plan, GOOD)
    done = _run(plan, str(BIN / "pre-commit"), "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "zwxt check" in done.stdout and "Passed" in done.stdout


def test_git_commit_of_a_broken_report_is_refused_and_of_the_fixed_one_goes_through(plan: Path) -> None:
    first = _head(plan)
    _write(plan, BROKEN)
    done = _run(plan, "git", "commit", "-m", "1月报告")
    assert done.returncode != 0
    assert LOCATED in done.stdout + done.stderr
    assert _head(plan) == first
    _write(plan, GOOD)
    done = _run(plan, "git", "commit", "-m", "1月报告")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _head(plan) != first
    shown = _run(plan, "git", "-c", "core.quotepath=false", "show", "--name-only", "--format=", "HEAD")
    assert shown.stdout.split() == [REPORT]


def test_a_commit_touching_no_plan_file_skips_the_hook(plan: Path) -> None:
    _write(plan, BROKEN)
    _run(plan, "git", "reset", "-q", REPORT)  # (the broken report stays, but is not committed)
    (plan / "笔记.md").write_text("会议纪要\n", encoding="utf-8")
    _run(plan, "git", "add", "笔记.md")
    done = _run(plan, "git", "commit", "-m", "笔记")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Skipped" in done.stdout + done.stderr
