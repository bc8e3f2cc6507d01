"""YAML text → values and, when asked, positions: the one way zwxt reads a YAML file.

- ``read_yaml(path, raw, locate=...)`` → ``Parsed``: the values (every scalar a string, as the
  schema types it), the parse's findings located and explained in Chinese, and the line and
  column of every key and value when ``locate`` (or later, from ``Parsed.located()``).
- ``read_mended(path, raw, ...)`` → ``Mended``: the same, read past the mechanical mistakes of
  a file typed by hand (a full-width colon, a missing space, a Tab, a status's synonym), each
  one a finding (``Mended.findings``); ``mended_bytes`` gives the file with them repaired.
- ``replace_block`` and ``append_items`` edit a data file as text, found by the parse.

Which parser read a file (rapidyaml for an ordinary file read without positions, libyaml for
everything else and for every position, ruamel's pure composer where libyaml's C extension is
missing) is known only inside this package: values, findings and positions are the same
whichever did (tests/parse/test_rapidyaml.py).

The modules: ``reader`` (``read_yaml``), ``text`` (bytes to text), ``rapidyaml`` and
``libyaml`` (the two parsers), ``syntax`` (syntax errors explained), ``indentation`` (which
columns a line may begin at), ``repairs`` and ``mending`` (mechanical mistakes), ``edit``
(data files edited as text), ``limits``.
"""

from __future__ import annotations

from zwxt.parse.edit import append_items, replace_block
from zwxt.parse.limits import MAX_DATA_FILE_BYTES, MAX_FILE_BYTES
from zwxt.parse.mending import Mended, mended_bytes, read_mended
from zwxt.parse.reader import Parsed, read_yaml
from zwxt.parse.repairs import FIXABLE
from zwxt.parse.syntax import key_without_space

__all__ = [
    "FIXABLE",
    "MAX_DATA_FILE_BYTES",
    "MAX_FILE_BYTES",
    "Mended",
    "Parsed",
    "append_items",
    "key_without_space",
    "mended_bytes",
    "read_mended",
    "read_yaml",
    "replace_block",
]
