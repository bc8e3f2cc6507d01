"""zwxt notice: 督办通知 to the units behind on the plan, and the month's 通报, as Word and Markdown.

The facts are those of ``zwxt status``, taken from the same functions: a unit's overdue tasks
are what plan_status says of the unit on the month's last day, and its report for the month
is judged as ``zwxt status --month`` judges it (judge_submissions: git dates, the plan's
report_due). Both documents are in the letter format (信函格式: the ``@letterhead``
directive), issued by the plan's coordinator, and go through the same outline templates,
writers and atomic writes as ``zwxt render``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zwxt.dates import Month, OutsideCalendarError, add_workdays
from zwxt.diagnostics import Diagnostic, is_error
from zwxt.documents.document_files import Document
from zwxt.errors import UsageError
from zwxt.load import LoadedPlan, load
from zwxt.plan.resolved import Plan, PlanTask
from zwxt.plan.status import PlanStatus, Role, State, Submission, Submissions, TaskStatus, Timing
from zwxt.services.outline import title_lines
from zwxt.services.render import OutputFormat, Progress, outline_blocks, refuse_folders, write_document
from zwxt.services.status import document_day, judge_submissions, month_due, plan_status
from zwxt.store import layout
from zwxt.store.repo import Repository, Source, child
from zwxt.wording import reply_calendar_problem

NOTICE_TEMPLATE = "notice.outline.j2"
CIRCULAR_TEMPLATE = "circular.outline.j2"
NOTICE_FOLDER = "督办通知"
CIRCULAR_NAME = "通报"


@dataclass(frozen=True)
class OverdueTask:
    """A task past its deadline that the unit has not reported done, and the unit's part in it."""

    status: TaskStatus  # the unit's own, on the month's last day
    role: Role

    @property
    def task(self) -> PlanTask:
        return self.status.task


@dataclass(frozen=True)
class UnitStanding:
    """Where one unit stands at the month's end: its report for the month and its overdue tasks."""

    unit: str
    submission: Submission | None  # None: it owed no report for the month and sent none
    timing: Timing | None
    overdue: tuple[OverdueTask, ...]

    @property
    def missing(self) -> bool:
        """No report on the main line: none at all, or one in the folder never committed."""
        return self.timing in (Timing.NOT_SUBMITTED, Timing.NOT_COMMITTED)

    @property
    def late(self) -> bool:
        """A report it owed came in after the due day (a report nobody asked for is never late)."""
        return self.timing is Timing.LATE and self.submission is not None and self.submission.owed

    @property
    def behind(self) -> bool:
        return bool(self.overdue) or self.missing or self.late


@dataclass(frozen=True)
class Supervision:
    """What a month's notices and circular say: the facts as of the month's last day."""

    plan: Plan
    month: Month
    day: date  # the documents' date
    reply_by: date  # the day by which a written reply is asked for
    issuer: str  # the coordinator's full name
    coordinator: str  # its canonical name
    submissions: Submissions
    status: PlanStatus  # the whole plan on the month's last day
    standings: list[UnitStanding]  # best first: no report missing, none late, fewest overdue tasks

    @property
    def to_notify(self) -> list[UnitStanding]:
        """Units behind, in the order of units.yaml; the coordinator sends no notice to itself."""
        order = {unit: i for i, unit in enumerate(self.plan.units)}
        behind = [s for s in self.standings if s.behind and s.unit != self.coordinator]
        return sorted(behind, key=lambda s: order[s.unit])

    @property
    def uncommitted(self) -> list[str]:
        """Units whose report is in the folder but in no commit of the main line: counted missing."""
        return [s.unit for s in self.standings if s.timing is Timing.NOT_COMMITTED]

    @property
    def arrived_after(self) -> list[Submission]:
        """Late reports that reached the main line only after the documents' date."""
        return [s.submission for s in self.standings
                if s.late and s.submission is not None and s.submission.submitted_on is not None
                and s.submission.submitted_on > self.day]


@dataclass(frozen=True)
class Noticed:
    written: list[Path]
    units: list[str] = field(default_factory=list)  # given a notice, or in the circular's table
    errors: list[Diagnostic] = field(default_factory=list)  # why nothing was written
    facts: Supervision | None = None  # None when errors stopped it


def render_notices(repo: Repository, month: Month, formats: list[OutputFormat], out: Path | None = None,
                   templates: Path | None = None, day: date | None = None,
                   progress: Progress | None = None, today: date | None = None) -> Noticed:
    """A 督办通知 for each unit behind at the end of ``month`` (``notice_documents``), in
    output/YYYY-MM/督办通知/.

    Nothing is written when any file has errors: they come back in ``errors``. With ``out``,
    the 督办通知 folder goes there instead of output/YYYY-MM/. A folder standing where one of
    the files goes stops it before anything is written.
    """
    loaded, errors, dated = supervision_load(repo, month, day, today, "督办通知")
    if errors:
        return Noticed([], errors=errors)
    facts = supervise(repo, loaded, month, day, today, dated=dated)
    documents = notice_documents(facts, repo, templates)
    folder = child(out, NOTICE_FOLDER) if out is not None else repo.output_dir(month, NOTICE_FOLDER)
    refuse_folders([child(folder, f"{unit}.{fmt.value}") for unit in documents for fmt in formats])
    written: list[Path] = []
    for index, (unit, document) in enumerate(documents.items(), start=1):
        paths = write_document(document, folder, unit, formats)
        written += paths
        if progress is not None:
            progress(paths, index, len(documents))
    return Noticed(written, list(documents), facts=facts)


def render_circular(repo: Repository, month: Month, formats: list[OutputFormat], out: Path | None = None,
                    templates: Path | None = None, day: date | None = None, today: date | None = None
                    ) -> Noticed:
    """The month's 通报 for the whole plan (``circular_document``), output/YYYY-MM/通报; nothing
    when no unit owed a report or has an overdue task, or when any file has errors (``errors``)."""
    loaded, errors, dated = supervision_load(repo, month, day, today, CIRCULAR_NAME)
    if errors:
        return Noticed([], errors=errors)
    facts = supervise(repo, loaded, month, day, today, CIRCULAR_NAME, dated)
    document = circular_document(facts, repo, templates)
    if document is None:
        return Noticed([], facts=facts)
    folder = out if out is not None else repo.output_dir(month)
    written = write_document(document, folder, CIRCULAR_NAME, formats)
    return Noticed(written, [s.unit for s in facts.standings], facts=facts)


# The plan loaded up to the month, given ``load``'s ``accept``: ``load`` itself, or a handle's
# load it keeps (services.workplan).
LoadUpTo = Callable[[Callable[[Plan], object]], LoadedPlan]


def supervision_load(source: Source, month: Month, day: date | None, today: date | None, what: str,
                     load_up_to: LoadUpTo | None = None
                     ) -> tuple[LoadedPlan, list[Diagnostic], tuple[date, date]]:
    """The plan up to ``month``, every error in it, and the documents' dates (``_dated``): a
    notice accuses a unit, so it is made from no file that ``zwxt check`` rejects (a report
    left out could hide a task done). The dates are judged before any report is read (``load``'s
    ``accept``). ``day`` and ``today`` as in ``supervise``."""
    dated: list[tuple[date, date]] = []

    def accept(plan: Plan) -> None:
        dated.append(_dated(source, plan, month, day, today, what))

    loaded = load(source, until=month, accept=accept) if load_up_to is None else load_up_to(accept)
    loaded.usable_plan()  # (a usable plan was given to accept)
    return loaded, [d for d in loaded.diagnostics if is_error(d)], dated[0]


def supervise(source: Source, loaded: LoadedPlan, month: Month, day: date | None = None,
              today: date | None = None, what: str = "督办通知",
              dated: tuple[date, date] | None = None) -> Supervision:
    """The facts of ``month``'s notices from ``source`` loaded up to it; ``what`` names the
    documents in messages; ``dated``, the dates ``_dated`` gave already.

    ``day`` is the documents' date (by default the day after the month's due day); ``today``
    (for tests; by default the clock's) bounds it: a notice cannot speak of a day still to come.

    Raises UsageError when the documents cannot be dated: no coordinator to issue them, a
    date before the facts or after today, a month before the plan's first reports, or
    working days the holiday calendar does not cover.
    """
    plan = loaded.usable_plan()
    day, reply_by = dated if dated is not None else _dated(source, plan, month, day, today, what)
    assert plan.coordinator is not None  # (_dated refuses a plan without one)
    coordinator = plan.coordinator
    items = judge_submissions(source, plan, loaded, month)
    unit = plan.directory.units[coordinator]
    return Supervision(plan, month, day, reply_by, unit.full_name or unit.name, coordinator, items,
                       plan_status(plan, loaded.ledger, month.end), _standings(plan, loaded, month, items))


def _dated(source: Source, plan: Plan, month: Month, day: date | None = None, today: date | None = None,
          what: str = "督办通知") -> tuple[date, date]:
    """The documents' date and the day a reply is asked by, as in ``supervise``, from the plan
    alone: judged before any report is read, a date refused writes nothing. UsageError as
    ``supervise`` says."""
    first = _first_month(source)
    if first is not None and month < first:
        raise UsageError(f"{month.chinese}早于仓库中最早的报告（{first.chinese}），"
                         "那时还没有开始报送进展报告", f"请给出{first.chinese}或以后的月份")
    if plan.coordinator is None:
        raise UsageError("工作方案没有写统筹单位（data/tasks.yaml 的 plan.coordinator），"
                         "督办通知和通报没有发文单位",
                         "请在 plan.coordinator 中写明统筹单位，它须是 data/units.yaml 中的单位")
    day = document_day(month_due(plan, month), day, what, today)
    try:
        return day, add_workdays(day, plan.info.notice_reply_days)
    except OutsideCalendarError as exc:
        years = (exc.first, exc.last) if exc.first is not None and exc.last is not None else None
        raise UsageError(reply_calendar_problem(plan.info.notice_reply_days, exc.year, years),
                         "国务院公布节假日安排后，请升级 chinese-calendar（pip install -U chinese-calendar）"
                         ) from None


def _first_month(source: Source) -> Month | None:
    """The earliest month with a report folder in the repository, None when there is none."""
    months = [m for rel in source.report_files().files if (m := layout.folder_month(rel)) is not None]
    return min(months, default=None)


def _standings(plan: Plan, loaded: LoadedPlan, month: Month, items: Submissions) -> list[UnitStanding]:
    """Every unit that owed or sent a report for the month or has an overdue task, best first.

    Ranked by (report missing, report late, number of overdue tasks), then in the order of
    units.yaml.
    """
    by_unit = {s.unit: s for s in items.items}
    found = []
    for unit in plan.units:
        own = plan_status(plan, loaded.ledger, month.end, unit)
        overdue = tuple(OverdueTask(t, Role.LEAD if plan.is_lead(unit, t.task.id) else Role.SUPPORT)
                        for t in own.tasks if t.state is State.OVERDUE)
        item = by_unit.get(unit)
        if item is not None or overdue:
            found.append(UnitStanding(unit, item, items.timing(item) if item is not None else None, overdue))
    return sorted(found, key=lambda s: (s.missing, s.late, len(s.overdue)))


def notice_documents(facts: Supervision, source: Source,
                     templates: Path | None = None) -> dict[str, Document]:
    """A 督办通知 for each unit behind at the month's end, by canonical unit name, in the order of
    units.yaml. A unit is behind when it has overdue tasks, or owed a report for the month and
    sent none or sent it late; the coordinator sends no notice to itself."""
    return {standing.unit: notice_document(facts, standing, source, templates)
            for standing in facts.to_notify}


def notice_document(facts: Supervision, standing: UnitStanding, source: Source,
                    templates: Path | None) -> Document:
    context = notice_context(facts, standing)
    return Document(str(context["title"]), facts.day,
                    outline_blocks(NOTICE_TEMPLATE, context, source, templates))


def circular_document(facts: Supervision, source: Source,
                      templates: Path | None = None) -> Document | None:
    """The month's 通报: every unit that owed a report or has an overdue task, ranked; None when
    there is none."""
    if not facts.standings:
        return None
    context = circular_context(facts)
    return Document(str(context["title"]), facts.day,
                    outline_blocks(CIRCULAR_TEMPLATE, context, source, templates))


def _common(facts: Supervision) -> dict[str, object]:
    return {
        "plan": facts.plan.info,
        "month": facts.month,
        "issuer": facts.issuer,
        "coordinator": facts.coordinator,
        "as_of": facts.month.end,
        "day": facts.day,
        "reply_by": facts.reply_by,
        "reply_days": facts.plan.info.notice_reply_days,
        "submissions": facts.submissions,
        "report_due": facts.submissions.report_due,
        "due_on": facts.submissions.due_on,
    }


def notice_context(facts: Supervision, standing: UnitStanding) -> dict[str, object]:
    """The context of the notice template for one unit behind."""
    unit = facts.plan.directory.units[standing.unit]
    subject = facts.plan.info.subject
    if standing.overdue:
        lines = title_lines("关于督促加快推进", f"{subject}工作的通知")
    elif standing.missing:
        lines = title_lines(f"关于督促报送{facts.month.chinese}", f"{subject}进展报告的通知")
    else:
        lines = title_lines("关于按时报送", f"{subject}进展报告的通知")
    return {
        **_common(facts),
        "title": "".join(lines),
        "title_lines": lines,
        "unit": unit,
        "addressee": unit.full_name or unit.name,
        "overdue": list(standing.overdue),
        "report": standing.submission,
        "missing": standing.missing,
        "late": standing.late,
    }


def circular_context(facts: Supervision) -> dict[str, object]:
    """The context of the circular template: the whole plan and every unit's standing."""
    lines = title_lines(f"关于{facts.month.chinese}", f"{facts.plan.info.subject}工作进展情况的通报")
    order = {unit: i for i, unit in enumerate(facts.plan.units)}
    in_plan_order = sorted(facts.standings, key=lambda s: order[s.unit])
    return {
        **_common(facts),
        "title": "".join(lines),
        "title_lines": lines,
        "status": facts.status,
        "overdue": [t for t in facts.status.tasks if t.state is State.OVERDUE],
        "standings": facts.standings,  # ranked
        # named in the text in the order of units.yaml
        "missing": [s for s in in_plan_order if s.missing],
        "late": [s for s in in_plan_order if s.late],
        "with_overdue": [s for s in in_plan_order if s.overdue],
    }
