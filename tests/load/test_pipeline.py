"""The one pipeline: what is trusted, what is left out, names resolved once, months folded in order.

Plans are written inline and loaded from memory (``plan`` fixture), as every command loads them.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.support import PlanFiles, PlanRepo, report_yaml, run_cli
from zwxt.dates import Month
from zwxt.diagnostics import Severity
from zwxt.errors import BrokenPlanError
from zwxt.load import Keep, load
from zwxt.plan.report import Status
from zwxt.store.repo import Repository

DONE_1 = "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n"
AUDIT_DEC = "reports/2017-12/市审计局.yaml"


def test_a_clean_report_is_folded_into_the_ledger(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    loaded = plan.load()
    assert loaded.diagnostics == []
    statement = loaded.ledger.statement("市审计局", 1)
    assert statement is not None
    assert (statement.status, statement.completed, statement.month, statement.path) == \
        (Status.DONE, date(2017, 12, 20), Month(2017, 12), AUDIT_DEC)
    assert loaded.left_out == []


def test_a_report_with_an_error_is_left_out_and_said_why(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1.replace("2017-12-20", "2017-12-40"))
    loaded = plan.load()
    assert loaded.ledger.statement("市审计局", 1) is None
    [left] = loaded.left_out
    assert (left.path, left.unit, left.errors) == (AUDIT_DEC, "市审计局", 1)
    assert (left.first.code, left.first.line, left.first.column) == ("S005", 7, 16)


def test_a_rule_error_leaves_a_report_out_like_a_schema_error(plan: PlanFiles) -> None:
    # P004: completed after the month's end; the report parses and validates
    plan.report("2017-12", "市审计局", tasks=DONE_1.replace("2017-12-20", "2018-01-02"))
    loaded = plan.load()
    assert [d.code for d in loaded.diagnostics] == ["P004"]
    assert loaded.ledger.statement("市审计局", 1) is None
    assert [item.path for item in loaded.left_out] == [AUDIT_DEC]


def test_what_a_left_out_report_said_does_not_count_in_later_months(plan: PlanFiles) -> None:
    # December's report says task 1 is done but has an error: January must still report it
    plan.report("2017-12", "市审计局", tasks=DONE_1 + "  progress: [未闭合\n")
    plan.report("2018-01", "市审计局")
    loaded = plan.load()
    assert [(d.path, d.code) for d in loaded.diagnostics if d.severity is Severity.ERROR] == [
        (AUDIT_DEC, "Y001"), ("reports/2018-01/市审计局.yaml", "P001")]


def test_a_warning_does_not_leave_a_report_out(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1, name="审计局")  # R302 warning: an alias
    loaded = plan.load()
    assert [d.code for d in loaded.diagnostics] == ["R302"]
    assert loaded.ledger.done("市审计局", 1)
    assert loaded.left_out == []


def test_two_reports_of_one_unit_and_month_are_both_left_out(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.report("2017-12", "审计局", tasks=DONE_1)
    loaded = plan.load(keep=Keep(months=frozenset({Month(2017, 12)})))
    assert sorted(item.path for item in loaded.left_out) == \
        ["reports/2017-12/审计局.yaml", AUDIT_DEC]
    assert loaded.ledger.statement("市审计局", 1) is None
    assert loaded.kept == []
    assert {(ref.path, ref.unit, ref.trusted) for ref in loaded.month_reports} == {
        ("reports/2017-12/审计局.yaml", "市审计局", False), (AUDIT_DEC, "市审计局", False)}


def test_names_are_resolved_at_load(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", tasks=DONE_1, name="市审计局")
    plan.edit("data/tasks.yaml", "lead: [各市（区）政府]", "lead: [各市(区) 政府]")
    loaded = plan.load(keep=Keep(paths=frozenset({AUDIT_DEC})))
    assert loaded.diagnostics == []
    [kept] = loaded.kept
    assert (kept.unit, kept.record.unit) == ("市审计局", "审计局")
    assert loaded.ledger.done("市审计局", 1)
    assert loaded.plan is not None
    task = loaded.plan.by_id[3]
    assert (task.lead, task.leads) == (("各市（区）政府",), ("蓬江区", "台山市"))


def test_keep_hands_back_only_what_was_asked_for(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.report("2018-01", "市审计局")
    loaded = plan.load(keep=Keep(months=frozenset({Month(2018, 1)})))
    assert [k.path for k in loaded.kept] == ["reports/2018-01/市审计局.yaml"]


def test_until_stops_at_a_month_and_remembers_what_stood_before_it(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    plan.report("2018-01", "市审计局", tasks=DONE_1.replace("2017-12-20", "2018-01-10"))
    plan.report("2018-02", "市审计局", tasks="- task: 1\n  status: 哈哈\n")  # never read
    loaded = plan.load(until=Month(2018, 1))
    assert loaded.month == Month(2018, 1)
    assert loaded.diagnostics == []
    before = loaded.ledger.statement("市审计局", 1, before=Month(2018, 1))
    after = loaded.ledger.statement("市审计局", 1)
    assert before is not None and before.status is Status.IN_PROGRESS
    assert after is not None and after.status is Status.DONE
    with pytest.raises(ValueError):
        loaded.ledger.statement("市审计局", 1, before=Month(2017, 12))


def test_a_task_left_out_of_later_reports_stays_done(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.report("2018-01", "市审计局", tasks="- task: 2\n  status: 推进中\n")
    assert plan.load().ledger.done("市审计局", 1)


def test_a_later_word_reopens_a_done_task(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.report("2018-01", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    loaded = plan.load()
    assert [d.code for d in loaded.diagnostics] == ["P005"]
    assert not loaded.ledger.done("市审计局", 1)


@pytest.mark.parametrize("fault", [
    ("data/tasks.yaml", "  - id: 2\n", "  - id: 2a\n"),
    ("data/tasks.yaml", "  - id: 1\n", "\t- id: 1\n"),
    ("data/units.yaml", "    kind: 部门\n", "    kind: 局\n"),
    ("data/tasks.yaml", "    lead: [市审计局]\n", "    lead: [审计处]\n"),
])
def test_a_data_file_with_an_error_leaves_no_usable_plan(plan: PlanFiles,
                                                         fault: tuple[str, str, str]) -> None:
    plan.edit(*fault)
    loaded = plan.load()
    with pytest.raises(BrokenPlanError) as raised:
        loaded.usable_plan()
    assert raised.value.diagnostics
    assert all(d.path == fault[0] and d.line > 1 for d in raised.value.diagnostics)
    assert raised.value.exit_code == 1


def test_with_a_data_file_unusable_reports_still_get_their_own_findings(plan: PlanFiles) -> None:
    del plan.files["data/units.yaml"]
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 已完成\n")
    codes = [(d.path, d.code) for d in plan.load().diagnostics]
    # P003 needs only the report; the rules that need the plan stay silent
    assert codes == [("data/units.yaml", "F001"), (AUDIT_DEC, "P003")]


def test_more_processes_give_the_same_findings_in_the_same_order(plan: PlanFiles) -> None:
    for month in ("2017-11", "2017-12", "2018-01"):
        plan.report(month, "市审计局")
        plan.report(month, "蓬江区", tasks="- task: 9\n  status: 推进中\n")
        plan.report(month, "台山市", tasks="- task: 3\n  status: 已完成\n")
    one, two = plan.load(workers=1), plan.load(workers=2)
    assert one.diagnostics and one.diagnostics == two.diagnostics
    assert one.left_out == two.left_out


def test_an_unreadable_folder_is_a_finding_not_a_silent_pass(plan_repo: object) -> None:
    import os
    from pathlib import Path

    root = Path(os.getcwd())
    folder = root / "reports" / "2017-12"
    folder.mkdir(parents=True)
    (folder / "市审计局.yaml").write_text("unit: 市审计局\n", encoding="utf-8")
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("running as a user who can read any folder")
        codes = [(d.path, d.code) for d in load(Repository(root)).diagnostics]
    finally:
        folder.chmod(0o755)
    assert codes == [("reports/2017-12", "F001")]


def test_a_report_outside_its_folder_is_left_out_and_counts_for_its_month(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    stray = "reports/2017-12-备份/市审计局.yaml"
    plan.write(stray, plan.files[AUDIT_DEC])
    loaded = plan.load(until=Month(2017, 12))
    errors = sorted((d.path, d.code) for d in loaded.diagnostics if d.severity is Severity.ERROR)
    assert errors == [(stray, "R306"), (stray, "R309"), (AUDIT_DEC, "R306")]
    assert sorted(item.path for item in loaded.left_out) == [stray, AUDIT_DEC]
    assert {ref.trusted for ref in loaded.month_reports} == {False}
    assert not loaded.ledger.done("市审计局", 1)


def test_a_stray_report_of_a_later_month_is_not_read_for_an_earlier_one(plan: PlanFiles) -> None:
    plan.write("reports/杂项/市审计局.yaml", report_yaml("市审计局", "2018-05"))
    assert plan.load(until=Month(2017, 12)).left_out == []
    assert [item.path for item in plan.load().left_out] == ["reports/杂项/市审计局.yaml"]


@pytest.mark.parametrize("broken", ["unit: 市审计局\n\tmonth: 2017-12\n", "unit: 市审计局\n", ": [\n"])
def test_a_broken_copy_meant_for_the_same_unit_and_month_refuses_both(plan: PlanFiles,
                                                                    broken: str) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.write("reports/2017-12/审计局.yaml", broken)
    loaded = plan.load()
    assert [(d.path, d.code) for d in loaded.diagnostics if d.code == "R306"] == [
        ("reports/2017-12/审计局.yaml", "R306"), (AUDIT_DEC, "R306")]
    assert not loaded.ledger.done("市审计局", 1)


def test_a_file_meant_for_a_unit_is_its_report_whatever_its_name(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_1)
    plan.write("reports/2017-12/.草稿.yaml", "unit: 审计局\nmonth: 2017-12\n")  # lead_office missing
    loaded = plan.load()
    assert {(ref.path, ref.unit, ref.trusted) for ref in loaded.month_reports} == {
        ("reports/2017-12/.草稿.yaml", "市审计局", False), (AUDIT_DEC, "市审计局", False)}


# ---- where in the data each finding is --------------------------------------------------

@pytest.mark.parametrize(("tasks", "extra", "code", "where"), [
    ("- task: 1\n  status: 进行中\n", "", "S004", "tasks[0].status"),  # validation
    ("- task: 1\n  status: 推进中\n  colour: 红\n", "", "S002", "tasks[0].colour"),
    ("- task: 1\n", "", "S001", "tasks[0].status"),  # a missing field: where it belongs
    ("- task: 4\n  status: 推进中\n  metrics: {开放数据集: 很多}\n", "", "S003",
     "tasks[0].metrics.开放数据集"),
    ("- task: 1\n  status: 已完成\n", "", "P003", "tasks[0].status"),  # a report rule
    ("- task: 99\n  status: 推进中\n", "", "R304", "tasks[0].task"),
    ("", "problems: 一\nproblems: 二\n", "Y004", "problems"),  # the parse
    ("", "problems: !!str 一\n", "Y009", "problems"),
    ("", "problems: |\n  第一行\n  第二\u200b行\n", "Y010", "problems"),  # the text: the value it is in
    ("", "aspects:\n  \"a.b\": 有\n", "R307", 'aspects["a.b"]'),  # a key written with a dot is quoted
])
def test_each_finding_names_its_place_in_the_data(plan: PlanFiles, tasks: str, extra: str, code: str,
                                                  where: str) -> None:
    plan.report("2017-11", "市审计局", tasks=tasks, extra=extra)
    found = [(d.code, d.where) for d in plan.load().diagnostics]
    assert (code, where) in found, found


def test_a_file_that_is_no_data_has_no_place_in_it(plan: PlanFiles) -> None:
    plan.write("reports/2017-11/市审计局.yaml", "unit: 市审计局\nmonth: [2017-11\n")  # Y001
    [found] = plan.load().diagnostics
    assert (found.code, found.where) == ("Y001", "")


# ---- one route, one definition, every finding ----------------------------------------------

@pytest.mark.parametrize("text", ["unit:市审计局\nmonth:2017-12\n", "- 市审计局\n", "市审计局的报告\n"])
def test_a_report_and_a_data_file_that_are_no_mapping_are_told_alike(plan: PlanFiles, text: str) -> None:
    """Reports and data files are validated by one route: the same finding for the same mistake."""
    plan.write(AUDIT_DEC, text)
    report = [d for d in plan.load().diagnostics if d.path == AUDIT_DEC]
    plan.write("data/tasks.yaml", text)
    data = [d for d in plan.load().diagnostics if d.path == "data/tasks.yaml"]
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in report] == \
        [(d.code, d.line, d.column, d.message, d.hint) for d in data]
    assert [d.code for d in report] == ["S003"]


def test_the_plan_a_load_trusts_is_the_one_commands_use(plan: PlanFiles) -> None:
    loaded = plan.load()
    assert loaded.plan is not None and loaded.plan_if_usable() is loaded.plan is loaded.usable_plan()
    plan.write("data/tasks.yaml", plan.files["data/tasks.yaml"] + "  - id: 1\n    text: 重复的序号\n"
               "    lead: [市审计局]\n    deadline: 长期坚持\n    aspect: 自查\n")
    broken = plan.load()
    assert broken.plan is not None, "the plan is made, and reports are checked against it"
    assert broken.plan_if_usable() is None
    with pytest.raises(BrokenPlanError):
        broken.usable_plan()


def test_a_load_gives_every_finding_and_the_command_line_lists_twenty_of_a_kind(plan_repo: PlanRepo) -> None:
    """The display cap (20 findings of a code in a file) is the command line's, not the library's."""
    tasks = "".join(f"- task: {n}\n  status: 已完成\n" for n in (1, 2, 3, 4, 5)) * 6  # P003 and R-codes
    plan_repo.report("2017-12", "市审计局", tasks=tasks)
    found = [d for d in load(Repository(plan_repo.root)).diagnostics if d.code == "P003"]
    assert len(found) == 30 and all(d.hidden == 0 for d in found)
    listed = [d for d in json.loads(run_cli("check", "--format", "json").stdout) if d["code"] == "P003"]
    assert len(listed) == 21 and "另有 10 处同类问题" in listed[-1]["message"]
