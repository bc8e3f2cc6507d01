"""Findings as values: every check returns them instead of raising.

A rule says *where in the data* something is wrong (a ``Finding``: the file and the path of
keys, such as ``("tasks", 2, "status")``); the loader, which holds what the parse recorded,
turns that into a line and column (a ``Diagnostic``). Rules never see a file or a position.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from zwxt.positions import PathKey, Positions


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, located at a 1-based line and column of a repository-relative path."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


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
        return Diagnostic(self.path, line, column, self.code, self.severity, self.message, self.hint)


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, Severity.ERROR, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, Severity.WARNING, message, hint)


def is_error(item: Diagnostic | Finding) -> bool:
    return item.severity is Severity.ERROR


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """Whether the findings fail a check; with ``strict`` warnings fail too."""
    return any(strict or is_error(d) for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    """The order findings are shown in: by file, then line and column."""
    return (d.path, d.line, d.column, d.code)
