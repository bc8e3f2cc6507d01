"""zwxt form."""

from __future__ import annotations

from typing import Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.errors import UsageError


def form(
    ctx: typer.Context,
    month: Annotated[str, typer.Option(
        "--month", "-m", metavar="月份", help="报告月份：2018-03、2018-3、201803 或 2018年3月")],
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", metavar="单位", help="报送单位：规范名称、简称均可，如 市审计局")] = None,
    all_units: Annotated[bool, typer.Option(
        "--all", help="为该月须报送的每个单位（月初仍有未完成任务的单位）各生成一份")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="替换已有的填报表（默认不覆盖：已发出的表可能正在填写）")] = False,
) -> int:
    """生成某单位某月的 Word 填报表，发给不用 git 的单位填写：预填与 report new 相同的内容。

    例：zwxt form --unit 市审计局 --month 2018-03（写入 output/2018-03/填报表/市审计局.docx）；
    zwxt form --month 2018-03 --all

    表中有填写说明、表头、一至六部分、任务表（“状态”为下拉列表）和量化指标表；
    填好的表用 zwxt import report 读回。已有同名填报表时不覆盖（退出码 1），加 --force 替换。
    """
    from zwxt.cli.args import parse_month_arg
    from zwxt.cli.console import console, err_console
    from zwxt.cli.output import warn_left_out
    from zwxt.services.form import month_forms, unit_form, write_forms
    from zwxt.store.repo import find_repository, working_directory

    if all_units == (unit is not None):
        raise UsageError("请用 --unit 指定一个单位，或用 --all 生成全部单位的填报表（二者选一）",
                         "例如：zwxt form --unit 市审计局 --month 2018-03")
    repo = find_repository(working_directory(), ctx.obj.root)
    chosen = parse_month_arg(month)
    forms = month_forms(repo, chosen) if unit is None else [unit_form(repo, unit, chosen)]
    for item in forms:
        warn_left_out(err_console, item.skipped, f"{item.unit}的填报表没有沿用其中的内容")
        if item.reported:
            err_console.print(f"[yellow]注意：{markup(item.unit)}{chosen.chinese}的报告已在仓库中"
                              f"（{markup('、'.join(item.reported))}），仍生成了填报表[/]")
    write_forms(forms, force)
    for item in forms:
        console.print(f"已生成 {markup(item.rel)}"
                      f"（必填任务 {len(item.required)} 项，选填任务 {len(item.optional)} 项）")
    if not forms:
        console.print(f"{chosen.chinese}没有须报送的单位，未生成填报表。")
    return 0
