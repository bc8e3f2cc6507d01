"""A plan repository's git: the only module that talks to git (through GitPython, imported lazily).

A pull request's commits are read in one ``git log`` call (``--name-status`` lists each
commit's files), not one call per commit or per file; so are the dates on which reports
reached the main line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from zwxt.errors import UsageError, ZwxtError

# Between fields and between records of the log format: bytes no path or name holds.
_FIELD, _RECORD = "\x1f", "\x1e"


@dataclass(frozen=True)
class Change:
    """A file a commit added (A), modified (M) or deleted (D), repository-relative."""

    status: str
    path: str


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    changes: tuple[Change, ...]

    @property
    def short(self) -> str:
        return self.sha[:8]


class NotAGitRepositoryError(UsageError):
    """``--base`` was given where there is no git repository: exit 2."""


class MissingBaseError(UsageError):
    """The base named for a pull-request check is not in the clone (a shallow clone): exit 2."""


def commits_since(root: Path, base: str) -> list[Commit]:
    """The commits on HEAD since its merge base with ``base``, oldest first, with their files.

    Renames are read as a deletion and an addition (``--no-renames``), so that moving a
    report is judged as both. Merge commits are left out: the commits they bring are listed
    themselves.
    """
    import git

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotAGitRepositoryError(f"{root} 不是 git 仓库，无法按 --base 检查修改",
                                     "请在工作方案的 git 仓库中运行，或去掉 --base 检查整个仓库") from None
    try:
        merge_base = repo.git.merge_base(base, "HEAD")
    except git.GitCommandError:
        raise MissingBaseError(
            f"找不到 {base}，或它与当前提交没有共同的历史",
            f"持续集成中常见的原因是浅克隆：请先运行 git fetch origin {_branch(base)}"
            "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0），"
            "再运行 zwxt check --base") from None
    log = repo.git.log(f"{merge_base}..HEAD", "--no-merges", "--no-renames", "--name-status", "--reverse",
                       f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae", "-z")
    return [_commit(record) for record in log.split(_RECORD) if record.strip("\0\n")]


class NoHistory(str, Enum):
    """Why a repository has no dates of its files; the values are JSON codes."""

    NOT_A_REPOSITORY = "not_a_repository"
    NO_COMMITS = "no_commits"


@dataclass(frozen=True)
class Arrivals:
    """When each file reached the main line, or why that is not known (``missing``)."""

    dates: dict[str, date]
    missing: NoHistory | None = None


def first_added(root: Path, ref: str = "HEAD") -> Arrivals:
    """The day each file under ``root`` first reached the main line of ``ref``.

    The main line is ``ref``'s first-parent history: the commits of main itself, a merge
    commit standing for the branch it brought in (``-m --first-parent`` lists the files a
    merge adds against its first parent). A file counts from the earliest such commit that
    added it; later changes do not move it. Paths are relative to ``root``, which must be
    the top of the repository, as for ``commits_since``: a plan folder inside some other
    repository (a home directory kept in git) has no history of its own to date reports by.

    The day is the date part of that commit's *committer* date, in the committer's own
    time zone (``%cI``). For a merge made on the server (a merge button) that is the
    server's clock when the report reached main, which no unit sets. Author dates are
    whatever the author's machine or ``--date`` said, so they are never used. A
    fast-forward or rebase merge puts the branch's commits on main as they are: their
    committer date is then set by whoever committed or rebased them, who could set it
    back; a repository that wants dates no unit can set merges with merge commits.
    """
    import git

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return Arrivals({}, NoHistory.NOT_A_REPOSITORY)
    if not repo.head.is_valid():
        return Arrivals({}, NoHistory.NO_COMMITS)
    log = repo.git.log("--first-parent", "-m", "--diff-filter=A", "--no-renames", "--name-only",
                       "--reverse", f"--format={_RECORD}%H{_FIELD}%cI", "-z", ref)
    dates: dict[str, date] = {}
    for record in log.split(_RECORD):
        header, *paths = record.split("\0")
        if _FIELD not in header:
            continue
        day = date.fromisoformat(header.split(_FIELD)[1][:10])
        for path in paths:
            path = path.strip("\n")
            if path:
                dates.setdefault(path, day)
    return Arrivals(dates)


def _branch(base: str) -> str:
    """``main`` for ``origin/main``: what ``git fetch origin`` takes."""
    return base.split("/", 1)[1] if base.startswith("origin/") else base


def _commit(record: str) -> Commit:
    """One commit of the log: ``sha US author US email NUL``, then ``status NUL path NUL`` pairs."""
    header, *fields = record.split("\0")
    sha, author, email = header.split(_FIELD)
    fields = [f.strip("\n") for f in fields]
    changes = tuple(Change(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2) if fields[i])
    return Commit(sha, author, email, changes)


class GitUnavailableError(ZwxtError):
    """git is not installed, or refused what was asked of it: exit 2."""


def init_repository(path: Path) -> bool:
    """Make ``path`` (an existing folder) a git repository; False when it already is one.

    A folder that is already a repository (a clone of an empty remote) is left as it is:
    ``git init`` there would change nothing a user wants changed.
    """
    if (path / ".git").exists():
        return False
    try:
        # GitPython looks for the git executable when imported, and refuses to load without one
        import git
    except ImportError:
        raise GitUnavailableError(
            "找不到 git 程序，无法创建 git 仓库",
            "请先安装 git（https://git-scm.com），确认命令行中能运行 git 后重试") from None
    try:
        git.Repo.init(path)
    except git.GitCommandError as exc:
        raise GitUnavailableError(f"git init 失败（退出码 {exc.status}），没有写入任何文件",
                                  "请检查该目录能否写入，以及命令行中 git init 能否运行") from None
    return True


@dataclass(frozen=True)
class Identity:
    """Who git says the user is (``user.name``, ``user.email``)."""

    name: str
    email: str


class BranchExistsError(ZwxtError):
    """The branch a report would be committed on exists already: exit 1, nothing changed."""

    exit_code = 1


def _open(root: Path, purpose: str) -> Any:
    import git

    try:
        return git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotAGitRepositoryError(f"{root} 不是 git 仓库，无法{purpose}",
                                     "请在工作方案的 git 仓库中运行") from None


def identity(root: Path) -> Identity:
    """git's configured user, as commits made here would be signed."""
    import configparser

    repo = _open(root, "提交")
    try:
        with repo.config_reader() as config:
            return Identity(str(config.get_value("user", "name")), str(config.get_value("user", "email")))
    except configparser.Error:
        raise UsageError("git 没有设置提交者的姓名和邮箱",
                         '请先运行 git config user.name "姓名" 和 git config user.email "邮箱"') from None


def start_branch(root: Path, branch: str) -> None:
    """Create ``branch`` at HEAD and switch to it; refused when it exists."""
    repo = _open(root, "新建分支")
    if branch in {head.name for head in repo.heads}:
        raise BranchExistsError(f"分支 {branch} 已存在，未做任何改动",
                                f"请切换到该分支继续（git switch {branch}），或先删除它")
    repo.git.switch("-c", branch)


def commit_file(root: Path, rel: str, message: str, author: Identity) -> str:
    """Commit ``rel`` alone (whatever else is staged stays staged), as ``author``; its sha."""
    repo = _open(root, "提交")
    repo.git.add("--", rel)
    repo.git.commit("--only", "-m", message, f"--author={author.name} <{author.email}>", "--", rel)
    return str(repo.head.commit.hexsha)
