"""What the file system refuses is said in Chinese (exit 2), never an internal error (exit 3)."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support import CliResult, PlanRepo, run_cli


def test_report_new_where_reports_is_a_file(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "reports").rmdir()
    plan_repo.write("reports", "不是文件夹")
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2018-03")
    assert result.code == 2, result.stderr
    assert "无法写入" in result.stderr and "内部错误" not in result.stderr


def test_render_into_a_folder_that_is_a_file(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    plan_repo.write("output", "不是文件夹")
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert "无法写入" in result.stderr


def test_render_onto_a_folder_of_the_documents_name(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "output/2017-11/市审计局.md").mkdir(parents=True)
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert "已有同名的文件夹" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_among_the_reports_is_a_finding_not_a_hang(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "reports/2017-11").mkdir()
    os.mkfifo(plan_repo.root / "reports/2017-11/市审计局.yaml")
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市审计局.yaml:1:1 F001" in result.stdout
    assert "不是普通文件" in result.stdout


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_out_of_range_is_a_usage_error(plan_repo: PlanRepo, day: str) -> None:
    result = run_cli("status", "--as-of", day)
    assert result.code == 2
    assert "超出了可用的范围" in result.stderr


@pytest.mark.parametrize("value", ["1e400", ".inf", "nan", "1" * 400])
def test_a_number_that_is_no_real_number_is_refused(plan_repo: PlanRepo, value: str) -> None:
    plan_repo.report("2017-11", "市网信统筹局",
                     tasks=f"- task: 4\n  status: 推进中\n  metrics:\n    开放数据集: {value}\n")
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市网信统筹局.yaml:8:14 S003" in result.stdout
    status = run_cli("status", "--as-of", "2017-11-30", "--format", "json")
    assert status.code == 0 and "Infinity" not in status.stdout and "NaN" not in status.stdout


# ---- writes the file system refuses, through the commands --------------------------------

ENGLISH = re.compile(r"[A-Za-z]{4,}")  # a Chinese message has no English words, only paths and options


def _refused(result: CliResult, path: str, reason: str, hint: str) -> None:
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert f"错误：无法写入 {path}：{reason}，这个文件没有写入" in result.stderr
    assert f"怎么办：{hint}" in result.stderr
    # not counting paths, and the product Word
    message = re.sub(r"「[^」]*」", "", result.stderr.replace(path, "")).replace("Word", "")
    assert not ENGLISH.search(message), message


def test_render_into_a_regular_file(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    plan_repo.write("afile", "我是文件")
    result = run_cli("render", "--month", "2017-11", "-f", "md", "-o", "afile")
    _refused(result, "afile/市审计局.md", "路径中的「afile」是文件而不是文件夹",
             "请把「afile」改名或移走，或换一个目录")
    assert (plan_repo.root / "afile").read_text(encoding="utf-8") == "我是文件"


def test_render_into_dev_null(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", "--month", "2017-11", "-f", "md", "-o", "/dev/null")
    _refused(result, "/dev/null/市审计局.md", "路径中的「/dev/null」是设备或其他特殊文件，不是文件夹",
             "请换一个目录")


def test_schema_into_a_regular_file(plan_repo: PlanRepo) -> None:
    plan_repo.write("afile", "我是文件")
    result = run_cli("schema", "-o", "afile")
    _refused(result, "afile/report.schema.json", "路径中的「afile」是文件而不是文件夹",
             "请把「afile」改名或移走，或换一个目录")


def test_schema_onto_a_folder_of_a_schemas_name_writes_none(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "schemas/tasks.schema.json").mkdir(parents=True)
    result = run_cli("schema")
    _refused(result, str(plan_repo.root / "schemas/tasks.schema.json"), "已有同名的文件夹",
             "请把该文件夹改名或移走，或换一个文件名")
    assert sorted(p.name for p in (plan_repo.root / "schemas").iterdir()) == ["tasks.schema.json"]


def test_render_into_a_folder_name_too_long(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", "--month", "2017-11", "-f", "md", "-o", "x" * 300)
    _refused(result, f"{'x' * 300}/市审计局.md", "文件名或路径过长", "请换一个较短的目录名或文件名")
    assert sorted(p.name for p in plan_repo.root.iterdir()) == ["data", "reports"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_render_into_a_read_only_folder(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    folder = plan_repo.root / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_cli("render", "--month", "2017-11", "-f", "md", "-o", "locked")
    finally:
        folder.chmod(0o755)
    _refused(result, "locked/市审计局.md", "没有写入权限", "请检查该文件和上级文件夹的权限")
    assert list(folder.iterdir()) == []


def test_a_deleted_current_directory_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = run_cli("check")
    assert result.code == 2, result.stderr
    assert "错误：当前目录已不存在（可能已被删除或移走）" in result.stderr


def test_an_unreadable_report_is_said_in_chinese(plan_repo: PlanRepo,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    plan_repo.report("2017-11", "市审计局")
    real = os.open

    def refused(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        # (the tests run as root, whom file permissions do not stop)
        if os.fspath(path).endswith("市审计局.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市审计局.yaml:1:1 F001 错误 无法读取文件：没有读取权限" in result.stdout
    assert "Permission" not in result.stdout
