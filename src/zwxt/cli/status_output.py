"""How zwxt status prints: a table on the terminal, or JSON, CSV, Markdown from documents/status_export.

Apart from cli/status.py, which declares the command and its options, so that the command
line can be built without rich's tables and the models (cli/__init__.py, on start-up).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from rich.table import Table
from rich.text import Text

from zwxt.cli.console import console
from zwxt.cli.visible import visible
from zwxt.documents import status_export as export
from zwxt.options import StatusFormat
from zwxt.plan.status import PlanStatus, Standing, Submissions, SubmissionState, TaskStatus, Timing
from zwxt.wording import (
    NO_DEADLINE,
    counts_sentence,
    due_sentence,
    metrics_text,
    status_label,
    submission_label,
    submissions_count,
    timing_label,
)

_COLOURS = {Standing.DONE: "green", Standing.DONE_LATE: "yellow", Standing.IN_PROGRESS: "cyan",
            Standing.NOT_STARTED: "white", Standing.DUE_THIS_MONTH: "bold magenta",
            Standing.DUE_NOT_DONE: "bold magenta",
            Standing.OVERDUE: "bold red"}
_SUBMISSION_COLOURS = {SubmissionState.SUBMITTED: "green", SubmissionState.MISSING: "bold red",
                       SubmissionState.REJECTED: "yellow", SubmissionState.NOT_REQUIRED: "white"}
_TIMING_COLOURS = {Timing.ON_TIME: "green", Timing.LATE: "bold red", Timing.NOT_SUBMITTED: "bold red",
                   Timing.NOT_COMMITTED: "yellow", Timing.UNKNOWN: "white"}


def print_status(result: PlanStatus, output: StatusFormat) -> None:
    if output is StatusFormat.json:
        print(export.status_json(result))
    elif output is StatusFormat.csv:
        print(export.status_csv(result), end="")
    elif output is StatusFormat.markdown:
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


def print_submissions(items: Submissions, output: StatusFormat) -> None:
    if output is StatusFormat.json:
        print(export.submissions_json(items))
    elif output is StatusFormat.csv:
        print(export.submissions_csv(items), end="")
    elif output is StatusFormat.markdown:
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
