"""The small plan of tests/support.py in a real git repository, for tests where git is the subject."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import git

from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, report_yaml

# Who commits in the tests of --base: 市审计局's maintainer (tests/support.py), the coordinator
# 市网信统筹局 and 台山市, which get theirs in UNITS, and someone who keeps nothing.
AUDIT = ("审计局小王", "sjj@example.gov.cn")
COORDINATOR = ("网信局小李", "wxj@example.gov.cn")
TAISHAN = ("台山小陈", "tss@example.gov.cn")
STRANGER = ("公安局小张", "gaj@example.gov.cn")
UNITS = (UNITS_YAML
         .replace("    lead_office: 电子政务科\n",
                  "    lead_office: 电子政务科\n    maintainers: [wxj@example.gov.cn]\n")
         .replace("    lead_office: 台山市网络信息统筹局\n",
                  "    lead_office: 台山市网络信息统筹局\n    maintainers: [tss@example.gov.cn]\n"))


class GitPlan:
    """The small plan in a real git repository: main, then branches merged or not."""

    def __init__(self, root: Path, *, made: bool = False) -> None:
        """A new repository at ``root``; ``made``: the one already there."""
        self.files = PlanRepo(root)
        if made:
            self.repo = git.Repo(root)
            return
        self.repo = git.Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "测试")
            config.set_value("user", "email", "ci@example.gov.cn")

    def commit(self, who: tuple[str, str], message: str, write: dict[str, str] | None = None,
               delete: tuple[str, ...] = (), *, authored: str | None = None,
               committed: str | None = None) -> str:
        """Commit as ``who``; ``authored``/``committed``: ISO dates, e.g. 2018-04-03T10:00:00+08:00."""
        for rel, text in (write or {}).items():
            self.files.write(rel, text)
        if write:
            self.repo.index.add(list(write))
        if delete:
            self.repo.index.remove(list(delete), working_tree=True)
        author = git.Actor(*who)
        return self.repo.index.commit(message, author=author, committer=author,
                                      author_date=_git_date(authored or committed),
                                      commit_date=_git_date(committed)).hexsha

    def branch(self, name: str = "pr") -> None:
        self.repo.git.checkout("-b", name)

    def merge(self, branch: str, who: tuple[str, str], committed: str, into: str = "main") -> None:
        """A merge commit (--no-ff) of ``branch`` into ``into``, committed by ``who`` at ``committed``."""
        self.repo.git.checkout(into)
        env = {"GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1], "GIT_COMMITTER_DATE": committed,
               "GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1], "GIT_AUTHOR_DATE": committed}
        with self.repo.git.custom_environment(**env):
            self.repo.git.merge("--no-ff", "-m", f"Merge branch '{branch}'", branch)


def pull_request_plan(root: Path) -> GitPlan:
    """main holds the plan and a November report of 市审计局; HEAD is a new branch ``pr`` off it.

    Made once per test process and copied to ``root``: each copy is a repository of its own.
    """
    if not _MADE:
        made = Path(tempfile.mkdtemp(prefix="zwxt-pull-request-plan-"))
        atexit.register(shutil.rmtree, made, ignore_errors=True)
        plan = GitPlan(made / "plan")
        plan.commit(COORDINATOR, "工作方案", {"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML})
        plan.commit(AUDIT, "11月报告", {"reports/2017-11/市审计局.yaml": report_yaml("市审计局", "2017-11")})
        plan.branch()
        _MADE.append(plan.files.root)
    shutil.copytree(_MADE[0], root, symlinks=True)
    # the copied files are other inodes: git's index learns them, as if it had written them
    subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=root, check=False, capture_output=True)
    return GitPlan(root, made=True)


_MADE: list[Path] = []


def _git_date(iso: str | None) -> str | None:
    """``2018-04-03T10:00:00+08:00`` as git's own ``1522720800 +0800``, which GitPython takes."""
    if iso is None:
        return None
    moment = datetime.fromisoformat(iso)
    return f"{int(moment.timestamp())} {moment.strftime('%z')}"
