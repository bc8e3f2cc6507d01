"""zwxt schema through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli
from zwxt.services.schema import SCHEMAS, schema_text

NAMES = ["report.schema.json", "tasks.schema.json", "units.schema.json"]
FOREIGN = '{"title": "我自己写的"}\n'


def test_writes_the_schemas_into_the_repository(plan_repo: PlanRepo) -> None:
    result = run_cli("schema")
    assert result.code == 0
    folder = plan_repo.root / "schemas"
    assert result.stdout.splitlines() == [f"已写入 {folder / name}" for name in NAMES]
    assert all((folder / name).read_text(encoding="utf-8") == schema_text(SCHEMAS[name]) for name in NAMES)


def test_second_run_says_nothing_changed(plan_repo: PlanRepo) -> None:
    assert run_cli("schema").code == 0
    result = run_cli("schema")
    assert result.code == 0
    assert result.stdout == f"{plan_repo.root / 'schemas'} 中的 3 个 Schema 已是最新，未做改动。\n"


def test_foreign_file_is_left_alone_and_exits_1(plan_repo: PlanRepo) -> None:
    mine = plan_repo.write("schemas/report.schema.json", FOREIGN)
    result = run_cli("schema")
    assert result.code == 1
    assert f"错误：{mine} 不是 zwxt 生成的文件，未做改动" in result.stderr
    assert "怎么办：确认要覆盖请加 --force" in result.stderr
    assert mine.read_text(encoding="utf-8") == FOREIGN


def test_force_overwrites_a_foreign_file(plan_repo: PlanRepo) -> None:
    mine = plan_repo.write("schemas/report.schema.json", FOREIGN)
    result = run_cli("schema", "--force")
    assert result.code == 0
    assert f"已写入 {mine}" in result.stdout
    assert mine.read_text(encoding="utf-8") == schema_text(SCHEMAS["report.schema.json"])


def test_output_directory_needs_no_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("schema", "-o", "out")
    assert result.code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == NAMES


def test_outside_a_repository_without_output_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("schema")
    assert result.code == 2
    assert "不在工作方案仓库中" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_schemas_link_out_of_the_repository_is_not_written_through(plan_repo: PlanRepo,
                                                                     tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (plan_repo.root / "schemas").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("schema")
    assert result.code == 2
    assert "错误：schemas 经符号链接指向仓库之外，未做任何改动" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_schemas_link_within_the_repository_is_written_through(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "editor").mkdir()
    (plan_repo.root / "schemas").symlink_to(plan_repo.root / "editor", target_is_directory=True)
    assert run_cli("schema").code == 0
    assert sorted(p.name for p in (plan_repo.root / "editor").iterdir()) == NAMES


def test_an_output_folder_named_explicitly_may_be_a_link_anywhere(plan_repo: PlanRepo,
                                                                   tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (plan_repo.root / "out").symlink_to(elsewhere, target_is_directory=True)
    assert run_cli("schema", "-o", "out").code == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == NAMES
