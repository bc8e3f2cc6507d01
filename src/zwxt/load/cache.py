"""The content cache around the pipeline's two steps: what each report file alone gave, each
month's findings, and the ledger a load ends with, kept between runs (``cache_store``).

``wrapping`` gives the pipeline the same two steps it would run without the cache (a map of
``check_report`` over a month's files, and ``Months``), answering from the cache what nothing
it depends on changed; a load with the cache gives exactly what one without it gives.

- A file whose stamp (size, times, inode) is the one stored is not read; one whose bytes hash
  to the stored digest (a checkout rewrites files unchanged) is not parsed. Stored results
  are decoded a month at a time, and the facts of a valid report only when the ledger or a
  month rule reads them.
- A month's findings depend on the plan (the cache is the plan's), on the month's results,
  and on the ledger before the month, which is made of the results of every month before:
  they are kept under the chain of every month's results up to this one. Where a finding is
  in its file is kept with the digest of the file it was found in; a file changed only where
  no rule looks (a comment) has its findings located again, without running the rules. A
  month with a result the cache does not hold (an unreadable file) ends the chain.
- While the chain holds, the months' reports are not folded into the ledger: a load whose
  months are all as they were takes the ledger stored under the chain, and one where a month
  must be checked again folds the months before it first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zwxt import __version__
from zwxt.dates import Month, parse_iso_month
from zwxt.diagnostics import Diagnostic, Finding, Severity
from zwxt.load import pool
from zwxt.load.cache_store import ResultCache, code_fingerprint, file_digest
from zwxt.load.files import FileResult, FileStage
from zwxt.load.months import Months, MonthStage
from zwxt.plan.ledger import Header, Ledger, LedgerState, ReportFacts, Statement
from zwxt.plan.report import Status
from zwxt.store import layout
from zwxt.store.repo import Repository, Source, Stamp

_CODE: str | None = None


def open_cache(source: Source, data: Mapping[str, bytes]) -> ResultCache | None:
    """The repository's cache for this build of zwxt and the data files' bytes ``data`` (those
    the plan was made from: what is stored was found against that plan); None for files in
    memory, or when there can be none."""
    global _CODE
    if not isinstance(source, Repository) or any(rel not in data for rel in layout.DATA_FILES):
        return None
    if _CODE is None:
        _CODE = code_fingerprint(__version__, Path(__file__).resolve().parent.parent)
    key = hashlib.blake2b(_CODE.encode(), digest_size=16)
    for rel in layout.DATA_FILES:
        key.update(file_digest(data[rel]).encode())
    return ResultCache.open(source.root, key.hexdigest())


@contextlib.contextmanager
def wrapping(cache: ResultCache, check: Callable[[str, bytes], FileResult], read: Callable[[str], FileResult],
             months: Months, workers: int, fresh: Callable[[str], bool], whole: bool
             ) -> Iterator[tuple[FileStage, MonthStage]]:
    """The pipeline's steps with the cache: ``check`` (a file's bytes → its result) and
    ``read`` (a file → its result, when it cannot be read too) for the files, ``months`` for
    the months; a file ``fresh`` names (a command keeps its text) is always checked. A load
    that fails stores nothing; one of every month (``whole``) drops the months no longer as
    they were."""
    assert isinstance(months.source, Repository)  # (open_cache opens none for files in memory)
    files = _Files(cache, months.source, check, read, fresh)
    try:
        with pool.mapping(files.job, workers) as run:
            yield files.stage(run), _Months(cache, months, files)
    except BaseException:
        cache.abandon()  # (what a failed load found is not kept)
        raise
    if whole:
        cache.forget_other_months()
    cache.close()


# ---- each file ------------------------------------------------------------------------------

# A report to check, and the digest of the bytes the cache has a result for when the file's
# times changed: the same bytes need no parse.
_Job = tuple[str, str | None]


@dataclass(frozen=True)
class _Read:
    """A job done: the result (None when the bytes are those stored), the digest of the bytes
    read (None when they could not be), and the file's stamp as it was opened."""

    path: str
    result: FileResult | None
    digest: str | None = None
    seen: Stamp | None = None


class _Files:
    def __init__(self, cache: ResultCache, source: Repository, check: Callable[[str, bytes], FileResult],
                 read: Callable[[str], FileResult], fresh: Callable[[str], bool]) -> None:
        self.cache = cache
        self.source = source
        self.check = check
        self.read = read
        self.fresh = fresh
        # Of each result given and not yet asked for by the month step: its encoding, and the
        # digest of the bytes it came from.
        self.held: dict[str, tuple[str, str]] = {}

    def job(self, job: _Job) -> _Read:
        """Check one file (in a worker process): not when its bytes are those stored."""
        rel, stored = job
        try:
            raw, seen = self.source.read_stamped(rel)
        except OSError:
            return _Read(rel, self.read(rel))
        digest = file_digest(raw)
        if stored == digest and not self.fresh(rel):
            return _Read(rel, None, digest, seen)
        return _Read(rel, self.check(rel, raw), digest, seen)

    def stage(self, run: pool.Groups[_Job, _Read]) -> FileStage:
        def groups(groups: list[list[str]]) -> Iterator[list[FileResult]]:
            cache = self.cache
            planned: list[tuple[list[str], list[_Job]]] = []
            for rels in groups:
                same = [rel for rel in rels if not self.fresh(rel) and cache.unchanged(rel)]
                taken = set(same)
                planned.append((same, [(rel, cache.digest(rel)) for rel in rels if rel not in taken]))
            results = run([jobs for _, jobs in planned])
            for rels, (same, _), done in zip(groups, planned, results, strict=True):
                found = self._stored([*same, *(d.path for d in done if d.result is None)])
                for d in done:
                    if d.result is not None:
                        found[d.path] = self._remember(d, d.result)
                yield [found[rel] for rel in rels]
        return groups

    def _stored(self, rels: list[str]) -> dict[str, FileResult]:
        """The stored results of ``rels``; a file whose entry cannot be read or decoded is checked."""
        texts = self.cache.results(rels)
        found: dict[str, FileResult] = {}
        for rel in rels:
            text = texts.get(rel)
            digest = self.cache.digest(rel)
            result = None if text is None or digest is None else _decode(rel, text, self._facts_again)
            if result is None:
                done = self.job((rel, None))
                assert done.result is not None
                result = self._remember(done, done.result)
            else:
                assert text is not None and digest is not None
                self.held[rel] = (text, digest)
            found[rel] = result
        return found

    def _facts_again(self, rel: str) -> ReportFacts | None:
        """The facts of a file whose stored facts cannot be decoded (a cache entry this code did
        not write, whose head looked right): from the file."""
        return self.read(rel).facts

    def _remember(self, done: _Read, result: FileResult) -> FileResult:
        """Store ``result`` for the file as the job found it (its stamp and digest), unless it is
        not the file's alone to decide: that it could not be read may pass."""
        if done.digest is None or any(d.code == "F001" for d in result.diagnostics):
            return result
        text = _encode(result)
        if done.seen is not None:
            self.cache.store(done.path, done.seen, done.digest, text)
        self.held[done.path] = (text, done.digest)
        return result


# ---- each month -----------------------------------------------------------------------------

class _Months:
    """``Months`` answered from the cache while every month's results are as they were."""

    def __init__(self, cache: ResultCache, months: Months, files: _Files) -> None:
        self.cache = cache
        self.months = months
        self.files = files
        # (begun with the cache's fingerprint: what another plan's run left is never this chain's)
        self.chain: hashlib.blake2b | None = hashlib.blake2b(cache.fingerprint.encode(), digest_size=20)
        self.pending: list[tuple[Month, list[FileResult]]] = []  # months not yet folded

    def check(self, month: Month, results: list[FileResult]) -> list[Diagnostic]:
        held = [(r.path, *known) for r in results if (known := self.files.held.pop(r.path, None)) is not None]
        if self.chain is None or len(held) < len(results):
            self.chain = None
            self._catch_up()
            return self.months.check(month, results)
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
            self._catch_up()
            found = self.months.rules(month, results)
        read: dict[str, str] = {}

        def reading(rel: str) -> bytes:
            raw = self.months.source.read(rel)
            read[rel] = file_digest(raw)
            return raw

        located = self.months.locate(found, reading)
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

    def fold(self, month: Month, results: list[FileResult]) -> None:
        if self.chain is not None:
            self.pending.append((month, results))
            return
        self._catch_up()
        self.months.fold(month, results)

    def _catch_up(self) -> None:
        """Fold in the months noted."""
        pending, self.pending = self.pending, []
        for month, results in pending:
            self.months.fold(month, results)

    def finish(self) -> Ledger:
        """The ledger the load ends with: the stored one for this chain of months, if any."""
        if self.chain is None:
            self._catch_up()
            return self.months.finish()
        key = self.chain.hexdigest()
        text = self.cache.ledger(key)
        state = _decode_ledger(text) if text is not None else None
        if state is not None:
            self.pending = []
            return Ledger(state)
        self._catch_up()
        ledger = self.months.finish()
        self.cache.store_ledger(key, _encode_ledger(ledger.state()))
        return ledger


# ---- the codec ------------------------------------------------------------------------------

_STATUSES = {status.value: status for status in Status}  # (a lookup, five times cheaper than Status())


def _encode(result: FileResult) -> str:
    """Two lines of JSON: what every load reads (the claim, the findings, whether the file is a
    valid report of a known unit), then the facts, which a load may not need to decode."""
    facts = result.facts
    head = [result.claim, [_diagnostic_row(d)[1:] for d in result.diagnostics], result.counts]
    told = None if facts is None else [
        facts.unit, str(facts.month), facts.header.lead_office, facts.header.contact,
        [_statement_row(w)[:5] for w in facts.statements]]  # (the month and path are the report's)
    # (JSON writes a line break inside a text as \n: the only one is the one between)
    return f"{json.dumps(head, ensure_ascii=False)}\n{json.dumps(told, ensure_ascii=False)}"


def _decode(rel: str, text: str, again: Callable[[str], ReportFacts | None]) -> FileResult | None:
    """The stored result, or None when the entry is not one this code wrote (then the file is
    checked). A valid report's facts are decoded when first asked for; ``again`` gives them
    from the file when they cannot be."""
    try:
        head, _, rest = text.partition("\n")
        claim, rows, counts = json.loads(head)
        if not (_text_or_none(claim) and isinstance(counts, bool)):
            raise TypeError
        diagnostics = tuple(_diagnostic(rel, *row) for row in rows)
        if counts:
            def facts() -> ReportFacts | None:
                try:
                    return _stored_facts(rel, json.loads(rest))
                except ValueError:
                    return again(rel)
            return FileResult(rel, None, diagnostics, claim, counts=True, read_facts=facts)
        told = json.loads(rest)
        return FileResult(rel, None if told is None else _stored_facts(rel, told), diagnostics, claim,
                          counts=False)
    except (ValueError, TypeError, KeyError):
        return None


def _stored_facts(rel: str, told: list[Any]) -> ReportFacts:
    """The stored facts; ValueError for anything this code did not write (a hand-edited cache)."""
    try:
        unit, month_text, lead_office, contact, statements = told
        month = parse_iso_month(month_text)
        if not (_text_or_none(unit) and isinstance(lead_office, str) and _text_or_none(contact)):
            raise TypeError
        return ReportFacts(rel, unit, month, Header(lead_office, contact, month, rel), tuple(
            _stored_statement(month, rel, *row) for row in statements))
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        raise ValueError("not facts zwxt stored") from exc


def _stored_statement(month: Month, rel: str, task: int, status: str, completed: str | None,
                      progress: str | None, metrics: list[list[Any]]) -> Statement:
    numbers = all(isinstance(name, str) and (value is None or type(value) in (int, float))
                  for name, value in metrics)
    if type(task) is not int or not _text_or_none(progress) or not numbers:
        raise TypeError
    done = date.fromisoformat(completed) if completed is not None else None
    return Statement(task, _STATUSES[status], done, progress,
                     tuple((name, value) for name, value in metrics) if metrics else (), month, rel)


def _text_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def _diagnostic_row(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.severity.value, d.message, d.hint, d.hidden, d.where]


def _diagnostic(path: str, line: int, column: int, code: str, severity: str, message: str,
                hint: str, hidden: int, where: str) -> Diagnostic:
    """A stored finding; TypeError for anything this code did not write (a hand-edited cache)."""
    if not (type(line) is int and type(column) is int and type(hidden) is int
            and all(isinstance(t, str) for t in (path, code, message, hint, where))):
        raise TypeError("not a finding zwxt stored")
    return Diagnostic(path, line, column, code, Severity(severity), message, hint, hidden, where)


def _stored_finding(path: str, where: list[str | int] | None, code: str, severity: str, message: str,
                    hint: str, on_key: bool) -> Finding:
    """A stored finding of a month rule; TypeError for anything this code did not write."""
    if not (all(isinstance(t, str) for t in (path, code, message, hint)) and isinstance(on_key, bool)
            and (where is None or all(type(part) in (str, int) for part in where))):
        raise TypeError("not a finding zwxt stored")
    return Finding(path, None if where is None else tuple(where), code, Severity(severity), message, hint,
                   on_key)


def _statement_row(said: Statement) -> list[Any]:
    return [said.task, said.status.value, said.completed.isoformat() if said.completed else None,
            said.progress, [list(m) for m in said.metrics], str(said.month), said.path]


def _header_row(header: Header) -> list[Any]:
    return [header.lead_office, header.contact, str(header.month), header.path]


def _encode_ledger(state: LedgerState) -> str:
    return json.dumps([
        str(state.month) if state.month is not None else None,
        [[unit, *_statement_row(statement)] for (unit, _), statement in state.statements.items()],
        [[unit, *_header_row(header)] for unit, header in state.headers.items()],
        [[unit, task, None if statement is None else _statement_row(statement)]
         for (unit, task), statement in state.earlier_statements.items()],
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

    def statement(task: int, status: str, completed: str | None, progress: str | None, metrics: list[Any],
                  month: str, path: str) -> Statement:
        if not isinstance(path, str):
            raise TypeError
        return _stored_statement(month_of(month), path, task, status, completed, progress, metrics)

    def header(lead_office: str, contact: str | None, month: str, path: str) -> Header:
        if not (isinstance(lead_office, str) and _text_or_none(contact) and isinstance(path, str)):
            raise TypeError
        return Header(lead_office, contact, month_of(month), path)

    try:
        month, statements, headers, earlier_statements, earlier_headers = json.loads(text)
        return LedgerState(
            None if month is None else month_of(month),
            {(unit, row[0]): statement(*row) for unit, *row in statements},
            {unit: header(*row) for unit, *row in headers},
            {(unit, task): None if row is None else statement(*row)
             for unit, task, row in earlier_statements},
            {unit: None if row is None else header(*row) for unit, row in earlier_headers})
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
