"""How much of a file zwxt reads: the limits every path of the parse keeps alike."""

from __future__ import annotations

# A report is a few KB: 128 KB is far beyond any real one, and even filled with mistakes it
# is checked in well under a second. The data files of a province (5,000 units) stay under 2 MB.
MAX_FILE_BYTES = 128 * 1024
MAX_DATA_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
# The plain scalars YAML reads as null: a value with nothing after its key, ``~``, ``null``.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
