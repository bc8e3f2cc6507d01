"""Ctrl-C at any moment of a run -- importing, loading in worker processes, writing -- is 已中断。 and 130.

The runs are real processes started as the console script starts zwxt, in a session of
their own, and Ctrl-C is sent to the whole process group, as a terminal sends it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo
from zwxt import interrupt

SRC = Path(__file__).resolve().parents[2] / "src"
UNITS = ("市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市")

# The console script, telling on stderr when zwxt has set its SIGINT handler, and whether
# typer was imported by then: Ctrl-C must be answered from that moment on, and it comes
# before typer, rich and pydantic are imported.
CONSOLE_SCRIPT = """
import signal, sys
real = signal.signal
def spy(signum, handler):
    previous = real(signum, handler)
    if signum == signal.SIGINT and callable(handler) and not getattr(spy, "told", False):
        spy.told = True
        sys.stderr.write(f"READY typer={'typer' in sys.modules}\\n")
        sys.stderr.flush()
    return previous
signal.signal = spy
from zwxt.__main__ import main
sys.exit(main())
"""


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small plan with reports enough (over loader.PARALLEL_THRESHOLD) to be read by worker processes."""
    repo = PlanRepo(tmp_path_factory.mktemp("big") / "plan")
    repo.write("data/units.yaml", UNITS_YAML)
    repo.write("data/tasks.yaml", TASKS_YAML)
    for index in range(84):
        year, month = divmod(2017 * 12 + 10 + index, 12)
        for unit in UNITS:
            repo.report(f"{year}-{month + 1:02d}", unit)
    return repo.root


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def _interrupt_after(delay: float, plan: Path) -> subprocess.CompletedProcess[str]:
    """Run ``zwxt check`` on ``plan``; press Ctrl-C ``delay`` seconds after the handler is set."""
    child = subprocess.Popen([sys.executable, "-c", CONSOLE_SCRIPT, "check"], cwd=plan, env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    assert child.stderr is not None
    ready = child.stderr.readline()
    if ready != "READY typer=False\n":
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise AssertionError(f"the SIGINT handler was not set before typer was imported: {ready!r}")
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):  # it may have finished first
        os.killpg(child.pid, signal.SIGINT)
    out, err = child.communicate(timeout=30)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


# Loading the CLI takes a few tenths of a second; checking the big plan about a second more.
EARLY = (0.0, 0.002, 0.01, 0.03)
LATE = (0.1, 0.2, 0.4, 0.7)


def test_ctrl_c_at_any_moment_is_said_and_exits_130(big_plan: Path) -> None:
    with ThreadPoolExecutor(len(EARLY + LATE)) as pool:
        runs = dict(zip(EARLY + LATE, pool.map(lambda d: _interrupt_after(d, big_plan), EARLY + LATE),
                        strict=True))
    for delay, run in runs.items():
        assert "Traceback" not in run.stderr, (delay, run.stderr)
        if run.returncode == interrupt.EXIT_CODE:
            assert run.stderr.strip() == "已中断。", (delay, run.stderr)
        else:  # only a late Ctrl-C may come after the check finished (with its findings: 1)
            assert delay in LATE and run.returncode == 1 and run.stderr == "", (delay, run)
    assert all(runs[delay].returncode == interrupt.EXIT_CODE for delay in EARLY)


def test_ctrl_c_through_python_m(big_plan: Path) -> None:
    child = subprocess.Popen([sys.executable, "-m", "zwxt", "check"], cwd=big_plan, env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert (child.returncode, err) == (130, "已中断。\n")


@pytest.mark.parametrize("args", [[], ["status", "--as-of", "2018-06-30"]])
def test_a_reader_that_leaves_is_no_traceback(args: list[str]) -> None:
    """``zwxt status | head -1``: the pipe closes before zwxt writes; it stops quietly."""
    plan = Path(__file__).resolve().parents[1] / "plans" / "jiangmen"
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "zwxt", *args], cwd=plan, env=_env(), stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=30, check=False)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")


def test_ctrl_c_landing_in_a_finalizer_still_ends_the_run_with_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C raised inside a __del__ cannot propagate; the run answers it when it ends."""
    import gc

    import zwxt.store.repo as repo_module
    from tests.support import run_cli

    class Finalized:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)  # handled while the finalizer runs

    real_find = repo_module.find_repository

    def find_after_a_finalizer(*args: Any, **kwargs: Any) -> Any:
        Finalized()
        gc.collect()
        return real_find(*args, **kwargs)

    monkeypatch.setattr(repo_module, "find_repository", find_after_a_finalizer)
    plan = Path(__file__).resolve().parents[1] / "plans" / "jiangmen"
    result = run_cli("--root", str(plan), "check")
    assert (result.code, result.stderr) == (130, "已中断。\n")
