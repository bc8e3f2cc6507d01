"""Deadlines as the plan writes them, months as people type them, and ISO dates with suggested fixes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zwxt.dates import (
    DEFAULT_REPORT_DUE,
    Month,
    OutsideCalendarError,
    add_workdays,
    chinese_date,
    month_end,
    parse_day_loose,
    parse_deadline,
    parse_iso_date,
    parse_iso_month,
    parse_month_loose,
    parse_report_due,
)
from zwxt.parse import read_yaml

# Every form of Annex 1 of the Jiangmen plan (seed 000), spaces exactly as printed there.
ANNEX_1_DEADLINES = {
    "2017年12月底前": date(2017, 12, 31),
    "2018年 3月底前": date(2018, 3, 31),
    "2018年 6 月底前": date(2018, 6, 30),
    "2018 年6 月底前": date(2018, 6, 30),
    "2018年12月底前": date(2018, 12, 31),
    "2018 年2 月底前": date(2018, 2, 28),
    "2018 年4 月底前": date(2018, 4, 30),
}

# The other forms the README promises.
README_DEADLINES = {
    "2018年6月30日前": date(2018, 6, 30),
    "2018年底前": date(2018, 12, 31),
    "2018年上半年": date(2018, 6, 30),
    "2018年第一季度": date(2018, 3, 31),
    "2018年六月底前": date(2018, 6, 30),
}

OTHER_DEADLINES = {
    "2018年3月": date(2018, 3, 31),
    "2018年3月底": date(2018, 3, 31),
    "2018年3月末前": date(2018, 3, 31),
    "2018年9月之前": date(2018, 9, 30),
    "2018年12月31日之前": date(2018, 12, 31),
    "2018年6月三十日前": date(2018, 6, 30),
    "2018年十月底前": date(2018, 10, 31),
    "2018年十一月底前": date(2018, 11, 30),
    "2018年十二月底前": date(2018, 12, 31),
    "2018年年底前": date(2018, 12, 31),
    "2018年末": date(2018, 12, 31),
    "2018年下半年": date(2018, 12, 31),
    "2018年第1季度": date(2018, 3, 31),
    "2018年二季度": date(2018, 6, 30),
    "2018年第三季度末": date(2018, 9, 30),
    "2018年第四季度": date(2018, 12, 31),
    "2018-06-30": date(2018, 6, 30),
    "２０１８年３月底前": date(2018, 3, 31),
    "2018年\u30003月底前": date(2018, 3, 31),
    "2020年2月底前": date(2020, 2, 29),
    "2100年2月底前": date(2100, 2, 28),
    "2016年2月29日前": date(2016, 2, 29),
}

# An ongoing task that names a deadline has that deadline.
ONGOING_WITH_A_DEADLINE = {
    "2018年底前持续推进": date(2018, 12, 31),
    "持续推进，2018年6月底前完成": date(2018, 6, 30),
    "2018年 6 月底前持续推进": date(2018, 6, 30),
    "长期坚持，2018年3月31日前完成平台建设": date(2018, 3, 31),
    "逐步推进，2018年第二季度": date(2018, 6, 30),
    "常态化开展（2018-06-30前）": date(2018, 6, 30),
    "持续推进，2018年上半年完成": date(2018, 6, 30),
    "2018年9月底前建成，持续推进，2018年9月底前验收": date(2018, 9, 30),
}


@pytest.mark.parametrize(("text", "due"), list(ANNEX_1_DEADLINES.items()))
def test_annex_1_deadline_means_the_last_day_of_its_month(text: str, due: date) -> None:
    assert parse_deadline(text) == due


@pytest.mark.parametrize(("text", "due"), list(README_DEADLINES.items()))
def test_documented_deadline_form_is_read(text: str, due: date) -> None:
    assert parse_deadline(text) == due


@pytest.mark.parametrize(("text", "due"), list(OTHER_DEADLINES.items()))
def test_other_deadline_spelling_is_read(text: str, due: date) -> None:
    assert parse_deadline(text) == due


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "长期", "常态化开展", "逐步推进", ""])
def test_ongoing_deadline_has_no_due_date(text: str) -> None:
    assert parse_deadline(text) is None


@pytest.mark.parametrize(("text", "due"), list(ONGOING_WITH_A_DEADLINE.items()))
def test_ongoing_deadline_with_a_date_is_due_on_that_date(text: str, due: date) -> None:
    assert parse_deadline(text) == due


@pytest.mark.parametrize("text", ["每年12月底前", "每月5日前", "每年更新", "每月报送", "每季度末",
                                  "每半年一次", "2018年起每年12月底前", "持续推进，每月5日前报送"])
def test_recurring_deadline_raises_asking_for_a_due_date(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value) == (
        f"完成时间「{text}」是周期性的期限（每年、每月等重复出现），而 zwxt 按一个到期日判断"
        "每项任务是否逾期：请另写 due: YYYY-MM-DD 给出本方案的到期日；如果确实没有期限，请写“长期坚持”")


@pytest.mark.parametrize(("text", "problem"), [
    ("2018年2月29日前", "2018年2月只有28天，没有29日"),
    ("2018年4月31日前", "2018年4月只有30天，没有31日"),
    ("2018-02-30", "2018年2月只有28天，没有30日"),
    ("2018年13月底前", "一年只有12个月，没有13月"),
    ("2018年0月底前", "一年只有12个月，没有0月"),
    ("2018年第五季度", "一年只有4个季度，没有第5季度"),
    ("2018年2月29日前持续推进", "2018年2月只有28天，没有29日"),
])
def test_deadline_on_a_day_that_does_not_exist_says_so(text: str, problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value) == f"完成时间「{text}」中的日期不存在：{problem}，请核对原文"


@pytest.mark.parametrize("text", ["尽快", "3月底前", "明年", "2018年三四月底前"])
def test_unreadable_deadline_raises_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value).startswith(f"无法识别完成时间「{text}」：应写成“2018年3月底前”")
    assert "长期坚持" in str(raised.value)


@pytest.mark.parametrize("text", ["2018年持续推进", "持续推进至2018年", "持续推进，2018-06",
                                  "长期坚持（3月底前）"])
def test_ongoing_deadline_with_an_unreadable_date_raises(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value).startswith(f"无法识别完成时间「{text}」中的日期：应写成“2018年3月底前”")


def test_ongoing_deadline_with_two_dates_raises_naming_both() -> None:
    text = "持续推进，2018年3月底前完成一期，2018年6月底前完成二期"
    with pytest.raises(ValueError) as raised:
        parse_deadline(text)
    assert str(raised.value) == (f"完成时间「{text}」写了多个日期（2018-03-31、2018-06-30），无法确定到期日："
                                 "请另写 due: YYYY-MM-DD 给出到期日")


def test_every_deadline_of_the_jiangmen_plan_is_a_known_form() -> None:
    tasks = Path(__file__).resolve().parent / "plans" / "jiangmen" / "data" / "tasks.yaml"
    parsed = read_yaml("data/tasks.yaml", tasks.read_bytes(), locate=False)
    written = {task["deadline"] for task in parsed.data["tasks"] if task.get("deadline")}
    assert written
    assert written <= set(ANNEX_1_DEADLINES) | set(README_DEADLINES)


@pytest.mark.parametrize(("year", "month", "end"), [
    (2018, 1, date(2018, 1, 31)),
    (2018, 2, date(2018, 2, 28)),
    (2016, 2, date(2016, 2, 29)),
    (2000, 2, date(2000, 2, 29)),
    (1900, 2, date(1900, 2, 28)),
    (2018, 4, date(2018, 4, 30)),
    (2018, 12, date(2018, 12, 31)),
])
def test_month_end_is_its_last_day(year: int, month: int, end: date) -> None:
    assert Month(year, month).end == end
    assert month_end(year, month) == end


def test_month_first_day() -> None:
    assert Month(2018, 3).first_day == date(2018, 3, 1)


def test_previous_of_january_is_december_of_the_year_before() -> None:
    assert Month(2018, 1).previous() == Month(2017, 12)


def test_next_of_december_is_january_of_the_year_after() -> None:
    assert Month(2017, 12).next() == Month(2018, 1)


def test_previous_and_next_within_a_year() -> None:
    assert Month(2018, 3).previous() == Month(2018, 2)
    assert Month(2018, 3).next() == Month(2018, 4)


def test_month_of_a_date() -> None:
    assert Month.of(date(2018, 2, 28)) == Month(2018, 2)


def test_months_order_by_year_then_month() -> None:
    assert sorted([Month(2018, 1), Month(2017, 12), Month(2018, 10)]) == [
        Month(2017, 12), Month(2018, 1), Month(2018, 10)]


def test_month_is_written_iso_in_files_and_chinese_in_documents() -> None:
    assert str(Month(2018, 3)) == "2018-03"
    assert Month(2018, 3).chinese == "2018年3月"


@pytest.mark.parametrize(("year", "month"), [(2018, 0), (2018, 13)])
def test_impossible_month_is_rejected(year: int, month: int) -> None:
    with pytest.raises(ValueError, match=f"不存在的月份：{year}年{month}月"):
        Month(year, month)


@pytest.mark.parametrize("year", [1899, 3000, 9999])
def test_a_year_out_of_range_says_so(year: int) -> None:
    with pytest.raises(ValueError, match=f"^{year}年超出了可用的范围（1900–2999年）$"):
        Month(year, 1)


@pytest.mark.parametrize("text", ["2018-03", "2018-3", "201803", "2018年3月", "2018/3", "2018.03",
                                  "2018年三月", "2018 年 3 月", "２０１８年３月", "2018年3月份", " 2018-03 "])
def test_loose_month_is_read(text: str) -> None:
    assert parse_month_loose(text) == Month(2018, 3)


def test_loose_month_reads_two_digit_chinese_numerals() -> None:
    assert parse_month_loose("2017年十二月") == Month(2017, 12)


@pytest.mark.parametrize("text", ["2018-13", "201813", "2018-00", "2018年0月", "2018年十三月", "三月",
                                  "2018", "18-03", "2018-03-31", ""])
def test_impossible_or_unreadable_loose_month_is_rejected(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_month_loose(text)
    assert str(raised.value) == f"无法识别月份「{text}」：请写成 2018-03、2018-3、201803 或 2018年3月"


@pytest.mark.parametrize("text", ["1899-12", "3000-01", "0000年1月"])
def test_a_month_out_of_range_says_so_when_typed(text: str) -> None:
    with pytest.raises(ValueError, match=f"^月份「{text}」中的.*年超出了可用的范围（1900–2999年）$"):
        parse_month_loose(text)


def test_iso_month_is_read() -> None:
    assert parse_iso_month("2018-03") == Month(2018, 3)


@pytest.mark.parametrize(("text", "message"), [
    ("2018-3", "月份「2018-3」格式不对：请写成 2018-03（YYYY-MM）"),
    ("2018年3月", "月份「2018年3月」格式不对：请写成 2018-03（YYYY-MM）"),
    ("201803", "月份「201803」格式不对：请写成 2018-03（YYYY-MM）"),
    ("三月", "「三月」不是月份：请写成 YYYY-MM，例如 2018-03"),
    ("2018-13", "不存在的月份：2018年13月"),
])
def test_iso_month_error_suggests_the_fix(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_iso_month(text)
    assert str(raised.value) == message


@pytest.mark.parametrize("text", ["2018-03-31", " 2018-03-31 "])
def test_iso_date_is_read(text: str) -> None:
    assert parse_iso_date(text) == date(2018, 3, 31)


def test_leap_day_is_a_date_in_a_leap_year() -> None:
    assert parse_iso_date("2016-02-29") == date(2016, 2, 29)


NEEDS_DAY = "需要具体到日，请写成 YYYY-MM-DD，例如该月最后一天写作 "


@pytest.mark.parametrize(("text", "message"), [
    ("2018/03/31", "日期「2018/03/31」格式不对：请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018-3-31", "日期「2018-3-31」格式不对：请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018.3.5", "日期「2018.3.5」格式不对：请写成 2018-03-05（YYYY-MM-DD）"),
    ("2018年3月31日", "日期「2018年3月31日」格式不对：请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018年3月5号", "日期「2018年3月5号」格式不对：请写成 2018-03-05（YYYY-MM-DD）"),
    ("20180331", "日期「20180331」格式不对：请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018年3月", "日期「2018年3月」格式不对：" + NEEDS_DAY + "2018-03-31"),
    ("2018-2", "日期「2018-2」格式不对：" + NEEDS_DAY + "2018-02-28"),
    ("昨天", "日期「昨天」格式不对：请写成 YYYY-MM-DD，例如 2018-03-31"),
    ("2018年2月30日", "日期「2018年2月30日」格式不对：请写成 YYYY-MM-DD，例如 2018-03-31"),
    ("2018-02-30", "日期「2018-02-30」不存在，请检查月和日"),
    ("2017-02-29", "日期「2017-02-29」不存在，请检查月和日"),
])
def test_iso_date_error_suggests_the_fix(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_iso_date(text)
    assert str(raised.value) == message


def test_chinese_date_has_no_leading_zeros() -> None:
    assert chinese_date(date(2018, 3, 5)) == "2018年3月5日"


@pytest.mark.parametrize(("text", "message"), [
    ("3000-01-31", "日期「3000-01-31」中的3000年超出了可用的范围（1900–2999年），请核对"),
    ("0001-01-01", "日期「0001-01-01」中的1年超出了可用的范围（1900–2999年），请核对"),
    ("\uff12\uff10\uff11\uff18-03-31", "格式不对：请写成 2018-03-31（YYYY-MM-DD）"),
])
def test_a_date_in_a_file_must_be_a_plain_date_of_a_plan(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso_date(text)


def test_the_last_day_of_the_range_is_a_date() -> None:
    assert parse_iso_date("2999-12-31") == date(2999, 12, 31)
    assert Month.of(date(2999, 12, 31)).end == date(2999, 12, 31)


@pytest.mark.parametrize("text", ["3000年3月底前", "1899年底前", "0001年1月1日前"])
def test_a_deadline_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="超出了可用的范围"):
        parse_deadline(text)


def test_a_full_width_month_in_a_file_is_refused_with_the_fix() -> None:
    with pytest.raises(ValueError, match="请写成 2018-03（YYYY-MM）"):
        parse_iso_month("\uff12\uff10\uff11\uff18-\uff10\uff13")


# What a Chinese user's keyboard produces, on the command line: full-width digits (the IME's
# full-width mode), slashes, 年月日. Digits of other scripts are no digits of a date here.
ARABIC_INDIC = "\u0662\u0660\u0661\u0668"  # ٢٠١٨


@pytest.mark.parametrize("text", ["2018-03-31", "2018-3-31", "2018/3/31", "2018.3.31", "20180331",
                                  "2018年3月31日", "2018年三月三十一日", "2018 年 3 月 31 日",
                                  "\uff12\uff10\uff11\uff18-\uff10\uff13-\uff13\uff11",
                                  "\uff12\uff10\uff11\uff18年\uff13月\uff13\uff11日"])
def test_loose_day_is_read(text: str) -> None:
    assert parse_day_loose(text) == date(2018, 3, 31)


@pytest.mark.parametrize(("text", "message"), [
    ("2018-02-30", "日期「2018-02-30」不存在，请检查月和日"),
    ("3000/1/31", "日期「3000/1/31」中的3000年超出了可用的范围（1900–2999年），请核对"),
    ("昨天", "无法识别日期「昨天」：请写成 YYYY-MM-DD，例如 2018-03-31"),
    ("2018-03", "无法识别日期「2018-03」：请写成 YYYY-MM-DD，例如 2018-03-31"),
    (f"{ARABIC_INDIC}-03-31", f"无法识别日期「{ARABIC_INDIC}-03-31」：请写成 YYYY-MM-DD，例如 2018-03-31"),
])
def test_unreadable_loose_day_says_why(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_day_loose(text)
    assert str(raised.value) == message


@pytest.mark.parametrize("text", [f"{ARABIC_INDIC}-03", f"{ARABIC_INDIC}年3月", "2018-\u0660\u0663",
                                  "\u0968\u0966\u0967\u096e-03"])  # Devanagari २०१८
def test_digits_of_other_scripts_are_no_month(text: str) -> None:
    with pytest.raises(ValueError, match="无法识别月份"):
        parse_month_loose(text)


def test_a_file_still_takes_only_iso_dates() -> None:
    with pytest.raises(ValueError, match="格式不对：请写成 2018-03-31"):
        parse_iso_date("2018/3/31")
    with pytest.raises(ValueError, match="格式不对：请写成 2018-03（YYYY-MM）"):
        parse_iso_month("2018/3")


# ---- plan.report_due ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "month", "due"), [
    ("次月5日前", Month(2018, 3), date(2018, 4, 5)),
    ("次月 五日 前", Month(2018, 12), date(2019, 1, 5)),
    ("每月25日前", Month(2018, 3), date(2018, 3, 25)),
    ("当月31日前", Month(2018, 2), date(2018, 2, 28)),  # a shorter month: its last day
    ("次月底前", Month(2018, 1), date(2018, 2, 28)),
    # April 2018: Qingming 5-7 April off, Sunday 8 April a make-up working day
    ("次月第3个工作日前", Month(2018, 3), date(2018, 4, 4)),
    ("次月第4个工作日前", Month(2018, 3), date(2018, 4, 8)),
    ("次月第五个工作日前", Month(2018, 3), date(2018, 4, 9)),
])
def test_report_due_on(text: str, month: Month, due: date) -> None:
    assert parse_report_due(text).due_on(month) == due


def test_the_default_report_due_is_the_5th_of_the_next_month() -> None:
    assert parse_report_due(DEFAULT_REPORT_DUE).due_on(Month(2018, 3)) == date(2018, 4, 5)


@pytest.mark.parametrize(("text", "message"), [
    ("月初报送", "无法识别报送期限「月初报送」"),
    ("次月32日前", "一个月最多31日，没有32日"),
    ("次月第12个工作日前", "工作日应在第1至第10个之间"),
    ("2018年4月5日前", "无法识别报送期限"),
])
def test_report_due_unreadable(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_report_due(text)


def test_working_days_past_the_calendar_are_unknown_not_guessed() -> None:
    due = parse_report_due("次月第3个工作日前")
    with pytest.raises(OutsideCalendarError) as caught:
        due.due_on(Month(2099, 3))
    assert caught.value.year == 2099
    assert caught.value.first is not None and caught.value.last is not None
    assert caught.value.first <= 2018 <= caught.value.last < 2099
    assert parse_report_due("次月5日前").due_on(Month(2099, 3)) == date(2099, 4, 5)  # no calendar needed


@pytest.mark.parametrize(("day", "count", "expected"), [
    (date(2018, 7, 6), 5, date(2018, 7, 13)),  # Friday: the next week's Friday
    (date(2018, 7, 7), 5, date(2018, 7, 13)),  # from a Saturday, Monday is the first
    (date(2018, 4, 6), 1, date(2018, 4, 8)),  # Sunday 8 April 2018 was a make-up working day
    (date(2018, 9, 28), 5, date(2018, 10, 10)),  # two make-up days, then the National Day week
    (date(2018, 2, 14), 1, date(2018, 2, 22)),  # Spring Festival
])
def test_working_days_after_a_day_follow_the_holiday_calendar(day: date, count: int, expected: date) -> None:
    assert add_workdays(day, count) == expected


def test_working_days_past_the_calendar_are_refused_where_they_are_counted() -> None:
    with pytest.raises(OutsideCalendarError) as caught:
        add_workdays(date(2999, 1, 4), 5)
    assert caught.value.year == 2999
    assert caught.value.first is not None and caught.value.last is not None
