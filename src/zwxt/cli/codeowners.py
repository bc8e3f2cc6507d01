"""zwxt codeowners."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.errors import FileExistsRefusal


def codeowners(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="文件", help="写到哪个文件（默认为仓库根目录的 CODEOWNERS）")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="只检查，不写入：文件不存在或不是最新时退出码为 1（供 CI 使用）")] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖不是 zwxt 生成的同名文件")] = False,
) -> int:
    """根据 data/units.yaml 生成 CODEOWNERS：各单位的报告由本单位的 maintainers 负责审核。

    data/ 和 templates/ 由统筹单位的 maintainers 负责；没有登记 maintainers 的单位，其报告也由统筹单位负责。
    GitHub 和 GitLab 都读取仓库根目录的 CODEOWNERS。
    例：zwxt codeowners；zwxt codeowners --check；zwxt codeowners -o .github/CODEOWNERS
    """
    from zwxt.cli.console import console, err_console
    from zwxt.services.codeowners import State, codeowners_state, write_codeowners
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    if check:
        state = codeowners_state(repo, output)
        if state.state is State.CURRENT:
            console.print(f"{markup(state.path)} 已是最新。")
            return 0
        what = "不存在" if state.state is State.MISSING else "已过时，与 data/units.yaml 不一致"
        err_console.print(f"[bold red]✗[/] {markup(state.path)} {what}", highlight=False)
        err_console.print("  [cyan]怎么办：[/]运行 zwxt codeowners 重新生成并提交", highlight=False)
        return 1
    try:
        result = write_codeowners(repo, output, force)
    except FileExistsRefusal as exc:
        raise FileExistsRefusal(exc.message, "确认要覆盖请加 --force") from None
    if result.state is State.CURRENT:
        console.print(f"{markup(result.path)} 已是最新，未做改动。")
    else:
        console.print(f"已写入 {markup(result.path)}")
    return 0
