"""Whatever a unit's branch does, every file merging it would change has a commit answering for it.

Each example is a history made with real git: main moves on (the coordinator edits its file,
台山市 its report), and 市审计局's branch commits its own report, edits files not its own,
merges main cleanly (itself or by the coordinator's "update branch"), with ``-s ours``
(resolving later conflicts "keep mine"), or by ``git commit-tree`` with any commit of the
history as the other parent and any commit's tree. Then, from ``zwxt.store.git.pull_request``
and the ownership rules:

- every file of the net change but 市审计局's own report has a G101 (nothing gets through);
- a branch that only wrote its own report and merged main cleanly has none (nothing honest
  is refused).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.gitplan import AUDIT, COORDINATOR, TAISHAN, UNITS, GitPlan
from tests.properties.strategies import examples
from tests.support import TASKS_YAML, PlanFiles
from zwxt.services.ownership import ownership_findings
from zwxt.store.git import pull_request

OWN = "reports/2017-12/市审计局.yaml"
OWNED = {"README.md": COORDINATOR, "reports/2017-12/台山市.yaml": TAISHAN}
CONTENTS = st.sampled_from(["一\n", "二\n", "三\n"])
STEPS = st.one_of(
    st.tuples(st.just("main"), st.sampled_from(sorted(OWNED)), CONTENTS),
    st.tuples(st.just("own"), st.just(OWN), CONTENTS),
    st.tuples(st.just("edit"), st.sampled_from(sorted(OWNED)), CONTENTS),
    st.tuples(st.sampled_from(["merge", "update", "ours"]), st.just(""), st.just("")),
    st.tuples(st.just("tree"), st.integers(0, 50).map(str), st.integers(0, 50).map(str)),
)
HONEST = {"own", "merge", "update", "main"}


def _history(root: Path, steps: list[tuple[str, str, str]]) -> GitPlan:
    plan = GitPlan(root)
    plan.commit(COORDINATOR, "方案", {"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML,
                                    "README.md": "零\n", "reports/2017-12/台山市.yaml": "零\n"})
    plan.branch("pr")
    seen = [plan.repo.head.commit.hexsha]
    for kind, what, content in steps:
        if kind == "main":
            plan.repo.git.checkout("main")
            seen.append(plan.commit(OWNED[what], "main", {what: content}))
            plan.repo.git.checkout("pr")
        elif kind in ("own", "edit"):
            seen.append(plan.commit(AUDIT, kind, {what: content}))
        elif kind == "tree":
            other, tree = seen[int(what) % len(seen)], seen[int(content) % len(seen)]
            sha = plan.repo.git.commit_tree(f"{tree}^{{tree}}", "-p", "HEAD", "-p", other, "-m", "合并",
                                            env=_as(AUDIT))
            plan.repo.git.reset("--hard", sha)
            seen.append(sha)
        else:
            who = COORDINATOR if kind == "update" else AUDIT
            strategy = ["-s", "ours"] if kind == "ours" else []
            plan.repo.git.merge("--no-edit", *strategy, "main", env=_as(who), with_exceptions=False)
            if plan.repo.git.diff("--name-only", "--diff-filter=U"):  # a conflict: "keep mine"
                plan.repo.git.checkout("--ours", "--", ".")
                plan.repo.git.add("-A")
                plan.repo.git.commit("--no-edit", env=_as(who))
            seen.append(plan.repo.head.commit.hexsha)
    return plan


def _as(who: tuple[str, str]) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1],
            "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1]}


@pytest.mark.slow
@examples(0.3)
@given(st.lists(STEPS, min_size=1, max_size=8))
def test_nothing_gets_through_and_nothing_honest_is_refused(steps: list[tuple[str, str, str]]) -> None:
    plan_on_base = PlanFiles({"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML}).load().usable_plan()
    with tempfile.TemporaryDirectory() as folder:
        history = _history(Path(folder) / "plan", steps)
        pr = pull_request(history.files.root, "main")
        judged = {d.path for d in ownership_findings(plan_on_base, pr.commits) if d.code == "G101"}
    net = {change.path for change in pr.net}
    assert net - {OWN} <= judged
    if {kind for kind, _, _ in steps} <= HONEST:
        assert judged == set()
