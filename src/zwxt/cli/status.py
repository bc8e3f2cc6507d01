"""zwxt status."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import PurePosixPath
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from zwxt.cli.console import console, err_console
from zwxt.cli.output import warn_left_out
from zwxt.cli.visible import visible
from zwxt.io import status_export as export
from zwxt.io.repo import find_repository, working_directory
from zwxt.model.status import PlanStatus, Standing, Submissions, SubmissionState, TaskStatus, Timing
from zwxt.services.lookup import parse_day_arg, parse_month_arg
from zwxt.services.status import month_submissions
from zwxt.services.status import status as run_status
from zwxt.wording import (
    NO_DEADLINE,
    counts_sentence,
    dates_notes,
    due_sentence,
    metrics_text,
    status_label,
    submission_label,
    submissions_count,
    timing_label,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


_COLOURS = {Standing.DONE: "green", Standing.DONE_LATE: "yellow", Standing.IN_PROGRESS: "cyan",
            Standing.NOT_STARTED: "white", Standing.DUE_THIS_MONTH: "bold magenta",
            Standing.DUE_NOT_DONE: "bold magenta",
            Standing.OVERDUE: "bold red"}
_SUBMISSION_COLOURS = {SubmissionState.SUBMITTED: "green", SubmissionState.MISSING: "bold red",
                       SubmissionState.REJECTED: "yellow", SubmissionState.NOT_REQUIRED: "white"}
_TIMING_COLOURS = {Timing.ON_TIME: "green", Timing.LATE: "bold red", Timing.NOT_SUBMITTED: "bold red",
                   Timing.NOT_COMMITTED: "yellow", Timing.UNKNOWN: "white"}


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
    zwxt status --month 2018-04（查看该月各单位是否按时报送：报送日期是添加报告的提交进入主线的日期）；
    zwxt status --format csv > 进展.csv
    数据文件有错误时不显示任何结果（退出码 1）；有错误的报告不计入，并在最后列出。
    """
    repo = find_repository(working_directory(), ctx.obj.root)
    if month is not None:
        sent = month_submissions(repo, parse_month_arg(month), unit)
        _print_submissions(sent.submissions, output)
        for note in dates_notes(sent.submissions):
            err_console.print(Text(f"注意：{note}", style="yellow"))
        warn_left_out(err_console, sent.left_out, "未计入报送情况")
        return 0
    day = parse_day_arg(as_of) if as_of else date.today()
    report = run_status(repo, day, unit)
    full = report.status
    _print_status(full.only_overdue() if overdue else full, output)
    warn_left_out(err_console, report.left_out, "未计入统计")
    return 1 if fail_on_overdue and full.only_overdue().tasks else 0


def _print_status(result: PlanStatus, output: Format) -> None:
    if output is Format.json:
        print(export.status_json(result))
    elif output is Format.csv:
        print(export.status_csv(result), end="")
    elif output is Format.markdown:
        print(export.status_markdown(result), end="")
    else:
        _status_table(result)


def _status_table(result: PlanStatus) -> None:
    table = Table(title=Text(visible(export.status_title(result))), title_justify="left")
    for header in export.HEADERS:
        if header != "完成时间":
            fixed = header in ("序号", "到期日", "状态", "完成单位")
            table.add_column(header, no_wrap=fixed, overflow="fold", min_width=None if fixed else 6)
    for task in result.tasks:
        table.add_row(*_cells(task))
    console.print(table)
    console.print(Text(visible(counts_sentence(result))))


def _cells(task: TaskStatus) -> list[Text]:
    due = task.task.due
    return [Text(str(task.task.id)), Text(visible(task.task.short)), Text(visible(export.lead_text(task))),
            Text(due.isoformat() if due else NO_DEADLINE),
            Text(status_label(task), style=_COLOURS[task.standing]),
            Text(f"{task.done_count}/{len(task.deciding)}"),
            Text(visible(metrics_text(task.metrics, separator="\n"), lines=True))]


def _print_submissions(items: Submissions, output: Format) -> None:
    if output is Format.json:
        print(export.submissions_json(items))
    elif output is Format.csv:
        print(export.submissions_csv(items), end="")
    elif output is Format.markdown:
        print(export.submissions_markdown(items), end="")
    else:
        # the folder is the month's, reports/YYYY-MM/: the file's name says which it is
        table = Table(title=Text(visible(export.submissions_title(items))), title_justify="left")
        for header in export.SUBMISSION_HEADERS:
            fixed = header in ("报送日期", "是否按时")
            table.add_column(header, no_wrap=fixed, overflow="fold",
                             min_width=20 if header == "文件" else None)
        for item in items.items:
            table.add_row(Text(visible(item.unit)), Text(submission_label(item.state),
                                                         style=_SUBMISSION_COLOURS[item.state]),
                          Text(item.submitted_on.isoformat() if item.submitted_on else ""),
                          Text(timing_label(items, item), style=_TIMING_COLOURS[items.timing(item)]),
                          Text(visible(PurePosixPath(item.path).name if item.path else "")),
                          Text(str(item.open_tasks)))
        console.print(table)
        console.print(Text(visible(due_sentence(items))))
        console.print(Text(f"{items.month.chinese}：{submissions_count(items.items)}"))
