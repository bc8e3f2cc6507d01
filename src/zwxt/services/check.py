"""zwxt check: every finding in the repository, or in the given files and their dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt.diagnostics import Diagnostic
from zwxt.errors import UsageError
from zwxt.io.loader import load_data, load_reports
from zwxt.io.repo import REPORTS_DIR, TASKS_FILE, UNITS_FILE, Repository
from zwxt.model.directory import Directory
from zwxt.model.plan import Plan
from zwxt.rules import run_rules


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    plan: Plan  # what was loaded, for commands that go on to use it


def check(repo: Repository, paths: list[Path] | None = None,
          workers: int | None = None) -> CheckResult:
    """Findings sorted by file, line and column; reading only, never writing."""
    units, tasks, diagnostics = load_data(repo)
    directory = Directory(units.model if units else None)
    if paths:
        wanted = _requested_reports(repo, paths)
        to_load = _with_history(repo, directory, wanted)
    else:
        to_load = set(repo.report_files())
        wanted = to_load
    report_findings: list[Diagnostic] = []
    reports = load_reports(repo, sorted(to_load), workers, report_findings)
    plan = Plan(units, tasks, reports)
    shown = {repo.rel(p) for p in wanted} | {TASKS_FILE, UNITS_FILE}
    findings = diagnostics + report_findings + run_rules(plan)
    ordered = sorted((d for d in findings if d.path in shown),
                     key=lambda d: (d.path, d.line, d.column))
    return CheckResult(ordered, 2 + len(wanted), plan)


def _requested_reports(repo: Repository, paths: list[Path]) -> set[Path]:
    found: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise UsageError(f"找不到 {path}", "请检查路径是否写对")
        rel = repo.rel(path)
        if path.is_dir():
            found.update(p for p in repo.report_files() if _under(repo.rel(p), rel))
        elif rel not in (TASKS_FILE, UNITS_FILE):
            found.add(path.resolve())
    return found


def _under(rel: str, folder: str) -> bool:
    return folder in ("", ".") or rel.startswith(folder.rstrip("/") + "/")


def _with_history(repo: Repository, directory: Directory, wanted: set[Path]) -> set[Path]:
    """The wanted reports plus every other month's report of the same units.

    The outline's rules look back: what a unit already reported done decides what it must
    still report, so a report is checked against its unit's whole history.
    """
    # Files are matched by the unit their name resolves to, so that history filed under an
    # alias or a width variant (`市网信　统筹局.yaml`) counts as it does in a full check.
    stems = {path.stem for path in wanted}
    owners = {directory.resolve(stem) for stem in stems} & directory.units.keys()
    history = {p for p in (repo.root / REPORTS_DIR).glob("*/*.y*ml")
               if p.stem in stems or directory.resolve(p.stem) in owners}
    return wanted | {p.resolve() for p in history}
