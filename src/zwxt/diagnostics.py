"""Findings as values: every check returns them instead of raising.

A rule says *where in the data* something is wrong (a ``Finding``: the file and the path of
keys, such as ``("tasks", 2, "status")``); the loader, which holds what the parse recorded,
turns that into a line and column (a ``Diagnostic``). Rules never see a file or a position.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from zwxt.positions import PathKey, Positions, path_text


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, located at a 1-based line and column of a repository-relative path, and at
    its place in the data (``where``, a key path such as ``tasks[3].progress``; "" when the
    finding is about the file as a whole or the file could not be read as data)."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    # How many more findings like this one were not listed (see ``capped``).
    hidden: int = 0
    where: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        if not self.hidden:  # only a summary of findings left unlisted carries the count
            del data["hidden"]
        return data

    @property
    def count(self) -> int:
        """How many findings this line stands for: itself and those it summarises."""
        return 1 + self.hidden


@dataclass(frozen=True)
class Finding:
    """What a rule found, at a place in the data rather than in the text.

    ``where`` is the path of keys to the value (or, with ``on_key``, to its key); None
    means the file as a whole, reported at its first line.
    """

    path: str
    where: PathKey | None
    code: str
    severity: Severity
    message: str
    hint: str = ""
    on_key: bool = False

    def located(self, positions: Positions) -> Diagnostic:
        if self.where is None:
            line, column = 1, 1
        else:
            line, column = positions.key(self.where) if self.on_key else positions.value(self.where)
        return Diagnostic(self.path, line, column, self.code, self.severity, self.message, self.hint,
                          where="" if self.where is None else path_text(self.where))


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "",
          where: PathKey = ()) -> Diagnostic:
    """An error at ``line``:``column``; ``where``, the path of keys to it in the data, when known."""
    return Diagnostic(path, line, column, code, Severity.ERROR, message, hint, where=path_text(where))


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "",
            where: PathKey = ()) -> Diagnostic:
    return Diagnostic(path, line, column, code, Severity.WARNING, message, hint, where=path_text(where))


def is_error(item: Diagnostic | Finding) -> bool:
    return item.severity is Severity.ERROR


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """Whether the findings fail a check; with ``strict`` warnings fail too."""
    return any(strict or is_error(d) for d in diagnostics)


# Listing more findings of one kind in one file helps no one and, at 100,000 of them, takes
# minutes to print: the rest are counted in one line instead.
MAX_PER_CODE = 20
MAX_PER_FILE = 200


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most MAX_PER_CODE findings of a code and MAX_PER_FILE in all for each file.

    ``diagnostics`` are sorted by file. What is left out is said by a finding that carries
    the count in ``hidden``: one per code, where the first finding left out was, and one
    (F006) for a file with more kinds of findings than MAX_PER_FILE lines can list.
    """
    result: list[Diagnostic] = []
    start = 0
    while start < len(diagnostics):
        path = diagnostics[start].path
        end = start
        while end < len(diagnostics) and diagnostics[end].path == path:
            end += 1
        result += _capped_file(diagnostics[start:end])
        start = end
    return result


def _capped_file(found: list[Diagnostic]) -> list[Diagnostic]:
    if len(found) <= MAX_PER_CODE and not any(d.hidden for d in found):
        return found
    shown: list[Diagnostic] = []
    left: dict[str, list[Diagnostic]] = {}
    seen: dict[str, int] = {}
    for d in found:
        seen[d.code] = seen.get(d.code, 0) + 1
        if seen[d.code] <= MAX_PER_CODE:
            shown.append(d)
        else:
            left.setdefault(d.code, []).append(d)
    for code, rest in left.items():
        first = rest[0]
        hidden = sum(d.count for d in rest)
        shown.append(Diagnostic(first.path, first.line, first.column, code, _worst(rest),
                                f"……另有 {hidden} 处同类问题（{code}）未逐一列出",
                                f"每个文件每类问题最多列出 {MAX_PER_CODE} 处；"
                                "请改正上面列出的问题后再检查", hidden=hidden - 1, where=first.where))
    shown.sort(key=sort_key)
    if len(shown) <= MAX_PER_FILE:
        return shown
    rest = shown[MAX_PER_FILE - 1:]
    first = rest[0]
    hidden = sum(d.count for d in rest)
    return [*shown[:MAX_PER_FILE - 1],
            Diagnostic(first.path, first.line, first.column, "F006", _worst(rest),
                       f"……本文件另有 {hidden} 处问题未逐一列出",
                       f"每个文件最多列出 {MAX_PER_FILE} 处问题；请改正上面列出的问题后再检查",
                       hidden=hidden - 1, where=first.where)]


def _worst(found: list[Diagnostic]) -> Severity:
    return Severity.ERROR if any(is_error(d) for d in found) else Severity.WARNING


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    """The order findings are shown in: by file, then line and column."""
    return (d.path, d.line, d.column, d.code)
