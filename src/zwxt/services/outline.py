"""What the outline templates are given: a report, or a month of reports, as typed values.

The templates word them (dates, states, figures) with the filters of ``zwxt.wording``;
here the values are gathered and ordered, and unit names are already canonical.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from zwxt.dates import Month
from zwxt.load import KeptReport, LoadedPlan
from zwxt.plan.report import Report, Status, TaskEntry
from zwxt.plan.resolved import Plan, PlanTask
from zwxt.plan.status import MetricProgress, Submissions, TaskStatus, Verdict, judge
from zwxt.services.status import plan_status
from zwxt.textnorm import em_width
from zwxt.wording import chinese_numeral

# 2号 (22 pt) characters on a line of the 156 mm text area of GB/T 9704.
TITLE_WIDTH = 20
# A title filling more of its line than this is broken, as GB/T 9704 asks: a full line reads as a block.
TITLE_FULL = 0.9


@dataclass(frozen=True)
class EntryView:
    """One task of a unit's report."""

    task: PlanTask
    due_this_month: bool
    status: Status
    verdict: Verdict  # the unit's own part against the deadline, at the month's end
    completed: date | None  # only when done
    progress: str
    narrative: str
    metrics: tuple[MetricProgress, ...]


@dataclass(frozen=True)
class UnitText:
    """A unit's text for one part of the city summary, credited to the unit's canonical name."""

    unit: str
    text: str


@dataclass(frozen=True)
class TaskView:
    """One Annex-1 task in the city summary, with what units said of it this month."""

    status: TaskStatus
    updates: list[UnitText]

    @property
    def task(self) -> PlanTask:
        return self.status.task


@dataclass(frozen=True)
class AspectView:
    number: str  # （一）
    name: str
    entries: list[EntryView] = field(default_factory=list)
    tasks: list[TaskView] = field(default_factory=list)
    text: str = ""  # a unit report's own words on the aspect
    texts: list[UnitText] = field(default_factory=list)  # the summary's, by unit


def title_lines(owner: str, rest: str) -> list[str]:
    """A title as printed: one line, or broken after the unit's name rather than mid-word.

    Widths are measured as set (digits and Latin letters half a character); a part too long
    for a line of its own is left for Word to wrap.
    """
    whole = owner + rest
    if em_width(whole) <= TITLE_WIDTH * TITLE_FULL or max(em_width(owner), em_width(rest)) > TITLE_WIDTH:
        return [whole]
    return [owner, rest]


def numbered_aspects(plan: Plan) -> list[tuple[str, str]]:
    """Each aspect of the outline's 二 with its number: （一） 自查, （二） 编目, …"""
    return [(f"（{chinese_numeral(i)}）", name) for i, name in enumerate(plan.aspects, start=1)]


def report_context(plan: Plan, report: KeptReport) -> dict[str, object]:
    """The context of the unit report template."""
    record = report.record
    unit = plan.directory.units[report.unit]
    owner = unit.full_name or unit.name
    lines = title_lines(owner, f"{plan.info.subject}进展报告")
    entries: dict[str, list[EntryView]] = {}
    for entry in _entries_in_order(plan, record):
        task = plan.by_id[entry.task]
        entries.setdefault(task.aspect, []).append(_entry_view(record.month, task, entry))
    aspects = [AspectView(number, name, entries=entries.get(name, []), text=record.aspects.get(name) or "")
               for number, name in numbered_aspects(plan)]
    return {
        "plan": plan.info,
        "month": record.month,
        "unit": unit,
        "issuer": owner,
        "signed_on": record.signed_on,
        "title": "".join(lines),
        "title_lines": lines,
        "report": record,
        "aspects": aspects,
    }


def _due_in(task: PlanTask, month: Month) -> bool:
    return task.due is not None and Month.of(task.due) == month


def _entries_in_order(plan: Plan, record: Report) -> list[TaskEntry]:
    """Known tasks, those due in the report's month first, then in table order."""
    known = [e for e in record.tasks if e.task in plan.by_id]
    return sorted(known, key=lambda e: (not _due_in(plan.by_id[e.task], record.month), e.task))


def _entry_view(month: Month, task: PlanTask, entry: TaskEntry) -> EntryView:
    done = entry.status is Status.DONE
    started = entry.status is not Status.NOT_STARTED
    verdict = judge(task.due, month.end, done, entry.completed, started)
    metrics = tuple(MetricProgress(t.metric, entry.metrics[t.metric], t.target, t.unit)
                    for t in task.targets if t.metric in entry.metrics)
    return EntryView(
        task=task,
        due_this_month=_due_in(task, month),
        status=entry.status,
        verdict=verdict,
        completed=entry.completed if done else None,
        progress=entry.progress or "",
        narrative=entry.narrative or "",
        metrics=metrics,
    )


def summary_context(plan: Plan, loaded: LoadedPlan, month: Month, submitted: Submissions,
                    signed_on: date) -> dict[str, object]:
    """The context of the city summary for ``month``, as of the month's last day.

    ``loaded`` holds the plan up to ``month`` with that month's reports kept in full;
    ``submitted`` says who owed a report and when it came in; the sign-off is dated ``signed_on``.
    """
    status = plan_status(plan, loaded.ledger, month.end)
    reports = [k for k in loaded.kept if k.record.month == month]
    tasks = [TaskView(s, _gather(reports, functools.partial(_progress_of, task=s.task.id)))
             for s in status.tasks]
    by_aspect: dict[str, list[TaskView]] = {}
    for view in tasks:
        by_aspect.setdefault(view.task.aspect, []).append(view)
    aspects = [AspectView(number, name, tasks=by_aspect.get(name, []),
                          texts=_gather(reports, functools.partial(_aspect_text, name=name)))
               for number, name in numbered_aspects(plan)]
    lines = title_lines(plan.info.region, f"{plan.info.subject}进展报告")
    coordinator = plan.coordinator or plan.info.coordinator or ""
    known = plan.directory.units.get(coordinator)
    return {
        "plan": plan.info,
        "coordinator": coordinator,
        "issuer": (known.full_name or known.name) if known else coordinator,
        "signed_on": signed_on,
        "month": month,
        "title": "".join(lines),
        "title_lines": lines,
        "status": status,
        "overdue": [t for t in tasks if t.status.overdue_days],
        "submissions": submitted,
        "progress": _gather(reports, lambda r: r.progress),
        "problems": _gather(reports, lambda r: r.problems),
        "key_tasks": _gather(reports, lambda r: r.plans.key_tasks),
        "next_steps": _gather(reports, lambda r: r.plans.next_steps),
        "cases": _gather(reports, lambda r: r.cases),
        "suggestions": _gather(reports, lambda r: r.suggestions),
        "aspects": aspects,
        "tasks": tasks,
    }


def _aspect_text(report: Report, name: str) -> str | None:
    return report.aspects.get(name)


def _progress_of(report: Report, task: int) -> str | None:
    entry = report.entry(task)
    return entry.progress if entry is not None else None


def _gather(reports: list[KeptReport], part: Callable[[Report], str | None]) -> list[UnitText]:
    """Each report's text for one part, credited to its unit; empty parts and 无 left out."""
    found = []
    for report in reports:
        text = (part(report.record) or "").strip()
        if text and text != "无":
            found.append(UnitText(report.unit, text))
    return found
