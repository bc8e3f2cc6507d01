"""Column widths from what the cells hold: names and dates whole, the rest shared by the template's
weights. Expected widths are counted by hand here, in tenths of an em (a Chinese character 10, a
digit 5, and LibreOffice's 2 between a digit and a Chinese character)."""

from __future__ import annotations

import pytest

from zwxt.documents.table_layout import column_widths, keeps_pieces, pieces, text_width

MARGINS = 2 * 108
TENTH = 24  # twips in a tenth of an em of 12 pt


@pytest.mark.parametrize(("text", "tenths"), [
    ("市网信统筹局", 60),
    ("各市（区）政府、", 80),  # full-width brackets and 、 are a whole em each
    ("2017年12月底前", 4 * 10 + 6 * 5 + 3 * 2),  # 2017|年, 年|12, 12|月: three script changes
    ("1000Mbps", 4 * 5 + 7 + 3 * 5),  # a capital is wider than half an em
    ("“僵尸”", 40),  # quotes are ambiguous-width, drawn full-width by the Chinese font
    ("（2018", 10 + 20),  # no LibreOffice gap at a bracket
    ("", 0),
])
def test_text_width_counts_east_asian_characters_as_one_em(text: str, tenths: int) -> None:
    assert text_width(text) == tenths


def test_pieces_end_after_list_delimiters_and_at_spaces() -> None:
    assert [p for _, p in pieces("市网信统筹局、市委机要局")] == ["市网信统筹局、", "市委机要局"]
    assert [p for _, p in pieces("a, b;c；d 2017年12月底前")] == ["a,", "b;", "c；", "d", "2017年12月底前"]
    assert pieces("开放 250 个") == [(0, "开放"), (3, "250"), (7, "个")]


@pytest.mark.parametrize(("capacity", "whole"), [
    (70, True),  # 市网信统筹局、 fills the line, 市委机要局 starts the next
    (75, True),  # the next character (one em) does not fit in the half em left
    (80, False),  # 市 joins the first line: 市委机要局 is broken
    (110, False),
    (120, True),  # everything on one line
])
def test_greedy_wrapping_may_break_a_name_unless_the_width_is_right(capacity: int, whole: bool) -> None:
    assert keeps_pieces("市网信统筹局、市委机要局", capacity) is whole


def test_a_line_never_starts_with_a_closing_sign() -> None:
    # At 60 the 、 would start the second line: the engine moves 局 down with it, breaking the name.
    assert keeps_pieces("市网信统筹局、市委机要局", 60) is False


def test_columns_fill_the_width_exactly_and_fit_their_widest_name_and_date() -> None:
    task = "将网络整合后的政务信息系统和数据资源按必要程序审核或评测审批后，接入平台。"
    columns = [["序号", "1", "18"], ["工作任务", task], ["牵头单位", "市网信统筹局、市委机要局"],
               ["完成时间", "2017年12月底前"]]
    widths = column_widths(columns, (1, 6, 2, 2), 12756, 12, 108)
    assert sum(widths) == 12756
    assert widths[0] >= 20 * TENTH + MARGINS  # 序号
    assert widths[2] >= 70 * TENTH + MARGINS  # 市网信统筹局、
    assert widths[3] >= 76 * TENTH + MARGINS  # 2017年12月底前, with LibreOffice's gaps
    assert widths[0] < 30 * TENTH + MARGINS  # no wider than its longest line needs: 序号
    for index in (0, 2, 3):  # the narrow columns wrap between pieces, if at all
        assert all(keeps_pieces(line, (widths[index] - MARGINS - 30) // TENTH) for line in columns[index])


def test_the_weights_share_what_the_minima_leave() -> None:
    prose = "很长的一段文字" * 20
    widths = column_widths([[prose], [prose]], (1, 3), 8000, 12, 108)
    assert widths == [2000, 6000]


def test_short_columns_get_the_room_left_over_by_weight() -> None:
    widths = column_widths([["1"], ["2"]], (1, 3), 8000, 12, 108)
    assert sum(widths) == 8000
    assert widths[1] - widths[0] == pytest.approx(2 * (widths[0] - (5 * TENTH + MARGINS + 30)), abs=2)


def test_one_long_unbroken_piece_cannot_starve_the_other_columns() -> None:
    long_piece = "很" * 200  # 200 em: far wider than the page
    names = ["市网信统筹局", "各市（区）政府、市直有关部门"]
    widths = column_widths([[long_piece], names, ["2017年12月底前"]], (10, 1, 1), 12756, 12, 108)
    assert widths[1] >= 80 * TENTH + MARGINS and widths[2] >= 76 * TENTH + MARGINS
    assert sum(widths) == 12756


def test_minima_that_cannot_all_fit_shrink_together() -> None:
    names = ["市网信统筹局、市委机要局"] * 2
    widths = column_widths([names] * 8, (1,) * 8, 8845, 12, 108)  # 8 columns of 7 em in 36.9 em
    assert sum(widths) == 8845
    assert max(widths) - min(widths) <= 1


def test_empty_columns_still_get_a_width() -> None:
    assert sum(column_widths([[], [""]], (1, 1), 1000, 12, 108)) == 1000


def test_a_name_column_that_would_break_a_name_gives_up_width_instead() -> None:
    prose = "很长的一段文字" * 20
    # By weight the names would get a fifth, 2551 twips, about 9.6 em: 市网信统筹局、市 on the first line.
    widths = column_widths([[prose], ["市网信统筹局、市委机要局"]], (4, 1), 12756, 12, 108)
    assert 70 * TENTH + MARGINS <= widths[1] < 80 * TENTH + MARGINS
    assert sum(widths) == 12756
