"""The per-month step of the pipeline: the month rules, and the ledger they read.

The month rules (a unit's duplicates, what it must still report, a task done going back)
read a month's reports against the ledger of what units said before that month; then the
month's reports without errors are folded into the ledger, oldest month first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, Finding
from zwxt.load.files import FileResult
from zwxt.parse import read_mended
from zwxt.plan.ledger import Ledger
from zwxt.plan.resolved import Plan
from zwxt.positions import Positions
from zwxt.rules import MonthFiles, month_findings
from zwxt.store.repo import Source


class Months:
    """The month rules against the ledger of the months before, and the ledger they read:
    each month's reports without errors are folded into it, oldest month first."""

    def __init__(self, source: Source, plan: Plan | None) -> None:
        self.source = source
        self.plan = plan
        self.ledger = Ledger()

    def check(self, month: Month, results: list[FileResult]) -> list[Diagnostic]:
        """What the month rules find in the month's reports, located."""
        return self.locate(self.rules(month, results))

    def rules(self, month: Month, results: list[FileResult]) -> list[Finding]:
        assert self.plan is not None
        facts = [f for r in results if (f := r.facts) is not None]
        files = MonthFiles(month, facts, [(r.path, r.claim) for r in results if r.claim is not None])
        return month_findings(files, self.plan, self.ledger)

    def locate(self, findings: list[Finding], read: Callable[[str], bytes] | None = None) -> list[Diagnostic]:
        """Line and column for what the month rules found, parsing each file named once more
        (with ``read``, the source's by default)."""
        by_path: dict[str, list[Finding]] = {}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        located: list[Diagnostic] = []
        for rel, items in by_path.items():
            try:
                raw = (read or self.source.read)(rel)
            except OSError:
                raw = None
            positions = Positions() if raw is None else read_mended(rel, raw, locate=True).parsed.positions
            located += [finding.located(positions) for finding in items]
        return located

    def fold(self, month: Month, results: list[FileResult]) -> None:
        """Fold the month's reports (without errors, of units of the plan) into the ledger."""
        self.ledger.start(month)
        for r in results:
            facts = r.facts
            if facts is not None:
                self.ledger.record(facts)

    def finish(self) -> Ledger:
        """The ledger the load ends with."""
        return self.ledger



class MonthStage(Protocol):
    """The per-month step (``Months``, or the cache around it)."""

    def check(self, month: Month, results: list[FileResult]) -> list[Diagnostic]: ...

    def fold(self, month: Month, results: list[FileResult]) -> None: ...

    def finish(self) -> Ledger: ...
