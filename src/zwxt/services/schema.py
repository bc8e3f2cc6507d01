"""JSON Schemas of the three file kinds, for editors with the YAML language server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from zwxt.errors import FileExistsRefusal
from zwxt.plan.report import Report
from zwxt.plan.tasks import TasksFile
from zwxt.plan.units import UnitsFile
from zwxt.store import layout
from zwxt.store.atomic import existing_text, write_atomic

SCHEMAS: dict[str, type[BaseModel]] = {
    "report.schema.json": Report,
    "tasks.schema.json": TasksFile,
    "units.schema.json": UnitsFile,
}
MARKER = "由 zwxt schema 生成，请勿手工修改"
SCHEMA_DIR = layout.SCHEMA_DIR
# What a report's first line says so that editors validate it while the user types.
REPORT_MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/report.schema.json"


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$comment": MARKER,
            **schema}


def schema_text(model: type[BaseModel]) -> str:
    return json.dumps(schema_of(model), ensure_ascii=False, indent=2) + "\n"


def write_schemas(target: Path, force: bool = False) -> list[Path]:
    """Write every schema into ``target``; returns the files that changed.

    A file there that zwxt did not generate is not replaced unless ``force``.
    """
    texts = {target / name: schema_text(model) for name, model in SCHEMAS.items()}
    current = {path: existing_text(path) for path in texts}
    # Refuse before writing anything, so that the folder is never left half-updated.
    for path, text in current.items():
        if text is not None and not force and MARKER not in text:
            raise FileExistsRefusal(f"{path} 不是 zwxt 生成的文件，未做改动", "请先确认该文件可以覆盖")
    changed = []
    for path, text in texts.items():
        if current[path] == text:
            continue
        write_atomic(path, text.encode("utf-8"), replace=True)
        changed.append(path)
    return changed
