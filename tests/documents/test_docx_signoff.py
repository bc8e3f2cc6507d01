"""落款, 附注 and 主送 as GB/T 9704 places them (7.3.5.2, 7.3.5.4, 7.2.4), read back from the DOCX."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from zwxt.documents.document import Block, Kind, parse_outline
from zwxt.documents.document_files import Document
from zwxt.documents.docx_writer import docx_bytes
from zwxt.documents.markdown_writer import markdown_text


def written(*blocks: Block) -> Any:
    return docx.Document(io.BytesIO(docx_bytes(Document("标题", date(2018, 3, 31), blocks))))


def right_chars(paragraph: Any) -> int:
    return int(paragraph._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))


def keeps_with_next(paragraph: Any) -> bool:
    return paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:keepNext")) is not None


def test_the_outline_joins_consecutive_signature_lines_into_one_sign_off() -> None:
    outline = "@p 正文。\n@signature 市审计局\n@signature 2018年3月31日\n@addendum （联系人：张三）"
    blocks = parse_outline(outline, "t")
    assert [(b.kind, b.text) for b in blocks] == [
        (Kind.P, "正文。"), (Kind.SIGNATURE, "市审计局\n2018年3月31日"), (Kind.ADDENDUM, "（联系人：张三）")]


@pytest.mark.parametrize(("issuer", "issuer_right", "date_right"), [
    # 12 characters over a date 6.5 wide (four half-width digits, 年, one digit, 月, two digits, 日):
    # the issuer stands 2 from the edge, the date starts 2 further right, so 12 - 6.5 - 2 + 2 = 5.5.
    ("江门市政务服务数据管理局", 200, 550),
    # 4 characters: the date is longer than that allows, so it stands 2 from the edge and the
    # issuer moves left to start 2 before it: 2 + 6.5 + 2 - 4 = 6.5.
    ("市审计局", 650, 200),
])
def test_the_date_starts_two_characters_right_of_the_issuer(issuer: str, issuer_right: int,
                                                             date_right: int) -> None:
    word = written(Block(Kind.P, "正文最后一段。"), Block(Kind.SIGNATURE, f"{issuer}\n2018年3月31日"))
    body, blank, name, day = word.paragraphs
    assert (blank.text, name.text, day.text) == ("", issuer, "2018年3月31日")
    assert name.style.name == day.style.name == "zwxt 落款"
    assert word.styles["zwxt 落款"].element.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "right"
    assert (right_chars(name), right_chars(day)) == (issuer_right, date_right)
    assert int(name._p.pPr.find(qn("w:ind")).get(qn("w:right"))) == issuer_right * 320 // 100


def test_the_sign_off_is_kept_on_the_page_of_the_last_paragraph() -> None:
    word = written(Block(Kind.P, "第一段。"), Block(Kind.P, "最后一段。"),
                   Block(Kind.SIGNATURE, "市审计局\n2018年3月31日"), Block(Kind.ADDENDUM, "（联系人：张三）"))
    first, last, blank, name, day, note = word.paragraphs
    assert not keeps_with_next(first)
    assert all(keeps_with_next(p) for p in (last, blank, name, day))
    assert note.text == "（联系人：张三）" and note.style.name == "zwxt 附注"
    assert not keeps_with_next(note)


def test_an_addressee_stands_flush_left_one_line_under_the_title() -> None:
    word = written(Block(Kind.TITLE, "关于督办的通知"), Block(Kind.TO, "台山市人民政府："),
                   Block(Kind.P, "正文。"))
    title, blank, to, body = word.paragraphs
    assert (blank.text, to.text, to.style.name) == ("", "台山市人民政府：", "zwxt 主送")
    indent = word.styles["zwxt 主送"].element.find(qn("w:pPr")).find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "0"


def test_markdown_gives_each_line_of_the_sign_off_its_own_paragraph() -> None:
    text = markdown_text(Document("标题", date(2018, 3, 31), (
        Block(Kind.TO, "台山市人民政府："), Block(Kind.SIGNATURE, "市审计局\n2018年3月31日"),
        Block(Kind.ADDENDUM, "（联系人：张三，电话：0750-1234567）"))))
    assert text == "台山市人民政府：\n\n市审计局\n\n2018年3月31日\n\n（联系人：张三，电话：0750-1234567）\n"


def test_the_attachment_note_and_sign_off_never_stand_on_a_page_without_text() -> None:
    word = written(Block(Kind.P, "第一段。"), Block(Kind.P, "最后一段。"),
                   Block(Kind.NOTE, "附件：任务分工表"), Block(Kind.SIGNATURE, "市审计局\n2018年3月31日"))
    first, last, blank, note, blank_again, name, day = word.paragraphs
    assert (note.text, blank.text, blank_again.text) == ("附件：任务分工表", "", "")
    assert not keeps_with_next(first)
    assert all(keeps_with_next(p) for p in (last, blank, note, blank_again, name))


def test_an_issuer_too_long_for_its_line_is_kept_inside_the_margins() -> None:
    issuer = "中共江门市委网络安全和信息化委员会办公室江门市网络信息统筹局"  # 30 characters
    word = written(Block(Kind.P, "正文。"), Block(Kind.SIGNATURE, f"{issuer}\n2018年3月31日"))
    body, blank, name, day = word.paragraphs
    # the issuer wraps from the left margin; the date stands two characters from the right edge
    assert (right_chars(name), right_chars(day)) == (0, 200)


def test_an_issuer_that_fits_its_line_only_closer_to_the_edge_moves_right() -> None:
    issuer = "网" * 27  # two from the right edge it would start one character left of the margin
    word = written(Block(Kind.P, "正文。"), Block(Kind.SIGNATURE, f"{issuer}\n2018年3月31日"))
    body, blank, name, day = word.paragraphs
    assert (right_chars(name), right_chars(day)) == (100, 200)
