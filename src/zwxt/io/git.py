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


@dataclass(frozen=True)
class PullRequest:
    """A branch's work since its merge base with the target: each commit, and the net change."""

    merge_base: str
    commits: list[Commit]  # oldest first; a merge commit lists only what it changed itself
    net: tuple[Change, ...]  # merge base to HEAD: what merging would change


def pull_request(root: Path, base: str) -> PullRequest:
    """The commits on HEAD since its merge base with ``base``, and what they change together.

    Renames are read as a deletion and an addition (``--no-renames``), so that moving a
    report is judged as both. A merge commit (bringing the target's later work into the
    branch) is listed with only the files it changed beyond both its parents (``--cc``):
    an edit made while merging is judged like any other, what it merged is not its own.
    """
    import git

    repo = _open(root, "按 --base 检查修改")
    if not repo.head.is_valid():
        raise MissingBaseError("仓库中还没有任何提交，无法按 --base 检查修改",
                               "请先提交工作方案；第一次提交时用 zwxt check 检查整个仓库")
    try:
        merge_base = repo.git.merge_base("--end-of-options", base, "HEAD")
    except git.GitCommandError:
        if repo.git.rev_parse("--is-shallow-repository") == "true":
            hint = (f"这是浅克隆，缺少共同的历史：请先运行 git fetch --unshallow origin {_branch(base)}"
                    "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0），再运行 zwxt check --base")
        else:
            hint = ("请检查分支名是否写对（如 origin/main）；"
                    f"持续集成中请先运行 git fetch origin {_branch(base)}"
                    "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0）")
        raise MissingBaseError(f"找不到 {base}，或它与当前提交没有共同的历史", hint) from None
    log = repo.git.log(f"{merge_base}..HEAD", "--no-merges", "--no-renames", "--name-status", "--reverse",
                       f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae", "-z")
    commits = [_commit(record) for record in log.split(_RECORD) if record.strip("\0\n")]
    merges = repo.git.log(f"{merge_base}..HEAD", "--merges", "--reverse",
                          f"--format={_RECORD}%H{_FIELD}%an{_FIELD}%ae").split(_RECORD)
    for header in (m.strip() for m in merges if m.strip()):
        sha, author, email = header.split(_FIELD)
        own = repo.git.diff_tree("--cc", "--no-commit-id", "--name-only", "-z", sha).split("\0")
        changes = tuple(Change("M", p.strip("\n")) for p in own if p.strip())
        commits.append(Commit(sha, author, email, changes))
    net = repo.git.diff("--name-status", "--no-renames", "-z", merge_base, "HEAD").split("\0")
    changes = tuple(Change(net[i][:1], net[i + 1]) for i in range(0, len(net) - 1, 2) if net[i])
    return PullRequest(merge_base, commits, changes)


def files_at(root: Path, revision: str, paths: tuple[str, ...]) -> dict[str, bytes]:
    """The content of ``paths`` as of ``revision``; a path it does not hold is left out."""
    import git

    repo = _open(root, "读取历史版本")
    found: dict[str, bytes] = {}
    for path in paths:
        try:
            found[path] = repo.git.show(f"{revision}:{path}", stdout_as_string=False)
        except git.GitCommandError:
            continue
    return found


class NoHistory(str, Enum):
    """Why a repository has no dates of its files; the values are JSON codes."""

    NOT_A_REPOSITORY = "not_a_repository"
    NO_COMMITS = "no_commits"
    SHALLOW = "shallow"  # a shallow clone: its oldest commit would date everything before it


@dataclass(frozen=True)
class Arrivals:
    """When each file reached the main line, or why that is not known (``missing``)."""

    dates: dict[str, date]
    missing: NoHistory | None = None


def first_added(root: Path, ref: str | None = None) -> Arrivals:
    """The day each file under ``root`` first reached the main line of ``ref``.

    Without ``ref``, the repository's main line: the local ``main`` (or ``master``) branch,
    else the remote's default branch, else whatever is checked out. A report on a branch of
    its own has not reached the main line, whichever branch is checked out when it is asked.

    The main line is ``ref``'s first-parent history: the commits of main itself, a merge
    commit standing for the branch it brought in (``-m --first-parent`` lists the files a
    merge adds against its first parent). A file counts from the earliest such commit that
    added it; later changes do not move it, and neither does a rename or move (``审计局.yaml``
    renamed to ``市审计局.yaml`` as R302 asks keeps the day the report came in). Paths are
    relative to ``root``, which must be
    the top of the repository, as for ``pull_request``: a plan folder inside some other
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
    if repo.git.rev_parse("--is-shallow-repository") == "true":
        return Arrivals({}, NoHistory.SHALLOW)
    ref = ref or _main_line(repo)
    log = repo.git.log("--first-parent", "-m", "--diff-filter=AR", "-M", "--name-status",
                       "--reverse", f"--format={_RECORD}%H{_FIELD}%cI", "-z", ref)
    dates: dict[str, date] = {}
    for record in log.split(_RECORD):
        header, *fields = record.split("\0")
        if _FIELD not in header:
            continue
        day = date.fromisoformat(header.split(_FIELD)[1][:10])
        fields = [f.strip("\n") for f in fields]
        i = 0
        while i < len(fields) - 1:
            status = fields[i]
            if status.startswith("R") and i + 2 < len(fields):  # R097 old new: the old path's day
                dates.setdefault(fields[i + 2], dates.get(fields[i + 1], day))
                i += 3
            else:
                if status:
                    dates.setdefault(fields[i + 1], day)
                i += 2
    return Arrivals(dates)


def _main_line(repo: Any) -> str:
    """The main line's ref: main, master, the remote's default branch, else HEAD."""
    import git

    for candidate in ("refs/heads/main", "refs/heads/master", "refs/remotes/origin/HEAD"):
        try:
            repo.git.rev_parse("--verify", "--quiet", candidate)
            return candidate
        except git.GitCommandError:
            continue
    return "HEAD"


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


class GitRefusedError(ZwxtError):
    """git refused a step (a hook, an ignore rule, signing): exit 2, what was done undone."""


def current_branch(root: Path) -> str | None:
    """The branch checked out, None on a detached HEAD or before the first commit."""
    repo = _open(root, "提交")
    if not repo.head.is_valid() or repo.head.is_detached:
        return None
    return str(repo.active_branch.name)


def commit_file(root: Path, rel: str, message: str, author: Identity) -> str:
    """Commit ``rel`` alone (whatever else is staged stays staged), as ``author``; its sha."""
    import git

    repo = _open(root, "提交")
    try:
        repo.git.add("--", rel)
        repo.git.commit("--only", "-m", message, f"--author={author.name} <{author.email}>", "--", rel)
    except git.GitCommandError as exc:
        raise GitRefusedError(f"git 拒绝了这次提交（退出码 {exc.status}），已恢复原状",
                              "常见原因：提交前钩子（pre-commit）未通过、.gitignore 忽略了 reports/、"
                              "要求签名而没有设置；请在命令行运行 git commit 查看原因") from None
    return str(repo.head.commit.hexsha)


def abandon_branch(root: Path, branch: str, back_to: str, rel: str) -> None:
    """Undo ``start_branch`` and the file written on it: back on ``back_to``, ``branch`` gone."""
    repo = _open(root, "恢复")
    repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", rel)
    (root / rel).unlink(missing_ok=True)
    repo.git.switch(back_to)
    repo.git.branch("-D", branch)
