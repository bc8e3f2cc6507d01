"""write_atomic: the bytes as given, no overwrite unasked, and no temporary file left behind."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from zwxt.errors import CannotWriteError, FileExistsRefusal
from zwxt.store import atomic
from zwxt.store.atomic import write_atomic

TEXT = "unit: 市审计局\nprogress: 已完成\n".encode()


def test_writes_the_utf8_bytes_with_lf_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "市审计局.yaml"
    write_atomic(target, TEXT)
    assert target.read_bytes() == b"unit: \xe5\xb8\x82\xe5\xae\xa1\xe8\xae\xa1\xe5\xb1\x80\n" \
                                  b"progress: \xe5\xb7\xb2\xe5\xae\x8c\xe6\x88\x90\n"
    assert b"\r\n" not in target.read_bytes()


def test_creates_missing_parent_directories(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2018-03" / "市审计局.yaml"
    write_atomic(target, TEXT)
    assert target.read_bytes() == TEXT


def test_leaves_only_the_target_in_its_directory(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.yaml", TEXT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "市审计局.yaml"
    target.write_bytes(b"original\r\n")
    with pytest.raises(FileExistsRefusal) as raised:
        write_atomic(target, TEXT)
    assert target.read_bytes() == b"original\r\n"
    assert raised.value.message == f"{target} 已存在，未做任何改动"
    assert raised.value.hint == "如需重新生成，请先删除或改名原文件"
    assert raised.value.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["市审计局.yaml"]


def _link(at: Path, to: Path) -> Path:
    at.symlink_to(to)
    return at


IN_THE_WAY = {
    "dangling link": lambda tmp: _link(tmp / "out.md", tmp / "nowhere"),
    "link to a file": lambda tmp: _link(tmp / "out.md", tmp / "elsewhere.md"),
    "pipe": lambda tmp: (os.mkfifo(tmp / "out.md"), tmp / "out.md")[1],
    "folder": lambda tmp: (os.mkdir(tmp / "out.md"), tmp / "out.md")[1],
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and pipes")
@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("kind", IN_THE_WAY)
def test_only_a_regular_file_is_ever_replaced(tmp_path: Path, kind: str, replace: bool) -> None:
    (tmp_path / "elsewhere.md").write_bytes(b"original")
    target = IN_THE_WAY[kind](tmp_path)
    before = os.lstat(target)
    with pytest.raises(CannotWriteError) as raised:
        write_atomic(target, TEXT, replace=replace)
    assert raised.value.exit_code == 2 and "这个文件没有写入" in raised.value.message
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "elsewhere.md").read_bytes() == b"original"  # never written through the link
    assert not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"elsewhere.md", "out.md"})


@pytest.mark.skipif(not Path("/dev/null").is_char_device() or os.geteuid() != 0, reason="mknod needs root")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "null"
    os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    with pytest.raises(CannotWriteError) as raised:
        write_atomic(target, TEXT, replace=True)
    assert raised.value.message == (f"无法写入 {target}：这里已有的不是普通文件（可能是管道、设备或套接字），"
                                    "zwxt 不替换它，这个文件没有写入")
    assert target.is_char_device()


def test_replaces_an_existing_file_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "市审计局.yaml"
    target.write_bytes(b"original\n")
    write_atomic(target, TEXT, replace=True)
    assert target.read_bytes() == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["市审计局.yaml"]


def test_file_created_meanwhile_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "市审计局.yaml"
    real_link = os.link

    def another_process_wins(src: str, dst: str) -> None:
        Path(dst).write_bytes(b"written by another process\n")
        real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", another_process_wins)
    with pytest.raises(FileExistsRefusal):
        write_atomic(target, TEXT)
    assert target.read_bytes() == b"written by another process\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["市审计局.yaml"]


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(CannotWriteError, match="磁盘空间已满") as raised:
        write_atomic(tmp_path / "市审计局.yaml", TEXT)
    assert raised.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "市审计局.yaml"
    target.write_bytes(b"original\n")

    def rename_fails(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", rename_fails)
    with pytest.raises(CannotWriteError, match="没有写入权限"):
        write_atomic(target, TEXT, replace=True)
    assert target.read_bytes() == b"original\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["市审计局.yaml"]


def test_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "市审计局.yaml", TEXT)
    assert list(tmp_path.iterdir()) == []


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o644


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)
    write_atomic(target, b"new", replace=True)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o664
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("setup", ["parent is a file", "target is a folder", "name too long"])
def test_a_write_the_file_system_refuses_is_said_not_crashed(tmp_path: Path, setup: str) -> None:
    target = tmp_path / "reports" / "2018-03" / "市审计局.yaml"
    if setup == "parent is a file":
        (tmp_path / "reports").write_text("不是文件夹", encoding="utf-8")
    elif setup == "target is a folder":
        target.mkdir(parents=True)
    else:
        target = tmp_path / ("长" * 120 + ".yaml")
    with pytest.raises(CannotWriteError) as raised:
        write_atomic(target, TEXT, replace=True)
    assert raised.value.message.startswith(f"无法写入 {target}：")
    reason = re.sub("「[^」]*」", "", raised.value.message.replace(str(target), ""))  # without the paths
    assert not re.search("[A-Za-z]{4}", reason), reason


# ---- temporary files that a killed writer left ---------------------------------------------

@pytest.fixture
def dead_pid() -> int:
    """The pid of a process that has ended and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    """The pid of another process, running while the test runs."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def _old(path: Path) -> Path:
    path.write_bytes(b"half a document")
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    return path


def test_the_temporary_file_is_named_after_the_target_and_the_writer(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    names = []
    real_replace = os.replace

    def seen(src: str, dst: str) -> None:
        names.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", seen)
    write_atomic(tmp_path / "汇总.docx", TEXT, replace=True)
    [name] = names
    assert re.fullmatch(rf"\.汇总\.docx\.{os.getpid()}\.[A-Za-z0-9_]+\.tmp", name), name


def test_a_dead_writers_temporary_file_is_removed_a_live_ones_kept(tmp_path: Path, dead_pid: int,
                                                                  live_pid: int) -> None:
    dead = _old(tmp_path / f".汇总.docx.{dead_pid}.abcd_123.tmp")
    live = _old(tmp_path / f".汇总.docx.{live_pid}.abcd_123.tmp")
    write_atomic(tmp_path / "汇总.docx", TEXT, replace=True)
    assert not dead.exists()
    assert live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["汇总.docx", live.name])


@pytest.mark.parametrize("name", [
    ".汇总.md.{pid}.abcd_123.tmp",  # another target's
    ".汇总.docx.x.{pid}.abcd_123.tmp",  # the target .汇总.docx.x's
    ".汇总.docx.abcd_123.tmp",  # no pid: not ours to judge
    ".汇总.docx.{pid}.abcd.123.tmp",
    ".汇总.docx.{pid}.abcd_123.tmp.bak",
    "汇总.docx.{pid}.abcd_123.tmp",
    ".汇总.docx.0.abcd_123.tmp",  # pid 0 names a process group
])
def test_nothing_else_is_removed(tmp_path: Path, dead_pid: int, name: str) -> None:
    other = _old(tmp_path / name.format(pid=dead_pid))
    write_atomic(tmp_path / "汇总.docx", TEXT, replace=True)
    assert other.exists()


def test_a_fresh_temporary_file_is_kept_whatever_its_pid(tmp_path: Path, dead_pid: int) -> None:
    """A writer on another machine (a shared folder) may have that pid there: give it time."""
    fresh = tmp_path / f".汇总.docx.{dead_pid}.abcd_123.tmp"
    fresh.write_bytes(b"being written")
    write_atomic(tmp_path / "汇总.docx", TEXT, replace=True)
    assert fresh.exists()


def test_a_folder_named_like_a_temporary_file_is_kept(tmp_path: Path, dead_pid: int) -> None:
    folder = tmp_path / f".汇总.docx.{dead_pid}.abcd_123.tmp"
    folder.mkdir()
    os.utime(folder, (0, 0))
    write_atomic(tmp_path / "汇总.docx", TEXT, replace=True)
    assert folder.is_dir()


KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from zwxt.store import atomic
def hang(fd):
    print("WRITING", flush=True)
    time.sleep(60)
atomic.os.fsync = hang
atomic.write_atomic(Path(sys.argv[1]), b"x" * 100000, replace=True)
"""


def test_a_writer_killed_mid_write_is_cleaned_up_after(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "汇总.docx"
    child = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(target)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert child.stdout is not None and child.stdout.readline() == "WRITING\n"
    child.kill()
    child.wait()
    [left] = tmp_path.iterdir()
    assert left.name.startswith(f".汇总.docx.{child.pid}.")
    monkeypatch.setattr(atomic, "STALE_AFTER", 0.0)
    write_atomic(target, TEXT, replace=True)
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.docx"]
