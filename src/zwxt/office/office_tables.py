"""The tables of a Word (.docx) or Excel (.xlsx) file as grids of text, merged cells resolved.

A table is read as the person looking at it sees it: a merged cell's text stands in every
grid cell it covers (across and down), and rows are numbered as Word and Excel number
them. What a file is, is told by its content, not its name; a file that is none of the
two (an old .doc, a password-protected one, a zip of something else, one too big) is a
``DocumentError`` naming it, said in Chinese.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zwxt.errors import ZwxtError, os_problem

# A task table is a few hundred kilobytes; a Word file with photographs some megabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
# What the file's XML may unpack to: past this it is a zip bomb, or no task table.
MAX_XML_BYTES = 40 * 1024 * 1024
# Rows and columns of one table or sheet that are read at most.
MAX_ROWS, MAX_COLUMNS = 20_000, 200

# An OLE compound file: an old .doc/.xls, or an Office file encrypted with a password.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class DocumentError(ZwxtError):
    """A file given to read as Word or Excel cannot be read as one: exit 1, as a broken file
    is to every command (``zwxt import report``'s unreadable Word file, ``zwxt check``'s YAML)."""

    exit_code = 1


@dataclass(frozen=True)
class Row:
    number: int  # as Word or Excel numbers it, from 1
    cells: tuple[str, ...]  # the text of each grid column, merged cells resolved


@dataclass(frozen=True)
class Table:
    """One table of a Word file, or one sheet of an Excel file."""

    kind: str  # "docx" or "xlsx"
    name: str  # the sheet's name; for Word, the table's number from 1
    rows: tuple[Row, ...]

    def row_place(self, number: int, alone: bool) -> str:
        """``表格第5行``, ``第2个表格第5行`` (``alone``: the only table read), ``工作表「Sheet1」第5行``."""
        if self.kind == "xlsx":
            return f"工作表「{self.name}」第{number}行"
        return f"表格第{number}行" if alone else f"第{self.name}个表格第{number}行"

    def column_place(self, index: int) -> str:
        """The column as the program names it: ``（D列）`` in Excel, nothing in Word."""
        return f"（{column_letter(index)}列）" if self.kind == "xlsx" else ""


def column_letter(index: int) -> str:
    """Excel's name of the 0-based column ``index``: A, …, Z, AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class NotAFileError(Exception):
    """What was given is a folder, a pipe or a device, not a file."""


def office_file_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the file a user gave (a Word or Excel file), at most ``limit + 1`` of them.

    Opened without waiting (a pipe opened for reading would wait for a writer) and judged by
    what was opened, not by a look before: NotAFileError for anything but a regular file,
    OSError as the system says it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotAFileError(path)
        return handle.read(limit + 1)


def read_tables(path: Path) -> list[Table]:
    """Every table of the Word file or sheet of the Excel file at ``path``, in order."""
    name = path.name
    try:
        raw = office_file_bytes(path, MAX_FILE_BYTES)
    except NotAFileError:
        raise DocumentError(f"{name} 不是文件", "请给出 Word（.docx）或 Excel（.xlsx）文件") from None
    except OSError as exc:
        reason, hint = os_problem(exc, path, writing=False)
        raise DocumentError(f"无法读取 {name}：{reason}", hint) from None
    if len(raw) > MAX_FILE_BYTES:
        try:
            size = os.stat(path).st_size  # (what the file has, not what was read of it)
        except OSError:
            size = len(raw)
        raise DocumentError(f"{name} 有 {size // (1024 * 1024)} MB，超过了可读取的 "
                            f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
                            "任务分工表不会这么大：请另存一份只含该表格的文件再导入")
    if raw.startswith(_COMPOUND_FILE):
        raise _compound_file_error(name, raw)
    kind = _kind(raw, name)
    if kind == "docx":
        from zwxt.office.docx_tables import docx_tables

        return docx_tables(path, raw)
    from zwxt.office.xlsx_tables import xlsx_tables

    return xlsx_tables(path)


def _compound_file_error(name: str, raw: bytes) -> DocumentError:
    if _ENCRYPTED_STREAM in raw:
        return DocumentError(f"{name} 设有打开密码（已加密），无法读取",
                             "请在 Word、WPS 或 Excel 中打开它，取消密码后另存，再导入")
    return DocumentError(f"{name} 是旧版的 Word（.doc）或 Excel（.xls）文件，无法读取",
                         "请在 Word、WPS 或 Excel 中打开它，另存为 .docx 或 .xlsx，再导入")


_NOT_OFFICE_HINT = ("请给出 Word（.docx）或 Excel（.xlsx）文件；"
                    "其他格式请先在 Word、WPS 或 Excel 中另存为这两种之一")


def _kind(raw: bytes, name: str) -> str:
    """``docx`` or ``xlsx``, by what the zip ``raw`` holds; anything else is a DocumentError."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocumentError(f"{name} 不是 Word（.docx）或 Excel（.xlsx）文件，或者文件已损坏",
                            _NOT_OFFICE_HINT) from None
    names = {entry.filename for entry in entries}
    unpacked = sum(entry.file_size for entry in entries if not entry.filename.startswith(("word/media/",
                                                                                           "xl/media/")))
    if unpacked > MAX_XML_BYTES:
        raise DocumentError(f"{name} 解压后超过 {MAX_XML_BYTES // (1024 * 1024)} MB，"
                            "不像是任务分工表，没有读取",
                            "请另存一份只含任务分工表的文件再导入")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        raise DocumentError(f"{name} 是 OpenDocument（WPS/LibreOffice 的 .odt、.ods）文件，无法直接读取",
                            "请在 WPS 或 LibreOffice 中另存为 .docx 或 .xlsx，再导入")
    raise DocumentError(f"{name} 不是 Word（.docx）或 Excel（.xlsx）文件", _NOT_OFFICE_HINT)
