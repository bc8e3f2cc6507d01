"""zwxt import tasks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup


def tasks(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="文件", help="含任务分工表（附件1）的 Word（.docx）或 Excel（.xlsx）文件",
        show_default=False)],
    add_units: Annotated[bool, typer.Option(
        "--add-units",
        help="把表中出现、data/units.yaml 中没有的单位添加到 data/units.yaml 末尾（保留原有注释和顺序）")
    ] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="允许改动或删除 data/tasks.yaml 中已有的任务")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示将要做的改动（差异），不写文件")] = False,
) -> int:
    """从 Word/Excel 的任务分工表（附件1）生成 data/tasks.yaml 的任务列表。

    按表头找到任务分工表：序号、工作任务（重点任务、任务内容）、牵头单位（责任单位）、配合单位、
    完成时间（完成时限），各列顺序不限，可有合并单元格，每页重复的表头自动跳过。
    保留 data/tasks.yaml 的 plan 部分和注释，只替换 tasks 列表；写入前按 zwxt check 的规则检查，
    有错误时不写任何文件，并指出表格的行和列。
    已有的任务将被改动时需加 --force；表中有未登记的单位时列出它们，加 --add-units 自动添加。

    例：zwxt import tasks 任务分工表.docx --dry-run；zwxt import tasks 任务分工表.xlsx --force --add-units
    """
    from zwxt.cli.console import console, err_console
    from zwxt.services.import_tasks import import_tasks, write_import
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    result = import_tasks(repo, file, add_units=add_units)
    for problem in result.warnings:
        err_console.print(f"[yellow]警告：[/]{markup(problem)}", highlight=False)
        if problem.hint:
            err_console.print(f"  [cyan]怎么改：[/]{markup(problem.hint)}", highlight=False)
    for unit in result.missing:
        rows = "、".join(unit.places)
        if unit.group:
            how = "它像是单位组：请在 data/units.yaml 的 groups 中定义它和它的成员（members）"
        else:
            how = "请在 data/units.yaml 中登记它，或加 --add-units 自动添加"
        guess = f"是否想写「{'」「'.join(unit.suggestions)}」？" if unit.suggestions else ""
        err_console.print(f"[bold red]错误：[/]{markup(result.source)}：{markup(rows)}："
                          f"单位「{markup(unit.name)}」没有登记在 data/units.yaml 中", highlight=False)
        err_console.print(f"  [cyan]怎么改：[/]{markup(guess + how)}", highlight=False)
    for problem in result.problems:
        err_console.print(f"[bold red]错误：[/]{markup(problem)}", highlight=False)
        if problem.hint:
            err_console.print(f"  [cyan]怎么改：[/]{markup(problem.hint)}", highlight=False)
    if not result.ok:
        count = len(result.problems) + len(result.missing)
        err_console.print(f"{markup(result.source)} 有 {count} 处错误，没有写入任何文件。", highlight=False)
        return 1
    if dry_run:
        for change in result.changes:
            print(change.diff(), end="")
        if not result.changes:
            console.print("data/tasks.yaml 已与表格一致，没有改动。")
        elif result.overwritten and not force:
            ids = "、".join(str(i) for i in result.overwritten)
            err_console.print(f"（只是预览，没有写入。写入时会改动或删除已有的第{ids}项任务，"
                              "需要加 --force）", highlight=False)
        return 0
    if not result.changes:
        console.print("data/tasks.yaml 已与表格一致，没有改动。")
        return 0
    from zwxt.errors import FileExistsRefusal

    try:
        write_import(result, force=force)
    except FileExistsRefusal as exc:
        raise FileExistsRefusal(exc.message,
                                "先用 --dry-run 查看差异；确认用表格替换这些任务请加 --force") from None
    written = "、".join(change.rel for change in result.changes)
    console.print(f"已从 {markup(result.source)} 导入 {result.tasks} 项任务，写入 {markup(written)}。")
    if result.added_units:
        console.print(f"已在 data/units.yaml 中添加单位：{markup('、'.join(result.added_units))}；"
                      "请核对其 kind，补写 full_name 和 lead_office。")
    console.print("下一步：运行 zwxt check，确认各单位已有的报告与新的任务分工表一致，再提交。")
    return 0
