"""One load names every file's first syntax error with every schema and rule finding of the rest,
and reads a file past its mechanical mistakes, which still keep it out."""

from __future__ import annotations

from tests.support import PlanFiles
from zwxt.diagnostics import is_error

CLERK = "reports/2018-07/市审计局.yaml"
CLERK_TEXT = ("unit: 市审计局\nmonth： 2018-07\nlead_office:办公室\ntasks:\n  - task: 1\n\tstatus: 进行中\n"
              "  - task: 2\n    status: 推进中\n  - task: 99\n    status: 已完成\n")


def found(plan: PlanFiles) -> list[tuple[str, int, int, str]]:
    return [(d.path.rsplit("/", 1)[-1], d.line, d.column, d.code) for d in plan.load().diagnostics]


def test_the_clerks_report_gives_every_finding_in_one_load(plan: PlanFiles) -> None:
    plan.write(CLERK, CLERK_TEXT)
    assert found(plan) == [
        ("市审计局.yaml", 2, 6, "F008"),
        ("市审计局.yaml", 2, 6, "Y002"),
        ("市审计局.yaml", 3, 13, "Y001"),
        ("市审计局.yaml", 6, 1, "Y003"),
        ("市审计局.yaml", 6, 10, "S004"),
        ("市审计局.yaml", 9, 11, "R304"),
        ("市审计局.yaml", 10, 13, "P003"),
    ]


def test_each_repair_is_placed_in_the_data_of_the_mended_text(plan: PlanFiles) -> None:
    plan.write(CLERK, CLERK_TEXT)
    assert [(d.code, d.where) for d in plan.load().diagnostics][:5] == [
        ("F008", ""), ("Y002", "month"), ("Y001", "lead_office"), ("Y003", "tasks[0].status"),
        ("S004", "tasks[0].status")]


def test_a_report_readable_only_once_mended_still_fails_and_is_left_out(plan: PlanFiles) -> None:
    plan.write(CLERK, CLERK_TEXT.replace("  - task: 99\n    status: 已完成\n", ""))
    loaded = plan.load()
    assert [d.code for d in loaded.diagnostics if is_error(d)] == ["Y002", "Y001", "Y003", "S004"]
    assert [item.path for item in loaded.left_out] == [CLERK]
    assert loaded.ledger.state().statements == {}


def test_every_files_first_syntax_error_comes_with_the_others_findings(plan: PlanFiles) -> None:
    plan.write("reports/2018-07/市审计局.yaml", CLERK_TEXT)
    plan.write("reports/2018-07/市公安局.yaml", "unit: 市公安局\nmonth: [2018-07\nlead_office：科\n")
    plan.report("2018-07", "市网信统筹局", "- task: 4\n  status: 暂停\n- task: 5\n  status: 推进中")
    plan.report("2018-07", "台山市", "- task: 3\n  status: 推进中\n- task: 7\n  status: 推进中")
    by_file: dict[str, list[str]] = {}
    for name, _, _, code in found(plan):
        by_file.setdefault(name, []).append(code)
    assert by_file == {
        "市审计局.yaml": ["F008", "Y002", "Y001", "Y003", "S004", "R304", "P003"],
        # (an open bracket no repair gets past: the first syntax error alone, as a check told it before)
        "市公安局.yaml": ["Y002"],
        "市网信统筹局.yaml": ["S004"],
        "台山市.yaml": ["R304"],
    }


def test_a_data_file_is_read_past_its_mechanical_mistakes_and_the_reports_checked_against_it(
        plan: PlanFiles) -> None:
    plan.edit("data/tasks.yaml", "  title: ", "  title：")
    plan.edit("data/tasks.yaml", "    lead: [市网信统筹局]\n    deadline: 长期坚持",
              "    lead: [市网信统筹局]\n    deadline:长期坚持")
    plan.report("2018-07", "市审计局", "- task: 1\n  status: 推进中\n- task: 2\n  status: 推进中\n"
                "- task: 99\n  status: 推进中")
    assert [(name, code) for name, _, _, code in found(plan)] == [
        ("tasks.yaml", "F008"), ("tasks.yaml", "Y002"), ("tasks.yaml", "Y001"), ("市审计局.yaml", "R304")]
