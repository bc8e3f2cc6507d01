"""The status as JSON, CSV (for Excel and WPS) and Markdown: text for files and programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from zwxt.dates import chinese_date
from zwxt.documents.markdown_writer import markdown_table
from zwxt.plan.status import PlanStatus, Submissions, TaskStatus, Timing
from zwxt.wording import (
    counts_sentence,
    dates_notes,
    deadline_text,
    due_sentence,
    metrics_text,
    status_label,
    submission_label,
    submissions_count,
    timing_label,
)


def lead_text(status: TaskStatus) -> str:
    return "、".join(status.task.lead)


def task_dict(status: TaskStatus) -> dict[str, Any]:
    task = status.task
    return {
        "id": task.id,
        "title": task.short,
        "text": task.text,
        "lead": list(task.lead),
        "support": list(task.support),
        "deadline": task.deadline,
        "due": task.due.isoformat() if task.due else None,
        "status": status.state.value,
        "label": status_label(status),
        "due_this_month": status.due_this_month,
        "overdue_days": status.overdue_days,
        "completed": status.completed.isoformat() if status.completed else None,
        "units_done": status.done_count,
        "units_total": len(status.deciding),
        "units": [
            {"unit": u.unit, "role": u.role.value, "deciding": u.deciding,
             "status": u.status.value if u.status else None,
             "completed": u.completed.isoformat() if u.completed else None,
             "report_month": str(u.month) if u.month else None}
            for u in status.units
        ],
        "metrics": [{"metric": m.metric, "value": m.value, "target": m.target, "unit": m.unit}
                    for m in status.metrics],
    }


def status_json(status: PlanStatus) -> str:
    return json.dumps([task_dict(t) for t in status.tasks], ensure_ascii=False, indent=2)


HEADERS = ["序号", "任务", "牵头单位", "完成时间", "到期日", "状态", "完成单位", "量化指标"]


def status_rows(status: PlanStatus) -> list[list[str]]:
    return [[str(t.task.id), t.task.short, lead_text(t), deadline_text(t.task),
             t.task.due.isoformat() if t.task.due else "", status_label(t),
             f"{t.done_count}/{len(t.deciding)}", metrics_text(t.metrics)] for t in status.tasks]


def status_title(status: PlanStatus) -> str:
    who = f"{status.unit}的" if status.unit else ""
    return f"{who}任务进展（截至 {chinese_date(status.as_of)}）"


def _csv(headers: list[str], rows: list[list[str]]) -> str:
    """CSV with a byte-order mark, so that Excel and WPS open the Chinese text correctly.

    A cell beginning as a formula does (``=`` ``+`` ``-`` ``@``, a tab or a carriage return)
    gets a leading apostrophe, so that a spreadsheet shows the text instead of running it
    (OWASP's advice on CSV injection): task texts come from the plan's files.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([[_as_text(cell) for cell in row] for row in rows])
    return "\ufeff" + buffer.getvalue()


def _as_text(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def status_csv(status: PlanStatus) -> str:
    return _csv(HEADERS, status_rows(status))


def status_markdown(status: PlanStatus) -> str:
    return (f"## {status_title(status)}\n\n" + markdown_table(HEADERS, status_rows(status))
            + f"\n{counts_sentence(status)}\n")


SUBMISSION_HEADERS = ["单位", "报送情况", "报送日期", "是否按时", "文件", "未完成任务数"]


def submissions_title(items: Submissions) -> str:
    return f"{items.month.chinese}报送情况"


def submission_rows(items: Submissions) -> list[list[str]]:
    return [[s.unit, submission_label(s.state), s.submitted_on.isoformat() if s.submitted_on else "",
             timing_label(items, s), s.path or "", str(s.open_tasks)] for s in items.items]


def _late(items: Submissions, timing: Timing) -> bool | None:
    """true or false when both days are known; null when not submitted, or either is unknown."""
    return {Timing.LATE: True, Timing.ON_TIME: False}.get(timing)


def submissions_json(items: Submissions) -> str:
    return json.dumps([{"unit": s.unit, "status": s.state.value, "label": submission_label(s.state),
                        "path": s.path, "open_tasks": s.open_tasks,
                        "submitted_on": s.submitted_on.isoformat() if s.submitted_on else None,
                        "due_on": s.due_on.isoformat() if s.due_on else None,
                        "late": _late(items, items.timing(s)), "late_days": s.late_days,
                        "timing": items.timing(s).value, "timing_label": timing_label(items, s)}
                       for s in items.items], ensure_ascii=False, indent=2)


def submissions_csv(items: Submissions) -> str:
    return _csv(SUBMISSION_HEADERS, submission_rows(items))


def submissions_markdown(items: Submissions) -> str:
    notes = "".join(f"\n> {note}\n" for note in dates_notes(items))
    return (f"## {submissions_title(items)}\n\n{due_sentence(items)}\n\n"
            + markdown_table(SUBMISSION_HEADERS, submission_rows(items))
            + f"\n{items.month.chinese}：{submissions_count(items.items)}\n" + notes)
