"""zwxt check --fix: the mechanical mistakes mended in one run, nothing else touched, then checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli

CLERK = "reports/2018-07/市审计局.yaml"
# The clerk's report of issue 18: a full-width colon, a missing space, a Tab, 进行中, an unknown
# task and a task done without its date (task 2, which is due, is there so that P001 is not).
CLERK_TEXT = """\
unit: 市审计局
month： 2018-07
lead_office:办公室
tasks:
  - task: 1
\tstatus: 进行中
  - task: 2
    status: 推进中
  - task: 99
    status: 已完成
"""
CLERK_FIXED = CLERK_TEXT.replace("month：", "month:").replace("lead_office:办", "lead_office: 办") \
    .replace("\tstatus: 进行中", "    status: 推进中")
MECHANICAL = ["Y002", "Y001", "Y003", "S004"]
LEFT = ["R304", "P003"]  # what only the clerk can mend: the task 99 is not in the plan, its date


def codes(stdout: str) -> list[str]:
    return [item["code"] for item in json.loads(stdout)]


@pytest.fixture
def clerk(plan_repo: PlanRepo) -> Path:
    return plan_repo.write(CLERK, CLERK_TEXT)


def test_one_check_names_every_mistake_of_the_clerks_report(clerk: Path) -> None:
    result = run_cli("check", "--format", "json")
    assert result.code == 1
    assert codes(result.stdout) == ["F008", "Y002", "Y001", "Y003", "S004", "R304", "P003"]
    findings = json.loads(result.stdout)
    assert all("zwxt check --fix" in f["hint"] for f in findings if f["code"] in MECHANICAL)
    assert not any("zwxt check --fix" in f["hint"] for f in findings if f["code"] in LEFT)
    # (where they were typed: the status's value after the Tab, task 99's value)
    assert [(f["line"], f["column"]) for f in findings if f["code"] in ("S004", "R304")] == [(6, 10), (9, 11)]


def test_fix_mends_the_clerks_report_in_one_run_and_leaves_what_only_the_clerk_can_mend(clerk: Path) -> None:
    result = run_cli("check", "--fix")
    assert result.code == 1
    assert clerk.read_text(encoding="utf-8") == CLERK_FIXED
    assert "-month： 2018-07\n-lead_office:办公室\n+month: 2018-07\n+lead_office: 办公室\n" in result.stdout
    assert "+    status: 推进中\n" in result.stdout
    assert "已改正 1 个文件中的 4 处写法错误" in result.stdout
    after = run_cli("check", "--format", "json")
    assert codes(after.stdout) == LEFT


def test_fix_exits_as_the_check_of_the_result(plan_repo: PlanRepo) -> None:
    rel = plan_repo.report("2017-12", "市审计局", "- task: 1\n  status: 完成\n  completed: 2017-12-20")
    result = run_cli("check", "--fix")
    after = result.stdout.split("改正之后的检查结果")[1]
    assert "Y00" not in after and "task: 2" not in after  # (its tasks still tasks, not text)
    assert "status: 已完成" in rel.read_text(encoding="utf-8")
    assert "✓ 检查通过" in result.stdout


def test_fixing_twice_is_fixing_once(clerk: Path) -> None:
    run_cli("check", "--fix")
    once = clerk.read_bytes()
    again = run_cli("check", "--fix")
    assert clerk.read_bytes() == once
    assert "没有可以自动改正的写法错误，未改动任何文件" in again.stdout


def test_dry_run_prints_the_changes_and_writes_nothing(clerk: Path) -> None:
    before = os.stat(clerk)
    result = run_cli("check", "--fix", "--dry-run")
    assert result.code == 1
    assert "\n-\tstatus: 进行中\n+    status: 推进中\n" in result.stdout.replace("<U+0009>", "\t")
    assert "试运行" in result.stdout
    assert clerk.read_text(encoding="utf-8") == CLERK_TEXT
    after = os.stat(clerk)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "Y002" in result.stdout  # (the check after it is of the files as they are)


def test_a_file_with_nothing_mechanical_is_not_written(plan_repo: PlanRepo, clerk: Path) -> None:
    other = plan_repo.write("reports/2018-07/市公安局.yaml",
                            "\ufeffunit: 市公安局\r\nmonth: 2018-07  # 注释\r\n\r\n"
                            "lead_office: 科技信息化科\r\nprogress: 第一\t第二：三\r\n")
    data = plan_repo.root / "data/tasks.yaml"
    before = [(p.read_bytes(), os.stat(p).st_ino) for p in (other, data)]
    run_cli("check", "--fix")
    assert [(p.read_bytes(), os.stat(p).st_ino) for p in (other, data)] == before
    assert clerk.read_text(encoding="utf-8") == CLERK_FIXED


def test_fix_keeps_line_ends_byte_order_mark_comments_and_mode(plan_repo: PlanRepo) -> None:
    text = "\ufeff# 七月\r\nunit: 市审计局\r\nmonth：2018-07\r\n\r\nlead_office: 办公室  # 科室\r\n"
    path = plan_repo.write(CLERK, text.encode("utf-8"))
    path.chmod(0o640)
    run_cli("check", "--fix")
    assert path.read_bytes() == text.replace("month：", "month: ").encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o640


def test_only_the_paths_given_are_fixed(plan_repo: PlanRepo, clerk: Path) -> None:
    other = plan_repo.write("reports/2018-06/市审计局.yaml", CLERK_TEXT.replace("2018-07", "2018-06"))
    tasks = plan_repo.root / "data/tasks.yaml"
    typed = tasks.read_text(encoding="utf-8").replace("  title: ", "  title：", 1)
    tasks.write_text(typed, encoding="utf-8")
    run_cli("check", "--fix", CLERK)
    assert clerk.read_text(encoding="utf-8") == CLERK_FIXED
    assert other.read_text(encoding="utf-8") == CLERK_TEXT.replace("2018-07", "2018-06")
    assert tasks.read_text(encoding="utf-8") == typed  # (the plan is not the unit's to mend)
    run_cli("check", "--fix", "data/tasks.yaml")
    assert tasks.read_text(encoding="utf-8") == typed.replace("  title：", "  title: ", 1)


def test_a_data_file_is_fixed_too(plan_repo: PlanRepo) -> None:
    tasks = plan_repo.root / "data/tasks.yaml"
    typed = tasks.read_text(encoding="utf-8").replace("  title: ", "  title：", 1)
    tasks.write_text(typed, encoding="utf-8")
    run_cli("check", "--fix")
    assert tasks.read_text(encoding="utf-8") == typed.replace("  title：", "  title: ", 1)


def test_a_report_reached_through_a_link_is_not_touched(plan_repo: PlanRepo, tmp_path: Path) -> None:
    real = plan_repo.write("reports/2018-06/real.txt", CLERK_TEXT)
    link = plan_repo.root / CLERK
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    result = run_cli("check", "--fix")
    assert real.read_text(encoding="utf-8") == CLERK_TEXT
    assert link.is_symlink()
    assert f"未改动 {CLERK}：它是符号链接" in result.stdout


def test_a_report_in_a_linked_folder_is_not_touched(plan_repo: PlanRepo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "市审计局.yaml").write_text(CLERK_TEXT, encoding="utf-8")
    (plan_repo.root / "reports/2018-07").symlink_to(elsewhere)
    result = run_cli("check", "--fix")
    assert (elsewhere / "市审计局.yaml").read_text(encoding="utf-8") == CLERK_TEXT
    assert "没有可以自动改正的写法错误" in result.stdout  # (check names the linked folder: F001)


def test_the_cache_serves_nothing_stale_after_a_fix(clerk: Path, cached: None) -> None:
    old = os.stat(clerk).st_mtime - 60  # (settled: its result is stored)
    os.utime(clerk, (old, old))
    assert codes(run_cli("check", "--format", "json").stdout)[:2] == ["F008", "Y002"]
    assert codes(run_cli("check", "--format", "json").stdout)[:2] == ["F008", "Y002"]  # (from the cache)
    run_cli("check", "--fix")
    assert codes(run_cli("check", "--format", "json").stdout) == LEFT


def test_fix_with_json_keeps_the_diff_off_standard_output(clerk: Path) -> None:
    result = run_cli("check", "--fix", "--format", "json")
    assert codes(result.stdout) == LEFT
    assert "+month: 2018-07" in result.stderr


def test_dry_run_without_fix_is_a_usage_error(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--dry-run")
    assert result.code == 2
    assert "--dry-run 只能与 --fix 同时使用" in result.stderr


def test_fix_with_base_is_a_usage_error(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--fix", "--base", "origin/main")
    assert result.code == 2
    assert "--fix 与 --base 不能同时使用" in result.stderr


@pytest.mark.parametrize("above", ["progress: |\n  本月推进。\n", "progress: 本月推进。\n"],
                         ids=["after a block of text", "after a line"])
def test_a_tab_before_a_top_level_key_is_lined_up_with_the_keys_not_with_its_own_children(
        plan_repo: PlanRepo, above: str) -> None:
    text = (f"unit: 市审计局\nmonth: 2018-07\nlead_office: 办公室\n{above}"
            "\ttasks:\n  - task: 2\n    status: 推进中\n")
    report = plan_repo.write(CLERK, text)
    result = run_cli("check", "--fix", CLERK)
    assert report.read_text(encoding="utf-8") == text.replace("\ttasks:", "tasks:"), result.stdout
    after = result.stdout.split("改正之后的检查结果")[1]
    assert "Y00" not in after and "task: 2" not in after  # (its tasks still tasks, not text)
