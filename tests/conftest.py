"""Fixtures: isolation from the user's settings, and the plan repository of tests/support.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# No test uses the content cache unless it turns it on (the ``cached`` fixture), module fixtures
# included: what a test checks is the pipeline, and the cache goes to a temporary home.
os.environ["ZWXT_NO_CACHE"] = "1"

from tests.support import TASKS_YAML, UNITS_YAML, PlanFiles, PlanRepo, plan_files


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests out of the user's home and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))  # the content cache goes there
    monkeypatch.delenv("ZWXT_ROOT", raising=False)


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> None:
    """The content cache on, as it is outside the tests."""
    monkeypatch.delenv("ZWXT_NO_CACHE")


@pytest.fixture
def plan_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlanRepo]:
    """The small plan of tests/support.py on disk, the current directory (git is not the subject)."""
    root = tmp_path / "plan"
    repo = PlanRepo(root)
    repo.write("data/units.yaml", UNITS_YAML)
    repo.write("data/tasks.yaml", TASKS_YAML)
    (root / "reports").mkdir()
    monkeypatch.chdir(root)
    yield repo


@pytest.fixture
def plan() -> PlanFiles:
    """The small plan of tests/support.py in memory, for tests of the pipeline and the rules."""
    return plan_files()
