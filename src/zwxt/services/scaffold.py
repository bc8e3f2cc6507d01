"""zwxt report new: next month's report, pre-filled so that staff edit only what changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt.dates import Month
from zwxt.errors import FileExistsRefusal
from zwxt.io.atomic import write_atomic
from zwxt.io.repo import Repository
from zwxt.io.templates import render_template
from zwxt.model.plan import Plan
from zwxt.model.report import PLACEHOLDER, Status, TaskEntry
from zwxt.model.tasks import Task
from zwxt.services.schema import REPORT_MODELINE
from zwxt.services.status_export import format_number

TEMPLATE = "report.yaml.j2"


@dataclass(frozen=True)
class MetricSlot:
    name: str
    value: int | float | None
    target: str
    unit: str


@dataclass(frozen=True)
class Entry:
    """One task in the scaffold, carried forward from the unit's latest word on it."""

    task: Task
    required: bool
    role: str
    deadline: str
    status: str
    progress: str
    metrics: list[MetricSlot]
    previous_month: Month | None
    completed: None = None  # the template's slot; an open task has no completion date


@dataclass(frozen=True)
class Scaffold:
    path: Path
    rel: str
    text: str
    required: list[int]
    optional: list[int]


def scaffold_report(repo: Repository, plan: Plan, unit: str, month: Month,
                    templates: Path | None = None) -> Scaffold:
    """The report text for ``unit`` and ``month``; refuses when that report exists."""
    path = repo.report_path(str(month), unit)
    rel = repo.rel(path)
    existing = next((r.path for r in plan.history(unit) if r.model.month == month), None)
    if path.exists() or existing is not None:
        raise FileExistsRefusal(f"{existing or rel} 已存在，未做任何改动",
                                "请直接编辑该文件；如需重新生成，请先删除或改名原文件")
    mandatory = plan.mandatory_tasks(unit, month)
    done = plan.done_before(unit, month)
    optional = [t for t in plan.duties(unit) if t not in mandatory and t.id not in done]
    entries = [_entry(plan, unit, month, t, True) for t in mandatory] + \
              [_entry(plan, unit, month, t, False) for t in optional]
    text = render_template(TEMPLATE, _context(plan, unit, month, rel, entries),
                           templates, repo.root / "templates")
    return Scaffold(path, rel, text, [t.id for t in mandatory], [t.id for t in optional])


def write_scaffold(scaffold: Scaffold) -> None:
    write_atomic(scaffold.path, scaffold.text.encode("utf-8"))


def _context(plan: Plan, unit: str, month: Month, rel: str, entries: list[Entry]) -> dict[str, object]:
    record = plan.directory.units[unit]
    history = [r.model for r in plan.history(unit) if r.model.month < month]
    previous = history[-1] if history else None
    assert plan.tasks is not None  # a plan without tasks.yaml has nothing to scaffold
    info = plan.tasks.model.plan
    return {
        "modeline": REPORT_MODELINE,
        "title": f"{record.full_name or record.name}{info.subject}进展报告",
        "plan": info,
        "unit": record,
        "month": month,
        "path": rel,
        "placeholder": PLACEHOLDER,
        "lead_office": (previous.lead_office if previous else record.lead_office) or PLACEHOLDER,
        "contact": (previous.contact if previous and previous.contact else PLACEHOLDER),
        "entries": entries,
    }


def _entry(plan: Plan, unit: str, month: Month, task: Task, required: bool) -> Entry:
    found = _latest(plan, unit, month, task.id)
    previous_month, last = found if found else (None, None)
    lead = plan.is_lead(unit, task.id)
    slots = [
        MetricSlot(t.metric, last.metrics.get(t.metric) if last else None,
                   format_number(t.target), t.unit or "")
        for t in task.targets
        if lead or (last is not None and t.metric in last.metrics)
    ]
    due = plan.due.get(task.id)
    deadline = task.deadline or "长期任务"
    if due is not None and due < month.first_day:
        deadline += "，已逾期"
    progress = last.progress if last and last.progress else PLACEHOLDER
    status = last.status if last else Status.NOT_STARTED
    return Entry(task, required, "牵头" if lead else "配合", deadline, status.value, progress,
                 slots, previous_month)


def _latest(plan: Plan, unit: str, month: Month, task_id: int) -> tuple[Month, TaskEntry] | None:
    for report in reversed(plan.history(unit)):
        if report.model.month < month:
            entry = report.model.entry(task_id)
            if entry is not None:
                return report.model.month, entry
    return None
