"""The real process on odd terminals and streams: a width of 0, a stream that cannot hold Chinese,
a full disk behind stdout. Whatever happens, the output is whole or the failure is said, with
an exit code that means what it says."""

from __future__ import annotations

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
