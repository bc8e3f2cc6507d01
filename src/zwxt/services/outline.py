"""What the outline templates are given: a report, or a month of reports, as the document speaks of them.

Everything a template prints is prepared here as text (dates written 2018年3月31日, metrics
with their units), so that a template holds the outline and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zwxt.dates import Month, chinese_date
from zwxt.model.plan import Loaded, Plan
from zwxt.model.report import Report, Status, TaskEntry
from zwxt.model.tasks import Task
from zwxt.services.status import PlanStatus, Submission, TaskStatus, plan_status, submissions
from zwxt.services.status_export import format_number

_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十: enough for the numbered parts of an outline."""
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class EntryView:
    """One task of a unit's report."""

    task: Task
    deadline: str
    due_this_month: bool
    status: str
    completed: str
    progress: str
    narrative: str
    metrics: str

    @property
    def status_line(self) -> str:
        """进展状态：已完成（2018年3月20日完成）。量化指标：开放数据集 335个（目标 500个）。"""
        line = f"{self.status}（{self.completed}完成）" if self.completed else self.status
        return f"状态：{line}。" + (f"量化指标：{self.metrics}。" if self.metrics else "")


@dataclass(frozen=True)
class UnitText:
    """A unit's text for one part of the city summary."""

    unit: str
    text: str


@dataclass(frozen=True)
class AspectView:
    number: str  # （一）
    name: str
    entries: list[Any] = field(default_factory=list)  # EntryView or TaskView
    text: str = ""
    texts: list[UnitText] = field(default_factory=list)


@dataclass(frozen=True)
class TaskView:
    """One Annex-1 task in the city summary."""

    status: TaskStatus
    deadline: str
    lead: str
    support: str
    progress: str  # the status in words, for the attachment's 进展情况 column
    updates: list[UnitText]


def _metrics_text(task: Task, values: dict[str, int | float | None]) -> str:
    parts = []
    for target in task.targets:
        if target.metric not in values or values[target.metric] is None:
            continue
        unit = target.unit or ""
        value = values[target.metric]
        assert value is not None
        parts.append(f"{target.metric}{format_number(value)}{unit}（目标{format_number(target.target)}{unit}）")
    return "，".join(parts)


# 2号 (22 pt) characters on a line of the 156 mm text area of GB/T 9704.
TITLE_WIDTH = 20


def title_lines(owner: str, rest: str) -> list[str]:
    """A title as printed: one line, or broken after the unit's name rather than mid-word."""
    if len(owner + rest) <= TITLE_WIDTH or len(owner) > TITLE_WIDTH or len(rest) > TITLE_WIDTH:
        return [owner + rest]
    return [owner, rest]


def _tidy(text: str | None) -> str:
    """``2018年 3月底前`` as a document writes it: no spaces inside Chinese text."""
    return "".join((text or "").split())


def _aspects(plan: Plan) -> list[AspectView]:
    assert plan.tasks is not None
    return [AspectView(f"（{chinese_number(i)}）", a.name)
            for i, a in enumerate(plan.tasks.model.plan.aspects, start=1)]


def self_reference(plan: Plan, unit: str) -> str:
    """How a unit speaks of itself in the lead-office line: 本部门, 本市, 本区 …"""
    record = plan.directory.units.get(unit)
    if record is not None and record.kind.value == "部门":
        return "本部门"
    for suffix in ("市", "区", "县", "旗"):
        if unit.endswith(suffix):
            return "本" + suffix
    return "本地区"


def report_context(plan: Plan, report: Loaded[Report]) -> dict[str, object]:
    """The context of the unit report template."""
    assert plan.tasks is not None
    model = report.model
    unit = plan.directory.resolve(model.unit) or model.unit
    record = plan.directory.units.get(unit)
    owner = (record.full_name or record.name) if record else unit
    info = plan.tasks.model.plan
    lines = title_lines(owner, f"{info.subject}进展报告")
    aspects = _aspects(plan)
    by_name = {a.name: a for a in aspects}
    for entry in _entries_in_order(plan, model):
        task = plan.by_id[entry.task]
        if task.aspect in by_name:
            by_name[task.aspect].entries.append(_entry_view(plan, model.month, task, entry))
    aspects = [AspectView(a.number, a.name, a.entries, (model.aspects.get(a.name) or ""))
               for a in aspects]
    return {
        "plan": info,
        "month": model.month,
        "unit": unit,
        "title": "".join(lines),
        "title_lines": lines,
        "lead_line": f"{self_reference(plan, unit)}{info.subject}牵头部门：{model.lead_office}",
        "report": model,
        "aspects": aspects,
    }


def _entries_in_order(plan: Plan, model: Report) -> list[TaskEntry]:
    """Known tasks, those due in the report's month first, then in table order."""
    def due_now(entry: TaskEntry) -> bool:
        due = plan.due.get(entry.task)
        return due is not None and Month.of(due) == model.month

    known = [e for e in model.tasks if e.task in plan.by_id]
    return sorted(known, key=lambda e: (not due_now(e), e.task))


def _entry_view(plan: Plan, month: Month, task: Task, entry: TaskEntry) -> EntryView:
    due = plan.due.get(task.id)
    return EntryView(
        task=task,
        deadline=_tidy(task.deadline) or "长期任务",
        due_this_month=due is not None and Month.of(due) == month,
        status=entry.status.value,
        completed=chinese_date(entry.completed) if entry.completed and entry.status is Status.DONE else "",
        progress=entry.progress or "",
        narrative=entry.narrative or "",
        metrics=_metrics_text(task, dict(entry.metrics)),
    )


def summary_context(plan: Plan, month: Month) -> dict[str, object]:
    """The context of the city summary template for ``month``, as of the month's last day."""
    assert plan.tasks is not None
    info = plan.tasks.model.plan
    status = plan_status(plan, month.end)
    sent = submissions(plan, month)
    reports = [r.model for r in plan.reports if r.model.month == month]
    # units in the order data/units.yaml lists them, which is the order documents use
    order = {unit: i for i, unit in enumerate(plan.directory.units)}
    reports.sort(key=lambda r: order.get(plan.directory.resolve(r.unit) or r.unit, len(order)))
    tasks = [_task_view(plan, s, reports) for s in status.tasks]
    aspects = _aspects(plan)
    by_name = {a.name: a for a in aspects}
    for view in tasks:
        if view.status.task.aspect in by_name:
            by_name[view.status.task.aspect].entries.append(view)
    aspects = [AspectView(a.number, a.name, a.entries, texts=_gather(
        reports, lambda r, name=a.name: r.aspects.get(name))) for a in aspects]
    lines = title_lines(info.region, f"{info.subject}进展报告")
    return {
        "plan": info,
        "month": month,
        "title": "".join(lines),
        "title_lines": lines,
        "lead_line": f"本市{info.subject}牵头部门：{info.coordinator or ''}",
        "overview": _overview(status, month),
        "overdue": [t for t in tasks if t.status.overdue_days],
        "submission": _submission_line(sent),
        "progress": _gather(reports, lambda r: r.progress),
        "problems": _gather(reports, lambda r: r.problems),
        "key_tasks": _gather(reports, lambda r: r.plans.key_tasks),
        "next_steps": _gather(reports, lambda r: r.plans.next_steps),
        "cases": _gather(reports, lambda r: r.cases),
        "suggestions": _gather(reports, lambda r: r.suggestions),
        "aspects": aspects,
        "tasks": tasks,
    }


def _gather(reports: list[Report], part: Any) -> list[UnitText]:
    found = []
    for report in reports:
        text = part(report)
        if text and text.strip() and text.strip() != "无":
            found.append(UnitText(report.unit, text.strip()))
    return found


def _overview(status: PlanStatus, month: Month) -> str:
    counts = status.counts()
    done = counts["已完成"] + counts["逾期完成"]
    text = (f"截至{chinese_date(month.end)}，{len(status.tasks)}项任务中，已完成{done}项"
            + (f"（其中逾期完成{counts['逾期完成']}项）" if counts["逾期完成"] else ""))
    rest = [f"{label}{counts[label]}项" for label in ("推进中", "未启动", "本月到期") if counts[label]]
    if counts["逾期"]:
        rest.append(f"逾期未完成{counts['逾期']}项")
    return text + ("，" + "，".join(rest) if rest else "") + "。"


def _submission_line(sent: list[Submission]) -> str:
    owed = [s for s in sent if s.owed]
    missing = [s.unit for s in owed if s.path is None]
    text = f"本月应报送进展报告的单位{len(owed)}个，已报送{len(owed) - len(missing)}个"
    return text + (f"，未报送{len(missing)}个：{'、'.join(missing)}。" if missing else "，均已按时报送。")


def _task_view(plan: Plan, status: TaskStatus, reports: list[Report]) -> TaskView:
    task = status.task
    updates = []
    for report in reports:
        entry = report.entry(task.id)
        if entry is not None and entry.progress and entry.progress.strip() != "无":
            updates.append(UnitText(report.unit, entry.progress.strip()))
    return TaskView(status, _tidy(task.deadline) or "长期坚持", "、".join(task.lead), "、".join(task.support),
                    _progress_words(status), updates)


def _progress_words(status: TaskStatus) -> str:
    if status.completed is not None:
        words = f"{_tidy(status.label)}（{chinese_date(status.completed)}）"
    else:
        words = _tidy(status.label)
    words += f"；完成单位{status.done_count}/{len(status.deciding)}"
    values = {m.metric: m.value for m in status.metrics}
    metrics = _metrics_text(status.task, values)
    return words + (f"；{metrics}" if metrics else "")
