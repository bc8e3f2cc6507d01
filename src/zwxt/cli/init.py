"""zwxt init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zwxt.cli.visible import markup
from zwxt.options import DEFAULT_REGION


def init(
    directory: Annotated[Path, typer.Argument(metavar="目录", help="新仓库的目录（不存在时创建）")],
    region: Annotated[str, typer.Option(
        "--region", metavar="地区", help=f"地区名称，写入方案和说明（默认 {DEFAULT_REGION}）")
    ] = DEFAULT_REGION,
) -> int:
    """新建一个工作方案仓库：git 仓库、带注释的示例数据、JSON Schema、CI 配置和报送说明。

    例：zwxt init 某市方案 --region 某市

    目录中已有工作方案（data/tasks.yaml），或已有要写的同名文件时，不做任何改动（退出码 1）。
    """
    from zwxt.cli.console import console
    from zwxt.services.init import init_plan

    written = init_plan(directory, region)
    console.print(f"已在 [bold]{markup(directory)}[/] 新建工作方案仓库（{len(written)} 个文件）。")
    console.print("下一步：把 data/units.yaml 和 data/tasks.yaml 中的示例换成实际的单位和任务，"
                  "运行 zwxt check，然后提交；报送和审核的做法见其中的 README.md。")
    return 0
