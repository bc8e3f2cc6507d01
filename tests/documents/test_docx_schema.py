"""Every kind of Word document zwxt writes conforms to the OOXML schema (ECMA-376, as Office 2019
reads it), checked with openxml-audit, which validates offline in pure Python."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from zwxt.dates import Month
from zwxt.services.notice import render_circular, render_notices
from zwxt.services.render import OutputFormat, render_reports, render_summary
from zwxt.store.repo import Repository

JIANGMEN = Path(__file__).resolve().parents[1] / "plans" / "jiangmen"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 2018-03 summary (portrait and landscape sections, the table), a unit report (sign-off),
    a 督办通知 and the 通报 (the letter format's letterhead and first page without a number)."""
    root = tmp_path_factory.mktemp("schema") / "plan"
    shutil.copytree(JIANGMEN, root)
    repo = Repository(root)
    out = root / "out"
    render_summary(repo, Month(2018, 3), [OutputFormat.docx], out)
    render_reports(repo, [root / "reports/2018-03/市审计局.yaml"], None, [OutputFormat.docx], out)
    render_notices(repo, Month(2018, 3), [OutputFormat.docx], out, day=date(2018, 4, 10))
    render_circular(repo, Month(2018, 3), [OutputFormat.docx], out, day=date(2018, 4, 10))
    return {path.stem: path for path in out.rglob("*.docx")}


def problems(path: Path) -> list[str]:
    result = OpenXmlValidator().validate(str(path))
    return [str(error) for error in result.errors]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["汇总", "市审计局", "通报", "恩平市"])
def test_the_package_conforms_to_the_schema(written: dict[str, Path], name: str) -> None:
    assert problems(written[name]) == []


def test_the_check_finds_elements_out_of_schema_order(written: dict[str, Path], tmp_path: Path) -> None:
    """The validator is not a formality: a paragraph property moved before its style is caught."""
    source = zipfile.ZipFile(written["市审计局"])
    broken = tmp_path / "broken.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:pPr><w:pStyle ", b'<w:pPr><w:jc w:val="left"/><w:pStyle ', 1)
            target.writestr(name, data)
    broken.write_bytes(buffer.getvalue())
    [found] = problems(broken)
    assert "Unexpected element 'pStyle'" in found
