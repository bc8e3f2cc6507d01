"""report new carries last month's words into the draft exactly: the draft reads back the same.

Whatever text the loader accepts in last month's report (written by a person, so plain,
quoted or as a block) must come back from the draft unchanged, through zwxt's own loader.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, reject
from hypothesis import strategies as st

from tests.properties.strategies import examples, free_text, on_disk, written
from tests.support import TASKS_YAML, UNITS_YAML
from zwxt.dates import Month
from zwxt.diagnostics import Severity
from zwxt.load import Keep, load
from zwxt.plan.report import PLACEHOLDER, Report
from zwxt.services.scaffold import new_report
from zwxt.store.repo import InMemory

UNIT = "市网信统筹局"
PREVIOUS = "reports/2018-02/市网信统筹局.yaml"



@st.composite
def previous_report(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    values = {"lead_office": draw(free_text), "contact": draw(free_text), "progress": draw(free_text)}
    styles = st.sampled_from(["plain", "single", "double", "block"])
    lead = written(values["lead_office"], draw(styles), 0)
    contact = written(values["contact"], draw(styles), 0)
    progress = written(values["progress"], draw(styles), 4)
    text = (f"unit: {UNIT}\nmonth: 2018-02\nlead_office: {lead}\ncontact: {contact}\ntasks:\n"
            "  - task: 1\n    status: 已完成\n    completed: 2018-01-15\n"
            f"  - task: 4\n    status: 推进中\n    progress: {progress}\n"
            "    metrics:\n      开放数据集: 120\n")
    return text, values


def _loaded(files: dict[str, str | bytes], rel: str, until: Month) -> Report | None:
    loaded = load(InMemory(files), until=until, keep=Keep(paths=frozenset({rel})))
    return next((k.record for k in loaded.kept if k.path == rel), None)


@given(previous_report())
@example(("unit: 市网信统筹局\nmonth: 2018-02\nlead_office: 办公室\ncontact: '说明:\u3000本月完成'\n"
          "tasks:\n  - task: 1\n    status: 已完成\n    completed: 2018-01-15\n"
          "  - task: 4\n    status: 推进中\n    progress: \"一\\r二\\t三\\u00a0四\"\n    metrics:\n"
          "      开放数据集: 120\n", {}))
@pytest.mark.slow
@examples(0.5)
def test_the_draft_reads_back_last_months_words(previous: tuple[str, dict[str, str]]) -> None:
    text, _ = previous
    files: dict[str, str | bytes] = {"data/units.yaml": UNITS_YAML, "data/tasks.yaml": TASKS_YAML,
                                     PREVIOUS: text}
    before = _loaded(files, PREVIOUS, Month(2018, 2))
    if before is None:
        reject()  # not a text the loader accepts: nothing to carry forward
    with on_disk(files) as repo:
        draft = new_report(repo, UNIT, Month(2018, 3))
    files[draft.rel] = draft.text
    loaded = load(InMemory(files), keep=Keep(paths=frozenset({draft.rel})))
    # (Y010, invisible characters, is a warning the text carried from last month had there too)
    problems = [d for d in loaded.diagnostics if d.path == draft.rel
                and (d.severity is Severity.ERROR or (d.code.startswith("Y") and d.code != "Y010"))]
    assert problems == [], draft.text
    after = next(k.record for k in loaded.kept if k.path == draft.rel)
    assert after.lead_office == before.lead_office, draft.text
    # an empty field of last month's is carried as the placeholder, for staff to fill in
    assert after.contact == (before.contact or PLACEHOLDER), draft.text
    was, now = before.entry(4), after.entry(4)
    assert was is not None and now is not None
    assert (now.status, now.progress, now.metrics) == \
        (was.status, was.progress or PLACEHOLDER, was.metrics), draft.text
