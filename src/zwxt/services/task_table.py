"""Reading a task-division table (Annex 1): its header, its rows, and the tasks they state.

The table is found by its header (序号, 工作任务, 牵头单位, 配合单位, 完成时间 and their usual
variants, in any order, over one or two header rows, repeated on each page or not); rows
before it (a title) and repetitions of it are skipped, as are empty rows and rows of one
cell merged across the table (a section heading). Every task is read as its row says:
line breaks inside a cell joined, units split on 、，, and spaces and resolved through
the directory, the deadline parsed as ``zwxt check`` parses it and kept as written. What
cannot be read is a ``Problem`` naming the row and column, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from zwxt.dates import DeadlineNeedsDue, parse_deadline
from zwxt.office.office_tables import DocumentError, Row, Table
from zwxt.plan.directory import Directory
from zwxt.store import layout
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


@dataclass(frozen=True)
class Problem:
    """Something the table or the plan says that stops (or, as a warning, marks) the import."""

    place: str  # 分工表.docx：表格第5行「完成时间」列
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.place}：{self.message}"


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # as the table writes it


@dataclass(frozen=True)
class _Layout:
    table: Table
    columns: dict[str, Column]
    body: tuple[Row, ...]  # the rows below the header


@dataclass
class TableTask:
    """One row read: the task's fields, and where they came from."""

    row: Row
    table: Table
    columns: dict[str, Column]
    fields: dict[str, Any]


@dataclass
class Reading:
    """What reading the tables found: the tasks in table order, and what stops or marks them."""

    source: str  # the file's name
    alone: bool  # the file has one table: its rows need no table number
    tasks: list[TableTask] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors: nothing may be written
    warnings: list[Problem] = field(default_factory=list)

    def place(self, task: TableTask, role: str | None) -> str:
        """``分工表.docx：表格第5行「完成时间」列``: where in the file a field of a task stands."""
        where = f"{self.source}：{task.table.row_place(task.row.number, self.alone)}"
        column = task.columns.get(role) if role else None
        if column is not None:
            return f"{where}「{column.header}」列{task.table.column_place(column.index)}"
        return where


def read_table(source: str, tables: list[Table], directory: Directory, aspects: list[str]) -> Reading:
    """The tasks of the task-division tables among ``tables``; DocumentError when there is none."""
    reading = Reading(source, len(tables) == 1)
    for found in _layouts(source, tables):
        section: str | None = None
        for row in found.body:
            if not any(cell.strip() for cell in row.cells) or _is_header(row):
                continue
            heading = _section_text(row)
            if heading is not None:
                named = [a for a in aspects if a in heading]
                section = named[0] if len(named) == 1 else None
                continue
            task = TableTask(row, found.table, found.columns, {})
            _read_task(reading, task, directory, aspects, section)
            reading.tasks.append(task)
    return reading


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


def _columns(header: list[Row]) -> dict[str, Column]:
    """Each role's column, from a run of header rows: the lowest row naming a column names it
    (责任单位 over 牵头单位 | 配合单位). A role named by two columns takes the preferred word
    (牵头单位 before 责任单位), else the first column (a header cell merged across two)."""
    by_column: dict[int, tuple[str, str]] = {}
    for row in header:
        for index, role in _roles(row).items():
            by_column[index] = (role, row.cells[index].strip())
    def preference(index: int) -> tuple[int, int]:
        role, text = by_column[index]
        return HEADERS[role].index(_header_word(text)), index

    columns: dict[str, Column] = {}
    for index in sorted(by_column, key=preference):
        role, text = by_column[index]
        if role not in columns:
            columns[role] = Column(index, text)
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
        columns = _columns(list(rows[start:end]))
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


def _cell(task: TableTask, role: str) -> str:
    column = task.columns.get(role)
    if column is None or column.index >= len(task.row.cells):
        return ""
    return task.row.cells[column.index]


def _read_task(reading: Reading, task: TableTask, directory: Directory, aspects: list[str],
               section: str | None) -> None:
    def problem(role: str, message: str, hint: str = "") -> None:
        reading.problems.append(Problem(reading.place(task, role), message, hint))

    def warning(role: str, message: str) -> None:
        reading.warnings.append(Problem(reading.place(task, role), message))

    fields = task.fields
    number = unicodedata.normalize("NFKC", joined(_cell(task, "id"))).replace(" ", "")
    match = _ID.fullmatch(number)
    if not number:
        problem("id", "序号为空",
                "每一行任务都要有序号（1、2、3……）；一项任务的内容写在一个单元格里，不要分到下一行")
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
            warning("text", "中文之间的半角标点已改为全角（如“,”改为“，”），与公文的写法一致")
        fields["text"] = typeset
    fields["lead"] = units(_cell(task, "lead"), directory)
    if not fields["lead"]:
        problem("lead", "没有牵头单位", "请写明牵头单位；几个单位之间用顿号“、”分隔")
    fields["support"] = units(_cell(task, "support"), directory)
    deadline = joined(_cell(task, "deadline"))
    if deadline:
        fields["deadline"] = deadline
        try:
            due = parse_deadline(deadline)
        except DeadlineNeedsDue as exc:  # told in the table's terms: the YAML's due is no cell of it
            problem("deadline", f"“{deadline}”无法识别为日期：{exc.reason}",
                    "请在表格中写成本方案期间的一个具体期限，如“2018年12月底前”，再导入；"
                    "确实没有期限的写“长期坚持”")
        except ValueError as exc:
            problem("deadline", f"“{deadline}”无法识别为日期：{exc}",
                    "请在表格中写成具体的期限，如“2018年12月底前”“2018年6月30日前”“2018年第一季度”，"
                    "没有期限的写“长期坚持”，再导入；周期性的任务请写本方案期间的到期日")
        else:
            if due is not None:
                fields["due"] = due
    else:
        warning("deadline", "完成时间为空：按没有期限的任务导入（与“长期坚持”相同）")
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


def units(cell: str, directory: Directory) -> list[str]:
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


