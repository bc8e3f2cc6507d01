"""zwxt status on the Jiangmen plan: every Annex-1 task before, on and after its deadline.

The plan is tests/plans/jiangmen, a frozen copy of the demo data shipped with zwxt (the live
data/ and reports/ may be replaced by a city's own). The expectations were worked out by hand
from its reports: "before" is the last day of the month before the deadline's month, "on" the
deadline, "after" the day after.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest

from tests.support import PlanFiles
from zwxt.dates import Month
from zwxt.errors import BrokenPlanError
from zwxt.load import LoadedPlan, load
from zwxt.plan.resolved import Plan
from zwxt.plan.status import Standing, State, SubmissionState, TaskStatus
from zwxt.services.status import month_submissions, plan_status, status, submissions
from zwxt.store.repo import InMemory, Repository
from zwxt.wording import status_label

JIANGMEN = Repository(Path(__file__).resolve().parents[1] / "plans" / "jiangmen")

#        task: (due,        before,        on,        after)       with labels as the office reads them
PINNED: dict[int, tuple[date, str, str, str]] = {
    1: (date(2017, 12, 31), "未启动", "已完成", "已完成"),
    2: (date(2017, 12, 31), "未启动", "到期未完成", "逾期 1 天"),
    3: (date(2017, 12, 31), "未启动", "到期未完成", "逾期 1 天"),
    4: (date(2018, 3, 31), "推进中", "到期未完成", "逾期 1 天"),
    5: (date(2018, 3, 31), "推进中", "到期未完成", "逾期 1 天"),
    6: (date(2018, 6, 30), "推进中", "到期未完成", "逾期 1 天"),
    7: (date(2018, 6, 30), "推进中", "已完成", "已完成"),
    8: (date(2018, 12, 31), "推进中", "到期未完成", "逾期 1 天"),
    9: (date(2018, 12, 31), "推进中", "到期未完成", "逾期 1 天"),
    10: (date(2017, 12, 31), "未启动", "到期未完成", "逾期 1 天"),
    11: (date(2018, 6, 30), "推进中", "到期未完成", "逾期 1 天"),
    12: (date(2018, 6, 30), "推进中", "已完成", "已完成"),
    13: (date(2017, 12, 31), "未启动", "到期未完成", "逾期 1 天"),
    14: (date(2018, 12, 31), "推进中", "到期未完成", "逾期 1 天"),
    15: (date(2018, 2, 28), "推进中", "已完成", "已完成"),
    16: (date(2018, 4, 30), "推进中", "到期未完成", "逾期 1 天"),
    17: (date(2017, 12, 31), "未启动", "到期未完成", "逾期 1 天"),
    18: (date(2018, 12, 31), "推进中", "到期未完成", "逾期 1 天"),
}

# At the end of the demo period, 2018-06-30.
AT_END = {
    1: "已完成", 2: "逾期 181 天", 3: "逾期 181 天", 4: "逾期 91 天", 5: "逾期 91 天",
    6: "到期未完成", 7: "已完成", 8: "推进中", 9: "推进中", 10: "逾期完成", 11: "到期未完成",
    12: "已完成", 13: "逾期完成", 14: "推进中", 15: "已完成", 16: "逾期完成", 17: "逾期完成",
    18: "推进中",
}


@functools.cache
def loaded(month: Month) -> LoadedPlan:
    return load(JIANGMEN, until=month)


@pytest.fixture(scope="module")
def jiangmen() -> Plan:
    return loaded(Month(2018, 6)).usable_plan()


def statuses(day: date, unit: str | None = None) -> list[TaskStatus]:
    at = loaded(Month.of(day))
    return plan_status(at.usable_plan(), at.ledger, day, unit).tasks


def _task(day: date, task_id: int, unit: str | None = None) -> TaskStatus:
    return next(t for t in statuses(day, unit) if t.task.id == task_id)


def label(day: date, task_id: int) -> str:
    return status_label(_task(day, task_id))


def test_every_annex1_task_is_pinned(jiangmen: Plan) -> None:
    assert sorted(PINNED) == [t.id for t in jiangmen.tasks]
    assert all(jiangmen.by_id[i].due == due for i, (due, *_) in PINNED.items())


@pytest.mark.parametrize("task_id", sorted(PINNED))
def test_status_before_on_and_after_the_deadline(task_id: int) -> None:
    due, before, on, after = PINNED[task_id]
    day_before = Month.of(due).previous().end
    assert label(day_before, task_id) == before
    assert label(due, task_id) == on
    assert label(date.fromordinal(due.toordinal() + 1), task_id) == after


@pytest.mark.parametrize("task_id", sorted(AT_END))
def test_status_at_the_end_of_the_demo_period(task_id: int) -> None:
    assert label(date(2018, 6, 30), task_id) == AT_END[task_id]


def test_completion_reported_later_in_the_month_does_not_count_yet() -> None:
    # 市网信统筹局 reported task 7 done on 2018-06-26 in its June report.
    assert _task(date(2018, 6, 25), 7).state is State.IN_PROGRESS
    done = _task(date(2018, 6, 26), 7)
    assert (done.state, done.completed) == (State.DONE, date(2018, 6, 26))


def test_done_late_carries_the_lead_units_completion_date() -> None:
    status = _task(date(2018, 6, 30), 16)
    assert (status.state, status.completed, status.overdue_days) == (State.DONE_LATE, date(2018, 5, 18), 0)


def test_group_led_task_counts_every_member_of_the_group() -> None:
    # 各市（区）政府 has seven members; 新会区 and 蓬江区 reported task 5 done in March.
    status = _task(date(2018, 6, 30), 5)
    assert (status.done_count, len(status.deciding)) == (2, 7)
    assert status.overdue_days == 91
    done = {u.unit for u in status.units if u.done}
    assert done == {"新会区", "蓬江区"}


def test_task_with_two_lead_units_waits_for_both() -> None:
    status = _task(date(2018, 6, 30), 6)
    assert status.deciding == ("市网信统筹局", "市委机要局")
    assert status.done_count == 0


def test_metrics_show_the_latest_reported_value_against_the_target() -> None:
    metrics = {m.metric: (m.value, m.target) for m in _task(date(2018, 3, 31), 14).metrics}
    assert metrics == {"开放数据集": (335, 500), "数据应用": (24, 30)}


def test_metrics_are_empty_before_anything_is_reported() -> None:
    metrics = _task(date(2017, 11, 30), 13).metrics
    assert [(m.metric, m.value) for m in metrics] == [("开放数据集", None), ("数据应用", None)]


def test_unit_view_lists_only_that_units_duties_and_judges_by_it_alone() -> None:
    tasks = statuses(date(2018, 6, 30), "市审计局")
    assert [t.task.id for t in tasks] == [1, 2, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    # the city-wide task 6 is still open, but 市审计局's own part was done on 2018-06-15
    six = next(t for t in tasks if t.task.id == 6)
    assert (six.state, six.deciding, six.completed) == (State.DONE, ("市审计局",), date(2018, 6, 15))


def test_only_overdue_keeps_overdue_tasks() -> None:
    at = loaded(Month(2018, 6))
    overdue = plan_status(at.usable_plan(), at.ledger, date(2018, 6, 30)).only_overdue().tasks
    assert [t.task.id for t in overdue] == [2, 3, 4, 5]


def test_counts_for_the_summary_line() -> None:
    at = loaded(Month(2018, 6))
    counts = plan_status(at.usable_plan(), at.ledger, date(2018, 6, 30)).counts()
    assert counts == {Standing.DONE: 4, Standing.DONE_LATE: 4, Standing.IN_PROGRESS: 4,
                      Standing.NOT_STARTED: 0, Standing.DUE_THIS_MONTH: 0, Standing.DUE_NOT_DONE: 2,
                      Standing.OVERDUE: 4}
    mid_month = plan_status(at.usable_plan(), at.ledger, date(2018, 6, 29)).counts()
    assert (mid_month[Standing.DUE_THIS_MONTH], mid_month[Standing.DUE_NOT_DONE]) == (2, 0)


def test_missing_reports_are_listed_first() -> None:
    at = loaded(Month(2018, 4))
    items = submissions(at.usable_plan(), at, Month(2018, 4))
    sent = [s.unit for s in items if s.path is not None]
    assert sorted(sent) == sorted(["市网信统筹局", "市审计局", "市公安局", "市人力资源社会保障局", "蓬江区"])
    missing = [s.unit for s in items if s.state is SubmissionState.MISSING]
    assert {"台山市", "新会区"} <= set(missing)
    assert items[0].state is SubmissionState.MISSING
    assert [s.state for s in items[-len(sent):]] == [SubmissionState.SUBMITTED] * len(sent)


# ---- inline plans: what is left out, and the words of the reports that count ---------------

DONE_1 = "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n"


def test_a_report_with_errors_does_not_count_and_is_named(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1.replace("2017-12-20", "2017-12-32"))
    result = status(InMemory(plan.files), date(2017, 12, 31))
    one = next(t for t in result.status.tasks if t.task.id == 1)
    assert one.state is State.NOT_STARTED
    assert [item.path for item in result.left_out] == ["reports/2017-12/市审计局.yaml"]


def test_a_unit_asked_for_by_alias_is_shown_by_its_canonical_name(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", tasks=DONE_1, name="市审计局")
    result = status(InMemory(plan.files), date(2017, 12, 31), "审计局")
    assert result.status.unit == "市审计局"
    assert [t.task.id for t in result.status.tasks] == [1, 2, 4]


def test_a_broken_plan_stops_status(plan: PlanFiles) -> None:
    plan.edit("data/tasks.yaml", "  - id: 3\n", "  - id: 三\n")
    with pytest.raises(BrokenPlanError) as raised:
        status(InMemory(plan.files), date(2018, 6, 30))
    assert [(d.path, d.code) for d in raised.value.diagnostics] == [("data/tasks.yaml", "S003")]


def test_a_month_with_a_broken_report_shows_it_rejected(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 完成了\n")
    plan.report("2017-12", "市公安局", tasks="- task: 1\n  status: 推进中\n")
    plan.report("2017-12", "台山市", name="台山市")
    plan.report("2017-12", "台山市", name="台山")  # two reports of one unit: neither counts
    sent = month_submissions(InMemory(plan.files), Month(2017, 12)).submissions
    states = {s.unit: s.state for s in sent.items}
    assert states == {"市网信统筹局": SubmissionState.MISSING, "蓬江区": SubmissionState.MISSING,
                      "市审计局": SubmissionState.REJECTED, "台山市": SubmissionState.REJECTED,
                      "市公安局": SubmissionState.SUBMITTED}
    assert [s.state for s in sent.items] == sorted((s.state for s in sent.items),
                                                   key=list(SubmissionState).index)
