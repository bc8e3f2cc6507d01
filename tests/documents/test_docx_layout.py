"""A Word file that can be submitted as it is: table rows whole on a page, names and deadlines whole
in their columns, 28 characters a line, and a package Word 2013 and later open without 兼容模式.

Expected values are worked out here from the page and the characters, not taken from the writer.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from docx.oxml.ns import nsmap, qn
from lxml import etree

from zwxt.documents.document import Block, Kind
from zwxt.documents.document_files import Document
from zwxt.documents.docx_writer import docx_bytes

HEADER = ("序号", "工作任务", "牵头单位", "配合单位", "完成时间", "进展情况")
ROWS = (
    ("1", "开展对市直有关部门的政务信息系统审计，实现部门全覆盖，全面摸清各部门政务信息系统的底数。",
     "市审计局", "市直有关部门", "2017年12月底前", "已完成（2017年12月27日）；完成单位1/1"),
    ("6", "将网络整合后的政务信息系统和数据资源按必要程序审核或评测审批后，接入江门市政务大数据管理平台。",
     "市网信统筹局、市委机要局", "市直有关部门", "2018年6月底前", "推进中；完成单位0/2"),
    ("18", "统筹建设全市统一“政务云”平台，构建集约共享的信息化应用支撑体系。", "市网信统筹局",
     "各市（区）政府、市直有关部门", "2018年12月底前", "推进中；完成单位0/1"),
)
TABLE = Block(Kind.TABLE, widths=(1.2, 5, 2.4, 2.6, 1.8, 5), centred=frozenset({0}), rows=(HEADER, *ROWS))
DOCUMENT = Document("t", date(2018, 3, 31), (
    Block(Kind.TITLE, "关于2018年3月工作进展情况的报告"), Block(Kind.P, "正文。"), Block(Kind.LANDSCAPE),
    Block(Kind.ATTACHMENT, "附件"), Block(Kind.TITLE, "任务分工表及进展情况"), TABLE, Block(Kind.PORTRAIT),
    Block(Kind.P, "附件之后的正文。"),
))

EM = 240  # twips: one em of the tables' 12 pt
MARGINS = 2 * 108  # the cells' left and right margins
PORTRAIT_LINE = 11906 - 1587 - 1474  # A4 less 28 and 26 mm, in twips: 442.25 pt
LANDSCAPE_LINE = 16838 - 1984 - 2098  # 297 mm less 35 and 37 mm: 637.8 pt


@pytest.fixture(scope="module")
def data() -> bytes:
    return docx_bytes(DOCUMENT)


@pytest.fixture(scope="module")
def word(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> Any:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def column_widths(word: Any) -> list[int]:
    (table,) = word.tables
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_no_row_splits_across_pages(word: Any) -> None:
    (table,) = word.tables
    for row in table.rows:
        properties = [child.tag for child in row._tr.trPr]
        assert properties[0] == qn("w:cantSplit")  # before tblHeader, as the schema orders them
    assert [child.tag for child in table.rows[0]._tr.trPr] == [qn("w:cantSplit"), qn("w:tblHeader")]


@pytest.mark.parametrize(("column", "text", "ems"), [
    (4, "2017年12月底前", 4 + 6 / 2),  # 年 月 底 前 and six digits
    (4, "2018年12月底前", 4 + 6 / 2),
    (2, "市网信统筹局", 6),
    (2, "市网信统筹局、", 7),  # no line starts with 、, so it stays on the name's line
    (3, "各市（区）政府、", 8),
])
def test_names_and_deadlines_fit_whole_in_their_column(word: Any, column: int, text: str, ems: float) -> None:
    assert column_widths(word)[column] >= ems * EM + MARGINS, text


def test_a_cell_of_two_names_wraps_between_them(word: Any) -> None:
    """At 7 to 7.9 em 市网信统筹局、 fills the first line and 市委机要局 takes the second; from
    8 em on, 市 would join the first line."""
    text_ems = (column_widths(word)[2] - MARGINS) / EM
    assert 7 <= text_ems < 8 or text_ems >= 12


def test_columns_fill_the_landscape_text_width(word: Any) -> None:
    widths = column_widths(word)
    assert sum(widths) == LANDSCAPE_LINE
    assert widths[1] > widths[2] and widths[5] > widths[2]  # the long texts get the room that is left
    assert widths[0] < 3 * EM + MARGINS  # 序号 is as narrow as its header


def test_serial_numbers_are_centred_and_other_cells_follow_their_style(word: Any) -> None:
    (table,) = word.tables

    def alignment(cell: Any) -> str | None:
        found = cell.paragraphs[0]._p.find(qn("w:pPr") + "/" + qn("w:jc"))
        return None if found is None else found.get(qn("w:val"))

    assert [alignment(row.cells[0]) for row in table.rows[1:]] == ["center"] * len(ROWS)
    assert {alignment(cell) for row in table.rows for cell in row.cells[1:]} == {None}
    assert alignment(table.rows[0].cells[0]) is None  # the header style centres every header cell
    assert table.rows[0].cells[0].paragraphs[0].style.name == "zwxt 表头"


def expected_char_space(text_width: int, characters: int) -> int:
    """charSpace for ``characters`` of 16 pt text on the line, rounded so that they all fit."""
    pitch_pt = text_width / 20 / characters
    return math.floor((pitch_pt - 16) * 4096)


def test_a_portrait_line_holds_28_characters_and_a_landscape_line_40(word: Any) -> None:
    grids = [s._sectPr.find(qn("w:docGrid")) for s in word.sections]
    assert [(g.get(qn("w:type")), g.get(qn("w:linePitch"))) for g in grids] == [("linesAndChars", "579")] * 3
    spaces = [int(g.get(qn("w:charSpace"))) for g in grids]
    assert spaces == [expected_char_space(PORTRAIT_LINE, 28), expected_char_space(LANDSCAPE_LINE, 40),
                      expected_char_space(PORTRAIT_LINE, 28)]
    assert spaces[:2] == [-842, -226]
    assert abs(spaces[0] - (-849)) < 10  # docs/docx-format.md's 442.2 pt / 28 ≈ 15.79 pt → about −849
    for space, line, count in ((spaces[0], PORTRAIT_LINE, 28), (spaces[1], LANDSCAPE_LINE, 40)):
        pitch = 16 + space / 4096
        assert math.floor(line / 20 / pitch) == count  # Word's count: the line over the pitch


def test_titles_and_tables_stay_off_the_grid(word: Any) -> None:
    for name in ("zwxt 标题", "zwxt 表格", "zwxt 表头", "zwxt 页码"):
        snap = word.styles[name].element.find(qn("w:pPr") + "/" + qn("w:snapToGrid"))
        assert snap is not None and snap.get(qn("w:val")) == "0", name


def test_word_2013_layout_not_compatibility_mode(data: bytes) -> None:
    settings = part(data, "word/settings.xml")
    [mode] = settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']", namespaces=nsmap)
    assert mode.get(qn("w:val")) == "15"


def test_app_properties_name_zwxt_and_claim_no_counts(data: bytes) -> None:
    app = part(data, "docProps/app.xml")
    namespace = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert [(child.tag.removeprefix(namespace), child.text) for child in app] == [
        ("Application", "zwxt"), ("DocSecurity", "0")]


def test_font_table_classes_xiaobiaosong_as_a_serif_face(data: bytes) -> None:
    fonts = {font.get(qn("w:name")): font.find(qn("w:family")).get(qn("w:val"))
             for font in part(data, "word/fontTable.xml")}
    assert fonts["方正小标宋简体"] == "roman"
    assert fonts["宋体"] == "auto" and fonts["Times New Roman"] == "roman"


def test_no_automatic_space_between_chinese_and_latin_text(word: Any) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    assert [(child.tag, child.get(qn("w:val"))) for child in defaults][:2] == [
        (qn("w:autoSpaceDE"), "0"), (qn("w:autoSpaceDN"), "0")]
    assert defaults[-1].tag == qn("w:spacing")  # autoSpace* come before spacing in CT_PPrBase
