"""The outline markup between the templates and the writers, and the filters that feed it."""

from __future__ import annotations

import pytest

from zwxt.documents.document import (
    Block,
    Kind,
    one_line,
    paragraphs,
    parse_outline,
    split_paragraphs,
    table_row,
)
from zwxt.errors import TemplateError


def test_directives_become_blocks_and_plain_lines_paragraphs() -> None:
    text = ("@title 标题\n@subtitle （2018年3月）\n\n@h1 一、工作推进情况\n正文一段\n"
            "@h2 （一）自查方面\n@note 附件：表\n")
    assert parse_outline(text, "t.j2") == [
        Block(Kind.TITLE, "标题"), Block(Kind.SUBTITLE, "（2018年3月）"), Block(Kind.H1, "一、工作推进情况"),
        Block(Kind.P, "正文一段"), Block(Kind.H2, "（一）自查方面"), Block(Kind.NOTE, "附件：表")]


def test_table_collects_the_rows_that_follow_it() -> None:
    text = '@landscape\n@table 1,3\n@row ["序号", "任务"]\n@row ["1", "a|b"]\n@p 之后'
    assert parse_outline(text, "t.j2") == [
        Block(Kind.LANDSCAPE), Block(Kind.TABLE, widths=(1.0, 3.0), rows=(("序号", "任务"), ("1", "a|b"))),
        Block(Kind.P, "之后")]


def test_a_c_after_a_width_centres_that_column() -> None:
    [table] = parse_outline('@table 1.2c, 6，.5\n@row ["1", "a", "b"]', "t.j2")
    assert (table.widths, table.centred, table.rows) == ((1.2, 6.0, 0.5), frozenset({0}), (("1", "a", "b"),))


@pytest.mark.parametrize("widths", ["1,x", "1,0", "1,-2", "1,nan", "1,inf", "1," + "9" * 400, "1,1e3", "c,1",
                                    "1cc", "1,2C", "1,,2", "",
                                    # two widths each finite, whose sum is not; more columns than Word has
                                    ",".join(["9" * 308] * 2), "1,1000.5", ",".join(["1"] * 64)])
def test_table_widths_are_positive_decimals(widths: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_outline(f"@table {widths}", "t.j2")
    assert "@table 后面应是各列的相对宽度" in caught.value.message


@pytest.mark.parametrize(("text", "expected"), [
    ("@bogus 文字", "第 1 行：不认识的指令 @bogus"),
    ("@p a\n@row [\"1\"]", "第 2 行：@row 前面没有 @table"),
    ("@table 1,x", "第 1 行：@table 后面应是各列的相对宽度"),
    ("@table 1,2\n@row 不是列表", "第 2 行：@row 后面应是 JSON 列表"),
    ("@table 1,2\n@row [\"只有一列\"]", "列数与 @table 的宽度个数不一致"),
])
def test_bad_markup_names_the_template_and_line(text: str, expected: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_outline(text, "mine.outline.j2")
    assert "模板 mine.outline.j2" in caught.value.message
    assert expected in caught.value.message


def test_wrapped_lines_join_and_sentences_end_paragraphs() -> None:
    text = "本月召开会议2次，研究清理\n工作。\n下月继续推进\n\nUse the API\nnow"
    assert split_paragraphs(text) == ["本月召开会议2次，研究清理工作。", "下月继续推进", "Use the API now"]


def test_user_text_cannot_start_a_directive() -> None:
    rendered = paragraphs("@title 假标题。\n第二段")
    assert parse_outline(rendered, "t.j2") == [Block(Kind.P, "@title 假标题。"), Block(Kind.P, "第二段")]


def test_empty_text_is_written_as_wu_and_every_paragraph_is_credited() -> None:
    assert paragraphs(None) == "@p 无"
    assert paragraphs("  \n") == "@p 无"
    assert paragraphs("一。\n二。", credit="台山市") == "@p 台山市：一。\n@p 台山市：二。"
    assert paragraphs("", credit="台山市", empty="") == ""


def test_single_line_and_row_filters() -> None:
    assert one_line("多行\n  标题 ") == "多行 标题"
    assert table_row([1, None, "“引号”\n换行"]) == '["1", "", "“引号”\\n换行"]'


def test_consecutive_title_lines_form_one_title() -> None:
    assert parse_outline("@title 台山市人民政府\n@title 进展报告\n@subtitle x", "t.j2") == [
        Block(Kind.TITLE, "台山市人民政府\n进展报告"), Block(Kind.SUBTITLE, "x")]


@pytest.mark.parametrize("widths", ["1000,0.001", ",".join(["1"] * 63)])
def test_table_widths_at_their_limits_are_taken(widths: str) -> None:
    [table] = parse_outline(f"@table {widths}", "t.j2")
    assert len(table.widths) == widths.count(",") + 1
