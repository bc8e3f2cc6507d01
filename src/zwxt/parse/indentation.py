"""Which columns a line of a block-style YAML file may begin at, read from the lines above it.

A report is typed by hand: when a line's indentation is off, the parser says only that a
key or a list item was not where it expected one. The lines above say where it could be:
every key or list item still open (no line between them and this one is indented less)
is a column this line may line up with. ``anchors`` lists them, nearest first, so that a
message can say "line up ``status`` with ``task`` on line 5, 4 spaces" (zwxt.parse.syntax),
and a Tab can be replaced by the spaces that line it up with one (zwxt.parse.repairs).

Lines inside a block scalar (``|``, ``>``) or a quoted text left open are text, not structure,
and offer nothing (``text_lines``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A key as people write them: a field name, or a Chinese one (metric and aspect names).
KEY = r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]{0,29}"
# A key followed by an English colon and a space or the line's end: what YAML reads as a key.
_PROPER_KEY = r"""([^\s#'"\-?:,\[\]{}&*!|>%@`][^#]*?|"[^"]*"|'[^']*'):(?=[ \t]|$)"""
# A line whose text may go on below it: a block scalar's `|` or `>`, or a quote left open.
TEXT_GOES_ON = r"""(?:^|\s)(?:[|>][-+0-9]*[ \t]*(?:#.*)?|"(?:[^"\\]|\\.)*|'(?:[^']|'')*)\r?$"""
_OPEN_QUOTE = r"""(?:^|\s)(?:("(?:[^"\\]|\\.)*)|('(?:[^']|'')*))\r?$"""
# Where a quote left open closes on a later line.
_CLOSES = {'"': r'^(?:[^"\\]|\\.)*"', "'": r"^(?:[^']|'')*'(?!')"}
# (patterns are compiled, and cached by re, when a file needs them: a clean check needs none)


@dataclass(frozen=True)
class Anchor:
    """A key or list item a line may line up with: at ``column`` (spaces before it) of ``line``
    (1-based); ``text`` is how it is shown: the key, ``task``, or the dash and its key, ``- task``."""

    line: int
    column: int
    item: bool  # a list item's dash, rather than a key
    text: str


@dataclass(frozen=True)
class Shape:
    """What a line holds, as far as indentation goes."""

    indent: int  # the spaces before its content
    anchors: tuple[Anchor, ...]  # the dashes and the key on it, left to right
    opens: bool  # it ends with a key or a dash with nothing after: a block begins below it
    key: str | None  # the key it holds (after any dashes), if any


def shape(text: str, line: int) -> Shape | None:
    """The line's shape; None for a blank line or a comment (``line`` numbers the anchors)."""
    stripped = text.lstrip(" ")
    if not stripped.strip() or stripped.startswith("#"):
        return None
    indent = len(text) - len(stripped)
    column, rest, anchors = indent, stripped, []
    while rest == "-" or rest.startswith(("- ", "-\t")):
        after = rest[1:]
        spaces = len(after) - len(after.lstrip(" \t"))
        inner = re.match(_PROPER_KEY, after.lstrip(" \t"))
        anchors.append(Anchor(line, column, True, f"- {inner.group(1)}" if inner else "-"))
        column += 1 + spaces
        rest = after[spaces:]
    match = re.match(_PROPER_KEY, rest)
    if match is not None:
        anchors.append(Anchor(line, column, False, match.group(1)))
    value = rest[match.end():].strip() if match else rest.strip()
    opens = bool(anchors) and (not value or value.startswith("#"))
    return Shape(indent, tuple(anchors), opens, match.group(1) if match else None)


def text_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it is text: of a block scalar (more indented than the line that
    opens it), or of a quote left open above it (up to the line that closes it)."""
    inside: list[bool] = []
    opener: int | None = None  # the indentation of the line opening a block scalar
    content: int | None = None  # the indentation of the block scalar's first line of text
    quote: str | None = None  # the quote left open
    for text in lines:
        stripped = text.lstrip(" \t")
        indent = len(text) - len(stripped)
        if quote is not None:
            inside.append(True)
            if re.match(_CLOSES[quote], text):
                quote = None
            continue
        if opener is not None and stripped and content is None and indent > opener:
            content = indent
        # a line indented less than the block's text ends it, however far it is from the opener
        if opener is not None and (not stripped or (content is not None and indent >= content)):
            inside.append(True)
            continue
        opener = content = None
        inside.append(False)
        if stripped and not stripped.startswith("#") and re.search(TEXT_GOES_ON, text):
            open_quote = re.search(_OPEN_QUOTE, text)
            if open_quote is not None:
                quote = '"' if open_quote.group(1) is not None else "'"
            else:
                opener = indent
    return inside


def anchors(lines: list[str], lineno: int, text: list[bool] | None = None) -> list[Anchor]:
    """The keys and list items still open above line ``lineno`` (0-based), nearest first, one
    per column: where a line there may begin. ``text``: ``text_lines(lines)``, when known."""
    inside = text if text is not None else text_lines(lines)
    found: dict[int, Anchor] = {}
    limit: float = float("inf")  # a line indented less closes every column deeper than its own
    for index in range(lineno - 1, -1, -1):
        if inside[index]:
            continue
        found_shape = shape(lines[index], index + 1)
        if found_shape is None:
            continue
        for anchor in found_shape.anchors:
            if anchor.column <= limit and anchor.column not in found:
                found[anchor.column] = anchor
        limit = min(limit, found_shape.indent)
        if limit == 0 and 0 in found:
            break
    return sorted(found.values(), key=lambda a: -a.line)


def opener_above(lines: list[str], lineno: int, text: list[bool] | None = None) -> Shape | None:
    """The nearest line with content above ``lineno`` (0-based), when it opens a block."""
    inside = text if text is not None else text_lines(lines)
    for index in range(lineno - 1, -1, -1):
        if inside[index]:
            return None
        found = shape(lines[index], index + 1)
        if found is not None:
            return found if found.opens else None
    return None


def aligned(anchors_above: list[Anchor], column: int, item: bool) -> Anchor | None:
    """The anchor a key (or, with ``item``, a list item) beginning at ``column`` lines up with,
    or None when none is at that column."""
    return next((a for a in anchors_above if a.column == column and a.item == item), None)


def nearest(anchors_above: list[Anchor], column: int, item: bool) -> Anchor | None:
    """The anchor of that kind closest to ``column``; of two as close, the one on the nearer line."""
    kind = [a for a in anchors_above if a.item == item]
    if not kind:
        return None
    return min(kind, key=lambda a: (abs(a.column - column), -a.line))
