"""Markdown that renders the same on GitHub, GitLab and Gitea, whatever the report's text holds."""

from __future__ import annotations

from zwxt.documents.markdown_writer import escape, markdown_cell, markdown_table


def test_pipes_and_asterisks_are_escaped() -> None:
    assert markdown_cell("A|B *重点* C") == r"A\|B \*重点\* C"


def test_line_breaks_stay_inside_the_cell() -> None:
    assert markdown_cell("第一行\n  第二行\n") == "第一行<br>第二行"


def test_empty_cell_keeps_the_row_shape() -> None:
    table = markdown_table(["序号", "备注"], [["1", ""]])
    assert table.splitlines()[-1] == "| 1 |   |"


def test_text_that_looks_like_markup_stays_literal() -> None:
    assert escape("1. 第一项") == r"1\. 第一项"
    assert escape("- 不是列表") == r"\- 不是列表"
    assert escape("# 不是标题") == r"\# 不是标题"
    assert escape("<b>a & b</b> [链接](x)") == r"\<b\>a \& b\</b\> \[链接\](x)"
    assert escape("下划线_和_星号*") == r"下划线\_和\_星号\*"
