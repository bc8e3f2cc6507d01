"""The one pipeline every command runs: parse → validate → resolve → rules → locate.

``load`` reads the data files, resolves the plan once, then folds the reports in month by
month, oldest first. For each month it parses and validates every report (in worker
processes when there are many), runs the report rules against the resolved plan, then the
month rules against the ledger of what units said before that month, and folds the reports
without errors into the ledger. Only the ledger and the reports a command asked to keep
outlive their month, so memory stays flat however long the history.

Files are parsed without positions when that is faster; a file some rule has something to
say about is parsed again, with positions, here in the loader, never by a rule or a model.

With the content cache (``zwxt.io.cache``), what each file alone gave, each month's findings
and the ledger a load ends with come from the cache when nothing they depend on changed
(``_MonthMemo``, ``_Ledgers``); a load with the cache gives exactly what one without it gives.

A report with any error is left out: it does not count for status, summaries or the next
month's scaffold, and every command names it (``LoadedPlan.left_out``). Two reports of one
unit for one month are both errors (R306), so neither counts until one is removed. Broken
data files leave no plan to use: every command but ``check`` stops (``usable_plan``).
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import hashlib
import json
import os
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zwxt import __version__, interrupt, layout
from zwxt.dates import Month, parse_iso_month
from zwxt.diagnostics import Diagnostic, Finding, Severity, capped, error, is_error, sort_key, warning
from zwxt.errors import BrokenPlanError, os_problem
from zwxt.io.cache import ResultCache, code_fingerprint, file_digest
from zwxt.io.repo import InMemory, Repository, Source, Stamp
from zwxt.io.validation import explain, validate
from zwxt.model.directory import Directory
from zwxt.model.ledger import Header, Ledger, LedgerState, ReportFacts, Word
from zwxt.model.plan import Plan
from zwxt.model.report import Report, Status
from zwxt.model.tasks import TasksFile
from zwxt.model.units import UnitsFile
from zwxt.parse import MAX_DATA_FILE_BYTES, Mended, Parsed, read_mended
from zwxt.positions import Positions
from zwxt.rules import DataFiles, MonthFiles, ReportFile, data_findings, month_findings, report_findings

M = TypeVar("M", bound=BaseModel)
# Below this many report files a second process costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass(frozen=True)
class Keep:
    """Which reports a command needs in full (their text), beyond the ledger's facts."""

    months: frozenset[Month] = frozenset()
    paths: frozenset[str] = frozenset()

    def __call__(self, rel: str) -> bool:
        return rel in self.paths or (bool(self.months) and layout.folder_month(rel) in self.months)


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

    def usable_plan(self) -> Plan:
        """The plan, or BrokenPlanError with the data files' findings when it has errors."""
        problems = [d for d in self.diagnostics if d.path in layout.DATA_FILES]
        if self.plan is None or any(is_error(d) for d in problems):
            raise BrokenPlanError(problems)
        return self.plan


# Told after each month: how many report files are done, of how many.
Progress = Callable[[int, int], None]


def load(source: Source, *, until: Month | None = None, wanted: Collection[str] | None = None,
         keep: Keep | None = None, workers: int | None = None, cache: bool = True,
         progress: Progress | None = None, accept: Callable[[Plan], object] | None = None) -> LoadedPlan:
    """Load the plan and its reports up to ``until`` (every month when None).

    ``wanted`` narrows the reports to those paths and the other reports of their units,
    which the history rules need; ``keep`` says which reports to hand back in full. With
    ``cache`` (unless the environment sets ZWXT_NO_CACHE), a repository on disk keeps what
    each report file alone gave in .zwxt-cache/ (``zwxt.io.cache``), and a file unchanged
    since is not parsed again.

    ``accept`` is given the plan as soon as the data files make a usable one, before any
    report is read or the cache opened: a command checks its arguments against the plan
    there (a unit's name, a date), and one refused on them has read no report and written
    nothing, not even the cache.
    """
    diagnostics: list[Diagnostic] = []
    plan = _load_data(source, diagnostics)
    # A broken plan is fixed before anything else: no command uses it, and nothing is cached.
    usable = plan is not None and not any(is_error(d) for d in diagnostics if d.path in layout.DATA_FILES)
    if accept is not None and plan is not None and usable:
        accept(plan)
    listing = source.report_files()
    diagnostics += [error(folder, 1, 1, "F001", "无法读取这个文件夹，其中的报告没有检查",
                          "请检查文件夹的读取权限") for folder in listing.unreadable]
    diagnostics += [error(folder, 1, 1, "F001", "这个文件夹是符号链接，其中的报告没有检查",
                          "报告要放在仓库里的普通文件夹中：请把符号链接换成文件夹")
                    for folder in listing.linked]
    diagnostics += [warning(rel, 1, 1, "F007", "这像是一份报告，但不是 .yaml 文件，没有检查",
                            f"报告是 {layout.REPORTS_DIR}/YYYY-MM/ 下扩展名为 .yaml 的文本文件：请改名；"
                            "如果不是报告，请移出 reports 文件夹")
                    for rel in listing.strays if _looks_like_a_report(plan, rel)]
    context = _Context(source, plan, keep or Keep())
    files = listing.files
    if wanted is not None:
        files = _with_history(context, files, set(wanted))
    folders: dict[Month, list[str]] = {}
    misplaced: list[str] = []
    for rel in files:
        folder = layout.folder_month(rel)
        if folder is None:
            misplaced.append(rel)
        elif until is None or folder <= until:
            folders.setdefault(folder, []).append(rel)
    total = len(misplaced) + sum(len(rels) for rels in folders.values())
    wanted_cache = cache and not os.environ.get("ZWXT_NO_CACHE")
    stored = _open_cache(source) if wanted_cache and usable and isinstance(source, Repository) else None
    if stored is not None:
        context = dataclasses.replace(context, cached=True)
    try:
        with _Parser(context, workers if workers is not None else _default_workers(total), stored) as parse:
            # A report outside its month's folder is an error (R309), but it is still some unit's
            # report for the month it names: it is checked with that month, so that a copy in
            # the wrong place and one in the right place are both refused (R306).
            strays: dict[Month | None, list[_Result]] = {}
            for stray in next(parse.groups([misplaced])):
                month = stray.facts.month if stray.facts is not None else None
                if until is None or month is None or month <= until:
                    strays.setdefault(month, []).append(stray)
            months = sorted({*folders, *(m for m in strays if m is not None)})
            last = until if until is not None else max(months, default=None)
            result = LoadedPlan(plan, Ledger(), last, diagnostics, len(layout.DATA_FILES))
            ledgers = _Ledgers(result.ledger, stored)
            groups = parse.groups([folders.get(month, []) for month in months], deferred=stored is not None)
            for month, parsed in zip(months, groups, strict=True):
                _fold_month(result, context, month, [*parsed, *strays.get(month, [])], ledgers, parse.memo)
                if progress is not None:
                    progress(result.files - len(layout.DATA_FILES), total)
            if None in strays:
                _fold_month(result, context, None, strays[None], ledgers)
            result.ledger = ledgers.finish(parse.memo)
            if stored is not None and until is None and wanted is None:
                stored.forget_other_months()
    except _CacheChanged:
        # Another run stored other results for files this one took from the cache, meanwhile:
        # loaded again without the cache, each file read once.
        return load(source, until=until, wanted=wanted, keep=keep, workers=workers, cache=False,
                    progress=progress)
    result.diagnostics.sort(key=sort_key)
    result.diagnostics = capped(result.diagnostics)
    order = {unit: i for i, unit in enumerate(plan.units)} if plan else {}
    result.kept.sort(key=lambda k: (k.record.month, order.get(k.unit, len(order)), k.path))
    return result


def load_texts(files: Mapping[str, str | bytes], **options: Any) -> LoadedPlan:
    """``load`` over files held in memory, path → text: a plan written inline in a test."""
    return load(InMemory(files), **options)


def _looks_like_a_report(plan: Plan | None, rel: str) -> bool:
    """A folder named as a report, or a file named after a unit (``市审计局.txt``)."""
    name = rel.rsplit("/", 1)[-1]
    if layout.is_report_file(rel):
        return True
    return plan is not None and plan.directory.unit_of(name.split(".", 1)[0]) is not None


# ---- the data files ---------------------------------------------------------------------

def _load_data(source: Source, out: list[Diagnostic]) -> Plan | None:
    units, units_file = _load_record(UnitsFile, source, layout.UNITS_FILE, out)
    tasks, tasks_file = _load_record(TasksFile, source, layout.TASKS_FILE, out)
    directory = Directory(units) if units is not None else None
    parsed = {layout.UNITS_FILE: units_file, layout.TASKS_FILE: tasks_file}
    positions: dict[str, Positions] = {}  # of the files some rule found something in
    for finding in data_findings(DataFiles(units, tasks, directory)):
        if finding.path not in positions:
            positions[finding.path] = parsed[finding.path].located().positions
        out.append(finding.located(positions[finding.path]))
    return Plan(units, tasks) if units is not None and tasks is not None else None


def _load_record(model: type[M], source: Source, rel: str, out: list[Diagnostic]) -> tuple[M | None, Parsed]:
    """The data file's record (None when it has errors), and the file as parsed, to locate findings."""
    if not source.exists(rel):
        out.append(error(rel, 1, 1, "F001", f"缺少 {rel}",
                         f"工作方案仓库需要 {layout.TASKS_FILE} 和 {layout.UNITS_FILE} 两个数据文件"))
        return None, Parsed()
    mended = _parse_data_file(source, rel)
    parsed = mended.parsed
    out.extend(mended.findings(rel))
    out.extend(parsed.diagnostics)
    if not _usable(parsed):
        return None, parsed
    record, problems = validate(model, parsed, rel)
    out.extend(problems)
    return record, parsed


def _parse_data_file(source: Source, rel: str) -> Mended:
    """The data file's values, past its mechanical mistakes (positions come when a finding
    needs them: ``Parsed.located``)."""
    try:
        raw = source.read(rel)
    except OSError as exc:
        return Mended(Parsed(diagnostics=[_unreadable(rel, exc)]))
    return read_mended(rel, raw, max_bytes=MAX_DATA_FILE_BYTES, report=False)


def _unreadable(rel: str, exc: OSError) -> Diagnostic:
    reason, hint = os_problem(exc, writing=False)
    return error(rel, 1, 1, "F001", f"无法读取文件：{reason}", hint)


def _usable(parsed: Parsed) -> bool:
    return parsed.data is not None and not any(is_error(d) for d in parsed.diagnostics)


def _with_history(context: _Context, files: list[str], wanted: set[str]) -> list[str]:
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
    units |= {claim for rel in wanted if (claim := _load_report(context, rel).claim) is not None}
    return [rel for rel in files if rel in wanted or named_after(rel) in units]


# ---- one report, in a worker ------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    source: Source
    plan: Plan | None
    keep: Keep
    cached: bool = False  # whether results go to the cache, which needs each file's stamp and digest


@dataclass(frozen=True)
class _Result:
    path: str
    facts: ReportFacts | None  # None when the file is not a valid report
    diagnostics: tuple[Diagnostic, ...]
    record: Report | None  # the full report, when kept
    # The unit whose report this is meant to be: the one it names, valid or not, else the
    # one its file is named after. Two files claiming one unit for one month are both refused.
    claim: str | None
    digest: str | None = None  # of the bytes it came from; None when they could not be read
    seen: Stamp | None = None  # the file's size, times and inode as it was opened
    # The file's bytes are those the cache has a result for: the result is that one, which the
    # caller reads from the cache (this one carries nothing else).
    as_stored: bool = False
    encoded: str | None = None  # the result as the cache holds it, when there is a cache
    # A valid report of a known unit read from the cache without its facts, which are decoded
    # (from ``encoded``, or from the cache again) only when the ledger or a month rule needs them.
    deferred: bool = False


# A report to load, and the digest of the bytes the cache has a result for when the file's
# times changed (a checkout rewrites files unchanged): the same bytes need no parse.
_Job = tuple[str, str | None]


def _load_report(context: _Context, rel: str, stored: str | None = None) -> _Result:
    """Parse, validate and check one report against the plan; locate what was found.

    ``stored``: the digest of the bytes the cache has a result for; when the file's bytes
    still hash to it, the answer is that result (``as_stored``), and the file is not parsed.
    """
    source = context.source
    try:
        if context.cached and isinstance(source, Repository):
            raw, seen = source.read_stamped(rel)
        else:
            raw, seen = source.read(rel), None
    except OSError as exc:
        return _Result(rel, None, (_unreadable(rel, exc),), None, _claim(context, rel, None))
    if not context.cached:
        return _checked(context, rel, raw)
    digest = file_digest(raw)
    if stored == digest and not context.keep(rel):
        return _Result(rel, None, (), None, None, digest, seen, as_stored=True)
    return dataclasses.replace(_checked(context, rel, raw), digest=digest, seen=seen)


def _checked(context: _Context, rel: str, raw: bytes) -> _Result:
    """The report's findings; one with mechanical mistakes is read mended (io.mending), each
    mistake an error, so that the rest of its findings come in the same run."""
    mended = read_mended(rel, raw)
    parsed, repaired = mended.parsed, mended.findings(rel)
    if not _usable(parsed):
        return _Result(rel, None, (*repaired, *parsed.diagnostics), None, _claim(context, rel, parsed.data))
    try:
        record = Report.model_validate(parsed.data)
    except ValidationError as exc:
        problems = explain(Report, parsed.located(), rel, exc)
        return _Result(rel, None, (*repaired, *parsed.diagnostics, *problems), None,
                       _claim(context, rel, parsed.data))
    plan = context.plan
    unit = plan.directory.unit_of(record.unit) if plan is not None else None
    found = report_findings(ReportFile(rel, record, unit), plan)
    located = [*repaired, *parsed.diagnostics]
    if found:
        positions = parsed.located().positions
        located += [finding.located(positions) for finding in found]
    return _Result(rel, _facts(rel, record, unit), tuple(located),
                   record if context.keep(rel) else None, unit or _claim(context, rel, None))


def _claim(context: _Context, rel: str, data: Any) -> str | None:
    """The unit a file that is no valid report is meant for: its ``unit:``, else its name."""
    if context.plan is None:
        return None
    directory = context.plan.directory
    written = data.get("unit") if isinstance(data, dict) else None
    unit = directory.unit_of(written) if isinstance(written, str) else None
    return unit or directory.unit_of(layout.report_stem(rel))


def _facts(rel: str, record: Report, unit: str | None) -> ReportFacts:
    month = record.month
    words = tuple(Word(e.task, e.status, e.completed, e.progress, tuple(e.metrics.items()), month, rel)
                  for e in record.tasks)
    return ReportFacts(rel, unit, month, Header(record.lead_office, record.contact, month, rel), words)


# Set in each worker process by the pool's initializer (inherited through fork, not pickled).
_worker_context: _Context | None = None


def _start_worker(context: _Context) -> None:
    global _worker_context
    # Ctrl-C at a terminal reaches the whole process group: the parent answers it and
    # shuts the pool down; a worker that raised too would print its own traceback.
    interrupt.ignore()
    _worker_context = context


def _load_in_worker(job: _Job) -> _Result:
    if _worker_context is None:
        raise RuntimeError("worker started without its context")
    return _load_report(_worker_context, *job)


class _Parser:
    """A context manager loading groups of reports (a month's), each group's results in order.

    With more than one worker the reports are parsed in forked processes, which share the
    resolved plan without pickling it. Every group's reports are handed to the workers at once,
    so that they parse the next months while the caller folds this one; results come back in
    the order asked for, so output is the same whatever the number of processes. With a
    cache, files it knows unchanged are not parsed, and what the others gave is stored.
    """

    def __init__(self, context: _Context, workers: int, cache: ResultCache | None = None) -> None:
        self.context = context
        self.workers = workers
        self.cache = cache
        self.memo = _MonthMemo(cache, context.source) if cache is not None else None
        self.pool: Any = None

    def __enter__(self) -> _Parser:
        # Loading allocates many long-lived objects and frees few: collecting meanwhile only
        # rescans them.
        self.gc_was_enabled = gc.isenabled()
        gc.disable()
        if self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                            initializer=_start_worker, initargs=(self.context,))
        return self

    def groups(self, groups: list[list[str]], deferred: bool = False) -> Iterator[list[_Result]]:
        """The results of each group in turn: from the cache for files unchanged since (by their
        times, else by their bytes, hashed where they are read), the rest parsed and stored.
        Stored results are read and decoded a group at a time, so memory holds one month's;
        with ``deferred``, their facts are not decoded until needed (``_facts_of``)."""
        cache = self.cache
        planned: list[tuple[set[str], list[_Job]]] = []
        for rels in groups:
            same = {rel for rel in rels if cache is not None and not self.context.keep(rel)
                    and cache.unchanged(rel)}
            planned.append((same, [(rel, None if cache is None else cache.digest(rel))
                                   for rel in rels if rel not in same]))
        # The next group goes to the workers while this one is folded: one group ahead keeps
        # them busy, and no more groups' results wait in memory.
        ahead: collections.deque[Iterator[_Result]] = collections.deque()
        for i, (rels, (same, _)) in enumerate(zip(groups, planned, strict=True)):
            while len(ahead) < 2 and i + len(ahead) < len(planned):
                ahead.append(self._run(planned[i + len(ahead)][1]))
            parsed = list(ahead.popleft())
            found = {result.path: result for result in parsed}
            if cache is not None:
                stored = [*same, *(r.path for r in parsed if r.as_stored)]
                found.update(self._from_cache(cache, stored, deferred))
                for result in parsed:
                    found[result.path] = _remember(cache, result, found[result.path])
            yield [found[rel] for rel in rels]

    def _from_cache(self, cache: ResultCache, rels: list[str], deferred: bool) -> dict[str, _Result]:
        """The stored results of ``rels``; a file whose entry cannot be read or decoded is parsed."""
        texts = cache.results(rels)
        found: dict[str, _Result] = {}
        for rel in rels:
            text = texts.get(rel)
            result = _decode(rel, text, cache.digest(rel), facts=not deferred) if text is not None else None
            if result is None:
                read = _load_report(self.context, rel)
                result = _remember(cache, read, read)
            found[rel] = result
        return found

    def _run(self, jobs: list[_Job]) -> Iterator[_Result]:
        if self.pool is None:
            return (_load_report(self.context, *job) for job in jobs)
        # Chunks small enough that both workers stay busy to the last month, large enough that
        # handing them over costs little.
        chunk = max(1, min(_CHUNK, len(jobs) // (self.workers * 8)))
        return iter(self.pool.map(_load_in_worker, jobs, chunksize=chunk))

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.cache is not None:
            if exc[0] is None:
                self.cache.close()
            else:  # (what a failed load found is not kept)
                self.cache.abandon()
        if self.gc_was_enabled:
            gc.enable()


_CHUNK = 32


def _default_workers(files: int) -> int:
    if files < PARALLEL_THRESHOLD or os.name != "posix":
        return 1
    return min(os.cpu_count() or 1, 4)


# ---- what one report gave, in the cache --------------------------------------------------

_CODE: str | None = None


def _open_cache(source: Repository) -> ResultCache | None:
    """The repository's cache for this build of zwxt and these data files."""
    global _CODE
    if _CODE is None:
        _CODE = code_fingerprint(__version__, Path(__file__).resolve().parent)
    data = hashlib.blake2b(_CODE.encode(), digest_size=16)
    for rel in layout.DATA_FILES:
        try:
            data.update(file_digest(source.read(rel)).encode())
        except OSError:
            return None
    return ResultCache.open(source.root, data.hexdigest())


def _remember(cache: ResultCache, read: _Result, result: _Result) -> _Result:
    """Store ``result`` for the file as ``read`` found it (its stamp and digest), unless it is
    not the file's alone to decide: that it could not be read may pass. Returns ``result``
    with its encoding, and the digest of the bytes read."""
    if read.digest is None or any(d.code == "F001" for d in result.diagnostics):
        return result
    text = result.encoded if result.encoded is not None else _encode(result)
    if read.seen is not None:
        cache.store(read.path, read.seen, read.digest, text)
    return dataclasses.replace(result, digest=read.digest, encoded=text)


def _encode(result: _Result) -> str:
    """Two lines of JSON: what every load reads (the claim, the findings, whether the file is a
    valid report of a known unit), then the facts, which a load may not need to decode."""
    facts = result.facts
    head = [result.claim, [_diagnostic_row(d)[1:] for d in result.diagnostics],
            facts is not None and facts.unit is not None]
    told = None if facts is None else [
        facts.unit, str(facts.month), facts.header.lead_office, facts.header.contact,
        [_word_row(w)[:5] for w in facts.words]]  # (the month and path are the report's)
    # (JSON writes a line break inside a text as \n: the only one is the one between)
    return f"{json.dumps(head, ensure_ascii=False)}\n{json.dumps(told, ensure_ascii=False)}"


_STATUSES = {status.value: status for status in Status}  # (a lookup, five times cheaper than Status())


def _diagnostic_row(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.severity.value, d.message, d.hint, d.hidden, d.where]


def _diagnostic(path: str, line: int, column: int, code: str, severity: str, message: str,
                hint: str, hidden: int, where: str) -> Diagnostic:
    """A stored finding; TypeError for anything this code did not write (a hand-edited cache)."""
    if not (type(line) is int and type(column) is int and type(hidden) is int
            and all(isinstance(t, str) for t in (path, code, message, hint, where))):
        raise TypeError("not a finding zwxt stored")
    return Diagnostic(path, line, column, code, Severity(severity), message, hint, hidden, where)


def _decode(rel: str, text: str, digest: str | None, facts: bool = True) -> _Result | None:
    """The stored result, or None when the entry is not one this code wrote (then it is parsed).
    Without ``facts`` a valid report's facts are left in ``encoded`` (``deferred``)."""
    try:
        head, _, rest = text.partition("\n")
        claim, rows, known_unit = json.loads(head)
        if not _text_or_none(claim):
            raise TypeError
        diagnostics = tuple(_diagnostic(rel, *row) for row in rows)
        if known_unit and not facts:
            return _Result(rel, None, diagnostics, None, claim, digest, encoded=text, deferred=True)
        told = json.loads(rest)
        return _Result(rel, None if told is None else _stored_facts(rel, told), diagnostics, None,
                       claim, digest, encoded=text)
    except (ValueError, TypeError, KeyError):
        return None


def _stored_facts(rel: str, told: list[Any]) -> ReportFacts:
    """The stored facts; ValueError for anything this code did not write (a hand-edited cache)."""
    try:
        unit, month_text, lead_office, contact, words = told
        month = parse_iso_month(month_text)
        if not (_text_or_none(unit) and isinstance(lead_office, str) and _text_or_none(contact)):
            raise TypeError
        return ReportFacts(rel, unit, month, Header(lead_office, contact, month, rel), tuple(
            _stored_word(month, rel, *row) for row in words))
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise ValueError("not facts zwxt stored") from exc


def _stored_word(month: Month, rel: str, task: int, status: str, completed: str | None,
                 progress: str | None, metrics: list[list[Any]]) -> Word:
    numbers = all(isinstance(name, str) and (value is None or type(value) in (int, float))
                  for name, value in metrics)
    if type(task) is not int or not _text_or_none(progress) or not numbers:
        raise TypeError
    return Word(task, _STATUSES[status], date.fromisoformat(completed) if completed is not None else None,
                progress, tuple((name, value) for name, value in metrics) if metrics else (), month, rel)


def _text_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def _facts_of(result: _Result) -> ReportFacts | None:
    """The result's facts, decoded now when they were deferred."""
    if result.deferred and result.encoded is not None:
        try:
            return _stored_facts(result.path, json.loads(result.encoded.partition("\n")[2]))
        except ValueError:  # (a cache entry this code did not write, whose head looked right)
            raise _CacheChanged(result.path) from None
    return result.facts


class _CacheChanged(Exception):
    """A result taken from the cache cannot be read back as this run took it: the load is
    done again without the cache."""


class _MonthMemo:
    """The month rules' findings, kept in the cache under a key of everything they read.

    A month's findings depend on the plan (the cache is the plan's), on the month's results,
    and on the ledger before the month, which is made of the results of every month before:
    the key is the chain of every month's results up to this one. Where a finding is in its
    file is kept with the digest of the file it was found in; a file changed only where no
    rule looks (a comment) has its findings located again, without running the rules. A
    month with a result the cache does not hold (an unreadable file) ends the chain.
    """

    def __init__(self, cache: ResultCache, source: Source) -> None:
        self.cache = cache
        self.source = source
        # (begun with the cache's fingerprint: what another plan's run left is never this chain's)
        self.chain: hashlib.blake2b | None = hashlib.blake2b(cache.fingerprint.encode(), digest_size=20)

    def findings(self, month: Month, results: list[_Result],
                 check: Callable[[], list[Finding]]) -> list[Diagnostic]:
        held = [(r.path, r.encoded, r.digest) for r in results
                if r.encoded is not None and r.digest is not None]
        if self.chain is None or len(held) < len(results):
            self.chain = None
            return _locate(self.source, check())
        self.chain.update(str(month).encode())
        # (a file name not in UTF-8 is held with its bytes escaped: surrogateescape)
        for path, text, _ in held:
            self.chain.update(f"\0{path}\0{len(text)}\0{text}".encode("utf-8", "surrogateescape"))
        key = self.chain.hexdigest()
        digests = {path: digest for path, _, digest in held}
        stored = self._stored(key)
        if stored is not None:
            found, located, named = stored
            if all(digests.get(path) == digest for path, digest in named.items()):
                return located
        else:
            found = check()
        read: dict[str, str] = {}
        located = _locate(self.source, found, read)
        if any(read.get(f.path) != digests.get(f.path) for f in found):
            return located  # (a file changed since its results were taken: these lines are not theirs)
        self.cache.store_month(key, json.dumps({
            "findings": [[f.path, f.where, f.code, f.severity.value, f.message, f.hint, f.on_key]
                         for f in found],
            "located": [_diagnostic_row(d) for d in located],
            "files": {f.path: digests.get(f.path) for f in found},
        }, ensure_ascii=False))
        return located

    def _stored(self, key: str) -> tuple[list[Finding], list[Diagnostic], dict[str, str]] | None:
        text = self.cache.month(key)
        if text is None:
            return None
        try:
            stored = json.loads(text)
            found = [_stored_finding(*row) for row in stored["findings"]]
            located = [_diagnostic(*row) for row in stored["located"]]
            named = stored["files"]
            if not all(isinstance(path, str) and isinstance(digest, str) for path, digest in named.items()):
                raise TypeError
            return found, located, named
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def _stored_finding(path: str, where: list[str | int] | None, code: str, severity: str, message: str,
                    hint: str, on_key: bool) -> Finding:
    """A stored finding of a month rule; TypeError for anything this code did not write."""
    if not (all(isinstance(t, str) for t in (path, code, message, hint)) and isinstance(on_key, bool)
            and (where is None or all(type(part) in (str, int) for part in where))):
        raise TypeError("not a finding zwxt stored")
    return Finding(path, None if where is None else tuple(where), code, Severity(severity), message, hint,
                   on_key)


# ---- a month of reports -----------------------------------------------------------------

def _fold_month(result: LoadedPlan, context: _Context, month: Month | None, results: list[_Result],
                ledgers: _Ledgers, memo: _MonthMemo | None = None) -> None:
    """Check a month's reports against the ledger, then fold in those without errors."""
    plan = context.plan
    found: list[Diagnostic] = [d for r in results for d in r.diagnostics]
    if plan is not None and month is not None:
        def check() -> list[Finding]:
            assert plan is not None and month is not None
            ledgers.catch_up()
            facts = [f for r in results if (f := _facts_of(r)) is not None]
            files = MonthFiles(month, facts, [(r.path, r.claim) for r in results if r.claim is not None])
            return month_findings(files, plan, ledgers.ledger)

        found += _locate(context.source, check()) if memo is None else memo.findings(month, results, check)
    result.diagnostics += found
    result.files += len(results)
    broken: dict[str, list[Diagnostic]] = {}
    for d in found:
        if is_error(d):
            broken.setdefault(d.path, []).append(d)
    if plan is None or month is None:
        _note_left_out(result, results, broken)
        return
    folded = [r for r in results if r.path not in broken
              and (r.deferred or (r.facts is not None and r.facts.unit is not None))]
    ledgers.fold(month, folded, defer=memo is not None and memo.chain is not None)
    result.kept += [KeptReport(r.path, r.facts.unit, r.record) for r in folded
                    if r.record is not None and r.facts is not None and r.facts.unit is not None]
    _note_left_out(result, results, broken)
    if month == result.month:
        result.month_reports = [ReportRef(r.path, r.claim, r.path not in broken) for r in results]


class _Ledgers:
    """Folds each month's reports into the ledger; or, while the cache may hold the ledger the
    load will end with (every month's results as they were), only notes what to fold, and a
    load that ends as a stored one takes its ledger instead of folding every report again."""

    def __init__(self, ledger: Ledger, cache: ResultCache | None) -> None:
        self.ledger = ledger
        self.cache = cache
        # Months noted, in order: each report's facts, or its path when they are in the cache.
        self.pending: list[tuple[Month, list[ReportFacts | str]]] = []

    def fold(self, month: Month, results: list[_Result], defer: bool) -> None:
        if defer and self.cache is not None:
            self.pending.append((month, [r.facts if r.facts is not None else r.path for r in results]))
            return
        self.catch_up()
        self.ledger.start(month)
        for r in results:
            facts = _facts_of(r)
            if facts is not None:
                self.ledger.record(facts)

    def catch_up(self) -> None:
        """Fold in the months noted, reading their facts from the cache again."""
        pending, self.pending = self.pending, []
        for month, items in pending:
            texts = self.cache.results([i for i in items if isinstance(i, str)]) if self.cache else {}
            self.ledger.start(month)
            for item in items:
                facts = item if not isinstance(item, str) else self._stored(item, texts.get(item))
                if facts is not None:
                    self.ledger.record(facts)

    def _stored(self, rel: str, text: str | None) -> ReportFacts | None:
        """The facts this run's month took from the cache; reading the file again could give
        another version of it than the one that month was checked with."""
        try:
            if text is not None:
                return _stored_facts(rel, json.loads(text.partition("\n")[2]))
        except ValueError:
            pass
        raise _CacheChanged(rel)

    def finish(self, memo: _MonthMemo | None) -> Ledger:
        """The ledger the load ends with: the stored one for this chain of months, if any."""
        if memo is None or memo.chain is None or self.cache is None:
            self.catch_up()
            return self.ledger
        key = memo.chain.hexdigest()
        text = self.cache.ledger(key)
        state = _decode_ledger(text) if text is not None else None
        if state is not None:
            self.pending = []
            return Ledger(state)
        self.catch_up()
        self.cache.store_ledger(key, _encode_ledger(self.ledger.state()))
        return self.ledger


def _word_row(word: Word) -> list[Any]:
    return [word.task, word.status.value, word.completed.isoformat() if word.completed else None,
            word.progress, [list(m) for m in word.metrics], str(word.month), word.path]


def _header_row(header: Header) -> list[Any]:
    return [header.lead_office, header.contact, str(header.month), header.path]


def _encode_ledger(state: LedgerState) -> str:
    return json.dumps([
        str(state.month) if state.month is not None else None,
        [[unit, *_word_row(word)] for (unit, _), word in state.words.items()],
        [[unit, *_header_row(header)] for unit, header in state.headers.items()],
        [[unit, task, None if word is None else _word_row(word)]
         for (unit, task), word in state.earlier_words.items()],
        [[unit, None if header is None else _header_row(header)]
         for unit, header in state.earlier_headers.items()],
    ], ensure_ascii=False)


def _decode_ledger(text: str) -> LedgerState | None:
    """The stored ledger, or None when the entry is not one this code wrote (then it is folded)."""
    months: dict[str, Month] = {}

    def month_of(written: str) -> Month:
        found = months.get(written)
        if found is None:
            found = months[written] = parse_iso_month(written)
        return found

    def word(task: int, status: str, completed: str | None, progress: str | None, metrics: list[Any],
             month: str, path: str) -> Word:
        if not isinstance(path, str):
            raise TypeError
        return _stored_word(month_of(month), path, task, status, completed, progress, metrics)

    def header(lead_office: str, contact: str | None, month: str, path: str) -> Header:
        if not (isinstance(lead_office, str) and _text_or_none(contact) and isinstance(path, str)):
            raise TypeError
        return Header(lead_office, contact, month_of(month), path)

    try:
        month, words, headers, earlier_words, earlier_headers = json.loads(text)
        return LedgerState(
            None if month is None else month_of(month),
            {(unit, row[0]): word(*row) for unit, *row in words},
            {unit: header(*row) for unit, *row in headers},
            {(unit, task): None if row is None else word(*row) for unit, task, row in earlier_words},
            {unit: None if row is None else header(*row) for unit, row in earlier_headers})
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _note_left_out(result: LoadedPlan, results: list[_Result], broken: dict[str, list[Diagnostic]]) -> None:
    for r in results:
        errors = broken.get(r.path)
        if errors:
            first = min(errors, key=sort_key)
            result.left_out.append(LeftOut(r.path, r.claim, sum(d.count for d in errors), first))


def _locate(source: Source, findings: list[Finding], read: dict[str, str] | None = None) -> list[Diagnostic]:
    """Line and column for what the month rules found, parsing each file named once more;
    ``read``, when given, gets the digest of the bytes each file was located in."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    located: list[Diagnostic] = []
    for rel, items in by_path.items():
        try:
            raw = source.read(rel)
        except OSError:
            raw = None
        positions = Positions() if raw is None else read_mended(rel, raw, locate=True).parsed.positions
        if read is not None and raw is not None:
            read[rel] = file_digest(raw)
        located += [finding.located(positions) for finding in items]
    return located
