"""The Jiangmen plan of the tests (tests/plans/jiangmen, a frozen copy of the demo data zwxt ships):
a faithful transcription of Annex 1 that passes its own checks and tells the story the other
tests rely on. A city that replaces data/ and reports/ with its own plan keeps this copy."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from zwxt.dates import Month, parse_deadline
from zwxt.load import LoadedPlan, load
from zwxt.plan.report import Status
from zwxt.plan.resolved import Plan
from zwxt.services.check import check
from zwxt.store.repo import Repository

JIANGMEN = Path(__file__).resolve().parent / "plans" / "jiangmen"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_a653939f4c72ea0e.txt"


@pytest.fixture(scope="module")
def loaded() -> LoadedPlan:
    result = load(Repository(JIANGMEN))
    assert result.diagnostics == []
    return result


@pytest.fixture(scope="module")
def plan(loaded: LoadedPlan) -> Plan:
    return loaded.usable_plan()


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
def test_tasks_transcribe_annex1_faithfully(plan: Plan) -> None:
    rows = annex1_rows()
    assert len(rows) == 18
    for row, task in zip(rows, plan.tasks, strict=True):
        number, text, lead, support, deadline = row
        assert task.id == int(number)
        # the one half-width comma of the source (骨干网,市级) is written full-width, as R210 asks
        assert task.text == text.replace("骨干网,市级", "骨干网，市级")
        assert list(task.lead) == units_of(lead)
        assert list(task.support) == units_of(support)
        assert task.deadline == deadline


def test_every_deadline_parses_to_its_due_date(plan: Plan) -> None:
    for task in plan.tasks:
        assert task.deadline is not None
        assert parse_deadline(task.deadline) == task.due
    assert plan.by_id[4].due == date(2018, 3, 31)
    assert plan.by_id[15].due == date(2018, 2, 28)


def test_numeric_targets_match_the_task_text(plan: Plan) -> None:
    with_targets = {t.id: t for t in plan.tasks if t.targets}
    assert set(with_targets) == {8, 13, 14}
    for task_id in (13, 14):
        numbers = [int(n) for n in re.findall(r"(\d+)\s*个以上", with_targets[task_id].text)]
        assert [t.target for t in with_targets[task_id].targets] == numbers
    # 千兆 / 万兆 / 千兆 / 百兆 in Mbps
    assert [t.target for t in with_targets[8].targets] == [1000, 10000, 1000, 100]


def test_groups_are_defined_by_membership(plan: Plan) -> None:
    directory = plan.directory
    assert directory.expand(["各市（区）政府"]) == (
        "蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市")
    departments = directory.expand(["市直有关部门"])
    assert {"市审计局", "市网信统筹局", "市委机要局"} <= set(departments)
    assert all(directory.units[u].kind.value == "部门" for u in departments)


def test_the_copy_passes_a_strict_check() -> None:
    assert check(Repository(JIANGMEN)).diagnostics == []


def test_demo_reports_tell_the_story_later_commands_show(plan: Plan) -> None:
    def month_of(unit: str, month: Month) -> list[str]:
        return [ref.path for ref in load(Repository(JIANGMEN), until=month).month_reports if ref.unit == unit]

    # a missing report
    assert month_of("台山市", Month(2018, 3)) and month_of("台山市", Month(2018, 5))
    assert month_of("台山市", Month(2018, 4)) == []
    june = load(Repository(JIANGMEN), until=Month(2018, 6)).ledger
    # an overdue task: 台山市 has not finished task 5 (due 2018-03-31) by June
    five = june.statement("台山市", 5)
    assert five is not None and five.status is Status.IN_PROGRESS and five.month == Month(2018, 6)
    # a task done late: 市公安局 finished task 4 after its deadline
    four = june.statement("市公安局", 4)
    assert four is not None and four.done and four.completed is not None
    assert four.completed > date(2018, 3, 31)
    # both kinds of unit report
    kinds = {plan.directory.units[u].kind.value for u in ("台山市", "市公安局")}
    assert kinds == {"部门", "地方政府"}
