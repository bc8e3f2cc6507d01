"""zwxt status on the bundled demo data: every Annex-1 task before, on and after its deadline.

The expectations were worked out by hand from the reports under reports/: "before" is the
last day of the month before the deadline's month, "on" the deadline, "after" the day after.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zwxt.dates import Month
from zwxt.io.loader import load_plan
from zwxt.io.repo import Repository
from zwxt.model.plan import Plan
from zwxt.services.status import State, TaskStatus, plan_status, submissions

ROOT = Path(__file__).resolve().parents[2]

#        task: (due,        before,        on,        after)       with labels as the office reads them
PINNED: dict[int, tuple[date, str, str, str]] = {
    1: (date(2017, 12, 31), "未启动", "已完成", "已完成"),
    2: (date(2017, 12, 31), "未启动", "本月到期", "逾期 1 天"),
    3: (date(2017, 12, 31), "未启动", "本月到期", "逾期 1 天"),
    4: (date(2018, 3, 31), "推进中", "本月到期", "逾期 1 天"),
    5: (date(2018, 3, 31), "推进中", "本月到期", "逾期 1 天"),
    6: (date(2018, 6, 30), "推进中", "本月到期", "逾期 1 天"),
    7: (date(2018, 6, 30), "推进中", "已完成", "已完成"),
    8: (date(2018, 12, 31), "推进中", "本月到期", "逾期 1 天"),
    9: (date(2018, 12, 31), "推进中", "本月到期", "逾期 1 天"),
    10: (date(2017, 12, 31), "未启动", "本月到期", "逾期 1 天"),
    11: (date(2018, 6, 30), "推进中", "本月到期", "逾期 1 天"),
    12: (date(2018, 6, 30), "推进中", "已完成", "已完成"),
    13: (date(2017, 12, 31), "未启动", "本月到期", "逾期 1 天"),
    14: (date(2018, 12, 31), "推进中", "本月到期", "逾期 1 天"),
    15: (date(2018, 2, 28), "推进中", "已完成", "已完成"),
    16: (date(2018, 4, 30), "推进中", "本月到期", "逾期 1 天"),
    17: (date(2017, 12, 31), "未启动", "本月到期", "逾期 1 天"),
    18: (date(2018, 12, 31), "推进中", "本月到期", "逾期 1 天"),
}

# At the end of the demo period, 2018-06-30.
AT_END = {
    1: "已完成", 2: "逾期 181 天", 3: "逾期 181 天", 4: "逾期 91 天", 5: "逾期 91 天",
    6: "本月到期", 7: "已完成", 8: "推进中", 9: "推进中", 10: "逾期完成", 11: "本月到期",
    12: "已完成", 13: "逾期完成", 14: "推进中", 15: "已完成", 16: "逾期完成", 17: "逾期完成",
    18: "推进中",
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(Repository(ROOT)).plan


def _task(plan: Plan, day: date, task_id: int, unit: str | None = None) -> TaskStatus:
    return next(t for t in plan_status(plan, day, unit).tasks if t.task.id == task_id)


def test_every_annex1_task_is_pinned(plan: Plan) -> None:
    assert sorted(PINNED) == [t.id for t in plan.task_list]
    assert all(plan.due[i] == due for i, (due, *_) in PINNED.items())


@pytest.mark.parametrize("task_id", sorted(PINNED))
def test_status_before_on_and_after_the_deadline(plan: Plan, task_id: int) -> None:
    due, before, on, after = PINNED[task_id]
    day_before = Month.of(due).previous().end
    assert _task(plan, day_before, task_id).label == before
    assert _task(plan, due, task_id).label == on
    assert _task(plan, date.fromordinal(due.toordinal() + 1), task_id).label == after


@pytest.mark.parametrize("task_id", sorted(AT_END))
def test_status_at_the_end_of_the_demo_period(plan: Plan, task_id: int) -> None:
    assert _task(plan, date(2018, 6, 30), task_id).label == AT_END[task_id]


def test_completion_reported_later_in_the_month_does_not_count_yet(plan: Plan) -> None:
    # 市网信统筹局 reported task 7 done on 2018-06-26 in its June report.
    assert _task(plan, date(2018, 6, 25), 7).state is State.IN_PROGRESS
    done = _task(plan, date(2018, 6, 26), 7)
    assert (done.state, done.completed) == (State.DONE, date(2018, 6, 26))


def test_done_late_carries_the_lead_units_completion_date(plan: Plan) -> None:
    status = _task(plan, date(2018, 6, 30), 16)
    assert (status.state, status.completed, status.overdue_days) == (State.DONE_LATE, date(2018, 5, 18), 0)


def test_group_led_task_counts_every_member_of_the_group(plan: Plan) -> None:
    # 各市（区）政府 has seven members; 新会区 and 蓬江区 reported task 5 done in March.
    status = _task(plan, date(2018, 6, 30), 5)
    assert (status.done_count, len(status.deciding)) == (2, 7)
    assert status.overdue_days == 91
    done = {u.unit for u in status.units if u.done}
    assert done == {"新会区", "蓬江区"}


def test_task_with_two_lead_units_waits_for_both(plan: Plan) -> None:
    status = _task(plan, date(2018, 6, 30), 6)
    assert status.deciding == ("市网信统筹局", "市委机要局")
    assert status.done_count == 0


def test_metrics_show_the_latest_reported_value_against_the_target(plan: Plan) -> None:
    metrics = {m.metric: (m.value, m.target) for m in _task(plan, date(2018, 3, 31), 14).metrics}
    assert metrics == {"开放数据集": (335, 500), "数据应用": (24, 30)}


def test_metrics_are_empty_before_anything_is_reported(plan: Plan) -> None:
    metrics = _task(plan, date(2017, 11, 30), 13).metrics
    assert [(m.metric, m.value) for m in metrics] == [("开放数据集", None), ("数据应用", None)]


def test_unit_view_lists_only_that_units_duties_and_judges_by_it_alone(plan: Plan) -> None:
    tasks = plan_status(plan, date(2018, 6, 30), "市审计局").tasks
    assert [t.task.id for t in tasks] == [1, 2, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18]
    # the city-wide task 6 is still open, but 市审计局's own part was done on 2018-06-15
    six = next(t for t in tasks if t.task.id == 6)
    assert (six.state, six.deciding, six.completed) == (State.DONE, ("市审计局",), date(2018, 6, 15))


def test_only_overdue_keeps_overdue_tasks(plan: Plan) -> None:
    overdue = plan_status(plan, date(2018, 6, 30)).only_overdue().tasks
    assert [t.task.id for t in overdue] == [2, 3, 4, 5]


def test_counts_for_the_summary_line(plan: Plan) -> None:
    counts = plan_status(plan, date(2018, 6, 30)).counts()
    assert counts == {"已完成": 4, "逾期完成": 4, "推进中": 4, "未启动": 0, "本月到期": 2, "逾期": 4}


def test_missing_reports_are_listed_first(plan: Plan) -> None:
    items = submissions(plan, Month(2018, 4))
    sent = [s.unit for s in items if s.path is not None]
    assert sorted(sent) == sorted(["市网信统筹局", "市审计局", "市公安局", "市人力资源社会保障局", "蓬江区"])
    missing = [s.unit for s in items if s.label == "未报送"]
    assert {"台山市", "新会区"} <= set(missing)
    assert items[0].label == "未报送"
    assert [s.label for s in items[-len(sent):]] == ["已报送"] * len(sent)
