"""zwxt check: every finding in the repository, or in the given files; it writes nothing but its cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, error, sort_key, warning
from zwxt.documents.templates import template_findings
from zwxt.load import LoadedPlan, Progress, load, load_texts
from zwxt.plan.resolved import Plan
from zwxt.services.codeowners import codeowners_findings
from zwxt.services.ownership import closed_month_findings, ownership_findings
from zwxt.store import layout
from zwxt.store.repo import Repository, Source


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]  # sorted by file, line and column
    files: int
    plan: Plan | None = None  # what the reports were checked against; None when data is broken


def check(repo: Repository, paths: list[Path] | None = None, workers: int | None = None,
          base: str | None = None, cache: bool = True, progress: Progress | None = None) -> CheckResult:
    """Check the whole repository, or the reports under ``paths`` against their units' history.

    The data files are always checked: every report is read against them. A whole check also
    compiles the repository's own templates and compares a committed CODEOWNERS with what
    ``zwxt codeowners`` would write (G001). With ``base`` (a pull request's target, such as
    ``origin/main``), see ``check_changes``. Without ``cache``, every file is parsed again
    and the cache is neither read nor written. ``progress`` is told, month by month, how
    many report files are done.
    """
    if base is not None:
        return check_changes(repo, base, workers, cache)
    if not paths:
        loaded = load(repo, workers=workers, cache=cache, progress=progress)
        return CheckResult(whole_findings(repo, loaded), loaded.files, loaded.plan_if_usable())
    wanted = repo.reports_in(paths, data_files=True)
    loaded = load(repo, wanted=wanted, workers=workers, cache=cache, progress=progress)
    shown = {*wanted, *layout.DATA_FILES}
    return CheckResult([d for d in loaded.diagnostics if d.path in shown],
                       len(wanted) + len(layout.DATA_FILES), loaded.plan_if_usable())


def whole_findings(source: Source, loaded: LoadedPlan) -> list[Diagnostic]:
    """Every finding of a whole check, sorted by file, line and column: the load's (``source``
    loaded with every month), the repository's own templates' and a stale CODEOWNERS' (G001)."""
    # (a plan held in memory has no templates of its own)
    templates = (template_findings(source.templates_dir, layout.TEMPLATES_DIR)
                 if isinstance(source, Repository) else [])
    owners = codeowners_findings(source, loaded.plan_if_usable())
    return sorted([*loaded.diagnostics, *templates, *owners], key=sort_key)


def check_changes(repo: Repository, base: str, workers: int | None = None, cache: bool = True,
                  today: date | None = None) -> CheckResult:
    """What a pull request changes against ``base``, and who changed it.

    The files checked are the net change (merge base to HEAD), so that an edit hidden in a
    merge commit is read too: the reports it touches with their units' history, or, when
    data/ or templates/ change, everything. Who may change what is judged commit by commit
    against the plan *as the target branch holds it now* (not as at the merge base, which a
    branch chooses by where it starts): a pull request cannot make its own author a
    maintainer and pass. A report the pull request deletes, or makes a link or a submodule,
    is an error, and so is a report for a month after the next by ``today``.
    """
    from zwxt.store.git import files_at, pull_request  # only here: a plain check reads no history

    pr = pull_request(repo.root, base)
    changed = {change.path for change in pr.net}
    if any(not layout.is_report_file(path) for path in changed
           if path.startswith((layout.DATA_DIR + "/", layout.TEMPLATES_DIR + "/"))):
        result = check(repo, workers=workers, cache=cache)
    else:
        reports = [repo.path(rel) for rel in sorted(changed)
                   if layout.is_report_file(rel) and repo.path(rel).is_file()]
        result = check(repo, reports or [repo.path(layout.TASKS_FILE)], workers=workers, cache=cache)
        result = CheckResult([*result.diagnostics, *codeowners_findings(repo, result.plan)], result.files,
                             result.plan)
    deleted = [c.path for c in pr.net if c.status == "D" and layout.is_report_file(c.path)]
    found = [error(rel, 1, 1, "G102", "这个合并请求删除了这份报告",
                   "报告一经提交就是记录，不能删除：请恢复该文件；内容有误请在原文件中改正")
             for rel in deleted]
    found += [error(rel, 1, 1, "G106", "这个合并请求把这份报告提交成了符号链接或子模块，报告只能是普通文件",
                    "请提交报告文件本身：git rm --cached 这个路径，放回普通的 YAML 文件后重新 git add")
              for rel in sorted(pr.not_files) if layout.is_report_file(rel)]
    found += [error(rel, 1, 1, "G108",
                    "目标分支上这个文件已被删除或改名，合并时这里的修改可能被 git 转到别的文件中",
                    "请先把目标分支合并进本分支（如 git merge origin/main），按合并后的文件改好，再提交")
              for rel in sorted(pr.gone_on_target)]
    # East of UTC a month begins up to a day before it does by the machine's date.
    this_month = Month.of((today or date.today()) + timedelta(days=1))
    # Next month's report may be drafted ahead; one further ahead is a mistake (or would close
    # every month before it to other units' corrections, G104).
    added = [(c.path, month) for c in pr.net if c.status == "A" and layout.is_report_file(c.path)
             and (month := layout.folder_month(c.path)) is not None and month > this_month.next()]
    found += [error(rel, 1, 1, "G107", f"这个合并请求加入了 {month.chinese} 的报告，而这个月还没有到",
                    f"报告放在它所报告的月份的文件夹中（如 {layout.REPORTS_DIR}/{this_month}/），"
                    "最多提前写下个月的")
              for rel, month in added]
    on_target = load_texts(files_at(repo.root, pr.target, layout.DATA_FILES), wanted=[])
    plan = on_target.plan_if_usable()
    if plan is None:
        found.append(warning(layout.UNITS_FILE, 1, 1, "G105",
                             "目标分支上还没有可用的工作方案，无法核对修改权限",
                             "第一次提交工作方案时如此；以后的合并请求按目标分支上的维护人名单核对"))
    else:
        found += ownership_findings(plan, pr.commits)
    newest = max((m for rel in repo.report_files().files
                  if (m := layout.folder_month(rel)) is not None and m <= this_month), default=None)
    found += closed_month_findings(pr.net, newest)
    return CheckResult(sorted([*result.diagnostics, *found], key=sort_key), result.files, result.plan)
