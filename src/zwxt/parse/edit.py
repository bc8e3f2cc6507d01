"""Editing a data file as text: one top-level block replaced, items added to a list.

Everything outside the edited block stays byte for byte: comments, blank lines, the
order and quoting of keys, the line endings. A round trip through a YAML library would
re-indent and re-quote what it does not understand; the coordinator's comments are part
of the file. The blocks are found by the parse (the lines of the top-level keys), never
by guessing at the text.
"""

from __future__ import annotations

from zwxt.parse.reader import read_yaml


def top_level_lines(path: str, text: str) -> dict[str, int] | None:
    """The 0-based line of each top-level key of ``text``; None when it is not a readable mapping."""
    parsed = read_yaml(path, text.encode("utf-8"), locate=True)
    if not isinstance(parsed.data, dict):
        return None
    return {str(where[0]): mark.line - 1 for where, mark in parsed.positions.keys.items() if len(where) == 1}


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _is_comment_or_blank(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _block(lines: list[str], keys: dict[str, int], key: str) -> tuple[int, int]:
    """The lines [start, end) of ``key``'s block: from its key to the comments and blank lines
    that stand before the next top-level key (those belong to that key), or to the end."""
    start = keys[key]
    following = [line for line in keys.values() if line > start]
    if not following:
        return start, len(lines)
    end = min(following)
    while end - 1 > start and _is_comment_or_blank(lines[end - 1]):
        end -= 1
    return start, end


def replace_block(path: str, text: str, key: str, block: str) -> str:
    """``text`` with the top-level ``key``'s block replaced by ``block`` (its key line included),
    or with ``block`` added at the end when there is no such key.

    Raises ValueError when ``text`` is not a readable mapping.
    """
    keys = top_level_lines(path, text)
    if keys is None:
        raise ValueError(f"{path} is not a readable mapping")
    newline = _newline(text)
    block = block.replace("\n", newline) if newline != "\n" else block
    lines = text.splitlines(keepends=True)
    if key not in keys:
        head = text if not text or text.endswith(("\n", "\r")) else text + newline
        return head + (newline if head.strip() else "") + block
    start, end = _block(lines, keys, key)
    tail = lines[end:]
    if tail and tail[0].strip() and not block.endswith(newline * 2):  # a blank line before the next key
        block += newline
    return "".join(lines[:start]) + block + "".join(tail)


def append_items(path: str, text: str, key: str, items: list[str]) -> str | None:
    """``text`` with ``items`` (each the lines of one list item, written at indentation 0 with
    ``- ``) added after the last item of the top-level ``key``'s list, indented as its items
    are. None when ``key`` is not a block list that items can be added to as text (missing,
    empty, or written in flow style ``[...]``)."""
    keys = top_level_lines(path, text)
    if keys is None or key not in keys:
        return None
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, keys, key)
    key_line = lines[start].split("#", 1)[0].rstrip()
    if not key_line.endswith(":"):
        return None  # `units: [...]` or `units: []`
    first_item = next((line for line in lines[start + 1:end] if line.lstrip().startswith("- ")), None)
    if first_item is None:
        return None
    indent = first_item[: len(first_item) - len(first_item.lstrip())]
    last = end
    while last - 1 > start and _is_comment_or_blank(lines[last - 1]):
        last -= 1
    newline = _newline(text)
    before = "".join(lines[:last])
    if not before.endswith(("\n", "\r")):
        before += newline
    added = "".join(indent + line + newline if line else newline
                    for item in items for line in item.rstrip("\n").split("\n"))
    return before + added + "".join(lines[last:])
