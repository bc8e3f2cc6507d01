"""Word output in the official-document format, read back with python-docx and, where LibreOffice
is installed, printed to PDF the way a reader would see it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length

from zwxt.documents.document import Block, Kind
from zwxt.documents.document_files import Document
from zwxt.documents.docx_writer import docx_bytes

FONTS_CONF = Path(__file__).resolve().parent.parent / "fonts" / "zwxt-fonts.conf"

TITLE = "关于2018年3月工作进展情况的报告"
TABLE = Block(Kind.TABLE, widths=(1, 4, 2), rows=(
    ("序号", "工作任务", "进展情况"),
    ("1", "建立工作机制\n明确责任分工", "已完成"),
    ("2", "A & B < C > D | E * F", "推进中"),
))
DOCUMENT = Document(TITLE, date(2018, 3, 31), (
    Block(Kind.TITLE, TITLE),
    Block(Kind.SUBTITLE, "（2018年3月）"),
    Block(Kind.P, "按照工作方案要求，现将进展情况报告如下。\n第二段紧接着第一段。"),
    Block(Kind.H1, "一、工作推进情况"),
    Block(Kind.H2, "（一）组织保障"),
    Block(Kind.H3, "1. 任务1：建立机制"),
    Block(Kind.H4, "（1）具体措施"),
    Block(Kind.P, "符号照原样保留：A & B < C > D | E * F"),
    Block(Kind.NOTE, "附件：任务分工表及进展情况"),
    Block(Kind.LANDSCAPE),
    Block(Kind.ATTACHMENT, "附件"),
    Block(Kind.TITLE, "任务分工表及进展情况"),
    TABLE,
    Block(Kind.PORTRAIT),
    Block(Kind.P, "附件之后的正文。"),
))

# (style name, text) of every body paragraph, in order; "" is a blank line.
EXPECTED_PARAGRAPHS = [
    ("zwxt 标题", TITLE),
    ("zwxt 副标题", "（2018年3月）"),
    ("zwxt 正文", "按照工作方案要求，现将进展情况报告如下。"),
    ("zwxt 正文", "第二段紧接着第一段。"),
    ("zwxt 一级标题", "一、工作推进情况"),
    ("zwxt 二级标题", "（一）组织保障"),
    ("zwxt 三级标题", "1. 任务1：建立机制"),
    ("zwxt 四级标题", "（1）具体措施"),
    ("zwxt 正文", "符号照原样保留：A & B < C > D | E * F"),
    ("zwxt 正文", ""),
    ("zwxt 附件说明", "附件：任务分工表及进展情况"),
    ("zwxt 附件标签", "附件"),
    ("zwxt 正文", ""),
    ("zwxt 标题", "任务分工表及进展情况"),
    ("zwxt 正文", ""),  # carries the landscape section's break after the table
    ("zwxt 正文", "附件之后的正文。"),
]


@pytest.fixture(scope="module")
def data() -> bytes:
    return docx_bytes(DOCUMENT)


@pytest.fixture(scope="module")
def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def mm(length: Length | None) -> int:
    assert length is not None
    return round(length.mm)


def style_element(word: Any, name: str) -> Any:
    return word.styles[name].element


def test_paragraph_texts_and_styles_in_order(word: Any) -> None:
    assert [(p.style.name, p.text) for p in word.paragraphs] == EXPECTED_PARAGRAPHS


def test_styles_name_the_official_chinese_fonts(word: Any) -> None:
    east_asian = {
        "zwxt 标题": "方正小标宋简体", "zwxt 副标题": "楷体_GB2312", "zwxt 正文": "仿宋_GB2312",
        "zwxt 一级标题": "黑体", "zwxt 二级标题": "楷体_GB2312", "zwxt 三级标题": "仿宋_GB2312",
        "zwxt 四级标题": "仿宋_GB2312", "zwxt 附件标签": "黑体", "zwxt 表格": "仿宋_GB2312",
        "zwxt 页码": "宋体",
    }
    for name, font in east_asian.items():
        fonts = style_element(word, name).find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:cs")) and fonts.get(qn("w:ascii")) and fonts.get(qn("w:hAnsi")), name
    assert word.styles["zwxt 正文"].font.name == "Times New Roman"


def test_no_style_or_default_refers_to_theme_fonts_or_colours(data: bytes) -> None:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert "Theme" not in styles and "theme" not in styles
    defaults = docx.Document(io.BytesIO(data)).styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_sizes_boldness_and_indents(word: Any) -> None:
    styles = word.styles
    assert styles["zwxt 标题"].font.size.pt == 22 and styles["zwxt 标题"].font.bold is False
    assert styles["zwxt 正文"].font.size.pt == 16 and styles["zwxt 表格"].font.size.pt == 12
    assert styles["zwxt 三级标题"].font.bold is True and styles["zwxt 一级标题"].font.bold is False
    assert styles["zwxt 页码"].font.size.pt == 14
    for name in ("zwxt 正文", "zwxt 一级标题", "zwxt 二级标题", "zwxt 三级标题", "zwxt 四级标题"):
        indent = style_element(word, name).find(qn("w:pPr")).find(qn("w:ind"))
        assert indent.get(qn("w:firstLineChars")) == "200", name
        assert indent.get(qn("w:firstLine")) == "640", name
    for name in ("zwxt 标题", "zwxt 附件标签", "zwxt 表格"):
        indent = style_element(word, name).find(qn("w:pPr")).find(qn("w:ind"))
        assert indent.get(qn("w:firstLineChars")) == "0", name
    assert styles["zwxt 一级标题"].paragraph_format.keep_with_next is True


def test_body_lines_are_exactly_28_95_pt(word: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING

    body = word.styles["zwxt 正文"].paragraph_format
    assert body.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.line_spacing.pt == pytest.approx(28.95)
    assert body.space_before == 0 and body.space_after == 0


def test_page_size_and_margins_of_each_section(word: Any) -> None:
    pages = [(mm(s.page_width), mm(s.page_height), mm(s.top_margin), mm(s.bottom_margin),
              mm(s.left_margin), mm(s.right_margin)) for s in word.sections]
    assert pages == [
        (210, 297, 37, 35, 28, 26),
        (297, 210, 28, 26, 35, 37),  # the portrait margins turned a quarter
        (210, 297, 37, 35, 28, 26),
    ]


def test_every_section_has_the_line_and_character_grid(word: Any) -> None:
    for section in word.sections:
        grid = section._sectPr.find(qn("w:docGrid"))
        assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("linesAndChars", "579")


def test_page_numbers_in_odd_and_even_footers(word: Any) -> None:
    assert word.settings.odd_and_even_pages_header_footer is True
    first = word.sections[0]
    for footer, align in ((first.footer, "right"), (first.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        xml = paragraph._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="separate"' in xml
        assert 'w:fldCharType="end"' in xml
        assert paragraph._p.find(".//" + qn("w:instrText")).text == " PAGE "
        assert paragraph._p.find(".//" + qn("w:jc")).get(qn("w:val")) == align
    for later in word.sections[1:]:  # inherited, so numbering runs on
        assert later.footer.is_linked_to_previous and later.even_page_footer.is_linked_to_previous
        assert later._sectPr.find(qn("w:pgNumType")) is None


def test_table_is_fixed_width_with_a_repeated_header_row(word: Any) -> None:
    (table,) = word.tables
    landscape = word.sections[1]
    text_width = round((landscape.page_width - landscape.left_margin - landscape.right_margin) / 635)
    assert table.autofit is False
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == text_width
    for row in table.rows:
        assert [round(cell.width / 635) for cell in row.cells] == grid
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows] == [False, True, True]
    assert [p.text for p in table.cell(1, 1).paragraphs] == ["建立工作机制", "明确责任分工"]
    assert table.cell(2, 1).text == "A & B < C > D | E * F"
    assert table.cell(0, 0).paragraphs[0].style.name == "zwxt 表头"
    assert table.cell(1, 0).paragraphs[0].style.name == "zwxt 表格"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:sz")) for b in borders} == {"4"}


def test_attachment_starts_a_page_unless_a_section_break_just_did(word: Any) -> None:
    label = next(p for p in word.paragraphs if p.style.name == "zwxt 附件标签")
    assert not label.paragraph_format.page_break_before
    portrait = docx.Document(io.BytesIO(docx_bytes(Document("t", date(2018, 3, 31), (
        Block(Kind.P, "正文"), Block(Kind.ATTACHMENT, "附件"))))))
    assert portrait.paragraphs[-1].paragraph_format.page_break_before is True


def test_core_properties_are_fixed(word: Any) -> None:
    core = word.core_properties
    assert (core.title, core.author, core.revision) == (TITLE, "zwxt", 1)
    assert core.created.isoformat().startswith("2018-03-31T00:00:00")
    assert core.modified == core.created
    assert core.last_printed is None


def test_same_document_gives_the_same_bytes(data: bytes) -> None:
    assert docx_bytes(DOCUMENT) == data
    entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in {e.filename for e in entries}


def soffice_pdf(docx_path: Path, out_dir: Path) -> Path:
    """The file printed by LibreOffice with the official font names aliased to free faces."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx_path)],
                   check=True, capture_output=True, timeout=180, env=env)
    return out_dir / (docx_path.stem + ".pdf")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler-utils are not installed")
@pytest.mark.slow
def test_libreoffice_prints_it(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    pdf = soffice_pdf(path, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    squeezed = "".join(text.split())  # LibreOffice spreads text on a character grid: spaces come and go
    assert TITLE in squeezed
    assert "A&B<C>D|E*F" in squeezed
    pages = text.split("\f")
    assert [page.replace(" ", "").count("—") for page in pages if page.strip()] == [2, 2, 2]


def test_unusual_input_still_gives_a_readable_file() -> None:
    table = Block(Kind.TABLE, widths=(1, 1), rows=(("a\tb", "响铃\x07"), ("short row",)))
    blocks = (Block(Kind.LANDSCAPE), table, table, Block(Kind.PORTRAIT), Block(Kind.PORTRAIT),
              Block(Kind.P, "\n\n  两端有空白  \n"))
    word = docx.Document(io.BytesIO(docx_bytes(Document("t", date(2018, 3, 31), blocks))))
    assert [mm(s.page_width) for s in word.sections] == [297, 210, 210]
    assert len(word.tables) == 2 and word.tables[0].cell(0, 1).text == "响铃"
    assert word.tables[0].cell(0, 0).text == "a\tb" and word.tables[0].cell(1, 1).text == ""
    assert word.paragraphs[-1].text == "两端有空白"
    empty = docx.Document(io.BytesIO(docx_bytes(Document("t", date(2018, 3, 31), ()))))
    assert len(empty.paragraphs) == 1 and len(empty.sections) == 1


def long_document(lines: int) -> Document:
    text = "\n\n".join(f"第{n}段" for n in range(lines))
    return Document("t", date(2018, 3, 31), (
        Block(Kind.TITLE, "t"), Block(Kind.P, text), TABLE, Block(Kind.LANDSCAPE), Block(Kind.P, text),
        TABLE, Block(Kind.PORTRAIT), Block(Kind.P, text)))


@pytest.mark.slow
def test_many_paragraphs_stay_in_order_before_the_last_section_properties() -> None:
    word = docx.Document(io.BytesIO(docx_bytes(long_document(3000))))
    body = word.element.body
    assert body[-1].tag == qn("w:sectPr") and len(body.findall(qn("w:sectPr"))) == 1
    lines = [f"第{n}段" for n in range(3000)]
    texts = [p.text for p in word.paragraphs]
    assert texts == ["t", *lines, "", *lines, "", *lines]  # "": the spacers carrying section breaks
    assert [child.tag for child in body].count(qn("w:tbl")) == 2
    assert [mm(s.page_width) for s in word.sections] == [210, 297, 210]


def test_body_is_not_searched_again_for_each_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx's add_p finds the body's sectPr by a scan of all its children, which made a
    long report quadratic; the writer inserts before the sectPr it holds instead."""
    from docx.oxml.xmlchemy import BaseOxmlElement

    searches = 0
    original = BaseOxmlElement.first_child_found_in

    def counted(self: Any, *tags: str) -> Any:
        nonlocal searches
        searches += self.tag == qn("w:body")
        return original(self, *tags)

    monkeypatch.setattr(BaseOxmlElement, "first_child_found_in", counted)
    counts = []
    for lines in (10, 2000):
        searches = 0
        docx_bytes(long_document(lines))
        counts.append(searches)
    assert counts[0] == counts[1] <= 2
