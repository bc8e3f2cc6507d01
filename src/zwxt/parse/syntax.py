"""A syntax error explained where the mistake was typed, in Chinese.

A syntax error is reported where the mistake was typed when it is a typical keyboard slip
(see ``_likely_cause``): a Tab or a full-width space in the indentation (Y003, Y007), a
full-width colon after a key (Y002), or ``key:value`` with no space after an English colon,
which is Y001 (a YAML syntax error) with the message "键「…」的冒号后要加一个空格", located at
the character just after the colon. A key or list item at a column nothing above it is at is
told which one to line up with (``_misaligned``). Otherwise the parser's complaint is
translated (``_PROBLEMS``). ``key_without_space`` finds the key-without-space slip in a value
that parsed as text, for the schema's messages.
"""

from __future__ import annotations

import re

from zwxt.diagnostics import Diagnostic, error
from zwxt.parse.indentation import (
    KEY,
    TEXT_GOES_ON,
    aligned,
    anchors,
    nearest,
    opener_above,
    shape,
    text_lines,
)

# The patterns of the explanations are compiled (and cached by re) when a file needs one:
# most runs explain nothing, and compiling them all costs a start-up some milliseconds.
_KEY_WITH_FULLWIDTH_COLON = r"^[ \t]*(?:-[ \t]+)?[^\s:#'\"\-|>][^:#]{0,30}?(：)"
# `key:value` with no space after the colon, very common when typing Chinese: YAML reads it as
# one piece of text. Only an ASCII identifier followed by a colon and then neither a space, a
# second colon nor `//` counts, so that `会议时间 10:30`, `12:30` and `http://x` stay text.
_KEY_WITHOUT_SPACE = rf"({KEY}):(?!//)([^\s:].*)"
_LINE_KEY_WITHOUT_SPACE = r"[ \t]*(?:-[ \t]+)?" + _KEY_WITHOUT_SPACE
# Where the value typed after such a key ends: at a comment or at the next such key.
_VALUE_END = rf"\s+#|\s+(?={KEY}:[^\s:])"


class SyntaxProblem(Exception):
    def __init__(self, problem: str, context: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.context = context
        self.line = line
        self.column = column



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


def syntax_diagnostic(path: str, text: str, exc: SyntaxProblem) -> Diagnostic:
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


def _misaligned(path: str, lines: list[str], exc: SyntaxProblem) -> Diagnostic | None:
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
