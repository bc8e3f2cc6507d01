"""How zwxt words typed values: numerals, numbers, labels, and the sentences of a summary."""

from __future__ import annotations

from datetime import date

import pytest

from zwxt.dates import Month
from zwxt.model.plan import PlanTask
from zwxt.model.status import (
    DatesNote,
    MetricProgress,
    PlanStatus,
    Role,
    Standing,
    State,
    Submission,
    Submissions,
    SubmissionState,
    TaskStatus,
)
from zwxt.model.units import Unit, UnitKind
from zwxt.wording import (
    chinese_numeral,
    counts_sentence,
    deadline_text,
    document_label,
    format_number,
    metrics_text,
    progress_words,
    region_reference,
    reply_calendar_problem,
    report_standing,
    self_reference,
    status_label,
    timing_sentence,
)


def task(deadline: str | None = "2018年 3月底前") -> PlanTask:
    return PlanTask(id=4, index=3, text="清理", short="清理", lead=("市直有关部门",), support=(),
                    leads=("市审计局", "市公安局"), responsible=("市审计局", "市公安局"), deadline=deadline,
                    due=date(2018, 3, 31) if deadline else None, aspect="清理", targets=())


def status(state: State, overdue: int = 0, this_month: bool = False,
           completed: date | None = None) -> TaskStatus:
    metrics = (MetricProgress("开放数据集", 412, 500, "个"), MetricProgress("数据应用", None, 30, "个"))
    return TaskStatus(task(), state, overdue, this_month, completed, ("市审计局", "市公安局"), (), metrics)


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (7, "七"), (10, "十"), (11, "十一"), (20, "二十"),
                                             (23, "二十三")])
def test_chinese_numerals(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


def test_numbers_are_written_without_a_needless_decimal() -> None:
    assert (format_number(500), format_number(500.0), format_number(2.5)) == ("500", "500", "2.5")
    # never in exponent notation, which no document writes
    assert format_number(999999999999.9) == "999999999999.9"
    assert format_number(0.0000001) == "0.0000001"


def test_deadline_text_drops_the_stray_spaces_and_says_long_term_without_one() -> None:
    assert (deadline_text(task()), deadline_text(task(None))) == ("2018年3月底前", "长期")


@pytest.mark.parametrize(("item", "label", "standing"), [
    (status(State.OVERDUE, overdue=12), "逾期 12 天", Standing.OVERDUE),
    (status(State.IN_PROGRESS, this_month=True), "本月到期", Standing.DUE_THIS_MONTH),
    (status(State.NOT_STARTED), "未启动", Standing.NOT_STARTED),
    (status(State.DONE_LATE, completed=date(2018, 4, 2)), "逾期完成", Standing.DONE_LATE),
])
def test_status_labels(item: TaskStatus, label: str, standing: Standing) -> None:
    assert (status_label(item), item.standing) == (label, standing)


def test_metrics_in_a_table_and_in_prose() -> None:
    metrics = status(State.IN_PROGRESS).metrics
    assert metrics_text(metrics) == "开放数据集 412/500个，数据应用 —/30个"
    assert metrics_text(metrics, prose=True) == "开放数据集412个（目标500个）"


def test_progress_words_for_a_document() -> None:
    assert progress_words(status(State.DONE_LATE, completed=date(2018, 4, 2))) == \
        "逾期完成（2018年4月2日）；完成单位0/2；开放数据集412个（目标500个）"


def test_counts_sentence_under_a_table() -> None:
    counted = PlanStatus(date(2018, 3, 31), None, [status(State.OVERDUE, 3), status(State.NOT_STARTED)])
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


def test_a_documents_status_label_has_no_spaces() -> None:
    assert document_label(status(State.OVERDUE, overdue=12)) == "逾期12天"
    assert document_label(status(State.DONE_LATE)) == "逾期完成"


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
