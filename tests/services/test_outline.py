"""What the outline templates are given: the order of tasks, canonical names, and who said what."""

from __future__ import annotations

from datetime import date

from tests.support import PlanFiles
from zwxt.dates import Month
from zwxt.load import Keep, LoadedPlan
from zwxt.plan.report import Status
from zwxt.plan.status import Submissions
from zwxt.services.outline import AspectView, UnitText, report_context, summary_context, title_lines
from zwxt.services.status import submissions
from zwxt.wording import overview_sentence, submission_sentence


def summary_of(loaded: LoadedPlan, month: Month) -> dict[str, object]:
    """The summary's context, with submissions whose days of arrival are not known."""
    plan = loaded.usable_plan()
    return summary_context(plan, loaded, month, Submissions(month, None, submissions(plan, loaded, month)),
                           month.end)


def test_tasks_due_in_the_month_come_first_within_their_aspect(plan: PlanFiles) -> None:
    rel = plan.report("2018-06", "蓬江区", tasks="""
        - task: 4
          status: 推进中
        - task: 3
          status: 已完成
          completed: 2018-06-20
    """)
    loaded = plan.load(keep=Keep(paths=frozenset({rel})))
    [kept] = loaded.kept
    context = report_context(loaded.usable_plan(), kept)
    aspects: dict[str, AspectView] = {a.name: a for a in context["aspects"]}  # type: ignore[attr-defined]
    clean = aspects["清理"].entries
    assert [(e.task.id, e.due_this_month, e.status, e.completed) for e in clean] == \
        [(3, True, Status.DONE, date(2018, 6, 20))]
    assert [e.task.id for e in aspects["共享"].entries] == [4]
    assert context["title"] == "江门市蓬江区人民政府政务信息系统整合共享进展报告"


def test_summary_credits_every_text_to_the_canonical_unit(plan: PlanFiles) -> None:
    plan.report("2018-01", "审计局", name="市审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-05
          progress: 审计完成。
    """, extra="problems: 人手不足。\n")
    month = Month(2018, 1)
    loaded = plan.load(until=month, keep=Keep(months=frozenset({month})))
    context = summary_of(loaded, month)
    assert context["problems"] == [UnitText("市审计局", "人手不足。")]
    one = next(t for t in context["tasks"] if t.task.id == 1)  # type: ignore[attr-defined]
    assert one.updates == [UnitText("市审计局", "审计完成。")]
    assert overview_sentence(context["status"], month) == (  # type: ignore[arg-type]
        "截至2018年1月31日，5项任务中，已完成1项（其中逾期完成1项），未启动4项。")
    assert submission_sentence(context["submissions"]) == (  # type: ignore[arg-type]
        "本月应报送进展报告的单位5个，已报送1个，未报送4个：市网信统筹局、市公安局、蓬江区、台山市。")


def test_summary_leaves_out_a_report_with_errors(plan: PlanFiles) -> None:
    plan.report("2018-01", "市审计局", extra="problems: 人手不足。\ncases: [\n")
    month = Month(2018, 1)
    loaded = plan.load(until=month, keep=Keep(months=frozenset({month})))
    context = summary_of(loaded, month)
    assert context["problems"] == []
    assert [item.path for item in loaded.left_out] == ["reports/2018-01/市审计局.yaml"]


def test_titles_filling_more_than_nine_tenths_of_the_line_break_after_the_units_name() -> None:
    # 20 characters of 2号 fill the 156 mm line edge to edge; 18 leave room on either side.
    assert title_lines("江门市审计局", "政务信息系统整合共享进展报告") == [
        "江门市审计局", "政务信息系统整合共享进展报告"]
    assert title_lines("江门市公安局", "数据共享进展报告") == ["江门市公安局数据共享进展报告"]
    assert title_lines("市审计局", "政务信息系统整合共享进展报告") == ["市审计局政务信息系统整合共享进展报告"]
    assert title_lines("台山市人民政府", "政务信息系统整合共享进展报告") == [
        "台山市人民政府", "政务信息系统整合共享进展报告"]


def test_title_widths_count_latin_letters_as_half_a_character() -> None:
    # 19 characters by count, 17 as set: one line
    assert title_lines("市ABCD", "政务信息系统整合共享进展报告") == ["市ABCD政务信息系统整合共享进展报告"]


def test_a_part_too_long_for_a_line_is_left_for_word_to_wrap() -> None:
    rest = "政务信息系统整合共享与公共数据资源开放进展报告"  # 23 characters
    assert title_lines("江门市", rest) == ["江门市" + rest]
