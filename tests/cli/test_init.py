"""zwxt init through the command line, then the new repository used as units will use it."""

from __future__ import annotations

import os
from pathlib import Path

import git
import pytest

from tests.support import run_cli


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_init_then_check_then_report_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "方案", "--region", "某市")
    assert result.code == 0, result.stderr
    assert "已在 方案 新建工作方案仓库" in result.stdout
    target = tmp_path / "方案"
    assert not git.Repo(target).bare
    assert "某市" in (target / "data/tasks.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(target)
    checked = run_cli("check", "--strict")
    assert checked.code == 0, checked.stdout
    assert "没有发现问题" in checked.stdout
    made = run_cli("report", "new", "--unit", "示例责任局", "--month", "2026-03")
    assert made.code == 0, made.stderr
    assert (target / "reports/2026-03/示例责任局.yaml").is_file()
    assert run_cli("check").code == 0


def test_default_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", ".").code == 0
    assert "region: 本市" in (tmp_path / "data/tasks.yaml").read_text(encoding="utf-8")


def test_refuses_an_existing_plan_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "方案").code == 0
    before = _snapshot(tmp_path)
    result = run_cli("init", "方案", "--region", "另一市")
    assert result.code == 1
    assert "已经有工作方案（data/tasks.yaml），未做任何改动" in result.stderr
    assert _snapshot(tmp_path) == before


def test_refuses_existing_files_listing_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text("# 我的\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    result = run_cli("init", ".")
    assert result.code == 1
    assert "已有 zwxt init 要写的文件：README.md、.gitignore，未做任何改动" in result.stderr
    assert _snapshot(tmp_path) == before


def test_a_file_as_target_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan").write_text("", encoding="utf-8")
    result = run_cli("init", "plan")
    assert result.code == 2
    assert "不是文件夹" in result.stderr


def test_a_bad_region_is_exit_2_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "plan", "--region", "某/市")
    assert result.code == 2
    assert not os.path.lexists(tmp_path / "plan")


def test_help_is_chinese_with_an_example() -> None:
    result = run_cli("init", "--help")
    assert result.code == 0
    assert "例：zwxt init" in result.stdout and "--region" in result.stdout
