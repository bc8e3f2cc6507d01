"""Committing one file on a new branch (``report new --commit``, and a report received on a unit's
behalf, ``services.received``): all of it, or nothing.

Before anything is done, the states in which git would refuse, or would take the user's
unfinished work along, are refused (exit 2): a merge, cherry-pick, revert, rebase or
``git am`` in progress, unmerged paths, the draft's path already staged, a repository set
bare, a branch whose name clashes with the new one (``report`` beside
``report/2018-03/市审计局``), and the lock of the index or of HEAD that another git
process holds (or a crashed one left).

Once begun, the steps (new branch, file, commit) run holding the signals that end a run
(`zwxt.interrupt.holding`): whatever git refuses, and Ctrl-C, SIGTERM or SIGHUP, undo
every step, so that the user is back on the branch they were on, with the index and the
working tree as they were and no new branch. What cannot be undone (a lock taken in the
meantime) is said with the commands that finish it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zwxt import interrupt
from zwxt.errors import UsageError, ZwxtError
from zwxt.store.git import Identity, open_repository


class BranchExistsError(ZwxtError):
    """The branch a report would be committed on exists already: exit 1, nothing changed."""

    exit_code = 1


class NotOnABranchError(ZwxtError):
    """HEAD is detached, or nothing is committed yet: there is no branch to come back to. Exit 1."""

    exit_code = 1


class NotReadyError(UsageError):
    """The repository is in a state where committing would fail or carry unfinished work: exit 2."""


class GitRefusedError(ZwxtError):
    """git refused a step (a hook, an ignore rule, signing, a lock): exit 2, what was done undone."""


class StoppedError(ZwxtError):
    """The run was stopped (Ctrl-C, SIGTERM, SIGHUP) and not all could be undone: exit 130."""

    exit_code = interrupt.EXIT_CODE


# What is under way in a repository, by the file git keeps for it, and how to end it.
_UNDER_WAY = (
    ("MERGE_HEAD", "合并（git merge）", "git commit 完成合并，或 git merge --abort 放弃"),
    ("CHERRY_PICK_HEAD", "拣选（git cherry-pick）",
     "git cherry-pick --continue 继续，或 git cherry-pick --abort 放弃"),
    ("REVERT_HEAD", "撤销提交（git revert）", "git revert --continue 继续，或 git revert --abort 放弃"),
    ("rebase-merge", "变基（git rebase）", "git rebase --continue 继续，或 git rebase --abort 放弃"),
    ("rebase-apply/applying", "应用补丁（git am）", "git am --continue 继续，或 git am --abort 放弃"),
    ("rebase-apply", "变基（git rebase）", "git rebase --continue 继续，或 git rebase --abort 放弃"),
)
_LOCKS = ("index.lock", "HEAD.lock")


def commit_on_new_branch(root: Path, branch: str, rel: str, write: Callable[[], None], message: str,
                         author: Identity) -> str:
    """Start ``branch`` at HEAD, ``write`` the file ``rel`` (new), commit it alone as ``author``; its sha.

    Whatever else is staged stays staged, and uncommitted. Refused before anything is done
    when the repository is not ready (see the module's docstring); undone whole when a step
    fails or the run is stopped.
    """
    repo = open_repository(root, "提交")
    back_to = _ready(repo, root, branch, rel)
    sequence = _Sequence(repo, root, branch, back_to, rel)
    with interrupt.holding() as signals:
        try:
            sequence.run("新建分支", "switch", "-c", branch)
            signals.stop_if_asked()
            sequence.write(write)
            signals.stop_if_asked()
            sequence.run("暂存草稿", "add", "--", rel)
            sequence.run("提交", "commit", "--only", "-m", message,
                         f"--author={author.name} <{author.email}>", "--", rel)
            sha = sequence.run("读取提交", "rev-parse", "--verify", "HEAD").strip()
            signals.stop_if_asked()
        except BaseException as exc:
            left = sequence.undo()
            if signals.arrived is not None:
                if left:
                    raise StoppedError("已中断，但未能完全恢复原状", _finish(repo, root, left)) from None
                raise interrupt.Interrupted from None
            if isinstance(exc, _Failed):
                raise _refused(repo, root, exc, left) from None
            if left:  # (the write failed)
                reason = exc.message if isinstance(exc, ZwxtError) else "未能写入草稿"
                raise GitRefusedError(f"{reason}；也未能完全恢复原状", _finish(repo, root, left)) from exc
            raise
    return sha


def _ready(repo: Any, root: Path, branch: str, rel: str) -> str:
    """The branch checked out, to come back to; refused, nothing done, where committing would go wrong."""
    if _call(repo, "rev-parse", "--is-bare-repository")[1].strip() == "true":
        raise NotReadyError("这个 git 仓库设置成了裸仓库（core.bare=true），不能在其中提交，未做任何改动",
                            "如果是误设，请运行 git config core.bare false；否则请在克隆出的工作区中运行")
    git_dir = Path(repo.git_dir)
    for name, what, end in _UNDER_WAY:
        if (git_dir / name).exists():
            raise NotReadyError(f"仓库中有一个未完成的{what}，未做任何改动", f"请先用 {end}，再运行")
    unmerged = sorted({entry.split("\t", 1)[1] for entry in
                       _call(repo, "ls-files", "--unmerged", "-z")[1].split("\0") if "\t" in entry})
    if unmerged:
        shown = "、".join(unmerged[:5]) + (f" 等 {len(unmerged)} 个文件" if len(unmerged) > 5 else "")
        raise NotReadyError(f"仓库中有未解决的冲突（{shown}），未做任何改动",
                            "请先解决冲突并 git add 这些文件"
                            "（或放弃这次合并、拣选、git stash pop 等操作），再运行")
    if _call(repo, "ls-files", "--cached", "-z", "--", rel)[1]:
        # (its staged version, which undoing would have to drop, is the user's work)
        raise NotReadyError(f"{rel} 已经暂存在 git 的索引中（git add 过），未做任何改动",
                            f"请先提交它，或用 git restore --staged {rel} 取消暂存"
                            f"（需要时先 git restore {rel} 取回暂存的内容），再运行")
    for lock in _LOCKS:
        held = git_dir / lock
        if held.exists():
            raise NotReadyError(f"{_shown(root, held)} 存在，未做任何改动", _lock_hint(root, held))
    status, head, _ = _call(repo, "symbolic-ref", "--quiet", "HEAD")
    if status != 0 or not head.startswith("refs/heads/") or not repo.head.is_valid():
        raise NotOnABranchError("当前不在任何分支上（还没有提交，或处于分离的 HEAD），未做任何改动",
                                "请先切换到主分支（如 git switch main）再运行")
    if _call(repo, "check-ref-format", "--branch", branch)[0] != 0:
        raise NotReadyError(f"「{branch}」不能用作 git 分支名，未做任何改动",
                            "git 分支名中不能有 ~ ^ .. @{ ，也不能以 . 或 .lock 结尾：请改正单位名称，"
                            "或去掉 --commit 只生成草稿")
    heads = _call(repo, "for-each-ref", "--format=%(refname:strip=2)", "refs/heads/")[1].splitlines()
    if branch in heads:
        raise BranchExistsError(f"分支 {branch} 已存在，未做任何改动",
                                f"请切换到该分支继续（git switch {branch}），或先删除它")
    for other in heads:
        if branch.startswith(other + "/") or other.startswith(branch + "/"):
            raise NotReadyError(
                f"已有分支 {other}，git 不能再新建分支 {branch}"
                "（一个分支名不能是另一个的上一级），未做任何改动",
                f"请把分支 {other} 改名（git branch -m {other} 新名称）后再运行")
    return head.strip().removeprefix("refs/heads/")


@dataclass
class _Failed(Exception):
    """A step git refused: which, git's exit status and what it said."""

    step: str
    status: int
    said: str


class _Sequence:
    """The steps of a commit on a new branch, and how to undo those begun."""

    def __init__(self, repo: Any, root: Path, branch: str, back_to: str, rel: str) -> None:
        self.repo, self.root, self.branch, self.back_to, self.rel = repo, root, branch, back_to, rel
        self.path = root / rel
        self.made: list[Path] = []  # the folders the file's writing made, innermost first
        self.wrote = False

    def run(self, step: str, *args: str) -> str:
        status, out, err = _call(self.repo, *args)
        if status != 0:
            raise _Failed(step, status, err)
        return out

    def write(self, write: Callable[[], None]) -> None:
        folder = self.path.parent
        while not folder.exists() and folder != self.root:
            self.made.append(folder)
            folder = folder.parent
        self.wrote = True  # (from now on: the file may be there, whole, when writing is stopped)
        write()

    def undo(self) -> list[str]:
        """Undo every step begun, each that can be; the commands that would undo the others."""
        left = []
        status, head, _ = _call(self.repo, "symbolic-ref", "--quiet", "HEAD")
        if status == 0 and head.strip() == f"refs/heads/{self.branch}":
            # HEAD alone, as the two branches began at one commit: no checkout, no hook
            reason = f"checkout: moving from {self.branch} to {self.back_to}"  # as `git switch -` reads it
            moved = _call(self.repo, "symbolic-ref", "-m", reason, "HEAD", f"refs/heads/{self.back_to}")
            if moved[0] != 0:
                left.append(f"git switch {self.back_to}")
        if self.wrote:
            if _call(self.repo, "reset", "--quiet", "--", self.rel)[0] != 0:
                left.append(f"git reset -q -- {self.rel}")
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                left.append(f"删除 {self.rel}")
            for folder in self.made:  # the folders made for it, when nothing else came in them
                with contextlib.suppress(OSError):
                    folder.rmdir()
        if _call(self.repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{self.branch}")[0] == 0 and \
                _call(self.repo, "branch", "-D", self.branch)[0] != 0:
            left.append(f"git branch -D {self.branch}")
        return left


def _call(repo: Any, *args: str) -> tuple[int, str, str]:
    """git ``args`` in the repository: its exit status, output and error output, never raised."""
    status, out, err = repo.git.execute([repo.git.GIT_PYTHON_GIT_EXECUTABLE, *args],
                                        with_extended_output=True, with_exceptions=False,
                                        strip_newline_in_stdout=False)
    return int(status), str(out), str(err)


def _refused(repo: Any, root: Path, failed: _Failed, left: list[str]) -> ZwxtError:
    """What git refused and said, what became of the work, and what to do."""
    what = "这次提交" if failed.step == "提交" else failed.step
    said = _said(failed.said)
    outcome = "未能完全恢复原状" if left else "已恢复原状"
    message = f"git 拒绝了{what}（退出码 {failed.status}），{outcome}"
    if said:
        message += f"。git 的输出：{said}"
    if left:
        return GitRefusedError(message, _finish(repo, root, left))
    lock = _held_lock(repo)
    if lock is not None:
        hint = _lock_hint(root, lock)
    elif failed.step == "新建分支":
        hint = "常见原因：切换分支后的钩子（post-checkout）失败；请在命令行运行 git switch -c 查看原因"
    elif failed.step == "暂存草稿":
        hint = ".gitignore（或 .git/info/exclude）忽略了这份报告：请删去忽略 reports/ 下文件的规则后再运行"
    else:
        hint = ("常见原因：提交前钩子（pre-commit、commit-msg）未通过、要求签名而没有设置；"
                "请按上面 git 的输出改正，或在命令行运行 git commit 查看原因")
    return GitRefusedError(message, hint)


def _finish(repo: Any, root: Path, left: list[str]) -> str:
    """How to undo by hand what could not be undone."""
    lock = _held_lock(repo)
    first = (f"确认没有 git 在运行后删除 {_shown(root, lock)}，再" if lock is not None
             else "确认没有 git 在运行后")
    return f"{first}依次运行：{'；'.join(left)}"


def _held_lock(repo: Any) -> Path | None:
    return next((Path(repo.git_dir) / lock for lock in _LOCKS if (Path(repo.git_dir) / lock).exists()), None)


def _lock_hint(root: Path, lock: Path) -> str:
    return (f"另一个 git 进程正在运行，或上次异常退出留下了 {_shown(root, lock)}；"
            "确认没有 git 在运行后删除它再试")


def _shown(root: Path, path: Path) -> str:
    """``path`` relative to the repository when inside it (``.git/index.lock``), else as it is."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _said(err: str) -> str:
    """git's error output on one line: its ``fatal:``/``error:`` lines, else its last lines (a hook's);
    git's advice (``hint:``) left out, for the hint says what to do."""
    lines = [line.strip() for line in err.splitlines() if line.strip() and not line.startswith("hint:")]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    said = " ".join(errors or lines[-3:])
    return said if len(said) <= 300 else "…" + said[-300:]
