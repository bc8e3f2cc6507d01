"""zwxt codeowners through the command line: writing, --check for CI, and what check says after."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.services.test_codeowners import WITHOUT_COORDINATOR_MAINTAINERS
from tests.support import UNITS_YAML, PlanRepo, run_cli


def test_writes_codeowners_at_the_root_then_finds_it_current(plan_repo: PlanRepo) -> None:
    path = plan_repo.root / "CODEOWNERS"
    result = run_cli("codeowners")
    assert (result.code, result.stdout) == (0, f"已写入 {path}\n")
    assert path.read_text(encoding="utf-8") == WITHOUT_COORDINATOR_MAINTAINERS
    result = run_cli("codeowners")
    assert (result.code, result.stdout) == (0, f"{path} 已是最新，未做改动。\n")


def test_check_mode_exits_1_when_missing_or_stale_and_writes_nothing(plan_repo: PlanRepo) -> None:
    path = plan_repo.root / "CODEOWNERS"
    result = run_cli("codeowners", "--check")
    assert result.code == 1
    assert f"{path} 不存在" in result.stderr
    assert not path.exists()
    assert run_cli("codeowners").code == 0
    result = run_cli("codeowners", "--check")
    assert (result.code, result.stdout) == (0, f"{path} 已是最新。\n")
    plan_repo.write("data/units.yaml", UNITS_YAML.replace("sjj@example.gov.cn", "audit@example.gov.cn"))
    result = run_cli("codeowners", "--check")
    assert result.code == 1
    assert "已过时" in result.stderr and "运行 zwxt codeowners 重新生成" in result.stderr
    assert path.read_text(encoding="utf-8") == WITHOUT_COORDINATOR_MAINTAINERS


def test_output_option(plan_repo: PlanRepo) -> None:
    assert run_cli("codeowners", "-o", ".gitlab/CODEOWNERS").code == 0
    assert (plan_repo.root / ".gitlab/CODEOWNERS").read_text(encoding="utf-8") == \
        WITHOUT_COORDINATOR_MAINTAINERS
    assert run_cli("codeowners", "--check", "-o", ".gitlab/CODEOWNERS").code == 0
    assert run_cli("codeowners", "--check").code == 1  # the root's is still missing


def test_a_hand_written_file_needs_force(plan_repo: PlanRepo) -> None:
    plan_repo.write("CODEOWNERS", "* boss@example.gov.cn\n")
    result = run_cli("codeowners")
    assert result.code == 1
    assert "不是 zwxt 生成的文件" in result.stderr and "确认要覆盖请加 --force" in result.stderr
    assert run_cli("codeowners", "--force").code == 0


def test_a_symbolic_link_at_o_is_neither_replaced_nor_written_through(plan_repo: PlanRepo,
                                                                     tmp_path: Path) -> None:
    link, elsewhere = tmp_path / "CODEOWNERS", tmp_path / "elsewhere"
    link.symlink_to(elsewhere)  # dangling
    for force in ([], ["--force"]):
        result = run_cli("codeowners", "-o", str(link), *force)
        assert result.code == 2
        assert "这里已有一个符号链接，zwxt 既不经它写入，也不替换它" in result.stderr
        assert link.is_symlink() and not elsewhere.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs pipes")
def test_a_pipe_in_its_place_is_refused_even_with_force(plan_repo: PlanRepo) -> None:
    fifo = plan_repo.root / "pipe"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        result = run_cli("codeowners", "-o", str(fifo), *force)
        assert result.code == 2
        assert "不是普通文件" in result.stderr and "zwxt 不替换它" in result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_broken_data_stops_it_with_the_located_findings(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/units.yaml", UNITS_YAML.replace("kind: 部门", "kind: 科室", 1))
    result = run_cli("codeowners")
    assert result.code == 1
    assert "data/units.yaml:3:" in result.stderr
    assert not Path(plan_repo.root / "CODEOWNERS").exists()


def test_check_warns_g001_until_codeowners_is_regenerated(plan_repo: PlanRepo) -> None:
    run_cli("codeowners")
    assert run_cli("check").code == 0
    plan_repo.write("data/units.yaml", UNITS_YAML.replace("sjj@example.gov.cn", "audit@example.gov.cn"))
    result = run_cli("check")
    assert result.code == 0  # a warning: passes, unless --strict
    assert "CODEOWNERS:1:1 G001 警告" in result.stdout
    assert "怎么改：运行 zwxt codeowners 重新生成" in result.stdout
    assert run_cli("check", "--strict").code == 1
    assert run_cli("codeowners").code == 0
    result = run_cli("check", "--strict")
    assert (result.code, "G001" in result.stdout) == (0, False)
