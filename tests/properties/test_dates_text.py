"""The date parsers on any text: a value or their documented ValueError; and back and forth."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.properties.strategies import FULL_WIDTH, ODD
from zwxt.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    DeadlineNeedsDue,
    Month,
    chinese_date,
    parse_deadline,
    parse_iso_date,
    parse_iso_month,
    parse_month_loose,
)

PARSERS: list[Callable[[str], Any]] = [parse_deadline, parse_month_loose, parse_iso_month, parse_iso_date]

# What people write in a deadline or a month, and the digits Unicode has besides 0–9.
DATE_PIECES = ["年", "月", "日", "号", "底", "末", "前", "之前", "以前", "上半年", "下半年", "第", "季度",
               "份", "每", "长期", "持续", "常态", "逐步", "坚持", "-", "/", ".", " ", "　", "十", "一", "二",
               "三", "九", "两", "〇", "零", "2018", "0000", "9999", "10000", "02", "2", "12", "13",
               "29", "30", "31", "32", "0", "００", "２０１８", "٢٠١٨", "߂", "²", "①", "Ⅻ", "𝟚"]
date_like = st.lists(st.one_of(st.sampled_from(DATE_PIECES + FULL_WIDTH + ODD), st.characters(codec="utf-8")),
                     max_size=12).map("".join)
months = st.builds(Month, st.integers(FIRST_YEAR, LAST_YEAR), st.integers(1, 12))


@pytest.mark.slow
@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@given(text=st.one_of(date_like, st.text()))
@example(text="2018年十十十月")
@example(text="每年12月底前")
@example(text="2018年底前持续推进，2019年6月底前完成")
def test_a_value_or_a_chinese_value_error(parse: Callable[[str], Any], text: str) -> None:
    try:
        value = parse(text)
    except ValueError as exc:
        assert type(exc) in (ValueError, DeadlineNeedsDue), exc  # ours, not a stray UnicodeError
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc)), exc
        return
    assert value is None or isinstance(value, (date, Month)), value


@given(months)
def test_a_month_written_and_read_back_is_the_same_month(month: Month) -> None:
    assert parse_iso_month(str(month)) == month
    assert parse_month_loose(str(month)) == month
    assert parse_month_loose(month.chinese) == month
    assert parse_deadline(f"{month.chinese}底前") == month.end
    assert Month.of(month.end) == month == Month.of(month.first_day)
    assert month.next().previous() == month if month != Month(2999, 12) else True


@given(st.dates().filter(lambda day: not FIRST_YEAR <= day.year <= LAST_YEAR))
def test_a_day_outside_the_years_of_a_plan_is_refused(day: date) -> None:
    for parse in (parse_iso_date, parse_deadline):
        try:
            parse(day.isoformat())
        except ValueError as exc:
            assert "超出了可用的范围" in str(exc) or "格式不对" in str(exc), exc
        else:
            raise AssertionError(day)


@given(st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31)))
def test_a_day_written_and_read_back_is_the_same_day(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day
    assert parse_deadline(day.isoformat()) == day
    if day.year >= 1000:  # documents write a year with four digits, and so must deadlines
        assert parse_deadline(chinese_date(day)) == day
        assert parse_deadline(chinese_date(day) + "前") == day
