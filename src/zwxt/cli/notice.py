"""zwxt notice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.options import OutputFormat

if TYPE_CHECKING:
    from zwxt.services.notice import Noticed


def notice(
    ctx: typer.Context,
    month: Annotated[str, typer.Option(
        "--month", "-m", metavar="月份", help="督办哪个月：该月月底逾期的任务和该月的进展报告")],
    circular: Annotated[bool, typer.Option(
        "--circular",
        help="生成该月的通报（全部单位的报送和任务情况及排名），而不是各单位的督办通知")] = False,
    day: Annotated[str | None, typer.Option(
        "--date", metavar="日期", help="通知的日期（默认为该月报告报送期限的次日），如 2018-07-06")] = None,
    formats: Annotated[list[OutputFormat] | None, typer.Option(
        "--format", "-f", help="输出格式：docx（报送用 Word 文档）或 md（Markdown）；可重复，默认两种都生成")
    ] = None,
    out: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="目录", help="输出目录（默认 output/YYYY-MM/）")] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="目录", help="使用该目录中的提纲模板（默认仓库的 templates/，再到内置模板）")
    ] = None,
) -> int:
    """给月底有逾期任务、未报送或逾期报送进展报告的单位生成督办通知（信函格式），或生成该月的通报。

    例：zwxt notice --month 2018-06；zwxt notice --month 2018-06 --circular；
    zwxt notice --month 2018-06 --date 2018-07-09 --format docx -o 督办

    督办通知写入 output/YYYY-MM/督办通知/单位.docx 和 .md，通报写入 output/YYYY-MM/通报.docx 和 .md；
    要求回复的期限是通知日期之后的第 N 个工作日（data/tasks.yaml 的 plan.notice_reply_days，默认 5）。
    任何文件有错误时不生成（退出码 1），请先按 zwxt check 的提示改正。已有的输出文件会被替换。
    """
    from zwxt.cli.args import parse_day_arg, parse_month_arg, templates_arg
    from zwxt.cli.console import console, err_console
    from zwxt.cli.output import print_text
    from zwxt.cli.progress import progress_printer, shown_path
    from zwxt.services.notice import render_circular, render_notices
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    templates = templates_arg(templates)
    chosen = formats or [OutputFormat.docx, OutputFormat.md]
    the_month = parse_month_arg(month)
    the_day = parse_day_arg(day) if day is not None else None
    if circular:
        result = render_circular(repo, the_month, chosen, out, templates, the_day)
        for path in result.written:
            console.print(f"已生成 {markup(shown_path(repo, path))}")
    else:
        with progress_printer(repo, "生成督办通知") as advance:
            result = render_notices(repo, the_month, chosen, out, templates, the_day, advance)
    if result.errors:
        print_text(err_console, result.errors)
        files = len({d.path for d in result.errors})
        what = "通报" if circular else "督办通知"
        err_console.print(f"[bold red]{files} 个文件有错误，未生成{what}[/]；请按上面的提示改正后再运行。")
        return 1
    _notes(result, circular)
    return 0


def _notes(result: Noticed, circular: bool) -> None:
    """Why some facts could not be judged, and what was written, after the files."""
    from zwxt.cli.console import console, err_console
    from zwxt.dates import chinese_date
    from zwxt.wording import dates_notes

    facts = result.facts
    if facts is None:
        return
    for note in dates_notes(facts.submissions):
        err_console.print(f"[yellow]注意：[/]{markup(note)}")
    for unit in facts.uncommitted:
        err_console.print(f"[yellow]注意：[/]{markup(unit)}的{facts.month.chinese}进展报告在文件夹中，"
                          "但还没有提交到 git 主线，按未报送计")
    document = "通报" if circular else "通知"
    for item in facts.arrived_after:
        if circular or item.unit in result.units:
            when = chinese_date(item.submitted_on) if item.submitted_on else ""
            err_console.print(f"[yellow]注意：[/]{markup(item.unit)}的{facts.month.chinese}进展报告{when}才报送，"
                              f"晚于{document}的日期{chinese_date(facts.day)}，文中按逾期报送写")
    if not result.written:
        console.print("本月没有应报送进展报告的单位，也没有逾期任务，未生成通报" if circular
                      else "本月没有需要督办的单位")
        return
    dates = (f"日期{chinese_date(facts.day)}，要求于{chinese_date(facts.reply_by)}前报送整改情况"
             f"（{facts.plan.info.notice_reply_days} 个工作日）")
    console.print(f"通报{dates}" if circular else f"共督办 {len(result.units)} 个单位：通知{dates}")
