"""read_yaml: every kind of bad input located and explained in Chinese, and values typed as text."""

from __future__ import annotations

import re

import pytest

from zwxt.diagnostics import Diagnostic, Severity
from zwxt.parse import MAX_DATA_FILE_BYTES, MAX_FILE_BYTES, Parsed, key_without_space, read_yaml
from zwxt.positions import Mark

PATH = "reports/2018-03/市审计局.yaml"
CJK = re.compile("[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b(?!zwxt\b|Word\b|Tab\b)[A-Za-z]*[a-z]{2,}[A-Za-z]*")

BILLION_LAUGHS = """\
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""

# (case, file text, code, line, column); every case is checked on both composers and both paths.
BAD_INPUTS = [
    ("full-width colon after a key", "unit: 市审计局\nstatus：推进中\n", "Y002", 2, 7),
    ("full-width colon inside a list item", "tasks:\n  - task: 1\n    status：推进中\n", "Y002", 3, 11),
    ("full-width colon on the last key of a nested mapping",
     "plans:\n  key_tasks: 完成\n  next_steps：继续\n", "Y002", 3, 13),
    ("full-width space indenting a list item", "aliases:\n\u3000- 审计局\n", "Y007", 2, 1),
    ("full-width spaces indenting a key", "plans:\n\u3000\u3000key_tasks: 完成\n", "Y007", 2, 1),
    ("full-width space after half-width indentation", "plans:\n  key_tasks: 完成\n  \u3000next_steps: 继续\n",
     "Y007", 3, 3),
    ("full-width space after a colon, then more keys", "unit: a\nstatus:\u3000推进中\nmonth: 2018-03\n",
     "Y007", 2, 8),
    ("full-width space after a colon in a nested mapping", "plans:\n  key_tasks:\u3000完成\n", "Y007", 2, 13),
    ("full-width space after a colon in a list item", "tasks:\n  - task:\u30001\n", "Y007", 2, 10),
    ("full-width space after a colon as the whole file", "status:\u3000推进中\n", "Y007", 1, 8),
    ("tab indenting a key", "plans:\n\tkey_tasks: 完成\n", "Y003", 2, 1),
    ("tab after spaces", "plans:\n  key_tasks: 完成\n  \tnext_steps: 继续\n", "Y003", 3, 3),
    ("duplicate top-level key", "unit: 市审计局\nmonth: 2018-03\nunit: 审计局\n", "Y004", 3, 1),
    ("duplicate key inside a list item",
     "tasks:\n  - task: 1\n    status: 推进中\n    task: 2\n", "Y004", 4, 5),
    ("duplicate key in a later list item",
     "tasks:\n  - task: 1\n  - task: 2\n    metrics:\n      开放数据集: 1\n      开放数据集: 2\n",
     "Y004", 6, 7),
    ("alias bomb", BILLION_LAUGHS, "Y005", 1, 32),
    ("alias referring to its own anchor", "a: &x\n  b: *x\n", "Y005", 1, 4),
    ("alias referring to its own anchor in a list", "a: &x [1, *x]\n", "Y005", 1, 4),
    ("70 nested brackets", "a: " + "[" * 70 + "]" * 70 + "\n", "Y005", 1, 68),
    ("60,000 nested brackets", "a: " + "[" * 60_000 + "]" * 60_000 + "\n", "Y005", 1, 68),
    ("60,000 compact nested lists", "- " * 60_000 + "x\n", "Y005", 1, 131),
    ("200 indented mappings", "".join(" " * i + "k:\n" for i in range(200)) + " " * 200 + "k: v\n",
     "Y005", 66, 66),
    ("bell character", "unit: a\nprogress: 完成\x07了\n", "Y006", 2, 13),
    ("vertical tab", "unit: a\nprogress: 完成\x0b\n", "Y006", 2, 13),
    ("C1 control character from mojibake", "unit: a\nprogress: 瀹屾垚\x85浜哰\n", "Y006", 2, 14),
    ("byte order mark inside a value", "unit: a\nlead_office: 办\ufeff公室\n", "Y006", 2, 15),
    ("replacement character from a wrong decoding", "unit: a\nprogress: 完成\ufffd了\n", "Y006", 2, 13),
    ("C1 control character in a key", "unit: a\npro\x9agress: 完成\n", "Y006", 2, 4),
    ("line separator in text", "unit: a\nprogress: 第一段\u2028第二段\n]\n", "Y006", 2, 14),
    ("paragraph separator in a comment", "# 说明\u2029\nunit: a\n", "Y006", 1, 5),
    ("C1 control character written as an escape", 'unit: a\nprogress: "完成\\N"\n', "Y006", 2, 11),
    ("line separator written as an escape", 'unit: a\nprogress: "完成\\L"\n', "Y006", 2, 11),
    ("explicit integer tag", "unit: a\ntasks:\n  - task: !!int 3\n", "Y009", 3, 11),
    ("binary tag", "unit: a\nprogress: !!binary aGVsbG8=\n", "Y009", 2, 11),
    ("custom tag on a mapping", "unit: a\nplans: !plan\n  key_tasks: 完成\n", "Y009", 2, 8),
    ("custom tag on a list item", "aliases:\n  - !x 审计局\n", "Y009", 2, 5),
    ("YAML version directive", "%YAML 2.0\n---\nunit: a\n", "Y001", 1, 1),
    ("a syntax error after CR-only line ends", "unit: a\rmonth: 2018-03\rplans: [\r", "Y001", 4, 1),
    ("control character with CRLF line ends", "unit: a\r\nprogress: x\x07\r\n", "Y006", 2, 12),
    ("DEL character", "a: x\x7f\n", "Y006", 1, 5),
    ("control character written as an escape", 'unit: a\nprogress: "完成\\a"\n', "Y006", 2, 11),
    ("flow mapping as a key", "{a: 1}: c\n", "Y008", 1, 1),
    ("explicit list key", "? [a, b]\n: c\n", "Y008", 1, 3),
    ("unclosed double quote", 'unit: "市审计局\nmonth: 2018-03\n', "Y001", 3, 1),
    ("unclosed single quote", "unit: '市审计局\n", "Y001", 2, 1),
    ("unclosed bracket", "aliases: [审计局, 网信局\nmonth: 2018-03\n", "Y001", 2, 6),
    ("unclosed brace", "a: {b: 1\nc: 3\n", "Y001", 2, 2),
    ("key indented deeper than its sibling", "unit: a\n  month: 2018-03\n", "Y001", 2, 3),
    ("key indented less than its sibling", "a:\n    b: 1\n  c: 2\n", "Y001", 3, 3),
    ("list item out of line", "tasks:\n  - task: 1\n   status: 推进中\n", "Y001", 3, 4),
    ("line without a colon", "unit: a\nmonth\nlead_office: 办公室\n", "Y001", 3, 1),
    ("two documents", "unit: a\n---\nunit: b\n", "Y001", 2, 1),
    ("document end marker followed by more", "unit: a\n...\nunit: b\n", "Y001", 3, 1),
    ("value starting with @", "progress: @所有人\n", "Y001", 1, 11),
    ("value starting with a closing bracket", "progress: ]\n", "Y001", 1, 11),
    ("undefined alias", "progress: *x\n", "Y001", 1, 11),
    # `key:value` with no space after the colon: at the character after the colon, not where
    # the parser stopped (the next line with content).
    ("no space after a colon inside a report's task",
     "unit: 市审计局\nmonth: 2018-03\ntasks:\n  - task: 1\n    status:推进中\n    progress: 已部署\n",
     "Y001", 5, 12),
    ("no space after a colon at the top of a file", "unit:市审计局\nmonth: 2018-03\n", "Y001", 1, 6),
    ("no space after a colon before a top-level key", "unit: a\nstatus:推进中\nmonth: 2018-03\n",
     "Y001", 2, 8),
    ("no space after the colon of a list item's first key", "tasks:\n  - task:1\n    status: 推进中\n",
     "Y001", 2, 10),
    ("no space after a colon on the last line of a list item", "tasks:\n  - task: 1\n    status:推进中\n",
     "Y001", 3, 12),
    ("no space after a Chinese metric name",
     "tasks:\n  - task: 14\n    metrics:\n      开放数据集:412\n      数据应用: 3\n", "Y001", 4, 13),
    ("no space after a Chinese aspect name", "aspects:\n  自查: 测试\n  清理:本局完成\nproblems: 无\n",
     "Y001", 3, 6),
    ("no space after a colon in a nested mapping", "plans:\n  key_tasks:无\n  next_steps: 继续\n",
     "Y001", 2, 13),
    ("no space after a colon, then blank lines and a comment",
     "unit:市审计局\n\n# 注释\n\nmonth: 2018-03\n", "Y001", 1, 6),
    ("no space after the colons of several lines", "unit:市审计局\nmonth:2018-03\nlead_office: 办公室\n",
     "Y001", 1, 6),
    ("no space after a colon below a block of text",
     "plans:\n  key_tasks: |\n    内容\n  next_steps:继续\ncases: 无\n", "Y001", 4, 14),
    ("no space after a colon with CRLF line ends", "unit: a\r\nstatus:推进中\r\nmonth: 2018-03\r\n",
     "Y001", 2, 8),
]

# English colons that are text, near a syntax error: the error is reported as it is, not as a
# missing space after the colon. (case, file text, line, column of the syntax error)
COLONS_IN_TEXT = [
    ("a time in text", "unit: a\nprogress: 会议时间 10:30\n  b: c\n", 3, 3),
    ("a time as a list item", "unit: a\ntimes:\n  - 12:30\n  b: c\n", 4, 3),
    ("a URL as a list item", "unit: a\nlinks:\n  - http://x\n  b: c\n", 4, 3),
    ("quoted text", "unit: a\nprogress: 'status:推进中'\n  b: c\n", 3, 3),
    ("a quoted list item", 'unit: a\ntasks:\n  - "status:推进中"\n  b: c\n', 4, 3),
    ("a line of a block of text", "progress: |\n  第一段\n  ref:abc\n]\n", 4, 1),
    ("a line of quoted text", 'progress: "第一行\n  note:abc"\n]\n', 3, 1),
]

# Problems found before YAML is parsed: the composer plays no part.
FILE_PROBLEMS = [
    ("UTF-16 with a little-endian BOM", "unit: 市审计局\n".encode("utf-16"), "F002", 1, 1),
    ("UTF-16 with a big-endian BOM", b"\xfe\xff" + "unit: 市审计局\n".encode("utf-16-be"), "F002", 1, 1),
    ("UTF-16 without a BOM", "unit: 市审计局\n".encode("utf-16-le"), "F002", 1, 1),
    ("UTF-16 without a BOM, big-endian", "unit: 市审计局\n".encode("utf-16-be"), "F002", 1, 1),
    ("UTF-32 with a BOM", "unit: 市审计局\n".encode("utf-32"), "F002", 1, 1),
    ("UTF-32 without a BOM", "unit: 市审计局\n".encode("utf-32-le"), "F002", 1, 1),
    ("UTF-32 without a BOM, big-endian", "unit: 市审计局\n".encode("utf-32-be"), "F002", 1, 1),
    ("empty file", b"", "F003", 1, 1),
    ("only blank lines", b"  \n\n \r\n", "F003", 1, 1),
    ("only comments", "# 月报\n\n# 待填写\n".encode(), "F003", 1, 1),
    ("only a null", b"~\n", "F003", 1, 1),
    ("only a null after a comment and a document start", b"# c\n--- null\n", "F003", 1, 1),
    ("zip file", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "F004", 1, 1),
    ("over the size limit", b"a: " + b"x" * MAX_FILE_BYTES + b"\n", "F005", 1, 1),
]


def only(parsed: Parsed) -> Diagnostic:
    assert len(parsed.diagnostics) == 1, parsed.diagnostics
    return parsed.diagnostics[0]


def located(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return diagnostic.code, diagnostic.line, diagnostic.column


def assert_explained(diagnostic: Diagnostic) -> None:
    """An error with a Chinese message and a Chinese hint, for the file that was read."""
    assert diagnostic.path == PATH
    assert diagnostic.severity is Severity.ERROR
    assert CJK.search(diagnostic.message), diagnostic.message
    assert CJK.search(diagnostic.hint), diagnostic.hint
    # no English left from the parser's message (quoted keys aside), e.g. "did not find expected"
    assert not ENGLISH_WORD.search(re.sub("「[^」]*」", "", diagnostic.message)), diagnostic.message


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
@pytest.mark.parametrize(("text", "code", "line", "column"),
                         [case[1:] for case in BAD_INPUTS], ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_located_and_explained(composer: str, locate: bool, text: str, code: str,
                                            line: int, column: int) -> None:
    diagnostic = only(read_yaml(PATH, text.encode("utf-8"), locate))
    assert located(diagnostic) == (code, line, column)
    assert_explained(diagnostic)


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
@pytest.mark.parametrize(("text", "line", "column"),
                         [case[1:] for case in COLONS_IN_TEXT], ids=[case[0] for case in COLONS_IN_TEXT])
def test_english_colon_in_text_is_not_taken_for_a_missing_space(composer: str, locate: bool, text: str,
                                                                 line: int, column: int) -> None:
    diagnostic = only(read_yaml(PATH, text.encode(), locate))
    assert located(diagnostic) == ("Y001", line, column)
    # (the key indented deeper than the one above is told how to line up: zwxt.parse.indentation)
    assert diagnostic.message.startswith(("YAML 语法错误：", "「b」应与第"))
    assert "冒号后要加一个空格" not in diagnostic.message + diagnostic.hint
    assert_explained(diagnostic)


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
def test_missing_space_after_a_colon_says_how_to_write_the_line(composer: str, locate: bool) -> None:
    text = "unit: 市审计局\ntasks:\n  - task: 1\n    status:推进中  # 本月\n    progress: 已部署\n"
    diagnostic = only(read_yaml(PATH, text.encode(), locate))
    assert located(diagnostic) == ("Y001", 4, 12)
    assert diagnostic.message == "键「status」的冒号后要加一个空格"
    assert diagnostic.hint == "键和值之间要用英文冒号加一个空格分隔，写成 status: 推进中"


def test_missing_space_hint_shortens_a_long_value() -> None:
    text = "unit: a\nprogress:" + "完成" * 15 + "\nmonth: 2018-03\n"
    diagnostic = only(read_yaml(PATH, text.encode()))
    assert located(diagnostic) == ("Y001", 2, 10)
    assert diagnostic.hint == "键和值之间要用英文冒号加一个空格分隔，写成 progress: " + "完成" * 10 + "…"


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
def test_english_colons_in_text_parse_as_text(composer: str, locate: bool) -> None:
    text = ("a: 会议时间 10:30\nb: http://x\nc: 12:30\nd: 'status:推进中'\ne: |\n  ref:abc\n"
            "f:\n  - http://x\n  - 12:30\n")
    parsed = read_yaml(PATH, text.encode(), locate)
    assert parsed.diagnostics == []
    assert parsed.data == {"a": "会议时间 10:30", "b": "http://x", "c": "12:30", "d": "status:推进中",
                           "e": "ref:abc\n", "f": ["http://x", "12:30"]}


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
def test_key_without_space_that_parses_is_text_for_the_schema_to_explain(composer: str,
                                                                       locate: bool) -> None:
    parsed = read_yaml(PATH, "plans:\n  key_tasks:无\n".encode(), locate)
    assert parsed.diagnostics == []
    assert parsed.data == {"plans": "key_tasks:无"}


@pytest.mark.parametrize(("text", "found"), [
    ("key_tasks:无", ("key_tasks", "无")),
    ("status:推进中 progress:已部署", ("status", "推进中")),
    ("status:推进中\n", ("status", "推进中")),
    ("task:1", ("task", "1")),
    ("会议时间 10:30", None),
    ("12:30", None),
    ("http://x", None),
    ("status: 推进中", None),
    ("a::b", None),
    ("开放数据集:412", ("开放数据集", "412")),
    ("清理:本局完成 自查:已完成", ("清理", "本局完成")),
    ("2018年:完成", None),
])
def test_key_without_space_is_an_identifier_then_a_colon_then_text(
        text: str, found: tuple[str, str] | None) -> None:
    assert key_without_space(text) == found


@pytest.mark.parametrize(("raw", "code", "line", "column"),
                         [case[1:] for case in FILE_PROBLEMS], ids=[case[0] for case in FILE_PROBLEMS])
def test_unreadable_file_is_reported_without_data(raw: bytes, code: str, line: int, column: int) -> None:
    parsed = read_yaml(PATH, raw)
    assert located(only(parsed)) == (code, line, column)
    assert_explained(only(parsed))
    assert parsed.data is None


def test_file_of_exactly_the_size_limit_is_read() -> None:
    raw = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    parsed = read_yaml(PATH, raw)
    assert parsed.diagnostics == []
    assert parsed.data == {"a": "x" * (MAX_FILE_BYTES - 4)}


def test_a_lone_surrogate_written_as_an_escape_is_refused(composer: str) -> None:
    # libyaml refuses it as a syntax error, ruamel's pure reader reads it: either way not text
    diagnostic = only(read_yaml(PATH, b'unit: "\\ud800"\n'))
    assert diagnostic.code in ("Y001", "Y006") and diagnostic.line == 1
    assert_explained(diagnostic)


def test_size_message_gives_the_size_and_the_limit() -> None:
    diagnostic = only(read_yaml(PATH, b"a: " + b"x" * (3 * 1024 * 1024)))
    assert diagnostic.message == "文件过大（3.0 MB，上限 128 KB）"
    data_file = only(read_yaml(PATH, b"a: " + b"x" * (3 * 1024 * 1024), max_bytes=MAX_DATA_FILE_BYTES))
    assert data_file.message == "文件过大（3.0 MB，上限 2.0 MB）"


def test_a_report_just_under_the_limit_is_read() -> None:
    raw = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(raw) == MAX_FILE_BYTES
    assert read_yaml(PATH, raw).data == {"a": "x" * (MAX_FILE_BYTES - 4)}


def test_gbk_file_is_named_at_its_first_non_utf8_byte() -> None:
    raw = "unit: 市审计局\n".encode("gbk")
    diagnostic = only(read_yaml(PATH, raw))
    assert located(diagnostic) == ("F002", 1, 7)
    assert "GBK" in diagnostic.message
    assert "UTF-8" in diagnostic.hint
    assert_explained(diagnostic)


def test_gbk_byte_after_valid_utf8_lines_is_located_by_characters() -> None:
    raw = "unit: 市审计局\nmonth: 2018-03\n".encode() + "progress: 完成\n".encode("gbk")
    assert located(only(read_yaml(PATH, raw))) == ("F002", 3, 11)


def test_bytes_neither_utf8_nor_gbk_are_reported_as_invalid_utf8() -> None:
    diagnostic = only(read_yaml(PATH, b"unit: a\nlead_office: \xff\xff\n"))
    assert located(diagnostic) == ("F002", 2, 14)
    assert diagnostic.message == "文件不是有效的 UTF-8 编码"


def test_utf8_with_bom_is_read_with_positions_counted_after_the_bom(composer: str) -> None:
    parsed = read_yaml(PATH, "\ufeffunit: 市审计局\nmonth: 2018-03\n".encode())
    assert parsed.diagnostics == []
    assert parsed.data == {"unit": "市审计局", "month": "2018-03"}
    assert parsed.positions.keys[("unit",)] == Mark(1, 1)
    assert parsed.positions.values[("unit",)] == Mark(1, 7)
    assert parsed.positions.values[("month",)] == Mark(2, 8)


def test_error_after_a_bom_is_located_as_without_it() -> None:
    raw = "\ufeffunit: a\nstatus：推进中\n".encode()
    assert located(only(read_yaml(PATH, raw))) == ("Y002", 2, 7)


def test_every_control_character_is_reported() -> None:
    parsed = read_yaml(PATH, b"a: x\x07\nb: \x0by\x1f\n")
    assert [located(d) for d in parsed.diagnostics] == [("Y006", 1, 5), ("Y006", 2, 4), ("Y006", 2, 6)]
    assert parsed.data is None


def test_control_character_message_names_the_character() -> None:
    diagnostic = only(read_yaml(PATH, "progress: 完成\x0b\n".encode()))
    assert "U+000B" in diagnostic.message


def test_tab_and_newline_inside_text_are_not_control_characters() -> None:
    parsed = read_yaml(PATH, 'progress: "第一段\\t完成\\n第二段"\n'.encode())
    assert parsed.diagnostics == []
    assert parsed.data == {"progress": "第一段\t完成\n第二段"}


def test_duplicate_key_message_names_the_key_and_its_first_line() -> None:
    diagnostic = only(read_yaml(PATH, "tasks:\n  - task: 1\n    status: 推进中\n    task: 2\n".encode()))
    assert diagnostic.message == "键「task」重复出现（第一次在第 2 行）"


def test_duplicate_key_keeps_the_first_value() -> None:
    parsed = read_yaml(PATH, "unit: 市审计局\nunit: 审计局\n".encode())
    assert parsed.data == {"unit": "市审计局"}


def test_full_width_colon_inside_text_is_not_an_error() -> None:
    parsed = read_yaml(PATH, "progress: 备注：已完成\n".encode())
    assert parsed.diagnostics == []
    assert parsed.data == {"progress": "备注：已完成"}


def test_full_width_spaces_opening_a_paragraph_are_text(composer: str) -> None:
    parsed = read_yaml(PATH, "progress: |\n  \u3000\u3000我局高度重视。\n".encode())
    assert parsed.diagnostics == []
    assert parsed.data == {"progress": "\u3000\u3000我局高度重视。\n"}


def test_syntax_error_message_is_translated() -> None:
    diagnostic = only(read_yaml(PATH, "aliases: [审计局, 网信局\nmonth: 2018-03\n".encode()))
    assert diagnostic.message == "YAML 语法错误：方括号 [ ] 没有闭合，或列表项之间缺少英文逗号"


def test_two_documents_are_explained_as_such() -> None:
    diagnostic = only(read_yaml(PATH, b"unit: a\n---\nunit: b\n"))
    assert diagnostic.message == "YAML 语法错误：一个文件只能有一个 YAML 文档"


def test_nesting_message_names_the_limit() -> None:
    diagnostic = only(read_yaml(PATH, ("a: " + "[" * 70 + "]" * 70).encode()))
    assert diagnostic.message == "嵌套超过 64 层"


def test_nesting_of_64_levels_is_accepted() -> None:
    parsed = read_yaml(PATH, ("a: " + "[" * 63 + "x" + "]" * 63).encode())
    assert parsed.diagnostics == []


def test_alias_to_a_plain_anchor_is_expanded() -> None:
    parsed = read_yaml(PATH, "a: &x [审计局]\nb: *x\n".encode())
    assert parsed.diagnostics == []
    assert parsed.data == {"a": ["审计局"], "b": ["审计局"]}


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
def test_scalars_stay_text_as_the_schema_wants(composer: str, locate: bool) -> None:
    text = ("a: no\nb: on\nc: yes\nd: off\ne: '010'\nf: 010\ng: 1.0\nh: 2018-03-01\n"
            "i: 0x1F\nj: 1_000\nk: .inf\nl: True\nm: 12:30\n")
    parsed = read_yaml(PATH, text.encode(), locate)
    assert parsed.diagnostics == []
    assert parsed.data == {"a": "no", "b": "on", "c": "yes", "d": "off", "e": "010", "f": "010",
                           "g": "1.0", "h": "2018-03-01", "i": "0x1F", "j": "1_000", "k": ".inf",
                           "l": "True", "m": "12:30"}


@pytest.mark.parametrize("locate", [True, False], ids=["located", "fast"])
def test_only_unquoted_null_words_are_none(composer: str, locate: bool) -> None:
    text = "a:\nb: ~\nc: null\nd: NULL\ne: ''\nf: 'null'\ng: \"~\"\n"
    parsed = read_yaml(PATH, text.encode(), locate)
    assert parsed.data == {"a": None, "b": None, "c": None, "d": None, "e": "", "f": "null", "g": "~"}


NESTED = """\
unit: 市审计局
tasks:
  - task: 1
    status: 推进中
    metrics:
      开放数据集: 312
  - task: 2
    aliases: [审计局, 网信局]
"""


def test_positions_of_keys_and_values_inside_nested_lists(composer: str) -> None:
    positions = read_yaml(PATH, NESTED.encode()).positions
    assert positions.keys[("tasks",)] == Mark(2, 1)
    assert positions.values[("tasks",)] == Mark(3, 3)
    assert positions.values[("tasks", 0)] == Mark(3, 5)
    assert positions.keys[("tasks", 0, "status")] == Mark(4, 5)
    assert positions.values[("tasks", 0, "status")] == Mark(4, 13)
    assert positions.keys[("tasks", 0, "metrics", "开放数据集")] == Mark(6, 7)
    assert positions.values[("tasks", 0, "metrics", "开放数据集")] == Mark(6, 14)
    assert positions.keys[("tasks", 1, "task")] == Mark(7, 5)
    assert positions.values[("tasks", 1, "aliases", 1)] == Mark(8, 20)


def test_positions_count_characters_not_bytes() -> None:
    positions = read_yaml(PATH, "lead_office: 计算机审计科\nunit: 市审计局\n".encode()).positions
    assert positions.values[("unit",)] == Mark(2, 7)


def test_fast_path_records_no_positions() -> None:
    parsed = read_yaml(PATH, NESTED.encode(), locate=False)
    assert parsed.positions.keys == {}
    assert parsed.positions.values == {}


@pytest.mark.parametrize("text", [
    NESTED,
    "a: &x [审计局]\nb: *x\n",
    "progress: |\n  第一段\n\n  第二段\n",
    "plans:\n  key_tasks: >\n    折叠\n    的文字\n",
    'a: "转义\\t文字"\nb: \'单引号\'\n',
    "{a: [1, {b: c}], d: ~}\n",
    "- 列表\n- 作为顶层\n",
    "只有一段文字\n",
], ids=["nested", "alias", "literal", "folded", "quoted", "flow", "top-level list", "top-level text"])
def test_fast_and_located_paths_give_the_same_values(composer: str, text: str) -> None:
    fast = read_yaml(PATH, text.encode(), locate=False)
    slow = read_yaml(PATH, text.encode(), locate=True)
    assert fast.diagnostics == slow.diagnostics == []
    assert fast.data == slow.data


def test_nested_values_are_plain_dicts_lists_and_strings(composer: str) -> None:
    assert read_yaml(PATH, NESTED.encode()).data == {
        "unit": "市审计局",
        "tasks": [{"task": "1", "status": "推进中", "metrics": {"开放数据集": "312"}},
                  {"task": "2", "aliases": ["审计局", "网信局"]}],
    }


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u00ad", "\ufdd0", "\U000e0001", "\U0010fffe"])
def test_an_invisible_character_in_text_is_a_warning_where_it_stands(char: str) -> None:
    parsed = read_yaml(PATH, f"unit: a\nlead_office: 办公{char}室\n".encode())
    assert parsed.data == {"unit": "a", "lead_office": f"办公{char}室"}  # read, and said
    diagnostic = only(parsed)
    assert (located(diagnostic), diagnostic.severity) == (("Y010", 2, 16), Severity.WARNING)
    assert f"U+{ord(char):04X}" in diagnostic.message


def test_an_invisible_character_is_found_beside_characters_past_u_ffff() -> None:
    """(Text with such characters is scanned with the whole pattern, text without them with half.)"""
    parsed = read_yaml(PATH, "unit: a\nprogress: 👍办公\u200b室\U000e0001\n".encode())
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("Y010", 2, 14), ("Y010", 2, 16)]


def test_the_zero_width_joiner_of_an_emoji_is_no_finding() -> None:
    assert read_yaml(PATH, "unit: a\nprogress: 👨\u200d💻\n".encode()).diagnostics == []


# ---- a finding's place in the data ------------------------------------------------------

def test_key_paths_are_written_with_items_from_zero_and_odd_keys_quoted() -> None:
    from zwxt.positions import path_text

    assert path_text(()) == ""
    assert path_text(("tasks", 3, "progress")) == "tasks[3].progress"
    assert path_text(("tasks", 0, "metrics", "开放数据集")) == "tasks[0].metrics.开放数据集"
    assert path_text(("aspects", "a.b", "c d", '"')) == 'aspects["a.b"]["c d"]["\\""]'


def test_what_the_text_scan_finds_is_placed_in_the_value_it_is_in_whatever_the_path() -> None:
    text = ("unit: 市审计局\ntasks:\n  - task: 1\n    progress: 无\u200b\n"
            "  - task: 2\n    progress: 有\u200b\n")
    for locate in (True, False):  # (the fast path too: the two must give the same findings)
        found = read_yaml(PATH, text.encode(), locate=locate).diagnostics
        assert [(d.code, d.line, d.where) for d in found] == [
            ("Y010", 4, "tasks[0].progress"), ("Y010", 6, "tasks[1].progress")]


def test_positions_find_the_innermost_key_or_value_begun_before_a_mark() -> None:
    positions = read_yaml(PATH, b"a:\n  - b: x\n    c: [1, 2]\n").positions
    assert positions.path_at(Mark(1, 1)) == ("a",)
    assert positions.path_at(Mark(2, 5)) == ("a", 0, "b")  # the item and its first key begin together
    assert positions.path_at(Mark(3, 12)) == ("a", 0, "c", 1)


@pytest.mark.parametrize("path", [
    (), ("progress",), ("tasks", 3, "progress"), ("tasks", 0, "metrics", "开放数据集"),
    ("aspects", "a.b"), ("aspects", "带 空格"), ("aspects", '引"号'), ("x", "[0]"),
])
def test_a_key_path_read_back_from_its_text_is_itself(path: tuple[str | int, ...]) -> None:
    from zwxt.positions import path_from_text, path_text

    assert path_from_text(path_text(path)) == path
