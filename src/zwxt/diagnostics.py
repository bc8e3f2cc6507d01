"""Findings as values: every check returns diagnostics instead of raising."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


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


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, Severity.ERROR, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, column, code, Severity.WARNING, message, hint)


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    """Whether the findings fail a check; with ``strict`` warnings fail too."""
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)
