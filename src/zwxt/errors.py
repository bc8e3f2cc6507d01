"""Every exception zwxt raises on purpose, mapped to exit codes once, at the CLI boundary.

A ``ZwxtError`` is a condition the user can fix; its message (and hint) are Chinese and
say what is wrong in the library's own terms. Hints that name command-line options are
the CLI's to add. Anything else that escapes is a bug in zwxt (exit 3).
"""

from __future__ import annotations

import errno
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


class UnusablePathError(UsageError):
    """A path given to a command that the operating system will not look up (a name too
    long, a symbolic-link loop): exit 2. ``what`` names the argument, in Chinese."""

    def __init__(self, what: str, path: Path | str, error: OSError) -> None:
        reason, hint = os_problem(error, writing=False)
        super().__init__(f"{what} {path} 无法使用：{reason}", hint)


class TemplateError(ZwxtError):
    """A user's template (from the repository's templates/ or a chosen folder) fails: exit 2.

    The package's own templates never raise this: a fault in them is a bug (exit 3).
    """


class FileExistsRefusal(ZwxtError):
    """The target exists and the caller did not ask to replace it: exit 1."""

    exit_code = 1


class CannotWriteError(ZwxtError):
    """The file system refuses a write (a file where a folder should be, no permission): exit 2.

    The message says why in Chinese, from the error's errno (see os_problem), never in the
    operating system's English.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        reason, hint = os_problem(error, path, writing=True)
        super().__init__(f"无法写入 {path}：{reason}，这个文件没有写入", hint)
        self.path = path
        self.errno = error.errno


class NotARegularFileError(OSError):
    """What should be a regular file is a folder, a pipe or a device (opening a pipe would block)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class LinkInTheWayError(OSError):
    """A symbolic link stands where a file is to be written: zwxt neither writes through nor replaces it."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, "symbolic link in the way", str(path))


class LinkOutsideError(OSError):
    """A symbolic link leads out of the repository: zwxt neither reads nor writes through it."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EXDEV, "symbolic link out of the repository", str(path))


def os_problem(error: OSError, path: Path | None = None, writing: bool = True) -> tuple[str, str]:
    """Why the operating system refused to read or write ``path``, and what to do, in Chinese.

    By the error's errno; the operating system's own words (``strerror``) are English, or
    in whatever language its locale has, and never reach the user.
    """
    verb = "写入" if writing else "读取"
    if isinstance(error, NotARegularFileError):
        if writing:
            return "这里已有的不是普通文件（可能是管道、设备或套接字），zwxt 不替换它", "请换一个文件名"
        return "这不是普通文件（可能是文件夹、管道或设备）", "请换成普通文件"
    if isinstance(error, LinkInTheWayError):
        return ("这里已有一个符号链接，zwxt 既不经它写入，也不替换它",
                "请换一个文件名，或确认后删除该符号链接再运行")
    if isinstance(error, LinkOutsideError):
        return "这是指向仓库之外的符号链接，zwxt 不读取", "文件要放在仓库里：请把符号链接换成文件本身"
    code = error.errno
    if code in (errno.EEXIST, errno.ENOTDIR):
        blocker = _not_a_folder(path) if path is not None else None
        if blocker is not None and blocker.is_file():
            return f"路径中的「{blocker}」是文件而不是文件夹", f"请把「{blocker}」改名或移走，或换一个目录"
        if blocker is not None:
            return f"路径中的「{blocker}」是设备或其他特殊文件，不是文件夹", "请换一个目录"
        return "路径中应为文件夹的位置已有同名的文件", "请检查路径中的各级文件夹"
    if code == errno.EISDIR:
        if writing:
            return "已有同名的文件夹", "请把该文件夹改名或移走，或换一个文件名"
        return "这是文件夹，不是文件", "请给出文件"
    if code in (errno.EACCES, errno.EPERM):
        return (f"没有{verb}权限",
                f"请检查该文件和上级文件夹的权限，或换一个可以{verb}的位置；"
                "文件若正在 Word 等程序中打开，请先关闭")
    reason_hint = _REASONS.get(code or 0)
    if reason_hint is not None:
        return reason_hint
    return (f"操作系统拒绝了这次{verb}（错误号 {code}）" if code else f"操作系统拒绝了这次{verb}",
            f"请检查该位置是否存在、能否{verb}")


_REASONS = {
    errno.ENOSPC: ("磁盘空间已满", "请清理磁盘、腾出空间后重试，或换一个有空间的位置"),
    errno.EDQUOT: ("超出了磁盘配额", "请删除不需要的文件后重试，或请管理员增加配额"),
    errno.ENAMETOOLONG: ("文件名或路径过长",
                         "请换一个较短的目录名或文件名（一级名称一般最多 255 个字节，一个汉字占 3 个字节）"),
    errno.EROFS: ("这是只读的文件系统（如光盘、只读挂载的磁盘）", "请换一个可以写入的位置"),
    errno.ENOENT: ("路径中的文件夹不存在（可能刚被删除或移走）", "请检查路径后重试"),
    errno.ELOOP: ("路径中的符号链接指向自身或层层相连", "请检查路径中的符号链接"),
    errno.EIO: ("磁盘读写出错", "请检查磁盘或网络存储是否正常后重试"),
    errno.EBUSY: ("文件正被占用", "请关闭正在使用它的程序后重试"),
    errno.ETXTBSY: ("文件正被占用", "请关闭正在使用它的程序后重试"),
    errno.EFBIG: ("文件超过了该文件系统允许的大小", "请换一个文件系统的位置"),
    errno.EINVAL: ("该文件系统不接受这个文件名", "请换一个只用常见字符的文件名或目录"),
    errno.EMFILE: ("同时打开的文件太多", "请关闭一些程序后重试"),
    errno.ENFILE: ("同时打开的文件太多", "请关闭一些程序后重试"),
}


def _not_a_folder(path: Path) -> Path | None:
    """The outermost part of ``path``'s folders that exists but is not a folder, if any."""
    for ancestor in reversed(path.parents):
        try:
            is_folder = ancestor.is_dir()
            exists = is_folder or ancestor.exists() or ancestor.is_symlink()
        except OSError:
            return None
        if exists and not is_folder:
            return ancestor
        if not exists:
            return None
    return None


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


class FindingsError(ZwxtError):
    """Files with errors stand in the way of a document that must not be made from them (a
    report to render, notices that accuse units): exit 1.

    Carries the located findings (errors only), which the CLI prints before the message.
    """

    exit_code = 1

    def __init__(self, diagnostics: Sequence[Diagnostic], what: str) -> None:
        files = sorted({d.path for d in diagnostics})
        super().__init__(f"{'、'.join(files)} 有错误，未生成{what}",
                         "请改正这些文件中的错误（zwxt check 逐条列出）后再生成")
        self.diagnostics = list(diagnostics)
