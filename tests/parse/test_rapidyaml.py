"""The rapidyaml fast path reads every file exactly as libyaml's path does, or leaves it to libyaml.

The corpus is the study's (bench/parse_correctness.py): YAML parsers' known disagreements, every
bad input of test_reader.py, the YAML files of this repository, and random edits of a
report. For each, the values and the findings (code, line, column, message) of ``read_yaml``
without positions must be those of libyaml's path alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from zwxt.parse import MAX_DATA_FILE_BYTES, MAX_FILE_BYTES, rapidyaml, read_yaml
from zwxt.parse.limits import MAX_NODES

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from parse_correctness import ALPHABET, QUIET_ALPHABET, corpus, mutations  # noqa: E402

PATH = "reports/2018-03/市审计局.yaml"
# and edits of data files, whose flow lists (`aliases: [审计局]`) no report has
DATA = "".join((ROOT / "tests" / "plans" / "jiangmen" / "data" / name).read_text(encoding="utf-8")
               for name in ("units.yaml", "tasks.yaml"))
FLOW_ALPHABET = [*QUIET_ALPHABET, "[", "{", ":", ":x", "x:", ", a:b", "[x:]", "{x:}"]
CASES = (corpus() + mutations(400, 7, ALPHABET) + mutations(400, 11, QUIET_ALPHABET)
         + mutations(300, 13, FLOW_ALPHABET, base=DATA))


def read(raw: bytes) -> tuple[Any, list[tuple[str, int, int, str]]]:
    parsed = read_yaml(PATH, raw, locate=False)
    return parsed.data, [(d.code, d.line, d.column, d.message) for d in parsed.diagnostics]


@pytest.mark.parametrize(("name", "raw"), CASES, ids=[name for name, _ in CASES])
def test_the_fast_path_reads_as_libyaml_does(name: str, raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = read(raw)
    monkeypatch.setattr(rapidyaml, "plain_values", lambda text: None)
    assert fast == read(raw)


@pytest.fixture
def by_rapidyaml(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What rapidyaml gave for each file read since: its values, or None where it left the file to libyaml."""
    given: list[Any] = []
    real = rapidyaml.plain_values

    def spy(text: str) -> Any:
        given.append(real(text))
        return given[-1]

    monkeypatch.setattr(rapidyaml, "plain_values", spy)
    return given


def test_ordinary_reports_take_the_fast_path(by_rapidyaml: list[Any]) -> None:
    """Not a formality: the reports of the Jiangmen plan are read by rapidyaml, none left aside."""
    reports = sorted((ROOT / "tests" / "plans" / "jiangmen" / "reports").glob("*/*.yaml"))
    assert len(reports) == 44
    for path in reports:
        parsed = read_yaml(PATH, path.read_bytes(), locate=False)
        assert by_rapidyaml[-1] is not None and by_rapidyaml[-1] == parsed.data, path.name
    assert len(by_rapidyaml) == 44


def test_positions_of_a_file_read_fast_come_from_libyaml(by_rapidyaml: list[Any]) -> None:
    raw = ("unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\n"
           "tasks:\n  - task: 1\n    status: 已完成\n").encode()
    parsed = read_yaml(PATH, raw, locate=False)
    assert by_rapidyaml == [parsed.data]
    located = parsed.located()
    assert located.data == parsed.data
    assert tuple(located.positions.value(("tasks", 0, "status"))) == (6, 13)


def test_a_large_data_file_read_fast_is_located_under_its_own_limit(by_rapidyaml: list[Any]) -> None:
    """A units file over a report's 128 KB is read again with positions under the data files'
    limit, not refused as too large when a finding needs its line."""
    lines = ["units:"] + [f"  - name: 测试部门{i:05d}\n    kind: 部门" for i in range(4000)]
    raw = ("\n".join(lines) + "\n").encode()
    assert MAX_FILE_BYTES < len(raw) < MAX_DATA_FILE_BYTES
    parsed = read_yaml("data/units.yaml", raw, locate=False, max_bytes=MAX_DATA_FILE_BYTES)
    assert by_rapidyaml == [parsed.data] and parsed.diagnostics == []
    located = parsed.located()
    assert located.diagnostics == []
    assert tuple(located.positions.value(("units", 3999, "kind"))) == (3 + 2 * 3999, 11)


def test_a_file_of_more_nodes_than_zwxt_reads_is_left_to_libyaml() -> None:
    raw = ("items:\n" + "".join(f"  - {i}\n" for i in range(MAX_NODES // 2 + 1))).encode()
    assert rapidyaml.plain_values(raw.decode()) is None
    assert rapidyaml.plain_values("items:\n  - 1\n") == {"items": ["1"]}
