"""Loading the plan's files into validated records, collecting every finding on the way."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zwxt.diagnostics import Diagnostic, Severity, error
from zwxt.io.repo import TASKS_FILE, UNITS_FILE, Repository
from zwxt.io.validation import validate
from zwxt.io.yamlsource import Parsed, read_yaml
from zwxt.model.plan import Loaded, Plan
from zwxt.model.report import Report
from zwxt.model.tasks import TasksFile
from zwxt.model.units import UnitsFile
from zwxt.positions import Positions

M = TypeVar("M", bound=BaseModel)
# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class LoadResult:
    plan: Plan
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_file(model: type[M], path: Path, rel: str) -> tuple[Loaded[M] | None, list[Diagnostic]]:
    """One file read, parsed and validated; None with findings when it is unusable."""
    parsed = _parse(path, rel)
    if not _usable(parsed):
        return None, parsed.diagnostics
    record, problems = validate(model, parsed, rel)
    found = parsed.diagnostics + problems
    if record is None:
        return None, found
    positions = parsed.positions
    return Loaded(rel, record, lambda: positions), found


def load_plan(repo: Repository, reports: Iterable[Path] | None = None,
              workers: int | None = None) -> LoadResult:
    """The plan with the given reports (all under reports/ when None)."""
    units, tasks, diagnostics = load_data(repo)
    paths = repo.report_files() if reports is None else sorted(set(reports))
    loaded = load_reports(repo, paths, workers, diagnostics)
    return LoadResult(Plan(units, tasks, loaded), diagnostics)


def load_data(repo: Repository) -> tuple[Loaded[UnitsFile] | None, Loaded[TasksFile] | None,
                                         list[Diagnostic]]:
    """units.yaml and tasks.yaml, with their findings."""
    diagnostics: list[Diagnostic] = []
    units = _load_data(UnitsFile, repo, UNITS_FILE, diagnostics)
    tasks = _load_data(TasksFile, repo, TASKS_FILE, diagnostics)
    return units, tasks, diagnostics


def _load_data(model: type[M], repo: Repository, rel: str,
               out: list[Diagnostic]) -> Loaded[M] | None:
    path = repo.root / rel
    if not path.is_file():
        out.append(error(rel, 1, 1, "F001", f"缺少 {rel}",
                         "工作方案仓库需要 data/tasks.yaml 和 data/units.yaml 两个数据文件"))
        return None
    record, found = load_file(model, path, rel)
    out.extend(found)
    return record


def _parse(path: Path, rel: str, locate: bool = True) -> Parsed:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Parsed(diagnostics=[error(rel, 1, 1, "F001", f"无法读取文件：{exc.strerror or exc}",
                                         "请检查文件是否存在、是否有读取权限")])
    return read_yaml(rel, raw, locate)


def _usable(parsed: Parsed) -> bool:
    return parsed.data is not None and all(
        d.severity is not Severity.ERROR for d in parsed.diagnostics)


def _parse_data(job: tuple[Path, str]) -> tuple[Any, list[Diagnostic]]:
    """The plain data (None if unusable) and the parser's findings, without positions."""
    parsed = _parse(*job, locate=False)
    return (parsed.data if _usable(parsed) else None), parsed.diagnostics


def _positions_of(path: Path, rel: str) -> Positions:
    return _parse(path, rel).positions


def load_reports(repo: Repository, paths: list[Path], workers: int | None,
                 out: list[Diagnostic]) -> list[Loaded[Report]]:
    """The reports that validate; every finding goes to ``out``, in the order of ``paths``.

    Most reports are valid and never named in a finding, so they are parsed without
    positions; a file is parsed again, with positions, only when something is to be said
    about it (the performance notes measured this at ~1.1x the bare parse at 10% invalid).
    """
    jobs = [(p, repo.rel(p)) for p in paths]
    count = workers if workers is not None else _default_workers(len(jobs))
    # Loading allocates many long-lived objects and frees few: collecting meanwhile only
    # rescans them.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        if count <= 1:
            return _validated(jobs, map(_parse_data, jobs), out)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the already imported modules: spawn would re-import everything
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            chunk = max(1, len(jobs) // (count * 8))
            return _validated(jobs, pool.map(_parse_data, jobs, chunksize=chunk), out)
    finally:
        if gc_was_enabled:
            gc.enable()


def _validated(jobs: list[tuple[Path, str]],
               results: Iterable[tuple[Any, list[Diagnostic]]],
               out: list[Diagnostic]) -> list[Loaded[Report]]:
    loaded = []
    for (path, rel), (data, found) in zip(jobs, results, strict=True):
        out.extend(found)
        if data is None:
            continue
        try:
            record = Report.model_validate(data)
        except ValidationError:
            out.extend(validate(Report, _parse(path, rel), rel)[1])
            continue
        loaded.append(Loaded(rel, record, functools.partial(_positions_of, path, rel)))
    return loaded


def _default_workers(jobs: int) -> int:
    if jobs < PARALLEL_THRESHOLD or os.name != "posix":
        return 1
    return min(os.cpu_count() or 1, 4)
