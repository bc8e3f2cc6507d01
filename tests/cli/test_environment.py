"""What the file system refuses is said in Chinese (exit 2), never an internal error (exit 3)."""

from __future__ import annotations

import os

import pytest

from tests.support import PlanRepo, run_cli


def test_report_new_where_reports_is_a_file(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "reports").rmdir()
    plan_repo.write("reports", "不是文件夹")
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2018-03")
    assert result.code == 2, result.stderr
    assert "无法写入" in result.stderr and "内部错误" not in result.stderr


def test_render_into_a_folder_that_is_a_file(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    plan_repo.write("output", "不是文件夹")
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert "无法写入" in result.stderr


def test_render_onto_a_folder_of_the_documents_name(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "output/2017-11/市审计局.md").mkdir(parents=True)
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert "已有同名的文件夹" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_among_the_reports_is_a_finding_not_a_hang(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "reports/2017-11").mkdir()
    os.mkfifo(plan_repo.root / "reports/2017-11/市审计局.yaml")
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市审计局.yaml:1:1 F001" in result.stdout
    assert "不是普通文件" in result.stdout


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_out_of_range_is_a_usage_error(plan_repo: PlanRepo, day: str) -> None:
    result = run_cli("status", "--as-of", day)
    assert result.code == 2
    assert "超出了可用的范围" in result.stderr


@pytest.mark.parametrize("value", ["1e400", ".inf", "nan", "1" * 400])
def test_a_number_that_is_no_real_number_is_refused(plan_repo: PlanRepo, value: str) -> None:
    plan_repo.report("2017-11", "市网信统筹局",
                     tasks=f"- task: 4\n  status: 推进中\n  metrics:\n    开放数据集: {value}\n")
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市网信统筹局.yaml:8:14 S003" in result.stdout
    status = run_cli("status", "--as-of", "2017-11-30", "--format", "json")
    assert status.code == 0 and "Infinity" not in status.stdout and "NaN" not in status.stdout
