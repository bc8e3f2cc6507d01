"""zwxt import report: a unit's Word file (a filled form, or a report written freely along
Annex 2) back into reports/YYYY-MM/<unit>.yaml.

The Word file is read (``office.docx_reader``), its text mapped onto the report's fields
(``services.word_report``), and the YAML so made goes through the one load pipeline with
the repository's plan and the unit's history, as if it were in reports/ already. Every
finding, the reader's and the pipeline's, is told in the Word file's own terms (the part,
the table's row and column, the text near it), all of them in one run. Nothing is written
when any file has an error, unless ``draft``: then what could be read is written with every
doubtful field marked, never as a report that passes ``check --strict``. With ``received``,
the one report is not written but committed on the unit's behalf (``services.received``).
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from zwxt.dates import DAY_EXAMPLE, Month
from zwxt.diagnostics import Diagnostic, capped, is_error
from zwxt.documents.templates import yaml_comment, yaml_scalar
from zwxt.errors import UnusablePathError, UsageError, os_problem
from zwxt.load import load
from zwxt.office.docx_reader import MAX_DOCX_BYTES, UnreadableDocx, read_docx
from zwxt.office.office_tables import NotAFileError, office_file_bytes
from zwxt.parse import FIXABLE
from zwxt.plan.form import plan_fingerprint
from zwxt.plan.report import PLACEHOLDER, Status
from zwxt.plan.resolved import Plan
from zwxt.positions import PathKey, path_from_text, path_text
from zwxt.services.form import form_guidance
from zwxt.services.lookup import resolve_unit
from zwxt.services.received import commit_received
from zwxt.services.scaffold import Committed
from zwxt.services.word_report import Place, Reading, read_report
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.repo import Listing, Repository


@dataclass(frozen=True)
class Problem:
    """One finding, in the Word file's terms: ``file``：``message``."""

    file: str
    message: str
    hint: str = ""
    error: bool = True

    def __str__(self) -> str:
        return f"{self.file}：{self.message}"


@dataclass(frozen=True)
class Imported:
    """A report made from one Word file."""

    source: Path
    rel: str  # reports/YYYY-MM/<unit>.yaml
    path: Path
    text: str
    unit: str
    month: Month
    form: bool  # read from a form zwxt wrote, else from a report written freely
    digest: str  # the SHA-256 of the Word file's bytes, as read


@dataclass(frozen=True)
class ImportResult:
    imported: list[Imported]
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    draft: bool = False
    committed: Committed | None = None  # with ``received``: the commit made on the unit's behalf

    @property
    def failed(self) -> bool:
        """Nothing was written, or would be, for the errors found."""
        return any(p.error for p in self.problems) and not (self.draft and self.imported)


@dataclass
class _File:
    source: Path
    name: str  # as the clerk knows it: the file's name
    reading: Reading | None = None
    digest: str = ""  # SHA-256 of the bytes read
    unit: str | None = None
    month: Month | None = None
    rel: str | None = None
    path: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False  # no report can be made of it at all, not even a draft

    def problem(self, message: str, hint: str = "", error: bool = True, fatal: bool = False) -> None:
        self.problems.append(Problem(self.name, message, hint, error))
        self.fatal = self.fatal or fatal


def import_reports(repo: Repository, files: list[Path], unit: str | None = None, month: Month | None = None,
                   *, draft: bool = False, force: bool = False, dry_run: bool = False,
                   received: date | None = None) -> ImportResult:
    """Read each Word file in ``files`` into its report; write them all, or none.

    ``unit`` and ``month`` say whose report a freely written file is when the file does not
    say; a form says it itself, and they must then agree with it. An existing report is
    replaced only with ``force``; ``dry_run`` writes nothing.

    ``received``: the day the coordinator received the one file in ``files``; its report is
    committed on a new branch on the unit's behalf, with the trailers ``check --base`` and
    the submission dates read (``services.received.commit_received``), instead of written.
    A received report is a new one and a checked one: neither ``force`` nor ``draft``.
    """
    if received is not None:
        _receivable(files, draft=draft, force=force)
    plan = load(repo, wanted=[], cache=False,
                accept=lambda plan: resolve_unit(plan, unit) if unit is not None else None).usable_plan()
    asked_unit = resolve_unit(plan, unit) if unit is not None else None
    items = [_File(path, path.name) for path in files]
    fingerprint = plan_fingerprint(plan)
    for item in items:
        _read(item, plan)
        if item.reading is not None:
            _whose(item, plan, fingerprint, asked_unit, month)
    _place(repo, items, force)
    data = {item.rel: _data(item, plan) for item in items if not item.fatal and item.rel is not None}
    found = _validate(repo, data, [m for i in items if (m := i.month) is not None and not i.fatal])
    for item in items:
        if item.rel is not None and not item.fatal:
            for diagnostic in found.get(item.rel, []):
                item.problems.append(_told(item, diagnostic))
    problems = [p for item in items for p in item.problems]
    any_error = any(p.error for p in problems)
    usable = [i for i in items if not i.fatal and i.rel is not None and i.path is not None]
    if any_error and (not draft or any(i.fatal for i in items)):
        return ImportResult([], problems, written=False, draft=draft)
    imported = []
    for item in usable:
        assert item.rel is not None and item.path is not None and item.unit and item.month
        marks = _marks(item, found.get(item.rel, [])) if draft else {}
        text = _yaml(_data(item, plan), marks, draft=draft, source=item.name)
        imported.append(Imported(item.source, item.rel, item.path, text, item.unit, item.month,
                                 item.reading.form if item.reading else False, item.digest))
    if received is not None and not dry_run:
        [done] = imported
        committed = commit_received(repo, done.rel, done.text.encode("utf-8"), done.unit, received,
                                    done.digest)
        return ImportResult(imported, problems, written=True, committed=committed)
    if not dry_run:
        for done in imported:
            write_atomic(done.path, done.text.encode("utf-8"), replace=force)
    return ImportResult(imported, problems, written=not dry_run, draft=draft)


def _receivable(files: list[Path], *, draft: bool, force: bool) -> None:
    """A report committed on a unit's behalf is one file's, checked whole, and new."""
    if len(files) != 1:
        raise UsageError(f"代为提交时一次只能导入一个文件（给出了 {len(files)} 个），未做任何改动",
                         "每份报告单独提交、各在一个分支上：请逐个文件运行，每个都写明 --received 收到日期")
    if draft:
        raise UsageError("--draft 的草稿不能代为提交，未做任何改动",
                         "请改正 Word 文件中的问题后再导入并提交；或去掉 --commit，先写入草稿核对")
    if force:
        raise UsageError("代为提交的报告不替换已有的报告，--force 不能与 --commit 同用，未做任何改动",
                         "报告的报送日期以它第一次提交为准；要更正已有的报告，请直接修改该文件并提交")


# ---- reading each file ------------------------------------------------------------------

def _read(item: _File, plan: Plan) -> None:
    try:
        data = _bytes(item.source)
        item.digest = hashlib.sha256(data).hexdigest()
    except UnreadableDocx as exc:
        item.problem(exc.message, exc.hint, fatal=True)
        return
    except FileNotFoundError:
        item.problem("找不到这个文件", "请检查文件名和路径", fatal=True)
        return
    except OSError as exc:
        reason, hint = os_problem(exc, writing=False)
        item.problem(f"无法读取：{reason}", hint, fatal=True)
        return
    try:
        item.reading = read_report(read_docx(data), plan, form_guidance(plan))
    except UnreadableDocx as exc:
        item.problem(exc.message, exc.hint, fatal=True)
        return
    for doubt in item.reading.doubts:
        item.problem(doubt.message, doubt.hint, error=doubt.error)


def _bytes(path: Path) -> bytes:
    """The Word file's bytes, at most MAX_DOCX_BYTES + 1 of them (read_docx says when too many)."""
    try:
        data = office_file_bytes(path, MAX_DOCX_BYTES)
    except NotAFileError:
        raise UnreadableDocx("这不是普通文件（可能是文件夹、管道或设备）",
                             "请给出 Word 文件（.docx）") from None
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.ELOOP):  # the argument itself is unusable
            raise UnusablePathError("给出的 Word 文件", path, exc) from None
        raise
    if not data:
        raise UnreadableDocx("文件是空的", "请给出填好的 Word 文件（.docx）")
    return data


def _shown_agrees(item: _File, plan: Plan, unit: str | None, month: Month | None) -> None:
    """A form's header and subtitle name the unit and month its properties record: a form
    edited to serve another unit or month would otherwise be imported as its first one's."""
    reading = item.reading
    assert reading is not None
    for words, shown in reading.shown_units:
        if unit is not None and plan.directory.unit_of(shown) != unit:
            item.problem(f"{words}写的是“{shown}”，而这份填报表是为{unit}生成的，未导入",
                         f"请用 zwxt form 为该单位生成填报表重新填写；"
                         f"确是{unit}的报告时，请把{words}改回{unit}",
                         fatal=True)
    for words, said in reading.shown_months:
        if month is not None and said != month:
            item.problem(f"{words}写的是{said.chinese}，而这份填报表是为{month.chinese}生成的，未导入",
                         f"每个月请用 zwxt form 生成当月的填报表重新填写；确是{month.chinese}的报告时，"
                         f"请把{words}改回{month.chinese}", fatal=True)


def _whose(item: _File, plan: Plan, fingerprint: str, asked_unit: str | None,
           asked_month: Month | None) -> None:
    """The unit and month of the report: the form's own, or the file's words, or the options'."""
    reading = item.reading
    assert reading is not None
    if reading.form:
        if reading.form_plan != fingerprint:
            item.problem("这份填报表是按另一版工作方案生成的（任务的序号或原文已有改动），未导入",
                         "请用 zwxt form 按现行方案重新生成填报表，请该单位重新填写", fatal=True)
        written = plan.directory.unit_of(reading.unit or "")
        if written is None:
            item.problem(f"填报表记录的单位“{reading.unit or ''}”不在单位名录中，未导入",
                         f"请核对 {layout.UNITS_FILE}，或用 zwxt form 重新生成", fatal=True)
        elif asked_unit is not None and asked_unit != written:
            item.problem(f"这是{written}的填报表，不是 --unit 所说的{asked_unit}的，未导入",
                         "请核对文件；填报表的单位以生成时记录的为准", fatal=True)
        if reading.month is None and reading.form_month:
            item.problem(f"填报表记录的报告月份“{reading.form_month}”不是月份，未导入",
                         "请用 zwxt form 重新生成", fatal=True)
        elif reading.month is None:
            item.problem("填报表没有记录报告月份，未导入", "请用 zwxt form 重新生成", fatal=True)
        elif asked_month is not None and asked_month != reading.month:
            item.problem(f"这是{reading.month.chinese}的填报表，"
                         f"不是 --month 所说的{asked_month.chinese}的，未导入",
                         "请核对文件；填报表的月份以生成时记录的为准", fatal=True)
        _shown_agrees(item, plan, written, reading.month)
        item.unit, item.month = written, reading.month
        return
    said = plan.directory.unit_of(reading.unit) if reading.unit else None
    if said is not None and asked_unit is not None and said != asked_unit:
        item.problem(f"文件的标题或表头写的是{said}，与 --unit 所说的{asked_unit}不一致，未导入",
                     "请核对文件，或去掉 --unit", fatal=True)
    if reading.unit and said is None and asked_unit is None:
        item.problem(f"表头的报送单位“{reading.unit}”不在单位名录中，未导入",
                     f"请用 --unit 指定单位（名称以 {layout.UNITS_FILE} 为准）", fatal=True)
    who = said or asked_unit
    if who is None and not item.fatal:
        item.problem("看不出这是哪个单位的报告（标题中没有单位名称），未导入", "请用 --unit 单位 指定",
                     fatal=True)
    if reading.month is not None and asked_month is not None and reading.month != asked_month:
        item.problem(f"文件写的是{reading.month.chinese}，"
                     f"与 --month 所说的{asked_month.chinese}不一致，未导入",
                     "请核对文件，或去掉 --month", fatal=True)
    when = reading.month or asked_month
    if when is None:
        item.problem("看不出这是哪个月的报告（标题下没有“（2018年3月）”这样的一行），未导入",
                     "请用 --month 月份 指定", fatal=True)
    item.unit, item.month = who, when


def _place(repo: Repository, items: list[_File], force: bool) -> None:
    """Where each report goes; one report per unit and month, and no report replaced unasked."""
    taken: dict[str, str] = {}
    for item in items:
        if item.fatal or item.unit is None or item.month is None:
            continue
        item.rel = layout.report_rel(item.month, item.unit)
        item.path = repo.report_path(item.month, item.unit)  # (validated names: layout, repo.child)
        if item.rel in taken:
            item.problem(f"与 {taken[item.rel]} 是同一单位同一月份的报告（{item.rel}），未导入",
                         "每个单位每月只导入一份", fatal=True)
            continue
        taken[item.rel] = item.name
        if not force and (item.path.exists() or item.path.is_symlink()):
            item.problem(f"{item.rel} 已存在，未做任何改动", "确认要用这份文件替换它，请加 --force",
                         fatal=True)


def _data(item: _File, plan: Plan) -> dict[str, Any]:
    reading = item.reading
    assert reading is not None and item.unit is not None and item.month is not None
    data: dict[str, Any] = {"unit": item.unit, "month": str(item.month)}
    lead_office = reading.data.get("lead_office") or plan.directory.units[item.unit].lead_office
    if lead_office:
        data["lead_office"] = lead_office
    data.update({k: v for k, v in reading.data.items() if k not in data})
    return data


# ---- the pipeline's judgement, in the Word file's terms ----------------------------------

@dataclass(frozen=True)
class _Overlay:
    """The repository with the imported reports in their places, held in memory."""

    repo: Repository
    files: Mapping[str, str]

    def read(self, rel: str) -> bytes:
        if rel in self.files:
            return self.files[rel].encode("utf-8")
        return self.repo.read(rel)

    def exists(self, rel: str) -> bool:
        return rel in self.files or self.repo.exists(rel)

    def report_files(self) -> Listing:
        listing = self.repo.report_files()
        files = sorted({*listing.files, *self.files})
        return Listing(files, listing.unreadable, listing.linked, listing.strays)


def _validate(repo: Repository, data: dict[str, dict[str, Any]], months: list[Month]
              ) -> dict[str, list[Diagnostic]]:
    """The pipeline's findings on each report, all of them in one run.

    The pipeline judges no rule on a report with a value of the wrong kind (a schema error,
    S…): those values are left out, and the reports are loaded once more for the rest. What
    the second load says about a task entry (or field) that had such a value is left unsaid:
    the entry must be mended first, and its other findings follow from the value left out.
    """
    first = _findings(repo, data, months)
    schema = {rel: [d for d in found if d.code.startswith("S") and d.where] for rel, found in first.items()}
    mended = {rel: _without(data[rel], [d.where for d in wrong]) for rel, wrong in schema.items() if wrong}
    if not mended:
        return first
    second = _findings(repo, {**data, **mended}, months)
    result: dict[str, list[Diagnostic]] = {}
    for rel in data:
        cuts = [_entry_of(d.where) for d in schema.get(rel, [])]
        result[rel] = [*schema.get(rel, []),
                       *(d for d in second.get(rel, []) if not any(_under(d.where, cut) for cut in cuts))]
    return result


def _findings(repo: Repository, data: dict[str, dict[str, Any]], months: list[Month]
              ) -> dict[str, list[Diagnostic]]:
    if not data:
        return {}
    texts = {rel: _yaml(report, {}, draft=False) for rel, report in data.items()}
    loaded = load(_Overlay(repo, texts), wanted=list(texts), until=max(months), cache=False)
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in capped(loaded.diagnostics):  # (as many as zwxt check lists)
        if diagnostic.path in texts:
            found.setdefault(diagnostic.path, []).append(diagnostic)
    return found


def _without(report: dict[str, Any], wheres: list[str]) -> dict[str, Any]:
    """The report with the values at ``wheres`` left out; a task's status (which it must have)
    taken as 推进中, which no rule judges by itself."""
    copy = json.loads(json.dumps(report, ensure_ascii=False))
    for where in wheres:
        steps = path_from_text(where)
        at: Any = copy
        for step in steps[:-1]:
            try:
                at = at[step]
            except (KeyError, IndexError, TypeError):
                at = None
                break
        last = steps[-1] if steps else None
        if at is None or last is None or isinstance(last, int):
            continue
        if last == "status" and len(steps) == 3 and steps[0] == "tasks":
            at[last] = Status.IN_PROGRESS.value
        elif last not in ("task", "unit", "month"):
            at.pop(last, None)
    return copy


def _entry_of(where: str) -> str:
    """The task entry a key path is in (``tasks[2]``), else the path itself."""
    match = re.match(r"tasks\[\d+\]", where)
    return match.group(0) if match else where


def _under(where: str, cut: str) -> bool:
    return where == cut or where.startswith((cut + ".", cut + "["))


# The parts of the outline, for findings about a field no place was read for.
_PARTS: dict[str, str] = {
    "unit": "表头「报送单位」", "month": "表头「报告月份」", "lead_office": "表头「牵头部门」",
    "contact": "联系人", "date": "落款的日期", "progress": "「一」", "tasks": "「二」", "aspects": "「二」",
    "problems": "「三」", "plans": "「四」", "plans.key_tasks": "「四（一）」",
    "plans.next_steps": "「四（二）」",
    "cases": "「五」", "suggestions": "「六」",
}
_FIELD_WORDS = {
    "status": "状态", "completed": "完成日期", "progress": "进展情况", "metrics": "量化指标",
    "narrative": "详细情况", "lead_office": "牵头部门", "contact": "联系人", "date": "成文日期",
    "task": "任务序号", "unit": "报送单位", "month": "报告月份",
}
_LEADING_FIELD = re.compile(r"「([^」]+)」：")
_NAMED_FIELD = re.compile(r"「([a-z_]+)」（([^）]*)）")
_BARE_FIELD = re.compile(r"(?<![A-Za-z_])(" + "|".join(_FIELD_WORDS) + r")(?![A-Za-z_])")


def _wordy(text: str) -> str:
    """A pipeline message without the YAML's field names: 「status」（状态） → 「状态」."""
    text = _NAMED_FIELD.sub(lambda m: f"「{m.group(2)}」", text)
    return _BARE_FIELD.sub(lambda m: _FIELD_WORDS[m.group(1)], text)


# What to do, in the Word file's terms, where the pipeline's hint speaks of YAML keys: the
# codes a clerk's Word file meets; other hints are told with their field names in words.
_WORD_HINTS = {
    "S004": "请在「状态」列从下拉列表中选择，或照写：" + "、".join(s.value for s in Status),
    "S005": "日期请用半角数字写成 YYYY-MM-DD",
    "P001": "请在「二」的任务表中补上这项任务，填写它的状态和进展情况",
    "P002": "请在「二」的量化指标表中填写这项任务每个指标的本月数值（只填数字）",
    "P003": "请在这一行的「完成日期」列填写完成的日期，写成 YYYY-MM-DD",
    "P004": "报告只能写到本月底为止已经完成的情况；尚未完成请把「状态」改为推进中",
    "P006": "已完成请把「状态」改为已完成；否则请删去「完成日期」",
    "F005": "请删去 Word 文件中重复或无关的表格行和大段文字，只留本月的进展，再导入",
}
# What the pipeline says of the YAML file, said of what the Word file became: the Word file
# itself may be small.
_WORD_MESSAGES = {"F005": ("文件过大", "导入后的报告过大")}


def _told(item: _File, diagnostic: Diagnostic) -> Problem:
    assert item.reading is not None
    place = item.reading.where_of(diagnostic.where) if diagnostic.where else None
    if place is None and diagnostic.where:
        top = diagnostic.where.split("[")[0]
        head = ".".join(top.split(".")[:2])
        words = _PARTS.get(head) or _PARTS.get(top.split(".")[0])
        place = Place(words) if words else None
    message = _wordy(diagnostic.message)
    if diagnostic.code in _WORD_MESSAGES:
        message = message.replace(*_WORD_MESSAGES[diagnostic.code], 1)
    if place is not None:
        named = _LEADING_FIELD.match(message)
        if named is not None and named.group(1) in place.words:  # 「完成日期」列：「完成日期」：… said once
            message = message[named.end():]
        quote = f"（“{place.quote}”）" if place.quote and place.quote not in message else ""
        message = f"{place.words}{quote}：{message}"
    hint = _WORD_HINTS.get(diagnostic.code) or _wordy(diagnostic.hint.replace(FIXABLE, ""))
    if diagnostic.code == "S005" and item.month is not None:  # an example of this report's month
        day = item.month.end.isoformat()
        message = message.replace(f"例如 {DAY_EXAMPLE}", f"例如 {day}")
        hint = f"{hint}，例如本月最后一天写作 {day}"
    return Problem(item.name, message, hint, is_error(diagnostic))


def _marks(item: _File, diagnostics: list[Diagnostic]) -> dict[str, list[str]]:
    """For a draft: the findings at each key path, said beside the field."""
    marks: dict[str, list[str]] = {}
    assert item.reading is not None
    for doubt in item.reading.doubts:
        marks.setdefault(path_text(doubt.where), []).append(doubt.message)
    for diagnostic in diagnostics:
        marks.setdefault(diagnostic.where, []).append(_wordy(diagnostic.message))
    return marks


# ---- the report as YAML -------------------------------------------------------------------

_ORDER = ("unit", "month", "lead_office", "contact", "date", "progress", "tasks", "aspects", "problems",
          "plans", "cases", "suggestions")
_TEXTS = {"lead_office", "contact", "progress", "problems", "cases", "suggestions", "key_tasks", "next_steps",
          "narrative"}


def _yaml(data: dict[str, Any], marks: dict[str, list[str]], *, draft: bool, source: str = "") -> str:
    """The report as YAML, every value quoted as it must be; a draft's doubtful fields marked."""
    lines: list[str] = []
    marked = [False]
    if draft:
        lines += [f"# 由 zwxt import report --draft 从 {yaml_comment(source)} 导入的草稿。",
                  "# 请逐项核对标有【待核对】的地方，改好后删去每处“" + PLACEHOLDER + "”，"
                  "再运行 zwxt check --strict。"]

    def note(where: PathKey, indent: int) -> None:
        for message in marks.get(path_text(where), []):
            lines.append(" " * indent + "# 【待核对】" + yaml_comment(message))

    def value(where: PathKey, text: Any, indent: int) -> str:
        doubtful = draft and isinstance(text, str) and where[-1] in _TEXTS and path_text(where) in marks
        if doubtful:
            marked[0] = True
            text = PLACEHOLDER + text
        return yaml_scalar(text, indent)

    def mapping(values: dict[str, Any], where: PathKey, indent: int) -> None:
        pad = " " * indent
        for key, item in values.items():
            at = (*where, key)
            note(at, indent)
            name = key if where in ((), ("plans",)) else yaml_scalar(key)
            if isinstance(item, dict):
                lines.append(f"{pad}{name}:")
                mapping(item, at, indent + 2)
            elif isinstance(item, list):
                lines.append(f"{pad}{name}:")
                for i, entry in enumerate(item):
                    note((*at, i), indent + 2)
                    first = True
                    for sub, sub_value in entry.items():
                        lead = f"{pad}  - " if first else f"{pad}    "
                        first = False
                        if not isinstance(sub_value, dict):
                            note((*at, i, sub), indent + 4)
                        if isinstance(sub_value, dict):
                            lines.append(f"{lead}{sub}:")
                            for metric, figure in sub_value.items():
                                note((*at, i, sub, metric), indent + 6)
                                lines.append(f"{pad}      {yaml_scalar(metric)}: {yaml_scalar(figure)}")
                        else:
                            lines.append(f"{lead}{sub}: {value((*at, i, sub), sub_value, indent + 4)}")
            else:
                lines.append(f"{pad}{name}: {value(at, item, indent)}")

    ordered = {k: data[k] for k in _ORDER if k in data}
    if draft and not any(marks.values()) and not marked[0]:
        first = next((k for k in ("progress", "problems", "cases", "suggestions") if k in ordered), None)
        if first is not None:
            marks = {**marks, first: ["导入的草稿，请核对"]}
        else:
            ordered["progress"] = ""
            marks = {**marks, "progress": ["导入的草稿，请核对"]}
    mapping(ordered, (), 0)
    return "\n".join(lines) + "\n"
