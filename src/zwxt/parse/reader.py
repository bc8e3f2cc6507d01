"""Reading a YAML file into plain values, and, when asked, the line and column of every key and value.

A file's bytes are checked first (zwxt.parse.text). An ordinary file read without positions is
then given to rapidyaml (zwxt.parse.rapidyaml), which reads it about fifteen times faster than
libyaml composes it, or says it will not; everything else, and every file read with positions,
is composed by libyaml (zwxt.parse.libyaml), the parser of record, whose findings and positions
are the ones reported. ``Parsed.located`` gives the positions of a file read without them,
from the nodes already composed, or by libyaml reading the same bytes again (never the disk):
the caller never knows which parser read the file.

Positions come from a second parse, not from rapidyaml's: its Python package has no location
lookup, and working them out for every file from where each scalar lies in the buffer costs a
clean file more than the second parse costs the few files with a finding
(bench/parse_alternatives.py).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zwxt.diagnostics import Diagnostic, error
from zwxt.parse.libyaml import DEEP, Converter, TooDeep, Unusual, compose
from zwxt.parse.limits import MAX_FILE_BYTES, NULLS
from zwxt.parse.syntax import SyntaxProblem, syntax_diagnostic
from zwxt.parse.text import BEYOND_BMP, control_characters, decode, invisible_characters
from zwxt.positions import Mark, Positions, path_text


@dataclass
class Parsed:
    """A file's plain data (None when unreadable) with positions and findings."""

    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # How a read without positions gives them: from the nodes it composed, or by reading the bytes again.
    _locate: Callable[[], Parsed] | None = field(default=None, repr=False, compare=False)

    def located(self) -> Parsed:
        """The same file with positions (itself when it has them, or no data)."""
        return self if self._locate is None else self._locate()


def read_yaml(path: str, raw: bytes, locate: bool = True, max_bytes: int = MAX_FILE_BYTES) -> Parsed:
    """Decode, compose and convert ``raw``; ``path`` is only used to locate findings.

    Without ``locate`` no positions are recorded (findings of the parse itself are still
    located): the fast path for a file that will most likely validate cleanly. A file over
    ``max_bytes`` is refused unread (F005).
    """
    parsed = Parsed()
    text = decode(path, raw, parsed.diagnostics, max_bytes)
    if text is None:
        return parsed
    if control_characters(path, text, parsed.diagnostics):
        return parsed
    invisible_characters(path, text, parsed.diagnostics, BEYOND_BMP.search(raw) is not None)
    # What the scan of the text found is placed in the data too, which takes the positions.
    scanned = len(parsed.diagnostics)
    locate = locate or scanned > 0
    if not locate:
        from zwxt.parse.rapidyaml import plain_values

        data = plain_values(text)
        if data is not None:
            parsed.data = data
            parsed._locate = functools.partial(read_yaml, path, raw, locate=True, max_bytes=max_bytes)
            return parsed
    try:
        root = compose(text)
    except SyntaxProblem as exc:
        parsed.diagnostics.append(syntax_diagnostic(path, text, exc))
        return parsed
    except TooDeep as exc:
        parsed.diagnostics.append(error(path, exc.mark.line, exc.mark.column, "Y005", *DEEP))
        return parsed
    if root is None or (root.id == "scalar" and not root.style and root.value in NULLS):
        # (a document of only `~` or `null` is as empty as one of only comments)
        parsed.diagnostics.append(error(path, 1, 1, "F003", "文件为空（没有任何内容）",
                                        "请按模板填写内容；不需要的文件请删除"))
        return parsed
    # Full-width spaces, escapes and tags are rare, so only then are nodes looked at one by one.
    careful = "\u3000" in text or "\\" in text or "!" in text
    if not locate:
        try:
            parsed.data = Converter(path, None, parsed.diagnostics, careful).plain(root, 0)
            parsed._locate = functools.partial(_converted, path, root, careful)
            return parsed
        except Unusual:
            pass
    parsed = _converted(path, root, careful, parsed.diagnostics)
    positions = parsed.positions
    parsed.diagnostics[:scanned] = [
        dataclasses.replace(d, where=path_text(positions.path_at(Mark(d.line, d.column))))
        for d in parsed.diagnostics[:scanned]]
    return parsed


def _converted(path: str, root: Any, careful: bool, found: list[Diagnostic] | None = None) -> Parsed:
    """The composed nodes converted with positions, after the findings ``found`` before."""
    parsed = Parsed(diagnostics=[] if found is None else found)
    parsed.data = Converter(path, parsed.positions, parsed.diagnostics, careful).convert(root, (), 0)
    return parsed
