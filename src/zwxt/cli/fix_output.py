"""Printing what zwxt check --fix changed: each file's diff, then a line saying what was done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwxt.cli.visible import markup

if TYPE_CHECKING:
    from rich.console import Console

    from zwxt.services.fix import FixResult

_COLOURS = {"+": "green", "-": "red", "@": "cyan"}


def print_fixes(console: Console, result: FixResult) -> None:
    for item in result.fixed:
        for line in item.diff.splitlines():
            colour = None if line.startswith(("+++", "---")) else _COLOURS.get(line[:1])
            console.print(f"[{colour}]{markup(line)}[/]" if colour else markup(line), highlight=False)
    for rel in result.linked:
        console.print(f"[yellow]未改动 {markup(rel)}：它是符号链接，或经过符号链接[/]")
    repairs = sum(item.repairs for item in result.fixed)
    if not result.fixed:
        console.print("没有可以自动改正的写法错误，未改动任何文件。")
    elif result.written:
        console.print(f"[bold green]已改正[/] {len(result.fixed)} 个文件中的 {repairs} 处写法错误；"
                      "下面是改正之后的检查结果。")
    else:
        console.print(f"[bold yellow]试运行[/]：会改正 {len(result.fixed)} 个文件中的 {repairs} 处写法错误，"
                      "未写入任何文件；去掉 --dry-run 即可改正。下面是现在文件的检查结果。")
    console.print()
