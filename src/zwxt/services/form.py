"""zwxt form: a unit's month as a Word form to fill in, for units that use neither git nor YAML.

A form carries forward what ``report new`` carries (services.scaffold.carry_forward: the
header, the tasks the unit must report and its other open ones, each with its latest status,
progress and figures), laid out along the Annex-2 outline as ``render`` words it, so that
``zwxt import report`` can read it back by the names of plan.form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zwxt.dates import Month
from zwxt.documents.form_docx import FormSheet, MetricRow, Part, Tables, TaskRow
from zwxt.errors import FileExistsRefusal
from zwxt.load import LeftOut, LoadedPlan, load
from zwxt.plan.form import FORM_VERSION, HeaderField, Property, plan_fingerprint
from zwxt.plan.ledger import open_duties
from zwxt.plan.report import PLACEHOLDER, Report, Status
from zwxt.plan.resolved import Plan
from zwxt.services.lookup import resolve_unit
from zwxt.services.outline import numbered_aspects, title_lines
from zwxt.services.scaffold import Carried, carry_forward, skipped_reports
from zwxt.store.atomic import write_atomic
from zwxt.store.repo import Repository, child
from zwxt.wording import format_number

FOLDER = "填报表"  # output/YYYY-MM/填报表/<unit>.docx


@dataclass(frozen=True)
class Form:
    """One unit's form for one month, ready to write to ``path``."""

    unit: str
    month: Month
    path: Path
    rel: str  # the path as written under the repository's root
    sheet: FormSheet
    required: list[int]
    optional: list[int]
    skipped: list[LeftOut]  # the unit's earlier reports that could not be carried forward
    reported: list[str]  # the unit's reports already in reports/ for the month


def unit_form(repo: Repository, unit: str, month: Month) -> Form:
    """The form of ``unit`` (any spelling) for ``month``."""
    loaded = load(repo, until=month, accept=lambda plan: resolve_unit(plan, unit))
    plan = loaded.usable_plan()
    return _form(repo, plan, loaded, resolve_unit(plan, unit), month)


def month_forms(repo: Repository, month: Month) -> list[Form]:
    """The form of every unit that must report for ``month``: each with a task open for it when
    the month began (whom ``zwxt status`` counts as owing a report), in units.yaml's order."""
    loaded = load(repo, until=month)
    plan = loaded.usable_plan()
    return [_form(repo, plan, loaded, unit, month)
            for unit in plan.units if open_duties(plan, loaded.ledger, unit, month)]


def write_forms(forms: list[Form], force: bool = False) -> None:
    """Write each form; without ``force`` none is written when any of them exists already."""
    existing = [f.rel for f in forms if f.path.exists()]
    if existing and not force:
        shown = "、".join(existing[:3]) + (f" 等 {len(existing)} 个文件" if len(existing) > 3 else "")
        raise FileExistsRefusal(f"{shown} 已存在，未做任何改动",
                                "已发出的填报表可能正在填写；确需重新生成请加 --force（将替换原文件）")
    from zwxt.documents.form_docx import form_bytes  # python-docx is slow to import: only when writing

    for form in forms:
        write_atomic(form.path, form_bytes(form.sheet), replace=force)


def _form(repo: Repository, plan: Plan, loaded: LoadedPlan, unit: str, month: Month) -> Form:
    carried = carry_forward(plan, loaded.ledger, unit, month)
    path = child(repo.output_dir(month, FOLDER), f"{unit}.docx")
    return Form(unit, month, path, repo.rel_of(path), _sheet(plan, carried), carried.required,
                carried.optional, skipped_reports(loaded.left_out, unit),
                [ref.path for ref in loaded.month_reports if ref.unit == unit])


def _sheet(plan: Plan, carried: Carried) -> FormSheet:
    record = plan.directory.units[carried.unit]
    month = carried.month
    header = (
        (HeaderField.UNIT.value, carried.unit),
        (HeaderField.MONTH.value, month.chinese),
        (HeaderField.LEAD_OFFICE.value, carried.lead_office),
        (HeaderField.CONTACT.value, carried.contact),
        (HeaderField.DATE.value, ""),
    )
    properties = (
        (Property.FORM, FORM_VERSION),
        (Property.UNIT, carried.unit),
        (Property.MONTH, str(month)),
        (Property.PLAN, plan_fingerprint(plan)),
    )
    return FormSheet(
        title_lines=tuple(title_lines(record.full_name or record.name, f"{plan.info.subject}进展报告")),
        subtitle=f"（{month.chinese}）",
        instructions=_instructions(plan, carried),
        header=header,
        parts=_parts(plan, _task_rows(carried), _metric_rows(carried)),
        properties=properties,
        day=month.end,
    )


def _instructions(plan: Plan, carried: Carried) -> tuple[str, ...]:
    coordinator = plan.coordinator or "统筹单位"
    required = "、".join(str(i) for i in carried.required)
    which = (f"序号底色为浅黄的任务（第 {required} 项）本月必须填报，其余任务有进展的填报"
             if required else "本月没有必须填报的任务，有进展的任务请填报")
    return (
        "填写说明",
        "1. 本表已按任务分工表和本单位此前的报告预填了状态、进展和数值，"
        f"请按{carried.month.chinese}的实际情况修改。",
        "2. 在每个标题下的空白处填写；灰色楷体字是填报要求，不必删除。"
        f"每处“{PLACEHOLDER}”请换成实际内容，没有的写“无”。",
        f"3. “二”的任务表中，{which}。“{HeaderField.DATE.value}”不填时为本月最后一天。",
        f"4. “工作任务”是任务分工表的原文，请勿修改；“状态”请从下拉列表中选择"
        f"{'、'.join(s.value for s in Status)}，"
        f"选已完成的须填“完成日期”（如 {carried.month.end.isoformat()}）。",
        "5. 量化指标只填数字，不带单位。请勿增删表格的行列、改动各级标题。",
        f"6. 填好后保存为 Word 文件（.docx），按要求报送{coordinator}。",
    )


def form_guidance(plan: Plan) -> frozenset[str]:
    """The form's own words under its headings (the grey guidance), line by line, as
    ``zwxt form`` writes them for ``plan``: what an import leaves out of the report."""
    lines: set[str] = set()
    for part in _parts(plan, (), ()):
        text = part.metrics_label if isinstance(part, Tables) else part.guidance
        lines.update(line for line in text.splitlines() if line.strip())
    return frozenset(lines)


def _task_rows(carried: Carried) -> tuple[TaskRow, ...]:
    return tuple(TaskRow(str(e.task.id), e.task.text, e.status, "", e.progress, e.required)
                 for e in carried.entries)


def _metric_rows(carried: Carried) -> tuple[MetricRow, ...]:
    return tuple(MetricRow(str(e.task.id), m.name, format_number(m.target),
                           format_number(m.value) if m.value is not None else PLACEHOLDER, m.unit)
                 for e in carried.entries for m in e.metrics)


def _parts(plan: Plan, tasks: tuple[TaskRow, ...],
           metrics: tuple[MetricRow, ...]) -> tuple[Part | Tables, ...]:
    short = plan.info.short_title
    aspects = {a.name: a.guidance or "" for a in plan.info.aspects}
    return (
        Part("一、工作推进情况", 1, _described("progress"), PLACEHOLDER),
        Part(f"二、落实{short}任务分工情况", 1,
             f"对照{short}任务分工和时间要求，梳理本单位工作进展（本月底前规定要完成的任务务必填写，"
             "突出量化指标，其他任务根据实际情况选择填报）。"),
        Tables(tasks, metrics, "量化指标（填写截至本月底的数值）："),
        *(Part(f"{number}{name}方面", 2, aspects.get(name, ""), "")
          for number, name in numbered_aspects(plan)),
        Part("三、存在的问题", 1, answer=PLACEHOLDER),
        Part("四、进一步抓紧推进的工作考虑", 1),
        Part("（一）落实月底前重点任务的工作计划", 2, answer=PLACEHOLDER),
        Part("（二）下一步加快推进的工作思路", 2, answer=PLACEHOLDER),
        Part("五、经验和典型案例", 1, "工作开展过程中取得的相关经验和典型案例。没有可写“无”。", PLACEHOLDER),
        Part("六、意见建议", 1, "没有可写“无”。", PLACEHOLDER),
    )


def _described(field: str) -> str:
    """The report schema's description of a field, as a sentence."""
    return (Report.model_fields[field].description or "") + "。"
