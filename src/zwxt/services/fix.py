"""zwxt check --fix: the mechanical repairs check names (zwxt.parse.repairs) written to the files.

Only the files ``check`` reads are mended: the two data files and the reports under reports/
(or only those of them the paths given name), each a regular file reached through no
symbolic link. Only the repairs are made (zwxt.parse.mended_bytes): a file without any is
left as it is, byte for byte. Each file is written atomically, keeping its mode.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from zwxt.parse import MAX_DATA_FILE_BYTES, MAX_FILE_BYTES, mended_bytes
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.repo import Repository


@dataclass(frozen=True)
class FileFix:
    """What was (or, with a dry run, would be) changed in one file."""

    path: str  # repository-relative
    repairs: int
    diff: str  # a unified diff of the text, a/… to b/…


@dataclass(frozen=True)
class FixResult:
    fixed: list[FileFix] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # reached through a symbolic link: not touched
    written: bool = False  # False for a dry run


def fix(repo: Repository, paths: list[Path] | None = None, dry_run: bool = False) -> FixResult:
    """Mend the mechanical mistakes of the data files and of the reports (under ``paths``, else
    all); with ``dry_run`` only say what would change."""
    if paths:  # (a data file only when named: a unit mending its report leaves the plan alone)
        named = {repo.rel(path) for path in paths}
        rels = [*(rel for rel in layout.DATA_FILES if rel in named), *repo.reports_in(paths, data_files=True)]
    else:
        rels = [*layout.DATA_FILES, *repo.report_files().files]
    fixed: list[FileFix] = []
    linked: list[str] = []
    for rel in rels:
        plain = _plain_file(repo.root, rel)
        if plain is None:
            continue
        if not plain:
            linked.append(rel)
            continue
        path = repo.path(rel)
        try:
            raw = repo.read(rel)
        except OSError:
            continue  # (check says why it cannot be read)
        data = rel in layout.DATA_FILES
        after, mended = mended_bytes(rel, raw, max_bytes=MAX_DATA_FILE_BYTES if data else MAX_FILE_BYTES,
                                     report=not data)
        if after == raw:
            continue
        fixed.append(FileFix(rel, len(mended.repairs), _diff(rel, raw, after)))
        if not dry_run:
            write_atomic(path, after, replace=True)
    return FixResult(fixed, linked, written=not dry_run)


def _plain_file(root: Path, rel: str) -> bool | None:
    """Whether ``rel`` is a regular file reached through no symbolic link (None: no file there)."""
    current = root
    for part in rel.split("/"):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return False
    return stat.S_ISREG(mode) or None


def _diff(rel: str, before: bytes, after: bytes) -> str:
    old = before.decode("utf-8-sig").splitlines()
    new = after.decode("utf-8-sig").splitlines()
    return "\n".join(difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}", lineterm="", n=1)) + "\n"
