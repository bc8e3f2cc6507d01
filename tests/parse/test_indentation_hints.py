"""A key or list item at the wrong column is told which key to line up with and how many spaces."""

from __future__ import annotations

import pytest

from zwxt.parse import read_yaml

PATH = "reports/2018-07/市审计局.yaml"

# (case, file text, line, column, message)
MISALIGNED = [
    ("list item key under-indented to the dash (a Tab replaced by two spaces)",
     "tasks:\n  - task: 3\n  status: 进行中\n", 3, 3,
     "「status」应与第2行的「task」对齐，缩进 4 个空格（现在是 2 个）"),
    ("list item key one space short", "tasks:\n  - task: 3\n   status: 进行中\n", 3, 4,
     "「status」应与第2行的「task」对齐，缩进 4 个空格（现在是 3 个）"),
    ("list item key over-indented", "tasks:\n  - task: 3\n      status: 进行中\n", 3, 7,
     "「status」应与第2行的「task」对齐，缩进 4 个空格（现在是 6 个）"),
    ("list item key under a later key of its item",
     "tasks:\n  - task: 3\n    status: 推进中\n     progress: 已部署\n", 4, 6,
     "「progress」应与第3行的「status」对齐，缩进 4 个空格（现在是 5 个）"),
    ("top-level key over-indented", "unit: a\n  month: 2018-03\n", 2, 3,
     "「month」应与第1行的「unit」对齐，缩进 0 个空格（现在是 2 个）"),
    ("mapping key under-indented", "plans:\n  key_tasks: 完成\n next_steps: 继续\n", 3, 2,
     "「next_steps」应与第2行的「key_tasks」对齐，缩进 2 个空格（现在是 1 个）"),
    ("mapping key over-indented", "plans:\n  key_tasks: 完成\n   next_steps: 继续\n", 3, 4,
     "「next_steps」应与第2行的「key_tasks」对齐，缩进 2 个空格（现在是 3 个）"),
    ("list item over-indented", "tasks:\n  - task: 3\n    status: 推进中\n   - task: 4\n", 4, 4,
     "「- task」应与第2行的「- task」对齐，缩进 2 个空格（现在是 3 个）"),
    ("list item under-indented", "tasks:\n  - task: 3\n    status: 推进中\n - task: 4\n", 4, 2,
     "「- task」应与第2行的「- task」对齐，缩进 2 个空格（现在是 1 个）"),
    ("top-level key after a block of text, short of the text's indentation",
     "unit: a\nprogress: |\n  本月推进。\n tasks:\n  - task: 3\n", 4, 2,
     "「tasks」应与第2行的「progress」对齐，缩进 0 个空格（现在是 1 个）"),
]


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
@pytest.mark.parametrize(("text", "line", "column", "message"), [c[1:] for c in MISALIGNED],
                         ids=[c[0] for c in MISALIGNED])
def test_a_misaligned_line_is_told_what_to_line_up_with(composer: str, locate: bool, text: str, line: int,
                                                       column: int, message: str) -> None:
    (diagnostic,) = read_yaml(PATH, text.encode(), locate).diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message) == \
        ("Y001", line, column, message)
    spaces = message.split("缩进 ")[1].split(" ")[0]
    assert f"改成 {spaces} 个空格" in diagnostic.hint


def test_a_block_of_text_above_offers_nothing_to_line_up_with(composer: str) -> None:
    # (the text's `ref: x` looks like a key at column 2; the key after it lines up with `progress`)
    text = "progress: |\n  第一段\n  ref: x\nunit: a\n   month: 2018-03\n"
    (diagnostic,) = read_yaml(PATH, text.encode()).diagnostics
    assert diagnostic.message == "「month」应与第4行的「unit」对齐，缩进 0 个空格（现在是 3 个）"


def test_a_line_at_a_column_in_use_keeps_the_parser_s_explanation(composer: str) -> None:
    text = "unit: a\nprogress: 时间: 10点\n"
    (diagnostic,) = read_yaml(PATH, text.encode()).diagnostics
    assert diagnostic.message == "YAML 语法错误：此处不能出现“键: 值”"
