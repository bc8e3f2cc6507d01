"""What a Word file says, as plain values: its paragraphs and tables in order, and its custom
document properties; whatever wrote it (Word, WPS, LibreOffice, zwxt, python-docx).

Text is read from every ``w:t`` under an element, so that text inside content controls
(``w:sdt``: a form's drop-down lists and text fields) is seen; python-docx's
``paragraph.text`` and ``cell.text`` skip it. A content control still showing its
placeholder (``w:showingPlcHdr``) holds nothing the user wrote, and reads as empty.
Deleted text of tracked changes (``w:delText``) and field codes are not text.

The file is untrusted: it is opened as a zip of bounded size, each part read is bounded as
it is decompressed (a zip bomb's headers lie), and the XML is parsed without entities, DTDs
or the network. lxml (python-docx's own parser) is imported inside the functions.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

MAX_DOCX_BYTES = 20 * 1024 * 1024  # a report with pictures is a few MB
MAX_PART_BYTES = 16 * 1024 * 1024  # word/document.xml of a long report is a few hundred KB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx, or an old .doc

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int | None = None  # outline level (0 = a first-level heading), by style or directly
    bold: bool = False  # every run with text is bold
    style: str = ""  # the paragraph style's name (LibreOffice renames ids on a save, not names)


@dataclass(frozen=True)
class Cell:
    text: str
    choices: tuple[str, ...] = ()  # the items of a drop-down list in the cell, when it has one


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class DocxContent:
    blocks: tuple[Block, ...]
    properties: dict[str, str] = field(default_factory=dict)


class UnreadableDocx(Exception):
    """The file is no Word document zwxt can read; the message says why, in Chinese."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


_RESAVE = "请用 Word 或 WPS 打开后“另存为”Word 文档（.docx）再导入"


def read_docx(data: bytes) -> DocxContent:
    """The paragraphs, tables and custom properties of the .docx file ``data``."""
    if len(data) > MAX_DOCX_BYTES:
        raise UnreadableDocx(f"文件过大（超过 {MAX_DOCX_BYTES // (1024 * 1024)} MB）",
                             "请删去其中的图片等内容后再导入")
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocx("这是加密（设了打开密码）的文档或旧版的 .doc 文件",
                             "请取消打开密码，或" + _RESAVE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableDocx("这不是 Word 文档（.docx），或文件已损坏", _RESAVE) from None
    with archive:
        document = _part(archive, "word/document.xml")
        if document is None:
            raise UnreadableDocx("这个文件不是 Word 文档（其中没有 word/document.xml）", _RESAVE)
        styles = _part(archive, "word/styles.xml")
        custom = _part(archive, "docProps/custom.xml")
    levels, names = _styles(_parse(styles)) if styles is not None else ({}, {})
    body = _parse(document).find(_w("body"))
    blocks = tuple(_blocks(body, levels, names)) if body is not None else ()
    return DocxContent(blocks, _properties(_parse(custom)) if custom is not None else {})


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A part's bytes, decompressed no further than MAX_PART_BYTES whatever its header says."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.flag_bits & 0x1:
        raise UnreadableDocx("文件已加密", "请取消密码后再导入")
    try:
        with archive.open(info) as part:
            data = part.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError, ValueError):
        raise UnreadableDocx("文件已损坏，其中的内容无法解压", _RESAVE) from None
    if len(data) > MAX_PART_BYTES:
        raise UnreadableDocx("文件解压后过大（可能是“压缩炸弹”），未读取",
                             "请检查文件来源；正常的报告解压后只有几百 KB")
    return data


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise UnreadableDocx("文件中的内容已损坏（XML 无法解析）", _RESAVE) from None


def _styles(styles: Any) -> tuple[dict[str, int], dict[str, str]]:
    """Each paragraph style's outline level (its own, or by its name: heading 1, or its base's),
    and each style's name by its id."""
    own: dict[str, int | None] = {}
    names: dict[str, str] = {}
    based: dict[str, str] = {}
    for style in styles.iter(_w("style")):
        if style.get(_w("type")) != "paragraph":
            continue
        sid = style.get(_w("styleId")) or ""
        level = style.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        name = style.find(_w("name"))
        names[sid] = (name.get(_w("val")) or "").strip() if name is not None else ""
        named = names[sid].lower()
        if level is not None and (level.get(_w("val")) or "").isdigit():
            own[sid] = int(level.get(_w("val")))
        elif named.startswith("heading ") and named[8:].isdigit():
            own[sid] = int(named[8:]) - 1
        else:
            own[sid] = None
        base = style.find(_w("basedOn"))
        if base is not None and base.get(_w("val")):
            based[sid] = base.get(_w("val"))
    levels: dict[str, int] = {}
    for sid in own:
        seen, at = set(), sid
        while at in own and at not in seen:
            seen.add(at)
            if own[at] is not None:
                levels[sid] = own[at]  # type: ignore[assignment]
                break
            at = based.get(at, "")
    return {sid: level for sid, level in levels.items() if level < 9}, names  # 9: body text


def _blocks(parent: Any, levels: dict[str, int], names: dict[str, str]) -> list[Block]:
    found: list[Block] = []
    for child in parent:
        if child.tag == _w("p"):
            found.append(_paragraph(child, levels, names))
        elif child.tag == _w("tbl"):
            found.append(Table(tuple(_rows(child))))
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                found += _blocks(content, levels, names)
        elif child.tag in (_w("customXml"), _w("ins")):
            found += _blocks(child, levels, names)
    return found


def _paragraph(p: Any, levels: dict[str, int], names: dict[str, str]) -> Paragraph:
    level: int | None = None
    style_id = ""
    props = p.find(_w("pPr"))
    if props is not None:
        direct = props.find(_w("outlineLvl"))
        style = props.find(_w("pStyle"))
        style_id = (style.get(_w("val")) or "") if style is not None else ""
        if direct is not None and (direct.get(_w("val")) or "").isdigit():
            level = int(direct.get(_w("val")))
            level = level if level < 9 else None
        elif style is not None:
            level = levels.get(style.get(_w("val")) or "")
    runs = [r for r in p.iter(_w("r")) if any(t.text for t in r.iter(_w("t")))]
    bold = bool(runs) and all(_bold(r) for r in runs)
    return Paragraph(text_of(p), level, bold, names.get(style_id) or style_id)


def _bold(run: Any) -> bool:
    mark = run.find(f"{_w('rPr')}/{_w('b')}")
    return mark is not None and mark.get(_w("val"), "true") not in ("0", "false", "off")


def text_of(element: Any) -> str:
    """All the text under ``element``: every ``w:t``, tabs and breaks as such; what a content
    control shows as its placeholder is not the user's, and counts as nothing."""
    parts: list[str] = []
    _text(element, parts)
    return "".join(parts)


def _text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("sdt"):
            if child.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}") is None:
                content = child.find(_w("sdtContent"))
                if content is not None:
                    _text(content, parts)
        elif tag == _w("p"):  # a paragraph inside (a cell's, a text box's): one line of its own
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _text(child, parts)
        elif tag in (_w("del"), _w("instrText"), _w("delText"), _w("sdtPr"), _w("rPr"), _w("pPr")):
            continue
        else:
            _text(child, parts)


def _rows(table: Any) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for row in _children(table, "tr"):
        cells: list[Cell] = []
        for cell in _children(row, "tc"):
            span = cell.find(f"{_w('tcPr')}/{_w('gridSpan')}")
            width = int(span.get(_w("val"))) if span is not None and (span.get(_w("val")) or "").isdigit() else 1
            merged = cell.find(f"{_w('tcPr')}/{_w('vMerge')}")
            continued = merged is not None and merged.get(_w("val"), "continue") == "continue"
            text = "" if continued else text_of(cell)
            cells.append(Cell(text, _choices(cell)))
            cells += [Cell("")] * (min(width, 64) - 1)
        rows.append(tuple(cells))
    return rows


def _children(parent: Any, tag: str) -> list[Any]:
    """``parent``'s ``w:tag`` children, also those a content control (row or cell level) wraps."""
    found = []
    for child in parent:
        if child.tag == _w(tag):
            found.append(child)
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent"))
            found += _children(content if content is not None else child, tag)
    return found


def _choices(cell: Any) -> tuple[str, ...]:
    for listing in cell.iter(_w("dropDownList"), _w("comboBox")):
        return tuple((item.get(_w("displayText")) or item.get(_w("value")) or "")
                     for item in listing.iter(_w("listItem")))
    return ()


def _properties(custom: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for prop in custom.iter(f"{{{_CUSTOM}}}property"):
        name = prop.get("name")
        if name and len(prop):
            found[name] = (prop[0].text or "").strip()
    return found
