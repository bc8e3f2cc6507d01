"""What the properties feed zwxt: hostile bytes, mutated reports, arbitrary text; and what they check."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from zwxt.diagnostics import Diagnostic, Severity
from zwxt.store.repo import Repository

REPORT = "reports/2018-03/市审计局.yaml"


def examples(share: float) -> settings:
    """Settings running ``share`` of the current profile's examples (at least 2)."""
    return settings(max_examples=max(2, int(settings().max_examples * share)))


# --- hostile input ---------------------------------------------------------------------------------

# Characters with a meaning in YAML, their full-width look-alikes, the white space and line
# breaks that editors, web pages and other systems leave in text, and controls.
YAML_SIGNIFICANT = list(":-[]{}#&*!|>'\"%@`?,\\~=<. \t\n") + ["\r", "\r\n"]
FULL_WIDTH = list("：　“”‘’，。（）【】、；！？－＃")
ODD = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85",
       "\x9f", "\xa0", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u202e",
       "\ud7ff", "\U0001f600", "\U0010ffff"]
WORDS = ["unit", "month", "lead_office", "contact", "tasks", "task", "status", "completed",
         "progress", "metrics", "narrative", "aspects", "problems", "plans", "key_tasks",
         "next_steps", "cases", "suggestions", "市审计局", "审计局", "2018-03", "2018-02",
         "2018-03-31", "已完成", "推进中", "未启动", "开放数据集", "自查", "【待填写】", "1", "4",
         "-1", "1e400", "null", "~", "no", "---", "...", "&a", "*a", "!!str", "!!binary", "%YAML 1.2",
         "<<", "? ", ": ", "- ", "|", ">-", "|+2", '"\\x07"', '"\\u2028"', "'", "  ", "    "]

piece = st.one_of(
    st.sampled_from(YAML_SIGNIFICANT + FULL_WIDTH + ODD + WORDS),
    st.characters(codec="utf-8"),
    st.text(max_size=5),
)
yaml_like_text = st.lists(piece, max_size=60).map("".join)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


hostile_bytes = st.one_of(
    st.binary(max_size=300),
    yaml_like_text.map(_encode),
    # text in the encodings a Windows office PC saves in
    yaml_like_text.map(lambda t: t.encode("gb18030", errors="ignore")),
    yaml_like_text.map(lambda t: t.encode("utf-16", errors="surrogatepass")),
    yaml_like_text.map(lambda t: b"\xef\xbb\xbf" + _encode(t)),
)


# --- free text, as fields hold it ------------------------------------------------------------------

# The loader refuses these in any form (Y006: Word cannot hold them, or they are C1 controls or
# line separators that YAML and editors count differently): they are never carried.
REFUSED = "".join(chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                                   0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF])
TEXT_PIECES = [*YAML_SIGNIFICANT, *FULL_WIDTH, *(ch for ch in ODD if ch not in REFUSED), "说明:\u3000本月",
               "key_tasks:无", "a: b", " #", "\n\n", "\n  ", "【待填写】", "- ", "|", "\\", "\\n", "'", '"',
               "…", "\u3000\n", "全角　空格"]
accepted_char = st.characters(codec="utf-8", exclude_characters=REFUSED)
free_text = st.lists(
    st.one_of(st.sampled_from(TEXT_PIECES), accepted_char, st.text(accepted_char, max_size=4)),
    min_size=1, max_size=25,
).map("".join)

# What YAML lets a file hold as it is; anything else must be written as an escape.
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, everything but printable characters escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable() and ch != "\u3000":
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def written(text: str, style: str, indent: int) -> str:
    """``text`` as a person might have written it after a key at column ``indent``: plain,
    quoted (``double``, ``single``) or as a ``block``; what plain YAML cannot hold, double-quoted."""
    if style == "double" or NOT_PRINTABLE.search(text):
        return double_quoted(text)
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "block":
        pad = " " * (indent + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    return text


# --- valid reports of the small plan, and edits to them ----------------------------------------------

VALID_REPORTS = [
    "unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\n"
    "tasks:\n  - task: 1\n    status: 推进中\n  - task: 2\n    status: 推进中\n",
    """\
# yaml-language-server: $schema=../../schemas/report.schema.json
unit: 市审计局
month: 2018-03
lead_office: 市审计局计算机审计科
contact: 张三 0750-1234567
progress: |
  建立了工作机制。

  部署了任务：一是清理，二是整合。
tasks:
  - task: 1
    status: 已完成
    completed: 2018-03-20
    progress: 完成对 12 个部门的审计
  - task: 2
    status: 推进中
    progress: "已清理: 3 个"
aspects:
  自查: 开展自查
problems: 无
plans:
  key_tasks: >-
    继续清理
    僵尸系统
  next_steps: '加快推进'
cases: 无
suggestions: ~
""",
    """\
unit: 审计局
month: "2018-03"
lead_office: '办公室 # 不是注释'
tasks: [{task: 1, status: 推进中}, {task: 2, status: 未启动},
  {task: 4, status: 推进中, progress: "a\\u00a0b\\tc"}]
""",
]

EDIT_CHARS = st.one_of(
    st.sampled_from(YAML_SIGNIFICANT + FULL_WIDTH + ODD),
    st.characters(codec="utf-8", max_codepoint=0x9F),
    st.characters(codec="utf-8"),
)


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    """A valid report with a few characters inserted, deleted or replaced."""
    text = draw(st.sampled_from(VALID_REPORTS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]))
        if kind == "insert":
            text = text[:at] + draw(EDIT_CHARS) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
        elif kind == "replace":
            text = text[:at] + draw(EDIT_CHARS) + text[at + 1:]
        else:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start:end + 1] if end >= 0 else text[start:] + "\n"
            text = text[:start] + line + text[start:]
    return text


# --- a plan on disk, for the services that write ------------------------------------------------------

@contextmanager
def on_disk(files: Mapping[str, str | bytes]) -> Iterator[Repository]:
    """The files in a fresh repository folder, removed afterwards (one per example)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield Repository(root)


# --- what every finding must be ------------------------------------------------------------------------

_CODE = re.compile(r"^[A-Z]\d{3}$")
_CHINESE = re.compile("[\u4e00-\u9fff]")


def assert_located(d: Diagnostic) -> None:
    """A finding a user can act on: a file, a line and column in it, a stable code, Chinese words."""
    assert d.path, d
    assert isinstance(d.line, int) and d.line >= 1, d
    assert isinstance(d.column, int) and d.column >= 1, d
    assert _CODE.match(d.code), d
    assert isinstance(d.severity, Severity), d
    assert _CHINESE.search(d.message), d


def errors_in(diagnostics: list[Diagnostic], *paths: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.path in paths and d.severity is Severity.ERROR]
