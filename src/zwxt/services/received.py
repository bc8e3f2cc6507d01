"""A report the coordinator received from a unit, committed on its behalf (``import report --commit``)."""

from __future__ import annotations

from datetime import date

from zwxt.dates import chinese_date
from zwxt.errors import FileExistsRefusal, UsageError
from zwxt.load import load
from zwxt.plan.received import Received, is_sha256
from zwxt.services.lookup import resolve_unit
from zwxt.services.ownership import keepers
from zwxt.services.scaffold import Committed, NotAMaintainerError
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.git import identity
from zwxt.store.git_commit import commit_on_new_branch
from zwxt.store.repo import Repository


def commit_received(repo: Repository, rel: str, content: bytes, unit: str, received: date,
                    source_sha256: str) -> Committed:
    """Write ``content`` as the report ``rel`` of ``unit`` on a new branch and commit it as git's
    user, on the unit's behalf: the coordinator received the file whose SHA-256 is
    ``source_sha256`` (64 hex digits) on the day ``received``.

    ``rel`` is where the report belongs, ``reports/YYYY-MM/<unit>.yaml`` under the unit's
    name in units.yaml (``layout.report_rel``), and must not exist yet; ``unit`` may be any
    of the unit's names. The branch is the one ``report new --commit`` uses
    (``layout.report_branch``). The commit's message ends with the trailers of
    ``plan.received``, naming the unit (as units.yaml does), the day and the digest: what
    ``zwxt check --base`` accepts from the coordinator's maintainers for that unit's report,
    and what makes ``received`` the report's submission day (``services.status``).

    Refused, with nothing written (see ``store.git_commit`` for the states of git refused and
    how a failed step is undone):

    - git's user (``git config user.email``) is not a maintainer of the plan's coordinator
      (NotAMaintainerError, exit 1), or the plan names no coordinator with maintainers;
    - ``received`` is after today, or before the first day of the report's month: a report
      cannot be received before its month began, nor on a day still to come (UsageError);
    - the report exists already (FileExistsRefusal): it was submitted when it first came in.

    ``content`` is committed as it is: checking it as a report (the load pipeline) is the
    caller's, as ``zwxt import report`` does before it writes anything.
    """
    plan = load(repo, wanted=[], cache=False).usable_plan()  # (the plan alone: no report is read)
    who = resolve_unit(plan, unit)
    month = layout.folder_month(rel) if layout.is_report_file(rel) else None
    if month is None or rel != layout.report_rel(month, who):
        raise UsageError(f"{rel} 不是{who}的报告文件的位置",
                         f"报告放在 {layout.REPORTS_DIR}/YYYY-MM/{who}{layout.REPORT_SUFFIX}")
    digest = source_sha256.strip().lower()
    if not is_sha256(digest):
        raise UsageError(f"「{source_sha256}」不是 SHA-256 摘要", "SHA-256 摘要是 64 位十六进制数字")
    if received > date.today():
        raise UsageError(f"收到日期{chinese_date(received)}晚于今天（{chinese_date(date.today())}）",
                         "请给出统筹单位实际收到文件的日期")
    if received < month.first_day:
        raise UsageError(f"收到日期{chinese_date(received)}早于这份报告所报告的{month.chinese}",
                         "请给出统筹单位实际收到文件的日期，并核对报告的月份")
    if repo.exists(rel):
        raise FileExistsRefusal(f"{rel} 已存在，未做任何改动",
                                "报告的报送日期以它第一次提交为准；要更正内容，请直接修改该文件并提交")
    coordinators, coordinator = keepers(plan, None)
    if not coordinators:
        raise UsageError("工作方案没有指定统筹单位（plan.coordinator），或统筹单位没有登记维护人，"
                         "无法代单位提交，未做任何改动",
                         f"请在 {layout.TASKS_FILE} 中写明 coordinator，在 {layout.UNITS_FILE} 中为它填写 "
                         "maintainers；或去掉 --commit 只写入报告")
    author = identity(repo.root)
    if author.email.strip().lower() not in coordinators:
        listed = "、".join(sorted(coordinators))
        raise NotAMaintainerError(
            f"git 的提交邮箱 {author.email} 不是{coordinator}的维护人（{listed}），"
            "不能代单位提交，未做任何改动",
            "请用统筹单位维护人的邮箱提交（git config user.email …），或去掉 --commit 只写入报告")
    trailers = Received(who, received, digest).trailers()
    message = (f"{who} {month.chinese}进展报告（{chinese_date(received)}收到，{coordinator}代为提交）"
               f"\n\n{trailers}")
    branch = layout.report_branch(month, who)
    path = repo.report_path(month, who)
    sha = commit_on_new_branch(repo.root, branch, rel, lambda: write_atomic(path, content), message, author)
    return Committed(branch, sha)
