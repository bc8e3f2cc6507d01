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

import functools
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any, NamedTuple

MAX_DOCX_BYTES = 20 * 1024 * 1024  # a report with pictures is a few MB
MAX_PART_BYTES = 16 * 1024 * 1024  # word/document.xml of a long report is a few hundred KB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx, or an old .doc

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# The qualified names of the WordprocessingML elements and attributes read, made once.
_BASEDON_TAG = _w("basedOn")
_BODY_TAG = _w("body")
_BR_TAG = _w("br")
_COMBOBOX_TAG = _w("comboBox")
_CR_TAG = _w("cr")
_CUSTOMXML_TAG = _w("customXml")
_DEL_TAG = _w("del")
_DELTEXT_TAG = _w("delText")
_DISPLAYTEXT_TAG = _w("displayText")
_DROPDOWNLIST_TAG = _w("dropDownList")
_GRIDSPAN_TAG = _w("gridSpan")
_INS_TAG = _w("ins")
_INSTRTEXT_TAG = _w("instrText")
_LISTITEM_TAG = _w("listItem")
_NAME_TAG = _w("name")
_OUTLINELVL_TAG = _w("outlineLvl")
_P_TAG = _w("p")
_PPR_TAG = _w("pPr")
_PSTYLE_TAG = _w("pStyle")
_R_TAG = _w("r")
_RPR_TAG = _w("rPr")
_SDT_TAG = _w("sdt")
_SDTCONTENT_TAG = _w("sdtContent")
_SDTPR_TAG = _w("sdtPr")
_STYLE_TAG = _w("style")
_STYLEID_TAG = _w("styleId")
_T_TAG = _w("t")
_TAB_TAG = _w("tab")
_TBL_TAG = _w("tbl")
_TC_TAG = _w("tc")
_TCPR_TAG = _w("tcPr")
_TR_TAG = _w("tr")
_TYPE_TAG = _w("type")
_VMERGE_TAG = _w("vMerge")
_VAL_TAG = _w("val")
_VALUE_TAG = _w("value")
_ANY_PLACEHOLDER = ".//" + "/".join(_w(t) for t in ("sdtPr", "showingPlcHdr"))
_ANY_DELETION = ".//" + _w("del")
_ANY_TABLE = ".//" + _w("tbl")
_PATH_PPR_OUTLINELVL = "/".join(_w(t) for t in ('pPr', 'outlineLvl'))
_PATH_RPR_B = "/".join(_w(t) for t in ('rPr', 'b'))
_PATH_SDTPR_SHOWINGPLCHDR = "/".join(_w(t) for t in ('sdtPr', 'showingPlcHdr'))


class Paragraph(NamedTuple):  # (tuples: a long report has thousands, made fast)
    text: str
    level: int | None = None  # outline level (0 = a first-level heading), by style or directly
    bold: bool = False  # every run with text is bold
    style: str = ""  # the paragraph style's name (LibreOffice renames ids on a save, not names)


class Cell(NamedTuple):
    text: str
    choices: tuple[str, ...] = ()  # the items of a drop-down list in the cell, when it has one


class Table(NamedTuple):
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
    document, styles, custom = _parts(data, "word/styles.xml", "docProps/custom.xml")
    levels, names = _styles_of(styles) if styles is not None else ({}, {})
    body = _parse(document).find(_BODY_TAG)
    blocks = tuple(_Body(body, levels, names).blocks(body)) if body is not None else ()
    return DocxContent(blocks, _properties(_parse(custom)) if custom is not None else {})


def document_root(data: bytes) -> Any:
    """The parsed ``word/document.xml`` of the .docx file ``data``, through the guards of
    ``read_docx`` (size, password, zip, parts named twice, zip bombs, XML entities): for a
    reader of the XML itself, such as the task-table reader (``office.docx_tables``)."""
    document, = _parts(data)
    return _parse(document)


def _parts(data: bytes, *optional: str) -> tuple[Any, ...]:
    """``word/document.xml`` and each part of ``optional`` (None where absent) of the .docx
    ``data``; UnreadableDocx says why the package cannot be read as a Word document."""
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
        parts = [info.filename for info in archive.infolist()]
        if len(set(parts)) != len(parts):  # which copy a reader takes is its own: Word's may not be ours
            raise UnreadableDocx("文件中有两个同名的部分（不是 Word 保存的文件，可能被改动过）", _RESAVE)
        document = _part(archive, "word/document.xml")
        if document is None:
            raise UnreadableDocx("这个文件不是 Word 文档（其中没有 word/document.xml）", _RESAVE)
        return (document, *(_part(archive, name) for name in optional))


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


@functools.lru_cache(maxsize=8)
def _styles_of(data: bytes) -> tuple[dict[str, int], dict[str, str]]:
    """``_styles`` of a styles part: the forms of one plan share theirs, read once."""
    return _styles(_parse(data))


def _styles(styles: Any) -> tuple[dict[str, int], dict[str, str]]:
    """Each paragraph style's outline level (its own, or by its name: heading 1, or its base's),
    and each style's name by its id."""
    own: dict[str, int | None] = {}
    names: dict[str, str] = {}
    based: dict[str, str] = {}
    for style in styles.iter(_STYLE_TAG):
        if style.get(_TYPE_TAG) != "paragraph":
            continue
        sid = style.get(_STYLEID_TAG) or ""
        level = style.find(_PATH_PPR_OUTLINELVL)
        name = style.find(_NAME_TAG)
        names[sid] = (name.get(_VAL_TAG) or "").strip() if name is not None else ""
        named = names[sid].lower()
        if level is not None and (level.get(_VAL_TAG) or "").isdigit():
            own[sid] = int(level.get(_VAL_TAG))
        elif named.startswith("heading ") and named[8:].isdigit():
            own[sid] = int(named[8:]) - 1
        else:
            own[sid] = None
        base = style.find(_BASEDON_TAG)
        if base is not None and base.get(_VAL_TAG):
            based[sid] = base.get(_VAL_TAG)
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


class _Body:
    """The blocks of a document body; what is known of the whole document is found once."""

    def __init__(self, body: Any, levels: dict[str, int], names: dict[str, str]) -> None:
        self.levels = levels
        self.names = names
        # Most documents have neither placeholders nor tracked deletions: their text is every
        # w:t in order, which lxml's iter finds in C.
        self.plain = body.find(_ANY_PLACEHOLDER) is None and body.find(_ANY_DELETION) is None
        self.choices: dict[Any, tuple[str, ...]] = {}
        for listing in body.iter(_DROPDOWNLIST_TAG, _COMBOBOX_TAG):
            cell = next(listing.iterancestors(_TC_TAG), None)
            if cell is not None and cell not in self.choices:
                self.choices[cell] = tuple((item.get(_DISPLAYTEXT_TAG) or item.get(_VALUE_TAG) or "")
                                           for item in listing.iter(_LISTITEM_TAG))

    def blocks(self, parent: Any) -> list[Block]:
        found: list[Block] = []
        for child in parent:
            if child.tag == _P_TAG:
                found.append(self.paragraph(child))
            elif child.tag == _TBL_TAG:
                found.append(Table(tuple(self.rows(child))))
            elif child.tag == _SDT_TAG:
                content = child.find(_SDTCONTENT_TAG)
                if content is not None:
                    found += self.blocks(content)
            elif child.tag in (_CUSTOMXML_TAG, _INS_TAG):
                found += self.blocks(child)
        return found

    def paragraph(self, p: Any) -> Paragraph:
        level: int | None = None
        style_id = ""
        props = p.find(_PPR_TAG)
        if props is not None:
            direct = props.find(_OUTLINELVL_TAG)
            style = props.find(_PSTYLE_TAG)
            style_id = (style.get(_VAL_TAG) or "") if style is not None else ""
            if direct is not None and (direct.get(_VAL_TAG) or "").isdigit():
                level = int(direct.get(_VAL_TAG))
                level = level if level < 9 else None
            elif style is not None:
                level = self.levels.get(style_id)
        text = self.text(p)
        bold = False
        if len(text) <= _BOLD_LENGTH:
            runs = [r for r in p.iter(_R_TAG) if r.findtext(_T_TAG)]
            bold = bool(runs) and all(_bold(r) for r in runs)
        return Paragraph(text, level, bold, self.names.get(style_id) or style_id)

    def text(self, element: Any) -> str:
        return _plain_text(element) if self.plain else text_of(element)

    def rows(self, table: Any) -> list[tuple[Cell, ...]]:
        if self.plain and table.find(_ANY_TABLE) is None:
            return self._plain_rows(table)
        rows: list[tuple[Cell, ...]] = []
        for row in _children(table, _TR_TAG):
            cells: list[Cell] = []
            for cell in _children(row, _TC_TAG):
                width, continued = 1, False
                props = cell.find(_TCPR_TAG)
                if props is not None:
                    span = props.find(_GRIDSPAN_TAG)
                    spanned = (span.get(_VAL_TAG) or "") if span is not None else ""
                    width = int(spanned) if spanned.isdigit() else 1
                    merged = props.find(_VMERGE_TAG)
                    continued = merged is not None and merged.get(_VAL_TAG, "continue") == "continue"
                cells.append(Cell("" if continued else self.text(cell), self.choices.get(cell, ())))
                cells += [Cell("")] * (min(width, 64) - 1)
            rows.append(tuple(cells))
        return rows


    def _plain_rows(self, table: Any) -> list[tuple[Cell, ...]]:
        """``rows`` of a table with no table, placeholder or deletion inside: one walk of it."""
        rows: list[list[Cell]] = []
        cell: Any = None
        parts: list[str] = []
        width, continued = 1, False

        def close() -> None:
            if cell is not None:
                text = "" if continued else "".join(parts)
                rows[-1].append(Cell(text, self.choices.get(cell, ())))
                rows[-1].extend([Cell("")] * (min(width, 64) - 1))

        for node in table.iter(_TR_TAG, _TC_TAG, _T_TAG, _TAB_TAG, _BR_TAG, _CR_TAG, _P_TAG,
                               _GRIDSPAN_TAG, _VMERGE_TAG):
            tag = node.tag
            if tag == _T_TAG:
                parts.append(node.text or "")
            elif tag == _P_TAG:
                if parts and not parts[-1].endswith("\n"):
                    parts.append("\n")
            elif tag in (_TC_TAG, _TR_TAG):
                close()
                cell, parts, width, continued = (node if tag == _TC_TAG else None), [], 1, False
                if tag == _TR_TAG:
                    rows.append([])
            elif tag == _GRIDSPAN_TAG:
                spanned = node.get(_VAL_TAG) or ""
                width = int(spanned) if spanned.isdigit() else 1
            elif tag == _VMERGE_TAG:
                continued = node.get(_VAL_TAG, "continue") == "continue"
            else:
                parts.append("\t" if tag == _TAB_TAG else "\n")
        close()
        return [tuple(row) for row in rows]


# Bold is told for paragraphs as short as headings are (the reader of headings asks no more).
_BOLD_LENGTH = 80


def _bold(run: Any) -> bool:
    mark = run.find(_PATH_RPR_B)
    return mark is not None and mark.get(_VAL_TAG, "true") not in ("0", "false", "off")


def text_of(element: Any) -> str:
    """All the text under ``element``: every ``w:t``, tabs and breaks as such; what a content
    control shows as its placeholder is not the user's, and counts as nothing, and neither is
    the text of a tracked deletion."""
    parts: list[str] = []
    _text(element, parts)
    return "".join(parts)


def _plain_text(element: Any) -> str:
    """``text_of`` an element with no placeholder or deletion in it."""
    parts: list[str] = []
    for node in element.iter(_T_TAG, _TAB_TAG, _BR_TAG, _CR_TAG, _P_TAG):
        tag = node.tag
        if tag == _T_TAG:
            parts.append(node.text or "")
        elif tag == _P_TAG:  # a paragraph inside (a cell's, a text box's): one line of its own
            if node is not element and parts and not parts[-1].endswith("\n"):
                parts.append("\n")
        else:
            parts.append("\t" if tag == _TAB_TAG else "\n")
    return "".join(parts)


def _text(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T_TAG:
            parts.append(child.text or "")
        elif tag == _TAB_TAG:
            parts.append("\t")
        elif tag in (_BR_TAG, _CR_TAG):
            parts.append("\n")
        elif tag == _SDT_TAG:
            if child.find(_PATH_SDTPR_SHOWINGPLCHDR) is None:
                content = child.find(_SDTCONTENT_TAG)
                if content is not None:
                    _text(content, parts)
        elif tag == _P_TAG:  # a paragraph inside (a cell's, a text box's): one line of its own
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _text(child, parts)
        elif tag in (_DEL_TAG, _INSTRTEXT_TAG, _DELTEXT_TAG, _SDTPR_TAG, _RPR_TAG, _PPR_TAG):
            continue
        else:
            _text(child, parts)


def _children(parent: Any, tag: str) -> list[Any]:
    """``parent``'s ``tag`` children, also those a content control (row or cell level) wraps."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (_SDT_TAG, _CUSTOMXML_TAG):
            content = child.find(_SDTCONTENT_TAG)
            found += _children(content if content is not None else child, tag)
    return found


def _properties(custom: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for prop in custom.iter(f"{{{_CUSTOM}}}property"):
        name = prop.get("name")
        if name and len(prop):
            found[name] = (prop[0].text or "").strip()
    return found
