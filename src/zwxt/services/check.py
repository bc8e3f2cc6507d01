"""zwxt check: every finding in the repository, or in the given files; reading only, never writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt import layout
from zwxt.diagnostics import Diagnostic, sort_key
from zwxt.io.repo import Repository
from zwxt.io.templates import template_findings
from zwxt.loader import load
from zwxt.services.codeowners import codeowners_findings


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]  # sorted by file, line and column
    files: int


def check(repo: Repository, paths: list[Path] | None = None, workers: int | None = None) -> CheckResult:
    """Check the whole repository, or the reports under ``paths`` against their units' history.

    The data files are always checked: every report is read against them. A whole check also
    compiles the repository's own templates and compares a committed CODEOWNERS with what
    ``zwxt codeowners`` would write (G001).
    """
    if not paths:
        loaded = load(repo, workers=workers)
        # (a plan held in memory has no templates of its own)
        templates = template_findings(repo.templates_dir) if isinstance(repo, Repository) else []
        owners = codeowners_findings(repo, loaded)
        return CheckResult(sorted([*loaded.diagnostics, *templates, *owners], key=sort_key), loaded.files)
    wanted = repo.reports_in(paths, data_files=True)
    loaded = load(repo, wanted=wanted, workers=workers)
    shown = {*wanted, *layout.DATA_FILES}
    return CheckResult([d for d in loaded.diagnostics if d.path in shown],
                       len(wanted) + len(layout.DATA_FILES))
