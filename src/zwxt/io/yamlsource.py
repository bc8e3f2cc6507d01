"""Reading a YAML file into plain values with every key and value located.

The fast path composes nodes with libyaml (through ruamel.yaml.clib), which gives every
node its line and column at C speed, and builds values by the schema's types rather than
YAML's implicit typing: every scalar is a string (``no`` stays ``no``, ``010`` stays
``010``) and pydantic converts it. Comments play no part: no command edits a file in
place, so nothing needs ruamel's round-trip mode.

A syntax error is reported where the mistake was typed when it is a typical keyboard slip
(see ``_likely_cause``): a Tab or a full-width space in the indentation (Y003, Y007), a
full-width colon after a key (Y002), or ``key:value`` with no space after an English colon,
which is Y001 (a YAML syntax error) with the message "键「…」的冒号后要加一个空格", located at
the character just after the colon. ``key_without_space`` finds the same slip in a value that
parsed as text, for the schema's messages.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zwxt.diagnostics import MAX_PER_CODE, Diagnostic, error, warning
from zwxt.io.indentation import KEY, TEXT_GOES_ON, aligned, anchors, nearest, opener_above, shape, text_lines
from zwxt.positions import Mark, PathKey, Positions, path_text

# A report is a few KB: 128 KB is far beyond any real one, and even filled with mistakes it
# is checked in well under a second. The data files of a province (5,000 units) stay under 2 MB.
MAX_FILE_BYTES = 128 * 1024
MAX_DATA_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Characters that XML 1.0, and therefore a Word document, cannot hold; the C1 controls
# (U+0080–U+009F, the mark of text decoded with the wrong encoding somewhere on its way);
# and the line and paragraph separators, which YAML counts as line breaks and editors do not.
# Lone surrogates can only come from a double-quoted escape (``"\\ud800"``): no UTF-8 holds them.
# A byte order mark past the file's start, and the replacement character that marks text
# once decoded with the wrong encoding (the original characters are lost), are refused too.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffd\ufffe\uffff]")
# Characters of Unicode's category Cf that show nothing (bar the byte order mark, refused
# above, and the zero-width joiner of emoji sequences), and the noncharacters.
_INVISIBLE_BMP = ("\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                  "\ufdd0-\ufdef")
_INVISIBLE = re.compile(f"[{_INVISIBLE_BMP}\U000e0000-\U000e007f"
                        "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0010fffe\U0010ffff]")
# Text without characters past U+FFFF (whose UTF-8 has no byte F0-F4) is scanned with half the
# pattern, twice as fast.
_INVISIBLE_IN_BMP = re.compile(f"[{_INVISIBLE_BMP}]")
_BEYOND_BMP = re.compile(b"[\xf0-\xf4]")
# The patterns of the explanations are compiled (and cached by re) when a file needs one:
# most runs explain nothing, and compiling them all costs a start-up some milliseconds.
_KEY_WITH_FULLWIDTH_COLON = r"^[ \t]*(?:-[ \t]+)?[^\s:#'\"\-|>][^:#]{0,30}?(：)"
# `key:　value` with a full-width space parses as one plain scalar instead of a key and value.
_FULLWIDTH_AFTER_KEY = r"^[^\s:#]{1,30}:\u3000"
# `key:value` with no space after the colon, very common when typing Chinese: YAML reads it as
# one piece of text. Only an ASCII identifier followed by a colon and then neither a space, a
# second colon nor `//` counts, so that `会议时间 10:30`, `12:30` and `http://x` stay text.
_KEY = KEY
_KEY_WITHOUT_SPACE = rf"({_KEY}):(?!//)([^\s:].*)"
_LINE_KEY_WITHOUT_SPACE = r"[ \t]*(?:-[ \t]+)?" + _KEY_WITHOUT_SPACE
# Where the value typed after such a key ends: at a comment or at the next such key.
_VALUE_END = rf"\s+#|\s+(?={_KEY}:[^\s:])"
# What may stand before a line's content in block context: every block nesting level needs
# one more of these characters, so their count bounds the block depth (see _check_depth).
_LONG_PREFIX = re.compile(rf"[ ?:\-]{{{MAX_DEPTH // 2}}}")
_LONG_PREFIX_AFTER_NEWLINE = re.compile(rf"\n[ ?:\-]{{{MAX_DEPTH // 2}}}")


@dataclass
class Parsed:
    """A file's plain data (None when unreadable) with positions and findings."""

    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # What a read without positions composed, so that ``located`` need not parse again.
    _source: tuple[str, Any, bool] | None = field(default=None, repr=False, compare=False)
    # A file rapidyaml read (path, bytes, size limit): positions come from libyaml, reading it again.
    _raw: tuple[str, bytes, int] | None = field(default=None, repr=False, compare=False)

    def located(self) -> Parsed:
        """The same file read with positions, from the nodes already composed."""
        if self._raw is not None:
            path, raw, max_bytes = self._raw
            return read_yaml(path, raw, locate=True, max_bytes=max_bytes)
        if self._source is None:
            return self
        path, root, careful = self._source
        parsed = Parsed()
        parsed.data = _Converter(path, parsed.positions, parsed.diagnostics, careful).convert(root, (), 0)
        return parsed


def read_yaml(path: str, raw: bytes, locate: bool = True, max_bytes: int = MAX_FILE_BYTES) -> Parsed:
    """Decode, compose and convert ``raw``; ``path`` is only used to locate findings.

    Without ``locate`` no positions are recorded (findings of the parse itself are still
    located): the fast path for a file that will most likely validate cleanly. A file over
    ``max_bytes`` is refused unread (F005).
    """
    parsed = Parsed()
    text = _decode(path, raw, parsed.diagnostics, max_bytes)
    if text is None:
        return parsed
    if _control_characters(path, text, parsed.diagnostics):
        return parsed
    _invisible_characters(path, text, parsed.diagnostics, _BEYOND_BMP.search(raw) is not None)
    # What the scan of the text found is placed in the data too, which takes the positions.
    scanned = len(parsed.diagnostics)
    locate = locate or scanned > 0
    if not locate:
        from zwxt.io.fastyaml import plain_values

        data = plain_values(text)
        if data is not None:
            parsed.data, parsed._raw = data, (path, raw, max_bytes)
            return parsed
    try:
        root = _compose(text)
    except _YAMLError as exc:
        parsed.diagnostics.append(_syntax_diagnostic(path, text, exc))
        return parsed
    except _TooDeep as exc:
        parsed.diagnostics.append(error(path, exc.mark.line, exc.mark.column, "Y005", *_DEEP))
        return parsed
    if root is None or (root.id == "scalar" and not root.style and root.value in _NULLS):
        # (a document of only `~` or `null` is as empty as one of only comments)
        parsed.diagnostics.append(error(path, 1, 1, "F003", "文件为空（没有任何内容）",
                                        "请按模板填写内容；不需要的文件请删除"))
        return parsed
    # Full-width spaces, escapes and tags are rare, so only then are nodes looked at one by one.
    careful = "\u3000" in text or "\\" in text or "!" in text
    if not locate:
        try:
            parsed.data = _Converter(path, None, parsed.diagnostics, careful).plain(root, 0)
            parsed._source = (path, root, careful)
            return parsed
        except _Unusual:
            pass
    parsed.data = _Converter(path, parsed.positions, parsed.diagnostics, careful).convert(root, (), 0)
    positions = parsed.positions
    parsed.diagnostics[:scanned] = [
        dataclasses.replace(d, where=path_text(positions.path_at(Mark(d.line, d.column))))
        for d in parsed.diagnostics[:scanned]]
    return parsed


def _decode(path: str, raw: bytes, out: list[Diagnostic], max_bytes: int) -> str | None:
    if len(raw) > max_bytes:
        out.append(error(path, 1, 1, "F005",
                         f"文件过大（{_size(len(raw))}，上限 {_size(max_bytes)}）",
                         "一份报告通常只有几 KB；请检查是否误放了其他文件，或把内容拆分、精简"))
        return None
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or _utf32_without_bom(raw):
        out.append(error(path, 1, 1, "F002", "文件是 UTF-32 编码，zwxt 只读 UTF-8",
                         "请在编辑器中“另存为”UTF-8 编码"))
        return None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _utf16_without_bom(raw):
        out.append(error(path, 1, 1, "F002", "文件是 UTF-16 编码，zwxt 只读 UTF-8",
                         "请在编辑器中“另存为”UTF-8 编码"))
        return None
    if b"\x00" in raw[:8192]:
        out.append(error(path, 1, 1, "F004", "这是二进制文件，不是 YAML 文本",
                         "请确认文件类型；Word、Excel 文件不能放在 YAML 的位置"))
        return None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = normalised_text(body)
    except UnicodeDecodeError as exc:
        out.append(_encoding_diagnostic(path, body, exc))
        return None
    if not text.strip():
        out.append(error(path, 1, 1, "F003", "文件为空（没有任何内容）",
                         "请按模板填写内容；不需要的文件请删除"))
        return None
    return text


def normalised_text(raw: bytes) -> str:
    """The text as the parser reads it: UTF-8 without its byte order mark, every line end (Windows'
    and old Macs' too) one line break; UnicodeDecodeError when the bytes are no UTF-8."""
    text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def _utf32_without_bom(raw: bytes) -> bool:
    """UTF-32 text has a zero high byte in every group of four (U+10FFFF is the last character)."""
    sample = raw[:8192]
    if not sample or len(raw) % 4:
        return False
    for high, encoding in ((sample[3::4], "utf-32-le"), (sample[0::4], "utf-32-be")):
        if high.count(0) == len(high):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return False
            return True
    return False


def _utf16_without_bom(raw: bytes) -> bool:
    """UTF-16 text has its zero bytes (the high bytes of ASCII) on one side only."""
    sample = raw[:8192]
    if b"\x00" not in sample or len(raw) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even and odd:
        return False
    try:
        raw.decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_diagnostic(path: str, body: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    before = body[: exc.start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    try:
        body.decode("gb18030")
    except UnicodeDecodeError:
        return error(path, line, column, "F002", "文件不是有效的 UTF-8 编码",
                     "请在编辑器中“另存为”UTF-8 编码后再提交")
    return error(path, line, column, "F002", "文件是 GBK/GB18030 编码，zwxt 只读 UTF-8",
                 "请在编辑器中“另存为”UTF-8 编码（记事本：另存为 → 编码选 UTF-8）")


def _control_characters(path: str, text: str, out: list[Diagnostic]) -> bool:
    if _CONTROL.search(text) is None:
        return False
    _each_character(_CONTROL, text, out,
                    lambda line, column, char: _control_diagnostic(path, line, column, char))
    return True


def _invisible_characters(path: str, text: str, out: list[Diagnostic], beyond_bmp: bool) -> None:
    """Warn (Y010) at characters that show nothing yet change the text: zero-width spaces,
    direction overrides, soft hyphens, tags, noncharacters. Word holds them, so a name or a
    sentence looks right in the document and is not what it seems."""
    pattern = _INVISIBLE if beyond_bmp else _INVISIBLE_IN_BMP
    _each_character(pattern, text, out, lambda line, column, char: warning(
        path, line, column, "Y010", f"含有不可见的字符 U+{ord(char):04X}，文档中看不出来，文字却已不同",
        "通常是从网页或其他软件复制带来的；请删除该字符后重新输入"))


def _each_character(pattern: re.Pattern[str], text: str, out: list[Diagnostic],
                    found: Callable[[int, int, str], Diagnostic]) -> None:
    """A finding at each character ``pattern`` matches, as far as diagnostics.capped lists
    them; the first one past that counts the rest (``hidden``) without locating them."""
    for shown, match in enumerate(pattern.finditer(text), start=1):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        diagnostic = found(text.count("\n", 0, start) + 1, start - line_start + 1, match.group())
        if shown > MAX_PER_CODE:
            out.append(dataclasses.replace(diagnostic, hidden=len(pattern.findall(text, match.end()))))
            return
        out.append(diagnostic)


def _control_diagnostic(path: str, line: int, column: int, char: str) -> Diagnostic:
    code = ord(char)
    if char in "\u2028\u2029":
        what = f"含有不可见的{'行' if char == chr(0x2028) else '段落'}分隔符 U+{code:04X}，会打乱行号"
        hint = "通常是从网页复制带来的；请删除该字符，需要换行就直接回车"
    elif char == "\ufeff":
        what = "文件中间含有不可见的字节顺序标记 U+FEFF"
        hint = "通常是把几个文件拼接在一起时带入的；请删除该字符后重新输入"
    elif char == "\ufffd":
        what = "含有替换字符 U+FFFD（�）：这段文字曾按错误的编码读取，原来的字已经丢失"
        hint = "请对照原文重新输入这段文字"
    elif 0x80 <= code <= 0x9F:
        what = f"含有不可见的控制字符 U+{code:04X}，常见于编码错乱的文字"
        hint = "通常是从其他软件复制时编码出了错；请删除该字符，并核对附近的文字是否乱码"
    else:
        what = f"含有不可见的控制字符 U+{code:04X}，Word 文档无法容纳"
        hint = "通常是从网页或其他软件复制粘贴带来的；请删除该字符后重新输入"
    return error(path, line, column, "Y006", what, hint)


class _TooDeep(Exception):
    def __init__(self, mark: Mark) -> None:
        super().__init__(mark)
        self.mark = mark


_DEEP = (f"嵌套超过 {MAX_DEPTH} 层", "报告的结构很浅：请检查缩进或括号")


class _YAMLError(Exception):
    def __init__(self, problem: str, context: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.context = context
        self.line = line
        self.column = column


def _compose(text: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        _check_depth(text)
        return _compose_node(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line, mark.column) if mark is not None else (0, 0)
        raise _YAMLError(exc.problem or "", exc.context or "", line, column) from None
    except YAMLError as exc:  # the reader's complaints carry no mark
        raise _YAMLError(str(exc), "", 0, 0) from None


def _check_depth(text: str) -> None:
    """Raise _TooDeep before composing a deeply nested text.

    Both composers recurse once per level: libyaml overflows the C stack (a crash, not an
    exception) at some 100,000 levels, the pure one the interpreter's limit at some 300. The
    parser's events come one at a time, so they are counted first when the text might be deep.
    """
    # depth <= brackets + longest line prefix + 1; both below half the limit is the usual case
    if (text.count("[") + text.count("{") < MAX_DEPTH // 2 and _LONG_PREFIX.match(text) is None
            and _LONG_PREFIX_AFTER_NEWLINE.search(text) is None):
        return
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent

    depth = 0
    for event in _events(text):
        if isinstance(event, CollectionStartEvent):
            if depth > MAX_DEPTH:
                raise _TooDeep(Mark(event.start_mark.line + 1, event.start_mark.column + 1))
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, StreamEndEvent):
            return


def _events(text: str) -> Any:
    composer = _c_composer()
    if composer is None:
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = composer(text.encode("utf-8"))
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return
            yield event
    finally:
        parser.dispose()


def _compose_node(text: str) -> Any:
    composer = _c_composer()
    if composer is None:  # no C extension on this interpreter: the same nodes, slower
        return _pure_yaml().compose(text)
    parser = composer(text.encode("utf-8"))
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def _pure_yaml() -> Any:
    """ruamel's pure-Python composer, giving every node without an explicit tag the tag "?"."""
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class Neutral(VersionedResolver):
        def resolve(self, kind: type, value: object, implicit: object) -> Tag:
            return Tag(suffix="?")

    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = Neutral
    return yaml


@functools.cache
def _c_composer() -> type | None:
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        return None

    class Composer(CParser):
        # The composer asks a resolver for implicit tags; values are typed by the schema
        # instead, so every node keeps a neutral tag.
        def descend_resolver(self, *args: object) -> None:
            return None

        def ascend_resolver(self, *args: object) -> None:
            return None

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return "?"

    return Composer


_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“键: 值”",
     "英文冒号加空格会被当作新的键：请检查缩进是否对齐，或给含英文冒号的文字加引号"),
    ("could not find expected ':'", "缺少英文冒号“:”",
     "键和值之间要用英文冒号加一个空格分隔，例如 status: 推进中"),
    ("did not find expected key", "缩进不一致，找不到预期的键",
     "同一层的键必须左对齐；请检查本行和上一行的缩进空格数"),
    ("did not find expected '-' indicator", "列表项的缩进不一致",
     "同一列表的各项（- 开头）必须左对齐"),
    ("block sequence entries are not allowed", "此处不能开始列表（-）",
     "请检查缩进：列表应写在键的下一行并多缩进两个空格"),
    ("found undefined alias", "引用了未定义的锚点（*别名）", "请删除 * 开头的引用，直接写出内容"),
    ("found unexpected end of stream", "文件意外结束", "请检查引号或括号是否成对闭合"),
    ("found unknown escape character", "双引号中有无法识别的反斜杠转义",
     "请改用单引号，或把 \\ 写成 \\\\"),
    ("',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺少英文逗号",
     "请检查方括号和逗号是否为英文符号"),
    ("',' or '}'", "花括号 { } 没有闭合，或各项之间缺少英文逗号",
     "请检查花括号和逗号是否为英文符号"),
    ("another document", "一个文件只能有一个 YAML 文档", "请删除多余的 --- 分隔行，或把内容拆到不同文件"),
    ("expected <document start>", "一个文件只能有一个 YAML 文档",
     "请删除多余的 --- 或 ... 分隔行，或把内容拆到不同文件"),
    ("expected <block end>", "缩进不一致，找不到预期的键",
     "同一层的键必须左对齐；请检查本行和上一行的缩进空格数"),
    ("node content", "此处缺少内容，或多了一个符号",
     "请检查是否多写了 ] } , 等符号；以这些符号开头的文字请加引号"),
    ("comment or line break", "本行末尾有多余的内容",
     "请检查 | 或 > 后面、引号之后是否多写了文字；要写 # 注释，# 前须有空格"),
    ("cannot start any token", "出现了不能作为开头的字符",
     "如果是制表符（Tab），请改用空格；如果是 @ 或 ` 开头的文字，请给整段文字加引号"),
    ("tab", "使用了制表符（Tab）缩进", "YAML 只能用空格缩进：请把 Tab 替换成空格"),
    ("incompatible YAML document", "不支持文件开头的 %YAML 版本声明", "请删除以 % 开头的行"),
    ("directive", "不支持以 % 开头的指令行", "请删除以 % 开头的行；文字以 % 开头时请加引号"),
    ("Unicode character escape", "双引号中的 \\u 或 \\U 转义写出了无效的字符",
     "请直接写出该字符，或改用单引号"),
    ("hexadecimal number", "双引号中的 \\x、\\u 或 \\U 转义后面应是十六进制数字",
     "请直接写出该字符，或改用单引号"),
    ("tag", "YAML 标签（! 开头）写法有误", "报告中不需要标签：请删除 ! 开头的部分；文字以 ! 开头时请加引号"),
    ("anchor", "锚点 & 或别名 * 的写法有误", "请删除 & 或 * 开头的部分；文字以 & 或 * 开头时请加引号"),
    ("alias", "锚点 & 或别名 * 的写法有误", "请删除 & 或 * 开头的部分；文字以 & 或 * 开头时请加引号"),
    ("indentation indicator", "| 或 > 后面的缩进数字有误", "请删除 | 或 > 后面的数字"),
    ("block scalar", "| 或 > 开始的多行文字写法有误", "| 或 > 后面直接换行，文字另起一行并多缩进两个空格"),
    ("document indicator", "文字中出现了单独的 --- 或 ...", "请给这段文字加引号，或删除这一行"),
    ("document separator", "引号中的文字里出现了单独的 --- 或 ...", "请把这一行改写，或删除这一行"),
    ("simple key", "一个键不能跨行，也不能超过 1024 个字符", "请检查本行是否缺少冒号或引号"),
    ("special characters", "含有 YAML 不允许的特殊字符", "请删除该字符后重新输入"),
    ("unacceptable character", "含有 YAML 不允许的特殊字符", "请删除该字符后重新输入"),
    ("while scanning a quoted scalar", "引号没有闭合", "请检查引号是否成对，中文引号“”不用于 YAML 语法"),
]


def _syntax_diagnostic(path: str, text: str, exc: _YAMLError) -> Diagnostic:
    lines = text.split("\n")
    cause = _likely_cause(path, lines, exc.line) or _misaligned(path, lines, exc)
    if cause is not None:
        return cause
    for needle, message, hint in _PROBLEMS:
        if needle in exc.problem or needle in exc.context:
            return error(path, exc.line + 1, exc.column + 1, "Y001", f"YAML 语法错误：{message}", hint)
    return error(path, exc.line + 1, exc.column + 1, "Y001", "YAML 语法错误：无法识别此处的写法",
                 "请对照模板检查本行及上一行的缩进、冒号和引号")


# What libyaml says when a line begins at a column where no key or list item is open.
_MISALIGNED = ("did not find expected '-' indicator", "did not find expected key", "expected <block end>",
               "mapping values are not allowed")


def _misaligned(path: str, lines: list[str], exc: _YAMLError) -> Diagnostic | None:
    """A key or list item indented to a column no key or item above it is at: say which one
    it must line up with, and with how many spaces (``「status」应与第5行的「task」对齐……``).

    libyaml stops on the line itself: where a key or dash was expected, or, for a key indented
    deeper than the key above it, at its colon, having read the line as more of the value above.
    """
    lineno = exc.line
    if not any(p in exc.problem for p in _MISALIGNED) or lineno >= len(lines):
        return None
    text = text_lines(lines)
    found = shape(lines[lineno], lineno + 1)
    if text[lineno] or found is None or not found.anchors:
        return None
    first = found.anchors[0]
    above = anchors(lines, lineno, text)
    opener = opener_above(lines, lineno, text)
    if aligned(above, first.column, first.item) is not None or (
            opener is not None and first.column > opener.indent):
        return None  # (a column in use, or the first line of a block: the indentation is not the trouble)
    anchor = nearest(above, first.column, first.item)
    if anchor is None:
        return None
    same = "同一列表的各项（- 开头）" if first.item else "同一层的键"
    return error(path, lineno + 1, first.column + 1, "Y001",
                 f"「{first.text}」应与第{anchor.line}行的「{anchor.text}」对齐，"
                 f"缩进 {anchor.column} 个空格（现在是 {first.column} 个）",
                 f"{same}必须左对齐：把本行开头改成 {anchor.column} 个空格（不要用 Tab）")


def _likely_cause(path: str, lines: list[str], error_line: int) -> Diagnostic | None:
    """The typical keyboard mistake near a syntax error, located where it was typed."""
    start = max(0, error_line - 2)
    for lineno in range(start, min(error_line + 1, len(lines))):
        line = lines[lineno]
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in indent:
            return error(path, lineno + 1, indent.index("\t") + 1, "Y003",
                         "使用了制表符（Tab）缩进", "YAML 只能用空格缩进：请把 Tab 替换成空格")
        if "\u3000" in indent:
            return error(path, lineno + 1, indent.index("\u3000") + 1, "Y007",
                         "使用了全角空格缩进", "请把全角空格（中文输入法下的空格）换成半角空格")
        after_colon = line.find(":\u3000")
        if after_colon >= 0:
            return error(path, lineno + 1, after_colon + 2, "Y007", "冒号后面是全角空格",
                         "请把冒号后的全角空格换成半角空格，例如 status: 推进中")
        match = re.match(_KEY_WITH_FULLWIDTH_COLON, line)
        if match and ": " not in line[: match.start(1)]:
            return error(path, lineno + 1, match.start(1) + 1, "Y002",
                         "键后面用了全角冒号“：”",
                         "请切换到英文输入法，改成英文冒号加空格，例如 status: 推进中")
    return _missing_space(path, lines, error_line)


def _missing_space(path: str, lines: list[str], error_line: int) -> Diagnostic | None:
    """``key:value`` typed without a space, found above the line the parser stopped at.

    YAML reads ``status:推进中`` as text and fails only at the next line with content (past
    any blank lines and comments), complaining there about a missing or a misplaced colon.
    So the lines above the error are walked up while they are blank, comments or such
    ``key:value`` lines, and the first of them is reported, just after its colon.
    """
    found: tuple[int, re.Match[str]] | None = None
    lineno = min(error_line, len(lines) - 1)
    while lineno >= 0:
        line = lines[lineno]
        match = re.match(_LINE_KEY_WITHOUT_SPACE, line)
        if match is not None:
            found = lineno, match
        elif lineno < error_line and line.strip() and not line.lstrip().startswith("#"):
            break
        lineno -= 1
    if found is None:
        return None
    lineno, match = found
    if _inside_text(lines, lineno):
        return None
    key, value = match.group(1), _value_typed(match.group(2))
    return error(path, lineno + 1, match.start(2) + 1, "Y001", f"键「{key}」的冒号后要加一个空格",
                 f"键和值之间要用英文冒号加一个空格分隔，写成 {key}: {value}")


def _inside_text(lines: list[str], lineno: int) -> bool:
    """Whether the line may be part of a block scalar or of a quoted text begun above it.

    Such text is indented more than the line that opens it, so that opening line is the
    first one above with less indentation.
    """
    indent = _indentation(lines[lineno])
    for line in reversed(lines[:lineno]):
        if line.strip() and _indentation(line) < indent:
            return re.search(TEXT_GOES_ON, line) is not None
    return False


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def key_without_space(text: str) -> tuple[str, str] | None:
    """The key and value of a text that begins ``key:value`` with no space after the colon.

    ``key_tasks:无`` → ("key_tasks", "无"); ``会议时间 10:30``, ``12:30``, ``http://x`` → None.
    """
    match = re.match(_KEY_WITHOUT_SPACE, text)
    return None if match is None else (match.group(1), _value_typed(match.group(2)))


def _value_typed(rest: str) -> str:
    value = re.split(_VALUE_END, rest, maxsplit=1)[0].strip()
    return value if len(value) <= 20 else value[:20] + "…"


class _Unusual(Exception):
    """Raised on the fast path where only the located path can explain the problem."""


class _Converter:
    """Builds dicts, lists, strings and None from nodes; records marks when asked to."""

    def __init__(self, path: str, positions: Positions | None, out: list[Diagnostic],
                 careful: bool = False) -> None:
        self.path = path
        self.careful = careful
        self.keys = positions.keys if positions is not None else None
        self.values = positions.values if positions is not None else None
        self.out = out
        self.budget = MAX_NODES
        self.exhausted = False
        self.open: set[int] = set()

    def convert(self, node: Any, where: PathKey, depth: int) -> Any:
        if self.values is not None:
            self.values[where] = _mark(node)
        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            self._too_big(node, depth, where)
            return None
        if self.careful and node.tag != "?":
            self.out.append(_tag_diagnostic(self.path, node, where))
        kind = node.id
        if kind == "scalar":
            problem = _scalar_problem(self.path, node, False, where) if self.careful else None
            if problem is not None:
                self.out.append(problem)
                return None
            return None if not node.style and node.value in _NULLS else node.value
        if id(node) in self.open:
            mark = _mark(node)
            self.out.append(error(self.path, mark.line, mark.column, "Y005",
                                  "别名 * 引用了包含它自身的锚点 &，形成死循环",
                                  "请不要使用 & 和 * 引用，直接写出内容", where))
            return None
        self.open.add(id(node))
        try:
            if kind == "sequence":
                return [self.convert(item, (*where, i), depth + 1)
                        for i, item in enumerate(node.value)]
            return self._mapping(node, where, depth)
        finally:
            self.open.discard(id(node))

    def plain(self, node: Any, depth: int) -> Any:
        """``convert`` without recording positions: the hot path of checking.

        Anything unusual (a duplicate or complex key, an alias loop, too much depth or
        content) raises _Unusual, and the caller redoes the file on the located path,
        which says precisely what is wrong and where.
        """
        if self.careful and node.tag != "?":
            raise _Unusual
        if node.id == "scalar":
            if self.careful and _scalar_problem(self.path, node, False) is not None:
                raise _Unusual
            return None if not node.style and node.value in _NULLS else node.value
        # children counted here, so that scalars need no bookkeeping of their own
        self.budget -= len(node.value) + 1
        if self.budget < 0 or depth > MAX_DEPTH or id(node) in self.open:
            raise _Unusual
        self.open.add(id(node))
        try:
            if node.id == "sequence":
                return [self.plain(item, depth + 1) for item in node.value]
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.id != "scalar" or key_node.value in result or (
                        self.careful and _scalar_problem(self.path, key_node, True) is not None):
                    raise _Unusual
                result[key_node.value] = self.plain(value_node, depth + 1)
            return result
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: Any, where: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                mark = _mark(key_node)
                self.out.append(error(self.path, mark.line, mark.column, "Y008",
                                      "键必须是一段简单文本", "请检查本行是否多写了 ? [ { 等符号", where))
                continue
            key = key_node.value
            problem = _scalar_problem(self.path, key_node, True, where + (key,)) if self.careful else None
            if problem is not None:
                self.out.append(problem)
                continue
            if key in first:
                mark = _mark(key_node)
                self.out.append(error(self.path, mark.line, mark.column, "Y004",
                                      f"键「{key}」重复出现（第一次在第 {_mark(first[key]).line} 行）",
                                      "同一层的键只能出现一次：请合并两处内容或删除其中一处", where + (key,)))
                continue
            first[key] = key_node
            if self.keys is not None:
                self.keys[where + (key,)] = _mark(key_node)
            result[key] = self.convert(value_node, where + (key,), depth + 1)
        return result

    def _too_big(self, node: Any, depth: int, where: PathKey) -> None:
        if self.exhausted:
            return
        self.exhausted = True
        mark = _mark(node)
        if depth > MAX_DEPTH:
            message, hint = f"嵌套超过 {MAX_DEPTH} 层", "报告的结构很浅：请检查缩进或括号"
        else:
            message = "展开后的内容过多（疑似用锚点 & 和别名 * 构造的“别名炸弹”）"
            hint = "请不要使用 & 和 * 引用，直接写出内容"
        self.out.append(error(self.path, mark.line, mark.column, "Y005", message, hint, where))


def _tag_diagnostic(path: str, node: Any, where: PathKey) -> Diagnostic:
    """An explicit tag (``!!int 3``, ``!!binary …``, ``!custom``): values are typed by the schema."""
    tag = str(node.tag)
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    mark = _mark(node)
    return error(path, mark.line, mark.column, "Y009", f"不支持 YAML 标签「{shown}」",
                 f"报告中的值不需要标签：请删除「{shown}」，直接写内容；以 ! 开头的文字请加引号", where)


def _scalar_problem(path: str, node: Any, is_key: bool, where: PathKey = ()) -> Diagnostic | None:
    """A full-width space or an escaped control character that parsed without a syntax error
    (``where``: the key's or value's path, for the finding)."""
    value: str = node.value
    mark = _mark(node)
    if node.style == '"':
        match = _CONTROL.search(value)
        if match:
            return error(path, mark.line, mark.column, "Y006",
                         f"双引号中的转义写出了控制字符 U+{ord(match.group()):04X}，Word 文档无法容纳",
                         "请删除引号中以反斜杠 \\ 开头的转义（如 \\a、\\x07）", where)
        return None
    if node.style:
        return None
    if is_key and value.startswith("\u3000"):
        return error(path, mark.line, mark.column, "Y007", "使用了全角空格缩进",
                     "请把全角空格（中文输入法下的空格）换成半角空格", where)
    match = re.match(_FULLWIDTH_AFTER_KEY, value)
    if match:
        return error(path, mark.line, mark.column + match.end() - 1, "Y007", "冒号后面是全角空格",
                     "请把冒号后的全角空格换成半角空格，例如 status: 推进中", where)
    return None


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
