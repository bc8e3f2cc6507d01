"""Printing findings and notices: grouped text for people, JSON for programs, CI formats.

Everything that comes from a file or a user is made visible (cli/visible.py) and escaped before
rich sees it. JSON is printed raw; workflow commands and GitLab's Code Quality report show
their message to people in a merge request, so it is made visible, while paths stay raw for
GitHub and GitLab to find the file.

The library hands back every finding; each format here lists at most MAX_PER_CODE of a code
in a file and counts the rest (``diagnostics.capped``): a file of 100,000 mistakes prints in
a moment, and a person reads the first ones anyway.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from zwxt.cli.visible import markup, visible
from zwxt.diagnostics import Diagnostic, Severity, capped
from zwxt.errors import CannotWriteError

if TYPE_CHECKING:
    from rich.console import Console

    from zwxt.load import LeftOut

_STYLE = {Severity.ERROR: ("red", "错误"), Severity.WARNING: ("yellow", "警告")}
# How many left-out files a notice names before it only counts the rest.
SHOWN_LEFT_OUT = 10


def print_text(console: Console, diagnostics: list[Diagnostic]) -> None:
    """``path:line:col code message`` lines, grouped under each file, with the fix below."""
    for path, group in groupby(capped(diagnostics), key=lambda d: d.path):
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
    print(json.dumps([d.to_dict() for d in capped(diagnostics)], ensure_ascii=False, indent=2))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most 10 error and 10 warning annotations of a step; the rest are dropped
# without a word. So we print that many of each and say how many more there are.
GITHUB_ANNOTATIONS = 10


def print_github(diagnostics: list[Diagnostic]) -> None:
    """GitHub Actions workflow commands: each finding shows at its line in the pull request.

    The first GITHUB_ANNOTATIONS errors and warnings each; one notice counts the rest.
    """
    shown: Counter[Severity] = Counter()
    left: Counter[Severity] = Counter()
    for d in capped(diagnostics):
        if shown[d.severity] >= GITHUB_ANNOTATIONS:
            left[d.severity] += d.count
            continue
        shown[d.severity] += 1
        level = "error" if d.severity is Severity.ERROR else "warning"
        message = visible(d.message) + (f"\n怎么改：{visible(d.hint)}" if d.hint else "")
        print(f"::{level} file={_escape_property(d.path)},line={d.line},col={d.column},"
              f"title={_escape_property(d.code)}::{_escape_data(message)}")
    if left:
        print(f"::notice title=zwxt check::另有 {left[Severity.ERROR]} 个错误、"
              f"{left[Severity.WARNING]} 个警告未逐一标注"
              f"（GitHub 每一步最多显示 {GITHUB_ANNOTATIONS} 个错误和 {GITHUB_ANNOTATIONS} 个警告）"
              "：请在本地运行 zwxt check 查看全部问题")


def append_github_summary(path: Path, diagnostics: list[Diagnostic], files: int) -> None:
    """Append a Markdown summary to the job's summary file ($GITHUB_STEP_SUMMARY).

    A table of counts per file, then every finding: what the annotations leave out is here.
    """
    lines = ["## zwxt check", ""]
    diagnostics = capped(diagnostics)
    if not diagnostics:
        lines.append(f"✓ 检查通过：{files} 个文件，没有发现问题。")
    else:
        lines += ["| 文件 | 错误 | 警告 |", "|---|---:|---:|"]
        for file, group in groupby(diagnostics, key=lambda d: d.path):
            found = list(group)
            errors = sum(d.count for d in found if d.severity is Severity.ERROR)
            lines.append(f"| {_md(file)} | {errors} | {sum(d.count for d in found) - errors} |")
        lines += ["", "### 全部问题", ""]
        for d in diagnostics:
            label = _STYLE[d.severity][1]
            hint = f"（怎么改：{_md(d.hint)}）" if d.hint else ""
            lines.append(f"- {_md(d.path)}:{d.line}:{d.column} **{d.code}** {label} {_md(d.message)}{hint}")
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n\n")
    except OSError as exc:
        raise CannotWriteError(path, exc) from None


def _md(text: str) -> str:
    """Text from a file, safe in a Markdown table cell or list item: visible, one line, no markup."""
    text = visible(text).replace("\r", " ").replace("\n", " ")
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def print_gitlab(diagnostics: list[Diagnostic]) -> None:
    """A GitLab Code Quality report: a JSON array the merge request widget shows.

    ``fingerprint`` identifies a finding across pipelines (GitLab compares the source and
    target branches by it): a hash of its path, code and place in the data (``where``), so
    the same finding keeps it run after run and when lines are inserted above it (a comment,
    a blank line); two findings alike in all three are told apart by their order.
    """
    issues = []
    seen: Counter[str] = Counter()
    for d in capped(diagnostics):
        key = "\0".join((d.path, d.code, d.where))
        seen[key] += 1
        if seen[key] > 1:
            key += f"\0{seen[key]}"
        description = visible(d.message) + (f"（怎么改：{visible(d.hint)}）" if d.hint else "")
        issues.append({
            "description": description,
            "check_name": d.code,
            "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest(),
            "severity": "major" if d.severity is Severity.ERROR else "minor",
            "location": {"path": d.path, "lines": {"begin": d.line}},
        })
    print(json.dumps(issues, ensure_ascii=False, indent=2))


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
