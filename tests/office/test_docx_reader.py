"""The Word reader: text inside content controls, placeholders, tracked deletions, merged cells."""

from __future__ import annotations

import io
import zipfile

from zwxt.office.docx_reader import Cell, Paragraph, Table, read_docx

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
    return buffer.getvalue()


def test_text_in_a_content_control_is_read_and_a_placeholder_is_not() -> None:
    body = ("<w:p><w:r><w:t>状态：</w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>推进中</w:t></w:r>"
            "</w:sdtContent></w:sdt></w:p>"
            "<w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>请选择</w:t></w:r>"
            "</w:sdtContent></w:sdt></w:p>"
            "<w:p><w:r><w:t>留下</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
            "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>")
    blocks = read_docx(_docx(body)).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["状态：推进中", "", "留下\ta\nb"]


def test_merged_cells_keep_the_columns_in_place_and_a_drop_down_has_its_choices() -> None:
    body = ("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>"
            "<w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr>"
            "<w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>"
            "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
            "<w:tr><w:tc><w:sdt><w:sdtPr><w:dropDownList>"
            "<w:listItem w:displayText='未启动' w:value='未启动'/>"
            "<w:listItem w:displayText='推进中' w:value='推进中'/>"
            "</w:dropDownList></w:sdtPr><w:sdtContent>"
            "<w:p><w:r><w:t>推进中</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:tbl>")
    [table] = read_docx(_docx(body)).blocks
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [["甲", "", "乙"], ["", "", ""], ["推进中"]]
    assert table.rows[2][0] == Cell("推进中", ("未启动", "推进中"))


def test_entities_are_not_expanded() -> None:
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("word/document.xml",
                         '<?xml version="1.0"?>'
                         '<!DOCTYPE d [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;">]>'
                         f'<w:document {_W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
                         '</w:body></w:document>')
    [paragraph] = read_docx(evil.getvalue()).blocks
    assert isinstance(paragraph, Paragraph) and "AAAA" not in paragraph.text
