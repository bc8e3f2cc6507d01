"""zwxt schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.errors import FileExistsRefusal


def schema(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="目录", help="写到哪个目录（默认为仓库的 schemas/）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖不是 zwxt 生成的同名文件")] = False,
) -> int:
    """生成 JSON Schema，让编辑器（装有 YAML 插件的 VS Code 等）在输入时补全和校验。

    例：zwxt schema。报告文件第一行的 # yaml-language-server: $schema=… 注释会引用它们。
    """
    from zwxt.cli.console import console
    from zwxt.services.schema import SCHEMAS, write_schemas
    from zwxt.store.repo import find_repository, working_directory

    target = output or find_repository(working_directory(), ctx.obj.root).schema_dir()
    try:
        changed = write_schemas(target, force)
    except FileExistsRefusal as exc:
        raise FileExistsRefusal(exc.message, "确认要覆盖请加 --force") from None
    for path in changed:
        console.print(f"已写入 {markup(path)}")
    if not changed:
        console.print(f"{markup(target)} 中的 {len(SCHEMAS)} 个 Schema 已是最新，未做改动。")
    return 0
