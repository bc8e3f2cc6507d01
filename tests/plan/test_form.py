"""The form's fingerprint of a plan: stale when a task's number or text changes, not otherwise."""

from __future__ import annotations

from tests.support import plan_files
from zwxt.plan.form import plan_fingerprint


def _fingerprint(old: str = "", new: str = "", rel: str = "data/tasks.yaml") -> str:
    files = plan_files()
    if old:
        files.edit(rel, old, new)
    return plan_fingerprint(files.load().usable_plan())


def test_a_reworded_task_changes_the_fingerprint() -> None:
    files = plan_files()
    first_text = files.load().usable_plan().tasks[0].text
    assert _fingerprint(first_text, first_text + "（修订）") != _fingerprint()


def test_a_renumbered_task_changes_it() -> None:
    assert _fingerprint("- id: 1\n", "- id: 101\n") != _fingerprint()


def test_a_new_maintainer_or_deadline_does_not() -> None:
    assert _fingerprint("sjj@example.gov.cn", "audit@example.gov.cn", "data/units.yaml") == _fingerprint()
    assert _fingerprint("region: 测试市", "region: 测试县") == _fingerprint()


def test_it_is_sixteen_hex_digits() -> None:
    value = _fingerprint()
    assert len(value) == 16 and int(value, 16) >= 0
