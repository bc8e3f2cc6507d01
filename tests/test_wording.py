"""How zwxt words typed values: numerals, numbers, labels, and the sentences of a summary."""

from __future__ import annotations

from datetime import date

import pytest

from zwxt.dates import Month
from zwxt.plan.report import Status
from zwxt.plan.resolved import PlanTask
from zwxt.plan.status import (
    DatesNote,
    MetricProgress,
    PlanStatus,
    Role,
    Standing,
    Submission,
    Submissions,
    SubmissionState,
    TaskStatus,
    UnitProgress,
    judge,
)
from zwxt.plan.units import Unit, UnitKind
from zwxt.wording import (
    chinese_numeral,
    contact_note,
    counts_sentence,
    deadline_text,
    format_number,
    metrics_text,
    progress_cell,
    progress_words,
    region_reference,
    reply_calendar_problem,
    report_standing,
    self_reference,
    standing_words,
    status_label,
    submission_sentence,
    timing_sentence,
)


def task(deadline: str | None = "2018年 3月底前") -> PlanTask:
    return PlanTask(id=4, index=3, text="清理", short="清理", lead=("市直有关部门",), support=(),
                    leads=("市审计局", "市公安局"), responsible=("市审计局", "市公安局"), deadline=deadline,
                    due=date(2018, 3, 31) if deadline else None, aspect="清理", targets=())


def status(as_of: date, completed: date | None = None, started: bool = False,
           deciding: tuple[str, ...] = ("市审计局", "市公安局")) -> TaskStatus:
    """Task 4, due 2018-03-31, on ``as_of``: done on ``completed`` when given."""
    metrics = (MetricProgress("开放数据集", 412, 500, "个"), MetricProgress("数据应用", None, 30, "个"))
    said = Status.DONE if completed else Status.IN_PROGRESS
    units = tuple(UnitProgress(u, Role.LEAD, True, said, completed, None) for u in deciding[:1])
    verdict = judge(task().due, as_of, completed is not None, completed, started)
    return TaskStatus(task(), verdict, completed, deciding, units, metrics)


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"),
                                             (23, "二十三")])
def test_chinese_numerals(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [0, -1, 100])
def test_chinese_numerals_outside_one_to_ninety_nine_are_refused(n: int) -> None:
    with pytest.raises(ValueError, match="1 到 99"):
        chinese_numeral(n)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_what_is_not_a_number_is_never_written(value: float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


def test_numbers_are_written_without_a_needless_decimal() -> None:
    assert (format_number(500), format_number(500.0), format_number(2.5)) == ("500", "500", "2.5")
    # never in exponent notation, which no document writes
    assert format_number(999999999999.9) == "999999999999.9"
    assert format_number(0.0000001) == "0.0000001"


def test_deadline_text_drops_the_stray_spaces_and_says_long_term_without_one() -> None:
    assert (deadline_text(task()), deadline_text(task(None))) == ("2018年3月底前", "长期")


@pytest.mark.parametrize(("item", "label", "standing"), [
    (status(date(2018, 4, 12)), "逾期 12 天", Standing.OVERDUE),
    (status(date(2018, 3, 15), started=True), "本月到期", Standing.DUE_THIS_MONTH),
    (status(date(2018, 3, 31), started=True), "到期未完成", Standing.DUE_NOT_DONE),
    (status(date(2018, 2, 28)), "未启动", Standing.NOT_STARTED),
    (status(date(2018, 2, 28), started=True), "推进中", Standing.IN_PROGRESS),
    (status(date(2018, 4, 30), completed=date(2018, 4, 2)), "逾期完成", Standing.DONE_LATE),
    (status(date(2018, 3, 31), completed=date(2018, 3, 31)), "已完成", Standing.DONE),
])
def test_status_labels(item: TaskStatus, label: str, standing: Standing) -> None:
    assert (status_label(item), item.standing) == (label, standing)


def test_documents_write_the_days_overdue_without_spaces() -> None:
    assert standing_words(status(date(2019, 3, 31))) == "逾期365天"
    assert status(date(2019, 3, 31)).overdue_days == 365


def test_open_work_due_today_or_later_this_month_is_due_this_month_for_json() -> None:
    assert status(date(2018, 3, 31)).due_this_month and status(date(2018, 3, 1)).due_this_month
    assert not status(date(2018, 4, 1)).due_this_month
    assert not status(date(2018, 3, 31), completed=date(2018, 3, 30)).due_this_month


def test_metrics_in_a_table_and_in_prose() -> None:
    metrics = status(date(2018, 3, 1)).metrics
    assert metrics_text(metrics) == "开放数据集 412/500个，数据应用 —/30个"
    assert metrics_text(metrics, prose=True) == "开放数据集412个（目标500个）"


def test_progress_words_for_a_document() -> None:
    assert progress_words(status(date(2018, 4, 30), completed=date(2018, 4, 2))) == \
        "逾期完成（2018年4月2日）；2个单位中已完成1个；开放数据集412个（目标500个）"
    assert progress_words(status(date(2018, 4, 3))) == \
        "逾期3天；2个单位中已完成0个；开放数据集412个（目标500个）"


def test_a_table_cell_lists_only_the_targets_not_yet_met() -> None:
    assert progress_cell(status(date(2018, 3, 1), started=True)) == \
        "本月到期；2个单位中已完成0个；未达目标：开放数据集 412/500个，数据应用 —/30个"
    assert progress_cell(status(date(2018, 4, 30), completed=date(2018, 4, 2))) == \
        "逾期完成（2018年4月2日）；2个单位中已完成1个"


def test_a_task_one_unit_completes_has_no_count_of_units() -> None:
    assert progress_words(status(date(2018, 3, 31), deciding=("市审计局",))) == \
        "到期未完成；开放数据集412个（目标500个）"


@pytest.mark.parametrize(("contact", "note"), [
    ("黄嘉欣 0750-3271236", "（联系人：黄嘉欣 0750-3271236）"),
    ("联系人：黄嘉欣，电话：0750-3271236", "（联系人：黄嘉欣，电话：0750-3271236）"),
    ("（黄嘉欣\n0750-3271236）", "（联系人：黄嘉欣 0750-3271236）"),
    ("  ", ""), (None, ""),
    ("张三（办公室主任）", "（联系人：张三（办公室主任））"),
    ("（电话）0750-1234 张三", "（联系人：（电话）0750-1234 张三）"),
    ("（电话）0750-1234（张三）", "（联系人：（电话）0750-1234（张三））"),
    ("()", ""),
])
def test_the_contact_becomes_the_addendum(contact: str | None, note: str) -> None:
    assert contact_note(contact) == note


def test_counts_sentence_under_a_table() -> None:
    counted = PlanStatus(date(2018, 3, 31), None, [status(date(2018, 4, 3)), status(date(2018, 2, 1))])
    assert counts_sentence(counted) == "共 2 项任务：未启动 1，逾期 1"
    assert counts_sentence(PlanStatus(date(2018, 3, 31), None)) == "没有符合条件的任务"


@pytest.mark.parametrize(("name", "kind", "words"), [
    ("市审计局", UnitKind.DEPARTMENT, "本部门"), ("蓬江区", UnitKind.GOVERNMENT, "本区"),
    ("台山市", UnitKind.GOVERNMENT, "本市"), ("某某旗", UnitKind.GOVERNMENT, "本旗"),
    ("某镇", UnitKind.GOVERNMENT, "本地区"),
])
def test_units_speak_of_themselves_by_kind(name: str, kind: UnitKind, words: str) -> None:
    assert self_reference(Unit(name=name, kind=kind)) == words


def test_roles_are_worded() -> None:
    from zwxt.wording import role_label

    assert (role_label(Role.LEAD), role_label(Role.SUPPORT)) == ("牵头", "配合")


@pytest.mark.parametrize(("region", "words"), [
    ("江门市", "本市"), ("顺德区", "本区"), ("开平县", "本县"), ("延边朝鲜族自治州", "本州"),
    ("广东省", "本省"), ("大湾区合作示范", "本地区")])
def test_a_plans_region_speaks_of_itself(region: str, words: str) -> None:
    assert region_reference(region) == words


def sent(unit: str, arrived: date | None = None, state: SubmissionState = SubmissionState.SUBMITTED,
         open_tasks: int = 2) -> Submission:
    path = None if state is SubmissionState.MISSING else f"reports/2018-03/{unit}.yaml"
    return Submission(unit, state, path, open_tasks, arrived, date(2018, 4, 4))


def submitted(*items: Submission, notes: tuple[DatesNote, ...] = ()) -> Submissions:
    return Submissions(Month(2018, 3), None, list(items), date(2018, 4, 4), notes=notes)


def test_the_summary_says_on_time_only_when_every_report_came_in_by_the_due_day() -> None:
    on_time = submitted(sent("市审计局", date(2018, 4, 2)), sent("台山市", date(2018, 4, 4)))
    assert submission_sentence(on_time) == "本月应报送进展报告的单位2个，均已按时报送。"
    late = submitted(sent("市审计局", date(2018, 4, 2)), sent("台山市", date(2018, 4, 9)),
                     sent("新会区", state=SubmissionState.MISSING))
    assert submission_sentence(late) == (
        "本月应报送进展报告的单位3个，已报送2个（其中逾期报送1个：台山市），未报送1个：新会区。")


def test_without_history_the_summary_does_not_claim_the_reports_were_on_time() -> None:
    unknown = submitted(sent("市审计局"), sent("台山市"), notes=(DatesNote.NOT_A_REPOSITORY,))
    assert submission_sentence(unknown) == "本月应报送进展报告的单位2个，已报送2个。"


def test_a_report_with_errors_is_said_to_be_left_out() -> None:
    items = submitted(sent("市审计局", date(2018, 4, 2)),
                      sent("台山市", date(2018, 4, 2), SubmissionState.REJECTED),
                      sent("蓬江区", date(2018, 4, 2), open_tasks=0))
    assert submission_sentence(items) == (
        "本月应报送进展报告的单位2个，均已按时报送。台山市报送的文件有错误，其内容未计入本汇总。")


DUE = date(2018, 4, 5)


def _month(*items: Submission, notes: tuple[DatesNote, ...] = ()) -> Submissions:
    return Submissions(Month(2018, 3), None, list(items), DUE, notes=notes)


ON_TIME = Submission("市审计局", SubmissionState.SUBMITTED, "a.yaml", 3, date(2018, 4, 3), DUE)
LATE = Submission("市公安局", SubmissionState.SUBMITTED, "b.yaml", 3, date(2018, 4, 9), DUE)
MISSING = Submission("蓬江区", SubmissionState.MISSING, None, 2, None, DUE)
UNDATED = Submission("市审计局", SubmissionState.SUBMITTED, "a.yaml", 3, None, DUE)  # no git history


def test_how_a_units_report_stands_in_a_document() -> None:
    items = _month(ON_TIME, LATE, MISSING)
    assert [report_standing(items, i) for i in (ON_TIME, LATE, MISSING, None)] == [
        "按时报送", "逾期4天报送", "未报送", "无需报送"]
    unknown = _month(UNDATED, notes=(DatesNote.NOT_A_REPOSITORY,))
    assert report_standing(unknown, UNDATED) == "报送日期不详"


def test_the_months_reports_in_one_sentence() -> None:
    assert timing_sentence(_month(ON_TIME, LATE, MISSING)) == \
        "2018年3月应报送进展报告的单位3个，其中按时报送1个，逾期报送1个，未报送1个。"
    assert timing_sentence(_month(UNDATED, MISSING, notes=(DatesNote.SHALLOW,))) == \
        "2018年3月应报送进展报告的单位2个，其中按时报送0个，逾期报送0个，未报送1个，报送日期不详1个。"
    assert timing_sentence(_month()) == "2018年3月没有应报送进展报告的单位。"


def test_a_reply_deadline_past_the_calendar_is_explained() -> None:
    assert reply_calendar_problem(5, 2027, (2004, 2026)) == (
        "督办回复期限（5个工作日）按工作日计算，而工作日历（chinese-calendar）只收录了2004–2026年的节假日安排，"
        "2027年的工作日无法确定，回复期限无法计算")
