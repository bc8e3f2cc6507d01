"""The Word form as a file: it conforms to the OOXML schema, and what its reader relies on survives
a save by LibreOffice, as a clerk's office would save it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from tests.formdocx import custom_properties, drop_downs, open_docx, paragraphs, table_rows
from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo
from zwxt.dates import Month
from zwxt.plan.form import Column, HeaderField, MetricColumn
from zwxt.services.form import unit_form, write_forms
from zwxt.store.repo import Repository

_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


@pytest.fixture(scope="module")
def form_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The coordinator's March form in the tests' plan: required and optional tasks, a target, a
    status carried forward as 推进中."""
    repo = PlanRepo(tmp_path_factory.mktemp("form") / "plan")
    repo.write("data/units.yaml", UNITS_YAML)
    repo.write("data/tasks.yaml", TASKS_YAML)
    repo.report("2018-02", "市网信统筹局", tasks="""
        - task: 1
          status: 推进中
        - task: 4
          status: 推进中
          progress: 已开放 120 个数据集。
          metrics:
            开放数据集: 120
    """, extra="contact: 王芳 0750-3000000\n")
    form = unit_form(Repository(repo.root), "市网信统筹局", Month(2018, 3))
    assert form.skipped == []
    write_forms([form])
    return form.path


def test_the_package_conforms_to_the_schema(form_path: Path) -> None:
    assert [str(e) for e in OpenXmlValidator().validate(str(form_path)).errors] == []


def test_custom_properties_are_a_package_part_with_its_content_type(form_path: Path) -> None:
    with zipfile.ZipFile(form_path) as package:
        types = package.read("[Content_Types].xml").decode("utf-8")
        rels = package.read("_rels/.rels").decode("utf-8")
        names = package.namelist()
    assert f'PartName="/docProps/custom.xml" ContentType="{_CUSTOM_TYPE}"' in types
    assert 'relationships/custom-properties" Target="docProps/custom.xml"' in rels
    assert "word/vbaProject.bin" not in names  # no macros
    assert custom_properties(form_path)["zwxt-unit"] == "市网信统筹局"


def _reader_sees(path: Path) -> tuple[object, ...]:
    """What ``zwxt import report`` finds the form by: properties, table headers, drop-downs, headings."""
    word = open_docx(path)
    return (custom_properties(path),
            table_rows(word, Column.NUMBER.value)[0],
            table_rows(word, f"{MetricColumn.NUMBER.value}|{MetricColumn.METRIC.value}")[0],
            [row[0] for row in table_rows(word, HeaderField.UNIT.value)],
            drop_downs(word),
            paragraphs(word, "zwxt 一级标题"), paragraphs(word, "zwxt 二级标题"))


def _soffice(path: Path, out: Path, target: str) -> Path:
    profile = (out / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.{target.split(':')[0]}"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_what_the_reader_relies_on_survives_a_save_by_libreoffice(form_path: Path, tmp_path: Path) -> None:
    before = _reader_sees(form_path)
    statuses = ["未启动", "推进中", "已完成"]
    assert before[4] == [(statuses, shown) for shown in ("推进中", "未启动", "推进中", "未启动")]
    resaved = _soffice(form_path, tmp_path / "out", "docx:MS Word 2007 XML")
    assert resaved.read_bytes() != form_path.read_bytes()
    assert _reader_sees(resaved) == before


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                    reason="LibreOffice and poppler-utils are not installed")
@pytest.mark.slow
def test_libreoffice_prints_it_on_a4(form_path: Path, tmp_path: Path) -> None:
    pdf = _soffice(form_path, tmp_path, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points, every page the same size
