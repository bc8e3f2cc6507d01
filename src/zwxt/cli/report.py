"""zwxt report new."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup

app = typer.Typer(help="月度进展报告。例：zwxt report new --unit 市审计局 --month 2018-03",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("new")
def new(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option(
        "--unit", "-u", metavar="单位", help="报送单位：规范名称、简称均可，如 市审计局")],
    month: Annotated[str, typer.Option(
        "--month", "-m", metavar="月份", help="报告月份：2018-03、2018-3、201803 或 2018年3月")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示草稿内容，不写文件")] = False,
    commit: Annotated[bool, typer.Option(
        "--commit",
        help="在新分支 report/月份/单位 上写入草稿并提交（git 的邮箱须是该单位的维护人），之后推送即可")
    ] = False,
    templates: Annotated[Path | None, typer.Option(
        "--templates", metavar="目录", help="使用该目录中的模板（默认仓库的 templates/，再到内置模板）")
    ] = None,
) -> int:
    """生成某单位某月的进展报告草稿：预填表头、本月必填任务和其他未完成任务，沿用上月内容。

    例：zwxt report new --unit 市审计局 --month 2018-03

    已有同名报告时不会覆盖（退出码 1）；--dry-run 只显示不写入；
    --commit 在新分支上写入并提交：zwxt report new --unit 市审计局 --month 2018-03 --commit。
    本单位此前的报告有错误时不沿用，并说明是哪一份。
    """
    from zwxt.cli.args import parse_month_arg, templates_arg
    from zwxt.cli.console import console, err_console
    from zwxt.cli.output import warn_left_out
    from zwxt.services.scaffold import commit_scaffold, new_report, write_scaffold
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    scaffold = new_report(repo, unit, parse_month_arg(month), templates_arg(templates))
    warn_left_out(err_console, scaffold.skipped, "草稿没有沿用其中的内容")
    if dry_run:
        print(scaffold.text, end="")
        return 0
    if commit:
        committed = commit_scaffold(repo, scaffold)
        console.print(f"已在新分支 [bold]{markup(committed.branch)}[/] 上生成并提交 {markup(scaffold.rel)}"
                      f"（提交 {committed.sha[:8]}）。")
        console.print("下一步：把每处“【待填写】”换成实际内容，运行 zwxt check --strict "
                      f"{markup(scaffold.rel)}，提交修改后 git push origin {markup(committed.branch)}，"
                      "再发起合并请求。")
        return 0
    write_scaffold(scaffold)
    console.print(f"已生成 [bold]{markup(scaffold.rel)}[/]"
                  f"（必填任务 {len(scaffold.required)} 项，选填任务 {len(scaffold.optional)} 项）。")
    console.print("下一步：打开该文件，把每处“【待填写】”换成实际内容，按本月实际修改沿用的状态和进展，"
                  f"然后运行 zwxt check --strict {markup(scaffold.rel)}，通过后提交合并请求。")
    return 0
