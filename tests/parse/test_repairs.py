"""The mechanical repairs: each found alone where it was typed, made alone, and nothing else touched."""

from __future__ import annotations

import pytest

from zwxt.parse import mended_bytes, read_mended
from zwxt.parse.repairs import SYNONYMS, ColumnMap, Repair
from zwxt.positions import Mark

PATH = "reports/2018-07/市审计局.yaml"
HEAD = "unit: 市审计局\nmonth: 2018-07\nlead_office: 办公室\n"


def fixed(text: str) -> str:
    return mended_bytes(PATH, text.encode())[0].decode()


def found(text: str) -> list[tuple[str, int, int, str, str]]:
    return [(r.code, r.line, r.column, r.old, r.new) for r in read_mended(PATH, text.encode()).repairs]


# (case, text as typed, the repair, the text mended)
EACH_ALONE = [
    ("full-width colon after a key", "unit: 市审计局\nmonth： 2018-07\nlead_office: 办公室\n",
     ("Y002", 2, 6, "：", ":"), HEAD),
    ("full-width colon with nothing after it", HEAD + "plans：\n  key_tasks: 无\n",
     ("Y002", 4, 6, "：", ":"), HEAD + "plans:\n  key_tasks: 无\n"),
    ("full-width colon right before the value", "unit: 市审计局\nmonth：2018-07\nlead_office: 办公室\n",
     ("Y002", 2, 6, "：", ": "), HEAD),
    ("full-width colon in a list item", HEAD + "tasks:\n  - task：1\n    status: 推进中\n",
     ("Y002", 5, 9, "：", ": "), HEAD + "tasks:\n  - task: 1\n    status: 推进中\n"),
    ("missing space after a colon", "unit: 市审计局\nmonth:2018-07\nlead_office: 办公室\n",
     ("Y001", 2, 7, "", " "), HEAD),
    ("missing space in a list item", HEAD + "tasks:\n  - task: 1\n    status:推进中\n",
     ("Y001", 6, 12, "", " "), HEAD + "tasks:\n  - task: 1\n    status: 推进中\n"),
    ("a Tab lined up with the key above", HEAD + "tasks:\n  - task: 1\n\tstatus: 推进中\n",
     ("Y003", 6, 1, "\t", "    "), HEAD + "tasks:\n  - task: 1\n    status: 推进中\n"),
    ("a Tab after spaces", HEAD + "plans:\n  key_tasks: 无\n  \tnext_steps: 无\n",
     ("Y003", 6, 1, "  \t", "  "), HEAD + "plans:\n  key_tasks: 无\n  next_steps: 无\n"),
    ("a Tab beginning a block", HEAD + "plans:\n\tkey_tasks: 无\n",
     ("Y003", 5, 1, "\t", "    "), HEAD + "plans:\n    key_tasks: 无\n"),
    ("a status's synonym", HEAD + "tasks:\n  - task: 1\n    status: 进行中\n",
     ("S004", 6, 13, "进行中", "推进中"), HEAD + "tasks:\n  - task: 1\n    status: 推进中\n"),
    ("a quoted synonym", HEAD + "tasks:\n  - task: 1\n    status: '完成'\n    completed: 2018-07-02\n",
     ("S004", 6, 14, "完成", "已完成"),
     HEAD + "tasks:\n  - task: 1\n    status: '已完成'\n    completed: 2018-07-02\n"),
    ("a month in full-width digits", "unit: 市审计局\nmonth: ２０１８-０７\nlead_office: 办公室\n",
     ("S005", 2, 8, "２０１８-０７", "2018-07"), HEAD),
    ("a date in full-width digits and hyphens",
     HEAD + "tasks:\n  - task: 1\n    status: 已完成\n    completed: ２０１８－０７－０２\n",
     ("S005", 7, 16, "２０１８－０７－０２", "2018-07-02"),
     HEAD + "tasks:\n  - task: 1\n    status: 已完成\n    completed: 2018-07-02\n"),
]


@pytest.mark.parametrize(("text", "repair", "after"), [c[1:] for c in EACH_ALONE],
                         ids=[c[0] for c in EACH_ALONE])
def test_each_repair_alone(composer: str, text: str, repair: tuple[str, int, int, str, str],
                           after: str) -> None:
    assert found(text) == [repair]
    assert fixed(text) == after
    assert found(after) == []


@pytest.mark.parametrize("synonym", sorted(SYNONYMS))
def test_every_synonym_becomes_its_status(synonym: str) -> None:
    text = HEAD + f"tasks:\n  - task: 1\n    status: {synonym}\n"
    assert fixed(text) == HEAD + f"tasks:\n  - task: 1\n    status: {SYNONYMS[synonym].value}\n"


# Text that looks like a mistake but is not mechanically one: left as typed, in a file that has a
# mechanical mistake too (line 2), so that the repairs are looked for.
NOT_REPAIRED = [
    ("a status that does not say done", "tasks:\n  - task: 1\n    status: 基本完成\n"),
    ("a status started but not said how far", "tasks:\n  - task: 1\n    status: 已启动\n"),
    ("a colon in a list of names", "aliases:\n  - 审计:总部\n  - 审计局\n"),
    ("a colon in a block of text", "progress: |\n  会议: 下午\n  地点:会议室\n"),
    ("a full-width colon in a block of text", "progress: |\n  完成情况：良好\n  地点：会议室\n"),
    ("a line of text going on below its key", "progress: 完成了\n  审计:共3个\n"),
    ("a time and a link", "progress: 会议 10:30，见 http://x.cn\n"),
    ("a full-width colon in a value", "progress: 完成情况：良好\n"),
    ("a date in full-width digits in free text", "progress: ２０１８-０７\n"),
    ("a Tab inside a value", "progress: 第一\t第二\n"),
]


@pytest.mark.parametrize("tail", [c[1] for c in NOT_REPAIRED], ids=[c[0] for c in NOT_REPAIRED])
def test_what_is_not_mechanical_is_left_as_typed(tail: str) -> None:
    text = "unit: 市审计局\nmonth：2018-07\nlead_office: 办公室\n" + tail
    assert found(text) == [("Y002", 2, 6, "：", ": ")]
    assert fixed(text) == HEAD + tail


def test_a_file_without_a_mechanical_mistake_comes_back_as_the_same_bytes() -> None:
    raw = b"\xef\xbb\xbfunit: a\r\n# \xe6\xb3\xa8\r\n\r\nmonth: 2018-07\r\nprogress: x\t\r\n"
    assert mended_bytes(PATH, raw)[0] is raw


def test_byte_order_mark_line_ends_comments_and_blank_lines_are_kept() -> None:
    raw = ("\ufeff# 审计局的月报\r\nunit: 市审计局\r\n\r\nmonth：2018-07  # 七月\r\nlead_office:办公室\r"
           "tasks:\n  - task: 1\n\tstatus: 进行中\n").encode()
    after = ("\ufeff# 审计局的月报\r\nunit: 市审计局\r\n\r\nmonth: 2018-07  # 七月\r\nlead_office: 办公室\r"
             "tasks:\n  - task: 1\n    status: 推进中\n").encode()
    assert mended_bytes(PATH, raw)[0] == after
    assert mended_bytes(PATH, after)[0] is after


def test_mistakes_below_a_syntax_error_no_repair_gets_past_are_left() -> None:
    text = 'unit: "市审计局\nmonth：2018-07\nlead_office:办公室\n'
    mended = read_mended(PATH, text.encode())
    assert mended.repairs == ()
    assert len(mended.parsed.diagnostics) == 1
    assert fixed(text) == text


def test_repairs_above_a_syntax_error_are_kept_and_the_error_told_where_it_was_typed() -> None:
    text = "unit: 市审计局\nmonth：2018-07\nlead_office: [办公室\n"
    mended = read_mended(PATH, text.encode())
    assert [(r.code, r.line) for r in mended.repairs] == [("Y002", 2)]
    (remaining,) = mended.parsed.diagnostics
    assert (remaining.code, remaining.line) == ("Y001", 4)


def test_positions_of_the_mended_text_are_those_of_the_text_as_typed() -> None:
    text = ("unit: 市审计局\nmonth:2018-07\nlead_office: 办公室\n"
            "tasks:\n  - task: 1\n\tstatus: 进行中  # 本月\n")
    parsed = read_mended(PATH, text.encode()).parsed
    assert parsed.positions.values[("month",)] == Mark(2, 7)
    assert parsed.positions.keys[("tasks", 0, "status")] == Mark(6, 2)
    assert parsed.positions.values[("tasks", 0, "status")] == Mark(6, 10)


def test_columns_inside_and_after_a_replacement_are_taken_back() -> None:
    columns = ColumnMap([Repair(1, 1, "\t", "    ", "Y003", "", ""), Repair(1, 9, "", " ", "Y001", "", "")])
    # typed "\tstatus:进行中", mended "    status: 进行中"
    assert [columns.back(Mark(1, c)).column for c in (1, 4, 5, 11, 12, 13, 14)] == [1, 1, 2, 8, 9, 9, 10]
    assert columns.back(Mark(2, 7)) == Mark(2, 7)
