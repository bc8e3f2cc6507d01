"""The mechanical mistakes of a file typed by hand, each a repair: where, what was typed, what instead.

A mistake is mechanical when what was meant is beyond doubt and mending it changes nothing
else: a full-width colon after a key (Y002), no space after a key's English colon (Y001),
a Tab in a line's indentation (Y003), a status written in one of its everyday synonyms
(S004, ``SYNONYMS``), and a date or month written in full-width digits (S005). Nothing else
is repaired, however likely the fix.

A repair replaces characters inside one line and never a line break, so line numbers stay
the file's own; its column is that of the first character replaced, in the text as written
(``ColumnMap`` takes the columns of the mended text back there).

The repairs of syntax are found line by line (``line_repairs``) and only where the line
stands as a key would: a sibling key at the same column, above or below it, and not within
a block of text or a quote left open (zwxt.parse.indentation). The repairs of values are found in the
parsed data, at the positions its values were read from (``value_repairs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zwxt.dates import parse_iso_date, parse_iso_month
from zwxt.diagnostics import Diagnostic, Severity
from zwxt.parse.indentation import KEY, Anchor, aligned, anchors, opener_above, shape, text_lines
from zwxt.plan.report import Status
from zwxt.positions import Mark, PathKey, Positions, path_text

# The everyday words for the three states that cannot mean anything else. Not among them:
# 基本完成 and 部分完成 (not done), 已启动 (started, but how far?), 暂停, 推迟.
SYNONYMS: dict[str, Status] = {
    "进行中": Status.IN_PROGRESS, "正在进行": Status.IN_PROGRESS, "正在推进": Status.IN_PROGRESS,
    "进行": Status.IN_PROGRESS, "推进": Status.IN_PROGRESS,
    "完成": Status.DONE, "已完成了": Status.DONE, "完成了": Status.DONE, "已经完成": Status.DONE,
    "未开始": Status.NOT_STARTED, "尚未开始": Status.NOT_STARTED, "尚未启动": Status.NOT_STARTED,
}
# The keys whose values are dates or months (in a report, and a task's due day in the plan).
_DATE_KEYS = frozenset({"month", "date", "completed", "due"})
_FULLWIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")
FULLWIDTH_DIGIT = "[０-９]"
FIXABLE = "；运行 zwxt check --fix 可自动改正"
# (patterns are compiled, and cached by re, when a file needs them: a clean check needs none)
_DASHES = r" *(?:-[ \t]+)*"
_FULLWIDTH_COLON = rf"({KEY})：\u3000*"
_NO_SPACE = rf"({KEY}):(?!//)(?=[^\s:])"
_TAB_WIDTHS = (4, 2, 8)
_PASSES = 8  # (each pass finds the lines the one before made keys of; a file needs one or two)


@dataclass(frozen=True, order=True)
class Repair:
    """``old`` at ``line``:``column`` (1-based) of the text as written, to be replaced by ``new``."""

    line: int
    column: int
    old: str
    new: str
    code: str
    message: str
    hint: str
    where: str = ""  # the place in the data, for a value
    key: bool = False  # whether it makes a key of the text before it (zwxt.parse.mending checks it did)

    def diagnostic(self, path: str, where: str) -> Diagnostic:
        """The mistake as a finding at ``where`` in the data: an error, whose hint says that
        ``zwxt check --fix`` mends it."""
        return Diagnostic(path, self.line, self.column, self.code, Severity.ERROR, self.message,
                          self.hint + FIXABLE, where=where)


def line_repairs(text: str) -> list[Repair]:
    """The repairs of syntax in ``text`` (its line ends normalised), by line.

    A line stands as a key by its siblings, which may be mistyped too and stand as keys only once
    repaired: the lines are looked at again as repaired, until no other line is found (so that
    the file, once repaired, has none of these mistakes left to find).
    """
    lines = text.split("\n")
    found = _line_repairs(lines)
    for _ in range(_PASSES):
        done = {repair.line for repair in found}
        more = [repair for repair in _line_repairs(apply(lines, found)) if repair.line not in done]
        if not more:
            break
        found = sorted([*found, *more])
    return found


def _line_repairs(lines: list[str]) -> list[Repair]:
    inside = text_lines(lines)
    mended = list(lines)  # the lines above as repaired: what the lines below line up with
    found: list[Repair] = []
    for index, line in enumerate(lines):
        content = line.lstrip(" \t")
        if inside[index] or not content or content.startswith("#"):
            continue
        lead = line[: len(line) - len(content)]
        current, shift, on_line = line, 0, []
        if "\t" in lead:
            tab = _tab_repair(mended, lines, index, lead, content, inside)
            if tab is None:
                continue  # (no width lines it up: the parser's explanation stands)
            on_line.append(tab)
            current = tab.new + content
            shift = len(tab.new) - len(lead)
        key = _key_repair(mended, lines, index, current, inside)
        if key is not None:
            on_line.append(_moved(key, -shift))
        found += on_line
        mended[index] = apply_line(line, on_line)
    return found


def _tab_repair(mended: list[str], lines: list[str], index: int, lead: str, content: str,
                inside: list[bool]) -> Repair | None:
    """Spaces for an indentation with Tabs: as many as a Tab of 4, 2 or 8 columns gives, or the
    spaces without the Tabs. Below a line that opens a block, the first deeper than it (lined up
    with a sibling below, if any); elsewhere the first that lines it up with a key or an item
    above or below it, and none when none does."""
    above = anchors(mended, index, inside)
    opener = opener_above(mended, index, inside)
    # (and the spaces alone: a Tab typed after them by mistake)
    widths = [*dict.fromkeys([len(lead.expandtabs(width)) for width in _TAB_WIDTHS] + [lead.count(" ")])]

    def first(spaces: int) -> Anchor | None:
        found = shape(" " * spaces + content, index + 1)
        return found.anchors[0] if found is not None and found.anchors else None

    chosen: tuple[int, Anchor | None] | None = None
    if opener is not None:  # the line's block begins here: as deep as a sibling below it, else a Tab of 4
        deeper = [spaces for spaces in widths if spaces > opener.indent]
        below = [(spaces, match) for spaces in deeper if (own := first(spaces)) is not None
                 and (match := _sibling_below(lines, index, spaces, own.item, inside)) is not None]
        chosen = below[0] if below else (deeper[0], None) if deeper else None
    else:
        for spaces in widths:
            own = first(spaces)
            match = None if own is None else (aligned(above, spaces, own.item)
                                              or _sibling_below(lines, index, spaces, own.item, inside))
            if match is not None:
                chosen = spaces, match
                break
    if chosen is None:
        return None
    spaces, anchor = chosen
    lined_up = f"，与第{anchor.line}行的「{anchor.text}」对齐" if anchor is not None else ""
    return Repair(index + 1, 1, lead, " " * spaces, "Y003", "使用了制表符（Tab）缩进",
                  f"YAML 只能用空格缩进：把本行开头的 Tab 换成 {spaces} 个空格{lined_up}")


def _key_repair(mended: list[str], lines: list[str], index: int, current: str,
                inside: list[bool]) -> Repair | None:
    """A key typed with a full-width colon, or with no space after its colon, at a column where
    a sibling key stands (``current``: the line with its indentation repaired)."""
    column = re.match(_DASHES, current).end()  # type: ignore[union-attr]  # (the pattern matches "")
    rest = current[column:]
    full = re.match(_FULLWIDTH_COLON, rest)
    bare = None if full is not None else re.match(_NO_SPACE, rest)
    if (full is None and bare is None) or not _key_column(mended, lines, index, column, inside):
        return None
    if full is not None:
        key, old = full.group(1), full.group()[len(full.group(1)):]
        tail = rest[full.end():]
        new = ":" if not tail or tail[0] in " \t" else ": "
        return Repair(index + 1, column + len(key) + 1, old, new, "Y002", "键后面用了全角冒号“：”",
                      f"请切换到英文输入法，改成英文冒号加空格，写成 {key}: {_shown(tail)}".rstrip(),
                      key=True)
    assert bare is not None
    key = bare.group(1)
    return Repair(index + 1, column + bare.end() + 1, "", " ", "Y001", f"键「{key}」的冒号后要加一个空格",
                  f"键和值之间要用英文冒号加一个空格分隔，写成 {key}: {_shown(rest[bare.end():])}", key=True)


def _shown(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    return value if len(value) <= 20 else value[:20] + "…"


def _key_column(mended: list[str], lines: list[str], index: int, column: int, inside: list[bool]) -> bool:
    """Whether a key stands at ``column`` beside line ``index``: one open above it, or a sibling
    below it in the same block."""
    return aligned(anchors(mended, index, inside), column, False) is not None or \
        _sibling_below(lines, index, column, False, inside) is not None


def _sibling_below(lines: list[str], index: int, column: int, item: bool,
                   inside: list[bool]) -> Anchor | None:
    """A key (or item) at ``column`` on a line below ``index``, before the block ends."""
    for below in range(index + 1, len(lines)):
        if inside[below]:
            continue
        found = shape(lines[below], below + 1)
        if found is None:
            continue
        # a line indented less ends the block: a key after its dash begins another item's
        if found.indent < column or "\t" in lines[below][: found.indent + 1]:
            return None
        match = next((a for a in found.anchors if a.column == column and a.item == item), None)
        if match is not None:
            return match
    return None


def _moved(repair: Repair, by: int) -> Repair:
    return Repair(repair.line, repair.column + by, repair.old, repair.new, repair.code, repair.message,
                  repair.hint, repair.where, repair.key)


def value_repairs(data: Any, positions: Positions, lines: list[str], report: bool) -> list[Repair]:
    """The repairs of values the schema refuses but that have one plain meaning: a status's
    synonym (in a report, ``report``) and a date or month in full-width digits."""
    found: list[Repair] = []
    if report and isinstance(data, dict) and isinstance(data.get("tasks"), list):
        for i, entry in enumerate(data["tasks"]):
            status = entry.get("status") if isinstance(entry, dict) else None
            if isinstance(status, str) and status in SYNONYMS:
                new = SYNONYMS[status].value
                options = "、".join(s.value for s in Status)
                repair = _at_value(lines, positions, ("tasks", i, "status"), status, new, "S004",
                                   f"状态写成了「{status}」，应为「{new}」",
                                   f"状态只能是 {options}，写成 status: {new}")
                found += [repair] if repair is not None else []
    for where, value in dates(data):
        ascii_value = value.translate(_FULLWIDTH)
        if ascii_value == value or not _valid_date(ascii_value):
            continue
        repair = _at_value(lines, positions, where, value, ascii_value, "S005",
                           f"「{where[-1]}」用了全角数字「{value}」",
                           f"日期和月份只用半角数字，写成 {ascii_value}")
        found += [repair] if repair is not None else []
    return found


def dates(data: Any, where: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Each text under a key that holds a date or a month, with its place in the data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in _DATE_KEYS:
                yield (*where, key), value
            elif isinstance(value, (dict, list)):
                yield from dates(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from dates(value, (*where, i))


def _valid_date(text: str) -> bool:
    for parse in (parse_iso_date, parse_iso_month):
        try:
            parse(text)
            return True
        except ValueError:
            pass
    return False


def _at_value(lines: list[str], positions: Positions, where: PathKey, old: str, new: str, code: str,
              message: str, hint: str) -> Repair | None:
    """The repair of the value at ``where`` when the text there is ``old`` as typed, bare or in quotes."""
    mark = positions.values.get(where)
    if mark is None or mark.line > len(lines):
        return None
    line, start = lines[mark.line - 1], mark.column - 1
    if line.startswith(old, start):
        column = mark.column
    elif line[start:start + 1] in ("'", '"') and line.startswith(old + line[start], start + 1):
        column = mark.column + 1
    else:
        return None  # (written over several lines, or with escapes: left as it is)
    return Repair(mark.line, column, old, new, code, message, hint, path_text(where))


def apply_line(line: str, repairs: list[Repair]) -> str:
    """``line`` with the repairs on it made (their columns are of ``line`` as it is)."""
    for repair in sorted(repairs, key=lambda r: r.column, reverse=True):
        start = repair.column - 1
        line = line[:start] + repair.new + line[start + len(repair.old):]
    return line


def apply(lines: list[str], repairs: list[Repair] | tuple[Repair, ...]) -> list[str]:
    """The lines with every repair made; lines without one are the same objects."""
    by_line: dict[int, list[Repair]] = {}
    for repair in repairs:
        by_line.setdefault(repair.line, []).append(repair)
    return [apply_line(line, by_line[n]) if n in by_line else line for n, line in enumerate(lines, start=1)]


class ColumnMap:
    """Takes a column of the mended text back to the column of the text as written."""

    def __init__(self, repairs: list[Repair] | tuple[Repair, ...]) -> None:
        self.by_line: dict[int, list[Repair]] = {}
        for repair in sorted(repairs, key=lambda r: r.column):
            self.by_line.setdefault(repair.line, []).append(repair)

    def back(self, mark: Mark) -> Mark:
        on_line = self.by_line.get(mark.line)
        if not on_line:
            return mark
        shift = 0
        for repair in on_line:
            start = repair.column + shift  # where the replacement begins in the mended line
            if mark.column < start:
                break
            if mark.column < start + len(repair.new):
                return Mark(mark.line, repair.column)  # (inside what a repair wrote: where it wrote it)
            shift += len(repair.new) - len(repair.old)
        return Mark(mark.line, mark.column - shift)
