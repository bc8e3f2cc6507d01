"""A plan repository's git: with store.git_commit (committing a report) the only modules that talk to
git (through GitPython, imported lazily).

A pull request's commits are read in one ``git log`` call (``--name-status`` lists each
commit's files), not one call per commit or per file; so are the dates on which reports
reached the main line.
"""

from __future__ import annotations

import re
import secrets
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from zwxt.errors import UsageError, ZwxtError
from zwxt.plan.received import UNIT_KEY as RECEIVED_KEY
from zwxt.plan.received import Received, received_trailers


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
    # A merge commit's changes are what it decided itself: the files where it differs from
    # what merging its parents file by file gives without a choice (see ``_decided``).
    merge: bool = False
    committed: datetime | None = None  # its committer date, in the committer's time zone
    # What its message's trailers say it received on a unit's behalf (plan.received); never a merge's.
    received: Received | None = None

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

    target: str  # the commit the target branch is at: the plan as it stands judges who may change what
    merge_base: str
    commits: list[Commit]  # the commits merging would bring, oldest first, merges last
    net: tuple[Change, ...]  # merge base to HEAD: what merging would change
    not_files: frozenset[str]  # paths of the net change HEAD holds as a symbolic link or a submodule
    # Paths the branch changes that the target has deleted (or moved) since the merge base:
    # merging may carry the change into another file, one git takes for the moved one.
    gone_on_target: frozenset[str]


def pull_request(root: Path, base: str) -> PullRequest:
    """The commits on HEAD that ``base`` does not have, and what they change together.

    ``base`` names the target branch (``_target``). Each commit is listed with the files it
    changed against its parent. Renames are read as a deletion and an addition
    (``--no-renames``), so that moving a report is judged as both. A merge commit is listed
    with the files whose content it decided: where it differs from what merging its parents
    file by file gives without a choice. So an ordinary merge of the target into the branch
    (the "update branch" button) decides nothing, while a merge made with ``-s ours``, a
    conflict resolved "keep mine" in someone else's file, or a merge with an old commit that
    brings back an old version of a file, is answerable for each file it so decided.
    Together with the ordinary commits, every file of the net change then has a commit that
    made it so.

    Paths, names and emails are read exactly as git holds them: paths from ``-z`` output,
    the fields of each commit between markers made anew for each run, which no name,
    email or path can contain.
    """
    git = _gitpython()

    repo = open_repository(root, "按 --base 检查修改")
    if not repo.head.is_valid():
        raise MissingBaseError("仓库中还没有任何提交，无法按 --base 检查修改",
                               "请先提交工作方案；第一次提交时用 zwxt check 检查整个仓库")
    try:
        target = _target(repo, base)
        merge_base = repo.git.merge_base("--end-of-options", target, "HEAD")
    except git.GitCommandError:
        if repo.git.rev_parse("--is-shallow-repository") == "true":
            hint = (f"这是浅克隆，缺少共同的历史：请先运行 git fetch --unshallow origin {_branch(base)}"
                    "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0），再运行 zwxt check --base")
        else:
            hint = (f"请检查分支名是否写对（如 origin/main）；{_branches(repo)}"
                    f"持续集成中请先运行 git fetch origin {_branch(base)}"
                    "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0）")
        raise MissingBaseError(f"找不到 {base}，或它与当前提交没有共同的历史", hint) from None
    span = (f"^{target}", "HEAD")
    marker = _Marker()
    log = _text(repo.git.log(*span, "--no-merges", "--no-renames", "--root", "--name-status", "--reverse",
                             "-z", f"--format={marker.format('%H', '%an', '%ae', '%cI', '%B')}", **_RAW))
    commits = [Commit(sha, author, email, _name_status(rest), False, datetime.fromisoformat(committed),
                      received_trailers(message))
               for (sha, author, email, committed, message), rest in marker.split(log)]
    merges = _text(repo.git.log(*span, "--merges", "--reverse",
                                f"--format={marker.format('%H', '%P', '%an', '%ae', '%cI')}", **_RAW))
    for (sha, parents, author, email, committed), _ in marker.split(merges):
        commits.append(Commit(sha, author, email, _decided(repo, sha, parents.split()), merge=True,
                              committed=datetime.fromisoformat(committed)))
    net = _tree_diff(repo, merge_base, "HEAD")
    not_files = frozenset(path for path, (_, after, _) in net.items()
                          if after is not None and after[0] not in _FILE_MODES)
    on_target = _tree_diff(repo, merge_base, target) if merge_base != target else {}
    removed = {path for path, (_, after, _) in on_target.items() if after is None}
    gone = frozenset(path for path, (_, after, _) in net.items() if after is not None and path in removed)
    changes = tuple(Change(status, path) for path, (_, _, status) in sorted(net.items()))
    return PullRequest(target, merge_base, commits, changes, not_files, gone)


_FILE_MODES = ("100644", "100755")  # what git holds a file's content as; 120000 is a link, 160000 a submodule


def _target(repo: Any, base: str) -> str:
    """The commit ``base`` names, read as a branch.

    git takes a tag before a branch of the same name (``refs/tags/origin/main`` before
    ``refs/remotes/origin/main``), and a tag is what a pull request can push along with its
    branch: a base naming its own head would judge nothing. So the name ``base`` begins with
    (before any ``~``, ``^``, ``:`` or ``@{``) must name one ref that is no tag. A name
    written out from ``refs/`` names that ref and no other: where it is missing, git would
    look for ``refs/tags/refs/...`` and the like, which a pull request can push too.
    """
    cut = _SUFFIX.search(base)
    name, suffix = (base[:cut.start()], base[cut.start():]) if cut else (base, "")
    if name.startswith("refs/"):
        candidates = [name]
    elif name and not _FULL_SHA.fullmatch(name):  # a full object name is no ref's to take
        candidates = [f"refs/{name}", f"refs/tags/{name}", f"refs/heads/{name}", f"refs/remotes/{name}",
                      f"refs/remotes/{name}/HEAD"]
    else:
        candidates = []
    listed = _text(repo.git.for_each_ref("--format=%(refname)", "--end-of-options", *candidates, **_RAW)) \
        if candidates else ""
    named = sorted(set(listed.splitlines()) & set(candidates))
    if name.startswith("refs/") and not named:
        raise MissingBaseError(f"仓库中没有 {name}", f"请检查名称是否写对；{_branches(repo)}"
                               f"持续集成中请先运行 git fetch origin {_branch(name)}"
                               "（GitHub Actions 中给 actions/checkout 加上 fetch-depth: 0）")
    tagged = any(ref.startswith("refs/tags/") for ref in named)
    if not name.startswith("refs/") and (tagged or len(named) > 1):
        raise MissingBaseError(f"--base {base} 可以指{'、'.join(named)}，无法确定比较的基点",
                               "合并请求的检查以目标分支为基点，请写出它的完整名称，"
                               f"如 --base refs/remotes/origin/{_branch(name)}；"
                               "同名的标签可能是合并请求自己推送的，请统筹单位查看后删除")
    spelled = (named[0] if named else name) + suffix
    return str(repo.git.rev_parse("--verify", "--end-of-options", f"{spelled}^{{commit}}"))


def _branches(repo: Any, shown: int = 8) -> str:
    """The branches the clone has, local ones then remote-tracking ones, each sorted, the first
    ``shown`` of them: for a hint where ``--base`` names none of them. Empty when there is none."""
    listed = _text(repo.git.for_each_ref("--format=%(refname)", "refs/heads/", "refs/remotes/", **_RAW))
    refs = [ref for ref in listed.splitlines() if not ref.endswith("/HEAD")]  # (origin/HEAD: a pointer)
    local = sorted(ref.removeprefix("refs/heads/") for ref in refs if ref.startswith("refs/heads/"))
    remote = sorted(ref.removeprefix("refs/remotes/") for ref in refs if ref.startswith("refs/remotes/"))
    names = [*local, *remote]
    if not names:
        return ""
    more = f" 等 {len(names)} 个" if len(names) > shown else ""
    return f"仓库中现有的分支：{'、'.join(names[:shown])}{more}；"


_SUFFIX = re.compile(r"[~^:]|@\{")  # where a revision's name ends and what is done to it begins
_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


# GitPython's defaults strip a trailing newline and decode output strictly; paths are read as
# git gives them (``_text``), and replacement objects (``git replace``) are not followed.
_RAW: dict[str, Any] = {"stdout_as_string": False, "strip_newline_in_stdout": False,
                        "env": {"GIT_NO_REPLACE_OBJECTS": "1"}}


def _text(output: bytes) -> str:
    """git's output as text; bytes that are not UTF-8 (a path made on another system) kept as surrogates."""
    return output.decode("utf-8", "surrogateescape")


class _Marker:
    """Fields of a log format between markers no commit can hold: random for each run."""

    def __init__(self) -> None:
        token = secrets.token_hex(16)
        self.start, self.field, self.end = f"<{token}", f"|{token}", f"{token}>"

    def format(self, *fields: str) -> str:
        return self.start + self.field.join(fields) + self.end

    def split(self, log: str) -> list[tuple[list[str], str]]:
        """Each record's fields, and what git printed after them (its ``-z`` name-status)."""
        records = []
        for chunk in log.split(self.start)[1:]:
            head, _, rest = chunk.partition(self.end)
            records.append((head.split(self.field), rest))
        return records


def _name_status(rest: str) -> tuple[Change, ...]:
    """``status NUL path NUL`` pairs, as ``--name-status -z`` prints them after a commit's fields."""
    rest = rest.removeprefix("\0").removeprefix("\n")  # the line break git puts after the format
    fields = rest.split("\0")
    return tuple(Change(fields[i][:1], fields[i + 1]) for i in range(0, len(fields) - 1, 2) if fields[i])


# A file's entry in a tree: its mode and object, or None where the tree has no such file.
_Entry = tuple[str, str] | None


def _decided(repo: Any, sha: str, parents: list[str]) -> tuple[Change, ...]:
    """The files a merge commit decided: where it differs from its parents merged file by file.

    For two parents with one merge base (none: histories merged with
    ``--allow-unrelated-histories``, whose base is the empty tree, as for git), a file
    changed on one side only since the base takes that side's version, a file changed on
    neither keeps the base's; a merge that gives anything else, or a file both sides
    changed differently (a conflict, however it was resolved), is the merge's decision. A
    merge of more than two parents, or of two with several merge bases (a criss-cross), is
    judged against each parent: every file it differs in from any of them.
    """
    git = _gitpython()

    bases: list[str] = []
    if len(parents) == 2:
        try:
            bases = [_text(b) for b in repo.git.merge_base("--all", *parents, **_RAW).split()]
        except git.GitCommandError:  # no common history
            bases = [_text(repo.git.hash_object("-t", "tree", "--stdin", istream=subprocess.DEVNULL,
                                                **_RAW)).strip()]
    if len(parents) != 2 or len(bases) != 1:
        judged: dict[str, Change] = {}
        for parent in parents:
            for path, (_, _, status) in _tree_diff(repo, parent, sha).items():
                judged.setdefault(path, Change(status, path))
        return tuple(judged[path] for path in sorted(judged))
    first, second = parents
    side1, side2 = _tree_diff(repo, bases[0], first), _tree_diff(repo, bases[0], second)
    ours, theirs = _tree_diff(repo, first, sha), _tree_diff(repo, second, sha)
    decided = []
    for path in sorted(side1.keys() | side2.keys() | ours.keys() | theirs.keys()):
        if path in side1 and path in side2 and side1[path][1] != side2[path][1]:
            merged = ours.get(path) or theirs.get(path)
            old = side1[path][0]
            new = merged[1] if merged is not None else side1[path][1]
            decided.append(Change("D" if new is None else "A" if old is None else "M", path))
        elif path in side2 and path not in side1:
            if path in theirs:
                decided.append(Change(theirs[path][2], path))
        elif path in ours:
            decided.append(Change(ours[path][2], path))
    return tuple(decided)


def _tree_diff(repo: Any, old: str, new: str) -> dict[str, tuple[_Entry, _Entry, str]]:
    """Each file that differs between two commits: its entry in each, and A, M or D."""
    raw = _text(repo.git.diff_tree("-r", "-z", "--raw", "--no-renames", "--no-commit-id", old, new, **_RAW))
    fields = raw.split("\0")
    found: dict[str, tuple[_Entry, _Entry, str]] = {}
    for i in range(0, len(fields) - 1, 2):
        # ":100644 100644 <old> <new> M" then the path
        old_mode, new_mode, old_object, new_object, status = fields[i].lstrip(":").split(" ")
        before = None if set(old_object) == {"0"} else (old_mode, old_object)
        after = None if set(new_object) == {"0"} else (new_mode, new_object)
        found[fields[i + 1]] = (before, after, status[:1])
    return found


def files_at(root: Path, revision: str, paths: tuple[str, ...]) -> dict[str, bytes]:
    """The content of ``paths`` as of ``revision``; a path it does not hold is left out."""
    git = _gitpython()

    repo = open_repository(root, "读取历史版本")
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
    # The commit that brought a file the main line holds, where its trailers say it was received
    # on a unit's behalf: the services judge whether its word counts (``services.ownership``).
    received: dict[str, Commit] = field(default_factory=dict)


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

    ``received`` names, for a file so reached, the commit that brought it when that commit's
    trailers say the coordinator received it on a unit's behalf (``plan.received``): the
    oldest commit of ``ref``'s history that added the file with such trailers, committed no
    later than the main-line commit that brought it. Whose word that is, and whether it
    counts, the services judge (``services.ownership.received_day``).
    """
    git = _gitpython()

    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return Arrivals({}, NoHistory.NOT_A_REPOSITORY)
    if not repo.head.is_valid():
        return Arrivals({}, NoHistory.NO_COMMITS)
    if repo.git.rev_parse("--is-shallow-repository") == "true":
        return Arrivals({}, NoHistory.SHALLOW)
    ref = ref or _main_line(repo)
    receipts = _receipts(repo, ref)
    marker = _Marker()
    log = _text(repo.git.log("--first-parent", "-m", "--diff-filter=AR", "-M", "--name-status", "--root",
                             "--reverse", f"--format={marker.format('%cI')}", "-z", ref, **_RAW))
    dates: dict[str, date] = {}
    received: dict[str, Commit] = {}
    for (committed,), rest in marker.split(log):
        moment = datetime.fromisoformat(committed)
        fields = rest.removeprefix("\0").removeprefix("\n").split("\0")
        i = 0
        while i < len(fields) - 1:
            status = fields[i]
            if status.startswith("R") and i + 2 < len(fields):  # R097 old new: the old path's day
                old, new = fields[i + 1], fields[i + 2]
                if new not in dates:
                    dates[new] = dates.get(old, moment.date())
                    if old in received:
                        received[new] = received[old]
                i += 3
            else:
                path = fields[i + 1]
                if status and path not in dates:
                    dates[path] = moment.date()
                    receipt = receipts.get(path)
                    # (the receipt is the commit that brought the file to this one, not a later re-addition)
                    if receipt is not None and receipt.committed is not None and receipt.committed <= moment:
                        received[path] = receipt
                i += 2
    return Arrivals(dates, received=received)


def _receipts(repo: Any, ref: str) -> dict[str, Commit]:
    """For each file, the oldest commit in ``ref``'s history that added it with trailers saying it
    was received on a unit's behalf (``plan.received``); one ``git log`` of those commits alone."""
    marker = _Marker()
    log = _text(repo.git.log("--no-merges", "--no-renames", "--diff-filter=A", "--name-status", "--root",
                             "--reverse", "-z", "-i", "--fixed-strings", f"--grep={RECEIVED_KEY}",
                             f"--format={marker.format('%H', '%an', '%ae', '%cI', '%B')}", ref, **_RAW))
    found: dict[str, Commit] = {}
    for (sha, author, email, committed, message), rest in marker.split(log):
        said = received_trailers(message)
        if said is None:
            continue
        changes = _name_status(rest)
        commit = Commit(sha, author, email, changes, False, datetime.fromisoformat(committed), said)
        for change in changes:
            found.setdefault(change.path, commit)
    return found


def _main_line(repo: Any) -> str:
    """The main line's ref: main, master, the remote's default branch, else HEAD."""
    git = _gitpython()

    for candidate in ("refs/heads/main", "refs/heads/master", "refs/remotes/origin/HEAD"):
        try:
            repo.git.rev_parse("--verify", "--quiet", candidate)
            return candidate
        except git.GitCommandError:
            continue
    return "HEAD"


def _branch(base: str) -> str:
    """``main`` for ``origin/main`` (or ``refs/remotes/origin/main``): what ``git fetch origin`` takes."""
    for prefix in ("refs/remotes/origin/", "origin/", "refs/heads/"):
        if base.startswith(prefix):
            return base.removeprefix(prefix)
    return base


class GitUnavailableError(ZwxtError):
    """git is not installed, or refused what was asked of it: exit 2."""


MAIN_BRANCH = "main"  # the branch init makes, which the README and the CI files it writes name


def init_repository(path: Path) -> bool:
    """Make ``path`` (an existing folder) a git repository on branch ``main``; False when it already is one.

    The branch is ``main`` whatever git's ``init.defaultBranch`` says (``master`` on many
    machines), set as HEAD before any commit, which every git version takes (``git init -b``
    needs 2.28). A folder that is already a repository (a clone of an empty remote) is left as
    it is: ``git init`` there would change nothing a user wants changed.
    """
    if (path / ".git").exists():
        return False
    git = _gitpython()
    try:
        repo = git.Repo.init(path)
        repo.git.symbolic_ref("HEAD", f"refs/heads/{MAIN_BRANCH}")
    except git.GitCommandError as exc:
        raise GitUnavailableError(f"git init 失败（退出码 {exc.status}），没有写入任何文件",
                                  "请检查该目录能否写入，以及命令行中 git init 能否运行") from None
    return True


@dataclass(frozen=True)
class Identity:
    """Who git says the user is (``user.name``, ``user.email``)."""

    name: str
    email: str


def _gitpython() -> Any:
    """GitPython, which looks for the git program when imported and will not load without one."""
    try:
        import git
    except ImportError:
        raise GitUnavailableError(
            "找不到 git 程序（或它无法运行），这一步要用到 git",
            "请先安装 git（https://git-scm.com），确认命令行中能运行 git 后重试") from None
    return git


def open_repository(root: Path, purpose: str) -> Any:
    git = _gitpython()

    try:
        return git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NotAGitRepositoryError(f"{root} 不是 git 仓库，无法{purpose}",
                                     "请在工作方案的 git 仓库中运行") from None


def identity(root: Path) -> Identity:
    """git's configured user, as commits made here would be signed."""
    import configparser

    repo = open_repository(root, "提交")
    try:
        with repo.config_reader() as config:
            return Identity(str(config.get_value("user", "name")), str(config.get_value("user", "email")))
    except configparser.Error:
        raise UsageError("git 没有设置提交者的姓名和邮箱",
                         '请先运行 git config user.name "姓名" 和 git config user.email "邮箱"') from None
