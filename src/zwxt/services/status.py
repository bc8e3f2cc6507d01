"""zwxt status: where the work plan stands on a given day, and who owed a report for a month."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from zwxt.dates import Month, OutsideCalendarError, chinese_date, parse_report_due
from zwxt.errors import UsageError
from zwxt.load import LeftOut, LoadedPlan, load
from zwxt.plan.ledger import Ledger, Statement, open_duties
from zwxt.plan.report import Status
from zwxt.plan.resolved import Plan, PlanTask
from zwxt.plan.status import (
    DatesNote,
    MetricProgress,
    PlanStatus,
    Role,
    Submission,
    Submissions,
    SubmissionState,
    TaskStatus,
    UnitProgress,
    judge,
)
from zwxt.services.lookup import resolve_unit
from zwxt.services.ownership import received_day
from zwxt.store.git import Arrivals, NoHistory, first_added
from zwxt.store.repo import Repository, Source
from zwxt.wording import dates_notes


@dataclass(frozen=True)
class StatusReport:
    """What ``zwxt status`` shows, and the files it had to leave out."""

    status: PlanStatus
    left_out: list[LeftOut]


@dataclass(frozen=True)
class SubmissionsReport:
    submissions: Submissions
    left_out: list[LeftOut]


def status(source: Source, as_of: date, unit: str | None = None) -> StatusReport:
    """Every task's state on ``as_of`` (with ``unit``, that unit's own tasks), from the reports."""
    loaded = load(source, until=Month.of(as_of), accept=unit_check(unit))
    plan = loaded.usable_plan()
    who = resolve_unit(plan, unit) if unit is not None else None
    return StatusReport(plan_status(plan, loaded.ledger, as_of, who), loaded.left_out)


def month_submissions(source: Source, month: Month, unit: str | None = None) -> SubmissionsReport:
    """Which units owed a report for ``month``, whether it is in and whether in time, missing ones first.

    A report's submission day is the day the commit adding it reached the main line of the
    repository's git history (store.git.first_added says which date and why), or the day the
    coordinator received it when committed on its unit's behalf (``submission_days``); the due day is
    the plan's ``report_due`` for ``month``. Either is None when it cannot be known (not a
    git repository, or a year the working-day calendar does not cover), and
    ``Submissions.notes`` say why.
    """
    loaded = load(source, until=month, accept=unit_check(unit))
    plan = loaded.usable_plan()
    who = resolve_unit(plan, unit) if unit is not None else None
    return SubmissionsReport(judge_submissions(source, plan, loaded, month, who), loaded.left_out)


def unit_check(unit: str | None) -> Callable[[Plan], object] | None:
    """A unit asked for is refused before the reports are read (``load``'s ``accept``)."""
    return None if unit is None else lambda plan: resolve_unit(plan, unit)


def judge_submissions(source: Source, plan: Plan, loaded: LoadedPlan, month: Month,
                      who: str | None = None) -> Submissions:
    """``submissions`` with each report's day of arrival and the month's due day, and why either
    is unknown: ``month_submissions`` on a plan already loaded up to ``month``, for the
    canonical unit ``who`` alone when given."""
    notes: list[DatesNote] = []
    arrivals = first_added(source.root) if isinstance(source, Repository) else None
    if arrivals is None or arrivals.missing is NoHistory.NOT_A_REPOSITORY:
        notes.append(DatesNote.NOT_A_REPOSITORY)
    elif arrivals.missing is NoHistory.NO_COMMITS:
        notes.append(DatesNote.NO_COMMITS)
    elif arrivals.missing is NoHistory.SHALLOW:
        notes.append(DatesNote.SHALLOW)
    due = month_due(plan, month)
    dates = submission_days(plan, arrivals) if arrivals is not None else {}
    items = [s for s in submissions(plan, loaded, month, dates, due.due_on) if who is None or s.unit == who]
    return Submissions(month, who, items, due.due_on, due.report_due, (*notes, *due.notes),
                       due.calendar_years)


def submission_days(plan: Plan, arrivals: Arrivals) -> dict[str, date]:
    """The day each file was submitted: the day it reached the main line, or, for a report the
    coordinator's maintainer committed as received on its unit's behalf, the day the commit's
    trailers say it was received (``services.ownership.received_day``: never after the commit,
    nor before the report's month; a day that cannot be true leaves the main line's day, G109)."""
    days = dict(arrivals.dates)
    for path, commit in arrivals.received.items():
        said = received_day(plan, commit, path)
        if said is not None and path in days:
            days[path] = min(said, days[path])
    return days


def month_due(plan: Plan, month: Month) -> Submissions:
    """The day ``month``'s reports are due by the plan's ``report_due``, or why it cannot be
    known, with no report: what a document's date is judged by (``document_day``) before any
    report is read."""
    try:
        return Submissions(month, None, [], parse_report_due(plan.info.report_due).due_on(month),
                           plan.info.report_due)
    except OutsideCalendarError as exc:
        years = (exc.first, exc.last) if exc.first is not None and exc.last is not None else None
        return Submissions(month, None, [], None, plan.info.report_due, (DatesNote.OUTSIDE_CALENDAR,), years)


def document_day(items: Submissions, day: date | None, what: str, today: date | None = None) -> date:
    """The date of a document about ``items.month`` (``what``: 督办通知, 通报, 汇总): the day
    given, or the day after the due day; never a day before the facts are true, nor after
    ``today`` (by default the clock's), whose facts are not known yet.

    The documents speak of the month's last day and of its reports as missing or late, so
    their date is after both the month and the due day (a plan whose reports are due within
    the month, 每月25日前, dates them after the month's end). UsageError says why a day is
    refused, or that the due day, and so the default, cannot be known.
    """
    month, due = items.month, items.due_on
    if day is None:
        if due is None:
            [why] = [n for n, note in zip(dates_notes(items), items.notes, strict=True)
                     if note is DatesNote.OUTSIDE_CALENDAR]
            raise UsageError(f"{what}的日期默认为{month.chinese}报告报送期限的次日，而报送期限无法确定",
                             why + "；也可以直接给出通知的日期")
        return _not_after(max(due, month.end) + timedelta(days=1), today or date.today(), what, month)
    if day <= month.end:
        raise UsageError(f"日期{chinese_date(day)}不在{month.chinese}之后："
                         f"{what}说的是该月月底的情况",
                         f"请给出{chinese_date(month.end + timedelta(days=1))}或以后的日期")
    if due is not None and day <= due:
        raise UsageError(f"日期{chinese_date(day)}不在{month.chinese}报告的报送期限"
                         f"（{chinese_date(due)}）之后：那时未报送的报告还不算逾期",
                         f"请给出{chinese_date(due + timedelta(days=1))}或以后的日期")
    return _not_after(day, today or date.today(), what, items.month)


def _not_after(day: date, today: date, what: str, month: Month) -> date:
    if day > today:
        raise UsageError(f"{what}的日期{chinese_date(day)}晚于今天（{chinese_date(today)}）："
                         "那一天的情况现在还不知道",
                         f"请在{chinese_date(day)}以后再生成，或用 --date 给出今天或以前、"
                         f"{month.chinese}报告报送期限之后的日期")
    return day


def plan_status(plan: Plan, ledger: Ledger, as_of: date, unit: str | None = None) -> PlanStatus:
    """Every task's state on ``as_of``; with ``unit``, that unit's own obligations only.

    ``ledger`` holds the reports up to the month of ``as_of``. A report of that month may
    already tell of work finished after the day: such a completion does not count yet.
    """
    def statement_on(who: str, task: int) -> Statement | None:
        said = ledger.statement(who, task)
        if said is not None and said.done and said.completed is not None and said.completed > as_of:
            return Statement(said.task, Status.IN_PROGRESS, None, said.progress, said.metrics,
                             said.month, said.path)
        return said

    result = []
    for task in plan.tasks:
        if unit is not None and not plan.is_duty(unit, task.id):
            continue
        deciding = (unit,) if unit is not None else task.leads
        result.append(_task_status(plan, task, as_of, deciding, statement_on))
    return PlanStatus(as_of, unit, result)


def _task_status(plan: Plan, task: PlanTask, as_of: date, deciding: tuple[str, ...],
                 statement_on: Callable[[str, int], Statement | None]) -> TaskStatus:
    statements = {unit: statement_on(unit, task.id) for unit in task.responsible}
    chosen = set(deciding)
    units = tuple(_progress(unit, Role.LEAD if plan.is_lead(unit, task.id) else Role.SUPPORT,
                            unit in chosen, statements[unit]) for unit in task.responsible)
    deciders = [u for u in units if u.deciding]
    done = bool(deciders) and all(u.done for u in deciders)
    completed = max((u.completed for u in deciders if u.completed), default=None) if done else None
    started = any(u.status in (Status.IN_PROGRESS, Status.DONE) for u in units)
    verdict = judge(task.due, as_of, done, completed, started)
    metrics = metric_progress(task, [statements[u.unit] for u in deciders])
    return TaskStatus(task, verdict, completed, deciding, units, metrics)


def _progress(unit: str, role: Role, deciding: bool, statement: Statement | None) -> UnitProgress:
    if statement is None:
        return UnitProgress(unit, role, deciding, None, None, None)
    return UnitProgress(unit, role, deciding, statement.status, statement.completed, statement.month)


def metric_progress(task: PlanTask, statements: list[Statement | None]) -> tuple[MetricProgress, ...]:
    """Each target with the value the statements report, summed over them (None when none does)."""
    result = []
    for target in task.targets:
        values = [v for w in statements if w is not None and (v := w.metric(target.metric)) is not None]
        result.append(MetricProgress(target.metric, sum(values) if values else None,
                                     target.target, target.unit))
    return tuple(result)


def submissions(plan: Plan, loaded: LoadedPlan, month: Month, dates: Mapping[str, date] | None = None,
                due: date | None = None) -> list[Submission]:
    """Every unit that owed a report for ``month`` or sent one, missing ones first.

    A unit owes a report while any task it leads or supports was still open for it when the
    month began. A report with errors is there, but left out (REJECTED); so are both of two
    reports of one unit for one month. ``dates``: the day each file reached the main line;
    of two reports of one unit, the first to arrive counts.
    """
    if loaded.month != month:
        raise ValueError(f"submissions for {month} need the plan loaded up to {month}")
    sent: dict[str, list[tuple[str, bool]]] = {}
    for ref in loaded.month_reports:
        if ref.unit is not None:
            sent.setdefault(ref.unit, []).append((ref.path, ref.trusted))
    result = []
    for unit in plan.units:
        open_tasks = len(open_duties(plan, loaded.ledger, unit, month))
        files = sent.get(unit, [])
        if files and all(trusted for _, trusted in files):
            state = SubmissionState.SUBMITTED
        elif files:
            state = SubmissionState.REJECTED
        elif open_tasks:
            state = SubmissionState.MISSING
        else:
            continue
        arrived = sorted(d for path, _ in files if dates and (d := dates.get(path)) is not None)
        result.append(Submission(unit, state, files[0][0] if files else None, open_tasks,
                                 arrived[0] if arrived else None, due))
    order = list(SubmissionState)
    return sorted(result, key=lambda s: order.index(s.state))
