"""git, through GitPython: the only module that imports it, and only when a command needs git."""

from __future__ import annotations

from pathlib import Path

from zwxt.errors import ZwxtError


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
