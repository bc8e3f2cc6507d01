"""Each unit's latest statement on each task: the one history every rule and command reads.

Reports are folded into the ledger month by month, oldest first, and only reports without
errors are folded in. What a unit said last about a task is its statement on it; a task once
reported 已完成 may be left out of later reports and stays done, while a later report
saying otherwise (a regression, warned about by P005) reopens it. The ledger holds one statement
per unit and task, however many reports there are, so memory does not grow with history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from zwxt.dates import Month
from zwxt.plan.report import Status
from zwxt.plan.resolved import Plan, PlanTask

MetricValues = tuple[tuple[str, int | float | None], ...]


class Statement(NamedTuple):
    """What a unit said about one task in one report.

    (A named tuple: every report's facts are made of them, about fifteen a report, and they are
    decoded from the cache in a third of the time a frozen dataclass takes. The ledger itself keeps
    one per unit and task.)
    """

    task: int
    status: Status
    completed: date | None
    progress: str | None
    metrics: MetricValues
    month: Month
    path: str

    @property
    def done(self) -> bool:
        return self.status is Status.DONE

    def metric(self, name: str) -> int | float | None:
        return next((value for metric, value in self.metrics if metric == name), None)


@dataclass(frozen=True, slots=True)
class Header:
    """The report's header, carried forward into the next month's scaffold."""

    lead_office: str
    contact: str | None
    month: Month
    path: str


@dataclass(frozen=True)
class ReportFacts:
    """What the cross-record stage keeps of a valid report; its text is not kept."""

    path: str
    unit: str | None  # canonical; None when the report names no known unit
    month: Month
    header: Header
    statements: tuple[Statement, ...]  # in the report's order: statements[i] is tasks[i] of the file


class LedgerState(NamedTuple):
    """All a ledger holds: the last month folded in, the latest statements and headers, and those
    that stood before that month (None where there was none)."""

    month: Month | None
    statements: dict[tuple[str, int], Statement]
    headers: dict[str, Header]
    earlier_statements: dict[tuple[str, int], Statement | None]
    earlier_headers: dict[str, Header | None]


class Ledger:
    """The latest statement of each unit on each task, up to the last month folded in.

    For that last month it also remembers what stood before it, because commands about a
    month ask both: what was open when the month began, and what is said at its end.
    """

    def __init__(self, state: LedgerState | None = None) -> None:
        """An empty ledger, or one holding ``state`` (as a cache kept it)."""
        self.month: Month | None = None
        self._statements: dict[tuple[str, int], Statement] = {}
        self._headers: dict[str, Header] = {}
        self._earlier_statements: dict[tuple[str, int], Statement | None] = {}
        self._earlier_headers: dict[str, Header | None] = {}
        # The last month asked about and whether it looks back: the month rules ask hundreds of
        # thousands of times about one month, and comparing months is not free.
        self._asked: tuple[Month | None, bool] = (None, False)
        if state is not None:
            (self.month, self._statements, self._headers,
             self._earlier_statements, self._earlier_headers) = state

    def state(self) -> LedgerState:
        return LedgerState(self.month, self._statements, self._headers,
                           self._earlier_statements, self._earlier_headers)

    def start(self, month: Month) -> None:
        """Begin folding in the reports of ``month``, which must come after the last one."""
        if self.month is not None and month <= self.month:
            raise ValueError(f"months must be folded in order: {month} after {self.month}")
        self.month = month
        self._earlier_statements = {}
        self._earlier_headers = {}
        self._asked = (None, False)

    def record(self, facts: ReportFacts) -> None:
        """Fold in a report of the current month that has no errors."""
        unit = facts.unit
        if unit is None or facts.month != self.month:
            raise ValueError(f"{facts.path} cannot be folded into {self.month}")
        for statement in facts.statements:
            key = (unit, statement.task)
            if key not in self._earlier_statements:
                self._earlier_statements[key] = self._statements.get(key)
            self._statements[key] = statement
        if unit not in self._earlier_headers:
            self._earlier_headers[unit] = self._headers.get(unit)
        self._headers[unit] = facts.header

    def statement(self, unit: str, task: int, before: Month | None = None) -> Statement | None:
        """The unit's latest statement on the task, or the latest from before ``before``."""
        key = (unit, task)
        if self._looks_back(before) and key in self._earlier_statements:
            return self._earlier_statements[key]
        return self._statements.get(key)

    def header(self, unit: str, before: Month | None = None) -> Header | None:
        if self._looks_back(before) and unit in self._earlier_headers:
            return self._earlier_headers[unit]
        return self._headers.get(unit)

    def done(self, unit: str, task: int, before: Month | None = None) -> bool:
        statement = self.statement(unit, task, before)
        return statement is not None and statement.done

    def _looks_back(self, before: Month | None) -> bool:
        if before is None:
            return False
        asked, answer = self._asked
        if before is asked:
            return answer
        if self.month is None or before > self.month:
            answer = False
        elif before < self.month:
            raise ValueError(f"the ledger reaches back to {self.month}, not {before}")
        else:
            answer = True
        self._asked = (before, answer)
        return answer


def open_duties(plan: Plan, ledger: Ledger, unit: str, month: Month) -> list[PlanTask]:
    """The unit's tasks (lead or support) it had not reported done when ``month`` began."""
    return [task for task in plan.duties(unit) if not ledger.done(unit, task.id, before=month)]


def mandatory_tasks(plan: Plan, ledger: Ledger, unit: str, month: Month) -> list[PlanTask]:
    """What the unit's report for ``month`` must cover (务必填写): open tasks due by its end."""
    end = month.end
    return [task for task in open_duties(plan, ledger, unit, month)
            if task.due is not None and task.due <= end]
