"""The one pipeline every command runs: parse → validate → resolve → rules → locate.

``load`` reads the data files, resolves the plan once, then folds the reports in month by
month, oldest first. Each report file alone is checked by ``check_report`` (its bytes and
the plan → a ``FileResult``): parsed, validated, checked by the report rules against the
plan, what was found located. Each month is checked by ``Months``: the month rules against
the ledger of what units said before that month, then the reports without errors folded into
the ledger. Only the ledger and the reports a command asked to keep outlive their month, so
memory stays flat however long the history.

The files of a month are checked by a map over ``check_report`` (``zwxt.load.pool``: in
worker processes when there are many); with the content cache on, ``zwxt.load.cache`` wraps
both steps, and what it gives is what they give.

A report with any error is left out: it does not count for status, summaries or the next
month's scaffold, and every command names it (``LoadedPlan.left_out``). Two reports of one
unit for one month are both errors (R306), so neither counts until one is removed. Broken
data files leave no plan to use: every command but ``check`` stops (``usable_plan``).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, error, is_error, sort_key, warning
from zwxt.errors import BrokenPlanError
from zwxt.load import cache as content_cache
from zwxt.load import files as one_file
from zwxt.load import pool
from zwxt.load.files import Context, FileResult, FileStage, Keep, read_report, unreadable
from zwxt.load.months import Months, MonthStage
from zwxt.load.validation import checked_record
from zwxt.parse import MAX_DATA_FILE_BYTES, Parsed, read_mended
from zwxt.plan.directory import Directory
from zwxt.plan.ledger import Ledger
from zwxt.plan.report import Report
from zwxt.plan.resolved import Plan
from zwxt.plan.tasks import TasksFile
from zwxt.plan.units import UnitsFile
from zwxt.positions import Positions
from zwxt.rules import DataFiles, data_findings
from zwxt.store import layout
from zwxt.store.repo import InMemory, Source

M = TypeVar("M", bound=BaseModel)
# Below this many report files a second process costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass(frozen=True)
class LeftOut:
    """A report file with errors, which no command counts until it is fixed."""

    path: str
    unit: str | None  # the unit it names, or is named after
    errors: int
    first: Diagnostic


@dataclass(frozen=True)
class ReportRef:
    """A report file of the month a command asked about, with or without errors."""

    path: str
    unit: str | None  # the unit it names, or is named after
    trusted: bool


@dataclass(frozen=True)
class KeptReport:
    """A report without errors that a command asked to keep in full."""

    path: str
    unit: str
    record: Report


@dataclass
class LoadedPlan:
    """The plan, the ledger and every finding, as one load left them."""

    plan: Plan | None  # None when the data files cannot be read into a plan at all
    ledger: Ledger
    month: Month | None  # the last month loaded: the requested one, else the newest
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    month_reports: list[ReportRef] = field(default_factory=list)
    kept: list[KeptReport] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    def plan_if_usable(self) -> Plan | None:
        """The plan, or None when the data files have errors (``usable``)."""
        return usable(self.plan, self.diagnostics)

    def usable_plan(self) -> Plan:
        """The plan, or BrokenPlanError with the data files' findings when it has errors."""
        plan = self.plan_if_usable()
        if plan is None:
            raise BrokenPlanError([d for d in self.diagnostics if d.path in layout.DATA_FILES])
        return plan


def usable(plan: Plan | None, diagnostics: list[Diagnostic]) -> Plan | None:
    """The plan when the data files made one without errors: the only plan a command uses."""
    if plan is None or any(is_error(d) for d in diagnostics if d.path in layout.DATA_FILES):
        return None
    return plan


# Told after each month: how many report files are done, of how many.
Progress = Callable[[int, int], None]


def load(source: Source, *, until: Month | None = None, wanted: Collection[str] | None = None,
         keep: Keep | None = None, workers: int | None = None, cache: bool = True,
         progress: Progress | None = None, accept: Callable[[Plan], object] | None = None) -> LoadedPlan:
    """Load the plan and its reports up to ``until`` (every month when None).

    ``wanted`` narrows the reports to those paths and the other reports of their units,
    which the history rules need; ``keep`` says which reports to hand back in full. With
    ``cache`` (unless the environment sets ZWXT_NO_CACHE), what each report file alone gave
    is kept for a repository on disk in the user's cache folder (``zwxt.load.cache``), and a
    file unchanged since is not parsed again.

    ``accept`` is given the plan as soon as the data files make a usable one, before any
    report is read or the cache opened: a command checks its arguments against the plan
    there (a unit's name, a date), and one refused on them has read no report and written
    nothing, not even the cache.
    """
    diagnostics: list[Diagnostic] = []
    data: dict[str, bytes] = {}  # the data files' bytes, as the plan was read from them
    plan = _load_data(source, diagnostics, data)  # parse → validate → resolve, for the data files
    trusted = usable(plan, diagnostics)
    if accept is not None and trusted is not None:
        accept(trusted)
    listing = source.report_files()
    diagnostics += _listing_findings(listing.unreadable, listing.linked,
                                     [rel for rel in listing.strays if _looks_like_a_report(plan, rel)])
    context = Context(source, plan, keep or Keep())
    files = listing.files if wanted is None else _with_history(context, listing.files, set(wanted))
    folders, misplaced = _by_folder(files, until)
    total = len(misplaced) + sum(len(rels) for rels in folders.values())
    # A broken plan is fixed before anything else: no command uses it, and nothing is cached.
    cached = cache and not os.environ.get("ZWXT_NO_CACHE") and trusted is not None
    whole = until is None and wanted is None
    workers = workers if workers is not None else _default_workers(total)
    with _stages(context, workers, cached, whole, data) as (check_files, months):
        # A report outside its month's folder is an error (R309), but it is still some unit's
        # report for the month it names: it is checked with that month, so that a copy in the
        # wrong place and one in the right place are both refused (R306).
        strays: dict[Month | None, list[FileResult]] = {}
        for stray in next(check_files([misplaced])):
            month = stray.facts.month if stray.facts is not None else None
            if until is None or month is None or month <= until:
                strays.setdefault(month, []).append(stray)
        in_order = sorted({*folders, *(m for m in strays if m is not None)})
        result = LoadedPlan(plan, Ledger(), until if until is not None else max(in_order, default=None),
                            diagnostics, len(layout.DATA_FILES))
        for month, checked in zip(in_order, check_files([folders.get(m, []) for m in in_order]), strict=True):
            _fold_month(result, context, months, month, [*checked, *strays.get(month, [])])
            if progress is not None:
                progress(result.files - len(layout.DATA_FILES), total)
        if None in strays:
            _fold_month(result, context, months, None, strays[None])
        result.ledger = months.finish()
    result.diagnostics.sort(key=sort_key)
    order = {unit: i for i, unit in enumerate(plan.units)} if plan else {}
    result.kept.sort(key=lambda k: (k.record.month, order.get(k.unit, len(order)), k.path))
    return result


def load_texts(files: Mapping[str, str | bytes], **options: Any) -> LoadedPlan:
    """``load`` over files held in memory, path → text: a plan written inline in a test."""
    return load(InMemory(files), **options)


def _listing_findings(unreadable: list[str], linked: list[str], strays: list[str]) -> list[Diagnostic]:
    return [*(error(folder, 1, 1, "F001", "无法读取这个文件夹，其中的报告没有检查",
                    "请检查文件夹的读取权限") for folder in unreadable),
            *(error(folder, 1, 1, "F001", "这个文件夹是符号链接，其中的报告没有检查",
                    "报告要放在仓库里的普通文件夹中：请把符号链接换成文件夹") for folder in linked),
            *(warning(rel, 1, 1, "F007", "这像是一份报告，但不是 .yaml 文件，没有检查",
                      f"报告是 {layout.REPORTS_DIR}/YYYY-MM/ 下扩展名为 .yaml 的文本文件：请改名；"
                      "如果不是报告，请移出 reports 文件夹") for rel in strays)]


def _looks_like_a_report(plan: Plan | None, rel: str) -> bool:
    """A folder named as a report, or a file named after a unit (``市审计局.txt``)."""
    name = rel.rsplit("/", 1)[-1]
    if layout.is_report_file(rel):
        return True
    return plan is not None and plan.directory.unit_of(name.split(".", 1)[0]) is not None


def _by_folder(files: list[str], until: Month | None) -> tuple[dict[Month, list[str]], list[str]]:
    """The reports up to ``until`` by the month of their folder, and those in no month's folder."""
    folders: dict[Month, list[str]] = {}
    misplaced: list[str] = []
    for rel in files:
        folder = layout.folder_month(rel)
        if folder is None:
            misplaced.append(rel)
        elif until is None or folder <= until:
            folders.setdefault(folder, []).append(rel)
    return folders, misplaced


@contextlib.contextmanager
def _stages(context: Context, workers: int, cached: bool, whole: bool, data: Mapping[str, bytes]
            ) -> Iterator[tuple[FileStage, MonthStage]]:
    """The per-file and per-month steps of this load: run in ``workers`` processes, and
    wrapped by the content cache (of the plan made from ``data``) when it is on and can be opened."""
    check = functools.partial(one_file.check_report, context)
    read = functools.partial(read_report, context)
    months = Months(context.source, context.plan)
    kept = content_cache.open_cache(context.source, data) if cached else None
    if kept is None:
        with pool.mapping(read, workers) as check_files:
            yield check_files, months
        return
    with content_cache.wrapping(kept, check, read, months, workers, context.keep, whole) as stages:
        yield stages


# ---- the data files ---------------------------------------------------------------------

def _load_data(source: Source, out: list[Diagnostic], read: dict[str, bytes]) -> Plan | None:
    """The plan the data files make (None when they make none); ``read`` gets the bytes of each
    file that could be read."""
    units, units_file = _load_record(UnitsFile, source, layout.UNITS_FILE, out, read)
    tasks, tasks_file = _load_record(TasksFile, source, layout.TASKS_FILE, out, read)
    directory = Directory(units) if units is not None else None
    parsed = {layout.UNITS_FILE: units_file, layout.TASKS_FILE: tasks_file}
    positions: dict[str, Positions] = {}  # of the files some rule found something in
    for finding in data_findings(DataFiles(units, tasks, directory)):
        if finding.path not in positions:
            positions[finding.path] = parsed[finding.path].located().positions
        out.append(finding.located(positions[finding.path]))
    return Plan(units, tasks) if units is not None and tasks is not None else None


def _load_record(model: type[M], source: Source, rel: str, out: list[Diagnostic],
                 read: dict[str, bytes]) -> tuple[M | None, Parsed]:
    """The data file's record (None when it has errors), and the file as parsed, to locate findings."""
    if not source.exists(rel):
        out.append(error(rel, 1, 1, "F001", f"缺少 {rel}",
                         f"工作方案仓库需要 {layout.TASKS_FILE} 和 {layout.UNITS_FILE} 两个数据文件"))
        return None, Parsed()
    try:
        raw = source.read(rel)
    except OSError as exc:
        out.append(unreadable(rel, exc))
        return None, Parsed()
    read[rel] = raw
    record, parsed, found = checked_record(model, rel, read_mended(
        rel, raw, max_bytes=MAX_DATA_FILE_BYTES, report=False))
    out.extend(found)
    return record, parsed


def _with_history(context: Context, files: list[str], wanted: set[str]) -> list[str]:
    """The wanted reports and every other report filed under the same units' names.

    The history rules look back: what a unit already reported done decides what it must
    still report, so a report is checked against its unit's other reports. A wanted report's
    unit is the one it names; the others are matched by the unit their file name resolves
    to, so that history filed under an alias counts too.
    """
    directory = context.plan.directory if context.plan is not None else None

    def named_after(rel: str) -> str:
        stem = layout.report_stem(rel)
        return (directory.unit_of(stem) if directory else None) or stem

    units = {named_after(rel) for rel in wanted}
    units |= {claim for rel in wanted if (claim := read_report(context, rel).claim) is not None}
    return [rel for rel in files if rel in wanted or named_after(rel) in units]


def _default_workers(files: int) -> int:
    if files < PARALLEL_THRESHOLD or os.name != "posix":
        return 1
    return min(os.cpu_count() or 1, 4)


def _fold_month(result: LoadedPlan, context: Context, months: MonthStage, month: Month | None,
                results: list[FileResult]) -> None:
    """Check a month's reports against the ledger, then fold in those without errors."""
    plan = context.plan
    found: list[Diagnostic] = [d for r in results for d in r.diagnostics]
    if plan is not None and month is not None:
        found += months.check(month, results)
    result.diagnostics += found
    result.files += len(results)
    broken: dict[str, list[Diagnostic]] = {}
    for d in found:
        if is_error(d):
            broken.setdefault(d.path, []).append(d)
    if plan is not None and month is not None:
        folded = [r for r in results if r.path not in broken and r.counts]
        months.fold(month, folded)
        result.kept += [KeptReport(r.path, r.facts.unit, r.record) for r in folded
                        if r.record is not None and r.facts is not None and r.facts.unit is not None]
        if month == result.month:
            result.month_reports = [ReportRef(r.path, r.claim, r.path not in broken) for r in results]
    for r in results:
        errors = broken.get(r.path)
        if errors:
            first = min(errors, key=sort_key)
            result.left_out.append(LeftOut(r.path, r.claim, sum(d.count for d in errors), first))
