"""zwxt status --month: when each report reached the main line, on real git repositories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.gitplan import GitPlan
from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, report_yaml, run_cli
from zwxt.store.git import NoHistory, first_added

AUDIT = ("审计局小王", "sjj@example.gov.cn")
POLICE = ("公安局小赵", "gaj@example.gov.cn")
COORDINATOR = ("网信局小李", "wxj@example.gov.cn")
MARCH = "reports/2018-03/市审计局.yaml"
POLICE_MARCH = "reports/2018-03/市公安局.yaml"


def _tasks(report_due: str | None) -> str:
    if report_due is None:
        return TASKS_YAML
    return TASKS_YAML.replace("  coordinator: 市网信统筹局\n",
                              f"  coordinator: 市网信统筹局\n  report_due: {report_due}\n")


def _plan(root: Path, report_due: str | None = None) -> GitPlan:
    plan = GitPlan(root)
    data = {"data/units.yaml": UNITS_YAML, "data/tasks.yaml": _tasks(report_due)}
    plan.commit(COORDINATOR, "工作方案", data, committed="2018-03-01T09:00:00+08:00")
    return plan


def _report(unit: str, month: str = "2018-03") -> str:
    return report_yaml(unit, month)


def _entries(month: str = "2018-03") -> tuple[int, dict[str, dict[str, object]], str]:
    result = run_cli("status", "--month", month, "--format", "json")
    return result.code, {i["unit"]: i for i in json.loads(result.stdout)}, result.stderr


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """市审计局 commits on main on 3 April (its author date says 1 April); 市公安局's report
    comes on a branch committed on 2 April and merged on 9 April; 市审计局 then edits its report."""
    plan = _plan(tmp_path / "plan")
    plan.commit(AUDIT, "3月报告", {MARCH: _report("市审计局")},
                authored="2018-04-01T10:00:00+08:00", committed="2018-04-03T10:00:00+08:00")
    plan.branch("police")
    plan.commit(POLICE, "3月报告", {POLICE_MARCH: _report("市公安局")},
                authored="2018-04-01T10:00:00+08:00", committed="2018-04-02T10:00:00+08:00")
    plan.merge("police", COORDINATOR, "2018-04-09T10:00:00+08:00")
    plan.commit(AUDIT, "补充", {MARCH: _report("市审计局", "2018-03") + "# 补充\n"},
                authored="2018-04-20T10:00:00+08:00", committed="2018-04-20T10:00:00+08:00")
    monkeypatch.chdir(plan.files.root)
    return plan


def test_first_added_reads_the_main_line(history: GitPlan) -> None:
    arrivals = first_added(history.files.root)
    assert arrivals.missing is None
    assert arrivals.dates[MARCH] == date(2018, 4, 3)  # added then modified: the addition counts
    assert arrivals.dates[POLICE_MARCH] == date(2018, 4, 9)  # the merge, not the branch's commit
    assert arrivals.dates["data/tasks.yaml"] == date(2018, 3, 1)


def test_a_report_renamed_or_moved_keeps_the_day_it_came_in(history: GitPlan) -> None:
    history.repo.git.mv(MARCH, "reports/2018-03/审计局.yaml")
    history.commit(AUDIT, "改名", committed="2018-04-25T10:00:00+08:00")
    history.repo.git.mv("reports/2018-03/审计局.yaml", "reports/2018-03/市审计局.yml")
    history.commit(AUDIT, "再改名", committed="2018-04-26T10:00:00+08:00")
    dates = first_added(history.files.root).dates
    assert dates["reports/2018-03/市审计局.yml"] == date(2018, 4, 3)
    assert dates[POLICE_MARCH] == date(2018, 4, 9)


def test_the_committers_own_time_zone_decides_the_day(tmp_path: Path) -> None:
    plan = _plan(tmp_path / "plan")
    # 2018-04-06 04:30 in Beijing, but the committer's clock said the 5th
    plan.commit(AUDIT, "3月报告", {MARCH: _report("市审计局")},
                authored="2018-04-05T15:30:00-05:00", committed="2018-04-05T15:30:00-05:00")
    assert first_added(plan.files.root).dates[MARCH] == date(2018, 4, 5)


def test_on_time_late_and_missing(history: GitPlan) -> None:
    code, items, stderr = _entries()
    assert code == 0
    audit, police = items["市审计局"], items["市公安局"]
    assert (audit["submitted_on"], audit["due_on"], audit["late"]) == ("2018-04-03", "2018-04-05", False)
    assert audit["timing_label"] == "按时"
    # the branch's commit says 2 April, its author 1 April: the merge on 9 April is when it arrived
    assert (police["submitted_on"], police["due_on"], police["late"]) == ("2018-04-09", "2018-04-05", True)
    assert (police["late_days"], police["timing_label"]) == (4, "逾期 4 天")
    taishan = items["台山市"]
    assert (taishan["status"], taishan["submitted_on"], taishan["late"]) == ("missing", None, None)
    assert taishan["due_on"] == "2018-04-05"
    assert "git" not in stderr


def test_the_table_and_exports_show_the_dates(history: GitPlan) -> None:
    table = run_cli("status", "--month", "2018-03").stdout
    assert "报送日期" in table and "是否按时" in table and "逾期 4 天" in table and "按时" in table
    assert "报送期限：次月5日前（2018年4月5日）" in table
    csv = run_cli("status", "--month", "2018-03", "--format", "csv").stdout
    assert "单位,报送情况,报送日期,是否按时,文件,未完成任务数" in csv
    police = next(line for line in csv.splitlines() if line.startswith("市公安局,"))
    assert police.split(",")[2:5] == ["2018-04-09", "逾期 4 天", "reports/2018-03/市公安局.yaml"]
    markdown = run_cli("status", "--month", "2018-03", "--format", "markdown").stdout
    assert "| 2018-04-03 | 按时 |" in markdown


def test_a_report_not_yet_committed(history: GitPlan) -> None:
    history.files.write("reports/2018-03/蓬江区.yaml", _report("蓬江区"))
    _, items, _ = _entries()
    assert (items["蓬江区"]["submitted_on"], items["蓬江区"]["late"]) == (None, None)
    assert items["蓬江区"]["timing_label"] == "尚未合入主线"


def test_working_days_across_the_qingming_holiday(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # April 2018: Mon 2, Tue 3, Wed 4 working; Thu 5 to Sat 7 Qingming; Sun 8 a make-up working day
    plan = _plan(tmp_path / "plan", "次月第3个工作日前")
    plan.commit(AUDIT, "3月报告", {MARCH: _report("市审计局")}, committed="2018-04-04T18:00:00+08:00")
    plan.commit(POLICE, "3月报告", {POLICE_MARCH: _report("市公安局")}, committed="2018-04-08T09:00:00+08:00")
    monkeypatch.chdir(plan.files.root)
    _, items, _ = _entries()
    assert (items["市审计局"]["due_on"], items["市审计局"]["late"]) == ("2018-04-04", False)
    assert (items["市公安局"]["late_days"], items["市公安局"]["timing_label"]) == (4, "逾期 4 天")


def test_a_year_past_the_calendar_is_said_not_guessed(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(tmp_path / "plan", "次月第3个工作日前")
    plan.commit(AUDIT, "报告", {"reports/2099-03/市审计局.yaml": _report("市审计局", "2099-03")},
                committed="2099-04-01T10:00:00+08:00")
    monkeypatch.chdir(plan.files.root)
    _, items, stderr = _entries("2099-03")
    audit = items["市审计局"]
    assert (audit["submitted_on"], audit["due_on"], audit["late"]) == ("2099-04-01", None, None)
    assert audit["timing_label"] == "无法判断"
    assert "工作日历（chinese-calendar）只收录了" in stderr and "2099年3月报告的报送期限无法确定" in stderr


def test_outside_git_the_dates_are_null_and_said(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    code, items, stderr = _entries("2017-11")
    assert code == 0
    audit = items["市审计局"]
    assert (audit["submitted_on"], audit["due_on"], audit["late"]) == (None, "2017-12-05", None)
    assert "不在 git 仓库中，无法得知报送日期" in stderr
    assert first_added(plan_repo.root).missing is NoHistory.NOT_A_REPOSITORY


def test_a_repository_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = GitPlan(tmp_path / "plan")
    plan.files.write("data/units.yaml", UNITS_YAML)
    plan.files.write("data/tasks.yaml", TASKS_YAML)
    monkeypatch.chdir(plan.files.root)
    _, _, stderr = _entries("2017-11")
    assert "git 仓库中还没有任何提交" in stderr
    assert first_added(plan.files.root).missing is NoHistory.NO_COMMITS


def test_a_shallow_clone_gives_no_dates_rather_than_wrong_ones(history: GitPlan, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import git

    clone = tmp_path / "shallow"
    git.Repo.clone_from(f"file://{history.files.root}", clone, depth=1)
    assert first_added(clone).missing is NoHistory.SHALLOW
    monkeypatch.chdir(clone)
    code, entries, stderr = _entries()
    assert code == 0
    assert entries["市审计局"]["submitted_on"] is None and entries["市审计局"]["late"] is None
    assert "浅克隆" in stderr and "git fetch --unshallow" in stderr


def test_a_report_on_a_branch_has_not_reached_main_whichever_branch_is_checked_out(history: GitPlan) -> None:
    history.branch("pengjiang")
    history.commit(("蓬江区小周", "pj@example.gov.cn"), "3月报告",
                   {"reports/2018-03/蓬江区.yaml": _report("蓬江区")}, committed="2018-04-03T10:00:00+08:00")
    dates = first_added(history.files.root).dates
    assert "reports/2018-03/蓬江区.yaml" not in dates
    assert dates[MARCH] == date(2018, 4, 3)
    _, entries, _ = _entries()
    assert (entries["蓬江区"]["submitted_on"], entries["蓬江区"]["late"]) == (None, None)
    assert entries["蓬江区"]["timing_label"] == "尚未合入主线"  # committed, so not “not committed to git”
