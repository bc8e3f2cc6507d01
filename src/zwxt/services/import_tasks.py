"""zwxt import tasks: the task-division table (Annex 1) of a Word or Excel file into data/tasks.yaml.

The table is read by ``services.task_table``. The new data/tasks.yaml keeps the file's
``plan:`` section and comments and replaces its ``tasks:`` list; it goes through the load
pipeline before anything is written, and every finding is told in the table's terms.
Nothing is written here: ``write_import`` does it, and refuses to change or drop a task
the file already has unless asked to (``force``).
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zwxt.diagnostics import Diagnostic, Severity, capped, error, is_error
from zwxt.errors import BrokenPlanError, FileExistsRefusal, os_problem
from zwxt.load import load_texts
from zwxt.load.validation import validate
from zwxt.office.office_tables import read_tables
from zwxt.parse import MAX_DATA_FILE_BYTES, append_items, read_yaml, replace_block
from zwxt.plan.directory import Directory
from zwxt.plan.units import UnitsFile
from zwxt.services.task_table import Problem, Reading, TableTask, read_table
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.repo import Repository

# A name that stands for several units (各市（区）政府, 市直有关部门): a group, whose members
# no table says, so it is never added to units.yaml as a unit.
_GROUP_WORDS = re.compile(r"^各|有关|相关|所属|等$")
# What a local government's name ends with; every other unit added is a department.
_GOVERNMENT_END = ("政府", "区", "县", "市", "镇", "乡", "街道", "旗")

@dataclass(frozen=True)
class MissingUnit:
    """A unit the table names that units.yaml does not."""

    name: str
    places: tuple[str, ...]  # the rows naming it
    suggestions: tuple[str, ...]  # registered names resembling it
    group: bool  # it names several units: never added as one


@dataclass(frozen=True)
class FileChange:
    rel: str
    path: Path
    old: str
    new: str

    def diff(self) -> str:
        """The change as a unified diff, as ``git diff`` shows it."""
        return "".join(difflib.unified_diff(
            self.old.splitlines(keepends=True), self.new.splitlines(keepends=True),
            fromfile=f"a/{self.rel}", tofile=f"b/{self.rel}"))


@dataclass
class TasksImport:
    """What importing a table would do; nothing is written until ``write_import``."""

    source: str
    tasks: int = 0
    problems: list[Problem] = field(default_factory=list)  # errors: nothing may be written
    warnings: list[Problem] = field(default_factory=list)
    missing: list[MissingUnit] = field(default_factory=list)  # unregistered, and not added
    added_units: list[str] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)  # only files that change
    overwritten: list[int] = field(default_factory=list)  # existing tasks changed or dropped

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing


def import_tasks(repo: Repository, source: Path, add_units: bool = False) -> TasksImport:
    """What importing the table of ``source`` (.docx or .xlsx) into the repository would write.

    ``add_units``: units the table names that units.yaml does not are added to it (groups
    never are). Raises DocumentError for a file that is no readable Word or Excel file or
    has no task table, BrokenPlanError when units.yaml, or tasks.yaml as a whole, cannot
    be read.
    """
    tables = read_tables(source)
    name = source.name
    units_text, tasks_text = _data_text(repo, layout.UNITS_FILE), _data_text(repo, layout.TASKS_FILE)
    directory = _directory(units_text)
    old = _tasks_data(tasks_text)
    aspects = _aspect_names(old)
    reading = read_table(name, tables, directory, aspects)
    tasks = reading.tasks
    result = TasksImport(name, len(tasks), reading.problems, reading.warnings)
    _carry_over(reading, old, aspects)
    missing = _missing_units(reading, directory)
    new_units = units_text
    if add_units:
        addable = [unit for unit in missing if not unit.group]
        result.missing = [unit for unit in missing if unit.group]
        if addable:
            added = append_items(layout.UNITS_FILE, units_text, "units", _unit_items(name, addable))
            if added is None:
                result.missing = missing
                result.problems.append(Problem(
                    layout.UNITS_FILE, "其中的 units 不是逐行列出的列表，无法自动添加单位",
                    "请手工添加表中的单位，或把 units 改写为每个单位一项的列表"))
            else:
                new_units = added
                result.added_units = [unit.name for unit in addable]
    else:
        result.missing = missing
    if result.problems or result.missing:
        return result
    new_tasks = replace_block(layout.TASKS_FILE, tasks_text, "tasks", _tasks_block(tasks))
    _verify(result, reading, new_units, new_tasks)
    if result.problems:
        return result
    result.overwritten = _overwritten(old, new_tasks)
    for rel, before, after in ((layout.UNITS_FILE, units_text, new_units),
                               (layout.TASKS_FILE, tasks_text, new_tasks)):
        if before != after:
            result.changes.append(FileChange(rel, repo.path(rel), before, after))
    return result


def write_import(result: TasksImport, force: bool = False) -> None:
    """Write what ``import_tasks`` found, each file atomically; units.yaml first, so that the
    tasks never name a unit it lacks. Refuses (FileExistsRefusal) to change or drop a task
    data/tasks.yaml already has, unless ``force``."""
    if not result.ok:
        raise ValueError("an import with problems is never written")
    if result.overwritten and not force:
        ids = "、".join(str(i) for i in result.overwritten)
        raise FileExistsRefusal(f"{layout.TASKS_FILE} 中已有的第{ids}项任务将被改动或删除，未做任何改动",
                                "请先确认差异；确认用表格替换这些任务后再导入")
    for change in result.changes:
        write_atomic(change.path, change.new.encode("utf-8"), replace=True)


# ---- the data files as they are ---------------------------------------------------------

def _data_text(repo: Repository, rel: str) -> str:
    """A data file's text, which must at least parse: the import keeps what it does not replace."""
    try:
        raw = repo.read(rel)
    except OSError as exc:
        reason, hint = os_problem(exc, writing=False)
        raise BrokenPlanError([error(rel, 1, 1, "F001", f"无法读取文件：{reason}", hint)]) from None
    parsed = read_yaml(rel, raw, locate=False, max_bytes=MAX_DATA_FILE_BYTES)
    if parsed.data is None or any(is_error(d) for d in parsed.diagnostics):
        raise BrokenPlanError(parsed.diagnostics)
    return raw.decode("utf-8")


def _directory(units_text: str) -> Directory:
    parsed = read_yaml(layout.UNITS_FILE, units_text.encode("utf-8"))
    record, problems = validate(UnitsFile, parsed, layout.UNITS_FILE)
    if record is None:
        raise BrokenPlanError(problems)
    return Directory(record)


def _tasks_data(tasks_text: str) -> dict[str, Any]:
    data = read_yaml(layout.TASKS_FILE, tasks_text.encode("utf-8"), locate=False).data
    return data if isinstance(data, dict) else {}


def _aspect_names(old: dict[str, Any]) -> list[str]:
    plan = old.get("plan")
    aspects = plan.get("aspects") if isinstance(plan, dict) else None
    if not isinstance(aspects, list):
        return []
    return [str(a["name"]) for a in aspects if isinstance(a, dict) and a.get("name")]


def _carry_over(reading: Reading, old: dict[str, Any], aspects: list[str]) -> None:
    """What the table does not say, taken from the task of the same number and text that
    tasks.yaml has (its title, targets and aspect); an aspect still unknown is the plan's first."""
    previous: dict[int, dict[str, Any]] = {}
    for item in old.get("tasks") or []:
        if isinstance(item, dict) and str(item.get("id", "")).strip().isdigit():
            previous.setdefault(int(str(item["id"]).strip()), item)
    defaulted: list[str] = []
    for task in reading.tasks:
        fields = task.fields
        before = previous.get(fields.get("id", -1))
        same = before is not None and str(before.get("text", "")).strip() == fields.get("text")
        if same and before is not None:
            if before.get("title"):
                fields["title"] = before["title"]
            if isinstance(before.get("targets"), list):
                fields["targets"] = [_typed(target) for target in before["targets"]]
            if "aspect" not in fields and before.get("aspect"):
                fields["aspect"] = before["aspect"]
            if "due" not in before:  # (derived from the deadline, as the file had it)
                fields.pop("due", None)
        if "aspect" not in fields and aspects:
            fields["aspect"] = aspects[0]
            defaulted.append(str(fields.get("id", task.row.number)))
    if defaulted:
        reading.warnings.append(Problem(
            reading.source,
            f"第{'、'.join(defaulted)}项任务没有注明所属方面，暂归入「{aspects[0]}」（工作方案的第一个方面）",
            f"请在 {layout.TASKS_FILE} 中逐项核对 aspect；或在表格中加一列「所属方面」再导入"))


def _typed(value: Any) -> Any:
    """A value parsed as text given back its number (``target: 1000``), to be written as it was."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,15}", value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,15}\.[0-9]{1,15}", value):
        return float(value)
    return value


def _missing_units(reading: Reading, directory: Directory) -> list[MissingUnit]:
    places: dict[str, dict[str, None]] = {}
    for task in reading.tasks:
        for role in ("lead", "support"):
            for name in task.fields.get(role, []):
                if directory.resolve(name) is None:
                    where = task.table.row_place(task.row.number, reading.alone)
                    places.setdefault(name, {})[where] = None
    return [MissingUnit(name, tuple(rows), tuple(directory.suggest(name)), bool(_GROUP_WORDS.search(name)))
            for name, rows in places.items()]


def _unit_items(source: str, units: list[MissingUnit]) -> list[str]:
    items = [f"# 以下单位由 zwxt import tasks 从 {source} 添加：请核对 kind，补写 full_name 和 lead_office"]
    for unit in units:
        kind = "地方政府" if unit.name.endswith(_GOVERNMENT_END) else "部门"
        items.append(f"- name: {_scalar(unit.name)}\n  kind: {kind}")
    return items


# ---- writing and checking the new tasks.yaml --------------------------------------------

def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 1_000_000  # a task's text on one line, as the table has it
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar, quoted only where YAML needs it."""
    out = io.StringIO()
    _yaml().dump([text], out)
    return out.getvalue().strip()[2:]


def _tasks_block(tasks: list[TableTask]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def flow(names: list[str]) -> CommentedSeq:
        seq = CommentedSeq(names)
        seq.fa.set_flow_style()
        return seq

    items = []
    for task in tasks:
        fields = task.fields
        item = CommentedMap()
        item["id"] = fields["id"]
        if fields.get("title"):
            item["title"] = fields["title"]
        item["text"] = fields["text"]
        item["lead"] = flow(fields["lead"])
        if fields["support"]:
            item["support"] = flow(fields["support"])
        for key in ("deadline", "due", "aspect", "targets"):
            if fields.get(key) is not None:
                item[key] = fields[key]
        items.append(item)
    out = io.StringIO()
    _yaml().dump({"tasks": items}, out)
    # a blank line between tasks, as data/tasks.yaml is written
    return re.sub(r"\n(  - )", r"\n\n\1", out.getvalue()).replace("tasks:\n\n", "tasks:\n", 1)


_WHERE = re.compile(r"tasks\[([0-9]+)\](?:\.([a-z_]+))?")
_FIELD_ROLE = {"id": "id", "text": "text", "lead": "lead", "support": "support", "deadline": "deadline",
               "due": "deadline", "aspect": "aspect"}


def _verify(result: TasksImport, reading: Reading, units_text: str, tasks_text: str) -> None:
    """The load pipeline over the new data files; its findings said in the table's terms."""
    loaded = load_texts({layout.UNITS_FILE: units_text, layout.TASKS_FILE: tasks_text})
    for d in capped(loaded.diagnostics):  # (as many as zwxt check lists)
        if d.path not in layout.DATA_FILES:
            continue
        found = _told(reading, d)
        (result.problems if d.severity is Severity.ERROR else result.warnings).append(found)


def _told(reading: Reading, d: Diagnostic) -> Problem:
    match = _WHERE.match(d.where) if d.path == layout.TASKS_FILE else None
    if match is not None and int(match.group(1)) < len(reading.tasks):
        task = reading.tasks[int(match.group(1))]
        role = _FIELD_ROLE.get(match.group(2) or "")
        where = reading.place(task, role)
        if role is None and match.group(2):
            where += f"（{layout.TASKS_FILE} 中沿用的 {match.group(2)}）"
        return Problem(where, f"{d.message}（{d.code}）", d.hint)
    return Problem(f"{d.path}:{d.line}:{d.column}", f"{d.message}（{d.code}）", d.hint)


def _overwritten(old: dict[str, Any], new_text: str) -> list[int]:
    """The numbers of the tasks data/tasks.yaml has that the new file changes or drops."""
    new = _tasks_data(new_text)
    after = {item.get("id"): item for item in new.get("tasks") or [] if isinstance(item, dict)}
    changed: list[int] = []
    for item in old.get("tasks") or []:
        if not isinstance(item, dict):
            continue
        key = str(item.get("id", "")).strip()
        number = int(key) if key.isdigit() else None
        if number is None or after.get(number, after.get(key)) != item:
            changed.append(number if number is not None else 0)
    return sorted(set(changed))
