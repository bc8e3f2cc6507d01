"""A rendered document's blocks: what the outline templates produce, what writers consume.

The outline of a report lives once, in a Jinja2 template whose output is a line-based markup:
each line starts with a directive (``@h1 一、工作推进情况``), and a line without one is a body
paragraph. Markdown and Word are two writers over the same blocks, so neither keeps its own
copy of the outline.

| directive | block |
|---|---|
| ``@title T`` | document or attachment title (centred); consecutive lines form one title |
| ``@subtitle T`` | the line under the title, such as （2018年3月） (centred) |
| ``@h1 T`` … ``@h4 T`` | headings 一、 （一） 1. （1） |
| ``@p T`` or plain text | body paragraph |
| ``@note T`` | the 附件： line after the body |
| ``@to T`` | 主送: the addressee, flush left, a blank line under the title |
| ``@signature T`` | 落款: the issuer, then the date; consecutive lines form one sign-off |
| ``@addendum T`` | 附注 under the date, such as （联系人：…）, indented two characters |
| ``@letterhead T`` | 发文机关标志 of the letter format (信函格式): the issuer's name in red over a red
  double rule; consecutive lines (joint issuers) share the rule; the first page has no page number |
| ``@attachment T`` | an attachment's label (附件), starting a new page |
| ``@landscape`` / ``@portrait`` | start a landscape / portrait section on a new page |
| ``@table W1,W2,…`` | a table, relative column widths (``1.2c``: cells centred); rows follow, header first |
| ``@row ["a", "b"]`` | a table row as a JSON list of strings |
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import Enum

from zwxt.errors import TemplateError


class Kind(str, Enum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    H1 = "h1"
    H2 = "h2"
    H3 = "h3"
    H4 = "h4"
    P = "p"
    NOTE = "note"
    TO = "to"
    SIGNATURE = "signature"
    ADDENDUM = "addendum"
    LETTERHEAD = "letterhead"
    ATTACHMENT = "attachment"
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"
    TABLE = "table"


HEADINGS = (Kind.H1, Kind.H2, Kind.H3, Kind.H4)
_TEXT_KINDS = {Kind.TITLE, Kind.SUBTITLE, *HEADINGS, Kind.P, Kind.NOTE, Kind.TO, Kind.SIGNATURE,
               Kind.ADDENDUM, Kind.ATTACHMENT, Kind.LETTERHEAD}
# Kinds whose consecutive lines make one block: a title broken where the template chose, a sign-off,
# the names of joint issuers over one double rule.
_JOINED = {Kind.TITLE, Kind.SIGNATURE, Kind.LETTERHEAD}


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    widths: tuple[float, ...] = ()  # TABLE: relative column widths
    centred: frozenset[int] = frozenset()  # TABLE: the columns whose cells are centred, from 0
    rows: tuple[tuple[str, ...], ...] = ()  # TABLE: the header row first


def parse_outline(text: str, source: str) -> list[Block]:
    """Blocks from a template's output; ``source`` names the template in error messages."""
    blocks: list[Block] = []
    table: Block | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        directive, _, rest = line.partition(" ") if line.startswith("@") else ("@p", " ", line)
        kind_name = directive[1:]
        if kind_name == "row":
            if table is None:
                raise _error(source, number, "@row 前面没有 @table", "表格的各行要紧跟在 @table 之后")
            table = replace(table, rows=(*table.rows, _row(rest, source, number)))
            blocks[-1] = table
            continue
        table = None
        try:
            kind = Kind(kind_name)
        except ValueError:
            known = "、".join("@" + k.value for k in Kind) + "、@row"
            raise _error(source, number, f"不认识的指令 {directive}", f"可用的指令：{known}") from None
        if kind is Kind.TABLE:
            table = _table(rest, source, number)
            blocks.append(table)
        elif kind in _JOINED and blocks and blocks[-1].kind is kind:
            blocks[-1] = Block(kind, blocks[-1].text + "\n" + rest.strip())
        elif kind in _TEXT_KINDS:
            blocks.append(Block(kind, rest.strip()))
        else:
            blocks.append(Block(kind))
    _check_tables(blocks, source)
    return blocks


def _row(text: str, source: str, number: int) -> tuple[str, ...]:
    try:
        cells = json.loads(text)
    except json.JSONDecodeError:
        cells = None
    if not isinstance(cells, list):
        raise _error(source, number, "@row 后面应是 JSON 列表",
                     '例如 @row ["1", "文字"]；模板中请用 |row 过滤器')
    return tuple("" if c is None else str(c) for c in cells)


# A column's relative width: a positive decimal, with ``c`` after it when its cells are centred.
_WIDTH = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(c?)")
_LARGEST_WIDTH = 1000  # relative: larger ones only risk sums that overflow to infinity
_MOST_COLUMNS = 63  # as many as Word allows in a table


def _table(text: str, source: str, number: int) -> Block:
    """An empty table from ``@table``'s widths: ``1.2c,6,2.4`` is three columns, the first centred."""
    found = [_WIDTH.fullmatch(w.strip()) for w in text.replace("，", ",").split(",")]
    widths = tuple(float(m.group(1)) for m in found if m)
    if len(widths) < len(found) or not all(0 < w <= _LARGEST_WIDTH for w in widths) \
            or len(widths) > _MOST_COLUMNS:
        raise _error(source, number, "@table 后面应是各列的相对宽度",
                     f"例如 @table 1c,4,2（逗号分隔的正数，不超过 {_LARGEST_WIDTH}；数字后加 c 表示该列居中；"
                     f"最多 {_MOST_COLUMNS} 列）")
    centred = frozenset(i for i, m in enumerate(found) if m and m.group(2))
    return Block(Kind.TABLE, widths=widths, centred=centred)


def _check_tables(blocks: list[Block], source: str) -> None:
    for block in blocks:
        if block.kind is Kind.TABLE and any(len(r) != len(block.widths) for r in block.rows):
            raise TemplateError(f"模板 {source} 生成的表格列数与 @table 的宽度个数不一致",
                                "请检查 @table 和各 @row 的列数")


def _error(source: str, number: int, message: str, hint: str) -> TemplateError:
    return TemplateError(f"模板 {source} 生成的第 {number} 行：{message}", hint)


# Filters for the outline templates: user text can never start a directive, because every
# line of it is written after one.

_SENTENCE_END = tuple("。！？!?：:…")


def split_paragraphs(text: str | None) -> list[str]:
    """Paragraphs of text as people type it into YAML.

    A blank line ends a paragraph, and so does a line ending a sentence; other line breaks
    are the editor's wrapping and are joined, without a space between Chinese characters.
    """
    found: list[str] = []
    current = ""
    for raw in (text or "").splitlines():
        line = raw.strip()
        if line and current:
            ascii_seam = current[-1].isascii() and line[0].isascii()
            current += (" " if ascii_seam else "") + line
        elif line:
            current = line
        if current and (not line or current.endswith(_SENTENCE_END)):
            found.append(current)
            current = ""
    if current:
        found.append(current)
    return found


def paragraphs(text: str | None, kind: str = "p", credit: str = "", empty: str = "无") -> str:
    """Each paragraph of ``text`` as a block of ``kind``; ``empty`` when there is none.

    ``credit`` names who said it at the head of every paragraph (台山市：……), so that no later
    paragraph of a unit reads as the document's own words.
    """
    lines = split_paragraphs(text) or ([empty] if empty else [])
    lead = f"{credit}：" if credit else ""
    return "\n".join(f"@{kind} {lead}{line}" for line in lines)


def one_line(text: object) -> str:
    """Text for a single-line directive: line breaks and runs of spaces become one space."""
    return " ".join(str(text or "").split())


def table_row(cells: list[object]) -> str:
    return json.dumps(["" if c is None else str(c) for c in cells], ensure_ascii=False)


OUTLINE_FILTERS = {"paras": paragraphs, "line": one_line, "row": table_row}
