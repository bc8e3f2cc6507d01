"""zwxt report new: next month's report, pre-filled so that staff edit only what changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt.dates import Month
from zwxt.documents.templates import render_template
from zwxt.errors import FileExistsRefusal, ZwxtError
from zwxt.load import LeftOut, LoadedPlan, load
from zwxt.plan.ledger import Ledger, Statement, mandatory_tasks, open_duties
from zwxt.plan.report import PLACEHOLDER, Status
from zwxt.plan.resolved import Plan, PlanTask
from zwxt.plan.status import Role
from zwxt.services.lookup import resolve_unit
from zwxt.services.ownership import keepers
from zwxt.services.render import source_templates
from zwxt.services.schema import REPORT_MODELINE
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.git import identity
from zwxt.store.git_commit import commit_on_new_branch
from zwxt.store.repo import Repository, Source

TEMPLATE = "report.yaml.j2"


@dataclass(frozen=True)
class MetricSlot:
    name: str
    value: int | float | None
    target: int | float
    unit: str


@dataclass(frozen=True)
class Entry:
    """One task in the scaffold, carried forward from the unit's latest word on it."""

    task: PlanTask
    required: bool
    role: Role
    overdue: bool  # due before the month began
    status: Status
    progress: str
    metrics: list[MetricSlot]
    previous_month: Month | None


@dataclass(frozen=True)
class Scaffold:
    path: Path
    rel: str
    text: str
    required: list[int]
    optional: list[int]
    skipped: list[LeftOut]  # the unit's earlier reports that could not be carried forward
    unit: str
    month: Month
    keepers: frozenset[str]  # the emails that may commit it (see services.ownership)
    keeper: str | None  # whose maintainers those are: the unit, or the coordinator for it


def new_report(repo: Repository, unit: str, month: Month, templates: Path | None = None) -> Scaffold:
    """The report text for ``unit`` (any spelling) and ``month``; refuses when that report exists."""
    loaded = load(repo, until=month, accept=lambda plan: resolve_unit(plan, unit))  # (before the cache)
    draft = drafted(repo, loaded, unit, month, templates)
    emails, keeper = keepers(loaded.usable_plan(), draft.unit)
    return Scaffold(repo.report_path(month, draft.unit), draft.rel, draft.text, draft.carried.required,
                    draft.carried.optional, skipped_reports(loaded.left_out, draft.unit), draft.unit, month,
                    emails, keeper)


@dataclass(frozen=True)
class Draft:
    unit: str  # canonical
    rel: str  # where the report goes in the repository
    text: str
    carried: Carried


def drafted(source: Source, loaded: LoadedPlan, unit: str, month: Month, templates: Path | None) -> Draft:
    """The report ``unit`` (any spelling) owes for ``month``, from ``source`` loaded up to it;
    FileExistsRefusal when it has one already."""
    plan = loaded.usable_plan()
    who = resolve_unit(plan, unit)
    rel = layout.report_rel(month, who)
    existing = [ref.path for ref in loaded.month_reports if ref.unit == who]
    if existing or source.exists(rel):
        raise FileExistsRefusal(f"{(existing or [rel])[0]} 已存在，未做任何改动",
                                "请直接编辑该文件；如需重新生成，请先删除或改名原文件")
    carried = carry_forward(plan, loaded.ledger, who, month)
    text = render_template(TEMPLATE, _context(plan, carried, rel), templates, source_templates(source))
    return Draft(who, rel, text, carried)


@dataclass(frozen=True)
class Carried:
    """What a unit's report for a month starts from, carried forward from its latest reports:
    what ``report new`` writes as YAML and ``zwxt form`` as a Word form."""

    unit: str
    month: Month
    lead_office: str  # PLACEHOLDER when no report and no units.yaml entry says it
    contact: str  # PLACEHOLDER when no earlier report gives one
    entries: list[Entry]  # the tasks it must report (required) first, then its other open ones

    @property
    def required(self) -> list[int]:
        return [e.task.id for e in self.entries if e.required]

    @property
    def optional(self) -> list[int]:
        return [e.task.id for e in self.entries if not e.required]


def carry_forward(plan: Plan, ledger: Ledger, unit: str, month: Month) -> Carried:
    """The header and tasks of the canonical ``unit``'s report for ``month``, from ``ledger``
    loaded up to ``month``: its mandatory tasks, then its other open ones, each with the
    unit's latest status, progress and figures from before the month."""
    mandatory = mandatory_tasks(plan, ledger, unit, month)
    optional = [t for t in open_duties(plan, ledger, unit, month) if t not in mandatory]
    entries = [_entry(plan, ledger, unit, month, t, required=True) for t in mandatory] + \
              [_entry(plan, ledger, unit, month, t, required=False) for t in optional]
    record = plan.directory.units[unit]
    header = ledger.header(unit, before=month)
    return Carried(
        unit=unit,
        month=month,
        lead_office=(header.lead_office if header else record.lead_office) or PLACEHOLDER,
        contact=(header.contact if header and header.contact else PLACEHOLDER),
        entries=entries,
    )


def skipped_reports(left_out: list[LeftOut], unit: str) -> list[LeftOut]:
    """The unit's earlier reports that could not be carried forward, for their errors."""
    return [item for item in left_out if item.unit == unit]


def write_scaffold(scaffold: Scaffold) -> None:
    write_atomic(scaffold.path, scaffold.text.encode("utf-8"))


@dataclass(frozen=True)
class Committed:
    branch: str
    sha: str


class NotAMaintainerError(ZwxtError):
    """git's user may not commit this unit's report: exit 1, nothing written."""

    exit_code = 1


def commit_scaffold(repo: Repository, scaffold: Scaffold) -> Committed:
    """Write the draft on a new branch named after unit and month, and commit it as git's user.

    Only when git's configured email is one of the unit's maintainers (the coordinator's for
    a unit without any), the same rule ``zwxt check --base`` judges by; otherwise nothing
    is written, so that no commit is made that the pull-request check would refuse. All of
    it or nothing: see ``store.git_commit``.
    """
    who = identity(repo.root)
    if scaffold.keepers and who.email.strip().lower() not in scaffold.keepers:
        listed = "、".join(sorted(scaffold.keepers))
        raise NotAMaintainerError(
            f"git 的提交邮箱 {who.email} 不是{scaffold.keeper}的维护人（{listed}），未做任何改动",
            "请用维护人的邮箱提交（git config user.email …），或去掉 --commit 只生成草稿")
    branch = layout.report_branch(scaffold.month, scaffold.unit)
    message = f"{scaffold.unit} {scaffold.month.chinese}进展报告（草稿）"
    sha = commit_on_new_branch(repo.root, branch, scaffold.rel, lambda: write_scaffold(scaffold),
                               message, who)
    return Committed(branch, sha)


def _context(plan: Plan, carried: Carried, rel: str) -> dict[str, object]:
    record = plan.directory.units[carried.unit]
    return {
        "modeline": REPORT_MODELINE,
        "title": f"{record.full_name or record.name}{plan.info.subject}进展报告",
        "plan": plan.info,
        "unit": record,
        "month": carried.month,
        "path": rel,
        "placeholder": PLACEHOLDER,
        "lead_office": carried.lead_office,
        "contact": carried.contact,
        "entries": carried.entries,
    }


def _entry(plan: Plan, ledger: Ledger, unit: str, month: Month, task: PlanTask, required: bool) -> Entry:
    last: Statement | None = ledger.statement(unit, task.id, before=month)
    lead = plan.is_lead(unit, task.id)
    slots = [MetricSlot(t.metric, last.metric(t.metric) if last else None, t.target, t.unit or "")
             for t in task.targets
             if lead or (last is not None and any(name == t.metric for name, _ in last.metrics))]
    return Entry(
        task=task,
        required=required,
        role=Role.LEAD if lead else Role.SUPPORT,
        overdue=task.due is not None and task.due < month.first_day,
        status=last.status if last else Status.NOT_STARTED,
        progress=(last.progress if last and last.progress else PLACEHOLDER),
        metrics=slots,
        previous_month=last.month if last else None,
    )
