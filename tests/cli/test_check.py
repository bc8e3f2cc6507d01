"""zwxt check through the command line, as CI and the units' staff run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli

MISSING = "reports/2017-12/市审计局.yaml"  # lacks task 1, due 2017-12-31: one P001 error at 1:1
ALIASED = "reports/2017-11/审计局.yaml"  # named by alias: one R302 warning at 1:7
P001_MESSAGE = ("缺少任务 1（开展对市直有关部门的政务信息系统审计）：2017年12月31日到期，"
                "市审计局尚未报告完成，本月务必填写")
P001_HINT = "请在 tasks 下添加一项 task: 1，写明 status 和进展"
# typer 0.29 raises its own vendored click's exceptions (typer._click), which main() does not
# catch as click.ClickException: a bad option ends as an internal error, exit 3.


@pytest.fixture
def with_error(plan_repo: PlanRepo) -> PlanRepo:
    plan_repo.report("2017-12", "市审计局")
    return plan_repo


@pytest.fixture
def with_warning(plan_repo: PlanRepo) -> PlanRepo:
    plan_repo.report("2017-11", "市审计局", name="审计局")
    return plan_repo


# ---- output formats -----------------------------------------------------------------------

def test_clean_repository_passes(plan_repo: PlanRepo) -> None:
    result = run_cli("check")
    assert result.code == 0
    assert result.stdout == "✓ 检查通过：2 个文件，没有发现问题。\n"


def test_text_gives_path_line_column_code_and_the_fix(with_error: PlanRepo) -> None:
    result = run_cli("check")
    assert result.code == 1
    assert result.stdout.splitlines() == [
        MISSING,
        f"{MISSING}:1:1 P001 错误 {P001_MESSAGE}",
        f"    怎么改：{P001_HINT}",
        "",
        "✗ 未通过：3 个文件中发现 1 个错误、0 个警告。",
    ]


def test_json_lists_every_finding_with_its_location(with_error: PlanRepo) -> None:
    result = run_cli("check", "--format", "json")
    assert result.code == 1
    assert json.loads(result.stdout) == [{
        "path": MISSING, "line": 1, "column": 1, "code": "P001", "severity": "error",
        "message": P001_MESSAGE, "hint": P001_HINT, "where": "tasks",  # (the list the task is missing from)
    }]
    assert "未通过" in result.stderr  # the summary stays out of the JSON


def test_json_of_a_clean_repository_is_an_empty_list(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "-f", "json")
    assert (result.code, json.loads(result.stdout)) == (0, [])


def test_github_prints_workflow_commands(with_error: PlanRepo) -> None:
    result = run_cli("check", "--format", "github")
    assert result.code == 1
    assert result.stdout == (f"::error file={MISSING},line=1,col=1,title=P001::{P001_MESSAGE}"
                             f"%0A怎么改：{P001_HINT}\n")


def test_github_marks_warnings_as_warnings(with_warning: PlanRepo) -> None:
    result = run_cli("check", "--format", "github")
    assert result.code == 0
    assert result.stdout.startswith(f"::warning file={ALIASED},line=1,col=7,title=R302::")


def test_bad_format_is_a_usage_error_in_chinese(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--format", "xml")
    assert result.code == 2
    assert "错误：--format/-f 不能是「xml」，可选：text、json、github、gitlab" in result.stderr
    assert "zwxt check --help" in result.stderr


# ---- exit codes ---------------------------------------------------------------------------

def test_warnings_alone_pass(with_warning: PlanRepo) -> None:
    result = run_cli("check")
    assert result.code == 0
    assert f"{ALIASED}:1:7 R302 警告 " in result.stdout
    assert result.stdout.endswith("✓ 检查通过：3 个文件，没有错误；"
                                  "1 个警告（加 --strict 时警告也不通过）。\n")


def test_strict_makes_warnings_fail(with_warning: PlanRepo) -> None:
    result = run_cli("check", "--strict")
    assert result.code == 1
    assert result.stdout.endswith("✗ 未通过：3 个文件中发现 0 个错误、1 个警告。\n")


def test_strict_passes_a_clean_repository(plan_repo: PlanRepo) -> None:
    assert run_cli("check", "--strict").code == 0


def test_outside_any_plan_repository_exits_2_in_chinese(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("check")
    assert result.code == 2
    assert f"错误：当前目录 {elsewhere} 不在工作方案仓库中（向上找不到 data/tasks.yaml）" in result.stderr
    assert "怎么办：请进入仓库目录后再运行" in result.stderr
    assert result.stdout == ""


def test_unknown_option_exits_2(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--bogus")
    assert result.code == 2
    assert "错误：没有选项 --bogus" in result.stderr


def test_a_path_that_does_not_exist_exits_2(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "reports/2018-03/市审计局.yaml")
    assert result.code == 2
    assert "错误：找不到 reports/2018-03/市审计局.yaml" in result.stderr


# ---- which repository, which files --------------------------------------------------------

def test_only_the_given_report_is_checked(with_error: PlanRepo) -> None:
    with_error.report("2017-12", "市公安局")  # also lacks task 1, but is not asked for
    result = run_cli("check", "-f", "json", MISSING)
    assert [(d["path"], d["code"]) for d in json.loads(result.stdout)] == [(MISSING, "P001")]


def test_a_subdirectory_finds_the_repository_and_takes_paths_relative_to_it(
        with_error: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(with_error.root / "reports" / "2017-12")
    result = run_cli("check", "-f", "json", "市审计局.yaml")
    assert result.code == 1
    assert [(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)] == [(MISSING, 1, "P001")]


def test_root_option_from_outside(with_error: PlanRepo, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("--root", str(with_error.root), "check", "-f", "json")
    assert result.code == 1
    assert [d["path"] for d in json.loads(result.stdout)] == [MISSING]


def test_zwxt_root_environment_variable(with_error: PlanRepo, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZWXT_ROOT", str(with_error.root))
    result = run_cli("check", "-f", "json")
    assert result.code == 1
    assert [d["path"] for d in json.loads(result.stdout)] == [MISSING]


def test_root_that_is_no_plan_repository_exits_2(plan_repo: PlanRepo, tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path), "check")
    assert result.code == 2
    assert f"{tmp_path.resolve()} 不是工作方案仓库：其中没有 data/tasks.yaml" in result.stderr
