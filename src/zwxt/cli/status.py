"""zwxt status."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zwxt.cli.console import console, err_console
from zwxt.cli.output import warn_files_left_out
from zwxt.io.loader import load_plan
from zwxt.io.repo import find_repository
from zwxt.services import status_export as export
from zwxt.services.lookup import parse_day_arg, parse_month_arg, resolve_unit
from zwxt.services.status import PlanStatus, State, Submission, TaskStatus, plan_status, submissions


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


_COLOURS = {State.DONE: "green", State.DONE_LATE: "yellow", State.IN_PROGRESS: "cyan",
            State.NOT_STARTED: "white", State.OVERDUE: "bold red"}


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="日期", help="以哪一天为准，YYYY-MM-DD（默认今天）")] = None,
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", metavar="单位", help="只看这个单位负责（牵头或配合）的任务")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列出逾期的任务")] = False,
    month: Annotated[str | None, typer.Option(
        "--month", "-m", metavar="月份", help="改为查看该月各单位的报送情况（列出未报送）")] = None,
    output: Annotated[Format, typer.Option(
        "--format", "-f", help="输出格式：table 终端表格，json，csv（Excel/WPS 可直接打开），markdown")
    ] = Format.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help="有逾期任务时以退出码 1 结束（用于定时 CI 任务）")] = False,
) -> int:
    """查看工作方案的推进情况：每项任务的状态、完成单位数和量化指标，逾期任务标红。

    例：zwxt status --as-of 2018-06-30；zwxt status --unit 市审计局；zwxt status --overdue；
    zwxt status --month 2018-04（查看该月未报送的单位）；zwxt status --format csv > 进展.csv
    """
    repo = find_repository(Path.cwd(), ctx.obj.root)
    loaded = load_plan(repo)
    warn_files_left_out(err_console, loaded.diagnostics, "未计入统计")
    plan = loaded.plan
    who = resolve_unit(plan, unit) if unit else None
    if month is not None:
        which = parse_month_arg(month)
        items = [s for s in submissions(plan, which) if who is None or s.unit == who]
        _print_submissions(which.chinese, items, output)
        return 0
    day = parse_day_arg(as_of) if as_of else date.today()
    full = plan_status(plan, day, who)
    _print_status(full.only_overdue() if overdue else full, output)
    return 1 if fail_on_overdue and full.only_overdue().tasks else 0


def _print_status(result: PlanStatus, output: Format) -> None:
    summary = export.summary_text(result)
    if output is Format.json:
        print(export.status_json(result))
    elif output is Format.csv:
        print(export.status_csv(result), end="")
    elif output is Format.markdown:
        print(export.status_markdown(result, summary), end="")
    else:
        _status_table(result, summary)


def _status_table(result: PlanStatus, summary: str) -> None:
    who = f"{result.unit}的任务，" if result.unit else ""
    day = result.as_of
    table = Table(title=f"{who}截至 {day.year}年{day.month}月{day.day}日", title_justify="left")
    for header in export.HEADERS:
        if header != "完成时间":
            fixed = header in ("序号", "到期日", "状态", "完成单位")
            table.add_column(header, no_wrap=fixed, overflow="fold", min_width=None if fixed else 6)
    for task in result.tasks:
        table.add_row(*_cells(task))
    console.print(table)
    console.print(summary)


def _cells(task: TaskStatus) -> list[str]:
    colour = "bold magenta" if task.due_this_month else _COLOURS[task.state]
    return [str(task.task.id), task.task.short, export.lead_text(task),
            task.due.isoformat() if task.due else "长期", f"[{colour}]{task.label}[/]",
            f"{task.done_count}/{len(task.deciding)}", export.metrics_text(task.metrics, "\n")]


def _print_submissions(month_label: str, items: list[Submission], output: Format) -> None:
    summary = f"{month_label}：{export.submissions_summary(items)}"
    if output is Format.json:
        print(export.submissions_json(items))
    elif output is Format.csv:
        print(export.submissions_csv(items), end="")
    elif output is Format.markdown:
        print(export.submissions_markdown(f"{month_label}报送情况", items, summary), end="")
    else:
        table = Table(title=f"{month_label}报送情况", title_justify="left")
        for header in export.SUBMISSION_HEADERS:
            table.add_column(header, overflow="fold")
        for item in items:
            colour = "green" if item.path else "bold red" if item.owed else "white"
            table.add_row(item.unit, f"[{colour}]{item.label}[/]", item.path or "",
                          str(item.open_tasks))
        console.print(table)
        console.print(summary)
