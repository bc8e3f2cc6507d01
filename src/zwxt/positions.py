"""Where each key and value of a parsed YAML file stands, by its path in the data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import NamedTuple

PathKey = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int


START = Mark(1, 1)
# A key written as it is in a key path; any other (with a dot, a bracket, a quote or a space) is quoted.
_PLAIN_KEY = re.compile(r"[^.\[\]\"\s]+")


def path_text(path: PathKey) -> str:
    """The path as a finding's place in the data: ``tasks[3].progress``, ``tasks[0].metrics.开放数据集``;
    items count from 0, and "" is the file as a whole."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _PLAIN_KEY.fullmatch(part):
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(parts)


_STEP = re.compile(r'\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.\[\]]+)')


def path_from_text(text: str) -> PathKey:
    """The key path ``path_text`` wrote as ``text``."""
    steps: list[str | int] = []
    for match in _STEP.finditer(text):
        index, quoted, plain = match.groups()
        steps.append(int(index) if index is not None else json.loads(quoted) if quoted else plain)
    return tuple(steps)


@dataclass
class Positions:
    """Marks of keys and values by path, e.g. ``("tasks", 2, "status")``."""

    keys: dict[PathKey, Mark] = field(default_factory=dict)
    values: dict[PathKey, Mark] = field(default_factory=dict)

    def has(self, path: PathKey) -> bool:
        return path in self.values

    def value(self, path: PathKey) -> Mark:
        """The value at ``path``, else that of its nearest existing parent."""
        for cut in range(len(path), -1, -1):
            mark = self.values.get(path[:cut])
            if mark is not None:
                return mark
        return START

    def path_at(self, mark: Mark) -> PathKey:
        """The path of the last key or value that begins at or before ``mark``: what a character
        found there in the text belongs to (the innermost, where a key and its value begin together)."""
        best: PathKey = ()
        begins = Mark(0, 0)
        for marks in (self.values, self.keys):
            for path, start in marks.items():
                if start <= mark and (start, len(path)) > (begins, len(best)):
                    best, begins = path, start
        return best

    def key(self, path: PathKey) -> Mark:
        """The key of ``path``, else the nearest existing parent's key or value."""
        for cut in range(len(path), 0, -1):
            mark = self.keys.get(path[:cut])
            if mark is not None:
                return mark
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return self.values.get((), START)
