"""Documents as CommonMark (with GitHub-style tables) that GitHub, GitLab and Gitea render alike.

Every piece of user text is escaped, so a ``|``, ``*`` or ``1.`` in a report cannot turn into
a table border, emphasis or a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from zwxt.documents.document import Block, Kind

if TYPE_CHECKING:
    from zwxt.documents.document_files import Document

# ASCII punctuation that CommonMark gives a meaning inside a line; a backslash makes it literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~#&!])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_BLOCK_START = re.compile(r"^([-+=])")

_HEADING_LEVEL = {Kind.TITLE: 1, Kind.H1: 2, Kind.H2: 3, Kind.H3: 4, Kind.H4: 5}


def escape(text: str, line_start: bool = True) -> str:
    """One line of text, literal in a paragraph, or in a heading when not ``line_start``."""
    escaped = _INLINE.sub(r"\\\1", text.strip())
    if not line_start:
        return escaped
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return _BLOCK_START.sub(r"\\\1", escaped)


def markdown_cell(text: str) -> str:
    """Text safe inside a table cell: specials escaped, line breaks kept as <br>."""
    lines = [escape(line) for line in text.splitlines() if line.strip()]
    return "<br>".join(lines) or " "


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(markdown_cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown_text(document: Document) -> str:
    """The document as Markdown (``Document.to_markdown``)."""
    parts = [_block(block) for block in document.blocks]
    return "\n".join(part for part in parts if part)


def _block(block: Block) -> str:
    if block.kind in _HEADING_LEVEL:
        text = "".join(block.text.splitlines())  # a title broken over lines for print
        return "#" * _HEADING_LEVEL[block.kind] + " " + escape(text, line_start=False) + "\n"
    if block.kind is Kind.TABLE:
        header, *rows = block.rows or ((),)
        return markdown_table(header, rows)
    if block.kind is Kind.LETTERHEAD:  # the issuer in bold over a rule, as the letter's double rule
        names = [f"**{escape(line)}**\n\n" for line in block.text.splitlines() if line.strip()]
        return "".join(names) + "---\n"
    if block.kind is Kind.ATTACHMENT:
        return "---\n\n**" + escape(block.text) + "**\n"
    if block.kind in (Kind.LANDSCAPE, Kind.PORTRAIT):
        return ""
    return "\n\n".join(escape(line) for line in block.text.splitlines() if line.strip()) + "\n"
