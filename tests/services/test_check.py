"""The check service: what it loads for the paths asked for, what it shows, and in which order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import UNITS_YAML, PlanRepo, cache_file
from zwxt.errors import UsageError
from zwxt.services.check import CheckResult, check
from zwxt.store.repo import Repository

DONE_1 = "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n"
Row = tuple[str, int, int, str]


def run(repo: PlanRepo, *paths: str) -> CheckResult:
    return check(Repository(repo.root), [repo.root / p for p in paths] or None)


def rows(result: CheckResult) -> list[Row]:
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


def test_a_single_report_is_checked_against_its_units_earlier_reports(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局", tasks=DONE_1)
    plan_repo.report("2018-01", "市审计局")  # task 1 was done in December: nothing is missing
    assert rows(run(plan_repo, "reports/2018-01/市审计局.yaml")) == []


def test_a_single_report_sees_history_filed_under_an_alias(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局", tasks=DONE_1, name="审计局")
    plan_repo.report("2018-01", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    assert rows(run(plan_repo, "reports/2018-01/市审计局.yaml")) == \
        [("reports/2018-01/市审计局.yaml", 6, 13, "P005")]


def test_a_single_report_sees_history_filed_under_a_width_variant(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市网信统筹局", tasks=DONE_1, name="市网信　统筹局")
    plan_repo.report("2018-01", "市网信统筹局",
                     tasks="- task: 4\n  status: 推进中\n  metrics:\n    开放数据集: 9\n")
    assert rows(run(plan_repo, "reports/2018-01/市网信统筹局.yaml")) == []


def test_only_the_files_asked_for_are_reported_on(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局")  # P001 here, but it is only history
    plan_repo.report("2017-12", "市公安局")  # P001 here, another unit
    plan_repo.report("2018-01", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    result = run(plan_repo, "reports/2018-01/市审计局.yaml")
    assert rows(result) == []
    assert result.files == 3  # the two data files and the report


def test_data_file_findings_are_shown_with_a_single_report(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/units.yaml",
                    UNITS_YAML.replace("members: [蓬江区, 台山市]", "members: [蓬江区, 开平市]"))
    plan_repo.report("2017-11", "市审计局")
    assert rows(run(plan_repo, "reports/2017-11/市审计局.yaml")) == [("data/units.yaml", 28, 20, "R102")]


def test_a_month_directory_checks_every_report_of_that_month_only(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局")
    plan_repo.report("2017-12", "市公安局")
    plan_repo.report("2018-01", "市审计局", tasks=DONE_1)
    result = run(plan_repo, "reports/2017-12")
    assert rows(result) == [("reports/2017-12/市公安局.yaml", 1, 1, "P001"),
                            ("reports/2017-12/市审计局.yaml", 1, 1, "P001")]
    assert result.files == 4


def test_the_whole_repository_by_default(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市公安局")
    plan_repo.report("2018-01", "市公安局")
    result = run(plan_repo)
    assert [(path, code) for path, _, _, code in rows(result)] == \
        [("reports/2017-12/市公安局.yaml", "P001"), ("reports/2018-01/市公安局.yaml", "P001")]
    assert result.files == 4


def test_every_finding_of_every_file_is_collected_and_sorted(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/tasks.yaml", (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8")
                    .replace("aspect: 协同", "aspect: 协作").replace("due: 2018-03-31", "due: 2018-04-30"))
    plan_repo.report("2017-12", "市审计局", tasks="""
        - task: 9
          status: 推进中
        - task: 1
          status: 已完成
        """)
    plan_repo.write("reports/2017-12/市公安局.yaml",
                    "unit: 市公安局\nmonth: 2017-12\nlead_office: 科\n"
                    "tasks:\n  - task: 1\n    status: 暂停\n")  # (no synonym of a status)
    plan_repo.write("reports/2017-12/蓬江区.yaml", "unit: 蓬江区\nmonth: [2017-12\n")
    assert rows(run(plan_repo)) == [
        ("data/tasks.yaml", 22, 10, "R204"),
        ("data/tasks.yaml", 43, 13, "R205"),
        ("reports/2017-12/市公安局.yaml", 6, 13, "S004"),
        ("reports/2017-12/市审计局.yaml", 5, 11, "R304"),
        ("reports/2017-12/市审计局.yaml", 8, 13, "P003"),
        ("reports/2017-12/蓬江区.yaml", 3, 1, "Y001"),
    ]


def test_a_path_that_does_not_exist_is_a_usage_error(plan_repo: PlanRepo) -> None:
    with pytest.raises(UsageError, match="找不到"):
        run(plan_repo, "reports/2018-03/市审计局.yaml")


def test_a_path_outside_the_repository_is_a_usage_error(plan_repo: PlanRepo, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("unit: 市审计局\n", encoding="utf-8")
    with pytest.raises(UsageError, match="不在工作方案仓库"):
        check(Repository(plan_repo.root), [outside])


def test_missing_units_file_is_reported_and_reports_still_get_their_own_findings(
        plan_repo: PlanRepo) -> None:
    (plan_repo.root / "data/units.yaml").unlink()
    # task 9 does not exist (R304, which needs the plan: not said); done without a date (P003)
    plan_repo.report("2017-12", "市审计局", tasks="- task: 9\n  status: 已完成\n")
    assert rows(run(plan_repo)) == [("data/units.yaml", 1, 1, "F001"),
                                    ("reports/2017-12/市审计局.yaml", 6, 13, "P003")]


def test_a_file_that_is_no_report_is_a_usage_error(plan_repo: PlanRepo) -> None:
    plan_repo.write("reports/2017-12/说明.txt", "说明")
    with pytest.raises(UsageError, match="不是报告文件"):
        run(plan_repo, "reports/2017-12/说明.txt")


def test_a_data_file_asked_for_checks_the_data_files(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市公安局")  # P001, but not asked for
    result = run(plan_repo, "data/tasks.yaml")
    assert (rows(result), result.files) == ([], 2)


def test_checking_writes_nothing_in_the_repository(plan_repo: PlanRepo, cached: None) -> None:
    plan_repo.report("2017-12", "市审计局", tasks="- task: 1\n  status: 已完成\n")
    plan_repo.write("reports/2017-12/蓬江区.yaml", "unit: 蓬江区\r\nmonth: 2017-12\t\r\n")

    def snapshot() -> dict[str, tuple[bytes, int]]:
        return {p.relative_to(plan_repo.root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(plan_repo.root.rglob("*")) if p.is_file() and ".git" not in p.parts}

    before = snapshot()
    assert check(Repository(plan_repo.root), cache=False).diagnostics
    assert snapshot() == before
    assert run(plan_repo).diagnostics
    written = {path for path in snapshot().items() if path not in before.items()}
    assert written == set(), "the cache is in the user's cache folder"
    assert cache_file(plan_repo.root).is_file()


def test_a_single_report_under_an_odd_name_is_checked_against_its_units_history(
        plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局", tasks=DONE_1)
    plan_repo.report("2018-01", "市审计局", name=".市审计局")  # task 1 was done in December
    assert rows(run(plan_repo, "reports/2018-01/.市审计局.yaml")) == rows(run(plan_repo)) == [
        ("reports/2018-01/.市审计局.yaml", 1, 7, "R302")]
