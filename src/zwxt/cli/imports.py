"""zwxt import: files from outside the repository (Word, Excel) brought into it."""

from __future__ import annotations

import typer

from zwxt.cli import import_report, import_tasks

app = typer.Typer(help="导入 Word/Excel 文件：单位报送的报告、任务分工表。"
                       "例：zwxt import report 市审计局.docx；zwxt import tasks 任务分工表.docx",
                  no_args_is_help=True, rich_markup_mode=None)
app.command("report")(import_report.report)
app.command("tasks")(import_tasks.tasks)
