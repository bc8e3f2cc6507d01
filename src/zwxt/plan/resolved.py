"""The plan as every command sees it: tasks and units with names resolved and deadlines parsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zwxt.dates import parse_deadline
from zwxt.plan.directory import Directory
from zwxt.plan.tasks import PlanInfo, Target, Task, TasksFile
from zwxt.plan.units import UnitsFile

SHORT_TITLE_LENGTH = 20
_FULL_STOPS = "。；;.!！"


@dataclass(frozen=True)
class PlanTask:
    """A task of the division table, resolved: canonical names, groups expanded, due date known."""

    id: int
    index: int  # its place in data/tasks.yaml, for findings about it
    text: str
    short: str  # what tables show: the title, else the text cut short
    lead: tuple[str, ...]  # canonical names of units or groups, as the table names them
    support: tuple[str, ...]
    leads: tuple[str, ...]  # the lead units, groups expanded: whose completion completes the task
    responsible: tuple[str, ...]  # lead and support units, groups expanded, in table order
    deadline: str | None  # the source text, kept for display
    due: date | None  # None: a task without a deadline (长期)
    aspect: str
    targets: tuple[Target, ...]


def due_date(task: Task) -> date | None:
    """``due`` when given, else what the deadline text says; None when it cannot say."""
    if task.due is not None or task.deadline is None:
        return task.due
    try:
        return parse_deadline(task.deadline)
    except ValueError:
        return None  # rule R203 reports it, and a plan with errors is used by no command


def short_title(task: Task) -> str:
    """What tables and headings show of a task: its title, else its text cut short.

    A sentence's full stop is dropped, as a heading has none: documents and drafts write
    ``任务4：清理“僵尸”系统（…）`` and ``……系统：2018年3月底前``, never ``。：``.
    """
    if task.title:
        return task.title.rstrip(_FULL_STOPS) or task.title
    cut = SHORT_TITLE_LENGTH
    text = task.text.rstrip(_FULL_STOPS) or task.text
    return text if len(text) <= cut else text[: cut - 1] + "…"


class Plan:
    """data/tasks.yaml and data/units.yaml, resolved once and read by every command."""

    def __init__(self, units_file: UnitsFile, tasks_file: TasksFile) -> None:
        self.info: PlanInfo = tasks_file.plan
        self.directory = Directory(units_file)
        directory = self.directory
        tasks: list[PlanTask] = []
        seen: set[int] = set()
        for index, task in enumerate(tasks_file.tasks):
            if task.id in seen:
                continue  # rule R201 reports the second one
            seen.add(task.id)
            lead = _resolved(directory, task.lead)
            support = _resolved(directory, task.support)
            tasks.append(PlanTask(
                id=task.id, index=index, text=task.text, short=short_title(task),
                lead=lead, support=support, leads=directory.expand(lead),
                responsible=directory.expand([*lead, *support]), deadline=task.deadline,
                due=due_date(task), aspect=task.aspect, targets=tuple(task.targets)))
        self.tasks: tuple[PlanTask, ...] = tuple(tasks)
        self.by_id = {task.id: task for task in tasks}
        coordinator = self.info.coordinator
        self.coordinator = directory.unit_of(coordinator) if coordinator else None
        self.aspects = tuple(dict.fromkeys(a.name for a in self.info.aspects))
        # By unit, so that membership costs the same for a group of seven or of two thousand.
        self._duties: dict[str, list[PlanTask]] = {}
        self._lead_ids: dict[str, set[int]] = {}
        for planned in tasks:
            for unit in planned.responsible:
                self._duties.setdefault(unit, []).append(planned)
            for unit in planned.leads:
                self._lead_ids.setdefault(unit, set()).add(planned.id)
        self._duty_ids = {unit: {t.id for t in duties} for unit, duties in self._duties.items()}

    @property
    def units(self) -> list[str]:
        """Every unit's canonical name, in the order units.yaml lists them (documents use it)."""
        return list(self.directory.units)

    def duties(self, unit: str) -> list[PlanTask]:
        """Tasks the unit leads or cooperates on, groups expanded, in table order."""
        return self._duties.get(unit, [])

    def is_duty(self, unit: str, task_id: int) -> bool:
        return task_id in self._duty_ids.get(unit, ())

    def is_lead(self, unit: str, task_id: int) -> bool:
        return task_id in self._lead_ids.get(unit, ())


def _resolved(directory: Directory, names: list[str]) -> tuple[str, ...]:
    """Canonical names; unknown ones are dropped here and reported by rule R202."""
    found: dict[str, None] = {}
    for name in names:
        canonical = directory.resolve(name)
        if canonical is not None:
            found[canonical] = None
    return tuple(found)
