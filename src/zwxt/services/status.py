"""zwxt status: where the work plan stands on a given day, computed from the reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from zwxt.dates import Month
from zwxt.model.plan import Plan
from zwxt.model.report import Status, TaskEntry
from zwxt.model.tasks import Task


class State(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class UnitProgress:
    """One unit's latest word on one task: None when it has never reported it."""

    unit: str
    role: str  # "lead" or "support"
    status: Status | None
    completed: date | None
    month: Month | None  # the report it comes from

    @property
    def done(self) -> bool:
        return self.status is Status.DONE


@dataclass(frozen=True)
class MetricProgress:
    metric: str
    value: int | float | None
    target: int | float
    unit: str | None


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    due: date | None
    state: State
    overdue_days: int
    due_this_month: bool
    completed: date | None
    deciding: tuple[str, ...]  # the units whose completion completes the task
    units: tuple[UnitProgress, ...]
    metrics: tuple[MetricProgress, ...]

    @property
    def done_count(self) -> int:
        return sum(u.done for u in self.units if u.unit in self.deciding)

    @property
    def label(self) -> str:
        """The status as the office says it: 已完成、逾期完成、推进中、未启动、逾期 N 天、本月到期."""
        if self.state is State.OVERDUE:
            return f"逾期 {self.overdue_days} 天"
        if self.due_this_month:
            return "本月到期"
        return {State.DONE: "已完成", State.DONE_LATE: "逾期完成", State.IN_PROGRESS: "推进中",
                State.NOT_STARTED: "未启动"}[self.state]


@dataclass(frozen=True)
class PlanStatus:
    as_of: date
    unit: str | None
    tasks: list[TaskStatus] = field(default_factory=list)

    def only_overdue(self) -> PlanStatus:
        return PlanStatus(self.as_of, self.unit,
                          [t for t in self.tasks if t.state is State.OVERDUE])

    def counts(self) -> dict[str, int]:
        """How many tasks stand in each state, in the order the summary line gives them."""
        order = ["已完成", "逾期完成", "推进中", "未启动", "本月到期", "逾期"]
        found = {label: 0 for label in order}
        for status in self.tasks:
            found["逾期" if status.state is State.OVERDUE else status.label] += 1
        return found


def plan_status(plan: Plan, as_of: date, unit: str | None = None) -> PlanStatus:
    """Every task's state on ``as_of``; with ``unit``, that unit's own obligations only."""
    month = Month.of(as_of)
    latest = _latest_entries(plan, month, as_of)
    result = []
    for task in plan.task_list:
        leads = plan.lead_units.get(task.id, ())
        responsible = plan.directory.expand([*task.lead, *task.support])
        if unit is not None and unit not in responsible:
            continue
        deciding = (unit,) if unit is not None else leads
        result.append(_task_status(plan, task, as_of, deciding, leads, responsible, latest))
    return PlanStatus(as_of, unit, result)


def _latest_entries(plan: Plan, month: Month, as_of: date
                    ) -> dict[tuple[str, int], tuple[Month, TaskEntry]]:
    """Each unit's latest entry per task among its reports up to ``month``.

    A report for the as-of month may already tell of work finished after the as-of day:
    such a completion does not count yet.
    """
    latest: dict[tuple[str, int], tuple[Month, TaskEntry]] = {}
    for unit in plan.directory.units:
        for report in plan.history(unit):
            if report.model.month > month:
                break
            for entry in report.model.tasks:
                if entry.status is Status.DONE and entry.completed and entry.completed > as_of:
                    entry = entry.model_copy(update={"status": Status.IN_PROGRESS,
                                                     "completed": None})
                previous = latest.get((unit, entry.task))
                # a task once reported done may be left out of later reports
                if previous is None or previous[1].status is not Status.DONE or \
                        entry.status is not Status.DONE:
                    latest[(unit, entry.task)] = (report.model.month, entry)
    return latest


def _task_status(plan: Plan, task: Task, as_of: date, deciding: tuple[str, ...],
                 leads: tuple[str, ...], responsible: Iterable[str],
                 latest: dict[tuple[str, int], tuple[Month, TaskEntry]]) -> TaskStatus:
    units = tuple(_progress(unit, "lead" if unit in leads else "support", latest.get((unit, task.id)))
                  for unit in responsible)
    deciders = [u for u in units if u.unit in deciding]
    due = plan.due.get(task.id)
    done = bool(deciders) and all(u.done for u in deciders)
    completed = max((u.completed for u in deciders if u.completed), default=None) if done else None
    if done:
        state = State.DONE_LATE if due and completed and completed > due else State.DONE
    elif due is not None and as_of > due:
        state = State.OVERDUE
    elif any(u.status in (Status.IN_PROGRESS, Status.DONE) for u in units):
        state = State.IN_PROGRESS
    else:
        state = State.NOT_STARTED
    overdue = (as_of - due).days if state is State.OVERDUE and due else 0
    this_month = (not done and due is not None and as_of <= due
                  and Month.of(due) == Month.of(as_of))
    return TaskStatus(task, due, state, overdue, this_month, completed, deciding, units,
                      _metrics(task, deciders, latest))


def _progress(unit: str, role: str, found: tuple[Month, TaskEntry] | None) -> UnitProgress:
    if found is None:
        return UnitProgress(unit, role, None, None, None)
    month, entry = found
    return UnitProgress(unit, role, entry.status, entry.completed, month)


def _metrics(task: Task, deciders: list[UnitProgress],
             latest: dict[tuple[str, int], tuple[Month, TaskEntry]]) -> tuple[MetricProgress, ...]:
    """The latest reported value of each target, summed over the deciding units."""
    result = []
    for target in task.targets:
        values = []
        for unit in deciders:
            found = latest.get((unit.unit, task.id))
            value = found[1].metrics.get(target.metric) if found else None
            if value is not None:
                values.append(value)
        result.append(MetricProgress(target.metric, sum(values) if values else None,
                                     target.target, target.unit))
    return tuple(result)


@dataclass(frozen=True)
class Submission:
    """Whether a unit's report for a month is there."""

    unit: str
    owed: bool
    path: str | None
    open_tasks: int

    @property
    def label(self) -> str:
        if self.path is not None:
            return "已报送"
        return "未报送" if self.owed else "无需报送"


def submissions(plan: Plan, month: Month) -> list[Submission]:
    """Every unit that owed a report for ``month`` or sent one, missing ones first.

    A unit owes a report while any task it leads or supports is still open for it, that is,
    not reported done in an earlier month.
    """
    sent: dict[str, str] = {}
    for report in plan.reports:
        owner = plan.directory.resolve(report.model.unit)
        if owner is not None and report.model.month == month:
            sent.setdefault(owner, report.path)
    result = []
    for unit in plan.directory.units:
        done = plan.done_before(unit, month)
        open_tasks = sum(task.id not in done for task in plan.duties(unit))
        if open_tasks or unit in sent:
            result.append(Submission(unit, open_tasks > 0, sent.get(unit), open_tasks))
    return sorted(result, key=lambda s: (s.path is not None, not s.owed))

