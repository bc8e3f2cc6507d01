"""What the outline templates are given: numbering, self-reference, and the order of tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import PlanRepo
from zwxt.dates import Month
from zwxt.io.loader import load_plan
from zwxt.io.repo import Repository
from zwxt.services.outline import (
    EntryView,
    chinese_number,
    report_context,
    self_reference,
    summary_context,
    title_lines,
)


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"),
                                             (23, "二十三")])
def test_chinese_numbers(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


def test_units_speak_of_themselves_by_kind(plan_repo: PlanRepo) -> None:
    plan = load_plan(Repository(plan_repo.root)).plan
    assert [self_reference(plan, u) for u in ("市审计局", "蓬江区", "台山市")] == ["本部门", "本区", "本市"]


def _context(root: Path, rel: str) -> dict[str, object]:
    plan = load_plan(Repository(root)).plan
    report = next(r for r in plan.reports if r.path == rel)
    return report_context(plan, report)


def test_tasks_due_in_the_month_come_first_within_their_aspect(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-06", "蓬江区", tasks="""
        - task: 4
          status: 推进中
        - task: 3
          status: 已完成
          completed: 2018-06-20
    """)
    context = _context(plan_repo.root, "reports/2018-06/蓬江区.yaml")
    aspects = {a.name: a for a in context["aspects"]}  # type: ignore[attr-defined]
    clean: list[EntryView] = aspects["清理"].entries
    assert [(e.task.id, e.due_this_month, e.completed) for e in clean] == [(3, True, "2018年6月20日")]
    assert clean[0].status_line == "状态：已完成（2018年6月20日完成）。"
    assert [e.task.id for e in aspects["共享"].entries] == [4]
    assert context["lead_line"] == "本区政务信息系统整合共享牵头部门：办公室"
    assert context["title"] == "江门市蓬江区人民政府政务信息系统整合共享进展报告"


def test_summary_names_overdue_tasks_and_missing_units(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-01", "市审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-05
    """, extra="problems: 人手不足。\n")
    plan = load_plan(Repository(plan_repo.root)).plan
    context = summary_context(plan, Month(2018, 1))
    assert context["overview"] == "截至2018年1月31日，5项任务中，已完成1项（其中逾期完成1项），未启动4项。"
    assert [u.unit for u in context["problems"]] == ["市审计局"]  # type: ignore[attr-defined]
    assert context["submission"] == ("本月应报送进展报告的单位5个，已报送1个，未报送4个："
                                     "市网信统筹局、市公安局、蓬江区、台山市。")


def test_long_titles_break_after_the_units_name() -> None:
    assert title_lines("江门市审计局", "政务信息系统整合共享进展报告") == [
        "江门市审计局政务信息系统整合共享进展报告"]
    assert title_lines("台山市人民政府", "政务信息系统整合共享进展报告") == [
        "台山市人民政府", "政务信息系统整合共享进展报告"]
