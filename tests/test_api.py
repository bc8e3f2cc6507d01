"""The library is the product: ``import zwxt`` is cheap and gives what the commands use."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import zwxt
from tests.support import PlanFiles
from zwxt.model.status import State


def test_import_zwxt_loads_nothing_heavy() -> None:
    probe = "import sys, zwxt; print(sorted(m for m in ('pydantic', 'typer', 'rich') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        zwxt.nothing_here  # noqa: B018


def test_a_plan_in_memory_gives_findings_status_and_a_scaffold(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", name="市审计局",
                tasks="- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")
    loaded = zwxt.load_texts(plan.files)
    assert loaded.diagnostics == []
    tasks = zwxt.status(zwxt.InMemory(plan.files), date(2017, 12, 31)).status.tasks
    one = next(t for t in tasks if t.task.id == 1)
    assert one.state is State.DONE
