"""The status as JSON, CSV (for Excel and WPS) and Markdown: text for files and programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from zwxt.io.markdown_writer import markdown_table
from zwxt.services.status import MetricProgress, PlanStatus, Submission, TaskStatus


def format_number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def metrics_text(metrics: tuple[MetricProgress, ...], separator: str = "，") -> str:
    """``开放数据集 412/500个，数据应用 29/30个``; unreported values show as —."""
    parts = []
    for m in metrics:
        value = "—" if m.value is None else format_number(m.value)
        parts.append(f"{m.metric} {value}/{format_number(m.target)}{m.unit or ''}")
    return separator.join(parts)


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
        "due": status.due.isoformat() if status.due else None,
        "status": status.state.value,
        "label": status.label,
        "due_this_month": status.due_this_month,
        "overdue_days": status.overdue_days,
        "completed": status.completed.isoformat() if status.completed else None,
        "units_done": status.done_count,
        "units_total": len(status.deciding),
        "units": [
            {"unit": u.unit, "role": u.role, "deciding": u.unit in status.deciding,
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
    return [[str(t.task.id), t.task.short, lead_text(t), t.task.deadline or "长期",
             t.due.isoformat() if t.due else "", t.label, f"{t.done_count}/{len(t.deciding)}",
             metrics_text(t.metrics)] for t in status.tasks]


def status_csv(status: PlanStatus) -> str:
    """CSV with a byte-order mark, so that Excel and WPS open the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(status_rows(status))
    return "\ufeff" + buffer.getvalue()


def status_markdown(status: PlanStatus, summary: str) -> str:
    title = f"## 任务进展（截至 {status.as_of.year}年{status.as_of.month}月{status.as_of.day}日）\n\n"
    return title + markdown_table(HEADERS, status_rows(status)) + f"\n{summary}\n"


def summary_text(status: PlanStatus) -> str:
    counts = status.counts()
    parts = [f"{label} {n}" for label, n in counts.items() if n]
    return f"共 {len(status.tasks)} 项任务：" + "，".join(parts) if parts else "没有符合条件的任务"


SUBMISSION_HEADERS = ["单位", "报送情况", "文件", "未完成任务数"]


def submission_rows(items: list[Submission]) -> list[list[str]]:
    return [[s.unit, s.label, s.path or "", str(s.open_tasks)] for s in items]


def submissions_json(items: list[Submission]) -> str:
    state = {"已报送": "submitted", "未报送": "missing", "无需报送": "not_required"}
    return json.dumps([{"unit": s.unit, "status": state[s.label], "label": s.label,
                        "path": s.path, "open_tasks": s.open_tasks} for s in items],
                      ensure_ascii=False, indent=2)


def submissions_csv(items: list[Submission]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SUBMISSION_HEADERS)
    writer.writerows(submission_rows(items))
    return "\ufeff" + buffer.getvalue()


def submissions_markdown(title: str, items: list[Submission], summary: str) -> str:
    return f"## {title}\n\n" + markdown_table(SUBMISSION_HEADERS, submission_rows(items)) + f"\n{summary}\n"


def submissions_summary(items: list[Submission]) -> str:
    owed = sum(s.owed for s in items)
    missing = sum(s.path is None and s.owed for s in items)
    return f"应报送 {owed} 个单位，已报送 {owed - missing} 个，未报送 {missing} 个"
