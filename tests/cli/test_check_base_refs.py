"""zwxt check --base: what the base is, whose plan judges, and what a report may be.

The ways through the gate a second adversarial round found, on real repositories: a tag
pushed with the branch and named like the base (git takes a tag before a branch), a branch
started from an old main whose maintainer list gave the unit more, a report turned into a
symbolic link or a submodule (a deletion git calls a type change), a report for a month
far ahead; and a path that is not UTF-8 in the GitLab report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.gitplan import AUDIT, COORDINATOR, UNITS, GitPlan, pull_request_plan
from tests.support import TASKS_YAML, report_yaml, run_cli

ROOT = Path(__file__).resolve().parents[2]
OWN = "reports/2017-12/市审计局.yaml"
NOVEMBER = "reports/2017-11/市审计局.yaml"
DECEMBER = report_yaml("市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    plan = pull_request_plan(tmp_path / "plan")
    monkeypatch.chdir(plan.files.root)
    return plan


def _checked(base: str = "main") -> tuple[int, list[dict[str, object]], str]:
    result = run_cli("check", "--format", "json", "--base", base, "--strict")
    assert "内部错误" not in result.stderr, result.stderr
    return result.code, json.loads(result.stdout) if result.stdout.strip() else [], result.stderr


def _codes(found: list[dict[str, object]]) -> set[tuple[str, str]]:
    return {(str(f["path"]), str(f["code"])) for f in found}


@pytest.mark.parametrize(("base", "full"), [("main", "refs/heads/main"),
                                            ("origin/main", "refs/remotes/origin/main")])
def test_a_tag_named_like_the_base_is_refused(plan: GitPlan, base: str, full: str) -> None:
    plan.repo.git.update_ref("refs/remotes/origin/main", "main")
    plan.commit(AUDIT, "改方案", {"data/tasks.yaml": TASKS_YAML.replace("持续推进", "继续推进")})
    plan.repo.git.tag(base, "HEAD")  # what the pull request pushes along with its branch
    code, _, stderr = _checked(base)
    assert code == 2
    assert f"refs/tags/{base}" in stderr and "完整名称" in stderr
    # written out in full, the base is the branch, and the change is judged
    code, found, _ = _checked(full)
    assert code == 1 and ("data/tasks.yaml", "G101") in _codes(found)


@pytest.mark.parametrize("base", ["origin/main^{}", "origin/main~0", "origin/main^0", "origin/main@{0}"])
def test_a_tag_named_like_the_base_is_refused_however_the_base_goes_on(plan: GitPlan, base: str) -> None:
    plan.repo.git.update_ref("refs/remotes/origin/main", "main")
    plan.commit(AUDIT, "改方案", {"data/tasks.yaml": TASKS_YAML.replace("持续推进", "继续推进")})
    plan.repo.git.tag("origin/main", "HEAD")
    code, _, stderr = _checked(base)
    assert code == 2 and "refs/tags/origin/main" in stderr


@pytest.mark.parametrize("base", ["refs/remotes/origin/main", "refs/heads/trunk"])
def test_a_base_written_from_refs_names_that_ref_or_none(plan: GitPlan, base: str) -> None:
    """Where the ref is missing, git would take refs/tags/<base> or refs/heads/<base>: not so here."""
    plan.commit(AUDIT, "改方案", {"data/tasks.yaml": TASKS_YAML.replace("持续推进", "继续推进")})
    plan.repo.git.tag(base, "HEAD")
    plan.repo.git.update_ref(f"refs/heads/{base}", "HEAD")
    code, _, stderr = _checked(base)
    assert code == 2 and f"仓库中没有 {base}" in stderr


def test_a_base_named_by_two_refs_is_refused(plan: GitPlan) -> None:
    plan.repo.git.update_ref("refs/remotes/main", "HEAD")
    code, _, stderr = _checked()
    assert code == 2 and "refs/heads/main" in stderr and "refs/remotes/main" in stderr


def test_a_base_that_names_one_branch_is_taken(plan: GitPlan) -> None:
    plan.commit(AUDIT, "12月", {OWN: DECEMBER})
    plan.repo.git.update_ref("refs/remotes/origin/main", "main")
    for base in ("main", "origin/main", "refs/remotes/origin/main", plan.repo.git.rev_parse("main")):
        code, found, stderr = _checked(base)
        assert (code, found) == (0, []), (base, stderr)


def test_who_may_change_what_is_read_from_the_target_as_it_is_now(plan: GitPlan) -> None:
    """A branch started from an old main does not bring the old maintainer list with it."""
    plan.repo.git.checkout("main")
    old = plan.repo.head.commit.hexsha
    # main moves on: 市审计局's maintainer moves on too, and the coordinator lists the new one
    plan.commit(COORDINATOR, "换维护人", {"data/units.yaml": UNITS.replace("sjj@example.gov.cn",
                                                                         "new@example.gov.cn")})
    plan.repo.git.checkout("-B", "pr", old)
    plan.commit(AUDIT, "12月", {OWN: DECEMBER})
    code, found, _ = _checked()
    assert code == 1
    assert [(f["path"], f["code"]) for f in found if f["code"] == "G101"] == [(OWN, "G101")]
    assert "new@example.gov.cn" in str(next(f["message"] for f in found if f["code"] == "G101"))


def test_a_maintainer_added_on_main_since_the_branch_began_may_commit(plan: GitPlan) -> None:
    plan.repo.git.checkout("main")
    plan.commit(COORDINATOR, "加维护人", {"data/units.yaml": UNITS.replace(
        "[sjj@example.gov.cn]", "[sjj@example.gov.cn, new@example.gov.cn]")})
    plan.repo.git.checkout("pr")
    plan.commit(("新同事", "new@example.gov.cn"), "12月", {OWN: DECEMBER})
    code, found, _ = _checked()
    assert (code, found) == (0, [])


@pytest.mark.parametrize("target", ["nowhere", "../../data", "../../data/tasks.yaml"])
def test_a_report_made_a_symbolic_link_is_refused(plan: GitPlan, target: str) -> None:
    link = plan.files.root / NOVEMBER
    link.unlink()
    link.symlink_to(target)
    stray = plan.files.root / "reports/市审计局.yaml"
    stray.symlink_to("../data/tasks.yaml")
    plan.repo.git.add("-A")
    plan.repo.git.commit("-m", "链接", author=f"{AUDIT[0]} <{AUDIT[1]}>")
    code, found, _ = _checked()
    assert code == 1
    assert {(NOVEMBER, "G106"), ("reports/市审计局.yaml", "G106")} <= _codes(found)


def test_a_report_made_a_submodule_is_refused(plan: GitPlan) -> None:
    head = plan.repo.head.commit.hexsha
    plan.repo.git.rm("--cached", "-q", NOVEMBER)
    plan.repo.git.update_index("--add", "--cacheinfo", f"160000,{head},{NOVEMBER}")
    plan.repo.git.commit("-m", "子模块", author=f"{AUDIT[0]} <{AUDIT[1]}>")
    code, found, _ = _checked()
    assert code == 1 and (NOVEMBER, "G106") in _codes(found)


def test_a_report_for_a_month_not_begun_is_refused(plan: GitPlan) -> None:
    later = date.today().year + 2
    ahead = f"reports/{later}-01/市审计局.yaml"
    plan.commit(AUDIT, "未来", {ahead: report_yaml("市审计局", f"{later}-01")})
    code, found, _ = _checked()
    assert code == 1
    [finding] = [f for f in found if f["code"] == "G107"]
    assert finding["path"] == ahead and f"{later}年1月" in str(finding["message"])


def test_next_months_report_may_be_written_ahead(plan: GitPlan) -> None:
    ahead = (date.today() + timedelta(days=1)).replace(day=1) + timedelta(days=32)
    month = ahead.strftime("%Y-%m")
    plan.commit(AUDIT, "下月", {f"reports/{month}/市审计局.yaml": report_yaml("市审计局", month)})
    _, found, _ = _checked()
    assert "G107" not in {f["code"] for f in found}


def test_a_report_from_the_future_does_not_close_the_months_before_it(plan: GitPlan) -> None:
    """Once landed, a far month's report does not make a correction of the newest month G104."""
    plan.repo.git.checkout("main")
    later = date.today().year + 2
    plan.commit(AUDIT, "12月", {OWN: DECEMBER})
    plan.commit(AUDIT, "未来", {f"reports/{later}-01/市审计局.yaml": report_yaml("市审计局", f"{later}-01")})
    plan.repo.git.checkout("-B", "pr")
    plan.commit(AUDIT, "更正", {OWN: DECEMBER + "contact: 小王\n"})
    code, found, _ = _checked()
    assert (code, found) == (0, [])
    plan.commit(AUDIT, "更正", {NOVEMBER: report_yaml("市审计局", "2017-11", extra="contact: 小王\n")})
    assert {f["code"] for f in _checked()[1]} == {"G104"}  # a month before the newest is still closed


def test_a_path_that_is_not_utf8_in_the_gitlab_report(plan: GitPlan) -> None:
    folder = plan.files.root / "reports/2017-12"
    folder.mkdir(parents=True)
    (folder / os.fsdecode(b"\xff.yaml")).write_text(report_yaml("市审计局", "2017-12"), "utf-8")
    plan.repo.git.add("-A")
    plan.repo.git.commit("-m", "x", author=f"{AUDIT[0]} <{AUDIT[1]}>")
    result = run_cli("check", "--format", "gitlab", "--base", "main")
    assert "内部错误" not in result.stderr, result.stderr
    issues = json.loads(result.stdout)
    assert result.code == 1 and issues and all(len(i["fingerprint"]) == 64 for i in issues)


@pytest.mark.slow
def test_the_gitlab_job_as_shipped_judges_a_request_that_pushed_tags(plan: GitPlan, tmp_path: Path) -> None:
    """The script of ci/gitlab-ci.yml, run in a clone made as GitLab's runner makes it."""
    from ruamel.yaml import YAML

    plan.commit(AUDIT, "改方案", {"data/tasks.yaml": TASKS_YAML.replace("持续推进", "继续推进")})
    for tag in ("main", "origin/main", "refs/remotes/origin/main"):
        plan.repo.git.tag(tag, "HEAD")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(plan.files.root), str(remote)], check=True)
    ci = tmp_path / "ci"
    for args in (["init", "-q", str(ci)], ["-C", str(ci), "remote", "add", "origin", str(remote)],
                 ["-C", str(ci), "fetch", "-q", "--tags", "origin", "+refs/heads/pr:refs/remotes/origin/pr"],
                 ["-C", str(ci), "checkout", "-q", "--detach", "refs/remotes/origin/pr"]):
        subprocess.run(["git", *args], check=True)
    job = YAML(typ="safe").load((ROOT / "ci/gitlab-ci.yml").read_text("utf-8"))["zwxt-check"]["script"]
    env = {**os.environ, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "ZWXT_NO_CACHE": "1"}
    done = subprocess.run(["bash", "-ec", "\n".join(job)], cwd=ci, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "data/tasks.yaml:1:1 G101" in done.stdout
    quality = json.loads((ci / "gl-code-quality-report.json").read_text("utf-8"))
    assert any(issue["check_name"] == "G101" for issue in quality)


def test_a_closed_months_report_deleted_and_added_again_is_a_change(plan: GitPlan) -> None:
    plan.repo.git.checkout("main")
    plan.commit(AUDIT, "12月", {OWN: DECEMBER})
    plan.repo.git.checkout("-B", "pr")
    plan.commit(AUDIT, "删", delete=(NOVEMBER,))
    plan.commit(AUDIT, "加", {NOVEMBER: report_yaml("市审计局", "2017-11", extra="contact: 小王\n")})
    found = _checked()[1]
    assert [(f["path"], f["code"]) for f in found] == [(NOVEMBER, "G104")]


def test_a_change_to_a_file_the_target_has_moved_since_is_refused(plan: GitPlan) -> None:
    """git would carry the change into the moved file, which the unit does not own."""
    plan.repo.git.checkout("main")
    moved = "reports/2017-11/台山市.yaml"
    plan.repo.git.mv(NOVEMBER, moved)
    plan.repo.git.commit("-m", "改名", author=f"{COORDINATOR[0]} <{COORDINATOR[1]}>")
    plan.repo.git.checkout("pr")
    plan.commit(AUDIT, "改", {NOVEMBER: report_yaml("市审计局", "2017-11", extra="contact: 小王\n")})
    code, found, _ = _checked()
    assert code == 1 and (NOVEMBER, "G108") in _codes(found)
    # merged for real, the change would have landed in the moved file
    plan.repo.git.checkout("main")
    plan.repo.git.merge("--no-edit", "pr")
    assert "contact: 小王" in (plan.files.root / moved).read_text("utf-8")
