"""zwxt report new --commit in the states a user's git is in: all of it, or nothing and exit 2 (or 130).

Each state is made on a real repository, by git itself. Afterwards the repository must be
exactly as it was: HEAD and every ref, the index and ``git status``, and no draft.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.gitplan import AUDIT, COORDINATOR, GitPlan, pull_request_plan
from tests.support import run_cli

ARGS = ("report", "new", "--unit", "市审计局", "--month", "2017-12", "--commit")
DRAFT = "reports/2017-12/市审计局.yaml"
BRANCH = "report/2017-12/市审计局"
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """The pull-request plan on branch ``pr``, git's user 市审计局's maintainer, a file staged."""
    plan = pull_request_plan(tmp_path / "plan")
    with plan.repo.config_writer() as config:
        config.set_value("user", "name", AUDIT[0])
        config.set_value("user", "email", AUDIT[1])
    monkeypatch.chdir(plan.files.root)
    return plan


def _git(plan: GitPlan, *args: str) -> str:
    """git as the user runs it; ``core.bare`` set aside so that a repository set bare is read too."""
    done = subprocess.run(["git", "-c", "core.bare=false", *args], cwd=plan.files.root, capture_output=True,
                          text=True, check=False)
    return f"{done.returncode} {done.stdout}"


def _state(plan: GitPlan) -> dict[str, str]:
    """What a user sees of a repository: HEAD, every ref, the index, the working tree's status."""
    return {"HEAD": _git(plan, "symbolic-ref", "-q", "HEAD") + _git(plan, "rev-parse", "HEAD"),
            "refs": _git(plan, "for-each-ref", "--format=%(refname) %(objectname)"),
            "index": _git(plan, "ls-files", "--stage", "-z"),
            "status": _git(plan, "status", "--porcelain", "-z", "--untracked-files=all"),
            "draft": f"{(plan.files.root / DRAFT).exists()} {(plan.files.root / 'reports/2017-12').exists()}"}


def _hook(plan: GitPlan, name: str, script: str) -> None:
    hook = plan.files.root / ".git/hooks" / name
    hook.write_text("#!/bin/sh\n" + script, "utf-8")
    hook.chmod(0o755)


def _main_moved_on(plan: GitPlan) -> str:
    """The coordinator's README on main, and 市审计局's own on ``pr``: the sha of main's commit."""
    plan.repo.git.checkout("main")
    sha = plan.commit(COORDINATOR, "说明", {"README.md": "主线\n"})
    plan.repo.git.checkout("pr")
    plan.commit(AUDIT, "说明", {"README.md": "分支\n"})
    return sha


def _merging(plan: GitPlan) -> None:
    plan.repo.git.checkout("main")
    plan.commit(COORDINATOR, "附件", {"notes.txt": "主线\n"})
    plan.repo.git.checkout("pr")
    plan.repo.git.merge("--no-ff", "--no-commit", "main")


def _merge_conflict(plan: GitPlan) -> None:
    _main_moved_on(plan)
    _git(plan, "merge", "main")


def _cherry_pick_conflict(plan: GitPlan) -> None:
    _git(plan, "cherry-pick", _main_moved_on(plan))


def _reverting(plan: GitPlan) -> None:
    first = plan.commit(AUDIT, "一", {"README.md": "一\n"})
    plan.commit(AUDIT, "二", {"README.md": "二\n"})
    _git(plan, "revert", "--no-edit", first)


def _rebasing(plan: GitPlan) -> None:
    _main_moved_on(plan)
    _git(plan, "rebase", "main")


def _applying_a_patch(plan: GitPlan) -> None:
    sha = _main_moved_on(plan)
    patch = plan.repo.git.format_patch("-1", "--stdout", sha)
    subprocess.run(["git", "am"], input=patch + "\n", text=True, cwd=plan.files.root, capture_output=True,
                   check=False)


def _stash_pop_conflict(plan: GitPlan) -> None:
    plan.commit(AUDIT, "说明", {"README.md": "一\n"})
    plan.files.write("README.md", "二\n")
    plan.repo.git.stash()
    plan.commit(AUDIT, "说明", {"README.md": "三\n"})
    _git(plan, "stash", "pop")


def _bare(plan: GitPlan) -> None:
    _git(plan, "config", "core.bare", "true")


def _draft_staged_and_deleted(plan: GitPlan) -> None:
    """The user's own version of the draft, staged, then deleted from the folder: undoing a refused
    commit (git reset) would drop it."""
    plan.files.write(DRAFT, "# 我暂存的版本\n")
    plan.repo.index.add([DRAFT])
    (plan.files.root / DRAFT).unlink()


def _lock(name: str) -> Callable[[GitPlan], None]:
    def held(plan: GitPlan) -> None:
        (plan.files.root / ".git" / name).write_text("", "utf-8")
    return held


STATES = {
    "a merge not yet committed": (_merging, "未完成的合并（git merge）", "git merge --abort"),
    "a merge conflict": (_merge_conflict, "未完成的合并（git merge）", "git merge --abort"),
    "a cherry-pick conflict": (_cherry_pick_conflict, "未完成的拣选（git cherry-pick）",
                               "git cherry-pick --abort"),
    "a revert conflict": (_reverting, "未完成的撤销提交（git revert）", "git revert --abort"),
    "a rebase conflict": (_rebasing, "未完成的变基（git rebase）", "git rebase --abort"),
    "git am stopped": (_applying_a_patch, "未完成的应用补丁（git am）", "git am --abort"),
    "unmerged paths alone": (_stash_pop_conflict, "未解决的冲突（README.md）", "解决冲突并 git add"),
    "core.bare=true": (_bare, "裸仓库（core.bare=true）", "git config core.bare false"),
    "a branch named report": (lambda plan: plan.repo.git.branch("report"),
                              f"已有分支 report，git 不能再新建分支 {BRANCH}", "git branch -m report"),
    "a branch under the new one": (lambda plan: plan.repo.git.branch(f"{BRANCH}/旧"),
                                   f"已有分支 {BRANCH}/旧", f"git branch -m {BRANCH}/旧"),
    "the draft staged": (_draft_staged_and_deleted, "已经暂存在 git 的索引中", "git restore --staged"),
    "a held index.lock": (_lock("index.lock"), ".git/index.lock 存在",
                          "另一个 git 进程正在运行，或上次异常退出留下了 .git/index.lock；"
                          "确认没有 git 在运行后删除它再试"),
    "a held HEAD.lock": (_lock("HEAD.lock"), ".git/HEAD.lock 存在", "留下了 .git/HEAD.lock"),
}


@pytest.mark.parametrize("state", list(STATES))
def test_a_state_git_would_refuse_is_refused_before_anything_is_done(plan: GitPlan, state: str) -> None:
    make, said, advice = STATES[state]
    make(plan)
    before = _state(plan)
    result = run_cli(*ARGS)
    assert result.code == 2, result.stderr
    assert said in result.stderr and "未做任何改动" in result.stderr, result.stderr
    assert advice in result.stderr and "内部错误" not in result.stderr
    assert _state(plan) == before


def _staged(plan: GitPlan) -> None:
    """Work of the user's own, staged and not, which a commit of the draft must leave as it is."""
    plan.files.write("notes.txt", "暂存的\n")
    plan.repo.index.add(["notes.txt"])
    plan.files.write("notes.txt", "暂存后又改的\n")
    plan.files.write("todo.txt", "未跟踪的\n")


REFUSALS = {
    "a failing post-checkout hook": (lambda plan: _hook(plan, "post-checkout", "exit 1\n"),
                                     "git 拒绝了新建分支（退出码 1），已恢复原状", "post-checkout"),
    "reports ignored": (lambda plan: plan.files.write(".git/info/exclude", "reports/2017-12/\n"),
                        "git 拒绝了暂存草稿（退出码 1），已恢复原状。"
                        "git 的输出：The following paths are ignored",
                        ".git/info/exclude"),
    "a failing pre-commit hook": (lambda plan: _hook(plan, "pre-commit", "echo 有问题 >&2\nexit 1\n"),
                                  "git 拒绝了这次提交（退出码 1），已恢复原状。git 的输出：有问题",
                                  "pre-commit"),
    "a failing commit-msg hook": (lambda plan: _hook(plan, "commit-msg", "exit 1\n"),
                                  "git 拒绝了这次提交（退出码 1），已恢复原状", "commit-msg"),
}


@pytest.mark.parametrize("refusal", list(REFUSALS))
def test_a_step_git_refuses_is_undone_with_every_step_before_it(plan: GitPlan, refusal: str) -> None:
    make, said, advice = REFUSALS[refusal]
    _staged(plan)
    make(plan)
    before = _state(plan)
    result = run_cli(*ARGS)
    assert result.code == 2, result.stderr
    assert said in result.stderr and advice in result.stderr, result.stderr
    assert "内部错误" not in result.stderr
    assert _state(plan) == before


def test_a_lock_taken_while_committing_is_said_with_what_finishes_the_undoing(plan: GitPlan) -> None:
    _staged(plan)
    before = _state(plan)
    _hook(plan, "pre-commit", "touch .git/HEAD.lock\n")  # as another git process would, meanwhile
    result = run_cli(*ARGS)
    assert result.code == 2, result.stderr
    assert "git 拒绝了这次提交（退出码 128），未能完全恢复原状" in result.stderr
    finish = f"确认没有 git 在运行后删除 .git/HEAD.lock，再依次运行：git switch pr；git branch -D {BRANCH}"
    assert finish in result.stderr.replace("\n", "")
    assert not (plan.files.root / DRAFT).exists()  # what could be undone, was
    (plan.files.root / ".git/hooks/pre-commit").unlink()
    (plan.files.root / ".git/HEAD.lock").unlink()
    plan.repo.git.switch("pr")
    plan.repo.git.branch("-D", BRANCH)
    assert _state(plan) == before


def test_the_draft_still_goes_on_its_branch_alone(plan: GitPlan) -> None:
    _staged(plan)
    result = run_cli(*ARGS)
    assert result.code == 0, result.stderr
    assert plan.repo.active_branch.name == BRANCH
    assert plan.repo.git.show("--name-only", "--format=", "-z", "HEAD").strip("\0\n") == DRAFT
    assert plan.repo.git.status("--porcelain") == "AM notes.txt\n?? todo.txt"


# ---- stopped: Ctrl-C, SIGTERM or SIGHUP while the draft is being committed ------------------

# The hook signals the zwxt process (whose pid the test writes into .git/zwxt.pid once it has
# started it; git and the hook are its child and grandchild), then lets git go on: zwxt has
# to wait for the step to end, undo it and everything before it, then stop.
SIGNALLING_HOOK = """\
i=0
while [ ! -s .git/zwxt.pid ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
kill -{signal} "$(cat .git/zwxt.pid)"
sleep 0.3
"""


@pytest.mark.slow
@pytest.mark.parametrize("hook", ["post-checkout", "pre-commit", "post-commit"])
@pytest.mark.parametrize("name", ["TERM", "HUP", "INT"])
def test_a_signal_while_committing_undoes_everything_and_exits_130(plan: GitPlan, hook: str,
                                                                  name: str) -> None:
    _staged(plan)
    before = _state(plan)
    _hook(plan, hook, SIGNALLING_HOOK.format(signal=name))
    child = subprocess.Popen([sys.executable, "-m", "zwxt", *ARGS], cwd=plan.files.root,
                             env={**os.environ, "PYTHONPATH": str(SRC)}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    (plan.files.root / ".git/zwxt.pid").write_text(str(child.pid), "utf-8")
    out, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (130, "已中断。\n"), (out, err)
    (plan.files.root / ".git/hooks" / hook).unlink()
    (plan.files.root / ".git/zwxt.pid").unlink()
    assert _state(plan) == before
