"""Reading a Word form back in tests, with python-docx and lxml, as a reader of any .docx would:
tables by their header row, headings by their style's name, custom properties from docProps."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def open_docx(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(_CUSTOM + "property")}


def cell_text(cell: Any) -> str:
    """All the cell's text, content controls' included (python-docx's ``cell.text`` skips them)."""
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in cell._tc.iter(W + "p"))


def table_rows(word: Any, first: str) -> list[list[str]]:
    """The cells' text of the table whose header row starts with ``first`` (cells joined by |)."""
    for table in word.tables:
        rows = [[cell_text(c) for c in row.cells] for row in table.rows]
        if rows and rows[0][: len(first.split("|"))] == first.split("|"):
            return rows
    raise AssertionError(f"no table headed {first}")


def style_name(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def paragraphs(word: Any, name: str) -> list[str]:
    """The text of the body's paragraphs in the style named ``name``."""
    return [p.text for p in word.paragraphs if style_name(p) == name]


def drop_downs(word: Any) -> list[tuple[list[str], str]]:
    """Each drop-down content control: its items, and the value it shows."""
    found = []
    for sdt in word.element.body.iter(W + "sdt"):
        items = [i.get(W + "displayText") for i in sdt.iter(W + "listItem")]
        if sdt.find(f"{W}sdtPr/{W}dropDownList") is not None:
            shown = "".join(t.text or "" for t in sdt.find(W + "sdtContent").iter(W + "t"))
            found.append((items, shown))
    return found


# ---- filling a form in as a clerk would ------------------------------------------------------

def set_cell(cell: Any, text: str) -> None:
    """Type into a cell as Word does: the text of its first run (a content control's, if any)."""
    texts = cell._tc.findall(f".//{W}t")
    if texts:
        texts[0].text = text
        for extra in texts[1:]:
            extra.text = ""
        for shown in cell._tc.findall(f".//{W}showingPlcHdr"):
            shown.getparent().remove(shown)
    else:
        cell.paragraphs[0].add_run(text)


def type_under(document: Any, heading: str, text: str) -> None:
    """Replace the clerk's place under ``heading`` (the paragraph after its guidance) with ``text``."""
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    for paragraph in paragraphs[at + 1:]:
        if paragraph.style.style_id not in ("zwxtGuidance",):
            for run in paragraph.runs[1:]:
                run.text = ""
            if paragraph.runs:
                paragraph.runs[0].text = text
            else:
                paragraph.add_run(text)
            return
