"""The rules: plain functions from records to findings, in one immutable registry.

Each rule owns its codes. R1xx concern units.yaml, R2xx tasks.yaml, R3xx the references of
reports, P0xx the progress-report outline (附件2) itself. Rules come in three scopes, by
what they need to see:

- data rules read the two data files;
- report rules read one report against the resolved plan (None when the data files are
  unusable: then only the rules that need no plan say anything);
- month rules read every valid report of one month against the ledger of what units said
  before that month.

Rules say where in the data a problem is (``Finding.where``); the loader, which kept what
the parse recorded, turns that into a line and column. Names arrive resolved: rules
compare canonical names only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from zwxt.dates import Month, chinese_date, parse_deadline, parse_report_due
from zwxt.diagnostics import Finding, Severity
from zwxt.plan.directory import Directory
from zwxt.plan.ledger import Ledger, ReportFacts, mandatory_tasks
from zwxt.plan.report import PLACEHOLDER, Report, Status
from zwxt.plan.resolved import Plan
from zwxt.plan.tasks import TasksFile
from zwxt.plan.units import Group, Unit, UnitsFile
from zwxt.positions import PathKey
from zwxt.store import layout
from zwxt.textnorm import (
    FULL_WIDTH,
    close_matches,
    did_you_mean,
    half_width_punctuation,
    name_key,
    quoted_list,
)

Findings = Iterator[Finding]
ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class DataFiles:
    """The two data files as validated records (None when unusable), and their names."""

    units: UnitsFile | None
    tasks: TasksFile | None
    directory: Directory | None


@dataclass(frozen=True)
class ReportFile:
    """A valid report and the canonical unit it names (None when it names no known unit)."""

    path: str
    record: Report
    unit: str | None

    @functools.cached_property
    def text(self) -> str:
        """The report's free texts as one, a line break between each: a test on it tells whether
        any text needs looking at one by one (most reports need none)."""
        return "\n".join(value for _, value in _report_texts(self.record) if value)


@dataclass(frozen=True)
class MonthFiles:
    """A month's report files: the valid reports, and which unit each file is meant for."""

    month: Month
    reports: list[ReportFacts]
    claims: list[tuple[str, str]]  # (path, unit) of every file naming, or named after, a unit


@dataclass(frozen=True)
class DataRule:
    codes: tuple[str, ...]
    summary: str
    check: Callable[[DataFiles], Findings]


@dataclass(frozen=True)
class ReportRule:
    codes: tuple[str, ...]
    summary: str
    check: Callable[[ReportFile, Plan | None], Findings]


@dataclass(frozen=True)
class MonthRule:
    codes: tuple[str, ...]
    summary: str
    check: Callable[[MonthFiles, Plan, Ledger], Findings]


def _unknown_unit_hint(directory: Directory, name: str) -> str:
    guess = did_you_mean(directory.suggest(name))
    return f"{guess}单位名称以 {layout.UNITS_FILE} 为准" if guess else \
        f"请使用 {layout.UNITS_FILE} 中的规范名称或别名，新单位请先在其中登记"


# ---- units.yaml -------------------------------------------------------------------------

def unit_names_unique(data: DataFiles) -> Findings:
    if data.units is None:
        return
    # the record (section, index) that first used each spelling, and its name
    owner: dict[str, tuple[str, int, str]] = {}
    units, groups = data.units.units, data.units.groups
    records = [("units", i, r) for i, r in enumerate(units)] + \
              [("groups", i, r) for i, r in enumerate(groups)]
    kinds = {"units": "单位", "groups": "单位组"}
    for section, index, record in records:
        spellings = [((section, index, "name"), record.name)] + [
            ((section, index, "aliases", j), alias) for j, alias in enumerate(record.aliases)]
        for where, spelling in spellings:
            first = owner.setdefault(name_key(spelling), (section, index, record.name))
            if first[:2] != (section, index):
                yield Finding(layout.UNITS_FILE, where, "R101", ERROR,
                              f"名称「{spelling}」与{kinds[first[0]]}「{first[2]}」重复"
                              "（全角/半角、大小写、空格不同也算同名）",
                              "每个单位、单位组的名称和别名必须互不相同")


def unit_names_usable(data: DataFiles) -> Findings:
    """Names and aliases become file names: nothing that could leave a folder or hide a file."""
    if data.units is None:
        return
    records: list[tuple[str, int, Unit | Group]] = [
        *(("units", i, r) for i, r in enumerate(data.units.units)),
        *(("groups", i, r) for i, r in enumerate(data.units.groups))]
    for section, i, record in records:
        names = [((section, i, "name"), record.name)] + [
            ((section, i, "aliases", j), alias) for j, alias in enumerate(record.aliases)]
        for where, name in names:
            problem = layout.name_problem(name, alias=where[2] == "aliases")
            if problem is not None:
                yield Finding(layout.UNITS_FILE, where, "R105", ERROR,
                              f"名称「{name}」{problem}：报告和生成的文件以单位名称命名",
                              "请改用单位的中文名称，不要带空格、方括号、~ ^ 或 / \\ : * ? \" < > | 等符号，"
                              "也不要用 CON、AUX、NUL、COM1、LPT1 这类 Windows 保留的名称")


def group_members_known(data: DataFiles) -> Findings:
    if data.units is None or data.directory is None:
        return
    for g, group in enumerate(data.units.groups):
        for m, member in enumerate(group.members):
            where = ("groups", g, "members", m)
            canonical = data.directory.resolve(member)
            if canonical is None:
                yield Finding(layout.UNITS_FILE, where, "R102", ERROR,
                              f"单位组「{group.name}」的成员「{member}」未登记",
                              _unknown_unit_hint(data.directory, member))
            elif data.directory.is_group(canonical):
                yield Finding(layout.UNITS_FILE, where, "R103", ERROR,
                              f"单位组的成员「{member}」本身是单位组", "请直接列出其成员单位")


# ---- tasks.yaml -------------------------------------------------------------------------

def coordinator_known(data: DataFiles) -> Findings:
    if data.tasks is None or data.directory is None:
        return
    name = data.tasks.plan.coordinator
    if name is not None and data.directory.unit_of(name) is None:
        yield Finding(layout.TASKS_FILE, ("plan", "coordinator"), "R104", ERROR,
                      f"统筹单位「{name}」未登记为单位", _unknown_unit_hint(data.directory, name))


def task_ids_unique(data: DataFiles) -> Findings:
    if data.tasks is None:
        return
    seen: set[int] = set()
    for i, task in enumerate(data.tasks.tasks):
        if task.id in seen:
            yield Finding(layout.TASKS_FILE, ("tasks", i, "id"), "R201", ERROR,
                          f"任务序号 {task.id} 重复", "每项任务的序号必须唯一，报告按序号引用任务")
        seen.add(task.id)


def task_units_known(data: DataFiles) -> Findings:
    if data.tasks is None or data.directory is None:
        return
    for i, task in enumerate(data.tasks.tasks):
        for role, title in (("lead", "牵头单位"), ("support", "配合单位")):
            for j, name in enumerate(getattr(task, role)):
                if data.directory.resolve(name) is None:
                    yield Finding(layout.TASKS_FILE, ("tasks", i, role, j), "R202", ERROR,
                                  f"任务 {task.id} 的{title}「{name}」未登记",
                                  _unknown_unit_hint(data.directory, name))


def task_roles_distinct(data: DataFiles) -> Findings:
    """A unit named as both lead and support of one task: the table says one or the other."""
    if data.tasks is None or data.directory is None:
        return
    for i, task in enumerate(data.tasks.tasks):
        leads = {data.directory.resolve(name) for name in task.lead} - {None}
        for j, name in enumerate(task.support):
            canonical = data.directory.resolve(name)
            if canonical in leads:
                yield Finding(layout.TASKS_FILE, ("tasks", i, "support", j), "R208", WARNING,
                              f"「{name}」既是任务 {task.id} 的牵头单位，又是它的配合单位",
                              "请对照原文，从配合单位中删去它（牵头单位已负责该任务）")


def task_deadlines(data: DataFiles) -> Findings:
    if data.tasks is None:
        return
    for i, task in enumerate(data.tasks.tasks):
        if task.deadline is None:
            continue
        try:
            parsed = parse_deadline(task.deadline)
        except ValueError as exc:
            if task.due is None:
                yield Finding(layout.TASKS_FILE, ("tasks", i, "deadline"), "R203", ERROR, str(exc),
                              "或者在本任务下另写 due: YYYY-MM-DD 给出到期日")
            continue
        if task.due is None or parsed == task.due:
            continue
        if parsed is None:
            yield Finding(layout.TASKS_FILE, ("tasks", i, "due"), "R204", ERROR,
                          f"完成时间「{task.deadline}」表示没有期限，却写了到期日 {task.due.isoformat()}",
                          "请核对原文：没有期限就删去 due，有期限就把完成时间写成具体日期")
        else:
            yield Finding(layout.TASKS_FILE, ("tasks", i, "due"), "R204", ERROR,
                          f"到期日 {task.due.isoformat()} 与完成时间「{task.deadline}」"
                          f"（即 {parsed.isoformat()}）不一致", "请核对原文，改正其中一处")


def report_due_readable(data: DataFiles) -> Findings:
    if data.tasks is None:
        return
    try:
        parse_report_due(data.tasks.plan.report_due)
    except ValueError as exc:
        yield Finding(layout.TASKS_FILE, ("plan", "report_due"), "R209", ERROR, str(exc),
                      "不写 report_due 时按“次月5日前”计算")


def task_aspects(data: DataFiles) -> Findings:
    if data.tasks is None:
        return
    names: list[str] = []
    for a, aspect in enumerate(data.tasks.plan.aspects):
        if aspect.name in names:
            yield Finding(layout.TASKS_FILE, ("plan", "aspects", a, "name"), "R206", ERROR,
                          f"报告方面「{aspect.name}」重复", "每个方面只能列出一次")
        names.append(aspect.name)
    for i, task in enumerate(data.tasks.tasks):
        if task.aspect not in names:
            yield Finding(layout.TASKS_FILE, ("tasks", i, "aspect"), "R205", ERROR,
                          f"任务 {task.id} 的所属方面「{task.aspect}」不在 plan.aspects 中",
                          f"可选：{'、'.join(names)}")
        metrics = [t.metric for t in task.targets]
        for t, metric in enumerate(metrics):
            if metric in metrics[:t]:
                yield Finding(layout.TASKS_FILE, ("tasks", i, "targets", t, "metric"), "R207", ERROR,
                              f"任务 {task.id} 的量化指标「{metric}」重复", "每个指标只能列出一次")


# ---- one report -------------------------------------------------------------------------

def report_unit_known(report: ReportFile, plan: Plan | None) -> Findings:
    if plan is None or report.unit is not None:
        return
    name = report.record.unit
    if plan.directory.resolve(name) is not None:
        yield Finding(report.path, ("unit",), "R301", ERROR, f"「{name}」是单位组，不是单个单位",
                      "单位组的任务由组内各单位分别报送，请写本单位的名称")
    else:
        yield Finding(report.path, ("unit",), "R301", ERROR, f"报送单位「{name}」未登记",
                      _unknown_unit_hint(plan.directory, name))


def report_place(report: ReportFile, plan: Plan | None) -> Findings:
    folder = layout.folder_month(report.path)
    if folder is None:
        yield Finding(report.path, None, "R309", ERROR, "报告文件的位置不对",
                      f"报告应放在 {layout.REPORTS_DIR}/YYYY-MM/单位名称.yaml，"
                      f"例如 {layout.REPORTS_DIR}/2018-03/市审计局.yaml")
    elif folder != report.record.month:
        month = report.record.month
        yield Finding(report.path, ("month",), "R303", ERROR,
                      f"月份 {month} 与所在文件夹 {folder} 不一致",
                      f"请改正月份，或把文件移到 {layout.REPORTS_DIR}/{month}/")


def report_file_name(report: ReportFile, plan: Plan | None) -> Findings:
    if plan is None or report.unit is None or layout.folder_month(report.path) is None:
        return
    filename = report.path.rsplit("/", 1)[-1]
    stem = layout.report_stem(report.path)
    expected = report.unit + layout.REPORT_SUFFIX
    if plan.directory.unit_of(stem) != report.unit:
        yield Finding(report.path, ("unit",), "R302", ERROR,
                      f"报送单位「{report.record.unit}」与文件名「{filename}」不一致",
                      f"文件应命名为 {expected}，或改正 unit")
    elif filename != expected:
        yield Finding(report.path, ("unit",), "R302", WARNING, f"文件名「{filename}」不是规范的写法",
                      f"请重命名为 {expected}（单位的规范名称加 {layout.REPORT_SUFFIX}）")


def report_tasks_known(report: ReportFile, plan: Plan | None) -> Findings:
    seen: set[int] = set()
    for i, entry in enumerate(report.record.tasks):
        where = ("tasks", i, "task")
        if entry.task in seen:
            yield Finding(report.path, where, "R305", ERROR, f"任务 {entry.task} 在本报告中填了两次",
                          "请把两处内容合并为一项")
        elif plan is not None and entry.task not in plan.by_id:
            ids = sorted(plan.by_id)
            yield Finding(report.path, where, "R304", ERROR, f"任务分工表中没有序号为 {entry.task} 的任务",
                          f"任务序号为 {ids[0]}–{ids[-1]}，见 {layout.TASKS_FILE}" if ids else "")
        elif plan is not None and report.unit is not None and not plan.is_duty(report.unit, entry.task):
            yield Finding(report.path, where, "R310", WARNING,
                          f"{report.unit}不是任务 {entry.task} 的牵头或配合单位",
                          "请确认任务序号；如确实参与该任务，可忽略此提示")
        seen.add(entry.task)


def report_aspects_known(report: ReportFile, plan: Plan | None) -> Findings:
    if plan is None:
        return
    for key in report.record.aspects:
        if key not in plan.aspects:
            yield Finding(report.path, ("aspects", key), "R307", ERROR, f"报告方面「{key}」不存在",
                          f"{did_you_mean(close_matches(key, plan.aspects, limit=1))}"
                          f"可选：{'、'.join(plan.aspects)}", on_key=True)


def report_metrics_known(report: ReportFile, plan: Plan | None) -> Findings:
    if plan is None:
        return
    for i, entry in enumerate(report.record.tasks):
        task = plan.by_id.get(entry.task)
        if task is None:
            continue
        names = [t.metric for t in task.targets]
        for metric in entry.metrics:
            if metric in names:
                continue
            where = ("tasks", i, "metrics", metric)
            if not names:
                yield Finding(report.path, where, "R308", ERROR, f"任务 {task.id} 没有量化指标「{metric}」",
                              f"该任务在 {layout.TASKS_FILE} 中没有 targets：请把数字写进 progress",
                              on_key=True)
            else:
                yield Finding(report.path, where, "R308", ERROR,
                              f"任务 {task.id} 没有名为「{metric}」的量化指标",
                              f"可用的指标：{'、'.join(names)}", on_key=True)


def target_metrics(report: ReportFile, plan: Plan | None) -> Findings:
    if plan is None or report.unit is None:
        return
    for i, entry in enumerate(report.record.tasks):
        task = plan.by_id.get(entry.task)
        if task is None or not task.targets or not plan.is_lead(report.unit, task.id):
            continue
        missing = [t.metric for t in task.targets if t.metric not in entry.metrics]
        if missing:
            yield Finding(report.path, ("tasks", i, "task"), "P002", ERROR,
                          f"任务 {task.id} 有量化指标，牵头单位须填报：缺少 {quoted_list(missing)}",
                          f"请在本项下添加 metrics:，逐项写 {missing[0]}: 数值（突出量化指标）")


def completion_dates(report: ReportFile, plan: Plan | None) -> Findings:
    end = report.record.month.end
    for i, entry in enumerate(report.record.tasks):
        if entry.status is Status.DONE and entry.completed is None:
            yield Finding(report.path, ("tasks", i, "status"), "P003", ERROR,
                          f"任务 {entry.task} 已完成，但没有填写完成日期",
                          "请在本项下添加 completed: YYYY-MM-DD")
        elif entry.completed is not None and entry.completed > end:
            yield Finding(report.path, ("tasks", i, "completed"), "P004", ERROR,
                          f"完成日期 {entry.completed.isoformat()} 晚于报告月份的月底 {end.isoformat()}",
                          "报告只能写到本月底为止已经完成的情况；尚未完成请写 status: 推进中")
        elif entry.completed is not None and entry.status is not Status.DONE:
            yield Finding(report.path, ("tasks", i, "completed"), "P006", WARNING,
                          f"任务 {entry.task} 的状态是{entry.status.value}，却填了完成日期",
                          "已完成请把 status 改为 已完成；否则请删除 completed")


def signing_date(report: ReportFile, plan: Plan | None) -> Findings:
    signed, month = report.record.date, report.record.month
    if signed is None:
        return
    done = [e.completed for e in report.record.tasks if e.completed is not None]
    if signed < month.first_day:
        yield Finding(report.path, ("date",), "P009", WARNING,
                      f"成文日期 {signed.isoformat()} 早于报告月份 {month}",
                      f"报告写的是本月的情况，成文日期应在 {month.first_day.isoformat()} 之后；"
                      "不填 date 时为月底")
    elif done and signed < max(done):
        yield Finding(report.path, ("date",), "P009", WARNING,
                      f"成文日期 {signed.isoformat()} 早于报告中的完成日期 {max(done).isoformat()}",
                      "报告不能写成文之后才完成的事：请把 date 改为最后一项完成之后的日期，"
                      "或删去 date（即月底）")


_REPORT_TEXTS = ("lead_office", "contact", "progress", "problems", "cases", "suggestions")


def _report_texts(report: Report) -> Iterator[tuple[PathKey, str | None]]:
    """Every free text of a report, where it stands."""
    for name in _REPORT_TEXTS:
        yield (name,), getattr(report, name)
    for i, entry in enumerate(report.tasks):
        yield ("tasks", i, "progress"), entry.progress
        yield ("tasks", i, "narrative"), entry.narrative
    for aspect, text in report.aspects.items():
        yield ("aspects", aspect), text
    yield ("plans", "key_tasks"), report.plans.key_tasks
    yield ("plans", "next_steps"), report.plans.next_steps


def _unfilled(report: ReportFile) -> Iterator[PathKey]:
    """Where the placeholders of a scaffold are still in the report."""
    if PLACEHOLDER in report.text:
        for where, value in _report_texts(report.record):
            if value is not None and PLACEHOLDER in value:
                yield where
    for i, entry in enumerate(report.record.tasks):
        for metric, number in entry.metrics.items():
            if number is None:  # an empty metric is the scaffold's slot for a number still to be written
                yield ("tasks", i, "metrics", metric)


def report_punctuation(report: ReportFile, plan: Plan | None) -> Findings:
    # (a line break touches no Chinese character: the texts joined have a mark touching one
    # exactly when one of them has)
    if half_width_punctuation(report.text) is None:
        return
    for where, value in _report_texts(report.record):
        finding = _punctuation(report.path, where, value, "P008")
        if finding is not None:
            yield finding


def plan_punctuation(data: DataFiles) -> Findings:
    if data.tasks is None:
        return
    texts: list[tuple[PathKey, str | None]] = [(("plan", "title"), data.tasks.plan.title)]
    for i, aspect in enumerate(data.tasks.plan.aspects):
        texts.append((("plan", "aspects", i, "guidance"), aspect.guidance))
    for i, task in enumerate(data.tasks.tasks):
        texts += [(("tasks", i, "text"), task.text), (("tasks", i, "title"), task.title)]
    for where, value in texts:
        finding = _punctuation(layout.TASKS_FILE, where, value, "R210")
        if finding is not None:
            yield finding


def _punctuation(path: str, where: PathKey, text: str | None, code: str) -> Finding | None:
    """A warning at a text with half-width punctuation between Chinese characters (骨干网,市级)."""
    found = half_width_punctuation(text or "")
    if not found:
        return None
    mark, snippet, count = found
    more = f"（共 {count} 处）" if count > 1 else ""
    return Finding(path, where, code, WARNING,
                   f"「{snippet}」中用了半角的“{mark}”{more}，中文之间应用全角标点",
                   f"请把“{mark}”改为“{FULL_WIDTH[mark]}”；公文中的标点一律用全角")


def placeholders_filled(report: ReportFile, plan: Plan | None) -> Findings:
    for where in _unfilled(report):
        yield Finding(report.path, where, "P007", WARNING, f"「{PLACEHOLDER}」处尚未填写",
                      f"请把「{PLACEHOLDER}」换成实际内容；确实没有的部分可写“无”")


# ---- a month of reports, against what was said before -----------------------------------

def report_unique(files: MonthFiles, plan: Plan, ledger: Ledger) -> Findings:
    """Two files meant for one unit's report of one month: both are refused, valid or not."""
    by_unit: dict[str, list[str]] = {}
    for path, unit in files.claims:
        by_unit.setdefault(unit, []).append(path)
    for unit, paths in by_unit.items():
        if len(paths) < 2:
            continue
        for path in paths:
            others = "、".join(p for p in paths if p != path)
            yield Finding(path, ("unit",), "R306", ERROR,
                          f"{unit} {files.month.chinese}的报告不止一份，另有：{others}",
                          "每个单位每月只报一份：请合并后删除多余的文件；删除之前哪一份都不计入")


def mandatory_entries(files: MonthFiles, plan: Plan, ledger: Ledger) -> Findings:
    for report in files.reports:
        if report.unit is None:
            continue
        present = {w.task for w in report.statements}
        # (the month checked is the folder's: a report naming another is refused, R303)
        for task in mandatory_tasks(plan, ledger, report.unit, files.month):
            if task.id in present or task.due is None:
                continue
            yield Finding(report.path, ("tasks",), "P001", ERROR,
                          f"缺少任务 {task.id}（{task.short}）：{chinese_date(task.due)}到期，"
                          f"{report.unit}尚未报告完成，本月务必填写",
                          f"请在 tasks 下添加一项 task: {task.id}，写明 status 和进展", on_key=True)


def no_regression(files: MonthFiles, plan: Plan, ledger: Ledger) -> Findings:
    for report in files.reports:
        if report.unit is None:
            continue
        for i, statement in enumerate(report.statements):
            before = ledger.statement(report.unit, statement.task, before=files.month)
            if before is not None and before.done and not statement.done:
                yield Finding(report.path, ("tasks", i, "status"), "P005", WARNING,
                              f"任务 {statement.task} 在 {before.month.chinese}的报告中已是已完成，"
                              f"本月改为{statement.status.value}",
                              "如确实需要返工，请在 progress 中说明原因；否则请改回 已完成")


DATA_RULES: tuple[DataRule, ...] = (
    DataRule(("R101",), "单位和单位组的名称、别名互不重复", unit_names_unique),
    DataRule(("R105",), "单位名称可以用作文件名", unit_names_usable),
    DataRule(("R102", "R103"), "单位组的成员都已登记且是单个单位", group_members_known),
    DataRule(("R104",), "统筹单位已登记", coordinator_known),
    DataRule(("R201",), "任务序号不重复", task_ids_unique),
    DataRule(("R202",), "牵头、配合单位都已登记", task_units_known),
    DataRule(("R208",), "同一单位不既牵头又配合同一任务", task_roles_distinct),
    DataRule(("R203", "R204"), "完成时间可识别且与到期日一致", task_deadlines),
    DataRule(("R205", "R206", "R207"), "任务的所属方面和量化指标有效", task_aspects),
    DataRule(("R210",), "中文之间用全角标点", plan_punctuation),
    DataRule(("R209",), "报送期限可识别", report_due_readable),
)
REPORT_RULES: tuple[ReportRule, ...] = (
    ReportRule(("R301",), "报送单位已登记", report_unit_known),
    ReportRule(("R303", "R309"), "报告在所属月份的文件夹中", report_place),
    ReportRule(("R302",), "文件名是报送单位的规范名称", report_file_name),
    ReportRule(("R304", "R305", "R310"), "报告引用的任务存在且不重复", report_tasks_known),
    ReportRule(("R307",), "报告方面存在", report_aspects_known),
    ReportRule(("R308",), "量化指标名称有效", report_metrics_known),
    ReportRule(("P002",), "有量化指标的任务须填报指标", target_metrics),
    ReportRule(("P008",), "中文之间用全角标点", report_punctuation),
    ReportRule(("P003", "P004", "P006"), "完成日期与状态一致", completion_dates),
    ReportRule(("P007",), "草稿中的待填写处都已填写", placeholders_filled),
    ReportRule(("P009",), "成文日期不早于报告月份", signing_date),
)
MONTH_RULES: tuple[MonthRule, ...] = (
    MonthRule(("R306",), "每个单位每月只有一份报告", report_unique),
    MonthRule(("P001",), "本月底前到期的任务务必填写", mandatory_entries),
    MonthRule(("P005",), "已完成的任务不倒退", no_regression),
)
RULES: tuple[DataRule | ReportRule | MonthRule, ...] = (*DATA_RULES, *REPORT_RULES, *MONTH_RULES)


def data_findings(data: DataFiles) -> list[Finding]:
    return [finding for rule in DATA_RULES for finding in rule.check(data)]


def report_findings(report: ReportFile, plan: Plan | None) -> list[Finding]:
    return [finding for rule in REPORT_RULES for finding in rule.check(report, plan)]


def month_findings(files: MonthFiles, plan: Plan, ledger: Ledger) -> list[Finding]:
    return [finding for rule in MONTH_RULES for finding in rule.check(files, plan, ledger)]
