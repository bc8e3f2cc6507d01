"""The fast path of the parse: rapidyaml reads an ordinary report, or says it will not.

libyaml (zwxt.parse.libyaml) is zwxt's parser of record: every finding of the parse, its Chinese
message and its line and column come from it. But composing libyaml nodes is most of a clean
check's time, and rapidyaml parses the same files about fifteen times faster. So a file zwxt
reads without positions is first given to rapidyaml and walked into the plain values libyaml's
path would give (every scalar text, plain ``~``/``null`` None); whatever is unusual is
left to libyaml, which reads it as before and explains it. Measured on 62,000 random edits of a
report and a corpus of known disagreements (bench/parse_correctness.py), the values and findings
are libyaml's in every case; tests/parse/test_rapidyaml.py keeps the corpus.

Left to libyaml (``None`` from ``plain_values``): text with a full-width space, a backslash, a
``!`` or a tab, or a directive line (``%YAML``); anchors, aliases and tags; duplicate, missing
or very long keys; plain text starting with an indicator (``@所有人``, which rapidyaml reads and
libyaml refuses); brackets or braces over several lines, a colon, question mark or ``#`` in
plain text inside them, an empty value there, or a pair in a flow list; several documents, a
scalar or nothing at the top; nesting deeper, or more nodes, than zwxt allows; a block scalar
last in a file without a final line break; any parse error.

The walk calls the SWIG module's functions with the tree's raw pointer (``_ryml.Tree_key(this,
i)``, ~0.15 us a call) rather than the public ``ryml.Tree`` methods (~0.8 us): with those,
``zwxt check`` of 10,000 reports took 1.33x the CPU of PyYAML's C loader instead of 0.95x,
past the 1.2x it must stay within (bench/parse_alternatives.py). So rapidyaml is pinned exactly,
and tests/parse/test_rapidyaml_pin.py fails when another version is installed, or a function
the walk calls is gone or gives otherwise than its public method.
rapidyaml writes each parse error to file descriptor 2 before raising it; it is silenced.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import ryml
from ryml import _ryml

from zwxt.parse.limits import MAX_DEPTH, MAX_NODES, NULLS

_type = _ryml.Tree_type
_key = _ryml.Tree_key
_val = _ryml.Tree_val
_first_child = _ryml.Tree_first_child
_next_sibling = _ryml.Tree_next_sibling
_root_id = _ryml.Tree_root_id
_size = _ryml.Tree_size
_parse = _ryml.parse_csubstr

_NONE = ryml.NONE
_MAP, _SEQ, _VAL = ryml.MAP, ryml.SEQ, ryml.VAL
_STREAM_BIT = ryml.STREAM & ~ryml.SEQ  # STREAM is SEQ plus this bit
_UNUSUAL = ryml.KEYANCH | ryml.VALANCH | ryml.KEYREF | ryml.VALREF | ryml.KEYTAG | ryml.VALTAG
_QUOTED_OR_BLOCK = ryml.VAL_SQUO | ryml.VAL_DQUO | ryml.VAL_LITERAL | ryml.VAL_FOLDED
_KEY_QUOTED_OR_BLOCK = ryml.KEY_SQUO | ryml.KEY_DQUO | ryml.KEY_LITERAL | ryml.KEY_FOLDED
_BLOCK_SCALAR = ryml.VAL_LITERAL | ryml.VAL_FOLDED
_FLOW = ryml.CONTAINER_STYLE_FLOW
# Indicators that cannot start plain text: libyaml stops where rapidyaml reads text.
_BAD_START = frozenset(",[]{}#&*!|>'\"%@`")
# libyaml refuses an implicit key over 1024 characters, quotes and escapes included.
_MAX_KEY = 500
# Substring tests (~2 us on a report) rather than one pattern with alternatives (~90 us).
_TRIGGERS = ("\u3000", "\\", "!", "\t")


class _Unusual(Exception):
    """What the walk leaves to libyaml."""


def plain_values(text: str) -> Any:
    """The values of a file's ``text`` (decoded, line ends normalised) as libyaml's fast path
    gives them, or None when libyaml must read the file (see the module's docstring)."""
    if any(t in text for t in _TRIGGERS) or text.startswith("%") or "\n%" in text:
        return None
    if ("[" in text or "{" in text) and _flow_across_lines(text):
        return None
    body = text.encode("utf-8")  # whatever the file's encoding was: rapidyaml reads UTF-8
    tree = ryml.Tree()
    try:
        with _stderr_silenced():
            _parse(body, tree)
        return _document(tree, text.endswith("\n"))
    except (ryml.ExceptionBasic, _Unusual, UnicodeDecodeError):
        return None


def _document(tree: Any, ends_with_newline: bool) -> Any:
    this = tree.this
    if 2 * _size(this) > MAX_NODES:  # a node here is a key and its value; near the limit, libyaml decides
        raise _Unusual
    root = _root_id(this)
    kind = _type(this, root)
    if kind & _STREAM_BIT or not kind & (_MAP | _SEQ) or kind & _UNUSUAL:
        raise _Unusual
    if not ends_with_newline and _type(this, _size(this) - 1) & _BLOCK_SCALAR:
        raise _Unusual  # rapidyaml ends such a block with a line break the file does not have
    return _container(this, root, kind, 0)


def _scalar(this: Any, node: int, kind: int, flow: int) -> str | None:
    view = _val(this, node)
    if view is None:  # `key:` with nothing after it
        if flow:  # (`{x:}`, which libyaml refuses, and `{x: }`, which it reads)
            raise _Unusual
        return None
    text = str(view, "utf-8")
    if not kind & _QUOTED_OR_BLOCK:
        if text in NULLS:
            return None
        if text[:1] in _BAD_START or (flow and _flow_trouble(text)):
            raise _Unusual
    return text


def _flow_across_lines(text: str) -> bool:
    """Whether brackets or braces may open on one line and close on another: libyaml and
    rapidyaml fold such text differently, and libyaml refuses a key whose colon is on the
    next line. (A line with brackets that do not balance, in text or a comment, is enough.)"""
    for line in text.split("\n"):
        opened = line.count("[") + line.count("{")
        if opened != line.count("]") + line.count("}"):
            return True
    return False


def _flow_trouble(text: str) -> bool:
    """Plain text inside brackets or braces that libyaml reads otherwise or refuses, where
    rapidyaml reads on: a colon (`[12:30]`, `{x:}`), a question mark (`[a?b]`, `[?a]`), a
    comment sign (`{k: a #b}`). (A key with a space, which may be one folded from two lines
    and which libyaml refuses, is left to libyaml too.)"""
    return ":" in text or "?" in text or "#" in text


def _container(this: Any, node: int, kind: int, depth: int) -> Any:
    if depth >= MAX_DEPTH:
        raise _Unusual
    child = _first_child(this, node)
    flow = kind & _FLOW
    if kind & _MAP:
        mapping: dict[str, Any] = {}
        while child != _NONE:
            inner = _type(this, child)
            view = _key(this, child)
            if inner & _UNUSUAL or view is None:  # (`: value`, which libyaml refuses)
                raise _Unusual
            key = str(view, "utf-8")
            if key in mapping or len(key) > _MAX_KEY or (not inner & _KEY_QUOTED_OR_BLOCK and (
                    key[:1] in _BAD_START or (flow and (_flow_trouble(key) or " " in key)))):
                raise _Unusual
            mapping[key] = _scalar(this, child, inner, flow) if inner & _VAL else \
                _container(this, child, inner, depth + 1)
            child = _next_sibling(this, child)
        return mapping
    items: list[Any] = []
    while child != _NONE:
        inner = _type(this, child)
        if inner & _UNUSUAL or (flow and inner & _MAP):  # (a pair in a list: `[x: y]`, `[x:]`)
            raise _Unusual
        items.append(_scalar(this, child, inner, flow) if inner & _VAL else
                     _container(this, child, inner, depth + 1))
        child = _next_sibling(this, child)
    return items


_quiet: tuple[int, int] | None = None  # (/dev/null, the real stderr), opened once


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """File descriptor 2 pointed at /dev/null while rapidyaml parses: two dup2 calls (~2 us)."""
    global _quiet
    if _quiet is None:
        _quiet = os.open(os.devnull, os.O_WRONLY), os.dup(2)
    devnull, stderr = _quiet
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(stderr, 2)
