"""The command-line boundary: every outcome becomes an exit code, and no traceback reaches a user."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import zwxt
from tests.support import PlanRepo, run_cli
from zwxt import __version__
from zwxt.services.check import CheckResult


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the internal-error log goes instead of the system's temporary directory."""
    folder = tmp_path / "logs"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _raise(error: BaseException) -> object:
    def service(*args: object, **kwargs: object) -> CheckResult:
        raise error
    return service


def test_internal_bug_exits_3_with_a_short_apology(plan_repo: PlanRepo, log_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zwxt.services.check.check", _raise(RuntimeError("boom")))
    result = run_cli("check")
    assert result.code == 3
    assert result.stderr.startswith("抱歉，zwxt 遇到了内部错误（RuntimeError）。"
                                    "这是程序的缺陷，不是您的数据问题。")
    assert "请把该文件发给维护人员" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "boom" not in result.stdout + result.stderr


def test_internal_bug_details_go_to_the_log_it_names(plan_repo: PlanRepo, log_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("zwxt.services.check.check", _raise(RuntimeError("boom")))
    result = run_cli("check")
    [log] = list(log_dir.iterdir())
    assert str(log) in result.stderr
    details = log.read_text(encoding="utf-8")
    assert details.startswith(f"zwxt {__version__}\n")
    assert "Traceback" in details
    assert "RuntimeError: boom" in details


def test_interrupt_exits_130(plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_c(*args: object, **kwargs: object) -> CheckResult:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the handler raises long before
        raise AssertionError("SIGINT was not answered")

    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr("zwxt.services.check.check", ctrl_c)
    result = run_cli("check")
    assert (result.code, result.stdout, result.stderr) == (130, "", "已中断。\n")
    assert signal.getsignal(signal.SIGINT) is before  # main() leaves the caller's handling as it was


def test_version() -> None:
    result = run_cli("--version")
    assert (result.code, result.stdout) == (0, f"zwxt {__version__}\n")


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "政务工作方案督办工具" in result.stdout
    assert all(command in result.stdout for command in ("check", "status", "report", "render", "schema"))


def test_no_arguments_shows_help_not_an_internal_error(log_dir: Path) -> None:
    result = run_cli()
    assert result.code == 2  # as click does: no command is a usage error, answered with the help
    assert list(log_dir.iterdir()) == []
    assert result.stdout.startswith("用法：zwxt [选项] 命令 [参数]...")
    assert "check" in result.stdout
    assert "内部错误" not in result.stderr


def test_python_dash_m_zwxt_help(tmp_path: Path) -> None:
    src = str(Path(zwxt.__file__).resolve().parent.parent)  # this checkout's, not an installed copy
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "zwxt", "--help"], capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：zwxt [选项] 命令 [参数]...")
    assert "政务工作方案督办工具" in done.stdout
    assert "check" in done.stdout
