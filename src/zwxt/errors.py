"""Every exception zwxt raises on purpose, mapped to exit codes once, at the CLI boundary.

A ``ZwxtError`` is a condition the user can fix; its message (and hint) are Chinese and
say what is wrong in the library's own terms. Hints that name command-line options are
the CLI's to add. Anything else that escapes is a bug in zwxt (exit 3).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zwxt.diagnostics import Diagnostic


class ZwxtError(Exception):
    """A fatal condition with a message for the user (in Chinese)."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ZwxtError):
    """What was asked for cannot be done as asked (an unknown unit, a bad month): exit 2."""


class NotARepositoryError(ZwxtError):
    """No plan repository (a directory holding data/tasks.yaml) was found: exit 2.

    ``explicit`` when the caller named the directory, rather than asking to search upwards.
    """

    def __init__(self, message: str, hint: str = "", explicit: bool = False) -> None:
        super().__init__(message, hint)
        self.explicit = explicit


class OutsideRepositoryError(UsageError):
    """A path given to a command lies outside the plan repository: exit 2."""

    def __init__(self, path: Path, root: Path) -> None:
        super().__init__(f"{path} 不在工作方案仓库 {root} 之内", "请给出仓库内的文件或目录")
        self.path = path
        self.root = root


class TemplateError(ZwxtError):
    """A user's template (from the repository's templates/ or a chosen folder) fails: exit 2.

    The package's own templates never raise this: a fault in them is a bug (exit 3).
    """


class FileExistsRefusal(ZwxtError):
    """The target exists and the caller did not ask to replace it: exit 1."""

    exit_code = 1


class CannotWriteError(ZwxtError):
    """The file system refuses a write (a file where a folder should be, no permission): exit 2."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"无法写入 {path}：{reason}，未做任何改动",
                         "请检查这个位置：上级是不是文件夹、是否已有同名的文件夹、是否有写入权限")
        self.path = path


class BrokenPlanError(ZwxtError):
    """data/tasks.yaml or data/units.yaml has errors, so no command can trust the plan: exit 1.

    Carries the located findings, which the CLI prints before the message.
    """

    exit_code = 1

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        files = sorted({d.path for d in diagnostics})
        super().__init__(f"{'、'.join(files)} 有错误，工作方案无法使用",
                         "请按上面的提示改正数据文件，再运行 zwxt check 确认")
        self.diagnostics = list(diagnostics)
