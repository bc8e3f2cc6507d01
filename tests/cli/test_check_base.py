"""zwxt check --base: a pull request's changes, and who made them, on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from tests.gitplan import AUDIT, COORDINATOR, STRANGER, UNITS, GitPlan, pull_request_plan
from tests.support import TASKS_YAML, PlanRepo, report_yaml, run_cli


@pytest.fixture
def pr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """main holds the plan and a November report of 市审计局; HEAD is a new branch off it."""
    plan = pull_request_plan(tmp_path / "plan")
    monkeypatch.chdir(plan.files.root)
    return plan


def _found(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", *args)
    return result.code, json.loads(result.stdout)


def test_a_units_maintainer_changing_its_report_passes(pr: GitPlan) -> None:
    pr.commit(AUDIT, "12月报告", {"reports/2017-12/市审计局.yaml": report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    code, found = _found("--base", "main")
    assert (code, found) == (0, [])


def test_someone_else_changing_a_units_report_is_named_with_the_commit(pr: GitPlan) -> None:
    sha = pr.commit(STRANGER, "代交", {"reports/2017-12/市审计局.yaml": report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    code, found = _found("--base", "main")
    assert code == 1
    [owned] = [f for f in found if f["code"] == "G101"]
    assert owned["path"] == "reports/2017-12/市审计局.yaml"
    assert (owned["line"], owned["column"], owned["severity"]) == (1, 1, "error")
    assert owned["message"] == (f"提交 {sha[:8]}（作者 公安局小张 <gaj@example.gov.cn>）修改了这个文件，"
                                "但只有市审计局的维护人（sjj@example.gov.cn）可以修改它")


def test_every_commit_is_judged_not_only_the_last(pr: GitPlan) -> None:
    rel = "reports/2017-12/市审计局.yaml"
    first = pr.commit(STRANGER, "代交",
                      {rel: report_yaml("市审计局", "2017-12", "- task: 1\n  status: 推进中\n")})
    pr.commit(AUDIT, "改正", {rel: report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    code, found = _found("--base", "main")
    assert code == 1
    assert [f["message"][:12] for f in found if f["code"] == "G101"] == [f"提交 {first[:8]}（"]


def test_the_plan_is_the_coordinators_to_change(pr: GitPlan) -> None:
    tasks = TASKS_YAML.replace("开展对市直有关部门的政务信息系统审计。", "开展政务信息系统审计。")
    pr.commit(AUDIT, "改任务", {"data/tasks.yaml": tasks})
    code, found = _found("--base", "main")
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [("data/tasks.yaml", "G101")]
    assert "只有市网信统筹局的维护人（wxj@example.gov.cn）可以修改它" in str(found[0]["message"])
    pr.repo.git.reset("--hard", "main")
    pr.commit(COORDINATOR, "改任务", {"data/tasks.yaml": tasks})
    assert _found("--base", "main") == (0, [])


def test_a_change_to_the_plan_checks_every_report(pr: GitPlan) -> None:
    # a broken report already on main is not the pull request's: checked only when the plan changes
    pr.repo.git.checkout("main")
    pr.commit(AUDIT, "坏报告", {"reports/2017-10/市审计局.yaml": "unit: 市审计局\nmonth: 2017-10\n"})
    pr.repo.git.checkout("-b", "pr2")
    pr.commit(AUDIT, "12月", {"reports/2017-12/市公安局.yaml": report_yaml("市公安局", "2017-12")})
    code, found = _found("--base", "main")
    assert "reports/2017-10/市审计局.yaml" not in {f["path"] for f in found}
    pr.commit(COORDINATOR, "改单位", {"data/units.yaml": UNITS.replace("科技信息化科", "科技信息化处")})
    code, found = _found("--base", "main")
    assert code == 1
    assert ("reports/2017-10/市审计局.yaml", "S001") in {(f["path"], f["code"]) for f in found}


def test_deleting_a_report_is_an_error_whoever_does_it(pr: GitPlan) -> None:
    pr.commit(AUDIT, "删除", delete=("reports/2017-11/市审计局.yaml",))
    code, found = _found("--base", "main")
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [("reports/2017-11/市审计局.yaml", "G102")]


def test_changing_a_closed_month_is_a_warning_an_error_when_strict(pr: GitPlan) -> None:
    pr.repo.git.checkout("main")
    pr.commit(AUDIT, "12月", {"reports/2017-12/市审计局.yaml": report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    pr.repo.git.checkout("-b", "late")
    pr.commit(AUDIT, "补充11月", {"reports/2017-11/市审计局.yaml": report_yaml(
        "市审计局", "2017-11", extra="contact: 小王 0750-1234567\n")})
    code, found = _found("--base", "main")
    assert code == 0
    assert [(f["path"], f["code"], f["severity"]) for f in found] == [
        ("reports/2017-11/市审计局.yaml", "G104", "warning")]
    assert run_cli("check", "--base", "main", "--strict").code == 1


def test_a_unit_without_maintainers_is_kept_by_the_coordinator(pr: GitPlan) -> None:
    rel = "reports/2017-11/市公安局.yaml"
    pr.commit(COORDINATOR, "代报", {rel: report_yaml("市公安局", "2017-11")})
    code, found = _found("--base", "main")
    assert code == 0
    assert [(f["path"], f["code"]) for f in found] == [(rel, "G103")]
    pr.commit(STRANGER, "自报", {rel: report_yaml("市公安局", "2017-11", extra="contact: 小张\n")})
    code, found = _found("--base", "main")
    assert code == 1
    assert "只有市网信统筹局的维护人" in next(str(f["message"]) for f in found if f["code"] == "G101")


def test_a_base_missing_from_a_shallow_clone_says_what_to_fetch(pr: GitPlan) -> None:
    result = run_cli("check", "--base", "origin/main")
    assert result.code == 2
    assert "找不到 origin/main" in result.stderr
    assert "git fetch origin main" in result.stderr


def test_base_outside_git_is_a_usage_error(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--base", "main")
    assert result.code == 2
    assert "不是 git 仓库" in result.stderr


def test_base_and_paths_do_not_go_together(pr: GitPlan) -> None:
    result = run_cli("check", "--base", "main", "reports")
    assert result.code == 2


# ---- report new --commit: the draft on its own branch, by a maintainer ----------------------

def _as(plan: GitPlan, who: tuple[str, str]) -> None:
    with plan.repo.config_writer() as config:
        config.set_value("user", "name", who[0])
        config.set_value("user", "email", who[1])


def test_report_new_commit_puts_the_draft_on_its_branch_as_the_maintainer(pr: GitPlan) -> None:
    pr.repo.git.checkout("main")
    pr.files.write("notes.txt", "staged, not the report's\n")
    pr.repo.index.add(["notes.txt"])
    _as(pr, ("审计局小王", "SJJ@example.gov.cn"))  # emails are compared without case
    result = run_cli("report", "new", "--unit", "审计局", "--month", "2017-12", "--commit")
    assert result.code == 0, result.stderr
    assert pr.repo.active_branch.name == "report/2017-12/市审计局"
    head = pr.repo.head.commit
    assert (head.author.name, head.author.email) == ("审计局小王", "SJJ@example.gov.cn")
    committed = pr.repo.git.show("--name-only", "--format=", "-z", "HEAD").strip("\0\n").split("\0")
    assert committed == ["reports/2017-12/市审计局.yaml"]  # nothing else went in
    assert "notes.txt" in pr.repo.git.diff("--cached", "--name-only")  # still staged, as it was
    assert "git push origin report/2017-12/市审计局" in result.stdout
    # the pull request this makes passes the ownership check (the draft only warns: 【待填写】)
    code, found = _found("--base", "main")
    assert code == 0 and {f["code"] for f in found} <= {"P007"}


def test_report_new_commit_refuses_someone_not_a_maintainer_before_writing(pr: GitPlan) -> None:
    _as(pr, STRANGER)
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit")
    assert result.code == 1
    assert "gaj@example.gov.cn 不是市审计局的维护人（sjj@example.gov.cn）" in result.stderr
    assert not (pr.files.root / "reports/2017-12").exists()
    assert pr.repo.active_branch.name == "pr"


def test_report_new_commit_refuses_an_existing_branch(pr: GitPlan) -> None:
    _as(pr, AUDIT)
    pr.repo.git.branch("report/2017-12/市审计局")
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit")
    assert result.code == 1
    assert "分支 report/2017-12/市审计局 已存在" in result.stderr
    assert not (pr.files.root / "reports/2017-12").exists()


def test_report_new_commit_outside_git_is_a_usage_error(plan_repo: PlanRepo) -> None:
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit")
    assert result.code == 2
    assert "不是 git 仓库" in result.stderr
    assert not (plan_repo.root / "reports/2017-12").exists()


# ---- what an adversarial round found ------------------------------------------------------

def test_a_pull_request_cannot_make_its_author_a_maintainer(pr: GitPlan) -> None:
    # the maintainers are those of the merge base: the units.yaml of the request is on trial
    units = UNITS.replace("maintainers: [sjj@example.gov.cn]", "maintainers: [gaj@example.gov.cn]")
    pr.commit(STRANGER, "夺权", {"data/units.yaml": units, "reports/2017-12/市审计局.yaml": report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    code, found = _found("--base", "main")
    assert code == 1
    assert {(f["path"], f["code"]) for f in found} >= {("data/units.yaml", "G101"),
                                                       ("reports/2017-12/市审计局.yaml", "G101")}


def test_an_edit_hidden_in_a_merge_commit_is_checked_and_judged(pr: GitPlan) -> None:
    pr.commit(AUDIT, "12月", {"reports/2017-12/市审计局.yaml": report_yaml(
        "市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")})
    pr.repo.git.checkout("main")
    pr.commit(COORDINATOR, "方案之外", {"README.md": "说明\n"})
    pr.repo.git.checkout("pr")
    pr.repo.git.merge("--no-ff", "--no-commit", "main")
    pr.files.write("reports/2017-11/市审计局.yaml", "unit: 市审计局\nmonth: 2017-11\nlead_office: [\n")
    pr.repo.index.add(["reports/2017-11/市审计局.yaml"])
    merger = git.Actor(*STRANGER)
    pr.repo.index.commit("merge main", parent_commits=(pr.repo.head.commit, pr.repo.commit("main")),
                         author=merger, committer=merger)
    code, found = _found("--base", "main")
    assert code == 1
    codes = {(f["path"], f["code"]) for f in found}
    assert ("reports/2017-11/市审计局.yaml", "Y001") in codes  # read, as merging would bring it
    assert ("reports/2017-11/市审计局.yaml", "G101") in codes  # and its author judged
    assert ("README.md", "G101") not in codes  # what the merge brought from main is not its own


def test_everything_outside_the_reports_is_the_coordinators(pr: GitPlan) -> None:
    pr.commit(STRANGER, "改 CI", {".github/workflows/zwxt.yml": "name: x\n",
                                  "CODEOWNERS": "* gaj@example.gov.cn\n"})
    code, found = _found("--base", "main")
    assert code == 1
    assert {(f["path"], f["code"]) for f in found if f["code"] == "G101"} == {
        (".github/workflows/zwxt.yml", "G101"), ("CODEOWNERS", "G101")}


def test_a_report_added_and_removed_within_the_request_is_no_deletion(pr: GitPlan) -> None:
    rel = "reports/2017-12/市审计局.yaml"
    pr.commit(AUDIT, "加", {rel: report_yaml("市审计局", "2017-12", "- task: 1\n  status: 推进中\n")})
    pr.commit(AUDIT, "删", delete=(rel,))
    assert _found("--base", "main") == (0, [])


def test_report_new_commit_refused_by_git_leaves_everything_as_it_was(pr: GitPlan) -> None:
    _as(pr, AUDIT)
    hook = pr.files.root / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit")
    assert result.code == 2, result.stderr
    assert "git 拒绝了这次提交" in result.stderr and "内部错误" not in result.stderr
    assert pr.repo.active_branch.name == "pr"
    assert "report/2017-12/市审计局" not in [head.name for head in pr.repo.heads]
    assert not (pr.files.root / "reports/2017-12/市审计局.yaml").exists()
    assert pr.repo.git.status("--porcelain") == ""


def test_report_new_commit_before_the_first_commit_is_refused(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    plan = GitPlan(tmp_path / "plan")
    plan.files.write("data/units.yaml", UNITS)
    plan.files.write("data/tasks.yaml", TASKS_YAML)
    monkeypatch.chdir(plan.files.root)
    _as(plan, AUDIT)
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-11", "--commit")
    assert result.code == 1
    assert "不在任何分支上" in result.stderr
    assert not (plan.files.root / "reports").exists()


def test_base_before_the_first_commit_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = GitPlan(tmp_path / "plan")
    plan.files.write("data/units.yaml", UNITS)
    plan.files.write("data/tasks.yaml", TASKS_YAML)
    monkeypatch.chdir(plan.files.root)
    result = run_cli("check", "--base", "main")
    assert result.code == 2
    assert "还没有任何提交" in result.stderr and "浅克隆" not in result.stderr


def test_a_base_not_found_names_the_branches_there_are(pr: GitPlan) -> None:
    pr.repo.git.update_ref("refs/remotes/origin/main", "main")
    pr.repo.git.symbolic_ref("refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    pr.repo.git.tag("v1")  # (a tag is no branch)
    result = run_cli("check", "--base", "master")
    assert result.code == 2
    assert "找不到 master" in result.stderr
    assert "仓库中现有的分支：main、pr、origin/main；" in result.stderr
    result = run_cli("check", "--base", "refs/remotes/upstream/main")
    assert (result.code, "仓库中现有的分支：main、pr、origin/main；" in result.stderr) == (2, True)
    for n in range(10):
        pr.repo.git.branch(f"report/2017-12/单位{n}")
    result = run_cli("check", "--base", "origin/master")
    assert "仓库中现有的分支：main、pr、report/2017-12/单位0、report/2017-12/单位1、" in result.stderr
    assert "report/2017-12/单位5 等 13 个；" in result.stderr
