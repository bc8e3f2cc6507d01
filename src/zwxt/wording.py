"""How zwxt says things in Chinese: the one place where states, numbers and metrics become words.

Services hand typed values (enums, dates, numbers) to the edges; the CLI, the exports and
the templates word them with these functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Protocol

from zwxt.dates import Month, chinese_date
from zwxt.plan.resolved import PlanTask
from zwxt.plan.status import (
    DatesNote,
    MetricProgress,
    PlanStatus,
    Role,
    Standing,
    Submission,
    Submissions,
    SubmissionState,
    TaskStatus,
    Timing,
)
from zwxt.plan.units import Unit, UnitKind

# What a task without a deadline shows where a deadline would be.
NO_DEADLINE = "长期"

_STANDING = {
    Standing.DONE: "已完成",
    Standing.DONE_LATE: "逾期完成",
    Standing.IN_PROGRESS: "推进中",
    Standing.NOT_STARTED: "未启动",
    Standing.DUE_THIS_MONTH: "本月到期",
    Standing.DUE_NOT_DONE: "到期未完成",
    Standing.OVERDUE: "逾期",
}
_SUBMISSION = {
    SubmissionState.MISSING: "未报送",
    SubmissionState.REJECTED: "有错误，未计入",
    SubmissionState.SUBMITTED: "已报送",
    SubmissionState.NOT_REQUIRED: "无需报送",
}
_TIMING = {
    Timing.ON_TIME: "按时",
    Timing.NOT_SUBMITTED: "",  # 报送情况 says 未报送
    Timing.NOT_COMMITTED: "尚未合入主线",
    Timing.UNKNOWN: "无法判断",
}
_ROLE = {Role.LEAD: "牵头", Role.SUPPORT: "配合"}
_NUMERALS = "一二三四五六七八九十"


class Judged(Protocol):
    """A task's, or one unit's part of a task's, standing on a day (a TaskStatus, a Verdict)."""

    @property
    def standing(self) -> Standing: ...

    @property
    def overdue_days(self) -> int: ...


def status_label(status: Judged, spaced: bool = True) -> str:
    """A task's status as the office says it; an overdue task with its days: 逾期 12 天.

    Documents set numbers against Chinese without spaces (``spaced=False``): 逾期12天.
    """
    if status.standing is Standing.OVERDUE:
        return f"逾期 {status.overdue_days} 天" if spaced else f"逾期{status.overdue_days}天"
    return _STANDING[status.standing]


def standing_words(status: Judged) -> str:
    """The status as a document writes it: 已完成, 逾期完成, 到期未完成, 逾期12天 …"""
    return status_label(status, spaced=False)


def submission_label(state: SubmissionState) -> str:
    return _SUBMISSION[state]


def timing_label(items: Submissions, item: Submission) -> str:
    """按时, 逾期 4 天, 未报送 …: whether a unit's report came in by the month's due day."""
    timing = items.timing(item)
    if timing is Timing.LATE:
        return f"逾期 {item.late_days} 天"
    return _TIMING[timing]


def due_sentence(items: Submissions) -> str:
    """报送期限：次月5日前（2018年4月5日）, or that the due day is unknown."""
    when = chinese_date(items.due_on) if items.due_on else "无法确定"
    return f"报送期限：{items.report_due}（{when}）"


def dates_notes(items: Submissions) -> list[str]:
    """Why submission dates or the due day are unknown, one sentence each."""
    result = []
    for note in items.notes:
        if note is DatesNote.NOT_A_REPOSITORY:
            result.append("不在 git 仓库中，无法得知报送日期，是否按时未作判断")
        elif note is DatesNote.NO_COMMITS:
            result.append("git 仓库中还没有任何提交，无法得知报送日期，是否按时未作判断")
        elif note is DatesNote.SHALLOW:
            result.append("这是浅克隆（只有最近的提交），报送日期无从得知，是否按时未作判断；"
                          "请先运行 git fetch --unshallow"
                          "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0）")
        else:
            known = (f"只收录了{items.calendar_years[0]}–{items.calendar_years[1]}年的节假日安排"
                     if items.calendar_years else "没有收录这一年的节假日安排")
            result.append(f"报送期限“{items.report_due}”按工作日计算，而工作日历（chinese-calendar）{known}，"
                          f"{items.month.chinese}报告的报送期限无法确定，是否按时未作判断；"
                          "国务院公布节假日安排后，请升级 chinese-calendar")
    return result


def role_label(role: Role) -> str:
    return _ROLE[role]


def format_number(value: int | float) -> str:
    """``500`` rather than ``500.0``; other numbers as written, never in exponent notation."""
    if not math.isfinite(value):
        raise ValueError(f"{value} 不是一个数，不能写进文档")
    return str(int(value)) if float(value).is_integer() else format(Decimal(repr(value)), "f")


def deadline_text(task: PlanTask) -> str:
    """The deadline as the table wrote it, without the stray spaces of the source text."""
    return "".join((task.deadline or "").split()) or NO_DEADLINE


def metrics_text(metrics: Iterable[MetricProgress], prose: bool = False, separator: str = "，") -> str:
    """Metrics against targets.

    For tables: ``开放数据集 412/500个`` (an unreported value shows as —). In prose, as a
    report writes it: ``开放数据集412个（目标500个）``, leaving out what was not reported.
    """
    parts = []
    for m in metrics:
        unit = m.unit or ""
        if prose:
            if m.value is not None:
                parts.append(f"{m.metric}{format_number(m.value)}{unit}（目标{format_number(m.target)}{unit}）")
        else:
            value = "—" if m.value is None else format_number(m.value)
            parts.append(f"{m.metric} {value}/{format_number(m.target)}{unit}")
    return separator.join(parts)


def chinese_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十: the numbered parts of an outline, from 1 to 99."""
    if not 1 <= n <= 99:
        raise ValueError(f"中文序号只能是 1 到 99 的整数，不能是 {n}")
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _NUMERALS[tens - 1] + "十"
    return head + (_NUMERALS[ones - 1] if ones else "")


def done_count_words(status: TaskStatus) -> str:
    """27个单位中已完成4个; empty for a task one unit completes, whose status says it all."""
    total = len(status.deciding)
    return f"{total}个单位中已完成{status.done_count}个" if total > 1 else ""


def progress_words(status: TaskStatus) -> str:
    """A task's progress in one line of a document: state, when done, who is done, figures."""
    words = standing_words(status)
    if status.completed is not None:
        words += f"（{chinese_date(status.completed)}）"
    parts = [words, done_count_words(status), metrics_text(status.metrics, prose=True)]
    return "；".join(p for p in parts if p)


def progress_cell(status: TaskStatus) -> str:
    """A task's progress in a table cell, kept to what a reader of the table needs: the state, who
    is done, and only the targets not yet met, as figures (地市到省骨干网带宽 1000/10000Mbps)."""
    words = standing_words(status)
    if status.completed is not None:
        words += f"（{chinese_date(status.completed)}）"
    behind = [m for m in status.metrics if m.value is None or m.value < m.target]
    figures = "未达目标：" + metrics_text(behind) if behind and status.completed is None else ""
    return "；".join(p for p in (words, done_count_words(status), figures) if p)


def overview_sentence(status: PlanStatus, month: Month) -> str:
    """截至2018年3月31日，18项任务中，已完成5项（其中逾期完成1项），推进中9项，逾期未完成4项。"""
    counts = status.counts()
    done = counts[Standing.DONE] + counts[Standing.DONE_LATE]
    text = f"截至{chinese_date(month.end)}，{len(status.tasks)}项任务中，已完成{done}项"
    if counts[Standing.DONE_LATE]:
        text += f"（其中逾期完成{counts[Standing.DONE_LATE]}项）"
    still_open = (Standing.IN_PROGRESS, Standing.NOT_STARTED, Standing.DUE_THIS_MONTH, Standing.DUE_NOT_DONE)
    rest = [f"{_STANDING[s]}{counts[s]}项" for s in still_open if counts[s]]
    if counts[Standing.OVERDUE]:
        rest.append(f"逾期未完成{counts[Standing.OVERDUE]}项")
    return text + ("，" + "，".join(rest) if rest else "") + "。"


def counts_sentence(status: PlanStatus) -> str:
    """共 18 项任务：已完成 5，推进中 9，逾期 4 — the line under a status table."""
    parts = [f"{_STANDING[s]} {n}" for s, n in status.counts().items() if n]
    return f"共 {len(status.tasks)} 项任务：" + "，".join(parts) if parts else "没有符合条件的任务"


def submission_sentence(items: Submissions) -> str:
    """本月应报送进展报告的单位7个，已报送5个（其中逾期报送1个：台山市），未报送2个：新会区、鹤山市。

    "按时" is said only when every report's day of arrival and the due day are known.
    """
    owed = [s for s in items.items if s.owed]
    missing = [s.unit for s in owed if s.state is SubmissionState.MISSING]
    late = [s.unit for s in owed if items.timing(s) is Timing.LATE]
    rejected = [s.unit for s in items.items if s.state is SubmissionState.REJECTED]
    text = f"本月应报送进展报告的单位{len(owed)}个"
    if not missing and not late and all(items.timing(s) is Timing.ON_TIME for s in owed):
        text += "，均已按时报送。"
    else:
        text += f"，已报送{len(owed) - len(missing)}个"
        if late:
            text += f"（其中逾期报送{len(late)}个：{'、'.join(late)}）"
        text += (f"，未报送{len(missing)}个：{'、'.join(missing)}" if missing else "") + "。"
    if rejected:
        text += f"{'、'.join(rejected)}报送的文件有错误，其内容未计入本汇总。"
    return text


def submissions_count(items: list[Submission]) -> str:
    """应报送 7 个单位，已报送 5 个，未报送 2 个 — the line under a submissions table."""
    owed = sum(s.owed for s in items)
    missing = sum(s.owed and s.state is SubmissionState.MISSING for s in items)
    rejected = sum(s.state is SubmissionState.REJECTED for s in items)
    text = f"应报送 {owed} 个单位，已报送 {owed - missing} 个，未报送 {missing} 个"
    return text + (f"；其中 {rejected} 个单位的文件有错误，未计入" if rejected else "")


def contact_note(contact: str | None) -> str:
    """The 附注 under a report's date: （联系人：黄嘉欣 0750-3271236）; empty without a contact.

    A contact already written in brackets loses that one outer pair, and nothing else: the
    brackets inside (张三（办公室主任）) stay balanced.
    """
    text = " ".join((contact or "").split())
    for opening, closing in (("（", "）"), ("(", ")")):
        if text.startswith(opening) and text.endswith(closing) and _balanced(text[1:-1]):
            text = text[1:-1].strip()
            break
    if not text:
        return ""
    return f"（{text}）" if text.startswith("联系人") else f"（联系人：{text}）"


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char in "（(") - (char in "）)")
        if depth < 0:
            return False
    return depth == 0


def self_reference(unit: Unit) -> str:
    """How a unit speaks of itself in the lead-office line: 本部门, 本市, 本区 …"""
    return "本部门" if unit.kind is UnitKind.DEPARTMENT else region_reference(unit.name)


def region_reference(place: str) -> str:
    """How a place speaks of itself: 江门市 → 本市, 顺德区 → 本区, 台山市 → 本市, 某县 → 本县."""
    for suffix in ("市", "区", "县", "旗", "州", "盟", "省"):
        if place.endswith(suffix):
            return "本" + suffix
    return "本地区"


_REPORT_STANDING = {
    Timing.ON_TIME: "按时报送",
    Timing.NOT_SUBMITTED: "未报送",
    Timing.NOT_COMMITTED: "报送日期不详",
    Timing.UNKNOWN: "报送日期不详",
}


def report_standing(items: Submissions, item: Submission | None) -> str:
    """A unit's report for the month, in a document: 按时报送, 逾期5天报送, 未报送; None: 无需报送."""
    if item is None:
        return "无需报送"
    if item.state is SubmissionState.REJECTED:
        return "文件有错误，未计入"
    timing = items.timing(item)
    if timing is Timing.LATE:
        return f"逾期{item.late_days}天报送"
    return _REPORT_STANDING[timing]


def timing_sentence(items: Submissions) -> str:
    """2018年6月应报送进展报告的单位33个，其中按时报送0个，逾期报送4个，未报送29个。"""
    owed = [s for s in items.items if s.owed]
    if not owed:
        return f"{items.month.chinese}没有应报送进展报告的单位。"
    timings = [items.timing(s) for s in owed]
    unknown = sum(t in (Timing.UNKNOWN, Timing.NOT_COMMITTED) for t in timings)
    text = (f"{items.month.chinese}应报送进展报告的单位{len(owed)}个，"
            f"其中按时报送{timings.count(Timing.ON_TIME)}个，逾期报送{timings.count(Timing.LATE)}个，"
            f"未报送{timings.count(Timing.NOT_SUBMITTED)}个")
    return text + (f"，报送日期不详{unknown}个" if unknown else "") + "。"


def reply_calendar_problem(days: int, year: int, years: tuple[int, int] | None) -> str:
    """Why a notice's reply deadline (``days`` working days on) cannot be counted in ``year``."""
    known = f"只收录了{years[0]}–{years[1]}年的节假日安排" if years else "没有收录这一年的节假日安排"
    return (f"督办回复期限（{days}个工作日）按工作日计算，而工作日历（chinese-calendar）{known}，"
            f"{year}年的工作日无法确定，回复期限无法计算")


# What templates may call to word typed values: {{ e.completed | cdate }}, {{ t | deadline }} …
TEMPLATE_FILTERS: dict[str, Callable[..., Any]] = {
    "cdate": chinese_date,
    "num": format_number,
    "deadline": deadline_text,
    "role": role_label,
    "status_label": status_label,
    "standing": standing_words,
    "done_count": done_count_words,
    "metrics": metrics_text,
    "progress_words": progress_words,
    "progress_cell": progress_cell,
    "overview": overview_sentence,
    "submission_sentence": submission_sentence,
    "self_reference": self_reference,
    "contact": contact_note,
    "region_reference": region_reference,
    "numeral": chinese_numeral,
    "report_standing": report_standing,
    "timing_sentence": timing_sentence,
}
