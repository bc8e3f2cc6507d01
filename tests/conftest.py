"""Fixtures: isolation from the user's settings, and the plan repository of tests/support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, git


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests out of the user's home and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ZWXT_ROOT", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))


@pytest.fixture
def plan_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlanRepo]:
    """A git repository holding the small plan of tests/support.py, committed by its second author."""
    root = tmp_path / "plan"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    repo = PlanRepo(root)
    repo.write("data/units.yaml", UNITS_YAML)
    repo.write("data/tasks.yaml", TASKS_YAML)
    repo.write("reports/.gitkeep", "")
    repo.commit("Add the plan", author=1)
    monkeypatch.chdir(root)
    yield repo
