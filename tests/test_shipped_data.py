"""The bundled Jiangmen data: a faithful transcription of Annex 1 that passes its own checks."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from zwxt.dates import parse_deadline
from zwxt.io.loader import load_plan
from zwxt.io.repo import Repository
from zwxt.model.report import Status
from zwxt.services.check import check

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_a653939f4c72ea0e.txt"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    result = load_plan(Repository(ROOT))
    assert result.diagnostics == []
    return result.plan


def annex1_rows() -> list[list[str]]:
    """The task table of the seed: rows of (序号, 工作任务, 牵头单位, 配合单位, 完成时间)."""
    text = SEED.read_text(encoding="utf-8").split("附件2")[0]
    cells: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            cells.append(line.strip())
        elif cells and line.strip():
            cells[-1] += line.strip()  # a cell the extraction split over two lines
    rows = [cells[i:i + 5] for i in range(0, len(cells), 5)]
    assert rows[0] == ["序号", "工作任务", "牵头单位", "配合单位", "完成时间"]
    return rows[1:]


def units_of(cell: str) -> list[str]:
    return [name for name in cell.split("、") if name]


@pytest.mark.skipif(not SEED.exists(), reason="the seed document lies beside the repository")
def test_tasks_transcribe_annex1_faithfully(plan) -> None:  # type: ignore[no-untyped-def]
    rows = annex1_rows()
    assert len(rows) == 18
    for row, task in zip(rows, plan.task_list, strict=True):
        number, text, lead, support, deadline = row
        assert task.id == int(number)
        assert task.text == text
        assert task.lead == units_of(lead)
        assert task.support == units_of(support)
        assert task.deadline == deadline


def test_every_deadline_parses_to_its_due_date(plan) -> None:  # type: ignore[no-untyped-def]
    for task in plan.task_list:
        assert task.deadline is not None
        assert parse_deadline(task.deadline) == task.due
    assert plan.due[4] == date(2018, 3, 31)
    assert plan.due[15] == date(2018, 2, 28)


def test_numeric_targets_match_the_task_text(plan) -> None:  # type: ignore[no-untyped-def]
    with_targets = {t.id: t for t in plan.task_list if t.targets}
    assert set(with_targets) == {8, 13, 14}
    for task_id in (13, 14):
        numbers = [int(n) for n in re.findall(r"(\d+)\s*个以上", with_targets[task_id].text)]
        assert [t.target for t in with_targets[task_id].targets] == numbers
    # 千兆 / 万兆 / 千兆 / 百兆 in Mbps
    assert [t.target for t in with_targets[8].targets] == [1000, 10000, 1000, 100]


def test_groups_are_defined_by_membership(plan) -> None:  # type: ignore[no-untyped-def]
    directory = plan.directory
    assert directory.expand(["各市（区）政府"]) == (
        "蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市")
    departments = directory.expand(["市直有关部门"])
    assert {"市审计局", "市网信统筹局", "市委机要局"} <= set(departments)
    assert all(directory.units[u].kind.value == "部门" for u in departments)


def test_shipped_repository_passes_strict_check() -> None:
    result = check(Repository(ROOT))
    assert [f"{d.path}:{d.line} {d.code}" for d in result.diagnostics] == []


def test_demo_reports_tell_the_story_later_commands_show(plan) -> None:  # type: ignore[no-untyped-def]
    months = {(r.model.unit, str(r.model.month)) for r in plan.reports}
    # a missing report
    assert ("台山市", "2018-03") in months and ("台山市", "2018-05") in months
    assert ("台山市", "2018-04") not in months
    # an overdue task: 台山市 has not finished task 5 (due 2018-03-31) by June
    june = next(r.model for r in plan.history("台山市") if str(r.model.month) == "2018-06")
    assert june.entry(5) is not None and june.entry(5).status is Status.IN_PROGRESS
    # a task done late: 市公安局 finished task 4 after its deadline
    done = plan.done_before("市公安局", plan.reports[-1].model.month.next())
    assert done[4][1] is not None and done[4][1] > date(2018, 3, 31)
    # both kinds of unit report
    kinds = {plan.directory.units[r.model.unit].kind.value for r in plan.reports}
    assert kinds == {"部门", "地方政府"}
