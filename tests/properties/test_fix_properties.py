"""check --fix mends only what is mechanical: a valid report is never changed, and fixing is done once.

The reports hold free text of every kind (tests/properties/strategies.py: full-width colons,
`key:value` in text, Tabs, quotes, blocks), written plain, quoted or as a block.
"""

from __future__ import annotations

from hypothesis import example, given, reject
from hypothesis import strategies as st

from tests.properties.strategies import (
    VALID_REPORTS,
    examples,
    free_text,
    mutated_report,
    written,
)
from tests.support import TASKS_YAML, UNITS_YAML
from zwxt.diagnostics import is_error
from zwxt.load import load_texts
from zwxt.parse import mended_bytes

REPORT = "reports/2018-03/市审计局.yaml"




@st.composite
def report_with_text(draw: st.DrawFn) -> str:
    styles = st.sampled_from(["plain", "single", "double", "block"])
    fields = [(key, draw(free_text), draw(styles)) for key in ("lead_office", "contact", "progress")]
    head = "".join(f"{key}: {written(text, style, 0)}\n" for key, text, style in fields)
    status = draw(st.sampled_from(["推进中", "未启动", "'推进中'", '"未启动"']))
    progress = written(draw(free_text), draw(styles), 4)
    return (f"unit: 市审计局\nmonth: 2018-03\n{head}tasks:\n  - task: 1\n    status: {status}\n"
            f"    progress: {progress}\n  - task: 2\n    status: 已完成\n    completed: 2018-03-20\n")


def _valid(text: str) -> bool:
    loaded = load_texts({"data/units.yaml": UNITS_YAML, "data/tasks.yaml": TASKS_YAML, REPORT: text})
    return not any(is_error(d) for d in loaded.diagnostics)


@given(st.one_of(report_with_text(), st.sampled_from(VALID_REPORTS)))
@example("unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\nprogress: 'key_tasks:无\n  status：进行中'\n"
         "tasks:\n  - task: 1\n    status: 推进中\n  - task: 2\n    status: 推进中\n")
@examples(0.5)
def test_fix_changes_nothing_in_a_valid_report(text: str) -> None:
    if not _valid(text):
        reject()
    raw = text.encode("utf-8")
    after, mended = mended_bytes(REPORT, raw)
    assert after == raw and mended.repairs == (), text


@given(mutated_report())
# (line 5 stands as a key only once line 6 is repaired: the repairs are looked for again)
@example("unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\ntasks:\n  - task:[ 1\n  - task:[ 1\n"
         "    status: 推进中\n")
@examples(0.5)
def test_fixing_twice_is_fixing_once_and_keeps_every_line(text: str) -> None:
    try:
        once, _ = mended_bytes(REPORT, text.encode("utf-8"))
    except UnicodeEncodeError:  # (a lone surrogate: no file holds one)
        reject()
    twice, _ = mended_bytes(REPORT, once)
    assert twice == once, text
    assert once.count(b"\n") == text.encode("utf-8").count(b"\n"), text
