"""Documents as Word files in the official-document format (GB/T 9704-2012).

What the page must look like is in docs/docx-format.md. python-docx builds the package; the
writer then replaces what its default template brings (a Letter page, Heading styles with
theme fonts and blue colours, a thumbnail) with the official layout, written as XML where
python-docx has no API (line grid, fields, fonts of every script). Everything that would
vary between runs is fixed, and the zip is written again with fixed entry metadata, so the
same Document always gives the same bytes. documents.form_docx builds a unit's Word form on the same
package, styles, body and tables (official_package, Body, _table, package_bytes).

python-docx is imported inside the functions: importing it costs more than a whole
``zwxt check``.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from zwxt.documents.document import HEADINGS, Block, Kind
from zwxt.documents.table_layout import column_widths
from zwxt.textnorm import em_width

if TYPE_CHECKING:
    from zwxt.documents.document_files import Document

# Sizes are twips (1/20 pt); 1 mm = 1440 / 25.4 twips.
_A4_SHORT, _A4_LONG = 11906, 16838
_LINE = 579  # 28.95 pt: 22 lines on the 225 mm text height
_CHARS_PER_LINE = 28
_BODY_PT = 16  # 3号, in docDefaults and so in Normal, whose size the character grid counts from
_TOP, _BOTTOM, _LEFT, _RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
_HEADER = 850  # 15 mm; there is no header text
_FOOTER_ABOVE_MARGIN = 567  # footer edge 10 mm inside the bottom margin: dash line ~7 mm below the text
_CELL_MARGIN = 108  # left and right inside every table cell

# The letter format (信函格式, GB/T 9704 10.1): the issuer's name in red 小初 (36 pt), shrunk to fit
# one line down to 2号 (22 pt); a red double rule, thick over thin, 170 mm long, 4 mm under it.
_LETTERHEAD_PT, _LETTERHEAD_MIN_PT = 36, 22
_RED = "FF0000"
_RULE_OVERHANG = 397  # 7 mm each side: 156 mm of text width + 14 mm = the standard's 170 mm
_LATIN = "Times New Roman"
_FANGSONG, _KAITI, _HEITI = "仿宋_GB2312", "楷体_GB2312", "黑体"
_XIAOBIAOSONG, _SONGTI = "方正小标宋简体", "宋体"

# Characters XML 1.0 cannot carry; lxml refuses them rather than write a broken file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>zwxt</Application><DocSecurity>0</DocSecurity></Properties>"
)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_DROPPED_RELS = ("stylesWithEffects", "customXml", "numbering", "thumbnail")


@dataclass(frozen=True)
class Style:
    style_id: str
    name: str
    east_asian: str
    size_pt: int
    latin: str = _LATIN
    based_on: str = "Normal"
    next_id: str = "zwxtBody"
    align: str = "both"
    indent_chars: int = 0  # first-line indent in characters of the style's own size
    exact: bool = True  # exact 28.95 pt lines; False: single spacing
    snap: bool = True  # snap to the line grid; LibreOffice gives a line taller than the grid two
    bold: bool = False
    keep_next: bool = False
    outline_level: int | None = None  # shows headings in Word's and WPS's navigation pane
    color: str = "000000"


_STYLES = (
    Style("zwxtTitle", "zwxt 标题", _XIAOBIAOSONG, 22, latin=_XIAOBIAOSONG, align="center", snap=False,
           keep_next=True),
    # The month line under the title in 楷体 (common practice), so it reads apart from the body.
    Style("zwxtSubtitle", "zwxt 副标题", _KAITI, 16, align="center", keep_next=True),
    Style("zwxtBody", "zwxt 正文", _FANGSONG, 16, indent_chars=2),
    Style("zwxtHeading1", "zwxt 一级标题", _HEITI, 16, latin=_HEITI, based_on="zwxtBody", indent_chars=2,
           keep_next=True, outline_level=0),
    Style("zwxtHeading2", "zwxt 二级标题", _KAITI, 16, based_on="zwxtBody", indent_chars=2,
           keep_next=True, outline_level=1),
    Style("zwxtHeading3", "zwxt 三级标题", _FANGSONG, 16, based_on="zwxtBody", indent_chars=2, bold=True,
           keep_next=True, outline_level=2),
    Style("zwxtHeading4", "zwxt 四级标题", _FANGSONG, 16, based_on="zwxtBody", indent_chars=2,
           keep_next=True, outline_level=3),
    Style("zwxtNote", "zwxt 附件说明", _FANGSONG, 16, based_on="zwxtBody", indent_chars=2),
    Style("zwxtAddressee", "zwxt 主送", _FANGSONG, 16, based_on="zwxtBody"),
    # Right-aligned; each line's right indent is set where it is written (_signature_indents).
    Style("zwxtSignature", "zwxt 落款", _FANGSONG, 16, based_on="zwxtBody", align="right"),
    Style("zwxtAddendum", "zwxt 附注", _FANGSONG, 16, based_on="zwxtBody", indent_chars=2),
    Style("zwxtAttachment", "zwxt 附件标签", _HEITI, 16, latin=_HEITI, align="left", keep_next=True),
    # Left, not justified: a wrapped date in a narrow column would be spread over the whole cell.
    Style("zwxtTable", "zwxt 表格", _FANGSONG, 12, next_id="zwxtTable", align="left", exact=False,
           snap=False),
    Style("zwxtTableHeader", "zwxt 表头", _FANGSONG, 12, based_on="zwxtTable", next_id="zwxtTable",
           align="center", exact=False, snap=False, bold=True),
    Style("zwxtPageNumber", "zwxt 页码", _SONGTI, 14, latin=_SONGTI, next_id="zwxtPageNumber", exact=False,
           snap=False),
    # 发文机关标志 of the letter format: 小初, single spacing (an exact 28.95 pt line would clip it).
    Style("zwxtLetterhead", "zwxt 发文机关标志", _XIAOBIAOSONG, _LETTERHEAD_PT, latin=_XIAOBIAOSONG,
           align="center", exact=False, snap=False, keep_next=True),
)

_STYLE_OF = {
    Kind.TITLE: "zwxtTitle", Kind.SUBTITLE: "zwxtSubtitle", Kind.P: "zwxtBody",
    Kind.H1: "zwxtHeading1", Kind.H2: "zwxtHeading2", Kind.H3: "zwxtHeading3", Kind.H4: "zwxtHeading4",
    Kind.NOTE: "zwxtNote", Kind.ATTACHMENT: "zwxtAttachment", Kind.TO: "zwxtAddressee",
    Kind.SIGNATURE: "zwxtSignature", Kind.ADDENDUM: "zwxtAddendum",
}

# fontTable entries: the charset and a fallback name let Word substitute 仿宋 for 仿宋_GB2312 and
# 楷体 for 楷体_GB2312 on systems (Windows 10 and later) that have only the newer fonts.
_FONTS = (
    (_LATIN, None, "00", "roman", "variable"),
    (_FANGSONG, "仿宋", "86", "modern", "fixed"),
    (_KAITI, "楷体", "86", "modern", "fixed"),
    (_HEITI, "SimHei", "86", "modern", "fixed"),
    (_SONGTI, "SimSun", "86", "auto", "variable"),
    (_XIAOBIAOSONG, "宋体", "86", "roman", "fixed"),  # a serif (Song) face, not a script one
)
_TABLE_PT = next(s.size_pt for s in _STYLES if s.style_id == "zwxtTable")  # column widths measure text in it


def docx_bytes(document: Document) -> bytes:
    """The document as a .docx file (``Document.to_docx``); the same Document always gives the same bytes."""
    word = official_package()
    Body(word).write(document.blocks)
    letter = any(block.kind is Kind.LETTERHEAD for block in document.blocks)
    return package_bytes(word, document.title, document.day, first_page_unnumbered=letter)


def official_package(styles: tuple[Style, ...] = ()) -> Any:
    """An empty python-docx document with the official page, fonts and styles, and ``styles``
    of a writer's own besides (documents.form_docx builds on this, as docx_bytes does)."""
    import docx

    word = docx.Document()
    _prune_template(word)
    _write_styles(word, styles)
    _write_font_table(word)
    return word


def package_bytes(word: Any, title: str, day: date, first_page_unnumbered: bool = False) -> bytes:
    """The finished package: page numbers, fixed metadata, the zip with fixed entries."""
    _write_footers(word)
    if first_page_unnumbered:
        _first_page_unnumbered(word)
    _write_properties(word, title, day)
    _write_app_properties(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalised_zip(buffer.getvalue())


# --- XML helpers --------------------------------------------------------------------------------


def _el(tag: str, children: tuple[Any, ...] = (), /, **attributes: str) -> Any:
    """A w: element; attribute names are given without prefix (``val="0"``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn("w:" + name) if ":" not in name else qn(name), value)
    for child in children:
        element.append(child)
    return element


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _lines(text: str) -> list[str]:
    """A block's text as paragraphs: one per non-blank line, at least one."""
    return [line.strip() for line in _clean(text).splitlines() if line.strip()] or [""]


# --- the package around the body -----------------------------------------------------------------


def _prune_template(word: Any) -> None:
    """Drop the default template's parts nobody needs: its thumbnail shows python-docx's
    page, its stylesWithEffects copy repeats the theme-font styles, numbering is unused."""
    for owner in (word.part.package, word.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED_RELS:
                del owner.rels[rel_id]
    settings = word.settings.element
    for tag in ("w:savePreviewPicture", "w:proofState"):
        for found in settings.findall(_qn(tag)):
            settings.remove(found)
    # Word 2013's layout (15), not Word 2010's (14): Word 2013 and later open 14 in 兼容模式.
    mode = settings.find(_qn("w:compat") + "/" + _qn("w:compatSetting") + "[@" + _qn("w:name")
                         + "='compatibilityMode']")
    mode.set(_qn("w:val"), "15")
    lang = settings.find(_qn("w:themeFontLang"))
    if lang is not None:
        lang.set(_qn("w:eastAsia"), "zh-CN")
    # The page-number footers differ on odd and even pages: a document setting, not a section one.
    word.settings.odd_and_even_pages_header_footer = True


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _write_styles(word: Any, extra: tuple[Style, ...] = ()) -> None:
    """Replace the template's styles with neutral defaults and the official styles.

    Every run gets its fonts for all four scripts from here; no style refers to theme fonts
    or colours, which WPS reports as missing and which tint headings blue.
    """
    root = word.styles.element
    for child in list(root):
        root.remove(child)
    root.append(_el("w:docDefaults", (
        _el("w:rPrDefault", (_el("w:rPr", (
            _fonts(_FANGSONG, _LATIN),
            _el("w:color", val="000000"),
            _el("w:sz", val=str(2 * _BODY_PT)), _el("w:szCs", val=str(2 * _BODY_PT)),
            _el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"),
        )),)),
        # No automatic gaps between Chinese and Latin letters (DE) or digits (DN): "2018年3月", not
        # "2018 年 3 月".
        _el("w:pPrDefault", (_el("w:pPr", (_el("w:autoSpaceDE", val="0"), _el("w:autoSpaceDN", val="0"),
                                           _el("w:spacing", before="0", after="0"))),)),
    )))
    root.append(_el("w:style", (_el("w:name", val="Normal"), _el("w:qFormat")),
                    type="paragraph", default="1", styleId="Normal"))
    root.append(_el("w:style", (_el("w:name", val="Default Paragraph Font"), _el("w:uiPriority", val="1"),
                                _el("w:semiHidden"), _el("w:unhideWhenUsed")),
                    type="character", default="1", styleId="DefaultParagraphFont"))
    root.append(_el("w:style", (
        _el("w:name", val="Normal Table"), _el("w:uiPriority", val="99"), _el("w:semiHidden"),
        _el("w:unhideWhenUsed"),
        _el("w:tblPr", (_el("w:tblInd", w="0", type="dxa"), _el("w:tblCellMar", (
            _el("w:top", w="0", type="dxa"), _el("w:left", w=str(_CELL_MARGIN), type="dxa"),
            _el("w:bottom", w="0", type="dxa"), _el("w:right", w=str(_CELL_MARGIN), type="dxa"))))),
    ), type="table", default="1", styleId="TableNormal"))
    root.append(_el("w:style", (_el("w:name", val="No List"), _el("w:uiPriority", val="99"),
                                _el("w:semiHidden"), _el("w:unhideWhenUsed")),
                    type="numbering", default="1", styleId="NoList"))
    for style in (*_STYLES, *extra):
        root.append(_style_element(style))


def _fonts(east_asian: str, latin: str) -> Any:
    # hint: quotes and dashes shared by both scripts (“ ” — …) take the Chinese face.
    return _el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin, hint="eastAsia")


def _style_element(style: Style) -> Any:
    half_points = str(style.size_pt * 2)
    indent = str(style.indent_chars * style.size_pt * 20)
    paragraph = [
        _el("w:keepNext") if style.keep_next else None,
        _el("w:keepLines") if style.keep_next else None,
        None if style.snap else _el("w:snapToGrid", val="0"),
        _el("w:spacing", before="0", after="0", line=str(_LINE), lineRule="exact") if style.exact
        else _el("w:spacing", before="0", after="0", line="240", lineRule="auto"),
        _el("w:ind", left="0", leftChars="0", right="0", rightChars="0",
            firstLine=indent, firstLineChars=str(style.indent_chars * 100)),
        _el("w:jc", val=style.align),
        None if style.outline_level is None else _el("w:outlineLvl", val=str(style.outline_level)),
    ]
    bold = "1" if style.bold else "0"
    run = (_fonts(style.east_asian, style.latin), _el("w:b", val=bold), _el("w:bCs", val=bold),
           _el("w:color", val=style.color), _el("w:sz", val=half_points), _el("w:szCs", val=half_points))
    return _el("w:style", (
        _el("w:name", val=style.name),
        _el("w:basedOn", val=style.based_on),
        _el("w:next", val=style.next_id),
        _el("w:qFormat"),
        _el("w:pPr", tuple(p for p in paragraph if p is not None)),
        _el("w:rPr", run),
    ), type="paragraph", customStyle="1", styleId=style.style_id)


def _write_font_table(word: Any) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    part = word.part.part_related_by(RT.FONT_TABLE)  # a plain part: python-docx keeps only its bytes
    root = parse_xml(part.blob)
    for child in list(root):
        root.remove(child)
    for name, alternative, charset, family, pitch in _FONTS:
        children = (_el("w:altName", val=alternative),) if alternative else ()
        root.append(_el("w:font", (*children, _el("w:charset", val=charset), _el("w:family", val=family),
                                   _el("w:pitch", val=pitch)), name=name))
    part._blob = serialize_part_xml(root)


def _write_properties(word: Any, title: str, day: date) -> None:
    """Fixed metadata: nothing taken from the clock, the user or the machine."""
    core = word.core_properties
    core.title = _clean(" ".join(title.split()))[:255]
    core.author = core.last_modified_by = "zwxt"
    core.comments = core.subject = core.keywords = core.category = ""
    core.created = core.modified = datetime(day.year, day.month, day.day)  # written as ...T00:00:00Z
    core.revision = 1
    element = word.part.package._core_properties_part.element
    for printed in element.findall("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
                                   "lastPrinted"):
        element.remove(printed)


def _write_app_properties(word: Any) -> None:
    """docProps/app.xml names zwxt; the template's copy claimed Microsoft Macintosh Word 14 and a
    one-page, zero-word document. Counts of pages and words are left out, not guessed: Word
    computes them itself."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = word.part.package.part_related_by(RT.EXTENDED_PROPERTIES)  # a plain part, held as bytes
    part._blob = _APP_PROPERTIES


def _normalised_zip(data: bytes) -> bytes:
    """The package again with fixed dates, permissions and compression, in a fixed order.

    Entries are stored uncompressed: deflate output depends on the zlib build (zlib-ng, used
    by some distributions and by Python 3.14 on Windows, compresses differently), and the
    bytes must not.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


# --- sections and footers ----------------------------------------------------------------------


def _set_page(sect_pr: Any, landscape: bool, new_page: bool) -> None:
    """Rewrite a section's page setup, keeping its header and footer references.

    A landscape page keeps the portrait margins turned a quarter to the left, so that its
    top (the table head) lies on the binding edge, as GB/T 9704 asks of odd pages:
    top 28, bottom 26, left 35, right 37 mm, the same 225 x 156 mm text area on its side.
    """
    for name in list(sect_pr.attrib):
        del sect_pr.attrib[name]
    for child in list(sect_pr):
        if child.tag not in (_qn("w:headerReference"), _qn("w:footerReference")):
            sect_pr.remove(child)
    if landscape:
        size = _el("w:pgSz", w=str(_A4_LONG), h=str(_A4_SHORT), orient="landscape")
        top, bottom, left, right = _LEFT, _RIGHT, _BOTTOM, _TOP
    else:
        size = _el("w:pgSz", w=str(_A4_SHORT), h=str(_A4_LONG))
        top, bottom, left, right = _TOP, _BOTTOM, _LEFT, _RIGHT
    children = [
        _el("w:type", val="nextPage") if new_page else None,
        size,
        _el("w:pgMar", top=str(top), right=str(right), bottom=str(bottom), left=str(left),
            header=str(_HEADER), footer=str(bottom - _FOOTER_ABOVE_MARGIN), gutter="0"),
        _el("w:cols", space="425"),
        _doc_grid(int(size.get(_qn("w:w"))) - left - right),
    ]
    for child in children:
        if child is not None:
            sect_pr.append(child)


def _doc_grid(text_width: int) -> Any:
    """The line grid and the character grid: 22 lines, and 28 characters on a portrait line.

    ``charSpace`` is what a grid character adds to the body size, in 1/4096 pt; it is rounded
    down so that Word's count (the line over the pitch) is not a hair short of 28. A landscape
    line takes as many characters of that pitch as fit whole (40 on 225 mm), spaced to fill it
    exactly, so that the count and the pitch describe the same grid whichever one an
    application keeps. Only text on the grid moves: titles, tables and page numbers are off it.

    LibreOffice 7.4 cannot space characters closer than their size: it gives each 16 pt
    character two grid cells and the text spreads out. Judge the count in Word or WPS.
    """
    portrait = _A4_SHORT - _LEFT - _RIGHT
    characters = text_width * _CHARS_PER_LINE // portrait
    char_space = math.floor((Fraction(text_width, 20 * characters) - _BODY_PT) * 4096)
    return _el("w:docGrid", type="linesAndChars", linePitch=str(_LINE), charSpace=str(char_space))


def _text_width(sect_pr: Any) -> int:
    size, margins = sect_pr.find(_qn("w:pgSz")), sect_pr.find(_qn("w:pgMar"))
    return int(size.get(_qn("w:w"))) - int(margins.get(_qn("w:left"))) - int(margins.get(_qn("w:right")))


def _write_footers(word: Any) -> None:
    """Page numbers ``— N —`` defined once, in the first section; later sections inherit them,
    so numbering runs on through every section and attachment."""
    first = word.sections[0]
    for footer, odd in ((first.footer, True), (first.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(_page_number(odd))


def _page_number(odd: bool) -> Any:
    """Odd pages right-aligned one character in from the right, even pages mirrored.

    python-docx has no fields: the PAGE field is built from its runs, with a separator and a
    cached value, which WPS needs to show it.
    """
    one_char = str(14 * 20)
    indent = (_el("w:ind", right=one_char, rightChars="100") if odd
              else _el("w:ind", left=one_char, leftChars="100"))

    def run(*children: Any) -> Any:
        return _el("w:r", children)

    return _el("w:p", (
        _el("w:pPr", (_el("w:pStyle", val="zwxtPageNumber"), indent,
                      _el("w:jc", val="right" if odd else "left"))),
        run(_t("— ")),
        run(_el("w:fldChar", fldCharType="begin")),
        run(_t(" PAGE ", "w:instrText")),
        run(_el("w:fldChar", fldCharType="separate")),
        run(_t("1")),
        run(_el("w:fldChar", fldCharType="end")),
        run(_t(" —")),
    ))


def _t(value: str, tag: str = "w:t") -> Any:
    element = _el(tag, **{"xml:space": "preserve"})
    element.text = value
    return element


# --- the body ------------------------------------------------------------------------------------


class Body:
    """Appends blocks to the body, tracking where a new page already begins.

    Paragraphs and tables go in with lxml directly before the body's ``w:sectPr``, held once.
    python-docx's ``add_p`` finds the sectPr by scanning the body's children for every new
    paragraph, which makes a long report quadratic (26,000 lines took 8 s); the elements
    are the same python-docx classes either way.
    """

    def __init__(self, word: Any) -> None:
        self.body = word.element.body
        self.sentinel = self.body.get_or_add_sectPr()  # the last section's properties, always last
        _set_page(self.sentinel, landscape=False, new_page=False)
        self.at_page_start = True  # the next paragraph begins a page: no page break needed
        self.previous: Kind | None = None

    def write(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            self.block(block)
            self.previous = block.kind
        last = self._last()
        if last is None or last.tag == _qn("w:tbl"):
            self._spacer()  # Word wants a paragraph at the end of the body, not a table

    def block(self, block: Block) -> None:
        if block.kind in (Kind.LANDSCAPE, Kind.PORTRAIT):
            self.section(landscape=block.kind is Kind.LANDSCAPE)
            return
        if block.kind is Kind.TABLE:
            if self.previous in (Kind.P, *HEADINGS):
                _keep_with_next(self._last())  # “如下表：” stays on the page of the table's head
            self.table(block)
            return
        if block.kind is Kind.SIGNATURE:
            self.signature(_lines(block.text))
            return
        if block.kind is Kind.LETTERHEAD:
            self.letterhead(_lines(block.text))
            return
        if block.kind is Kind.TITLE and self.previous is Kind.LETTERHEAD:
            for _ in range(2):  # the title two lines under the double rule (GB/T 9704 10.1)
                self.paragraph("zwxtBody", "")
        if block.kind is Kind.ADDENDUM:
            _keep_with_next(self._last())  # 附注 stays under the date
        if block.kind is Kind.NOTE and self.previous is not Kind.NOTE:
            # one blank line between the body and 附件：, which never stands on a page without text
            _keep_with_next(self._last())
            _keep_with_next(self.paragraph("zwxtBody", ""))
        if block.kind is Kind.TO and self.previous in (Kind.TITLE, Kind.SUBTITLE):
            self.paragraph("zwxtBody", "")  # 主送 one line under the title
        if block.kind is Kind.TITLE and self.previous is Kind.ATTACHMENT:
            self.paragraph("zwxtBody", "")  # an attachment's title stands on the third line
        new_page = block.kind is Kind.ATTACHMENT and not self.at_page_start
        for number, line in enumerate(_lines(block.text)):
            paragraph = self.paragraph(_STYLE_OF[block.kind], line)
            if new_page and number == 0:
                paragraph.get_or_add_pPr().pageBreakBefore_val = True

    def paragraph(self, style_id: str, text: str) -> Any:
        paragraph = _el("w:p", (_el("w:pPr", (_el("w:pStyle", val=style_id),)),))
        self.sentinel.addprevious(paragraph)
        if text:
            paragraph.add_r().text = text
        self.at_page_start = False
        return paragraph

    def signature(self, lines: list[str]) -> None:
        """落款 one blank line under the text, kept on the page of the text's last paragraph."""
        _keep_with_next(self._last())
        _keep_with_next(self.paragraph("zwxtBody", ""))
        for line, indent in zip(lines, _signature_indents(lines), strict=True):
            paragraph = self.paragraph("zwxtSignature", line)
            _keep_with_next(paragraph)
            hundredths = round(indent * 100)
            paragraph.get_or_add_pPr().append(_el("w:ind", right=str(hundredths * _BODY_PT * 20 // 100),
                                                  rightChars=str(hundredths)))

    def letterhead(self, lines: list[str]) -> None:
        """发文机关标志 of the letter format: each issuer's name centred in red, the double rule
        under the last one as its bottom border, reaching 7 mm past the text on either side."""
        for number, line in enumerate(lines):
            last = number == len(lines) - 1
            border = (_el("w:pBdr", (_el("w:bottom", val="thickThinSmallGap", sz="24", space="11",
                                          color=_RED),)),) if last else ()
            paragraph = _el("w:p", (_el("w:pPr", (
                _el("w:pStyle", val="zwxtLetterhead"), *border,
                _el("w:ind", left=str(-_RULE_OVERHANG), leftChars="0", right=str(-_RULE_OVERHANG),
                    rightChars="0", firstLine="0", firstLineChars="0"))),))
            self.sentinel.addprevious(paragraph)
            if line:
                half_points = str(round(_letterhead_size(line) * 2))
                run = paragraph.add_r()
                run.append(_el("w:rPr", (_el("w:color", val=_RED), _el("w:sz", val=half_points),
                                         _el("w:szCs", val=half_points))))
                run.append(_t(line))
            self.at_page_start = False

    def section(self, landscape: bool) -> None:
        """End the current section at the last paragraph and start one on a new page.

        The section break rides on the last paragraph rather than on an empty one of its own,
        which could spill onto a page by itself.
        """
        last = self._last()
        if last is None:  # nothing written yet: the first section itself turns
            _set_page(self.sentinel, landscape, new_page=False)
            return
        if last.tag != _qn("w:p") or last.find(_qn("w:pPr") + "/" + _qn("w:sectPr")) is not None:
            last = self._spacer()
        last.set_sectPr(self.sentinel.clone())
        for reference in self.sentinel.xpath("w:headerReference|w:footerReference"):
            self.sentinel.remove(reference)
        _set_page(self.sentinel, landscape, new_page=True)
        self.at_page_start = True

    def table(self, block: Block) -> None:
        if not block.rows:
            return
        last = self._last()
        if last is not None and last.tag == _qn("w:tbl"):
            self.paragraph("zwxtBody", "")  # without a paragraph between them Word joins two tables
        rows = tuple(_cells(row, len(block.widths)) for row in block.rows)
        columns = [[line for cell in column for line in _lines(cell)] for column in zip(*rows, strict=True)]
        widths = column_widths(columns, block.widths, _text_width(self.sentinel), _TABLE_PT, _CELL_MARGIN)
        self.sentinel.addprevious(_table(rows, widths, block.centred))
        self.at_page_start = False

    def _last(self) -> Any:
        """The last paragraph or table, found from the sectPr backwards."""
        kinds = (_qn("w:p"), _qn("w:tbl"))
        child = self.sentinel.getprevious()
        while child is not None and child.tag not in kinds:
            child = child.getprevious()
        return child

    def _spacer(self) -> Any:
        """An empty 1 pt paragraph, off the line grid: a place for a section break after a table."""
        paragraph = self.paragraph("zwxtBody", "")
        properties = paragraph.get_or_add_pPr()
        properties.append(_el("w:snapToGrid", val="0"))
        properties.append(_el("w:spacing", before="0", after="0", line="20", lineRule="exact"))
        return paragraph


def _keep_with_next(paragraph: Any) -> None:
    """Keep a paragraph on the page of the next one (keepNext goes right after pStyle)."""
    if paragraph is None or paragraph.tag != _qn("w:p"):
        return
    properties = paragraph.get_or_add_pPr()
    if properties.find(_qn("w:keepNext")) is None:
        properties.insert(1 if properties.find(_qn("w:pStyle")) is not None else 0, _el("w:keepNext"))


def _letterhead_size(line: str) -> float:
    """小初, or as large as fits one 156 mm line, in half points, but not under 2号."""
    text_pt = (_A4_SHORT - _LEFT - _RIGHT) / 20
    fitting = int(text_pt / max(em_width(line), 1.0) * 2) / 2
    return float(max(_LETTERHEAD_MIN_PT, min(_LETTERHEAD_PT, fitting)))


def _first_page_unnumbered(word: Any) -> None:
    """A letter's first page has no page number (GB/T 9704 10.1): its own, empty footer."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    element.append(_el("w:p", (_el("w:pPr", (_el("w:pStyle", val="zwxtPageNumber"),)),)))


def _signature_indents(lines: list[str]) -> list[float]:
    """Right indents, in characters, of a sign-off's issuer lines and its date (GB/T 9704 7.3.5.2).

    The issuer stands two characters from the right edge and the date under it starts two
    characters further right; a date longer than that allows stands two characters from the
    edge, and the issuer moves left to keep the two-character step. One line is an issuer alone.
    No line is pushed past the left edge: an issuer too long for that starts at the margin, and
    one longer than a line wraps there, with the date two characters from the right edge.
    """
    if len(lines) == 1:
        return [_fitted(2.0, em_width(lines[0]))]
    *issuers, day = lines
    issuer_width, day_width = max(em_width(i) for i in issuers), em_width(day)
    day_right = max(2.0, issuer_width - day_width)  # issuer at 2: the date starts 2 further right
    issuer_right = day_right + day_width + 2 - issuer_width
    if issuer_right + issuer_width > _CHARS_PER_LINE:
        day_right = 2.0
    return [_fitted(issuer_right + issuer_width - em_width(i), em_width(i)) for i in issuers] + \
        [_fitted(day_right, day_width)]


def _fitted(right: float, width: float) -> float:
    """A right indent that leaves a line of ``width`` characters inside the margins."""
    return max(0.0, min(right, _CHARS_PER_LINE - width))


def _cells(row: tuple[str, ...], count: int) -> tuple[str, ...]:
    """A row's cells, as many as the table has columns: short rows filled, long ones cut."""
    return (*row, *[""] * (count - len(row)))[:count]


def _table(rows: tuple[tuple[str, ...], ...], widths: list[int], centred: frozenset[int],
           header_row: bool = True) -> Any:
    """A fixed-layout table as wide as the text, the header row repeated on every page
    (without ``header_row``, every row is a body row).

    No row is split across pages (``cantSplit``): a task's row broken over a page break put the
    last character of a date on the next page.
    """
    border = {"val": "single", "sz": "4", "space": "0", "color": "000000"}  # sz in 1/8 pt
    properties = _el("w:tblPr", (
        _el("w:tblW", w=str(sum(widths)), type="dxa"),
        _el("w:jc", val="center"),
        _el("w:tblBorders", tuple(_el("w:" + side, **border)
                                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))),
        _el("w:tblLayout", type="fixed"),
        _el("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
            noHBand="1", noVBand="1"),
    ))
    grid = _el("w:tblGrid", tuple(_el("w:gridCol", w=str(w)) for w in widths))
    table = _el("w:tbl", (properties, grid))
    for number, row in enumerate(rows):
        header = header_row and number == 0
        row_properties = (_el("w:cantSplit"), _el("w:tblHeader")) if header else (_el("w:cantSplit"),)
        table_row = _el("w:tr", (_el("w:trPr", row_properties),))
        for column, (width, text) in enumerate(zip(widths, row, strict=True)):
            cell = _el("w:tc", (_el("w:tcPr", (_el("w:tcW", w=str(width), type="dxa"),
                                               _el("w:vAlign", val="center"))),))
            style = "zwxtTableHeader" if header else "zwxtTable"
            centre = not header and column in centred  # the header style centres already
            for line in _lines(text):
                paragraph = _el("w:p", (_el("w:pPr", (
                    _el("w:pStyle", val=style), *((_el("w:jc", val="center"),) if centre else ()))),))
                if line:
                    paragraph.add_r().text = line
                cell.append(paragraph)
            table_row.append(cell)
        table.append(table_row)
    return table
