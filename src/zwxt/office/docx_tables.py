"""The tables of a Word file as grids of text: merged cells resolved across and down.

The package is opened by the one reader of Word packages (``office.docx_reader.document_root``,
with its guards); the grid is read from the table's XML (``w:tr``, ``w:tc`` with
``w:gridSpan``, ``w:vMerge``, ``w:hMerge``, ``w:gridBefore``), where python-docx has no API
for text that content controls or tracked insertions hold. A cell continuing a
vertical merge takes the text of the cell above it in the same grid column, so that a
牵头单位 merged over ten rows stands in each of them. Paragraphs and line breaks inside a
cell are kept as ``\\n``: what to join is the reader's business.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zwxt.office.docx_reader import UnreadableDocx, document_root
from zwxt.office.office_tables import MAX_COLUMNS, MAX_ROWS, DocumentError, Row, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TR, _TC, _P, _R = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p", f"{_W}r"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_VAL = f"{_W}val"


def docx_tables(path: Path, data: bytes) -> list[Table]:
    """Every table of the document's body (the bytes ``data`` of ``path``), nested ones
    included, in document order."""
    try:
        root = document_root(data)
    except UnreadableDocx as exc:
        raise DocumentError(f"{path.name} 无法作为 Word 文档读取：{exc.message}",
                            exc.hint or "请在 Word 或 WPS 中打开它，另存为 .docx，再导入") from None
    body = root.find(f"{_W}body")
    if body is None:
        return []
    tables = []
    for number, tbl in enumerate(body.iter(_TBL), start=1):
        tables.append(Table("docx", str(number), _grid(path.name, number, tbl)))
    return tables


def _grid(name: str, number: int, tbl: Any) -> tuple[Row, ...]:
    rows: list[Row] = []
    above: list[str] = []
    for index, tr in enumerate(_own(tbl, _TR, _TBL), start=1):
        if index > MAX_ROWS:
            raise DocumentError(f"{name} 的第{number}个表格超过 {MAX_ROWS} 行，不像是任务分工表，没有读取",
                                "请另存一份只含任务分工表的文件再导入")
        cells = [""] * _int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        for tc in _own(tr, _TC, _TR):
            span = max(1, _int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1))
            if len(cells) + span > MAX_COLUMNS:
                break
            start = len(cells)
            if _continues(tc, "vMerge"):
                cells += [above[start + k] if start + k < len(above) else "" for k in range(span)]
            elif _continues(tc, "hMerge") and cells:
                cells += [cells[-1]] * span
            else:
                cells += [_cell_text(tc)] * span
        rows.append(Row(index, tuple(cells)))
        above = cells
    width = max((len(row.cells) for row in rows), default=0)
    return tuple(Row(row.number, row.cells + ("",) * (width - len(row.cells))) for row in rows)


def _own(parent: Any, tag: str, container: str) -> list[Any]:
    """The ``tag`` elements of ``parent`` whose nearest ``container`` is ``parent`` itself:
    a table's rows, not those of a table nested in one of its cells."""
    return [el for el in parent.iter(tag) if next(el.iterancestors(container), None) is parent]


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def _continues(tc: Any, merge: str) -> bool:
    """Whether the cell continues a merge begun before it (``w:vMerge`` without ``restart``)."""
    mark = tc.find(f"{_W}tcPr/{_W}{merge}")
    return mark is not None and mark.get(_VAL, "continue") != "restart"


def _cell_text(tc: Any) -> str:
    """The text a cell shows: paragraphs and line breaks as ``\\n``, tabs as tabs."""
    pieces: list[str] = []
    for element in tc.iter(_P, _T, _TAB, _BR, _CR):
        tag = element.tag
        if tag == _P:
            if pieces:
                pieces.append("\n")
        elif tag == _T:
            pieces.append(element.text or "")
        elif element.getparent().tag == _R:  # not a tab stop or a break of the paragraph's properties
            pieces.append("\t" if tag == _TAB else "\n")
    return "".join(pieces)
