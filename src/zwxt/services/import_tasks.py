"""zwxt import tasks: the task-division table (Annex 1) of a Word or Excel file into data/tasks.yaml.

The table is found by its header (序号, 工作任务, 牵头单位, 配合单位, 完成时间 and their usual
variants, in any order, over one or two header rows, repeated on each page or not); rows
before it (a title) and repetitions of it are skipped, as are empty rows and rows of one
cell merged across the table (a section heading). Every task is read as its row says:
line breaks inside a cell joined, units split on 、，, and spaces and resolved through
the directory, the deadline parsed as ``zwxt check`` parses it and kept as written. What
cannot be read is a ``Problem`` naming the row and column, never guessed.

The new data/tasks.yaml keeps the file's ``plan:`` section and comments and replaces its
``tasks:`` list; it goes through the load pipeline before anything is written, and every
finding is told in the table's terms. Nothing is written here: ``write_import`` does it,
and refuses to change or drop a task the file already has unless asked to (``force``).
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwxt import layout
from zwxt.dates import parse_deadline
from zwxt.diagnostics import Diagnostic, Severity, error, is_error
from zwxt.errors import BrokenPlanError, FileExistsRefusal, os_problem
from zwxt.io.atomic import write_atomic
from zwxt.io.office_tables import DocumentError, Row, Table, read_tables
from zwxt.io.repo import Repository
from zwxt.io.validation import validate
from zwxt.io.yaml_edit import append_items, replace_block
from zwxt.io.yamlsource import MAX_DATA_FILE_BYTES, read_yaml
from zwxt.loader import load_texts
from zwxt.model.directory import Directory
from zwxt.model.units import UnitsFile
from zwxt.textnorm import full_width_punctuation, name_key

# The words of each column's header, the preferred first: a table names the lead units
# 牵头单位 or 责任单位, and when it has both, 牵头单位 is the lead.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "编号"),
    "text": ("工作任务", "重点任务", "任务内容", "主要任务", "具体任务", "工作内容", "任务"),
    "lead": ("牵头单位", "责任单位", "牵头部门", "责任部门", "牵头"),
    "support": ("配合单位", "配合部门", "协办单位", "配合"),
    "deadline": ("完成时间", "完成时限", "完成期限", "时间节点", "时限"),
    "aspect": ("所属方面", "方面"),
}
REQUIRED = ("id", "text", "lead", "deadline")
_ROLE_OF = {word: role for role, words in HEADERS.items() for word in words}
_PARENTHESES = re.compile(r"[（(][^（）()]*[)）]")
_ID = re.compile(r"\(?([0-9]{1,4})[).、]?")
_UNIT_SEPARATORS = re.compile(r"[、，,；;]")
# A name that stands for several units (各市（区）政府, 市直有关部门): a group, whose members
# no table says, so it is never added to units.yaml as a unit.
_GROUP_WORDS = re.compile(r"^各|有关|相关|所属|等$")
# What a local government's name ends with; every other unit added is a department.
_GOVERNMENT_END = ("政府", "区", "县", "市", "镇", "乡", "街道", "旗")


@dataclass(frozen=True)
class Problem:
    """Something the table or the plan says that stops (or, as a warning, marks) the import."""

    place: str  # 分工表.docx：表格第5行「完成时间」列
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.place}：{self.message}"


@dataclass(frozen=True)
class MissingUnit:
    """A unit the table names that units.yaml does not."""

    name: str
    places: tuple[str, ...]  # the rows naming it
    suggestions: tuple[str, ...]  # registered names resembling it
    group: bool  # it names several units: never added as one


@dataclass(frozen=True)
class FileChange:
    rel: str
    path: Path
    old: str
    new: str

    def diff(self) -> str:
        """The change as a unified diff, as ``git diff`` shows it."""
        return "".join(difflib.unified_diff(
            self.old.splitlines(keepends=True), self.new.splitlines(keepends=True),
            fromfile=f"a/{self.rel}", tofile=f"b/{self.rel}"))


@dataclass
class TasksImport:
    """What importing a table would do; nothing is written until ``write_import``."""

    source: str
    tasks: int = 0
    problems: list[Problem] = field(default_factory=list)  # errors: nothing may be written
    warnings: list[Problem] = field(default_factory=list)
    missing: list[MissingUnit] = field(default_factory=list)  # unregistered, and not added
    added_units: list[str] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)  # only files that change
    overwritten: list[int] = field(default_factory=list)  # existing tasks changed or dropped

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing


@dataclass(frozen=True)
class _Column:
    index: int
    header: str  # as the table writes it


@dataclass(frozen=True)
class _Layout:
    table: Table
    columns: dict[str, _Column]
    body: tuple[Row, ...]  # the rows below the header


@dataclass
class _Task:
    """One row read: the task's fields, and where they came from."""

    row: Row
    table: Table
    columns: dict[str, _Column]
    fields: dict[str, Any]


def import_tasks(repo: Repository, source: Path, add_units: bool = False) -> TasksImport:
    """What importing the table of ``source`` (.docx or .xlsx) into the repository would write.

    ``add_units``: units the table names that units.yaml does not are added to it (groups
    never are). Raises DocumentError for a file that is no readable Word or Excel file or
    has no task table, BrokenPlanError when units.yaml, or tasks.yaml as a whole, cannot
    be read.
    """
    tables = read_tables(source)
    name = source.name
    result = TasksImport(name)
    units_text, tasks_text = _data_text(repo, layout.UNITS_FILE), _data_text(repo, layout.TASKS_FILE)
    directory = _directory(units_text)
    old = _tasks_data(tasks_text)
    layouts = _layouts(name, tables)
    alone = len(tables) == 1
    aspects = _aspect_names(old)
    tasks = list(_read_rows(result, layouts, directory, aspects, alone))
    _carry_over(result, tasks, old, aspects)
    missing = _missing_units(result, tasks, directory, alone)
    new_units = units_text
    if add_units:
        addable = [unit for unit in missing if not unit.group]
        result.missing = [unit for unit in missing if unit.group]
        if addable:
            added = append_items(layout.UNITS_FILE, units_text, "units", _unit_items(name, addable))
            if added is None:
                result.missing = missing
                result.problems.append(Problem(layout.UNITS_FILE, "其中的 units 不是逐行列出的列表，无法自动添加单位",
                                               "请手工添加表中的单位，或把 units 改写为每个单位一项的列表"))
            else:
                new_units = added
                result.added_units = [unit.name for unit in addable]
    else:
        result.missing = missing
    result.tasks = len(tasks)
    if result.problems or result.missing:
        return result
    new_tasks = replace_block(layout.TASKS_FILE, tasks_text, "tasks", _tasks_block(tasks))
    _verify(result, tasks, new_units, new_tasks, alone)
    if result.problems:
        return result
    result.overwritten = _overwritten(old, new_tasks)
    for rel, before, after in ((layout.UNITS_FILE, units_text, new_units),
                               (layout.TASKS_FILE, tasks_text, new_tasks)):
        if before != after:
            result.changes.append(FileChange(rel, repo.path(rel), before, after))
    return result


def write_import(result: TasksImport, force: bool = False) -> None:
    """Write what ``import_tasks`` found, each file atomically; units.yaml first, so that the
    tasks never name a unit it lacks. Refuses (FileExistsRefusal) to change or drop a task
    data/tasks.yaml already has, unless ``force``."""
    if not result.ok:
        raise ValueError("an import with problems is never written")
    if result.overwritten and not force:
        ids = "、".join(str(i) for i in result.overwritten)
        raise FileExistsRefusal(f"{layout.TASKS_FILE} 中已有的第{ids}项任务将被改动或删除，未做任何改动",
                                "请先确认差异；确认用表格替换这些任务后再导入")
    for change in result.changes:
        write_atomic(change.path, change.new.encode("utf-8"), replace=True)


# ---- the data files as they are ---------------------------------------------------------

def _data_text(repo: Repository, rel: str) -> str:
    """A data file's text, which must at least parse: the import keeps what it does not replace."""
    try:
        raw = repo.read(rel)
    except OSError as exc:
        reason, hint = os_problem(exc, writing=False)
        raise BrokenPlanError([error(rel, 1, 1, "F001", f"无法读取文件：{reason}", hint)]) from None
    parsed = read_yaml(rel, raw, locate=False, max_bytes=MAX_DATA_FILE_BYTES)
    if parsed.data is None or any(is_error(d) for d in parsed.diagnostics):
        raise BrokenPlanError(parsed.diagnostics)
    return raw.decode("utf-8")


def _directory(units_text: str) -> Directory:
    parsed = read_yaml(layout.UNITS_FILE, units_text.encode("utf-8"))
    record, problems = validate(UnitsFile, parsed, layout.UNITS_FILE)
    if record is None:
        raise BrokenPlanError(problems)
    return Directory(record)


def _tasks_data(tasks_text: str) -> dict[str, Any]:
    data = read_yaml(layout.TASKS_FILE, tasks_text.encode("utf-8"), locate=False).data
    return data if isinstance(data, dict) else {}


def _aspect_names(old: dict[str, Any]) -> list[str]:
    plan = old.get("plan")
    aspects = plan.get("aspects") if isinstance(plan, dict) else None
    if not isinstance(aspects, list):
        return []
    return [str(a["name"]) for a in aspects if isinstance(a, dict) and a.get("name")]


# ---- finding the table ------------------------------------------------------------------

def _header_word(text: str) -> str:
    """A header cell as compared: widths folded, spaces, asterisks, colons and notes in brackets dropped."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _PARENTHESES.sub("", folded)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "*:")


def _roles(row: Row) -> dict[int, str]:
    return {i: _ROLE_OF[word] for i, cell in enumerate(row.cells) if (word := _header_word(cell)) in _ROLE_OF}


def _is_header(row: Row) -> bool:
    """A header row names at least two different columns; no task's cells do."""
    return len(set(_roles(row).values())) >= 2


def _columns(table: Table, header: list[Row]) -> dict[str, _Column]:
    """Each role's column, from a run of header rows: the lowest row naming a column names it
    (责任单位 over 牵头单位 | 配合单位); a role named twice (a merged header cell) takes the first."""
    by_column: dict[int, tuple[str, str]] = {}
    for row in header:
        for index, role in _roles(row).items():
            by_column[index] = (role, row.cells[index].strip())
    columns: dict[str, _Column] = {}
    for index in sorted(by_column):
        role, text = by_column[index]
        if role not in columns:
            columns[role] = _Column(index, text)
    # 牵头单位 beside 责任单位: the preferred word is the lead; the other is not read.
    return columns


def _layouts(name: str, tables: list[Table]) -> list[_Layout]:
    """The tables with a task-division header, each with its columns and the rows below it."""
    found: list[_Layout] = []
    partial: tuple[Table, set[str]] | None = None
    for table in tables:
        rows = table.rows
        start = next((i for i, row in enumerate(rows) if _is_header(row)), None)
        if start is None:
            continue
        end = start
        while end < len(rows) and _is_header(rows[end]):
            end += 1
        columns = _columns(table, list(rows[start:end]))
        if all(role in columns for role in REQUIRED):
            found.append(_Layout(table, columns, rows[end:]))
        elif partial is None or len(columns) > len(partial[1]):
            partial = (table, set(columns))
    if found:
        return found
    if partial is not None:
        table, roles = partial
        lacking = "、".join(f"「{HEADERS[r][0]}」" for r in REQUIRED if r not in roles)
        where = f"工作表「{table.name}」" if table.kind == "xlsx" else f"第{table.name}个表格"
        raise DocumentError(f"{name} 的{where}像是任务分工表，但没有{lacking}列", _HEADER_HINT)
    if not tables:
        raise DocumentError(f"{name} 中没有任何表格，无法导入", _HEADER_HINT)
    raise DocumentError(f"{name} 中没有找到任务分工表", _HEADER_HINT)


_HEADER_HINT = ("任务分工表是一个表头为 序号、工作任务、牵头单位、配合单位、完成时间 的表格（各列顺序不限，"
                "也可写作 重点任务、任务内容、责任单位、完成时限）：请确认给出的是附件1的文件")


# ---- reading the rows -------------------------------------------------------------------

def joined(text: str) -> str:
    """A cell's lines as one: `市网信\\n统筹局` → `市网信统筹局`; spaces beside a line break go
    with it, except one between two Latin letters or digits (`GIS\\n平台` → `GIS平台`,
    `data\\nset` → `data set`). Tabs are spaces; the ends are stripped."""
    lines = [line.strip(" \t\u3000") for line in text.replace("\t", " ").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out.strip()


def _section_text(row: Row) -> str | None:
    """The text of a row that is one cell merged across the table (a section heading)."""
    texts = {cell.strip() for cell in row.cells}
    if len(row.cells) > 1 and len(texts) == 1 and "" not in texts:
        return joined(row.cells[0])
    return None


def _read_rows(result: TasksImport, layouts: list[_Layout], directory: Directory,
               aspects: list[str], alone: bool) -> Iterator[_Task]:
    for found in layouts:
        section: str | None = None
        for row in found.body:
            if not any(cell.strip() for cell in row.cells) or _is_header(row):
                continue
            heading = _section_text(row)
            if heading is not None:
                named = [a for a in aspects if a in heading]
                section = named[0] if len(named) == 1 else None
                continue
            task = _Task(row, found.table, found.columns, {})
            _read_task(result, task, directory, aspects, section, alone)
            yield task


def _cell(task: _Task, role: str) -> str:
    column = task.columns.get(role)
    if column is None or column.index >= len(task.row.cells):
        return ""
    return task.row.cells[column.index]


def place(source: str, task: _Task, role: str | None, alone: bool) -> str:
    """``分工表.docx：表格第5行「完成时间」列``: where in the file a field of a task stands."""
    where = f"{source}：{task.table.row_place(task.row.number, alone)}"
    column = task.columns.get(role) if role else None
    if column is not None:
        return f"{where}「{column.header}」列{task.table.column_place(column.index)}"
    return where


def _read_task(result: TasksImport, task: _Task, directory: Directory, aspects: list[str],
               section: str | None, alone: bool) -> None:
    source = result.source

    def problem(role: str, message: str, hint: str = "") -> None:
        result.problems.append(Problem(place(source, task, role, alone), message, hint))

    fields = task.fields
    number = unicodedata.normalize("NFKC", joined(_cell(task, "id"))).replace(" ", "")
    match = _ID.fullmatch(number)
    if not number:
        problem("id", "序号为空", "每一行任务都要有序号（1、2、3……）；一项任务的内容写在一个单元格里，不要分到下一行")
    elif match is None or int(match.group(1)) == 0:
        problem("id", f"“{number}”不是任务的序号", "序号应是 1、2、3 这样的数字")
    else:
        fields["id"] = int(match.group(1))
    text = joined(_cell(task, "text"))
    if not text:
        problem("text", "任务内容为空", "请在这一列写明任务的内容")
    else:
        typeset = full_width_punctuation(text)
        if typeset != text:
            result.warnings.append(Problem(place(source, task, "text", alone),
                                           "中文之间的半角标点已改为全角（如“,”改为“，”），与公文的写法一致"))
        fields["text"] = typeset
    fields["lead"] = _units(_cell(task, "lead"), directory)
    if not fields["lead"]:
        problem("lead", "没有牵头单位", "请写明牵头单位；几个单位之间用顿号“、”分隔")
    fields["support"] = _units(_cell(task, "support"), directory)
    deadline = joined(_cell(task, "deadline"))
    if deadline:
        fields["deadline"] = deadline
        try:
            due = parse_deadline(deadline)
        except ValueError as exc:
            problem("deadline", f"“{deadline}”无法识别为日期：{exc}",
                    "请在表格中写成具体的期限，如“2018年12月底前”“2018年6月30日前”“2018年第一季度”，"
                    "没有期限的写“长期坚持”，再导入；周期性的任务请写本方案期间的到期日")
        else:
            if due is not None:
                fields["due"] = due
    else:
        result.warnings.append(Problem(place(source, task, "deadline", alone),
                                       "完成时间为空：按没有期限的任务导入（与“长期坚持”相同）"))
    written = joined(_cell(task, "aspect"))
    if written:
        chosen = [a for a in aspects if name_key(a) == name_key(written)]
        if chosen:
            fields["aspect"] = chosen[0]
        else:
            problem("aspect", f"“{written}”不是工作方案中的方面",
                    "可选：" + "、".join(aspects) + f"（见 {layout.TASKS_FILE} 的 plan.aspects）")
    elif section is not None:
        fields["aspect"] = section


def _units(cell: str, directory: Directory) -> list[str]:
    """The units a cell names, canonical where registered, in order, each once.

    Split on 、，, first; a part with spaces or line breaks inside is one unit when the whole
    is registered (`市网信\\n统筹局`), several when each piece is (`市审计局 市财政局`), and
    else split on its spaces, each piece's lines joined."""
    names: dict[str, None] = {}
    for part in _UNIT_SEPARATORS.split(cell):
        part = part.strip()
        if not part:
            continue
        whole = joined(part)
        pieces = part.split()
        if directory.resolve(whole) is not None:
            found = [whole]
        elif len(pieces) > 1 and all(directory.resolve(piece) is not None for piece in pieces):
            found = pieces
        else:
            found = [joined(chunk) for chunk in re.split(r"[ \t\u3000]+", part) if chunk.strip()]
        for name in found:
            names[directory.resolve(name) or name] = None
    return [name for name in names if name]


def _carry_over(result: TasksImport, tasks: list[_Task], old: dict[str, Any], aspects: list[str]) -> None:
    """What the table does not say, taken from the task of the same number and text that
    tasks.yaml has (its title, targets and aspect); an aspect still unknown is the plan's first."""
    previous: dict[int, dict[str, Any]] = {}
    for item in old.get("tasks") or []:
        if isinstance(item, dict) and str(item.get("id", "")).strip().isdigit():
            previous.setdefault(int(str(item["id"]).strip()), item)
    defaulted: list[str] = []
    for task in tasks:
        fields = task.fields
        before = previous.get(fields.get("id", -1))
        same = before is not None and str(before.get("text", "")).strip() == fields.get("text")
        if same and before is not None:
            if before.get("title"):
                fields["title"] = before["title"]
            if isinstance(before.get("targets"), list):
                fields["targets"] = [_typed(target) for target in before["targets"]]
            if "aspect" not in fields and before.get("aspect"):
                fields["aspect"] = before["aspect"]
            if "due" not in before:  # (derived from the deadline, as the file had it)
                fields.pop("due", None)
        if "aspect" not in fields and aspects:
            fields["aspect"] = aspects[0]
            defaulted.append(str(fields.get("id", task.row.number)))
    if defaulted:
        result.warnings.append(Problem(
            result.source, f"第{'、'.join(defaulted)}项任务没有注明所属方面，暂归入「{aspects[0]}」（工作方案的第一个方面）",
            f"请在 {layout.TASKS_FILE} 中逐项核对 aspect；或在表格中加一列「所属方面」再导入"))


def _typed(value: Any) -> Any:
    """A value parsed as text given back its number (``target: 1000``), to be written as it was."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,15}", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,15}\.[0-9]{1,15}", value):
        return float(value)
    return value


def _missing_units(result: TasksImport, tasks: list[_Task], directory: Directory,
                   alone: bool) -> list[MissingUnit]:
    places: dict[str, dict[str, None]] = {}
    for task in tasks:
        for role in ("lead", "support"):
            for name in task.fields.get(role, []):
                if directory.resolve(name) is None:
                    where = task.table.row_place(task.row.number, alone)
                    places.setdefault(name, {})[where] = None
    return [MissingUnit(name, tuple(rows), tuple(directory.suggest(name)), bool(_GROUP_WORDS.search(name)))
            for name, rows in places.items()]


def _unit_items(source: str, units: list[MissingUnit]) -> list[str]:
    items = [f"# 以下单位由 zwxt import tasks 从 {source} 添加：请核对 kind，补写 full_name 和 lead_office"]
    for unit in units:
        kind = "地方政府" if unit.name.endswith(_GOVERNMENT_END) else "部门"
        items.append(f"- name: {_scalar(unit.name)}\n  kind: {kind}")
    return items


# ---- writing and checking the new tasks.yaml --------------------------------------------

def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000  # a task's text on one line, as the table has it
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar, quoted only where YAML needs it."""
    out = io.StringIO()
    _yaml().dump([text], out)
    return out.getvalue().strip()[2:]


def _tasks_block(tasks: list[_Task]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def flow(names: list[str]) -> CommentedSeq:
        seq = CommentedSeq(names)
        seq.fa.set_flow_style()
        return seq

    items = []
    for task in tasks:
        fields = task.fields
        item = CommentedMap()
        item["id"] = fields["id"]
        if fields.get("title"):
            item["title"] = fields["title"]
        item["text"] = fields["text"]
        item["lead"] = flow(fields["lead"])
        if fields["support"]:
            item["support"] = flow(fields["support"])
        for key in ("deadline", "due", "aspect", "targets"):
            if fields.get(key) is not None:
                item[key] = fields[key]
        items.append(item)
    out = io.StringIO()
    _yaml().dump({"tasks": items}, out)
    # a blank line between tasks, as data/tasks.yaml is written
    return re.sub(r"\n(  - )", r"\n\n\1", out.getvalue()).replace("tasks:\n\n", "tasks:\n", 1)


_WHERE = re.compile(r"tasks\[([0-9]+)\](?:\.([a-z_]+))?")
_FIELD_ROLE = {"id": "id", "text": "text", "lead": "lead", "support": "support", "deadline": "deadline",
               "due": "deadline", "aspect": "aspect"}


def _verify(result: TasksImport, tasks: list[_Task], units_text: str, tasks_text: str, alone: bool) -> None:
    """The load pipeline over the new data files; its findings said in the table's terms."""
    loaded = load_texts({layout.UNITS_FILE: units_text, layout.TASKS_FILE: tasks_text})
    for d in loaded.diagnostics:
        if d.path not in layout.DATA_FILES:
            continue
        found = _told(result.source, d, tasks, alone)
        (result.problems if d.severity is Severity.ERROR else result.warnings).append(found)


def _told(source: str, d: Diagnostic, tasks: list[_Task], alone: bool) -> Problem:
    match = _WHERE.match(d.where) if d.path == layout.TASKS_FILE else None
    if match is not None and int(match.group(1)) < len(tasks):
        task = tasks[int(match.group(1))]
        role = _FIELD_ROLE.get(match.group(2) or "")
        where = place(source, task, role, alone)
        if role is None and match.group(2):
            where += f"（{layout.TASKS_FILE} 中沿用的 {match.group(2)}）"
        return Problem(where, f"{d.message}（{d.code}）", d.hint)
    return Problem(f"{d.path}:{d.line}:{d.column}", f"{d.message}（{d.code}）", d.hint)


def _overwritten(old: dict[str, Any], new_text: str) -> list[int]:
    """The numbers of the tasks data/tasks.yaml has that the new file changes or drops."""
    new = _tasks_data(new_text)
    after = {item.get("id"): item for item in new.get("tasks") or [] if isinstance(item, dict)}
    changed: list[int] = []
    for item in old.get("tasks") or []:
        if not isinstance(item, dict):
            continue
        key = item.get("id")
        number = int(key) if str(key).strip().isdigit() else None
        if number is None or after.get(number, after.get(key)) != item:
            changed.append(number if number is not None else 0)
    return sorted(set(changed))
