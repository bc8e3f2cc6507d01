"""Any bytes in any file of a plan give a clean load or located findings, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import zwxt
from tests.properties.strategies import (
    REPORT,
    VALID_REPORTS,
    assert_located,
    errors_in,
    hostile_bytes,
    mutated_report,
)
from tests.support import plan_files
from zwxt.load import Keep
from zwxt.store import layout


def _lines(raw: bytes) -> int:
    """At most how many lines an editor may count in ``raw``, whatever it takes for a break."""
    return len(raw.decode("utf-8", errors="replace").splitlines()) + 1


def _assert_report_loads_or_is_refused(rel: str, raw: bytes) -> None:
    plan = plan_files()
    plan.write(rel, raw)
    loaded = plan.load(keep=Keep(paths=frozenset({rel})))
    for d in loaded.diagnostics:
        assert_located(d)
        assert d.line <= _lines(raw) or d.path != rel, d
    counted = any(k.path == rel for k in loaded.kept)
    refused = errors_in(loaded.diagnostics, rel)
    # neither counted nor refused: the file vanished without a word
    assert counted or refused, loaded.diagnostics
    assert not (counted and refused), refused
    assert not errors_in(loaded.diagnostics, *layout.DATA_FILES)
    assert zwxt.open(plan.files).findings == loaded.diagnostics


# Found by these properties; see the final report of the branch `prop`:
# a C1 control character (U+0080–U+009F but U+0085) anywhere raises ruamel's ReaderError,
# and a document that is null (`~`, `null`, a lone tag `!` or anchor `&a`) leaves a report
# counted nowhere and refused nowhere, and a data file unusable without a finding.
@given(hostile_bytes)
@example(raw=b"\xc2\x80")
@example(raw=b"progress: |\n  \xc2\x9f\n")
@example(raw=b"~")
@example(raw=b"!")
def test_any_bytes_as_a_report(raw: bytes) -> None:
    _assert_report_loads_or_is_refused(REPORT, raw)


@pytest.mark.slow
@given(mutated_report())
@example(text="\x80" + VALID_REPORTS[0])
def test_a_valid_report_with_random_edits(text: str) -> None:
    _assert_report_loads_or_is_refused(REPORT, text.encode("utf-8"))


def test_the_unedited_reports_are_valid() -> None:
    for text in VALID_REPORTS:
        plan = plan_files()
        plan.write(REPORT, text)
        loaded = plan.load(keep=Keep(paths=frozenset({REPORT})))
        assert [k.path for k in loaded.kept] == [REPORT], loaded.diagnostics


@given(st.sampled_from(layout.DATA_FILES), hostile_bytes)
@example(rel=layout.UNITS_FILE, raw=b"null")
@example(rel=layout.TASKS_FILE, raw=b"&a")
@example(rel=layout.TASKS_FILE, raw=b"plan: \xc2\x80\n")
def test_any_bytes_as_a_data_file(rel: str, raw: bytes) -> None:
    plan = plan_files()
    plan.report("2018-03", "市审计局")
    plan.write(rel, raw)
    loaded = plan.load()
    for d in loaded.diagnostics:
        assert_located(d)
        if d.path == rel:
            assert d.line <= _lines(raw), d
    usable = loaded.plan is not None and not errors_in(loaded.diagnostics, *layout.DATA_FILES)
    # a plan that cannot be used must say where it is broken
    assert usable or errors_in(loaded.diagnostics, *layout.DATA_FILES), loaded.diagnostics
    assert zwxt.open(plan.files).findings == loaded.diagnostics
