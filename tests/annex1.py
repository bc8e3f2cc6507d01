"""The Jiangmen Annex-1 table (tests/plans/annex1.txt, typed from the source document) as
rows, and as Word and Excel files built by python-docx and openpyxl the way offices make them."""

from __future__ import annotations

from pathlib import Path

ANNEX1 = Path(__file__).resolve().parent / "plans" / "annex1.txt"


def annex1_rows() -> list[list[str]]:
    """The header and the 18 rows; a cell's line breaks (``市网信\\n统筹局``) kept as in the source."""
    rows: list[list[str]] = []
    current: list[str] = []
    for line in ANNEX1.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t"):
            current.append(line[1:])
        elif not line.strip():
            if current:
                rows.append(current)
            current = []
        elif current:  # the source's line break inside a cell
            current[-1] += "\n" + line
    if current:
        rows.append(current)
    assert len(rows) == 19 and all(len(row) == 5 for row in rows), [len(r) for r in rows]
    return rows


def write_docx(path: Path, rows: list[list[str]], header_rows: int = 1, repeat_every: int = 0) -> Path:
    """A Word table of ``rows``; the header's rows are written again every ``repeat_every``
    body rows, as a table pasted from a PDF has them on each page. Line breaks in a cell
    are line breaks (``w:br``)."""
    import docx

    header, body = rows[:header_rows], rows[header_rows:]
    laid: list[list[str]] = list(header)
    for index, row in enumerate(body):
        if repeat_every and index and index % repeat_every == 0:
            laid.extend(header)
        laid.append(row)
    document = docx.Document()
    document.add_paragraph("附件1")
    document.add_paragraph("任务分工表")
    table = document.add_table(rows=len(laid), cols=len(rows[0]))
    for r, row in enumerate(laid):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            for i, line in enumerate(text.split("\n")):
                run = paragraph.add_run(line)
                if i < len(text.split("\n")) - 1:
                    run.add_break()
    document.save(str(path))
    return path


def write_xlsx(path: Path, rows: list[list[str]], order: list[int] | None = None, title: str = "") -> Path:
    """An Excel sheet of ``rows`` with its columns in ``order`` (indexes into each row);
    ``title`` in a first row merged across the table."""
    import openpyxl

    order = order or list(range(len(rows[0])))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "附件1"
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(order))
    for row in rows:
        sheet.append([row[i] for i in order])
    workbook.save(str(path))
    return path
