"""Writing files so that no reader ever sees half of one, and nothing is overwritten unasked."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from zwxt.errors import CannotWriteError, FileExistsRefusal, LinkInTheWayError, NotARegularFileError


def write_atomic(path: Path, data: bytes, replace: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    Only a regular file is ever replaced: a symbolic link in the target's place (dangling or
    not) is neither written through nor replaced, and a folder, pipe, device or socket is
    not replaced either, with ``replace`` or without (CannotWriteError).
    Without ``replace`` an existing file is left untouched and FileExistsRefusal is raised;
    the final link is made with os.link, which fails rather than overwrite if another
    process created the file in the meantime. A write the file system refuses (a file where
    a folder should be, a folder where the file should be, no permission, a name too long)
    is CannotWriteError, and leaves nothing behind. A temporary file that an earlier writer
    of ``path`` left when it was killed mid-write is removed (remove_stale_temporaries).
    """
    try:
        _write(path, data, replace)
    except FileExistsRefusal:
        raise
    except OSError as exc:
        raise CannotWriteError(path, exc) from None


def _write(path: Path, data: bytes, replace: bool) -> None:
    if _regular_file(path) and not replace:
        raise FileExistsRefusal(f"{path} 已存在，未做任何改动", "如需重新生成，请先删除或改名原文件")
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, temp = tempfile.mkstemp(prefix=f"{_temp_prefix(path)}{os.getpid()}.", suffix=_TEMP_SUFFIX,
                                dir=path.parent)
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


# A temporary file is named .<target's name>.<writer's pid>.<random>.tmp. The pid tells
# whether its writer is still running; one killed (SIGKILL, a power cut) cannot remove it.
_TEMP_SUFFIX = ".tmp"
_TEMP_MIDDLE = re.compile(r"([0-9]+)\.[A-Za-z0-9_]+")
# How old a dead writer's temporary file must be before it is removed. The pid alone cannot
# tell a writer on another machine (a shared network folder) from a dead one; no write
# of ours takes this long.
STALE_AFTER = 30.0


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files that writers of ``path`` killed mid-write left beside it.

    Only files named as write_atomic names them for this very target, whose writer's
    process is gone and which are older than STALE_AFTER; a live writer's file, other
    targets' and anything else are left alone. Nothing here fails a write: a file that
    cannot be removed stays. Returns the files removed.
    """
    prefix = _temp_prefix(path)
    removed = []
    try:
        with os.scandir(path.parent) as scan:
            entries = list(scan)
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
            continue
        middle = _TEMP_MIDDLE.fullmatch(name[len(prefix):-len(_TEMP_SUFFIX)])
        if middle is None or _is_alive(int(middle.group(1))):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or \
                    now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _is_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists; when in doubt, yes."""
    if pid <= 0 or os.name != "posix":  # 0 and -1 name process groups; Windows' kill() kills
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process (EPERM), or no such number
        return True
    return True


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


def _regular_file(path: Path) -> bool:
    """Whether a regular file is at ``path`` (False: nothing is); what write_atomic never
    replaces (a symbolic link, a folder, a pipe, a device) is an OSError."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise LinkInTheWayError(path)
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if not stat.S_ISREG(mode):
        raise NotARegularFileError(path)
    return True


def existing_text(path: Path) -> str | None:
    """What a file about to be replaced holds: None if nothing.

    For writers that replace only their own files (a marker in the text says so). What
    write_atomic would refuse to replace (a symbolic link, a folder, a pipe, a device) is
    refused here, before anything is written, and a pipe is never read (it could block).
    """
    try:
        if not _regular_file(path):
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CannotWriteError(path, exc) from None
