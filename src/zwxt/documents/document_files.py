"""A rendered document, and the two files zwxt makes of it: Word and Markdown.

The outline templates give blocks (``zwxt.documents.document``); a Document is those blocks with the
title and date a Word file's properties carry. Both writers are deterministic: the same
Document always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zwxt.documents.document import Block
from zwxt.documents.markdown_writer import markdown_text


@dataclass(frozen=True)
class Document:
    title: str  # for the file's properties
    day: date  # the date the document speaks of; fixed metadata keeps output byte-identical
    blocks: tuple[Block, ...]

    def to_markdown(self) -> str:
        """The document as CommonMark with GitHub-style tables (``documents.markdown_writer``)."""
        return markdown_text(self)

    def to_docx(self) -> bytes:
        """The document as a Word file in the official-document format (``documents.docx_writer``)."""
        from zwxt.documents.docx_writer import docx_bytes  # python-docx is slow to import: only when asked

        return docx_bytes(self)
