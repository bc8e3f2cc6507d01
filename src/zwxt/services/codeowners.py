"""CODEOWNERS from data/units.yaml: each unit's maintainers own its reports, the coordinator the rest.

GitHub and GitLab read the same syntax, ``pattern owner...``, with gitignore-like patterns
(the last matching line wins) and owners given as e-mail addresses. Gitea's CODEOWNERS
takes Go regular expressions and user names instead, so it is not written for.

A unit's reports are matched by its canonical name only: a file named after an alias is
already a warning (R302), so it is to be renamed, not owned. Nothing in the text depends on
the reports present, so the file changes only when units.yaml or the coordinator does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from zwxt.diagnostics import Diagnostic, warning
from zwxt.errors import FileExistsRefusal, UsageError
from zwxt.load import load
from zwxt.plan.resolved import Plan
from zwxt.store import layout
from zwxt.store.atomic import existing_text, write_atomic
from zwxt.store.repo import Repository, Source, resolved

FILE_NAME = "CODEOWNERS"
# Where GitHub (.github/, the root, docs/) and GitLab (the root, docs/, .gitlab/) look for it.
LOCATIONS = (FILE_NAME, f".github/{FILE_NAME}", f".gitlab/{FILE_NAME}", f"docs/{FILE_NAME}")
MARKER = "本文件由 zwxt codeowners 生成"
HEADER = (f"# {MARKER}（依据 {layout.UNITS_FILE} 中各单位的 maintainers 和 {layout.TASKS_FILE} 的统筹单位），"
          "请勿手工修改。\n"
          "# 单位或维护人有变化时，修改 data/units.yaml 后运行 zwxt codeowners 重新生成。\n")
HINT = "运行 zwxt codeowners 重新生成"


def codeowners_text(plan: Plan) -> str:
    """The CODEOWNERS file for ``plan``, in units.yaml order; the same plan, the same text."""
    units = plan.directory.units
    coordinator = plan.coordinator
    fallback = _owners(units[coordinator].maintainers) if coordinator is not None else ""
    lines = [HEADER]
    if coordinator is None:
        lines.append("# 方案没有指定统筹单位（plan.coordinator）：数据文件和模板暂无负责人\n")
    elif not fallback:
        lines.append(f"# 统筹单位{coordinator}没有登记 maintainers：数据文件和模板暂无负责人\n")
    else:
        # `*` first: CODEOWNERS takes the last line that matches, so every file no later line
        # names (CODEOWNERS itself, the CI files, README) is the coordinator's, as for check --base
        lines.append(f"# 报告以外的一切文件（数据文件、模板、本文件、CI 配置）：统筹单位{coordinator}\n"
                     f"* {fallback}\n"
                     f"/data/ {fallback}\n"
                     f"/{layout.TEMPLATES_DIR}/ {fallback}\n")
    reports = ["# 各单位的月度报告"]
    for name, unit in units.items():
        # R105 keeps names literal in a pattern (layout.name_problem): no whitespace, [ ], * or ?
        pattern = f"/{layout.REPORTS_DIR}/*/{name}{layout.REPORT_SUFFIX}"
        owners = _owners(unit.maintainers)
        if owners:
            reports.append(f"{pattern} {owners}")
        elif fallback:
            reports.append(f"# {name}没有登记 maintainers，其报告由统筹单位{coordinator}的维护人负责")
            reports.append(f"{pattern} {fallback}")
        else:
            reports.append(f"# {name}没有登记 maintainers，统筹单位也没有：其报告暂无负责人")
    lines.append("\n".join(reports) + "\n")
    return "\n".join(lines)


def _owners(emails: list[str]) -> str:
    return " ".join(dict.fromkeys(emails))


# ---- the command ----------------------------------------------------------------------------

class State(str, Enum):
    CURRENT = "current"
    STALE = "stale"
    MISSING = "missing"


@dataclass(frozen=True)
class CodeownersResult:
    path: Path
    state: State  # what the file was before: CURRENT means nothing was (or needs to be) written


def _plan(repo: Repository) -> Plan:
    # The data files alone decide the text; no report needs reading (an empty ``wanted``).
    return load(repo, wanted=()).usable_plan()


def codeowners_path(repo: Repository, output: Path | None = None) -> Path:
    """``output`` when given, else CODEOWNERS at the repository's root (GitHub and GitLab read it there)."""
    if output is not None:
        return output
    path = repo.root / FILE_NAME
    try:
        outside = path.is_symlink() and not resolved(path).is_relative_to(repo.root.resolve())
    except OSError:  # a link that leads to itself: no place to write, which writing says
        outside = False
    if outside:
        raise UsageError(f"{FILE_NAME} 经符号链接指向仓库之外，未做任何改动",
                         "zwxt 只在仓库之内写文件：请把该符号链接换成普通文件，或用 -o 指定位置")
    return path


def codeowners_state(repo: Repository, output: Path | None = None) -> CodeownersResult:
    """Whether the CODEOWNERS file is there and says what ``codeowners_text`` says; writes nothing."""
    path = codeowners_path(repo, output)
    return CodeownersResult(path, _state(existing_text(path), codeowners_text(_plan(repo))))


def write_codeowners(repo: Repository, output: Path | None = None, force: bool = False) -> CodeownersResult:
    """Write the CODEOWNERS file, atomically; one that zwxt did not write is replaced only with ``force``."""
    path = codeowners_path(repo, output)
    text = codeowners_text(_plan(repo))
    current = existing_text(path)
    state = _state(current, text)
    if current is not None and MARKER not in current and not force:
        raise FileExistsRefusal(f"{path} 不是 zwxt 生成的文件，未做改动", "请先确认该文件可以覆盖")
    if state is not State.CURRENT:
        write_atomic(path, text.encode("utf-8"), replace=True)
    return CodeownersResult(path, state)


def _state(current: str | None, text: str) -> State:
    if current is None:
        return State.MISSING
    return State.CURRENT if _same(current, text) else State.STALE


def _same(current: str, text: str) -> bool:
    # A Windows checkout (core.autocrlf) has CRLF line ends; the content is still the same.
    return current.replace("\r\n", "\n") == text


# ---- what zwxt check says -------------------------------------------------------------------

def codeowners_findings(source: Source, plan: Plan | None) -> list[Diagnostic]:
    """A G001 warning for each CODEOWNERS where GitHub or GitLab look that is out of date.

    Only with a usable plan (None: the data files have errors, there is no text to compare).
    A CODEOWNERS that cannot be read (a folder, a link out of the repository) is not the
    plan's file, and is left alone.
    """
    if plan is None:
        return []
    text = codeowners_text(plan)
    found = []
    for rel in LOCATIONS:
        if not source.exists(rel):
            continue
        try:
            current = source.read(rel).decode("utf-8", errors="replace")
        except OSError:
            continue
        if not _same(current, text):
            found.append(warning(rel, 1, 1, "G001",
                                 f"{rel} 与 {layout.UNITS_FILE} 中的单位和维护人不一致，已过时", HINT))
    return found
