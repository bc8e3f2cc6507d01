"""Finding the plan repository and the files in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zwxt.errors import NotARepositoryError, UsageError

TASKS_FILE = "data/tasks.yaml"
UNITS_FILE = "data/units.yaml"
REPORTS_DIR = "reports"
_MONTH_DIR = re.compile(r"^\d{4}-\d{2}$")
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Repository:
    """A plan repository: the directory holding ``data/tasks.yaml``."""

    root: Path

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes as git writes it."""
        if path.is_absolute() and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            raise UsageError(f"{path} 不在工作方案仓库 {self.root} 之内",
                             "请给出仓库内的文件，或用 --root 指定仓库") from None

    def report_files(self) -> list[Path]:
        """Every YAML file under reports/, sorted, wherever it lies."""
        base = self.root / REPORTS_DIR
        if not base.is_dir():
            return []
        return sorted(p for p in base.rglob("*") if p.suffix in _YAML_SUFFIXES and p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(base).parts))

    def report_path(self, month: str, unit: str) -> Path:
        return self.root / REPORTS_DIR / month / f"{unit}.yaml"


def is_report_path(rel: str) -> bool:
    """Whether ``rel`` has the shape reports/YYYY-MM/<unit>.yaml."""
    parts = rel.split("/")
    return (len(parts) == 3 and parts[0] == REPORTS_DIR and bool(_MONTH_DIR.match(parts[1]))
            and parts[2].endswith(_YAML_SUFFIXES))


def find_repository(start: Path, explicit: str | None = None) -> Repository:
    """The repository named by --root/ZWXT_ROOT, else the nearest parent of ``start``."""
    if explicit:
        root = Path(explicit).expanduser().resolve()
        if not (root / TASKS_FILE).is_file():
            raise NotARepositoryError(f"{root} 不是工作方案仓库：其中没有 {TASKS_FILE}",
                                      "请检查 --root 或环境变量 ZWXT_ROOT 指向的目录")
        return Repository(root)
    here = start.resolve()
    for candidate in (here, *here.parents):
        if (candidate / TASKS_FILE).is_file():
            return Repository(candidate)
    raise NotARepositoryError(
        f"当前目录 {here} 不在工作方案仓库中（向上找不到 {TASKS_FILE}）",
        "请进入仓库目录后再运行，或用 --root 目录 / 环境变量 ZWXT_ROOT 指定仓库",
    )
