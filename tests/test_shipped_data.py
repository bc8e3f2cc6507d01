"""Whatever plan this repository ships under data/ and reports/ checks clean.

Only this: a city that forks zwxt and replaces data/ and reports/ with its own plan keeps
every other test, which use plans of their own (tests/support.py, tests/plans/jiangmen).
"""

from __future__ import annotations

from pathlib import Path

from zwxt.services.check import check
from zwxt.store.repo import Repository

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_plan_passes_a_strict_check() -> None:
    result = check(Repository(ROOT), cache=False)  # nothing written into the project
    assert [f"{d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics] == []
