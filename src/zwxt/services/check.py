"""zwxt check: every finding in the repository, or in the given files; reading only, never writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt import layout
from zwxt.diagnostics import Diagnostic, sort_key
from zwxt.errors import BrokenPlanError
from zwxt.io.git import commits_since
from zwxt.io.repo import Repository
from zwxt.io.templates import template_findings
from zwxt.loader import LoadedPlan, load
from zwxt.model.plan import Plan
from zwxt.services.codeowners import codeowners_findings
from zwxt.services.ownership import ownership_findings


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]  # sorted by file, line and column
    files: int
    plan: Plan | None = None  # what the reports were checked against; None when data is broken


def check(repo: Repository, paths: list[Path] | None = None, workers: int | None = None,
          base: str | None = None) -> CheckResult:
    """Check the whole repository, or the reports under ``paths`` against their units' history.

    The data files are always checked: every report is read against them. A whole check also
    compiles the repository's own templates and compares a committed CODEOWNERS with what
    ``zwxt codeowners`` would write (G001). With ``base`` (a pull request's target, such as
    ``origin/main``), see ``check_changes``.
    """
    if base is not None:
        return check_changes(repo, base, workers)
    if not paths:
        loaded = load(repo, workers=workers)
        # (a plan held in memory has no templates of its own)
        templates = template_findings(repo.templates_dir) if isinstance(repo, Repository) else []
        owners = codeowners_findings(repo, loaded)
        return CheckResult(sorted([*loaded.diagnostics, *templates, *owners], key=sort_key), loaded.files,
                           _usable(loaded))
    wanted = repo.reports_in(paths, data_files=True)
    loaded = load(repo, wanted=wanted, workers=workers)
    shown = {*wanted, *layout.DATA_FILES}
    return CheckResult([d for d in loaded.diagnostics if d.path in shown],
                       len(wanted) + len(layout.DATA_FILES), _usable(loaded))


def check_changes(repo: Repository, base: str, workers: int | None = None) -> CheckResult:
    """What a pull request changed since its merge base with ``base``, and who changed it.

    The reports its commits touched are checked with their units' history; a change to
    data/ or templates/ bears on every report, so everything is checked then. Each commit is
    judged for ownership (see services.ownership), and a deleted report is an error.
    """
    commits = commits_since(repo.root, base)
    changed = {change.path for commit in commits for change in commit.changes}
    if any(path.startswith((layout.DATA_DIR + "/", layout.TEMPLATES_DIR + "/")) for path in changed):
        result = check(repo, workers=workers)
    else:
        reports = [repo.path(rel) for rel in sorted(changed)
                   if layout.is_report_file(rel) and repo.path(rel).is_file()]
        result = check(repo, reports or [repo.path(layout.TASKS_FILE)], workers=workers)
    if result.plan is None:
        return result  # without a usable plan no one can be judged: its findings say why
    newest = max((m for rel in repo.report_files().files if (m := layout.folder_month(rel)) is not None),
                 default=None)
    found = ownership_findings(result.plan, commits, newest)
    return CheckResult(sorted([*result.diagnostics, *found], key=sort_key), result.files, result.plan)


def _usable(loaded: LoadedPlan) -> Plan | None:
    try:
        return loaded.usable_plan()
    except BrokenPlanError:
        return None
