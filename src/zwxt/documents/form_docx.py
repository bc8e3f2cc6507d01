"""A unit's Word form (``zwxt form``): the report's outline with tables and places to write in.

The page, fonts and styles are those of every zwxt document (documents.docx_writer). What only a
form has: a boxed note on how to fill it in; the task table, whose 状态 cells are drop-down
content controls (``w:sdt`` with ``w:dropDownList``, which Word, WPS and LibreOffice offer as
a list); a table of numeric targets; guidance in a paragraph style of its own, so that a
reader can tell it from what the clerk wrote; and docProps/custom.xml, the custom document
properties saying whose form it is (plan.form.Property), which python-docx has no API for.
The names shared with the reader are plan.form's; the content is the service's.

python-docx is imported inside the functions, as in documents.docx_writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from zwxt.documents.document import Block, Kind
from zwxt.documents.docx_writer import (
    _CELL_MARGIN,
    _FANGSONG,
    _KAITI,
    _TABLE_PT,
    Body,
    Style,
    _el,
    _keep_with_next,
    _lines,
    _qn,
    _t,
    _table,
    _text_width,
    official_package,
    package_bytes,
)
from zwxt.documents.table_layout import column_widths
from zwxt.plan.form import Column, FormStyle, MetricColumn, Property
from zwxt.plan.report import Status

GUIDANCE_STYLE = "zwxtGuidance"
INSTRUCTIONS_STYLE = "zwxtInstructions"
_STYLES = (
    # 楷体 and grey: the outline's own words, never the unit's. Off the 16 pt character grid, on
    # which LibreOffice spreads smaller characters two cells apart.
    Style(GUIDANCE_STYLE, FormStyle.GUIDANCE.value, _KAITI, 14, based_on="zwxtBody", indent_chars=2,
          snap=False, color="595959"),
    Style(INSTRUCTIONS_STYLE, FormStyle.INSTRUCTIONS.value, _FANGSONG, 14, based_on="zwxtBody", exact=False,
          snap=False),
)
_REQUIRED_FILL = "FFF2CC"  # light yellow behind the 序号 of a task the unit must report
_INSTRUCTIONS_FILL = "F2F2F2"
# Relative widths, and the columns centred (as in the outline templates' @table).
_TASK_WEIGHTS, _TASK_CENTRED = (0.8, 5.0, 1.5, 1.7, 5.0), frozenset({0, 2, 3})
_METRIC_WEIGHTS, _METRIC_CENTRED = (0.8, 4.0, 1.5, 1.8, 1.4), frozenset({0, 2, 3, 4})
_HEADER_WEIGHTS = (1.0, 3.0)
# Measured but never written: room to write a date and a few lines of progress.
_ROOM = {Column.COMPLETED: "2018-03-31", Column.PROGRESS: "字" * 60, MetricColumn.VALUE: "000000"}
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id of user-defined properties


@dataclass(frozen=True)
class TaskRow:
    number: str
    task: str  # as the plan states it
    status: Status
    completed: str
    progress: str
    required: bool


@dataclass(frozen=True)
class MetricRow:
    number: str
    metric: str
    target: str
    value: str
    unit: str


@dataclass(frozen=True)
class Part:
    """A heading, the outline's guidance under it, and the place to write (None: none, as under
    a heading whose sub-parts are written in)."""

    heading: str
    level: int  # 1: 一、  2: （一）
    guidance: str = ""
    answer: str | None = None


@dataclass(frozen=True)
class Tables:
    """The task table and the table of numeric targets (left out when there is none)."""

    tasks: tuple[TaskRow, ...]
    metrics: tuple[MetricRow, ...]
    metrics_label: str


@dataclass(frozen=True)
class FormSheet:
    title_lines: tuple[str, ...]
    subtitle: str
    instructions: tuple[str, ...]
    header: tuple[tuple[str, str], ...]  # label, value
    parts: tuple[Part | Tables, ...]
    properties: tuple[tuple[Property, str], ...]
    day: date  # fixed metadata: the same form gives the same bytes


def form_bytes(sheet: FormSheet) -> bytes:
    """The form as a .docx file; the same sheet always gives the same bytes."""
    word = official_package(_STYLES)
    body = Body(word)
    titles = tuple(Block(Kind.TITLE, line) for line in sheet.title_lines)
    body.write((*titles, Block(Kind.SUBTITLE, sheet.subtitle)))
    for line in sheet.instructions:
        _instruction(body.paragraph(INSTRUCTIONS_STYLE, line))
    body.paragraph("zwxtBody", "")
    _place(body, _header_table(body, sheet.header))
    body.paragraph("zwxtBody", "")
    for part in sheet.parts:
        if isinstance(part, Tables):
            _tables(body, part)
        else:
            _part(body, part)
    body.write(())  # the body ends with a paragraph
    _custom_properties(word, sheet.properties)
    return package_bytes(word, "".join(sheet.title_lines), sheet.day)


def _part(body: Body, part: Part) -> None:
    body.write((Block(Kind.H1 if part.level == 1 else Kind.H2, part.heading),))
    for line in _lines(part.guidance) if part.guidance else ():
        body.paragraph(GUIDANCE_STYLE, line)
    if part.answer is not None:
        for line in _lines(part.answer):
            body.paragraph("zwxtBody", line)


def _instruction(paragraph: Any) -> None:
    """The note at the top: one shaded box around its paragraphs (equal borders join them)."""
    border = {"val": "single", "sz": "4", "space": "4", "color": "808080"}
    properties = paragraph.get_or_add_pPr()
    sides = tuple(_el("w:" + side, **border) for side in ("top", "left", "bottom", "right"))
    properties.append(_el("w:pBdr", sides))
    properties.append(_el("w:shd", val="clear", color="auto", fill=_INSTRUCTIONS_FILL))


def _widths(body: Body, rows: Sequence[tuple[str, ...]], weights: tuple[float, ...],
            room: tuple[str, ...] = ()) -> list[int]:
    """Column widths from the cells' text, and from ``room`` left to write in."""
    measured = [*rows, room] if room else list(rows)
    columns = [[line for cell in column for line in _lines(cell)] for column in zip(*measured, strict=True)]
    return column_widths(columns, weights, _text_width(body.sentinel), _TABLE_PT, _CELL_MARGIN)


def _place(body: Body, table: Any) -> None:
    body.sentinel.addprevious(table)
    body.at_page_start = False


def _header_table(body: Body, header: tuple[tuple[str, str], ...]) -> Any:
    """Label | value rows, the labels bold and centred as a table's head is."""
    rows = list(header)
    table = _table(tuple(rows), _widths(body, rows, _HEADER_WEIGHTS), frozenset(), header_row=False)
    for row in table.iterchildren(_qn("w:tr")):
        label = next(row.iterchildren(_qn("w:tc")))
        for style in label.iter(_qn("w:pStyle")):
            style.set(_qn("w:val"), "zwxtTableHeader")
    return table


def _tables(body: Body, tables: Tables) -> None:
    header = tuple(c.value for c in Column)
    rows = [header] + [(r.number, r.task, r.status.value, r.completed, r.progress) for r in tables.tasks]
    room = tuple(_ROOM.get(c, "") for c in Column)
    table = _table(tuple(rows), _widths(body, rows, _TASK_WEIGHTS, room), _TASK_CENTRED)
    status_at = list(Column).index(Column.STATUS)
    for row, task in zip(list(table.iterchildren(_qn("w:tr")))[1:], tables.tasks, strict=True):
        cells = list(row.iterchildren(_qn("w:tc")))
        if task.required:
            _shade(cells[0], _REQUIRED_FILL)
        _drop_down(cells[status_at], task.status)
    _place(body, table)
    if not tables.metrics:
        return
    _keep_with_next(body.paragraph(GUIDANCE_STYLE, tables.metrics_label))
    header = tuple(c.value for c in MetricColumn)
    rows = [header] + [(m.number, m.metric, m.target, m.value, m.unit) for m in tables.metrics]
    room = tuple(_ROOM.get(c, "") for c in MetricColumn)
    _place(body, _table(tuple(rows), _widths(body, rows, _METRIC_WEIGHTS, room), _METRIC_CENTRED))


def _shade(cell: Any, fill: str) -> None:
    """Cell shading, after the width as the schema orders a cell's properties."""
    width = cell.find(_qn("w:tcPr") + "/" + _qn("w:tcW"))
    width.addnext(_el("w:shd", val="clear", color="auto", fill=fill))


def _drop_down(cell: Any, status: Status) -> None:
    """The cell's text as a drop-down content control of the statuses, showing ``status``."""
    paragraph = cell.find(_qn("w:p"))
    for run in paragraph.findall(_qn("w:r")):
        paragraph.remove(run)
    items = tuple(_el("w:listItem", displayText=s.value, value=s.value) for s in Status)
    paragraph.append(_el("w:sdt", (
        _el("w:sdtPr", (_el("w:alias", val=Column.STATUS.value),
                        _el("w:lock", val="sdtLocked"),  # the list may be chosen from, not deleted
                        _el("w:dropDownList", items, lastValue=status.value))),
        _el("w:sdtContent", (_el("w:r", (_t(status.value),)),)),
    )))


def _custom_properties(word: Any, properties: tuple[tuple[Property, str], ...]) -> None:
    """docProps/custom.xml, related from the package as Word writes it, all values text."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    entries = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name.value)}>'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties, start=2))  # pid 0 and 1 are reserved
    xml = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{entries}</Properties>')
    package = word.part.package
    part = OpcPart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
