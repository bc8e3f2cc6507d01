"""Loading the plan's files into validated records, collecting every finding on the way."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from zwxt.diagnostics import Diagnostic, error
from zwxt.io.repo import TASKS_FILE, UNITS_FILE, Repository
from zwxt.io.validation import validate
from zwxt.io.yamlsource import read_yaml
from zwxt.model.plan import Loaded, Plan
from zwxt.model.report import Report
from zwxt.model.tasks import TasksFile
from zwxt.model.units import UnitsFile

M = TypeVar("M", bound=BaseModel)
# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class LoadResult:
    plan: Plan
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_file(model: type[M], path: Path, rel: str) -> tuple[Loaded[M] | None, list[Diagnostic]]:
    """One file read, parsed and validated; None with findings when it is unusable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, 1, 1, "F001", f"无法读取文件：{exc.strerror or exc}",
                            "请检查文件是否存在、是否有读取权限")]
    parsed = read_yaml(rel, raw)
    if parsed.data is None or any(d.severity.value == "error" for d in parsed.diagnostics):
        return None, parsed.diagnostics
    record, problems = validate(model, parsed, rel)
    found = parsed.diagnostics + problems
    return (Loaded(rel, record, parsed.positions) if record is not None else None), found


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


def _load_one(job: tuple[Path, str]) -> tuple[Loaded[Report] | None, list[Diagnostic]]:
    return load_file(Report, *job)


def load_reports(repo: Repository, paths: list[Path], workers: int | None,
                 out: list[Diagnostic]) -> list[Loaded[Report]]:
    """The reports that validate; every finding goes to ``out``, in the order of ``paths``."""
    jobs = [(p, repo.rel(p)) for p in paths]
    count = workers if workers is not None else _default_workers(len(jobs))
    if count > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the already imported modules: spawn would re-import everything
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            results = list(pool.map(_load_one, jobs, chunksize=max(1, len(jobs) // (count * 8))))
    else:
        results = [_load_one(job) for job in jobs]
    loaded = []
    for record, found in results:
        out.extend(found)
        if record is not None:
            loaded.append(record)
    return loaded


def _default_workers(jobs: int) -> int:
    if jobs < PARALLEL_THRESHOLD or os.name != "posix":
        return 1
    return min(os.cpu_count() or 1, 4)
