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

# Tests marked slow where their own files do not say so (``@pytest.mark.slow`` says it elsewhere):
# node ids, or their beginnings for every case of a parametrized test. Slow: two seconds or more
# of setup and call under ``pytest --durations`` in a full run.
SLOW = (
    "tests/cli/test_hostile.py::test_the_process_exits_with_a_code_and_no_traceback[c1 in units]",
    "tests/cli/test_hostile.py::test_the_process_exits_with_a_code_and_no_traceback[link out]",
    "tests/cli/test_hostile.py::test_the_process_exits_with_a_code_and_no_traceback[many findings]",
    "tests/cli/test_hostile.py::test_the_process_exits_with_a_code_and_no_traceback[tag in tasks]",
    "tests/cli/test_import_report.py::test_a_form_filled_as_a_clerk_would_imports_as_typed[libreoffice]",
    "tests/cli/test_import_report.py::test_text_typed_into_the_grey_guidance_is_kept_and_told_never_lost"
    "[libreoffice]",
    "tests/cli/test_terminal.py::test_a_full_disk_behind_stdout_is_an_environment_error",
    "tests/documents/test_templates.py::test_errors_in_a_users_template_name_it_and_the_line"
    "[{% include 't.j2' %}",
    "tests/parse/test_rapidyaml.py::test_the_fast_path_reads_as_libyaml_does[tests BAD_INPUTS: alias bomb]",
    "tests/parse/test_reader.py::test_bad_input_is_located_and_explained[c-alias bomb-",
    "tests/parse/test_reader.py::test_bad_input_is_located_and_explained[pure-alias bomb-",
    "tests/parse/test_reader.py::test_bad_input_is_located_and_explained[pure-60,000 nested brackets-",
    "tests/properties/test_cache_damage.py::",
    "tests/properties/test_cache_equivalence.py::",
    "tests/load/test_cache_safety.py::test_damaged_caches_give_what_no_cache_gives_and_are_made_anew",
    "tests/test_startup.py::test_given_options_are_still_converted",
    "tests/test_startup.py::test_markdown_rendering_does_not_load_python_docx",
    "tests/test_startup.py::test_status_imports_no_heavy_library",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests of SLOW; then run the modules holding slow tests first, each module's tests
    in their order, so that under xdist the long tests start early rather than end the run alone."""
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_modules)


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
