"""JSON Schemas for editors: Chinese titles, never replacing a user's file unasked, shipped copies current."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from zwxt.errors import FileExistsRefusal
from zwxt.services.schema import MARKER, REPORT_MODELINE, SCHEMA_DIR, SCHEMAS, schema_text, write_schemas

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["report.schema.json", "tasks.schema.json", "units.schema.json"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _titles(schema: dict[str, Any]) -> dict[str, str]:
    """Titles of the records and of their fields, by where they stand, enums left out."""
    defs = schema.get("$defs", {})
    found = {}
    for name, record in [("", schema), *defs.items()]:
        if "properties" not in record:
            continue
        found[name] = record["title"]
        for field, spec in record["properties"].items():
            # a field of a record type without a title of its own shows the record's title
            # (the field may be written empty: then the reference stands in an anyOf with null)
            ref = next((s["$ref"] for s in [spec, *spec.get("anyOf", [])] if "$ref" in s), None)
            referenced = defs[ref.rsplit("/", 1)[1]] if ref else {}
            found[f"{name}.{field}"] = spec.get("title", referenced.get("title", ""))
    return found


def test_writes_the_three_schemas(tmp_path: Path) -> None:
    assert write_schemas(tmp_path) == [tmp_path / name for name in NAMES]
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES


def test_schemas_carry_chinese_titles_and_the_marker(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    report = _load(tmp_path / "report.schema.json")
    assert report["title"] == "政务信息系统整合共享进展报告（月报）"
    assert report["properties"]["unit"]["title"] == "报送单位"
    assert report["properties"]["problems"]["title"] == "三、存在的问题"
    assert report["$defs"]["TaskEntry"]["properties"]["completed"]["title"] == "完成日期"
    assert _load(tmp_path / "tasks.schema.json")["title"] == "工作方案及任务分工表（data/tasks.yaml）"
    assert _load(tmp_path / "units.schema.json")["title"] == "责任单位名录（data/units.yaml）"
    assert all(_load(tmp_path / name)["$comment"] == MARKER for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_record_and_field_title_is_chinese(tmp_path: Path, name: str) -> None:
    write_schemas(tmp_path)
    titles = _titles(_load(tmp_path / name))
    assert len(titles) > 5
    assert {where: t for where, t in titles.items() if not CHINESE.search(t)} == {}


def test_enum_titles_are_chinese(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    enums = {**_load(tmp_path / "report.schema.json")["$defs"],
             **_load(tmp_path / "units.schema.json")["$defs"]}
    titles = [d["title"] for d in enums.values() if "enum" in d]
    assert titles
    assert all(CHINESE.search(t) for t in titles), titles


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert write_schemas(tmp_path) == []
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_an_outdated_schema_of_ours_is_replaced(tmp_path: Path) -> None:
    old = tmp_path / "tasks.schema.json"
    old.write_text(json.dumps({"$comment": MARKER, "title": "旧版"}, ensure_ascii=False), encoding="utf-8")
    assert write_schemas(tmp_path) == [tmp_path / name for name in NAMES]
    assert old.read_text(encoding="utf-8") == schema_text(SCHEMAS["tasks.schema.json"])


def test_a_foreign_file_is_not_overwritten(tmp_path: Path) -> None:
    mine = tmp_path / "units.schema.json"
    mine.write_text('{"title": "我自己写的"}\n', encoding="utf-8")
    with pytest.raises(FileExistsRefusal, match="不是 zwxt 生成的文件") as caught:
        write_schemas(tmp_path)
    assert caught.value.hint == "请先确认该文件可以覆盖"  # the CLI names its --force
    assert caught.value.exit_code == 1
    assert mine.read_text(encoding="utf-8") == '{"title": "我自己写的"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.schema.json"]  # nothing half-written


def test_force_overwrites_a_foreign_file(tmp_path: Path) -> None:
    mine = tmp_path / "units.schema.json"
    mine.write_text('{"title": "我自己写的"}\n', encoding="utf-8")
    assert mine in write_schemas(tmp_path, force=True)
    assert mine.read_text(encoding="utf-8") == schema_text(SCHEMAS["units.schema.json"])


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_equals_what_the_models_generate(name: str) -> None:
    shipped = (ROOT / SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert shipped == schema_text(SCHEMAS[name]), "run `make schema`"


def test_report_modeline_points_from_a_month_folder_to_the_schema_folder() -> None:
    relative = REPORT_MODELINE.split("$schema=", 1)[1]
    assert (ROOT / "reports" / "2018-03" / relative).resolve() == ROOT / SCHEMA_DIR / "report.schema.json"
