"""zwxt check --base and merge commits: a merge answers for every file whose content it decided.

The ways through the gate an adversarial round found, on real repositories: a merge with
``-s ours``, a conflict in another unit's file resolved "keep mine", merges made with
``git commit-tree`` whose other parent is an old commit, octopus and unrelated-history
merges; and the ordinary merges that must still pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from tests.gitplan import AUDIT, COORDINATOR, TAISHAN, UNITS, GitPlan
from tests.support import TASKS_YAML, report_yaml, run_cli

OWN = "reports/2017-12/市审计局.yaml"
OTHER = "reports/2017-12/台山市.yaml"
WORKFLOW = ".github/workflows/zwxt.yml"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """main: the plan, its CI file and CODEOWNERS, 台山市's December report; HEAD: 市审计局's branch
    with its December report. Then main moves on: the coordinator edits the plan, 台山市 its report."""
    plan = GitPlan(tmp_path / "plan")
    monkeypatch.chdir(plan.files.root)
    plan.commit(COORDINATOR, "工作方案", {"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML,
                                      WORKFLOW: "name: zwxt\n"})
    assert run_cli("codeowners").code == 0
    owners = (plan.files.root / "CODEOWNERS").read_text("utf-8")
    plan.commit(COORDINATOR, "CODEOWNERS", {"CODEOWNERS": owners})
    plan.commit(TAISHAN, "12月", {OTHER: report_yaml("台山市", "2017-12")})
    plan.branch("report")
    plan.commit(AUDIT, "12月", {OWN: report_yaml("市审计局", "2017-12", "- task: 1\n  status: 推进中\n")})
    plan.repo.git.checkout("main")
    plan.commit(COORDINATOR, "改方案", {"data/tasks.yaml": TASKS_YAML.replace("持续推进", "继续推进")})
    plan.commit(TAISHAN, "补充", {OTHER: report_yaml("台山市", "2017-12", extra="contact: 小陈\n")})
    plan.repo.git.checkout("report")
    return plan


def _found(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", "--base", "main", "--strict", *args)
    assert "内部错误" not in result.stderr, result.stderr
    return result.code, json.loads(result.stdout)


def _judged(found: list[dict[str, object]]) -> set[str]:
    return {str(f["path"]) for f in found if f["code"] == "G101"}


def _merge(plan: GitPlan, who: tuple[str, str], *args: str) -> str:
    with plan.repo.git.custom_environment(GIT_AUTHOR_NAME=who[0], GIT_AUTHOR_EMAIL=who[1],
                                          GIT_COMMITTER_NAME=who[0], GIT_COMMITTER_EMAIL=who[1]):
        plan.repo.git.merge("--no-edit", *args)
    return plan.repo.head.commit.hexsha


def _commit_tree(plan: GitPlan, who: tuple[str, str], tree: str, *parents: str) -> str:
    """A merge commit made by hand, with any tree and any parents, checked out as the branch."""
    env = {"GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
           "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1]}
    options = [arg for parent in parents for arg in ("-p", parent)]
    with plan.repo.git.custom_environment(**env):
        sha = plan.repo.git.commit_tree(tree, *options, "-m", "合并")
    plan.repo.git.reset("--hard", sha)
    return str(sha)


def _net(plan: GitPlan) -> set[str]:
    return set(plan.repo.git.diff("--name-only", "-z", "main...HEAD").strip("\0").split("\0")) - {""}


def test_an_ordinary_merge_of_main_passes(plan: GitPlan) -> None:
    _merge(plan, AUDIT, "main")
    assert _net(plan) == {OWN}
    assert _found() == (0, [])


def test_an_ordinary_merge_made_by_someone_else_passes(plan: GitPlan) -> None:
    # the "update branch" button: the merge is the coordinator's, and it decides nothing
    _merge(plan, COORDINATOR, "main")
    assert _found() == (0, [])


def test_a_merge_with_strategy_ours_answers_for_what_it_threw_away(plan: GitPlan) -> None:
    sha = _merge(plan, AUDIT, "-s", "ours", "main")
    assert _net(plan) == {OWN, "data/tasks.yaml", OTHER}  # merging would revert both
    code, found = _found()
    assert code == 1
    assert _judged(found) == {"data/tasks.yaml", OTHER}
    message = next(str(f["message"]) for f in found if f["path"] == "data/tasks.yaml")
    assert message == (f"合并提交 {sha[:8]}（作者 审计局小王 <sjj@example.gov.cn>）合并时决定了这个文件的内容"
                       "（不是把两边的修改直接合在一起），但只有市网信统筹局的维护人（wxj@example.gov.cn）可以修改它")
    hint = next(str(f["hint"]) for f in found if f["path"] == OTHER)
    assert "不要用 git merge -s ours" in hint


def test_a_conflict_in_another_units_file_resolved_keep_mine_is_judged(plan: GitPlan) -> None:
    # 台山市's own earlier draft came into the branch honestly; main has its later version
    plan.commit(TAISHAN, "台山草稿", {OTHER: report_yaml("台山市", "2017-12", extra="contact: 草稿\n")})
    assert _found()[0] == 0  # 台山市 changed its own report
    with pytest.raises(git.GitCommandError):
        _merge(plan, AUDIT, "main")  # the conflict
    plan.repo.git.checkout("--ours", "--", OTHER)
    plan.repo.git.add("--", OTHER)
    with plan.repo.git.custom_environment(GIT_AUTHOR_NAME=AUDIT[0], GIT_AUTHOR_EMAIL=AUDIT[1]):
        plan.repo.git.commit("--no-edit")
    code, found = _found()
    assert code == 1
    assert _judged(found) == {OTHER}
    # the same resolution by 台山市 itself is its own to make
    plan.repo.git.reset("--hard", "HEAD^")
    with pytest.raises(git.GitCommandError):
        _merge(plan, TAISHAN, "main")
    plan.repo.git.checkout("--ours", "--", OTHER)
    plan.repo.git.add("--", OTHER)
    with plan.repo.git.custom_environment(GIT_AUTHOR_NAME=TAISHAN[0], GIT_AUTHOR_EMAIL=TAISHAN[1]):
        plan.repo.git.commit("--no-edit")
    assert _found() == (0, [])


@pytest.mark.parametrize("old_first", [False, True])
def test_a_merge_with_an_old_ancestor_cannot_bring_back_old_files(plan: GitPlan, old_first: bool) -> None:
    _merge(plan, AUDIT, "main")  # up to date with main, then a merge made by hand:
    root = plan.repo.git.rev_list("--max-parents=0", "HEAD")  # the plan as first committed
    plan.repo.git.rm("--quiet", "--", "CODEOWNERS", WORKFLOW)  # gone: CODEOWNERS as in root, the CI file not
    plan.repo.git.checkout(root, "--", "data/tasks.yaml")  # the coordinator's later edit undone
    tree = plan.repo.git.write_tree()
    head = plan.repo.head.commit.hexsha
    sha = _commit_tree(plan, AUDIT, tree, *((root, head) if old_first else (head, root)))
    assert _net(plan) == {OWN, "data/tasks.yaml", "CODEOWNERS", WORKFLOW}
    code, found = _found()
    assert code == 1
    judged = {(str(f["path"]), str(f["message"])[:14]) for f in found if f["code"] == "G101"}
    assert judged == {(path, f"合并提交 {sha[:8]}（") for path in ("data/tasks.yaml", "CODEOWNERS", WORKFLOW)}


def test_an_octopus_merge_answers_for_every_file_it_differs_in_from_a_parent(plan: GitPlan) -> None:
    plan.repo.git.checkout("-b", "side", "main~2")
    plan.commit(AUDIT, "另一份", {"reports/2018-01/市审计局.yaml": report_yaml("市审计局", "2018-01")})
    plan.repo.git.checkout("report")
    _merge(plan, AUDIT, "main", "side")
    assert len(plan.repo.head.commit.parents) == 3
    code, found = _found()
    # more than two parents: judged against each, so what main brought counts as the merge's
    assert code == 1
    assert _judged(found) == {"data/tasks.yaml", OTHER}


def test_a_merge_of_an_unrelated_history_answers_for_the_conflicts_it_resolved(plan: GitPlan) -> None:
    plan.repo.git.checkout("--orphan", "stray")
    plan.repo.git.rm("-r", "--quiet", "--cached", ".")
    plan.commit(COORDINATOR, "别的方案", {"notes/说明.md": "说明\n", "data/tasks.yaml": "plan: {}\n"})
    plan.repo.git.checkout("-f", "report")
    with pytest.raises(git.GitCommandError):  # both histories added data/tasks.yaml
        _merge(plan, AUDIT, "--allow-unrelated-histories", "stray")
    plan.repo.git.checkout("--theirs", "--", "data/tasks.yaml")
    plan.repo.git.add("--", "data/tasks.yaml")
    with plan.repo.git.custom_environment(GIT_AUTHOR_NAME=AUDIT[0], GIT_AUTHOR_EMAIL=AUDIT[1]):
        plan.repo.git.commit("--no-edit")
    code, found = _found()
    assert code == 1
    # what the coordinator's own commit added is not the merge's; the conflict it resolved is
    assert _judged(found) == {"data/tasks.yaml"}
