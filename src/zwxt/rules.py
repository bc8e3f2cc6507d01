"""Cross-record rules: plain functions of the plan returning findings, in one registry.

Each rule owns its codes. R1xx concern units.yaml, R2xx tasks.yaml, R3xx the references
of reports, P0xx the progress-report outline (附件2) itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from zwxt.dates import chinese_date, parse_deadline
from zwxt.diagnostics import Diagnostic, error, warning
from zwxt.io.repo import is_report_path
from zwxt.model.plan import Loaded, Plan
from zwxt.model.report import PLACEHOLDER, Report, Status
from zwxt.positions import PathKey
from zwxt.textnorm import close_matches, name_key, quoted_list

Findings = Iterator[Diagnostic]


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    summary: str
    check: Callable[[Plan], Findings]


def _err(record: Loaded[Any], where: PathKey, code: str, message: str, hint: str = "",
         on_key: bool = False) -> Diagnostic:
    mark = record.positions.key(where) if on_key else record.positions.value(where)
    return error(record.path, mark.line, mark.column, code, message, hint)


def _warn(record: Loaded[Any], where: PathKey, code: str, message: str, hint: str = "",
          on_key: bool = False) -> Diagnostic:
    mark = record.positions.key(where) if on_key else record.positions.value(where)
    return warning(record.path, mark.line, mark.column, code, message, hint)


def _unknown_unit_hint(plan: Plan, name: str) -> str:
    guesses = []
    for guess in close_matches(name, plan.directory.spellings()):
        canonical = plan.directory.resolve(guess)
        if canonical and canonical not in guesses:
            guesses.append(canonical)
    if guesses:
        return f"是否指{quoted_list(guesses)}？单位名称以 data/units.yaml 为准"
    return "请使用 data/units.yaml 中的规范名称或别名，新单位请先在 units.yaml 中登记"


# ---- units.yaml -------------------------------------------------------------------------

def unit_names_unique(plan: Plan) -> Findings:
    if plan.units is None:
        return
    owner: dict[str, str] = {}
    units, groups = plan.units.model.units, plan.units.model.groups
    records = [("units", i, r) for i, r in enumerate(units)] + \
              [("groups", i, r) for i, r in enumerate(groups)]
    for section, index, record in records:
        spellings = [((section, index, "name"), record.name)] + [
            ((section, index, "aliases", j), alias) for j, alias in enumerate(record.aliases)]
        for where, spelling in spellings:
            key = name_key(spelling)
            if owner.get(key, record.name) != record.name:
                yield _err(plan.units, where, "R101",
                           f"名称「{spelling}」与「{owner[key]}」重复（全角/半角、空格不同也算同名）",
                           "每个单位、单位组的名称和别名必须互不相同")
            owner.setdefault(key, record.name)


def group_members_known(plan: Plan) -> Findings:
    if plan.units is None:
        return
    for g, group in enumerate(plan.units.model.groups):
        for m, member in enumerate(group.members):
            where = ("groups", g, "members", m)
            canonical = plan.directory.resolve(member)
            if canonical is None:
                yield _err(plan.units, where, "R102", f"单位组「{group.name}」的成员「{member}」未登记",
                           _unknown_unit_hint(plan, member))
            elif plan.directory.is_group(canonical):
                yield _err(plan.units, where, "R103",
                           f"单位组的成员「{member}」本身是单位组", "请直接列出其成员单位")


# ---- tasks.yaml -------------------------------------------------------------------------

def coordinator_known(plan: Plan) -> Findings:
    if plan.tasks is None or plan.units is None:
        return
    name = plan.tasks.model.plan.coordinator
    if name is not None and plan.directory.resolve(name) not in plan.directory.units:
        yield _err(plan.tasks, ("plan", "coordinator"), "R104", f"统筹单位「{name}」未登记为单位",
                   _unknown_unit_hint(plan, name))


def task_ids_unique(plan: Plan) -> Findings:
    if plan.tasks is None:
        return
    seen: set[int] = set()
    for i, task in enumerate(plan.tasks.model.tasks):
        if task.id in seen:
            yield _err(plan.tasks, ("tasks", i, "id"), "R201", f"任务序号 {task.id} 重复",
                       "每项任务的序号必须唯一，报告按序号引用任务")
        seen.add(task.id)


def task_units_known(plan: Plan) -> Findings:
    if plan.tasks is None or plan.units is None:
        return
    for i, task in enumerate(plan.tasks.model.tasks):
        for role, title in (("lead", "牵头单位"), ("support", "配合单位")):
            for j, name in enumerate(getattr(task, role)):
                if plan.directory.resolve(name) is None:
                    yield _err(plan.tasks, ("tasks", i, role, j), "R202",
                               f"任务 {task.id} 的{title}「{name}」未登记", _unknown_unit_hint(plan, name))


def task_deadlines(plan: Plan) -> Findings:
    if plan.tasks is None:
        return
    for i, task in enumerate(plan.tasks.model.tasks):
        if task.deadline is None:
            continue
        try:
            parsed = parse_deadline(task.deadline)
        except ValueError as exc:
            if task.due is None:
                yield _err(plan.tasks, ("tasks", i, "deadline"), "R203", str(exc),
                           "或者另写 due: YYYY-MM-DD 给出到期日")
            continue
        if task.due is not None and parsed is not None and parsed != task.due:
            yield _err(plan.tasks, ("tasks", i, "due"), "R204",
                       f"到期日 {task.due.isoformat()} 与完成时间「{task.deadline}」"
                       f"（即 {parsed.isoformat()}）不一致", "请核对原文，改正其中一处")


def task_aspects(plan: Plan) -> Findings:
    if plan.tasks is None:
        return
    names: list[str] = []
    for a, aspect in enumerate(plan.tasks.model.plan.aspects):
        if aspect.name in names:
            yield _err(plan.tasks, ("plan", "aspects", a, "name"), "R206",
                       f"报告方面「{aspect.name}」重复", "每个方面只能列出一次")
        names.append(aspect.name)
    for i, task in enumerate(plan.tasks.model.tasks):
        if task.aspect not in names:
            yield _err(plan.tasks, ("tasks", i, "aspect"), "R205",
                       f"任务 {task.id} 的所属方面「{task.aspect}」不在 plan.aspects 中",
                       f"可选：{'、'.join(names)}")
        metrics = [t.metric for t in task.targets]
        for t, metric in enumerate(metrics):
            if metric in metrics[:t]:
                yield _err(plan.tasks, ("tasks", i, "targets", t, "metric"), "R207",
                           f"任务 {task.id} 的量化指标「{metric}」重复", "每个指标只能列出一次")


# ---- reports: references ----------------------------------------------------------------

def _report_unit(plan: Plan, report: Loaded[Report]) -> str | None:
    canonical = plan.directory.resolve(report.model.unit)
    return canonical if canonical in plan.directory.units else None


def report_units_known(plan: Plan) -> Findings:
    if plan.units is None:
        return
    for report in plan.reports:
        name = report.model.unit
        canonical = plan.directory.resolve(name)
        if canonical is None:
            yield _err(report, ("unit",), "R301", f"报送单位「{name}」未登记",
                       _unknown_unit_hint(plan, name))
        elif plan.directory.is_group(canonical):
            yield _err(report, ("unit",), "R301", f"「{name}」是单位组，不是单个单位",
                       "单位组的任务由组内各单位分别报送，请写本单位的名称")


def report_paths_agree(plan: Plan) -> Findings:
    for report in plan.reports:
        if not is_report_path(report.path):
            yield error(report.path, 1, 1, "R309", "报告文件的位置不对",
                        "报告应放在 reports/YYYY-MM/单位名称.yaml，例如 reports/2018-03/市审计局.yaml")
            continue
        _, folder, filename = report.path.split("/")
        stem = filename.rsplit(".", 1)[0]
        if folder != str(report.model.month):
            yield _err(report, ("month",), "R303",
                       f"月份 {report.model.month} 与所在文件夹 {folder} 不一致",
                       f"请改正月份，或把文件移到 reports/{report.model.month}/")
        unit = _report_unit(plan, report)
        if unit is None:
            continue
        by_stem = plan.directory.resolve(stem)
        if by_stem != unit:
            yield _err(report, ("unit",), "R302",
                       f"报送单位「{report.model.unit}」与文件名「{filename}」不一致",
                       f"文件应命名为 {unit}.yaml，或改正 unit")
        elif stem != unit:
            yield _warn(report, ("unit",), "R302", f"文件名「{filename}」不是单位的规范名称",
                        f"请重命名为 {unit}.yaml，以便其他命令找到它")


def report_unique(plan: Plan) -> Findings:
    first: dict[tuple[str, str], str] = {}
    for report in plan.reports:
        unit = _report_unit(plan, report)
        if unit is None:
            continue
        key = (unit, str(report.model.month))
        if key in first:
            yield _err(report, ("unit",), "R306",
                       f"{unit} {report.model.month.chinese}的报告已有一份：{first[key]}",
                       "每个单位每月只报一份，请合并后删除其中一个文件")
        else:
            first[key] = report.path


def report_tasks_known(plan: Plan) -> Findings:
    if plan.tasks is None:
        return
    for report in plan.reports:
        unit = _report_unit(plan, report)
        seen: set[int] = set()
        for i, entry in enumerate(report.model.tasks):
            where = ("tasks", i, "task")
            if entry.task not in plan.by_id:
                yield _err(report, where, "R304", f"任务分工表中没有序号为 {entry.task} 的任务",
                           f"任务序号为 {min(plan.by_id)}–{max(plan.by_id)}，见 data/tasks.yaml")
            elif entry.task in seen:
                yield _err(report, where, "R305", f"任务 {entry.task} 在本报告中填了两次",
                           "请把两处内容合并为一项")
            elif unit is not None and not plan.is_duty(unit, entry.task):
                yield _warn(report, where, "R310",
                            f"{unit}不是任务 {entry.task} 的牵头或配合单位",
                            "请确认任务序号；如确实参与该任务，可忽略此提示")
            seen.add(entry.task)


def report_aspects_known(plan: Plan) -> Findings:
    if plan.tasks is None:
        return
    names = [a.name for a in plan.tasks.model.plan.aspects]
    for report in plan.reports:
        for key in report.model.aspects:
            if key not in names:
                guess = close_matches(key, names, limit=1)
                lead = f"是否想写「{guess[0]}」？" if guess else ""
                yield _err(report, ("aspects", key), "R307", f"报告方面「{key}」不存在",
                           f"{lead}可选：{'、'.join(names)}", on_key=True)


def report_metrics_known(plan: Plan) -> Findings:
    for report in plan.reports:
        for i, entry in enumerate(report.model.tasks):
            task = plan.by_id.get(entry.task)
            if task is None:
                continue
            names = [t.metric for t in task.targets]
            for metric in entry.metrics:
                if metric in names:
                    continue
                where = ("tasks", i, "metrics", metric)
                if not names:
                    yield _err(report, where, "R308", f"任务 {task.id} 没有量化指标「{metric}」",
                               "该任务在 data/tasks.yaml 中没有 targets：请把数字写进 progress",
                               on_key=True)
                else:
                    yield _err(report, where, "R308", f"任务 {task.id} 没有名为「{metric}」的量化指标",
                               f"可用的指标：{'、'.join(names)}", on_key=True)


# ---- reports: the outline's rules -------------------------------------------------------

def mandatory_entries(plan: Plan) -> Findings:
    for report in plan.reports:
        unit = _report_unit(plan, report)
        if unit is None:
            continue
        present = {e.task for e in report.model.tasks}
        for task in plan.mandatory_tasks(unit, report.model.month):
            if task.id in present:
                continue
            where: PathKey = ("tasks",) if report.positions.has(("tasks",)) else ()
            due = plan.due[task.id]
            assert due is not None  # mandatory tasks all have a due date
            yield _err(report, where, "P001",
                       f"缺少任务 {task.id}（{task.short}）：{chinese_date(due)}到期，"
                       f"{unit}尚未报告完成，本月务必填写",
                       f"请在 tasks 下添加一项 task: {task.id}，写明 status 和进展",
                       on_key=bool(where))


def target_metrics(plan: Plan) -> Findings:
    for report in plan.reports:
        unit = _report_unit(plan, report)
        if unit is None:
            continue
        for i, entry in enumerate(report.model.tasks):
            task = plan.by_id.get(entry.task)
            if task is None or not task.targets or not plan.is_lead(unit, task.id):
                continue
            missing = [t.metric for t in task.targets if t.metric not in entry.metrics]
            if missing:
                example = f"{missing[0]}: 数值"
                yield _err(report, ("tasks", i, "task"), "P002",
                           f"任务 {task.id} 有量化指标，牵头单位须填报：缺少 {quoted_list(missing)}",
                           f"请在本项下添加 metrics:，逐项写 {example}（突出量化指标）")


def completion_dates(plan: Plan) -> Findings:
    for report in plan.reports:
        end = report.model.month.end
        for i, entry in enumerate(report.model.tasks):
            if entry.status is Status.DONE and entry.completed is None:
                yield _err(report, ("tasks", i, "status"), "P003",
                           f"任务 {entry.task} 已完成，但没有填写完成日期",
                           "请在本项下添加 completed: YYYY-MM-DD")
            elif entry.completed is not None and entry.completed > end:
                yield _err(report, ("tasks", i, "completed"), "P004",
                           f"完成日期 {entry.completed.isoformat()} 晚于报告月份的月底 {end.isoformat()}",
                           "报告只能写到本月底为止已经完成的情况；尚未完成请写 status: 推进中")
            elif entry.completed is not None and entry.status is not Status.DONE:
                yield _warn(report, ("tasks", i, "completed"), "P006",
                            f"任务 {entry.task} 的状态是{entry.status.value}，却填了完成日期",
                            "已完成请把 status 改为 已完成；否则请删除 completed")


def no_regression(plan: Plan) -> Findings:
    for report in plan.reports:
        unit = _report_unit(plan, report)
        if unit is None:
            continue
        done = plan.done_before(unit, report.model.month)
        for i, entry in enumerate(report.model.tasks):
            if entry.task in done and entry.status is not Status.DONE:
                month, _ = done[entry.task]
                yield _warn(report, ("tasks", i, "status"), "P005",
                            f"任务 {entry.task} 在 {month.chinese}的报告中已是已完成，"
                            f"本月改为{entry.status.value}",
                            "如确实需要返工，请在 progress 中说明原因；否则请改回 已完成")


_REPORT_TEXTS = ("lead_office", "contact", "progress", "problems", "cases", "suggestions")


def _unfilled(report: Report) -> Iterator[PathKey]:
    """Where the placeholders of a scaffold are still in the report."""
    def texts() -> Iterator[tuple[PathKey, object]]:
        for name in _REPORT_TEXTS:
            yield (name,), getattr(report, name)
        for i, entry in enumerate(report.tasks):
            yield ("tasks", i, "progress"), entry.progress
            yield ("tasks", i, "narrative"), entry.narrative
            for metric, value in entry.metrics.items():
                # an empty metric is the scaffold's slot for a number still to be written
                yield ("tasks", i, "metrics", metric), PLACEHOLDER if value is None else None
        for aspect, text in report.aspects.items():
            yield ("aspects", aspect), text
        yield ("plans", "key_tasks"), report.plans.key_tasks
        yield ("plans", "next_steps"), report.plans.next_steps

    for where, value in texts():
        if isinstance(value, str) and PLACEHOLDER in value:
            yield where


def placeholders_filled(plan: Plan) -> Findings:
    for report in plan.reports:
        for where in _unfilled(report.model):
            yield _warn(report, where, "P007", f"「{PLACEHOLDER}」处尚未填写",
                        f"请把「{PLACEHOLDER}」换成实际内容；确实没有的部分可写“无”")


RULES: tuple[Rule, ...] = (
    Rule(("R101",), "单位和单位组的名称、别名互不重复", unit_names_unique),
    Rule(("R102", "R103"), "单位组的成员都已登记且是单个单位", group_members_known),
    Rule(("R104",), "统筹单位已登记", coordinator_known),
    Rule(("R201",), "任务序号不重复", task_ids_unique),
    Rule(("R202",), "牵头、配合单位都已登记", task_units_known),
    Rule(("R203", "R204"), "完成时间可识别且与到期日一致", task_deadlines),
    Rule(("R205", "R206", "R207"), "任务的所属方面和量化指标有效", task_aspects),
    Rule(("R301",), "报送单位已登记", report_units_known),
    Rule(("R302", "R303", "R309"), "报告的位置与单位、月份一致", report_paths_agree),
    Rule(("R306",), "每个单位每月只有一份报告", report_unique),
    Rule(("R304", "R305", "R310"), "报告引用的任务存在且不重复", report_tasks_known),
    Rule(("R307",), "报告方面存在", report_aspects_known),
    Rule(("R308",), "量化指标名称有效", report_metrics_known),
    Rule(("P001",), "本月底前到期的任务务必填写", mandatory_entries),
    Rule(("P002",), "有量化指标的任务须填报指标", target_metrics),
    Rule(("P003", "P004", "P006"), "完成日期与状态一致", completion_dates),
    Rule(("P005",), "已完成的任务不倒退", no_regression),
    Rule(("P007",), "草稿中的待填写处都已填写", placeholders_filled),
)


def run_rules(plan: Plan) -> list[Diagnostic]:
    return [finding for rule in RULES for finding in rule.check(plan)]
