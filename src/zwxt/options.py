"""Choices and defaults that library functions take and the command line offers.

Kept apart from the services that use them, and light (an Enum, constants), so that the
command line can declare its options -- typer reads their types and defaults when it builds
the commands -- without importing the services, the models or the parsers: ``zwxt --help``
costs little more than typer itself (cli/__init__.py).
"""

from __future__ import annotations

from enum import Enum


class OutputFormat(str, Enum):
    """What ``render`` writes: a Word document to submit, or Markdown."""

    docx = "docx"
    md = "md"


class StatusFormat(str, Enum):
    """How ``status`` prints: a table on the terminal, or JSON, CSV, Markdown for files and programs."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


# The region a new plan repository names until its owner writes the real one (``zwxt init``).
DEFAULT_REGION = "本市"
