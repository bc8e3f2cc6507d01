"""Where each key and value of a parsed YAML file stands, by its path in the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

PathKey = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int


START = Mark(1, 1)


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

    def key(self, path: PathKey) -> Mark:
        """The key of ``path``, else the nearest existing parent's key or value."""
        for cut in range(len(path), 0, -1):
            mark = self.keys.get(path[:cut])
            if mark is not None:
                return mark
            if path[:cut] in self.values:
                return self.values[path[:cut]]
        return self.values.get((), START)
