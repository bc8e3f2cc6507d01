"""Where the plan stands: typed results of zwxt status, worded only by the CLI and templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from zwxt.dates import DEFAULT_REPORT_DUE, Month
from zwxt.plan.report import Status
from zwxt.plan.resolved import PlanTask


class State(str, Enum):
    """A task's state on a day; the values are the codes of the JSON output."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"


class Standing(str, Enum):
    """What a status line leads with: the state, or where an open task stands against its deadline."""

    DONE = "done"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    DUE_THIS_MONTH = "due_this_month"  # open, its deadline later this month
    DUE_NOT_DONE = "due_not_done"  # open on its deadline day: 到期未完成
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Verdict:
    """Where work on a task stands on a day, for the whole task or for one unit's part of it."""

    state: State
    standing: Standing
    overdue_days: int


def judge(due: date | None, as_of: date, done: bool, completed: date | None, started: bool) -> Verdict:
    """The one judgement of a task's state against its deadline, used by status and every document.

    Done late when completed after the due day; overdue when open after it, by whole days;
    on the due day itself, open work is 到期未完成 rather than overdue.
    """
    if done:
        state = State.DONE_LATE if due and completed and completed > due else State.DONE
    elif due is not None and as_of > due:
        state = State.OVERDUE
    else:
        state = State.IN_PROGRESS if started else State.NOT_STARTED
    if state is State.OVERDUE:
        assert due is not None
        return Verdict(state, Standing.OVERDUE, (as_of - due).days)
    if not done and due == as_of:
        return Verdict(state, Standing.DUE_NOT_DONE, 0)
    if not done and due is not None and Month.of(due) == Month.of(as_of):
        return Verdict(state, Standing.DUE_THIS_MONTH, 0)
    return Verdict(state, Standing(state.value), 0)


class Role(str, Enum):
    LEAD = "lead"
    SUPPORT = "support"


@dataclass(frozen=True)
class UnitProgress:
    """One unit's latest statement on one task: status None when it has never reported it."""

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
    verdict: Verdict
    completed: date | None
    deciding: tuple[str, ...]  # the units whose completion completes the task
    units: tuple[UnitProgress, ...]
    metrics: tuple[MetricProgress, ...]

    @property
    def state(self) -> State:
        return self.verdict.state

    @property
    def standing(self) -> Standing:
        return self.verdict.standing

    @property
    def overdue_days(self) -> int:
        return self.verdict.overdue_days

    @property
    def due_this_month(self) -> bool:
        """Open, and due later this month or today."""
        return self.standing in (Standing.DUE_THIS_MONTH, Standing.DUE_NOT_DONE)

    @property
    def done_count(self) -> int:
        return sum(u.done for u in self.units if u.deciding)


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


class Timing(str, Enum):
    """Whether a report came in by its due day; the values are JSON codes."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_SUBMITTED = "not_submitted"  # no file
    NOT_COMMITTED = "not_committed"  # a file in the folder that no commit of the main line added
    UNKNOWN = "unknown"  # no git history, or no due day (the calendar): Submissions.notes say why


class DatesNote(str, Enum):
    """Why submission dates or the due day are unknown; the values are JSON codes."""

    NOT_A_REPOSITORY = "not_a_repository"
    NO_COMMITS = "no_commits"
    SHALLOW = "shallow"
    OUTSIDE_CALENDAR = "outside_calendar"


@dataclass(frozen=True)
class Submission:
    unit: str
    state: SubmissionState
    path: str | None
    open_tasks: int
    submitted_on: date | None = None  # the day the commit adding the file reached the main line
    due_on: date | None = None

    @property
    def owed(self) -> bool:
        return self.open_tasks > 0

    @property
    def late_days(self) -> int | None:
        """Days past the due day (0 when on time); None when either date is unknown."""
        if self.submitted_on is None or self.due_on is None:
            return None
        return max(0, (self.submitted_on - self.due_on).days)

    def timing(self, history: bool) -> Timing:
        """``history``: whether the repository's history could be read at all."""
        if self.path is None:
            return Timing.NOT_SUBMITTED
        if history and self.submitted_on is None:
            return Timing.NOT_COMMITTED
        late = self.late_days
        if late is None:
            return Timing.UNKNOWN
        return Timing.LATE if late else Timing.ON_TIME


@dataclass(frozen=True)
class Submissions:
    month: Month
    unit: str | None
    items: list[Submission]
    due_on: date | None = None
    report_due: str = DEFAULT_REPORT_DUE  # the plan's words
    notes: tuple[DatesNote, ...] = ()
    calendar_years: tuple[int, int] | None = None  # the years the calendar knows, for OUTSIDE_CALENDAR

    @property
    def history(self) -> bool:
        unknown = {DatesNote.NOT_A_REPOSITORY, DatesNote.NO_COMMITS, DatesNote.SHALLOW}
        return not unknown & set(self.notes)

    def timing(self, item: Submission) -> Timing:
        return item.timing(self.history)
