"""Word and Excel tables read as grids: merged cells resolved, bad files refused by name."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.annex1 import annex1_rows, write_docx, write_xlsx
from zwxt.office import office_tables
from zwxt.office.office_tables import DocumentError, read_tables


def _merged_docx(path: Path) -> Path:
    """序号 | 任务 | 责任单位 (牵头 | 配合) | 完成时间 over two header rows; a lead merged down two rows."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    for c, text in enumerate(["序号", "工作任务", "责任单位", "", "完成时间"]):
        table.cell(0, c).text = text
    table.cell(1, 2).text = "牵头单位"
    table.cell(1, 3).text = "配合单位"
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(0, 4).merge(table.cell(1, 4))
    table.cell(0, 2).merge(table.cell(0, 3)).text = "责任单位"
    for r, row in enumerate([["1", "任务一", "市网信统筹局", "市审计局", "2018年6月底前"],
                             ["2", "任务二", "", "市公安局", "2018年12月底前"],
                             ["3", "任务三", "市审计局", "", "2018年底前"]], start=2):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(2, 2).merge(table.cell(3, 2))
    table.cell(4, 3).text = "市网信\n统筹局"  # a paragraph break inside the cell
    document.save(str(path))
    return path


def test_a_word_tables_merged_cells_stand_in_every_grid_cell_they_cover(tmp_path: Path) -> None:
    [table] = read_tables(_merged_docx(tmp_path / "分工表.docx"))
    rows = [row.cells for row in table.rows]
    assert rows[0] == ("序号", "工作任务", "责任单位", "责任单位", "完成时间")
    assert rows[1] == ("序号", "工作任务", "牵头单位", "配合单位", "完成时间")
    assert rows[2][2] == rows[3][2] == "市网信统筹局"  # merged down
    assert rows[4][3] == "市网信\n统筹局"
    assert [row.number for row in table.rows] == [1, 2, 3, 4, 5]
    assert table.row_place(3, alone=True) == "表格第3行"
    assert table.row_place(3, alone=False) == "第1个表格第3行"
    assert table.column_place(3) == ""


def test_line_breaks_in_a_word_cell_are_kept_for_the_reader(tmp_path: Path) -> None:
    rows = annex1_rows()
    [table] = read_tables(write_docx(tmp_path / "a.docx", rows))
    assert table.rows[7].cells[2] == "市网信\n统筹局"
    assert [list(row.cells) for row in table.rows] == rows


def test_an_excel_sheets_merged_ranges_and_numbers_read_as_excel_shows_them(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "分工"
    sheet.append(["任务分工表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["完成时间", "序号", "重点任务", "责任单位"])
    sheet.append([datetime.datetime(2018, 6, 30), 1.0, "任务一", "市审计局"])
    sheet.append([None, 2, "任务二", None])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("D3:D4")
    workbook.save(str(tmp_path / "分工表.xlsx"))
    [table] = read_tables(tmp_path / "分工表.xlsx")
    rows = [row.cells for row in table.rows]
    assert rows[0] == ("任务分工表",) * 4
    assert rows[2] == ("2018-06-30", "1", "任务一", "市审计局")
    assert rows[3] == ("2018-06-30", "2", "任务二", "市审计局")
    assert table.row_place(4, alone=True) == "工作表「分工」第4行"
    assert table.column_place(27) == "（AB列）"


@pytest.mark.parametrize(("content", "says"), [
    (b"just text\n", "不是 Word（.docx）或 Excel（.xlsx）文件"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"), "密码"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "WordDocument".encode("utf-16-le"), "旧版"),
    (b"", "不是 Word"),
])
def test_a_file_that_is_no_word_or_excel_file_is_refused_by_name(tmp_path: Path, content: bytes,
                                                                  says: str) -> None:
    path = tmp_path / "分工表.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_tables(path)
    assert caught.value.message.startswith("分工表.docx")
    assert says in caught.value.message
    assert caught.value.hint


def test_a_zip_of_something_else_an_opendocument_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    with zipfile.ZipFile(tmp_path / "b.docx", "w") as archive:
        archive.writestr("content.xml", "<x/>")
    for name, says in (("a.docx", "不是 Word"), ("b.docx", "OpenDocument"), ("c.docx", "无法读取 c.docx")):
        with pytest.raises(DocumentError, match=says):
            read_tables(tmp_path / name)
    with pytest.raises(DocumentError, match="不是文件"):
        read_tables(tmp_path)


def test_a_broken_word_package_is_refused_not_a_traceback(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "a.docx", "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    with pytest.raises(DocumentError, match="无法作为 Word 文档读取"):
        read_tables(tmp_path / "a.docx")
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-closed")
    with pytest.raises(DocumentError, match="无法作为 Excel 工作簿读取"):
        read_tables(tmp_path / "b.xlsx")


def test_huge_files_and_zip_bombs_are_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_docx(tmp_path / "a.docx", annex1_rows())
    monkeypatch.setattr(office_tables, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DocumentError, match="超过了可读取的"):
        read_tables(path)
    monkeypatch.setattr(office_tables, "MAX_FILE_BYTES", 10 ** 9)
    monkeypatch.setattr(office_tables, "MAX_XML_BYTES", 1000)
    with pytest.raises(DocumentError, match="解压后超过"):
        read_tables(path)


def test_what_a_file_is_is_told_by_its_content_not_its_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "分工表.docx", annex1_rows())
    [table] = read_tables(path)
    assert table.kind == "xlsx"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_a_table_re_saved_by_libreoffice_reads_the_same(tmp_path: Path, suffix: str) -> None:
    rows = annex1_rows()
    original = (write_docx if suffix == "docx" else write_xlsx)(tmp_path / f"分工表.{suffix}", rows)
    out = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", suffix,
                    "--outdir", str(out), str(original)], check=True, capture_output=True, timeout=180)
    resaved = out / original.name
    assert resaved.read_bytes() != original.read_bytes()
    assert [t.rows for t in read_tables(resaved)] == [t.rows for t in read_tables(original)]


def test_a_word_file_is_read_through_the_guards_of_every_word_file(tmp_path: Path) -> None:
    """The task table's reader opens Word files as import report does: parts named twice,
    entities in the XML and passwords are refused alike (office.docx_reader.document_root)."""
    import warnings

    path = write_docx(tmp_path / "a.docx", annex1_rows())
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    twice = tmp_path / "twice.docx"
    with warnings.catch_warnings(), zipfile.ZipFile(twice, "w") as archive:
        warnings.simplefilter("ignore")  # (zipfile warns of the duplicate name it is asked to write)
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr("word/document.xml", b"<w:document/>")
    with pytest.raises(DocumentError, match="两个同名的部分"):
        read_tables(twice)
    laughs = tmp_path / "laughs.docx"
    entity = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b'<w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
              b'</w:body></w:document>')
    with zipfile.ZipFile(laughs, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, entity if name == "word/document.xml" else data)
    [table] = read_tables(laughs)
    assert [row.cells for row in table.rows] == [("",)]  # the entity is never expanded
