"""Writing files so that no reader ever sees half of one, and nothing is overwritten unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zwxt.errors import CannotWriteError, FileExistsRefusal


def write_atomic(path: Path, data: bytes, replace: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Without ``replace`` an existing file is left untouched and FileExistsRefusal is raised;
    the final link is made with os.link, which fails rather than overwrite if another
    process created the file in the meantime. A write the file system refuses (a file where
    a folder should be, a folder where the file should be, no permission, a name too long)
    is CannotWriteError, and leaves nothing behind.
    """
    try:
        _write(path, data, replace)
    except FileExistsRefusal:
        raise
    except OSError as exc:
        raise CannotWriteError(path, exc.strerror or type(exc).__name__) from None


def _write(path: Path, data: bytes, replace: bool) -> None:
    if path.is_dir():
        raise IsADirectoryError(21, "已有同名的文件夹")
    if not replace and path.exists():
        raise FileExistsRefusal(f"{path} 已存在，未做任何改动", "如需重新生成，请先删除或改名原文件")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        if replace:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise FileExistsRefusal(f"{path} 已存在，未做任何改动",
                                        "如需重新生成，请先删除或改名原文件") from None
            os.unlink(temp)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _mode_for(path: Path) -> int:
    """The mode a plain write would give: the replaced file's, else 0666 less the umask.

    mkstemp makes its file readable by the owner alone, which a shared report must not be.
    """
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
