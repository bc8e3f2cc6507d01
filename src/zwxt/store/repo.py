"""Finding the plan repository and reading the files in it (or in memory, for tests and notebooks)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from zwxt.dates import Month
from zwxt.errors import (
    LinkOutsideError,
    NotARegularFileError,
    NotARepositoryError,
    OutsideRepositoryError,
    UnusablePathError,
    UsageError,
    os_problem,
)
from zwxt.store import layout

# A file's size, modification and change times (ns) and inode: what tells a file unchanged since
# it was read. The change time cannot be set back (`touch -r` sets only the modification time).
Stamp = tuple[int, int, int, int]


def file_stamp(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
# Opening a link fails with ELOOP; opening a FIFO without O_NONBLOCK would wait for a writer.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (not on Windows)
_OPEN_NOT_A_LINK = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Listing:
    """The report files found, and the folders under reports/ whose reports were not read."""

    files: list[str]
    unreadable: list[str] = field(default_factory=list)
    # Folders that are symbolic links: their reports are not read, wherever they point.
    linked: list[str] = field(default_factory=list)
    # Files (or folders) under reports/ that look meant as reports but are not YAML files.
    strays: list[str] = field(default_factory=list)


class Source(Protocol):
    """Where the loader reads a plan's files from, by repository-relative path."""

    def read(self, rel: str) -> bytes: ...

    def exists(self, rel: str) -> bool: ...

    def report_files(self) -> Listing: ...


@dataclass(frozen=True)
class Repository:
    """A plan repository on disk: the directory holding ``data/tasks.yaml``."""

    root: Path

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes as git writes it.

        Where a path leads is decided as the operating system decides it, not by its
        spelling: ``A/../B`` lies outside ``A`` (`Path.is_relative_to` would say inside),
        and so does ``A/link/..`` when ``link`` leads elsewhere. Only a last component
        that is a symbolic link is kept as named, so that a linked report or folder in the
        repository is a finding of the loader's, not a refusal. A path that leads into the
        repository from outside (a link to it) is taken at the place it leads to.
        """
        absolute = path if path.is_absolute() else working_directory() / path
        if absolute.name in ("", ".", ".."):
            named = Path(os.path.realpath(absolute))
        else:
            named = Path(os.path.realpath(absolute.parent), absolute.name)
        root = self.root.resolve()
        for candidate in (named, resolved(absolute)):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix() or "."
        raise OutsideRepositoryError(path, self.root)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> bytes:
        """The file's bytes; only a regular file inside the repository is opened.

        A FIFO would block for ever, and a symbolic link to a file elsewhere would have
        zwxt read (and quote in its messages) whatever it points to.
        """
        return self.read_stamped(rel)[0]

    def read_stamped(self, rel: str) -> tuple[bytes, Stamp | None]:
        """``read``, and the file's stamp as it was opened (None for a link): a regular file
        costs one open and one fstat, which the loader's thousands of reports notice."""
        name = os.path.join(self.root, rel)
        if not _NOFOLLOW and os.path.islink(name):  # where opening cannot refuse a link: look first
            return self._read_through_link(Path(name)), None
        try:
            fd = os.open(name, _OPEN_NOT_A_LINK)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            return self._read_through_link(Path(name)), None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # (a folder, a pipe, a device)
                raise NotARegularFileError(Path(name))
        except BaseException:
            os.close(fd)
            raise
        with open(fd, "rb") as file:
            return file.read(), file_stamp(info)

    def _read_through_link(self, path: Path) -> bytes:
        if not self._within(path):
            raise LinkOutsideError(path)
        if not stat.S_ISREG(path.stat().st_mode):
            raise NotARegularFileError(path)
        return path.read_bytes()

    def _within(self, path: Path) -> bool:
        """Whether ``path``, with every symbolic link on the way followed, stays in the repository."""
        return resolved(path).is_relative_to(self.root.resolve())

    def _writable(self, path: Path) -> Path:
        """``path`` for writing, refused when a symbolic link on the way leads out of the repository."""
        if not self._within(path):
            raise UsageError(f"{self.rel_of(path)} 经符号链接指向仓库之外，未做任何改动",
                             "zwxt 只在仓库之内写文件：请把该符号链接换成普通文件夹")
        return path

    def rel_of(self, path: Path) -> str:
        """``path`` as written under the root, whatever it resolves to."""
        return path.relative_to(self.root).as_posix()

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def report_files(self) -> Listing:
        """Every report file under reports/, sorted; unreadable folders are named, not skipped."""
        base = self.root / layout.REPORTS_DIR
        if not base.is_dir():
            return Listing([])
        unreadable: list[str] = []

        def failed(exc: OSError) -> None:
            unreadable.append(self.rel(Path(exc.filename)) if exc.filename else layout.REPORTS_DIR)

        found = []
        if base.is_symlink():
            return Listing([], [], [layout.REPORTS_DIR])
        linked: list[str] = []
        strays: list[str] = []
        for folder, dirs, files in os.walk(base, onerror=failed):
            at = Path(folder).relative_to(self.root).as_posix() + "/"
            for name in files:
                rel = at + name
                if layout.is_report_file(rel):
                    found.append(rel)
                elif layout.is_stray_file(rel):
                    strays.append(rel)
            # a folder named like a report is no report either
            strays += [at + name for name in dirs if layout.is_report_file(at + name)]
            # os.walk does not enter a linked folder: it is named, not skipped in silence
            linked += [at + name for name in dirs if os.path.islink(os.path.join(folder, name))]
        return Listing(sorted(found), sorted(unreadable), sorted(linked), sorted(strays))

    def reports_in(self, paths: list[Path], data_files: bool = False) -> list[str]:
        """The report files that ``paths`` name, as files or folders; every path must exist.

        With ``data_files`` the two data files may be named too (they are always read, so
        they add nothing to the list); anything else that is not a report is refused.
        """
        listing = self.report_files().files
        found: dict[str, None] = {}
        for path in paths:
            try:
                rel = self.rel(path)
                exists, is_dir = path.exists(), path.is_dir()
            except OSError as exc:  # a name too long, a symbolic-link loop
                raise UnusablePathError("给出的路径", path, exc) from None
            if not exists:
                raise UsageError(f"找不到 {rel}", "请检查路径是否写对")
            if is_dir:
                prefix = "" if rel == "." else rel.rstrip("/") + "/"
                found.update(dict.fromkeys(r for r in listing if r.startswith(prefix)))
            elif layout.is_report_file(rel):
                found[rel] = None
            elif not (data_files and rel in layout.DATA_FILES):
                raise UsageError(f"{rel} 不是报告文件",
                                 f"报告位于 {layout.REPORTS_DIR}/YYYY-MM/ 下，扩展名为 .yaml")
        return list(found)

    def report_path(self, month: Month, unit: str) -> Path:
        return self._writable(child(self.root / layout.REPORTS_DIR / str(month),
                                    unit + layout.REPORT_SUFFIX))

    def output_dir(self, month: Month, folder: str | None = None) -> Path:
        """output/YYYY-MM/, or a ``folder`` in it, refused when a link on the way leads out."""
        path = self.root / layout.output_rel(month)
        return self._writable(child(path, folder) if folder is not None else path)

    def schema_dir(self) -> Path:
        """The repository's schemas/ folder, where ``zwxt schema`` writes unless told elsewhere."""
        return self._writable(self.root / layout.SCHEMA_DIR)

    @property
    def templates_dir(self) -> Path:
        """The repository's templates/, refused when it is a link leading out of the repository."""
        folder = self.root / layout.TEMPLATES_DIR
        if folder.exists() and not self._within(folder):
            raise UsageError(f"{layout.TEMPLATES_DIR} 经符号链接指向仓库之外，zwxt 不读取其中的模板",
                             "模板要放在仓库里：请把该符号链接换成普通文件夹")
        return folder


@dataclass(frozen=True)
class InMemory:
    """A plan held in memory, path → text: what tests and notebooks load (see loader.load_texts)."""

    files: Mapping[str, str | bytes]

    def read(self, rel: str) -> bytes:
        if rel not in self.files:
            raise FileNotFoundError(2, "No such file", rel)
        content = self.files[rel]
        return content.encode("utf-8") if isinstance(content, str) else content

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def report_files(self) -> Listing:
        return Listing(sorted(rel for rel in self.files if layout.is_report_file(rel)),
                       strays=sorted(rel for rel in self.files if layout.is_stray_file(rel)))


def child(folder: Path, name: str) -> Path:
    """``folder / name`` for a name that is a plain file name, which cannot lead elsewhere.

    Names come from data (a unit's name); rule R105 refuses unusable ones, and this is the
    last check before anything is written.
    """
    problem = layout.name_problem(name)
    if problem is not None or name in (".", "..") or Path(name).name != name:
        raise UsageError(f"「{name}」不能用作文件名{('：' + problem) if problem else ''}，未做任何改动",
                         f"请先改正 {layout.UNITS_FILE} 中的单位名称")
    return folder / name


def resolved(path: Path) -> Path:
    """``path.resolve()``, with a symbolic-link loop an OSError (ELOOP) as from Python 3.13 on,
    not the RuntimeError of the versions before."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, "symbolic link loop", str(path)) from None


def working_directory() -> Path:
    """The current directory; a usage error, not a crash, when it was deleted or moved away."""
    try:
        return Path.cwd()
    except OSError:
        raise UsageError("当前目录已不存在（可能已被删除或移走）",
                         "请进入工作方案仓库的目录后再运行") from None


def find_repository(start: Path, explicit: str | None = None) -> Repository:
    """The repository at ``explicit`` when given, else the nearest parent of ``start`` holding one."""
    if explicit is not None and not explicit.strip():  # not "not given": that would search upwards
        raise NotARepositoryError("给出的仓库目录是空的", "请给出工作方案仓库的目录", explicit=True)
    if explicit:
        try:
            root = resolved(Path(explicit).expanduser())
            is_repository = (root / layout.TASKS_FILE).is_file()
        except OSError as exc:  # a name too long, a symbolic-link loop
            reason, _ = os_problem(exc, writing=False)
            raise NotARepositoryError(f"仓库目录 {explicit} 无法使用：{reason}", explicit=True) from None
        if not is_repository:
            raise NotARepositoryError(f"{root} 不是工作方案仓库：其中没有 {layout.TASKS_FILE}",
                                      "请检查给出的目录", explicit=True)
        return Repository(root)
    here = start.resolve()
    for candidate in (here, *here.parents):
        if (candidate / layout.TASKS_FILE).is_file():
            return Repository(candidate)
    raise NotARepositoryError(f"当前目录 {here} 不在工作方案仓库中（向上找不到 {layout.TASKS_FILE}）",
                              "请进入仓库目录后再运行")
