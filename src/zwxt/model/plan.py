"""The whole plan in memory: tasks, units and reports, with the questions rules ask of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Generic, TypeVar

from pydantic import BaseModel

from zwxt.dates import Month, parse_deadline
from zwxt.model.directory import Directory
from zwxt.model.report import Report, Status
from zwxt.model.tasks import Task, TasksFile
from zwxt.model.units import UnitsFile
from zwxt.positions import Positions

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated record with the file it came from and where its parts stand.

    Positions are asked for only when a rule has something to say about the file, so a
    loader may hand over a function that finds them again (a worker process does not
    send them back: pickling them would cost more than parsing).
    """

    path: str
    model: M
    locate: Callable[[], Positions] = field(repr=False, compare=False)

    @cached_property
    def positions(self) -> Positions:
        return self.locate()


def due_date(task: Task) -> date | None:
    """The task's due date: ``due`` when given, else what the deadline text says."""
    if task.due is not None or task.deadline is None:
        return task.due
    try:
        return parse_deadline(task.deadline)
    except ValueError:
        return None


class Plan:
    """Tasks, units and reports, indexed for the rules, status and scaffolding."""

    def __init__(
        self,
        units: Loaded[UnitsFile] | None,
        tasks: Loaded[TasksFile] | None,
        reports: list[Loaded[Report]],
    ) -> None:
        self.units = units
        self.tasks = tasks
        self.reports = sorted(reports, key=lambda r: (r.model.month, r.path))
        self.directory = Directory(units.model if units else None)
        self.task_list: list[Task] = list(tasks.model.tasks) if tasks else []
        self.by_id: dict[int, Task] = {}
        for task in self.task_list:
            self.by_id.setdefault(task.id, task)
        self.due = {t.id: due_date(t) for t in self.by_id.values()}
        self.lead_units = {t.id: self.directory.expand(t.lead) for t in self.by_id.values()}
        self._duties: dict[str, list[Task]] = defaultdict(list)
        for task in self.by_id.values():
            for unit in self.directory.expand([*task.lead, *task.support]):
                self._duties[unit].append(task)
        self._duty_ids = {unit: frozenset(t.id for t in tasks) for unit, tasks in self._duties.items()}
        self._history: dict[str, list[Loaded[Report]]] = defaultdict(list)
        for report in self.reports:
            owner = self.directory.resolve(report.model.unit)
            if owner is not None:
                self._history[owner].append(report)
        self._done: dict[tuple[str, Month], dict[int, tuple[Month, date | None]]] = {}

    def duties(self, unit: str) -> list[Task]:
        """Tasks the unit leads or cooperates on, groups expanded, in table order."""
        return self._duties.get(unit, [])

    def is_duty(self, unit: str, task_id: int) -> bool:
        return task_id in self._duty_ids.get(unit, frozenset())

    def is_lead(self, unit: str, task_id: int) -> bool:
        return unit in self.lead_units.get(task_id, ())

    def history(self, unit: str) -> list[Loaded[Report]]:
        """The unit's reports, oldest month first."""
        return self._history.get(unit, [])

    def done_before(self, unit: str, month: Month) -> dict[int, tuple[Month, date | None]]:
        """Tasks the unit reported 已完成 in a report of an earlier month, with when."""
        key = (unit, month)
        if key not in self._done:
            # One pass over the unit's history fills every month it has a report for.
            done: dict[int, tuple[Month, date | None]] = {}
            for report in self.history(unit):
                self._done.setdefault((unit, report.model.month), dict(done))
                for entry in report.model.tasks:
                    if entry.status is Status.DONE:
                        done.setdefault(entry.task, (report.model.month, entry.completed))
            if key not in self._done:  # a month without a report of the unit
                self._done[key] = {t: when for t, when in done.items() if when[0] < month}
        return self._done[key]

    def mandatory_tasks(self, unit: str, month: Month) -> list[Task]:
        """Tasks the unit's report for ``month`` must cover (务必填写).

        Every task the unit leads or cooperates on that is due by the month's end and that
        the unit has not already reported done in an earlier month.
        """
        done = self.done_before(unit, month)
        end = month.end
        return [
            task for task in self.duties(unit)
            if (due := self.due.get(task.id)) is not None and due <= end and task.id not in done
        ]
