"""Textual edits of data files keep every comment, blank line and key order outside the edit."""

from __future__ import annotations

from pathlib import Path

from zwxt.parse import append_items, replace_block

UNITS = Path(__file__).resolve().parent.parent / "plans" / "jiangmen" / "data" / "units.yaml"

TASKS = """\
# 工作方案（注释要保留）
plan:
  title: 方案  # 行尾注释
  aspects:
    - name: 自查

# 任务分工表
tasks:
  - id: 1
    text: 旧的
  # 任务之间的注释
  - id: 2
    text: 旧的二
"""


def test_the_tasks_block_is_replaced_and_all_before_it_kept_byte_for_byte() -> None:
    new = replace_block("data/tasks.yaml", TASKS, "tasks", "tasks:\n  - id: 9\n    text: 新的\n")
    head = TASKS[: TASKS.index("tasks:\n")]
    assert new == head + "tasks:\n  - id: 9\n    text: 新的\n"


def test_a_block_in_the_middle_is_replaced_up_to_the_comments_of_the_next_key() -> None:
    text = "tasks:\n  - id: 1\n\n# 方案\nplan:\n  title: x\n"
    new = replace_block("data/tasks.yaml", text, "tasks", "tasks:\n  - id: 2\n")
    assert new == "tasks:\n  - id: 2\n\n# 方案\nplan:\n  title: x\n"


def test_a_missing_block_is_added_at_the_end_and_line_endings_are_kept() -> None:
    added = replace_block("t", "plan:\n  title: x", "tasks", "tasks: []\n")
    assert added == "plan:\n  title: x\n\ntasks: []\n"
    crlf = TASKS.replace("\n", "\r\n")
    new = replace_block("t", crlf, "tasks", "tasks:\n  - id: 9\n")
    assert new.endswith("tasks:\r\n  - id: 9\r\n") and "\n" not in new.replace("\r\n", "")


def test_units_are_appended_after_the_last_unit_with_every_comment_and_the_order_kept() -> None:
    text = UNITS.read_text(encoding="utf-8")
    new = append_items("data/units.yaml", text, "units", ["# 新加的", "- name: 市大数据局\n  kind: 部门"])
    assert new is not None
    last_unit_end = len(text[: text.index("\ngroups:")].rstrip())
    before, after = text[:last_unit_end] + "\n", text[last_unit_end + 1:]
    assert new == before + "  # 新加的\n  - name: 市大数据局\n    kind: 部门\n" + after
    assert new.replace("  # 新加的\n  - name: 市大数据局\n    kind: 部门\n", "", 1) == text


def test_a_list_that_is_not_written_item_by_item_cannot_be_appended_to() -> None:
    assert append_items("u", "units: [{name: a, kind: 部门}]\n", "units", ["- name: b"]) is None
    assert append_items("u", "groups: []\n", "units", ["- name: b"]) is None
    assert append_items("u", "- a\n", "units", ["- name: b"]) is None
