"""Text exports of the status: cells that cannot break a Markdown table, numbers as people write them."""

from __future__ import annotations

from zwxt.services.status_export import format_number, markdown_cell, markdown_table


def test_pipes_and_asterisks_are_escaped() -> None:
    assert markdown_cell("A|B *重点* C") == r"A\|B \*重点\* C"


def test_line_breaks_stay_inside_the_cell() -> None:
    assert markdown_cell("第一行\n  第二行\n") == "第一行<br>第二行"


def test_empty_cell_keeps_the_row_shape() -> None:
    table = markdown_table(["序号", "备注"], [["1", ""]])
    assert table.splitlines()[-1] == "| 1 |   |"


def test_numbers_are_written_without_a_needless_decimal() -> None:
    assert (format_number(500), format_number(500.0), format_number(2.5)) == ("500", "500", "2.5")
