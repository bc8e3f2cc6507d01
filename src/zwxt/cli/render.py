"""zwxt render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from zwxt.cli.console import console, err_console
from zwxt.cli.output import print_text, warn_files_left_out
from zwxt.dates import Month
from zwxt.errors import UsageError
from zwxt.io.loader import load_plan
from zwxt.io.repo import REPORTS_DIR, Repository, find_repository
from zwxt.services.check import CheckResult
from zwxt.services.check import check as run_check
from zwxt.services.lookup import parse_month_arg
from zwxt.services.render import (
    SUMMARY_NAME,
    OutputFormat,
    Templates,
    output_folder,
    output_stem,
    report_document,
    select_reports,
    summary_document,
    templates_for,
    write_document,
)


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
        "--output", "-o", metavar="目录", help="输出目录（默认 output/YYYY-MM/）")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="目录", help="使用该目录中的提纲模板（默认仓库的 templates/，再到内置模板）")
    ] = None,
) -> int:
    """把月度报告生成为报送用的 Word 文档（公文格式）和 Markdown。

    例：zwxt render reports/2018-03/市审计局.yaml；zwxt render --month 2018-03；
    zwxt render --month 2018-03 --summary --format docx
    报告有错误时不生成（退出码 1），请先按 zwxt check 的提示改正；已有的输出文件会被替换。
    """
    repo = find_repository(Path.cwd(), ctx.obj.root)
    chosen = formats or [OutputFormat.docx, OutputFormat.md]
    where = templates_for(repo, templates)
    if summary:
        if month is None:
            raise UsageError("--summary 需要同时给出 --month", "例如：zwxt render --month 2018-03 --summary")
        return _render_summary(repo, parse_month_arg(month), chosen, out, where)
    if not paths and month is None:
        raise UsageError("请给出报告文件，或用 --month 指定月份",
                         "例如：zwxt render reports/2018-03/市审计局.yaml 或 zwxt render --month 2018-03")
    wanted = list(paths or []) + ([repo.root / REPORTS_DIR / str(parse_month_arg(month))] if month else [])
    for path in wanted:
        if not path.exists():
            raise UsageError(f"找不到 {path}",
                             "月份目录或报告文件不存在：请检查路径，或先用 zwxt report new 生成")
    return _render_reports(repo, run_check(repo, wanted), wanted, chosen, out, where)


def _render_reports(repo: Repository, result: CheckResult, wanted: list[Path],
                    formats: list[OutputFormat], out: Path | None, templates: Templates) -> int:
    selection = select_reports(repo, result, wanted)
    if selection.errors:
        print_text(err_console, selection.errors)
        err_console.print(f"[bold red]{selection.broken_files} 个文件有错误，相关报告未生成[/]；"
                          "请按上面的提示改正后再运行。")
    elif not selection.reports:
        raise UsageError("没有找到要生成的报告", "报告应位于 reports/YYYY-MM/ 下，扩展名为 .yaml")
    with _progress(len(selection.reports)) as progress:
        task = progress.add_task("生成报告", total=len(selection.reports))
        for report in selection.reports:
            document = report_document(result.plan, report, templates)
            folder = output_folder(repo, report.model.month, out)
            for path in write_document(document, folder, output_stem(result.plan, report), formats):
                console.print(f"已生成 {_shown(repo, path)}")
            progress.advance(task)
    return 1 if selection.errors else 0


def _render_summary(repo: Repository, month: Month, formats: list[OutputFormat],
                    out: Path | None, templates: Templates) -> int:
    loaded = load_plan(repo)  # the summary needs the plan, not the rules' findings
    warn_files_left_out(err_console, loaded.diagnostics, "未计入汇总")
    document = summary_document(loaded.plan, month, templates)
    folder = output_folder(repo, month, out)
    for path in write_document(document, folder, SUMMARY_NAME, formats):
        console.print(f"已生成 {_shown(repo, path)}")
    return 0


def _shown(repo: Repository, path: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(repo.root).as_posix() if resolved.is_relative_to(repo.root) else str(path)


def _progress(total: int) -> Progress:
    """A bar on the terminal for several files; nothing when output is piped or there is one."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=err_console, transient=True, disable=total < 2 or not err_console.is_terminal)
