"""zwxt import: files from outside the repository (Word, Excel) brought into it."""

from __future__ import annotations

import typer

from zwxt.cli import import_tasks

app = typer.Typer(help="从 Word/Excel 文件导入。例：zwxt import tasks 任务分工表.docx",
                  no_args_is_help=True, rich_markup_mode=None)
app.command("tasks")(import_tasks.tasks)
