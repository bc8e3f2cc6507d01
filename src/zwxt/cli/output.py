"""Printing findings and notices: grouped text for people, JSON for programs, workflow commands for CI.

Everything that comes from a file or a user is made visible (cli/visible.py) and escaped before
rich sees it. JSON is printed raw; workflow commands show their message to people in a pull
request, so it is made visible, while ``file=`` stays raw for GitHub to find the file.
"""

from __future__ import annotations

import json
from itertools import groupby

from rich.console import Console
from rich.markup import escape

from zwxt.cli.visible import markup, visible
from zwxt.diagnostics import Diagnostic, Severity
from zwxt.loader import LeftOut

_STYLE = {Severity.ERROR: ("red", "错误"), Severity.WARNING: ("yellow", "警告")}
# How many left-out files a notice names before it only counts the rest.
SHOWN_LEFT_OUT = 10


def print_text(console: Console, diagnostics: list[Diagnostic]) -> None:
    """``path:line:col code message`` lines, grouped under each file, with the fix below."""
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        console.print(f"[bold underline]{markup(path)}[/]")
        for d in group:
            colour, label = _STYLE[d.severity]
            console.print(
                f"{markup(d.path)}:{d.line}:{d.column} [bold {colour}]{d.code}[/] "
                f"[{colour}]{label}[/] {markup(d.message)}"
            )
            if d.hint:
                console.print(f"    [cyan]怎么改：[/]{markup(d.hint)}")
        console.print()


def print_json(diagnostics: list[Diagnostic]) -> None:
    print(json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def print_github(diagnostics: list[Diagnostic]) -> None:
    """GitHub Actions workflow commands: each finding shows at its line in the pull request."""
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        message = visible(d.message) + (f"\n怎么改：{visible(d.hint)}" if d.hint else "")
        print(f"::{level} file={_escape_property(d.path)},line={d.line},col={d.column},"
              f"title={_escape_property(d.code)}::{_escape_data(message)}")


def summary_line(console: Console, diagnostics: list[Diagnostic], files: int,
                 failed: bool) -> None:
    errors = sum(d.count for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(d.count for d in diagnostics) - errors
    if not diagnostics:
        console.print(f"[bold green]✓ 检查通过[/]：{files} 个文件，没有发现问题。")
    elif failed:
        console.print(f"[bold red]✗ 未通过[/]：{files} 个文件中发现 {errors} 个错误、"
                      f"{warnings} 个警告。")
    else:
        console.print(f"[bold green]✓ 检查通过[/]：{files} 个文件，没有错误；"
                      f"[yellow]{warnings} 个警告[/]（加 --strict 时警告也不通过）。")


def warn_left_out(console: Console, left_out: list[LeftOut], consequence: str) -> None:
    """On stderr: which report files were left out for their errors, and the first of each."""
    if not left_out:
        return
    console.print(f"[yellow]注意：{len(left_out)} 个报告文件有错误，{escape(consequence)}：[/]")
    for item in left_out[:SHOWN_LEFT_OUT]:
        first = item.first
        more = f"（共 {item.errors} 个错误）" if item.errors > 1 else ""
        console.print(f"  {markup(first.path)}:{first.line}:{first.column} {first.code} "
                      f"{markup(first.message)}{more}")
    if len(left_out) > SHOWN_LEFT_OUT:
        console.print(f"  …… 另有 {len(left_out) - SHOWN_LEFT_OUT} 个文件")
    console.print("  [cyan]请运行 zwxt check 查看全部问题并改正；改正之前这些文件不计入。[/]")
