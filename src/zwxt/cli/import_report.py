"""zwxt import report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup


def report(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(
        metavar="文件.docx...", help="单位填好的填报表（zwxt form 生成），或按附件2提纲自行撰写的报告")],
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", metavar="单位",
        help="自行撰写的报告是哪个单位的（文件中看不出时）；"
             "填报表的单位以表中记录的为准，写了须一致")] = None,
    month: Annotated[str | None, typer.Option(
        "--month", "-m", metavar="月份",
        help="自行撰写的报告是哪个月的（文件中看不出时）；"
             "填报表的月份以表中记录的为准，写了须一致")] = None,
    draft: Annotated[bool, typer.Option(
        "--draft",
        help="有问题时也写入读出的内容，每处存疑的地方标为【待核对】（通不过 zwxt check --strict）")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="替换已有的报告文件")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示导入的报告内容，不写文件")] = False,
    commit: Annotated[bool, typer.Option(
        "--commit",
        help="统筹单位代单位提交：在新分支 report/月份/单位 上写入并提交（git 的邮箱须是统筹单位的维护人），"
             "须同时写明 --received")] = False,
    received: Annotated[str | None, typer.Option(
        "--received", metavar="日期",
        help="收到这份 Word 文件的日期，YYYY-MM-DD：记入提交说明，作为这份报告的报送日期（与 --commit 同用）")
    ] = None,
) -> int:
    """把单位报送的 Word 文件导入为 reports/月份/单位.yaml，并按 zwxt check 的规则检查。

    例：zwxt import report 市审计局.docx；zwxt import report 来文/*.docx；
    zwxt import report 台山市报告.docx --unit 台山市 --month 2018-03

    每个问题都按 Word 文件中的位置说明（如「二」任务表第3行「状态」列），一次列出全部问题；
    有错误时什么也不写（退出码 1）。已有的报告不会被替换，除非加 --force。

    统筹单位代为提交：zwxt import report 市审计局.docx --commit --received 2018-04-03
    """
    from zwxt.cli.args import parse_day_arg, parse_month_arg
    from zwxt.cli.console import console, err_console
    from zwxt.errors import UsageError
    from zwxt.services.import_report import import_reports
    from zwxt.store.repo import find_repository, working_directory

    if commit != (received is not None):
        said = "--commit 与 --received 须同时使用" if commit else "--received 只在代为提交（--commit）时使用"
        raise UsageError(said, "代单位提交：zwxt import report 文件.docx --commit --received 收到日期"
                               "（YYYY-MM-DD）")
    repo = find_repository(working_directory(), ctx.obj.root)
    day = parse_day_arg(received) if received is not None else None
    result = import_reports(repo, list(files), unit, parse_month_arg(month) if month else None,
                            draft=draft, force=force, dry_run=dry_run, received=day)
    for problem in result.problems:
        label = "[bold red]错误[/]" if problem.error else "[yellow]警告[/]"
        err_console.print(f"{markup(problem.file)}：{label} {markup(problem.message)}", highlight=False)
        if problem.hint:
            err_console.print(f"  [cyan]怎么办：[/]{markup(problem.hint)}", highlight=False)
    if result.failed:
        errors = sum(1 for p in result.problems if p.error)
        err_console.print(f"[bold red]发现 {errors} 处错误，未写入任何文件[/]；"
                          "请对照上面的位置改正 Word 文件后再导入，或加 --draft 先写入草稿。")
        return 1
    if result.committed is not None:
        [done] = result.imported
        console.print(f"已从 {markup(done.source.name)} 导入 {markup(done.rel)}，在新分支 "
                      f"[bold]{markup(result.committed.branch)}[/] 上代{markup(done.unit)}提交"
                      f"（提交 {result.committed.sha[:8]}，收到日期 {day}）。", highlight=False)
        console.print(f"下一步：git push origin {markup(result.committed.branch)}，再发起合并请求。",
                      highlight=False)
        return 1 if any(p.error for p in result.problems) else 0
    for done in result.imported:
        if dry_run:
            console.print(f"# {markup(done.rel)}（来自 {markup(done.source.name)}）", highlight=False)
            print(done.text, end="")
            continue
        what = "草稿" if draft else "报告"
        console.print(f"已从 {markup(done.source.name)} 导入{what} [bold]{markup(done.rel)}[/]",
                      highlight=False)
    if draft and not dry_run and result.imported:
        console.print("草稿中存疑的地方标为【待核对】：请逐项核对后运行 zwxt check --strict。")
    return 1 if any(p.error for p in result.problems) else 0
