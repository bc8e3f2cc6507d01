"""Deadlines, months and dates as people write them in Chinese government documents."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# The years a plan's dates and months may fall in. Past them a date is a typo (3000-01-31
# for 2018-01-31, 0001-01-01), which no file, argument or document takes.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def year_problem(year: int) -> str:
    """Why ``year`` is no year of a plan, or "" when it may be one."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return ""
    return f"{year}年超出了可用的范围（{FIRST_YEAR}–{LAST_YEAR}年）"


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, written ``2018-03`` in files and ``2018年3月`` in documents."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"不存在的月份：{self.year}年{self.month}月")
        if year_problem(self.year):
            raise ValueError(year_problem(self.year))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def chinese(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return month_end(self.year, self.month)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _number(text: str) -> int:
    """An Arabic or a small Chinese numeral (十二, 六) as an int."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _clean(text: str) -> str:
    """Full-width digits folded, every space dropped: `2018 年6 月底前` → `2018年6月底前`."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace())


# [0-9], never \d: re's \d takes every script's digits (٢٠١٨ among them), which NFKC does
# not fold and no keyboard of a Chinese user produces.
_NUM = r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})"
# Words of a task without a deadline: `长期坚持`, `持续推进`, `常态化开展`, `逐步推进`.
_ONGOING = ("长期", "持续", "常态", "逐步")
# A deadline that comes back every period (`每年12月底前`, `每月5日前`, `每季度末`) has no
# single due date, and one due date is what every task is judged against.
_RECURRING = re.compile(r"每(?:个|一个)?(?:年|半年|季|月|旬|周|星期|日|天)")
_BEFORE = r"(?:前|之前|以前)?"
# The forms of a deadline, unanchored: the whole text must be one of them, except that an
# ongoing text may name its deadline among other words (`2018年底前持续推进`). The first
# form that matches at a place wins, so a form comes before any form that is its prefix.
_DEADLINE_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"), "day"),
    (re.compile(rf"([0-9]{{4}})年{_NUM}月{_NUM}日{_BEFORE}"), "day"),
    (re.compile(rf"([0-9]{{4}})年{_NUM}月(?:底|末)?{_BEFORE}"), "month"),
    (re.compile(rf"([0-9]{{4}})年(?:年?底|年?末){_BEFORE}"), "year"),
    (re.compile(rf"([0-9]{{4}})年上半年{_BEFORE}"), "h1"),
    (re.compile(rf"([0-9]{{4}})年下半年{_BEFORE}"), "year"),
    (re.compile(rf"([0-9]{{4}})年第?{_NUM}季度(?:末|底)?{_BEFORE}"), "quarter"),
]
_YEAR_START = re.compile(r"(?<![0-9])[0-9]{4}[年-]")
_ACCEPTED = ("应写成“2018年3月底前”“2018年6月30日前”“2018年底前”“2018年第一季度”之类，"
             "或写“长期坚持”表示没有期限")


class DeadlineNeedsDue(ValueError):
    """A deadline that names no single due date (recurring, or several dates): the task must
    give ``due``. ``reason`` says why without speaking of YAML, for a reader of a Word table."""

    def __init__(self, reason: str, fix: str = "请另写 due: YYYY-MM-DD 给出到期日") -> None:
        super().__init__(f"{reason}：{fix}")
        self.reason = reason


def parse_deadline(text: str) -> date | None:
    """The due date a deadline text means: the last day of the period it names.

    ``2017年12月底前`` → 2017-12-31; ``2018 年6 月底前`` → 2018-06-30; ``2018年底前`` →
    2018-12-31; ``2018年第一季度`` → 2018-03-31; ``长期坚持`` → None (no due date);
    ``2018年底前持续推进`` → 2018-12-31 (an ongoing task with a deadline has that deadline).
    Raises ValueError with a Chinese message for a text it cannot read, a date that does
    not exist, and a recurring deadline such as ``每年12月底前``: zwxt judges a task against
    one due date, which such a task must give as ``due``.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    if _RECURRING.search(cleaned):
        raise DeadlineNeedsDue(
            f"完成时间「{text}」是周期性的期限（每年、每月等重复出现），而 zwxt 按一个到期日判断"
            "每项任务是否逾期", "请另写 due: YYYY-MM-DD 给出本方案的到期日；如果确实没有期限，请写“长期坚持”")
    if any(word in cleaned for word in _ONGOING):
        return _ongoing_due(text, cleaned)
    for pattern, kind in _DEADLINE_FORMS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _due(text, kind, match)
    raise ValueError(f"无法识别完成时间「{text}」：{_ACCEPTED}")


def _ongoing_due(text: str, cleaned: str) -> date | None:
    """The deadline an ongoing text names among its words, None when it names none."""
    found: list[date] = []
    for start in _YEAR_START.finditer(cleaned):
        for pattern, kind in _DEADLINE_FORMS:
            match = pattern.match(cleaned, start.start())
            if match:
                found.append(_due(text, kind, match))
                break
        else:
            raise ValueError(f"无法识别完成时间「{text}」中的日期：{_ACCEPTED}")
    if not found:
        if any(ch.isdigit() for ch in cleaned):
            raise ValueError(f"无法识别完成时间「{text}」中的日期：{_ACCEPTED}")
        return None
    if len(set(found)) > 1:
        named = "、".join(day.isoformat() for day in sorted(set(found)))
        raise DeadlineNeedsDue(f"完成时间「{text}」写了多个日期（{named}），无法确定到期日")
    return found[0]


def _due(text: str, kind: str, match: re.Match[str]) -> date:
    try:
        numbers = [_number(g) for g in match.groups()]
    except KeyError:
        raise ValueError(f"无法识别完成时间「{text}」：{_ACCEPTED}") from None
    if year_problem(numbers[0]):
        raise ValueError(f"完成时间「{text}」中的{year_problem(numbers[0])}，请核对原文")
    problem = _nonexistent(kind, numbers)
    if problem:
        raise ValueError(f"完成时间「{text}」中的日期不存在：{problem}，请核对原文")
    return _due_of(kind, numbers)


def _nonexistent(kind: str, numbers: list[int]) -> str:
    """What is impossible about the numbers of a deadline form, or "" when nothing is."""
    year = numbers[0]
    if kind == "quarter" and not 1 <= numbers[1] <= 4:
        return f"一年只有4个季度，没有第{numbers[1]}季度"
    if kind in ("day", "month") and not 1 <= numbers[1] <= 12:
        return f"一年只有12个月，没有{numbers[1]}月"
    if kind == "day":
        last = calendar.monthrange(year, numbers[1])[1]
        if not 1 <= numbers[2] <= last:
            return f"{year}年{numbers[1]}月只有{last}天，没有{numbers[2]}日"
    return ""


def _due_of(kind: str, numbers: list[int]) -> date:
    year = numbers[0]
    if kind == "day":
        return date(year, numbers[1], numbers[2])
    if kind == "month":
        return month_end(year, numbers[1])
    if kind == "h1":
        return date(year, 6, 30)
    if kind == "quarter":
        return month_end(year, numbers[1] * 3)
    return date(year, 12, 31)


# What a person types on the command line, once _clean has folded full-width digits to ASCII.
_LOOSE_MONTH = [
    re.compile(r"^([0-9]{4})-([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})([0-9]{2})$"),
    re.compile(r"^([0-9]{4})[/.]([0-9]{1,2})$"),
    re.compile(rf"^([0-9]{{4}})年{_NUM}月?(?:份)?$"),
]


def parse_month_loose(text: str) -> Month:
    """A month as a person types it: 2018-03, 2018-3, 201803, 2018/3, 2018年3月; full-width digits too."""
    cleaned = _clean(text)
    for pattern in _LOOSE_MONTH:
        match = pattern.match(cleaned)
        if match:
            year = int(match.group(1))
            if year_problem(year):
                raise ValueError(f"月份「{text}」中的{year_problem(year)}")
            try:
                return Month(year, _number(match.group(2)))
            except (ValueError, KeyError):
                break
    raise ValueError(f"无法识别月份「{text}」：请写成 2018-03、2018-3、201803 或 2018年3月")


# ASCII digits only: re's \d would take full-width ones, which files must not use
_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_LOOSE_DAY = [
    re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$"),
    re.compile(rf"^([0-9]{{4}})年{_NUM}月{_NUM}[日号]?$"),
    re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
]


def parse_iso_month(text: str) -> Month:
    """A month as files must write it, ``YYYY-MM``; the error suggests the fix."""
    match = _ISO_MONTH.match(text.strip())
    if match:
        return Month(int(match.group(1)), int(match.group(2)))
    try:
        suggestion = str(parse_month_loose(text))
    except ValueError:
        raise ValueError(f"「{text}」不是月份：请写成 YYYY-MM，例如 2018-03") from None
    raise ValueError(f"月份「{text}」格式不对：请写成 {suggestion}（YYYY-MM）")


def parse_iso_date(text: str) -> date:
    """A date as files must write it, ``YYYY-MM-DD``; the error suggests the fix."""
    stripped = text.strip()
    match = _ISO_DAY.match(stripped)
    if match:
        year = int(match.group(1))
        if year_problem(year):
            raise ValueError(f"日期「{text}」中的{year_problem(year)}，请核对")
        try:
            return date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise ValueError(f"日期「{text}」不存在，请检查月和日") from None
    raise ValueError(f"日期「{text}」格式不对：{_date_fix(stripped)}")


def parse_day_loose(text: str) -> date:
    """A day as a person types it: 2018-03-31, 2018-3-31, 2018/3/31, 20180331, 2018年3月31日;
    full-width digits too. Files take only YYYY-MM-DD (parse_iso_date)."""
    cleaned = _clean(text)
    for pattern in _LOOSE_DAY:
        match = pattern.match(cleaned)
        if match:
            try:
                year, month, day = (_number(g) for g in match.groups())
            except KeyError:  # Chinese numerals that make no number: 二二
                break
            if year_problem(year):
                raise ValueError(f"日期「{text}」中的{year_problem(year)}，请核对")
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(f"日期「{text}」不存在，请检查月和日") from None
    raise ValueError(f"无法识别日期「{text}」：请写成 YYYY-MM-DD，例如 {DAY_EXAMPLE}")


# The example day a message gives where it knows no month of its own.
DAY_EXAMPLE = "2018-03-31"


def _date_fix(text: str) -> str:
    try:
        return f"请写成 {parse_day_loose(text).isoformat()}（YYYY-MM-DD）"
    except ValueError:
        pass
    try:
        month = parse_month_loose(text)
    except ValueError:
        return f"请写成 YYYY-MM-DD，例如 {DAY_EXAMPLE}"
    return (f"需要具体到日，请写成 YYYY-MM-DD，例如该月最后一天写作 {month.end.isoformat()}")


def chinese_date(day: date) -> str:
    """``2018年3月31日``: official documents write dates without leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


# ---- when a month's reports are due (plan.report_due) -----------------------------------

DEFAULT_REPORT_DUE = "次月5日前"
# At most this working day: every month of the calendar, Spring Festival's included, has
# more working days than that.
MAX_WORKDAY = 10
_REPORT_DUE_FORMS = [
    # 次月5日前, 每月25日前, 当月25日前
    (re.compile(rf"(次|下|每|本|当)月{_NUM}[日号]{_BEFORE}"), "day"),
    # 次月第3个工作日前
    (re.compile(rf"(次|下|每|本|当)月第{_NUM}个?工作日{_BEFORE}"), "workday"),
    # 次月底前, 每月底前
    (re.compile(rf"(次|下|每|本|当)月(?:底|末){_BEFORE}"), "end"),
]
_REPORT_DUE_ACCEPTED = "应写成“次月5日前”“每月25日前”“次月第3个工作日前”或“每月底前”之类"


class OutsideCalendarError(Exception):
    """The holidays of ``year`` are not in the calendar of working days (chinese-calendar).

    The State Council publishes each year's holidays late in the year before; the
    calendar covers the years it has been told about and no others.
    """

    def __init__(self, year: int, first: int | None, last: int | None) -> None:
        super().__init__(f"no working-day calendar for {year}")
        self.year, self.first, self.last = year, first, last


@dataclass(frozen=True)
class ReportDue:
    """When a month's reports are due, as ``plan.report_due`` says: a parsed text.

    ``next_month``: the day is in the month after the report's (次月), else in the same
    month (每月、当月). ``kind``: ``day`` (the ``number``-th day, or the month's last day
    when the month is shorter), ``workday`` (the ``number``-th working day of the calendar
    of the State Council's holidays, make-up working days included) or ``end``.
    The due day itself is still on time: 次月5日前 accepts a report on the 5th.
    """

    text: str
    next_month: bool
    kind: str
    number: int = 0

    def due_on(self, month: Month) -> date:
        """The last day on which ``month``'s report is on time.

        Raises OutsideCalendarError for working days of a year the calendar does not know:
        the due day is then unknown, and never guessed from weekends alone.
        """
        # not Month.next(): December of the last year a plan may reach is due the January after
        year, number = month.year, month.month
        if self.next_month:
            year, number = (year + 1, 1) if number == 12 else (year, number + 1)
        end = month_end(year, number)
        if self.kind == "end":
            return end
        if self.kind == "day":
            return end.replace(day=min(self.number, end.day))
        return _nth_workday(end.replace(day=1), end, self.number)


def _nth_workday(first: date, end: date, number: int) -> date:
    import chinese_calendar  # lazy: only a plan that counts working days needs it

    try:
        days = chinese_calendar.get_workdays(first, end)
    except NotImplementedError:
        years = sorted({day.year for day in getattr(chinese_calendar, "holidays", {})})
        raise OutsideCalendarError(first.year, years[0] if years else None,
                                   years[-1] if years else None) from None
    if len(days) < number:  # not for any month the calendar knows (MAX_WORKDAY)
        raise OutsideCalendarError(first.year, None, None)
    result: date = days[number - 1]
    return result


def parse_report_due(text: str) -> ReportDue:
    """``plan.report_due`` read: 次月5日前, 每月25日前, 次月第3个工作日前, 次月底前.

    Raises ValueError with a Chinese message for a text it cannot read.
    """
    cleaned = _clean(text)
    for pattern, kind in _REPORT_DUE_FORMS:
        match = pattern.fullmatch(cleaned)
        if not match:
            continue
        next_month = match.group(1) in ("次", "下")
        if kind == "end":
            return ReportDue(text, next_month, kind)
        try:
            number = _number(match.group(2))
        except KeyError:
            break
        if kind == "day" and not 1 <= number <= 31:
            raise ValueError(f"报送期限「{text}」中的日期不存在：一个月最多31日，没有{number}日")
        if kind == "workday" and not 1 <= number <= MAX_WORKDAY:
            raise ValueError(f"报送期限「{text}」中的工作日应在第1至第{MAX_WORKDAY}个之间")
        return ReportDue(text, next_month, kind, number)
    raise ValueError(f"无法识别报送期限「{text}」：{_REPORT_DUE_ACCEPTED}")


# Working days a notice may give for a reply (plan.notice_reply_days).
MAX_REPLY_DAYS = 60


def add_workdays(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself not counted).

    Counted on the State Council's calendar (chinese-calendar): weekends and holidays are
    skipped, make-up working days count. Raises OutsideCalendarError when a day to be
    counted lies in a year the calendar does not know; never guesses from weekends alone.
    """
    import chinese_calendar  # lazy: only what counts working days needs it

    found = 0
    current = day
    while found < count:
        current += timedelta(days=1)
        try:
            working = chinese_calendar.is_workday(current)
        except NotImplementedError:
            years = sorted({d.year for d in getattr(chinese_calendar, "holidays", {})})
            raise OutsideCalendarError(current.year, years[0] if years else None,
                                       years[-1] if years else None) from None
        found += bool(working)
    return current
