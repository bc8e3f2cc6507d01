"""Who may change what, judged commit by commit over a pull request's range.

A unit's reports may be changed only by commits whose author email is one of the unit's
``maintainers``; everything else (``data/``, ``templates/``, CODEOWNERS, the CI files) only
by the maintainers of the plan's coordinator. A unit without maintainers has its reports
kept by the coordinator's. Every commit is judged, not only the last: a pull request
cannot slip a stranger's commit in under a maintainer's. A merge commit is judged for the
files it decided (``zwxt.store.git.pull_request``): what it threw away of the other side,
brought back from an old commit, or resolved in a conflict.

What this trusts: the author email of a commit is what its author typed into git. It tells
an honest mistake (a colleague committing for another unit) from the intended way; a unit
set on forging can write any email, which is why the server's CODEOWNERS review and
protected branches stay the gate, and this check is the explanation in Chinese.

A report the coordinator received from a unit (a Word file, ``zwxt import report``) is
committed by the coordinator's maintainer with trailers naming the unit, the day it was
received and the file's SHA-256 (``plan.received``). Such a commit may add or change that
unit's report files, and no other unit's: the trailers are the coordinator's word that the
unit sent it, and its received day is the report's submission day (``received_day``), which
may be before the commit but never after it (G109).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from zwxt.dates import Month, chinese_date
from zwxt.diagnostics import Diagnostic, error, warning
from zwxt.plan.received import DATE_KEY, SHA256_KEY, UNIT_KEY
from zwxt.plan.resolved import Plan
from zwxt.store import layout

if TYPE_CHECKING:
    from zwxt.store.git import Change, Commit


def ownership_findings(plan: Plan, commits: Iterable[Commit]) -> list[Diagnostic]:
    """Each change a commit had no right to make."""
    found: list[Diagnostic] = []
    unkept: set[str] = set()
    for commit in commits:
        for change in commit.changes:
            found += _judged(plan, commit, change.path, unkept)
            found += _received_day_findings(plan, commit, change.path)
    return found


def _received_day_findings(plan: Plan, commit: Commit, path: str) -> list[Diagnostic]:
    problem = received_day_problem(commit, path) if receives(plan, commit, path) else None
    if problem is None:
        return []
    return [error(path, 1, 1, "G109", f"提交 {commit.short} {problem}",
                  f"请改正提交说明末尾的 {DATE_KEY}（git commit --amend），写统筹单位收到文件的日期；"
                  "不改正时，报送日期按提交进入主线的日期计")]


def receives(plan: Plan, commit: Commit, path: str) -> bool:
    """Whether ``commit`` brings the report ``path`` as received on its unit's behalf.

    That is: the commit's trailers name the unit the report belongs to (by any of its names),
    and its author is a maintainer of the plan's coordinator; a merge never does.
    """
    said = commit.received
    if said is None or commit.merge or not layout.is_report_file(path):
        return False
    unit = plan.directory.unit_of(layout.report_stem(path))
    coordinators, _ = keepers(plan, None)
    return (unit is not None and plan.directory.unit_of(said.unit) == unit
            and commit.email.strip().lower() in coordinators)


def received_day_problem(commit: Commit, path: str) -> str | None:
    """Why the day ``commit`` says it received ``path`` cannot be true (G109), or None.

    It is never after the commit's own date (in the committer's time zone), nor before the
    first day of the month the report is about.
    """
    said = commit.received
    if said is None:
        return None
    committed = commit.committed.date() if commit.committed is not None else None
    if committed is not None and said.on > committed:
        return (f"说这份报告是{chinese_date(said.on)}收到的，"
                f"晚于这次提交的日期（{chinese_date(committed)}）：收到日期不能晚于提交")
    month = layout.folder_month(path)
    if month is not None and said.on < month.first_day:
        return f"说这份报告是{chinese_date(said.on)}收到的，早于它所报告的{month.chinese}"
    return None


def received_day(plan: Plan, commit: Commit, path: str) -> date | None:
    """The submission day ``commit``'s word gives the report ``path``: the day it says the coordinator
    received it, when it brings it as received (``receives``) and that day can be true; else None."""
    if commit.received is None or not receives(plan, commit, path) or received_day_problem(commit, path):
        return None
    return commit.received.on


def closed_month_findings(net: Iterable[Change], newest: Month | None) -> list[Diagnostic]:
    """Each report of a month before ``newest`` that the pull request changes, however its commits did it.

    ``newest`` is the newest month the repository holds reports for: changing a report of
    an earlier month is a warning (an error with ``--strict``), as the month is closed. It is
    read from the net change, so that deleting the report in one commit and adding it
    changed in the next is a change too.
    """
    return [warning(change.path, 1, 1, "G104", f"这个合并请求修改了 {month.chinese} 的报告，而仓库中已有 "
                    f"{newest.chinese} 的报告",
                    "已经过去的月份一般不再改动；确需更正时请在合并请求中说明原因")
            for change in net
            if change.status in ("M", "T") and layout.is_report_file(change.path)
            and newest is not None and (month := layout.folder_month(change.path)) is not None
            and month < newest]


def _judged(plan: Plan, commit: Commit, path: str, unkept: set[str]) -> Iterator[Diagnostic]:
    who = f"{'合并提交' if commit.merge else '提交'} {commit.short}（作者 {commit.author} <{commit.email}>）"
    if layout.is_report_file(path):
        unit = plan.directory.unit_of(layout.report_stem(path))
        allowed, owner = keepers(plan, unit)
        if unit is not None and owner != unit and unit not in unkept:
            unkept.add(unit)
            yield warning(path, 1, 1, "G103", f"单位「{unit}」在 {layout.UNITS_FILE} 中没有登记维护人",
                          "暂由统筹单位的维护人修改它的报告；"
                          f"请在 {layout.UNITS_FILE} 中为它填写 maintainers")
    else:  # data/, templates/, and everything else: CODEOWNERS, the CI files, the README
        allowed, owner = keepers(plan, None)
    if not allowed:
        return  # no maintainers anywhere to judge by: the plan says nothing (see G103)
    if layout.is_report_file(path) and receives(plan, commit, path):
        return  # the coordinator's maintainer, committing what the unit sent (see the module's docstring)
    if commit.email.strip().lower() not in allowed:
        listed = "、".join(sorted(allowed))
        did = ("合并时决定了这个文件的内容（不是把两边的修改直接合在一起）" if commit.merge
               else "修改了这个文件")
        hint = ("合并目标分支时请保留双方的修改：不要用 git merge -s ours，"
                "解决冲突时不要对别人的文件选“保留我的版本”；"
                "请撤销这次合并后重新合并（或改用 git rebase），确需这样改时由维护人提交"
                if commit.merge else "请由维护人提交这一修改")
        yield error(path, 1, 1, "G101", f"{who}{did}，但只有{owner or '统筹单位'}的维护人"
                    f"（{listed}）可以修改它",
                    f"{hint}；如果作者确是该单位的维护人，请在 "
                    f"{layout.UNITS_FILE} 的 maintainers 中加上这个邮箱（由统筹单位修改）"
                    + _on_behalf(plan, commit, path))


def _on_behalf(plan: Plan, commit: Commit, path: str) -> str:
    """What a G101 on a report adds where the commit was, or could have been, one received on
    the unit's behalf: why its trailers did not count, or that the coordinator's need them."""
    if commit.merge or not layout.is_report_file(path):
        return ""
    coordinators, coordinator = keepers(plan, None)
    said = commit.received
    if said is not None and commit.email.strip().lower() not in coordinators:
        return f"。提交说明中的 {UNIT_KEY} 等只在统筹单位的维护人提交时有效"
    if said is not None:
        return (f"。提交说明中的 {UNIT_KEY} 写的是「{said.unit}」，不是这份报告的单位："
                "代报送的提交只能改所代单位的报告")
    if commit.email.strip().lower() in coordinators:
        return (f"。{coordinator}的维护人代单位提交收到的报告时，提交说明末尾要写明 {UNIT_KEY}（单位）、"
                f"{DATE_KEY}（收到日期）和 {SHA256_KEY}（所收文件的 SHA-256），"
                "zwxt import report --commit --received 日期 会写上")
    return ""


def keepers(plan: Plan, unit: str | None) -> tuple[frozenset[str], str | None]:
    """The emails that may change a file of ``unit`` (None: the plan's own files), and whose they are."""
    if unit is not None:
        emails = _emails(plan.directory.units[unit].maintainers)
        if emails:
            return emails, unit
    coordinator = plan.coordinator
    if coordinator is None:
        return frozenset(), None
    return _emails(plan.directory.units[coordinator].maintainers), coordinator


def _emails(addresses: Iterable[str]) -> frozenset[str]:
    return frozenset(a.strip().lower() for a in addresses)
