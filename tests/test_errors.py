"""What the operating system refuses is said in Chinese, by its errno, with what to do."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from zwxt.errors import CannotWriteError, NotARegularFileError, os_problem

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english_in(text: str, path: Path) -> list[str]:
    """Words of the operating system's English, not counting the path and the product Word."""
    return ENGLISH.findall(text.replace(str(path), "").replace("Word", ""))


@pytest.mark.parametrize(("code", "reason", "hint"), [
    (errno.ENOSPC, "磁盘空间已满", "请清理磁盘"),
    (errno.EDQUOT, "超出了磁盘配额", "请删除不需要的文件"),
    (errno.ENAMETOOLONG, "文件名或路径过长", "请换一个较短的"),
    (errno.EROFS, "只读的文件系统", "请换一个可以写入的位置"),
    (errno.EACCES, "没有写入权限", "请检查该文件和上级文件夹的权限"),
    (errno.EPERM, "没有写入权限", "请检查该文件和上级文件夹的权限"),
    (errno.EISDIR, "已有同名的文件夹", "请把该文件夹改名或移走"),
    (errno.ENOENT, "文件夹不存在", "请检查路径"),
    (errno.EIO, "磁盘读写出错", "请检查磁盘"),
    (errno.EXDEV, "操作系统拒绝了这次写入（错误号 18）", "请检查该位置"),
])
def test_each_errno_has_its_reason_and_fix(code: int, reason: str, hint: str) -> None:
    path = Path("output/汇总.docx")
    error = CannotWriteError(path, OSError(code, os.strerror(code)))
    assert error.message.startswith("无法写入 output/汇总.docx：")
    assert reason in error.message and error.hint.startswith(hint)
    assert english_in(error.message + error.hint, path) == []


def test_no_errno_at_all_is_still_chinese() -> None:
    assert os_problem(OSError("something odd")) == ("操作系统拒绝了这次写入",
                                                    "请检查该位置是否存在、能否写入")


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("不是文件夹", encoding="utf-8")
    target = tmp_path / "output" / "2018-03" / "汇总.docx"
    for code in (errno.ENOTDIR, errno.EEXIST):
        reason, hint = os_problem(OSError(code, os.strerror(code)), target)
        assert reason == f"路径中的「{tmp_path / 'output'}」是文件而不是文件夹"
        assert hint == f"请把「{tmp_path / 'output'}」改名或移走，或换一个目录"


def test_a_device_where_a_folder_should_be_is_not_to_be_moved() -> None:
    reason, hint = os_problem(OSError(errno.ENOTDIR, "Not a directory"), Path("/dev/null/汇总.docx"))
    assert reason == "路径中的「/dev/null」是设备或其他特殊文件，不是文件夹"
    assert hint == "请换一个目录"


def test_reading_says_reading() -> None:
    assert os_problem(PermissionError(errno.EACCES, "Permission denied"), writing=False)[0] == \
        "没有读取权限"
    assert os_problem(IsADirectoryError(errno.EISDIR, "Is a directory"), writing=False)[0] == \
        "这是文件夹，不是文件"
    assert os_problem(NotARegularFileError(Path("a.yaml")), writing=False)[0] == \
        "这不是普通文件（可能是文件夹、管道或设备）"
