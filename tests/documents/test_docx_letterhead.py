"""The letter format (信函格式, GB/T 9704-2012 10.1) of ``@letterhead``, read back from the DOCX XML."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import docx
from docx.oxml.ns import qn

from zwxt.documents.document import Block, Kind, parse_outline
from zwxt.documents.document_files import Document
from zwxt.documents.docx_writer import docx_bytes
from zwxt.documents.markdown_writer import markdown_text

ISSUER = "江门市网络信息统筹局"
LETTER = (
    Block(Kind.LETTERHEAD, ISSUER),
    Block(Kind.TITLE, "关于督促加快推进\n政务信息系统整合共享工作的通知"),
    Block(Kind.TO, "市公安局："),
    Block(Kind.P, "正文。"),
    Block(Kind.SIGNATURE, f"{ISSUER}\n2018年4月10日"),
)


def written(*blocks: Block) -> Any:
    return docx.Document(io.BytesIO(docx_bytes(Document("通知", date(2018, 4, 10), blocks))))


def run_properties(paragraph: Any) -> dict[str, str]:
    properties = paragraph.runs[0]._r.rPr
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in properties}


def test_the_issuers_name_is_centred_in_red_xiaobiaosong() -> None:
    head = written(*LETTER).paragraphs[0]
    assert (head.text, head.style.name) == (ISSUER, "zwxt 发文机关标志")
    assert run_properties(head) == {"color": "FF0000", "sz": "72", "szCs": "72"}  # 小初, 36 pt
    style = head.style.element
    assert style.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert style.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"


def test_a_red_double_rule_thick_over_thin_170_mm_long_lies_under_it() -> None:
    head = written(*LETTER).paragraphs[0]
    properties = head._p.pPr
    bottom = properties.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (bottom.get(qn("w:val")), bottom.get(qn("w:color"))) == ("thickThinSmallGap", "FF0000")
    assert bottom.get(qn("w:space")) == "11"  # about 4 mm under the name
    indent = properties.find(qn("w:ind"))
    # 7 mm past the 156 mm text on either side: the standard's 170 mm
    assert indent.get(qn("w:left")) == indent.get(qn("w:right")) == "-397"
    tags = [child.tag.split("}")[1] for child in properties]
    assert tags == ["pStyle", "pBdr", "ind"]  # in the schema's order


def test_the_title_stands_two_lines_under_the_rule() -> None:
    texts = [p.text for p in written(*LETTER).paragraphs]
    assert texts[:6] == [ISSUER, "", "", "关于督促加快推进", "政务信息系统整合共享工作的通知", ""]


def test_the_first_page_has_no_page_number_and_later_ones_do() -> None:
    data = docx_bytes(Document("通知", date(2018, 4, 10), LETTER))
    word = docx.Document(io.BytesIO(data))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_footer
    assert not first.is_linked_to_previous
    assert "PAGE" not in first._element.xml and first.paragraphs[0].text == ""
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(name.startswith("word/footer") for name in names) == 3


def test_a_document_without_a_letterhead_keeps_a_number_on_its_first_page() -> None:
    section = written(Block(Kind.TITLE, "报告"), Block(Kind.P, "正文。")).sections[0]
    assert not section.different_first_page_header_footer


def test_joint_issuers_share_one_rule() -> None:
    blocks = parse_outline("@letterhead 江门市网络信息统筹局\n@letterhead 江门市审计局\n@title 通知", "t")
    assert blocks[0] == Block(Kind.LETTERHEAD, "江门市网络信息统筹局\n江门市审计局")
    first, second = written(*blocks).paragraphs[:2]
    assert (first.text, second.text) == ("江门市网络信息统筹局", "江门市审计局")
    assert first._p.pPr.find(qn("w:pBdr")) is None
    assert second._p.pPr.find(qn("w:pBdr")) is not None


def test_a_long_name_shrinks_to_fit_one_line_but_not_below_2hao() -> None:
    fits = "江" * 15  # 15 characters of 29 pt fill the 442 pt line
    too_long = "江" * 30
    sizes = [run_properties(written(Block(Kind.LETTERHEAD, name)).paragraphs[0])["sz"]
             for name in (fits, too_long)]
    assert sizes == ["58", "44"]


def test_markdown_shows_the_issuer_over_a_rule() -> None:
    text = markdown_text(Document("通知", date(2018, 4, 10), LETTER[:2]))
    assert text == f"**{ISSUER}**\n\n---\n\n# 关于督促加快推进政务信息系统整合共享工作的通知\n"


def test_the_same_letter_gives_the_same_bytes() -> None:
    document = Document("通知", date(2018, 4, 10), LETTER)
    assert docx_bytes(document) == docx_bytes(document)
