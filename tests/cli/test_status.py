"""zwxt status through the command line, on the bundled demo data and on a fresh plan."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli

ROOT = str(Path(__file__).resolve().parents[1] / "plans" / "jiangmen")
END = ("--root", ROOT, "status", "--as-of", "2018-06-30")


def test_table_has_a_row_per_task_and_a_summary_line() -> None:
    result = run_cli(*END)
    assert result.code == 0
    assert "截至 2018年6月30日" in result.stdout
    assert "逾期 181 天" in result.stdout
    assert "共 18 项任务：已完成 4，逾期完成 4，推进中 4，到期未完成 2，逾期 4" in result.stdout


def test_json_has_the_documented_fields_and_states() -> None:
    result = run_cli(*END, "--format", "json")
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == list(range(1, 19))
    two = rows[1]
    assert (two["due"], two["status"], two["overdue_days"]) == ("2017-12-31", "overdue", 181)
    assert (two["units_done"], two["units_total"]) == (4, 27)
    assert {"unit": "市公安局", "role": "lead", "deciding": True, "status": "已完成",
            "completed": "2018-01-10", "report_month": "2018-01"} in two["units"]
    assert {r["status"] for r in rows} == {"done", "done_late", "in_progress", "overdue"}
    assert rows[12]["metrics"] == [{"metric": "开放数据集", "value": 268, "target": 250, "unit": "个"},
                                   {"metric": "数据应用", "value": 21, "target": 20, "unit": "个"}]


def test_csv_opens_in_excel_and_wps() -> None:
    result = run_cli(*END, "--format", "csv")
    assert result.stdout.startswith("\ufeff序号,任务,牵头单位")
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert len(rows) == 19
    assert rows[13][0] == "13"
    assert rows[13][5] == "逾期完成"
    assert rows[13][7] == "开放数据集 268/250个，数据应用 21/20个"


def test_markdown_is_a_table_with_the_summary() -> None:
    lines = run_cli(*END, "--format", "markdown").stdout.splitlines()
    assert lines[0] == "## 任务进展（截至 2018年6月30日）"
    assert lines[2].startswith("| 序号 | 任务 |")
    assert sum(line.startswith("| ") for line in lines) == 19
    assert lines[-1].startswith("共 18 项任务")


def test_overdue_only() -> None:
    rows = json.loads(run_cli(*END, "--overdue", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [2, 3, 4, 5]


def test_unit_view() -> None:
    rows = json.loads(run_cli(*END, "--unit", "审计局", "--format", "json").stdout)
    assert [r["id"] for r in rows] == [1, 2, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    six = rows[3]
    assert (six["status"], six["units_done"], six["units_total"]) == ("done", 1, 1)


def test_fail_on_overdue_for_a_scheduled_job() -> None:
    assert run_cli(*END, "--fail-on-overdue").code == 1
    assert run_cli("--root", ROOT, "status", "--as-of", "2017-12-31", "--fail-on-overdue").code == 0
    assert run_cli(*END).code == 0


def test_month_view_lists_missing_reports() -> None:
    result = run_cli("--root", ROOT, "status", "--month", "2018-04", "--format", "json")
    items = {i["unit"]: i for i in json.loads(result.stdout)}
    assert items["台山市"]["status"] == "missing"
    assert items["市审计局"] == {"unit": "市审计局", "status": "submitted", "label": "已报送",
                              "path": "reports/2018-04/市审计局.yaml", "open_tasks": 8,
                              # tests/plans/jiangmen is no git repository of its own
                              "submitted_on": None, "due_on": "2018-05-05", "late": None,
                              "late_days": None, "timing": "unknown", "timing_label": "无法判断"}
    assert "不在 git 仓库中，无法得知报送日期" in result.stderr
    table = run_cli("--root", ROOT, "status", "--month", "2018年4月").stdout
    assert "2018年4月报送情况" in table
    assert "已报送 5 个" in table


def test_bad_date_is_a_usage_error() -> None:
    result = run_cli("--root", ROOT, "status", "--as-of", "2018-02-30")
    assert result.code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_a_month_alone_means_its_last_day() -> None:
    assert run_cli("--root", ROOT, "status", "--as-of", "2018-06", "--format", "csv").stdout == \
        run_cli(*END, "--format", "csv").stdout


def test_files_with_errors_are_left_out_with_a_warning(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-03", "市审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-03-40
    """)
    result = run_cli("status", "--as-of", "2018-03-31", "--format", "json")
    assert result.code == 0
    assert result.stderr.splitlines() == [
        "注意：1 个报告文件有错误，未计入统计：",
        "  reports/2018-03/市审计局.yaml:7:16 S005 "
        "「completed」（完成日期）：日期「2018-03-40」不存在，请检查月和日",
        "  请运行 zwxt check 查看全部问题并改正；改正之前这些文件不计入。"]
    assert json.loads(result.stdout)[0]["status"] == "overdue"


def test_fresh_plan_without_reports_has_nothing_started(plan_repo: PlanRepo) -> None:
    rows = json.loads(run_cli("status", "--as-of", "2017-11-30", "--format", "json").stdout)
    assert {r["status"] for r in rows} == {"not_started"}
    assert rows[4]["due"] is None  # the ongoing task 5 has no due date


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("day", ["2018-06-30".translate(FULL_WIDTH), "2018/6/30", "2018年6月30日",
                                 "２０１８年６月３０日", "2018-06", "２０１８-０６"])
def test_as_of_takes_what_a_chinese_keyboard_types(day: str) -> None:
    result = run_cli("--root", ROOT, "status", "--as-of", day, "--format", "csv")
    assert result.code == 0, result.stderr
    assert result.stdout == run_cli(*END, "--format", "csv").stdout


@pytest.mark.parametrize(("option", "value"), [
    ("--as-of", "\u0662\u0660\u0661\u0668-06-30"), ("--as-of", "\u0662\u0660\u0661\u0668-06"),
    ("--month", "\u0662\u0660\u0661\u0668-\u0660\u0664")])
def test_digits_no_keyboard_of_ours_types_are_refused(option: str, value: str) -> None:
    result = run_cli("--root", ROOT, "status", option, value)
    assert result.code == 2
    assert "无法识别" in result.stderr
