"""The per-file step of the pipeline: one report file's bytes and the plan → what it alone gave.

A report is parsed, validated, checked by the report rules against the plan, and what was
found located (``check_report``). Nothing here knows whether it runs in a worker process or
whether its result is kept in the cache (``zwxt.load.pool``, ``zwxt.load.cache``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, error
from zwxt.errors import os_problem
from zwxt.load.validation import checked_record
from zwxt.parse import read_mended
from zwxt.plan.ledger import Header, ReportFacts, Statement
from zwxt.plan.report import Report
from zwxt.plan.resolved import Plan
from zwxt.rules import ReportFile, report_findings
from zwxt.store import layout
from zwxt.store.repo import Source


@dataclass(frozen=True)
class Keep:
    """Which reports a command needs in full (their text), beyond the ledger's facts."""

    months: frozenset[Month] = frozenset()
    paths: frozenset[str] = frozenset()

    def __call__(self, rel: str) -> bool:
        return rel in self.paths or (bool(self.months) and layout.folder_month(rel) in self.months)



@dataclass(frozen=True)
class Context:
    """What checking a report reads besides its bytes."""

    source: Source
    plan: Plan | None
    keep: Keep


class FileResult:
    """What checking one report file alone gave."""

    __slots__ = ("path", "diagnostics", "record", "claim", "counts", "_facts", "_read_facts")

    def __init__(self, path: str, facts: ReportFacts | None, diagnostics: tuple[Diagnostic, ...],
                 claim: str | None, record: Report | None = None, *, counts: bool | None = None,
                 read_facts: Callable[[], ReportFacts | None] | None = None) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.record = record  # the full report, when kept
        # The unit whose report this is meant to be: the one it names, valid or not, else the
        # one its file is named after. Two files claiming one unit for one month are both refused.
        self.claim = claim
        # Whether it is a valid report of a unit of the plan: one the ledger records.
        self.counts = facts is not None and facts.unit is not None if counts is None else counts
        self._facts = facts
        self._read_facts = read_facts  # the facts are made when first asked for, with this

    @property
    def facts(self) -> ReportFacts | None:
        """What the ledger and the month rules read of a valid report; None for any other file."""
        if self._read_facts is not None:
            self._facts, self._read_facts = self._read_facts(), None
        return self._facts


# A map over report files, group by group (a month's): each group's results in order.
FileStage = Callable[[list[list[str]]], Iterator[list[FileResult]]]


def read_report(context: Context, rel: str) -> FileResult:
    """``check_report`` of the file's bytes; a file that cannot be read is an error (F001)."""
    try:
        raw = context.source.read(rel)
    except OSError as exc:
        return FileResult(rel, None, (unreadable(rel, exc),), _claim(context, rel, None))
    return check_report(context, rel, raw)


def check_report(context: Context, rel: str, raw: bytes) -> FileResult:
    """Parse, validate and check one report against the plan; locate what was found."""
    record, parsed, found = checked_record(Report, rel, read_mended(rel, raw))
    if record is None:
        return FileResult(rel, None, tuple(found), _claim(context, rel, parsed.data))
    plan = context.plan
    unit = plan.directory.unit_of(record.unit) if plan is not None else None
    checked = report_findings(ReportFile(rel, record, unit), plan)
    if checked:
        positions = parsed.located().positions
        found += [finding.located(positions) for finding in checked]
    return FileResult(rel, _facts(rel, record, unit), tuple(found), unit or _claim(context, rel, None),
                      record if context.keep(rel) else None)


def _claim(context: Context, rel: str, data: Any) -> str | None:
    """The unit a file that is no valid report is meant for: its ``unit:``, else its name."""
    if context.plan is None:
        return None
    directory = context.plan.directory
    written = data.get("unit") if isinstance(data, dict) else None
    unit = directory.unit_of(written) if isinstance(written, str) else None
    return unit or directory.unit_of(layout.report_stem(rel))


def _facts(rel: str, record: Report, unit: str | None) -> ReportFacts:
    month = record.month
    statements = tuple(Statement(e.task, e.status, e.completed, e.progress, tuple(e.metrics.items()),
                                 month, rel) for e in record.tasks)
    return ReportFacts(rel, unit, month, Header(record.lead_office, record.contact, month, rel), statements)


def unreadable(rel: str, exc: OSError) -> Diagnostic:
    reason, hint = os_problem(exc, writing=False)
    return error(rel, 1, 1, "F001", f"无法读取文件：{reason}", hint)
