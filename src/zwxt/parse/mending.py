"""Reading a file past its mechanical mistakes: the repairs of zwxt.parse.repairs made in memory.

A clerk's report with a full-width colon, a missing space, a Tab and 进行中 used to take a
run of ``zwxt check`` for each. Now, when a file fails to parse, its mechanical mistakes are
mended in memory and the mended text is read instead: every such mistake is a finding where
it was typed, and when the mended text parses, its schema's and rules' findings follow. A
file that parses, but with a status's synonym or a date in full-width digits, is read mended
too. Each mistake stays an error, so a file readable only once mended still fails.

A repair never adds or removes a line, so lines are the file's; columns are taken back
through what the repairs changed on their line (``ColumnMap``). A repair that did not do what
it was for (the key it should have made is none in the mended text), or one at or below the
line where the mended text still fails, is dropped, and the rest are read again: what is
reported is what the repairs kept give.

Nothing here writes: ``zwxt check --fix`` (services.fix) writes the same repairs to the file.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from zwxt.diagnostics import Diagnostic, is_error, warning
from zwxt.parse.limits import MAX_FILE_BYTES
from zwxt.parse.reader import Parsed, read_yaml
from zwxt.parse.repairs import (
    FULLWIDTH_DIGIT,
    SYNONYMS,
    ColumnMap,
    Repair,
    apply,
    dates,
    line_repairs,
    value_repairs,
)
from zwxt.parse.text import normalised_text
from zwxt.positions import Mark, Positions, path_text

# The findings of a parse that stopped on its syntax, which the repairs may get past.
_SYNTAX = frozenset({"Y001", "Y002", "Y003"})
_FULLWIDTH_DIGIT_BYTES = "[０-９]".encode()  # (U+FF10 to U+FF19 in UTF-8: EF BC 90 to 99)
# Each round drops at least one repair; a file has few, and this bounds a file full of them.
_ROUNDS = 8


@dataclass(frozen=True)
class Mended:
    """A file as read past its mechanical mistakes: the parse of the mended text, located in the
    text as written, and the repairs made (none when the file needed none, or none helped)."""

    parsed: Parsed
    repairs: tuple[Repair, ...] = ()

    def findings(self, path: str) -> list[Diagnostic]:
        """Each repair as an error where the mistake was typed, and one warning (F008) that
        ``zwxt check --fix`` mends them all, at the first of them."""
        if not self.repairs:
            return []
        first = self.repairs[0]
        return [*(repair.diagnostic(path, repair.where or self._where(repair)) for repair in self.repairs),
                warning(path, first.line, first.column, "F008",
                        f"本文件有 {len(self.repairs)} 处写法错误可以自动改正"
                        "（提示中写有“zwxt check --fix”的）",
                        "运行 zwxt check --fix 一次改好：只改这几处，并逐处显示改动；其余问题仍须手工修改")]


    def _where(self, repair: Repair) -> str:
        """The place in the data of what a repair of syntax is in: the key or value just after it."""
        return path_text(self.parsed.positions.path_at(Mark(repair.line, repair.column + len(repair.old))))


def read_mended(path: str, raw: bytes, *, locate: bool = False, max_bytes: int = MAX_FILE_BYTES,
                report: bool = True) -> Mended:
    """``read_yaml`` of ``raw`` (with positions only when ``locate`` or mended), mended where it
    has mechanical mistakes; ``report``: whether the file is a report, whose statuses may be synonyms."""
    parsed = read_yaml(path, raw, locate=locate, max_bytes=max_bytes)
    stopped = parsed.data is None and any(d.code in _SYNTAX for d in parsed.diagnostics)
    if not stopped and not _values_to_mend(parsed, raw, report):
        return Mended(parsed)
    try:
        lines = normalised_text(raw).split("\n")
    except UnicodeDecodeError:  # (told by the parse already)
        return Mended(parsed)
    repairs: list[Repair] = []
    if stopped:
        repairs = line_repairs("\n".join(lines))
        if not repairs:
            return Mended(parsed)
        parsed, repairs = _read_repaired(path, lines, repairs, max_bytes)
        if not _values_to_mend(parsed, raw, report):
            return Mended(parsed, tuple(repairs))
    else:
        parsed = parsed.located()
    values = value_repairs(parsed.data, parsed.positions, lines, report)
    if not values:
        return Mended(parsed, tuple(repairs))
    parsed, kept = _read_repaired(path, lines, [*repairs, *values], max_bytes)
    return Mended(parsed, tuple(kept))


def _values_to_mend(parsed: Parsed, raw: bytes, report: bool) -> bool:
    """Whether the data may hold a value to repair: cheap tests, on the path of every clean file."""
    data = parsed.data
    if not isinstance(data, dict):
        return False
    if re.search(_FULLWIDTH_DIGIT_BYTES, raw) and any(re.search(FULLWIDTH_DIGIT, value)
                                                      for _, value in dates(data)):
        return True
    tasks = data.get("tasks") if report else None
    return isinstance(tasks, list) and any(
        isinstance(entry, dict) and isinstance(status := entry.get("status"), str) and status in SYNONYMS
        for entry in tasks)


def _read_repaired(path: str, lines: list[str], repairs: list[Repair],
                   max_bytes: int) -> tuple[Parsed, list[Repair]]:
    """The parse of the lines mended by the repairs that hold, located in the lines as written."""
    parsed = Parsed()
    for _ in range(_ROUNDS):
        mended = "\n".join(apply(lines, repairs)).encode("utf-8")
        columns = ColumnMap(repairs)
        # (a repair adds a few characters: the size was judged on the file as written)
        parsed = _taken_back(read_yaml(path, mended, locate=True, max_bytes=max(max_bytes, len(mended))),
                             columns)
        if parsed.data is None:
            stop = min((d.line for d in parsed.diagnostics if is_error(d)), default=0)
            held = [r for r in repairs if r.line < stop]
        else:
            keys = parsed.positions.keys.values()
            held = [r for r in repairs
                    if not r.key or any(m.line == r.line and m.column < r.column for m in keys)]
        if len(held) == len(repairs):
            return parsed, repairs
        repairs = held
    return parsed, repairs


def _taken_back(parsed: Parsed, columns: ColumnMap) -> Parsed:
    """The parse with every key's, value's and finding's column taken back to the text as written."""
    back = columns.back
    positions = Positions({path: back(mark) for path, mark in parsed.positions.keys.items()},
                          {path: back(mark) for path, mark in parsed.positions.values.items()})
    diagnostics = [dataclasses.replace(d, column=back(Mark(d.line, d.column)).column)
                   for d in parsed.diagnostics]
    return Parsed(parsed.data, positions, diagnostics)


_LINE_END = r"(\r\n|\r|\n)"  # (the line ends normalised_text counts, each one line)
_BOM = b"\xef\xbb\xbf"


def mended_bytes(path: str, raw: bytes, *, max_bytes: int = MAX_FILE_BYTES,
                 report: bool = True) -> tuple[bytes, Mended]:
    """The file's bytes with the repairs ``read_mended`` keeps made, and what it read. Nothing
    else changes: the byte order mark, every line end, comments and blank lines are kept, and a
    file with no mechanical mistake comes back as the same bytes."""
    mended = read_mended(path, raw, max_bytes=max_bytes, report=report)
    if not mended.repairs:
        return raw, mended
    bom = _BOM if raw.startswith(_BOM) else b""
    parts = re.split(_LINE_END, raw[len(bom):].decode("utf-8"))
    lines = apply(parts[0::2], mended.repairs)
    parts[0::2] = lines
    return bom + "".join(parts).encode("utf-8"), mended
