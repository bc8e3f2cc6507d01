"""zwxt render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.errors import UsageError
from zwxt.options import OutputFormat


def render(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[报告]...", help="要生成的报告文件或目录，如 reports/2018-03/市审计局.yaml")] = None,
    month: Annotated[str | None, typer.Option(
        "--month", "-m", metavar="月份",
        help="生成该月的全部报告（或与 --summary 一起生成全市汇总）")] = None,
    summary: Annotated[bool, typer.Option(
        "--summary", help="生成 --month 所指月份的全市汇总报告（附任务分工表及进展情况）")] = False,
    formats: Annotated[list[OutputFormat] | None, typer.Option(
        "--format", "-f", help="输出格式：docx（报送用 Word 文档）或 md（Markdown）；可重复，默认两种都生成")
    ] = None,
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="目录",
        help="输出目录（默认 output/YYYY-MM/）；报告跨多个月份时在其中按月份分子目录")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="目录", help="使用该目录中的提纲模板（默认仓库的 templates/，再到内置模板）")
    ] = None,
    signed: Annotated[str | None, typer.Option(
        "--date", metavar="日期",
        help="全市汇总落款的成文日期，如 2018-04-08（默认该月报告报送期限的次日）；"
             "单位报告的成文日期写在报告的 date 中")
    ] = None,
) -> int:
    """把月度报告生成为报送用的 Word 文档（公文格式）和 Markdown。

    例：zwxt render reports/2018-03/市审计局.yaml；zwxt render --month 2018-03；
    zwxt render --month 2018-03 --summary --format docx

    报告有错误时不生成（退出码 1），请先按 zwxt check 的提示改正；汇总不计入有错误的报告，并列出它们。
    已有的输出文件会被替换。
    """
    from zwxt.cli.args import parse_day_arg, parse_month_arg, templates_arg
    from zwxt.cli.console import console, err_console
    from zwxt.cli.output import print_text, warn_left_out
    from zwxt.cli.progress import progress_printer, shown_path
    from zwxt.services.render import render_reports, render_summary
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    templates = templates_arg(templates)
    chosen = formats or [OutputFormat.docx, OutputFormat.md]
    if signed is not None and not summary:
        raise UsageError("--date 只用于全市汇总（--summary）",
                         "单位报告的成文日期写在报告文件的 date 中，例如 date: 2018-04-03；"
                         "不写时为该月最后一天")
    if summary:
        if month is None:
            raise UsageError("--summary 需要同时给出 --month", "例如：zwxt render --month 2018-03 --summary")
        result = render_summary(repo, parse_month_arg(month), chosen, out, templates,
                                parse_day_arg(signed) if signed is not None else None)
        for path in result.written:
            console.print(f"已生成 {markup(shown_path(repo, path))}")
        warn_left_out(err_console, result.left_out, "未计入汇总")
        return 0
    if not paths and month is None:
        raise UsageError("请给出报告文件，或用 --month 指定月份",
                         "例如：zwxt render reports/2018-03/市审计局.yaml 或 zwxt render --month 2018-03")
    with progress_printer(repo, "生成报告") as advance:
        result = render_reports(repo, list(paths or []), parse_month_arg(month) if month else None,
                                chosen, out, templates, advance)
    if result.errors:
        print_text(err_console, result.errors)
        files = len({d.path for d in result.errors})
        err_console.print(f"[bold red]{files} 个报告文件有错误，未生成[/]；请按上面的提示改正后再运行。")
        return 1
    return 0
