"""Rendering a valid report whatever its text: Word and Markdown never fail, and hold the words."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from tests.properties.strategies import double_quoted, examples, free_text, on_disk
from tests.support import TASKS_YAML, UNITS_YAML
from zwxt.documents.document import one_line, split_paragraphs
from zwxt.documents.markdown_writer import escape
from zwxt.load import Keep, load
from zwxt.plan.report import Report
from zwxt.services.render import OutputFormat, render_reports
from zwxt.store.repo import InMemory

REPORT = "reports/2018-03/市审计局.yaml"
FIELDS = ["progress", "problems", "key_tasks", "next_steps", "cases", "suggestions",
          "task_progress", "narrative", "aspect"]


@st.composite
def report_with_text(draw: st.DrawFn) -> str:
    q = {name: double_quoted(draw(free_text)) for name in [*FIELDS, "lead_office", "contact"]}
    return f"""\
unit: 市审计局
month: 2018-03
lead_office: {q["lead_office"]}
contact: {q["contact"]}
progress: {q["progress"]}
tasks:
  - task: 1
    status: 已完成
    completed: 2018-03-20
    progress: {q["task_progress"]}
    narrative: {q["narrative"]}
  - task: 2
    status: 推进中
aspects:
  自查: {q["aspect"]}
problems: {q["problems"]}
plans:
  key_tasks: {q["key_tasks"]}
  next_steps: {q["next_steps"]}
cases: {q["cases"]}
suggestions: {q["suggestions"]}
"""


def _texts(record: Report) -> list[str | None]:
    entry = record.entry(1)
    assert entry is not None
    return [record.progress, record.problems, record.plans.key_tasks, record.plans.next_steps,
            record.cases, record.suggestions, entry.progress, entry.narrative, record.aspects["自查"]]


@pytest.mark.slow
@given(report_with_text())
@examples(0.1)
def test_any_text_of_a_valid_report_renders_into_word_and_markdown(text: str) -> None:
    import docx

    files = {"data/units.yaml": UNITS_YAML, "data/tasks.yaml": TASKS_YAML, REPORT: text}
    loaded = load(InMemory(files), keep=Keep(paths=frozenset({REPORT})))
    record = next((k.record for k in loaded.kept if k.path == REPORT), None)
    if record is None:
        reject()  # text the loader refuses never reaches a document
    with on_disk(files) as repo:
        rendered = render_reports(repo, [repo.path(REPORT)], None, [OutputFormat.docx, OutputFormat.md],
                                  out=repo.root / "out")
        assert rendered.errors == []
        by_suffix = {Path(p).suffix: Path(p).read_bytes() for p in rendered.written}
    word = [p.text for p in docx.Document(io.BytesIO(by_suffix[".docx"])).paragraphs]
    markdown = by_suffix[".md"].decode("utf-8")
    # Each text is split into paragraphs where the writer of the report broke it (see
    # split_paragraphs); a paragraph reaches the document as it is, one Word paragraph each.
    for value in _texts(record):
        for paragraph in split_paragraphs(value):
            assert paragraph in word, (paragraph, word)
            assert escape(paragraph) in markdown, paragraph
    # the lead office stands on one line after the unit's words
    assert any(line.endswith("牵头部门：" + one_line(record.lead_office)) for line in word), word
