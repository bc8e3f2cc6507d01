"""zwxt check."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from zwxt.errors import UsageError


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def check(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[路径]...", help="只检查这些报告文件或目录（及其依赖）；默认检查整个仓库")] = None,
    output: Annotated[Format, typer.Option(
        "--format", "-f", help="输出格式：text 适合阅读，json 供程序处理，github 供 GitHub Actions 标注，"
             "gitlab 为 GitLab 代码质量报告（Code Quality）")
    ] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告也视为不通过")] = False,
    base: Annotated[str | None, typer.Option(
        "--base", metavar="分支", help="只检查当前分支自与该分支（如 origin/main）分叉以来改动的文件，"
        "并核对每个提交的作者是否有权修改（合并请求中使用）")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="不读也不写缓存（在 ~/.cache/zwxt/ 中），每个文件都重新解析")] = False,
    fix: Annotated[bool, typer.Option(
        "--fix", help="先改正机械性的写法错误（键后的全角冒号、冒号后缺空格、Tab 缩进、日期中的全角数字、"
        "状态的同义词如 进行中），逐处显示改动，再照常检查；别的内容一概不动")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="与 --fix 同用：只显示会做的改动，不写文件")] = False,
) -> int:
    """校验任务分工表、单位名录和月度报告，列出全部问题（文件:行:列）。

    例：zwxt check；zwxt check reports/2018-03/市审计局.yaml；zwxt check --format github；
    zwxt check --format gitlab > gl-code-quality-report.json；合并请求中：zwxt check --base origin/main；
    zwxt check --fix --dry-run（只看会怎么改）；zwxt check --fix reports/2018-07/市审计局.yaml

    退出码：0 通过，1 发现错误（--strict 时含警告），2 用法或环境错误；--fix 时按改正之后的检查结果。
    """
    from zwxt.cli.console import console, err_console
    from zwxt.cli.output import (
        append_github_summary,
        print_github,
        print_gitlab,
        print_json,
        print_text,
        summary_line,
    )
    from zwxt.diagnostics import has_errors
    from zwxt.services.check import check as run_check
    from zwxt.store.repo import find_repository, working_directory

    repo = find_repository(working_directory(), ctx.obj.root)
    if base is not None and paths:
        raise UsageError("--base 与路径不能同时使用",
                         "--base 自动找出改动的文件；要检查指定文件请去掉 --base")
    if dry_run and not fix:
        raise UsageError("--dry-run 只能与 --fix 同时使用", "写成 zwxt check --fix --dry-run")
    if fix and base is not None:
        raise UsageError("--fix 与 --base 不能同时使用",
                         "--base 检查已提交的改动；请先在本地运行 zwxt check --fix 改正、提交，再检查")
    if fix:
        from zwxt.cli.fix_output import print_fixes
        from zwxt.services.fix import fix as run_fix

        print_fixes(console if output is Format.text else err_console, run_fix(repo, paths or None, dry_run))
    from zwxt.cli.progress import delayed_bar

    with delayed_bar("检查报告") as tick:
        result = run_check(repo, paths or None, base=base, cache=not no_cache, progress=tick)
    failed = has_errors(result.diagnostics, strict)
    if output is Format.json:
        print_json(result.diagnostics)
    elif output is Format.github:
        print_github(result.diagnostics)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            append_github_summary(Path(summary), result.diagnostics, result.files)
    elif output is Format.gitlab:
        print_gitlab(result.diagnostics)
    else:
        print_text(console, result.diagnostics)
    summary_line(console if output is Format.text else err_console,
                 result.diagnostics, result.files, failed)
    return 1 if failed else 0
