"""The real process on odd terminals and streams: a width of 0, a stream that cannot hold Chinese,
a full disk behind stdout. Whatever happens, the output is whole or the failure is said, with
an exit code that means what it says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import PlanRepo

SRC = Path(__file__).resolve().parents[2] / "src"
DEMO = Path(__file__).resolve().parents[1] / "plans" / "jiangmen"


def zwxt(*args: str, cwd: Path, stdout: int | None = subprocess.PIPE,
         **env: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m zwxt`` as a user starts it, in ``cwd``, with ``env`` added to the environment."""
    environ = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run([sys.executable, "-m", "zwxt", *args], cwd=cwd, env=environ, stdout=stdout,
                          stderr=subprocess.PIPE, check=False, timeout=60)


@pytest.fixture
def with_error(plan_repo: PlanRepo) -> PlanRepo:
    plan_repo.write("reports/2017-11/市审计局.yaml", "unit: 市统计局\nmonth: 2017-11\nlead_office: 办公室\n")
    return plan_repo


# ---- width -----------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", ["0", "5"])
def test_findings_print_whole_however_narrow_columns_says(with_error: PlanRepo, columns: str) -> None:
    done = zwxt("check", cwd=with_error.root, COLUMNS=columns)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert "reports/2017-11/市审计局.yaml:1:7 R301 错误 报送单位「市统计局」未登记" in out
    assert "✗ 未通过" in out


@pytest.mark.parametrize("columns", ["0", "5"])
def test_the_status_table_keeps_every_cell_however_narrow_columns_says(columns: str) -> None:
    done = zwxt("status", "--as-of", "2018-06-30", cwd=DEMO, COLUMNS=columns)
    assert done.returncode == 0
    out = done.stdout.decode("utf-8")
    for cell in ("序号", "到期日", "2017-12-31", "逾期 181 天", "4/27", "市审计"):
        assert cell in out, (cell, out[:400])
    assert "共 18 项任务" in out


@pytest.mark.parametrize("columns", ["0", "5"])
def test_render_errors_print_whole_however_narrow(with_error: PlanRepo, columns: str) -> None:
    done = zwxt("render", "reports/2017-11/市审计局.yaml", "-f", "md", cwd=with_error.root, COLUMNS=columns)
    assert done.returncode == 1
    assert "R301 错误 报送单位「市统计局」未登记" in done.stderr.decode("utf-8")


# ---- a stream that fails -------------------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


@needs_dev_full
@pytest.mark.parametrize("args", [["check"], ["--help"], ["status", "--month", "2018-03"]])
def test_a_full_disk_behind_stdout_is_an_environment_error(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = zwxt(*args, cwd=DEMO, stdout=full.fileno())
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == ("错误：无法写出输出：磁盘空间已满，输出不完整\n"
                                           "  怎么办：请清理磁盘、腾出空间后重试，或换一个有空间的位置\n")


@needs_dev_full
def test_a_full_disk_behind_stdout_and_stderr_still_exits_2(tmp_path: Path) -> None:
    environ = {**os.environ, "PYTHONPATH": str(SRC)}
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "zwxt", "check"], cwd=DEMO, env=environ, stdout=full,
                              stderr=full, check=False, timeout=60)
    assert done.returncode == 2


# ---- closed streams --------------------------------------------------------------------------

def closed(shut: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``zwxt ARGS`` started with the streams ``shut`` names (``>&-``, ``2>&-``) closed."""
    environ = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(["sh", "-c", f'exec "$0" -m zwxt "$@" {shut}', sys.executable, *args], cwd=cwd,
                          env=environ, capture_output=True, check=False, timeout=60)


CLOSED_RUNS = [(["--version"], 0), (["check"], 1), (["check", "--format", "json"], 1),
               (["status", "--month", "2018-03"], 0), (["check", "--no-such"], 2)]


@pytest.mark.parametrize(("args", "code"), CLOSED_RUNS)
@pytest.mark.parametrize("shut", [">&-", "2>&-", ">&- 2>&-", "<&- >&-"])
def test_a_closed_stream_drops_what_it_would_show_and_keeps_the_exit_code(
        with_error: PlanRepo, args: list[str], code: int, shut: str) -> None:
    done = closed(shut, *args, cwd=with_error.root)
    assert done.returncode == code
    assert b"Traceback" not in done.stdout
    assert b"Traceback" not in done.stderr and "内部错误" not in done.stderr.decode("utf-8")


@pytest.mark.slow
def test_a_command_with_stdout_closed_does_its_work(plan_repo: PlanRepo) -> None:
    done = closed(">&-", "report", "new", "--unit", "市审计局", "--month", "2018-04", cwd=plan_repo.root)
    assert (done.returncode, done.stderr) == (0, b"")
    assert (plan_repo.root / "reports" / "2018-04" / "市审计局.yaml").is_file()


# ---- an encoding without Chinese -------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_stream_without_chinese_gets_escapes_and_the_true_exit_code(with_error: PlanRepo,
                                                                        encoding: str) -> None:
    done = zwxt("check", cwd=with_error.root, PYTHONIOENCODING=encoding)
    assert done.returncode == 1, done.stderr
    out = done.stdout.decode("ascii")
    assert "reports/2017-11/市审计局.yaml".encode("ascii", "backslashreplace").decode() in out
    assert "R301 \\u9519\\u8bef" in out  # 错误


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["status", "--as-of", "2018-06-30"], 0),
                                            (["status", "--month", "2018-03"], 0), (["x"], 2),
                                            (["status", "--as-of", "昨天"], 2)])
def test_every_command_keeps_its_exit_code_without_chinese(args: list[str], code: int) -> None:
    done = zwxt(*args, cwd=DEMO, PYTHONIOENCODING="ascii")  # (latin-1 is tried on check above)
    assert done.returncode == code, done.stderr
    assert done.stdout + done.stderr  # said, escaped (click writes its help as UTF-8 itself)
    assert "内部错误".encode("ascii", "backslashreplace") not in done.stderr


def test_json_stays_json_under_ascii(with_error: PlanRepo) -> None:
    escaped = zwxt("check", "--format", "json", cwd=with_error.root, PYTHONIOENCODING="ascii")
    plain = zwxt("check", "--format", "json", cwd=with_error.root, PYTHONIOENCODING="utf-8")
    assert json.loads(escaped.stdout) == json.loads(plain.stdout)
