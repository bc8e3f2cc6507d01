"""Whatever happened to the cache's database file (bytes changed anywhere, the file cut short),
``zwxt check`` answers as it does without a cache: the same exit code, the same findings,
never exit 3.

A repository with findings of a report rule and of the month rules is checked once to make
its cache; each example damages a copy of that database and checks again.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties.strategies import examples
from tests.support import TASKS_YAML, UNITS_YAML, cache_file, report_yaml, run_cli

REPORTS = {
    ("2017-12", "市审计局"): "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n",
    ("2017-12", "市公安局"): "",  # P001
    ("2018-01", "市审计局"): "- task: 1\n  status: 已完成\n",  # P003
    ("2018-01", "蓬江区"): "- task: 3\n  status: 推进中\n",
    ("2018-02", "市审计局"): "- task: 1\n  status: 推进中\n",  # P005
}


@dataclass(frozen=True)
class Made:
    """The repository (the current directory), its cache's bytes, and what check says without one."""

    root: Path
    whole: bytes = field(repr=False)
    expected: tuple[int, str] = field(repr=False)


@pytest.fixture
def made(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, cached: None) -> Made:
    root = tmp_path_factory.mktemp("damaged")
    (root / "data").mkdir()
    (root / "data" / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    (root / "data" / "tasks.yaml").write_text(TASKS_YAML, encoding="utf-8")
    for (month, unit), tasks in REPORTS.items():
        path = root / "reports" / month / f"{unit}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_yaml(unit, month, tasks), encoding="utf-8")
    past = time.time_ns() - 60_000_000_000  # (files written in the last seconds are not cached)
    for file in root.rglob("*.yaml"):
        os.utime(file, ns=(past, past))
    monkeypatch.chdir(root)
    without = run_cli("check", "--no-cache")
    assert without.code == 1 and {"P001", "P003", "P005"} <= set(without.stdout.split())
    assert run_cli("check").code == 1
    return Made(root, cache_file(root).read_bytes(), (without.code, without.stdout))


def _damaged(data: bytes, draw: st.DataObject) -> bytes:
    """The file cut short, or bytes changed: anywhere, in its first page (the header and the
    schema), or in its words and numbers (a name in the schema, a finding's code, a line
    number), where a change can leave text SQLite and JSON both still read."""
    if draw.draw(st.booleans(), label="cut short"):
        return data[: draw.draw(st.integers(0, len(data) - 1), label="length")]
    words = [at for at, byte in enumerate(data) if chr(byte).isalnum()]
    where = st.one_of(st.integers(0, len(data) - 1), st.integers(0, 4095), st.sampled_from(words))
    mask = st.one_of(st.integers(1, 255), st.sampled_from([0x01, 0x02, 0x20, 0x80, 0xFF]))
    changed = bytearray(data)
    for at, by in draw.draw(st.lists(st.tuples(where, mask), min_size=1, max_size=8), label="changes"):
        changed[at] ^= by
    return bytes(changed)


@examples(0.3)
@given(draw=st.data())
def test_check_with_a_damaged_cache_is_check_without_one(made: Made, draw: st.DataObject) -> None:
    cache_file(made.root).write_bytes(_damaged(made.whole, draw))
    for _ in range(2):  # and the run after, with the cache it left
        result = run_cli("check")
        assert (result.code, result.stdout) == made.expected, result.stderr
