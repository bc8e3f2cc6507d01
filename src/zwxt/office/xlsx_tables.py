"""The sheets of an Excel workbook as grids of text: merged ranges resolved.

openpyxl is imported here only, when a workbook is read. Values are what Excel shows
when it last saved the file (``data_only``: a formula's cached result); a merged range's
text stands in every cell it covers; a number is written as Excel shows a whole number
(``1``, not ``1.0``) and a date as ``2018-06-30``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from zwxt.errors import os_problem
from zwxt.office.office_tables import MAX_COLUMNS, MAX_ROWS, DocumentError, Row, Table


def xlsx_tables(path: Path) -> list[Table]:
    """Every worksheet of the workbook, in the order of its tabs."""
    import openpyxl

    try:
        # a file object, not a name: openpyxl would refuse a workbook not named .xlsx
        with path.open("rb") as handle:
            workbook = openpyxl.load_workbook(handle, data_only=True)
    except OSError as exc:
        reason, hint = os_problem(exc, path, writing=False)
        raise DocumentError(f"无法读取 {path.name}：{reason}", hint) from None
    except Exception:  # whatever openpyxl raises on a file it cannot take
        raise DocumentError(f"{path.name} 无法作为 Excel 工作簿读取：文件可能已损坏，"
                            "或是含宏的工作簿（.xlsm）、模板（.xltx）",
                            "请在 Excel 或 WPS 中打开它，另存为 .xlsx，再导入") from None
    try:
        return [Table("xlsx", sheet.title, _grid(path.name, sheet)) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _grid(name: str, sheet: Any) -> tuple[Row, ...]:
    rows_seen = min(sheet.max_row or 0, MAX_ROWS + 1)
    columns = min(sheet.max_column or 0, MAX_COLUMNS)
    if not rows_seen or not columns:
        return ()
    grid = [[_text(value) for value in values]
            for values in sheet.iter_rows(min_row=1, max_row=rows_seen, min_col=1,
                                          max_col=columns, values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid) or left >= columns:
            continue
        text = grid[top][left]
        for row in range(top, min(merged.max_row, len(grid))):
            for column in range(left, min(merged.max_col, columns)):
                grid[row][column] = text
    while grid and not any(grid[-1]):
        grid.pop()
    if len(grid) > MAX_ROWS:
        raise DocumentError(f"{name} 的工作表「{sheet.title}」超过 {MAX_ROWS} 行，不像是任务分工表，没有读取",
                            "请另存一份只含任务分工表的文件再导入")
    return tuple(Row(index, tuple(cells)) for index, cells in enumerate(grid, start=1))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")
