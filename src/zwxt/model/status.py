"""Where the plan stands: typed results of zwxt status, worded only by the CLI and templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from zwxt.dates import Month
from zwxt.model.plan import PlanTask
from zwxt.model.report import Status


class State(str, Enum):
    """A task's state on a day; the values are the codes of the JSON output."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"


class Standing(str, Enum):
    """What a status line leads with: the state, or that the task falls due this month."""

    DONE = "done"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    DUE_THIS_MONTH = "due_this_month"
    OVERDUE = "overdue"


class Role(str, Enum):
    LEAD = "lead"
    SUPPORT = "support"


@dataclass(frozen=True)
class UnitProgress:
    """One unit's latest word on one task: status None when it has never reported it."""

    unit: str
    role: Role
    deciding: bool  # whether its completion counts towards the task's
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
    task: PlanTask
    state: State
    overdue_days: int
    due_this_month: bool
    completed: date | None
    deciding: tuple[str, ...]  # the units whose completion completes the task
    units: tuple[UnitProgress, ...]
    metrics: tuple[MetricProgress, ...]

    @property
    def done_count(self) -> int:
        return sum(u.done for u in self.units if u.deciding)

    @property
    def standing(self) -> Standing:
        if self.state is State.OVERDUE:
            return Standing.OVERDUE
        if self.due_this_month:
            return Standing.DUE_THIS_MONTH
        return Standing(self.state.value)


@dataclass(frozen=True)
class PlanStatus:
    as_of: date
    unit: str | None
    tasks: list[TaskStatus] = field(default_factory=list)

    def only_overdue(self) -> PlanStatus:
        return PlanStatus(self.as_of, self.unit, [t for t in self.tasks if t.state is State.OVERDUE])

    def counts(self) -> dict[Standing, int]:
        """How many tasks have each standing, in the order summaries give them."""
        found = dict.fromkeys(Standing, 0)
        for status in self.tasks:
            found[status.standing] += 1
        return found


class SubmissionState(str, Enum):
    """Whether a unit's report for a month is in; the values are the JSON codes."""

    MISSING = "missing"
    REJECTED = "rejected"  # there is a file, but it has errors and is left out
    SUBMITTED = "submitted"
    NOT_REQUIRED = "not_required"


@dataclass(frozen=True)
class Submission:
    unit: str
    state: SubmissionState
    path: str | None
    open_tasks: int

    @property
    def owed(self) -> bool:
        return self.open_tasks > 0


@dataclass(frozen=True)
class Submissions:
    month: Month
    unit: str | None
    items: list[Submission]
