"""write_atomic: the bytes as given, no overwrite unasked, and no temporary file left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from zwxt.errors import CannotWriteError, FileExistsRefusal
from zwxt.io import atomic
from zwxt.io.atomic import write_atomic

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
    with pytest.raises(CannotWriteError, match="No space left") as raised:
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
    with pytest.raises(CannotWriteError, match="Permission denied"):
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
