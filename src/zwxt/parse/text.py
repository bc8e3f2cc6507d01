"""From a file's bytes to the text the parsers read: its encoding, size and characters checked.

Each refusal is a finding located where the trouble is: too large (F005), not UTF-8 (F002),
binary (F004), empty (F003), a character no Word document can hold or that scrambles line
numbers (Y006), a character that shows nothing yet changes the text (Y010, a warning).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from zwxt.diagnostics import MAX_PER_CODE, Diagnostic, error, warning

# Characters that XML 1.0, and therefore a Word document, cannot hold; the C1 controls
# (U+0080–U+009F, the mark of text decoded with the wrong encoding somewhere on its way);
# and the line and paragraph separators, which YAML counts as line breaks and editors do not.
# Lone surrogates can only come from a double-quoted escape (``"\\ud800"``): no UTF-8 holds them.
# A byte order mark past the file's start, and the replacement character that marks text
# once decoded with the wrong encoding (the original characters are lost), are refused too.
CONTROL = re.compile(
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
BEYOND_BMP = re.compile(b"[\xf0-\xf4]")


def decode(path: str, raw: bytes, out: list[Diagnostic], max_bytes: int) -> str | None:
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


def control_characters(path: str, text: str, out: list[Diagnostic]) -> bool:
    if CONTROL.search(text) is None:
        return False
    _each_character(CONTROL, text, out,
                    lambda line, column, char: _control_diagnostic(path, line, column, char))
    return True


def invisible_characters(path: str, text: str, out: list[Diagnostic], beyond_bmp: bool) -> None:
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
