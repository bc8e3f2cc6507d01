"""Turning what a user typed on the command line into a month, a day or a folder, or a clear refusal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zwxt.dates import Month, parse_day_loose, parse_month_loose
from zwxt.errors import UnusablePathError, UsageError


def parse_month_arg(text: str) -> Month:
    """A month as typed: 2018-03, 2018-3, 201803, 2018/3, 2018年3月, full-width digits too."""
    try:
        return parse_month_loose(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def parse_day_arg(text: str) -> date:
    """A day as typed (2018-03-31, 2018/3/31, 2018年3月31日, full-width digits too);
    a month alone means its last day."""
    try:
        return parse_day_loose(text)
    except ValueError as day_error:
        try:
            return parse_month_loose(text).end
        except ValueError:
            raise UsageError(str(day_error), "日期请写成 YYYY-MM-DD，给出工作方案实施期间的一天，"
                                             "例如 2018-06-30") from None


def templates_arg(folder: Path | None) -> Path | None:
    """The folder ``--templates`` names, which must be one: never ignored in silence."""
    if folder is None:
        return None
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a name too long
        raise UnusablePathError("--templates 给出的模板目录", folder, exc) from None
    if not is_folder:
        raise UsageError(f"模板目录 {folder} 不存在或不是文件夹",
                         "请给出存放 .j2 模板的文件夹；不加 --templates 时使用仓库的 templates/ 和内置模板")
    return folder
