"""Whatever happened to a repository between two runs, a load with the content cache gives what
a load without it gives: findings (and where they are), left-out reports, the whole ledger.

Each example is a sequence of edits a reporting office makes (a report written, changed, a
comment added, saved again unchanged, copied under an alias, deleted), each followed by loads
with and without the cache, of every month and up to one of them, in one process or two.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.properties.strategies import examples
from tests.support import TASKS_YAML, UNITS_YAML, cache_file, load_summary, report_yaml
from zwxt.dates import Month
from zwxt.load import Keep, LoadedPlan, load
from zwxt.store.repo import Repository

MONTHS = ["2017-12", "2018-01", "2018-02", "2018-03"]
UNITS = ["市审计局", "市公安局", "蓬江区"]
# What a unit says about task 1 (due 2017-12): done, still going, nothing (P001 when due and
# open), done without a date (P003: the report is refused).
SAYS = {
    "done": "- task: 1\n  status: 已完成\n  completed: {month}-10\n",
    "going": "- task: 1\n  status: 推进中\n",
    "nothing": "",
    "broken": "- task: 1\n  status: 已完成\n",
}
EDITS = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(MONTHS), st.sampled_from(UNITS),
              st.sampled_from(sorted(SAYS))),
    st.tuples(st.sampled_from(["comment", "resave", "alias", "delete"]), st.sampled_from(MONTHS),
              st.sampled_from(UNITS), st.just("")),
)


def _apply(root: Path, edit: tuple[str, str, str, str]) -> None:
    kind, month, unit, says = edit
    path = root / "reports" / month / f"{unit}.yaml"
    if kind == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_yaml(unit, month, SAYS[says].format(month=month)), encoding="utf-8")
    elif path.exists():
        if kind == "comment":
            path.write_text("# 已核对\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        elif kind == "resave":
            path.write_bytes(path.read_bytes())
        elif kind == "alias":  # a second file for the unit (R306, and R302 for its name)
            (path.parent / f"{unit}副本.yaml").write_bytes(path.read_bytes())
        else:
            path.unlink()
    past = time.time_ns() - 60_000_000_000  # (files written in the last seconds are not cached)
    for file in root.rglob("*.yaml"):
        os.utime(file, ns=(past, past))


@examples(0.1)
@given(edits=st.lists(EDITS, min_size=1, max_size=6), until=st.sampled_from([None, *MONTHS]),
       workers=st.sampled_from([1, 2]), kept=st.sampled_from([None, *MONTHS]))
def test_a_load_with_the_cache_is_a_load_without_it(edits: list[tuple[str, str, str, str]],
                                                    until: str | None, workers: int, kept: str | None,
                                                    cached: None) -> None:
    """Every finding, the ledger, the files left out and the reports kept in full are the same."""
    limit = None if until is None else Month(int(until[:4]), int(until[5:]))
    keep = Keep(months=frozenset() if kept is None else frozenset({Month(int(kept[:4]), int(kept[5:]))}))

    def summary(loaded: LoadedPlan) -> tuple[object, ...]:
        return (*load_summary(loaded), [(k.path, k.unit, k.record) for k in loaded.kept])

    with tempfile.TemporaryDirectory(prefix="zwxt-cache-") as folder:
        root = Path(folder)
        (root / "data").mkdir()
        (root / "data" / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
        (root / "data" / "tasks.yaml").write_text(TASKS_YAML, encoding="utf-8")
        repo = Repository(root)
        for edit in edits:
            _apply(root, edit)
            for months in (None, limit):
                with_cache = summary(load(repo, until=months, workers=workers, keep=keep))
                without = summary(load(repo, until=months, workers=1, cache=False, keep=keep))
                assert with_cache == without, edit
        assert cache_file(root).is_file(), "the loads did use a cache"
