"""zwxt init: a new plan repository, ready to replace the examples in and hand to the units.

Everything written comes from the package's templates/init/ (one source): ``.j2`` files are
rendered with the region's name, the others (the CI files, which may hold ``${{ }}`` of
their own) are copied as they are; this repository's ci/ holds the same CI files.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from zwxt.documents.templates import package_text, render_template
from zwxt.errors import CannotWriteError, FileExistsRefusal, UsageError
from zwxt.options import DEFAULT_REGION
from zwxt.services.schema import SCHEMA_DIR, SCHEMAS, write_schemas
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.git import init_repository

TEMPLATES = "init"
# Where each shipped file goes in the new repository (templates/init/<name> -> path).
FILES: dict[str, str] = {
    layout.UNITS_FILE: "units.yaml.j2",
    layout.TASKS_FILE: "tasks.yaml.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/zwxt.yml": "github-actions.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}
GITKEEP = f"{layout.REPORTS_DIR}/.gitkeep"  # git keeps no empty folder


def planned_files() -> list[str]:
    """Every file init writes, relative to the new repository."""
    return [*FILES, GITKEEP, *(f"{SCHEMA_DIR}/{name}" for name in SCHEMAS)]


def shipped_text(name: str, region: str = DEFAULT_REGION, today: date | None = None) -> str:
    """The text of templates/init/``name`` as init writes it for ``region``."""
    if not name.endswith(".j2"):
        return package_text(f"{TEMPLATES}/{name}")
    # The examples' deadlines lie in the coming year, so that a new plan has nothing overdue.
    year = (today or date.today()).year + 1
    context = {"region": region, "year": year}
    return render_template(f"{TEMPLATES}/{name}", context)


def init_plan(target: Path, region: str = DEFAULT_REGION, today: date | None = None) -> list[Path]:
    """Make ``target`` a new plan repository for ``region``; returns the files written.

    ``target`` may be missing or a folder holding other things; it must not hold a plan
    already (data/tasks.yaml), nor any file init would write: then FileExistsRefusal, and
    nothing is changed. Each file is written atomically; git init comes first, so that a
    machine without git gets nothing half-made.
    """
    region = _checked_region(region)
    texts = {rel: shipped_text(name, region, today) for rel, name in FILES.items()}
    _refuse_existing(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWriteError(target, exc) from None
    init_repository(target)
    written = []
    for rel, text in texts.items():
        path = target / rel
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    write_atomic(target / GITKEEP, b"")
    written.append(target / GITKEEP)
    written.extend(write_schemas(target / SCHEMA_DIR))
    return written


def _checked_region(region: str) -> str:
    region = region.strip()
    if not region:
        raise UsageError("地区名称不能为空", "如 --region 某市")
    problem = layout.name_problem(region)
    if problem is not None:
        raise UsageError(f"地区名称「{region}」{problem}", "请只写地区的名称，如 --region 某市")
    return region


def _refuse_existing(target: Path) -> None:
    """Refuse, before anything is written, a plan or any file (or folder) in init's way."""
    if os.path.lexists(target) and not target.is_dir():
        raise UsageError(f"{target} 已存在，但不是文件夹", "请换一个目录，或先把该文件改名或移走")
    if os.path.lexists(target / layout.TASKS_FILE):
        raise FileExistsRefusal(f"{target} 中已经有工作方案（{layout.TASKS_FILE}），未做任何改动",
                                "请换一个空目录；要检查现有的方案，请在该目录中运行 zwxt check")
    in_the_way = list(dict.fromkeys(b for b in (_blocker(target, rel) for rel in planned_files()) if b))
    if in_the_way:
        listed = "、".join(in_the_way)
        raise FileExistsRefusal(f"{target} 中已有 zwxt init 要写的文件：{listed}，未做任何改动",
                                "请先把这些文件改名或移走，或换一个目录")


def _blocker(target: Path, rel: str) -> str | None:
    """What keeps ``rel`` from being written: itself existing, or a folder of it that is no folder.

    A folder that is a symbolic link is in the way too: a write through it could land
    outside the new repository.
    """
    parts = rel.split("/")
    for depth in range(1, len(parts)):
        folder = target.joinpath(*parts[:depth])
        if os.path.islink(folder) or (os.path.lexists(folder) and not folder.is_dir()):
            return "/".join(parts[:depth])
    return rel if os.path.lexists(target / rel) else None
