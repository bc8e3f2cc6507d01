"""The rules, each code firing and not firing, at the line and column it points at.

Inputs are the small plan of tests/support.py held in memory (``plan``), edited where a test
needs a fault, and reports written inline; they go through the same pipeline as a
repository on disk. Lines and columns were counted by hand in the YAML each test writes.
"""

from __future__ import annotations

import pytest

from tests.support import PlanFiles, report_yaml
from zwxt.diagnostics import Diagnostic, Severity
from zwxt.rules import RULES, DataFiles, data_findings

ERROR, WARNING = Severity.ERROR, Severity.WARNING
UNITS, TASKS = "data/units.yaml", "data/tasks.yaml"
Where = tuple[str, int, int, Severity]


def findings(plan: PlanFiles) -> list[Diagnostic]:
    return plan.load().diagnostics


def found(plan: PlanFiles, code: str) -> list[Diagnostic]:
    return [d for d in findings(plan) if d.code == code]


def located(plan: PlanFiles, code: str) -> list[Where]:
    return [(d.path, d.line, d.column, d.severity) for d in found(plan, code)]


def report_at(month: str, unit: str) -> str:
    return f"reports/{month}/{unit}.yaml"


# ---- the registry -------------------------------------------------------------------------

TESTED = {"R101", "R105", "R102", "R103", "R104", "R201", "R202", "R208", "R203", "R204", "R205", "R206",
          "R207", "R209", "R210",
          "R301", "R302", "R303", "R304", "R305", "R306", "R307", "R308", "R309", "R310",
          "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009"}


def test_every_registered_code_is_tested_here() -> None:
    codes = [code for rule in RULES for code in rule.codes]
    assert sorted(codes) == sorted(TESTED)


def test_data_rules_have_nothing_to_say_without_data_files() -> None:
    assert data_findings(DataFiles(None, None, None)) == []


def test_the_support_plan_without_reports_is_clean(plan: PlanFiles) -> None:
    assert findings(plan) == []


# ---- units.yaml ---------------------------------------------------------------------------

def test_r101_alias_taken_by_another_unit(plan: PlanFiles) -> None:
    plan.edit(UNITS, "    lead_office: 科技信息化科\n",
         "    lead_office: 科技信息化科\n    aliases: [审计局]\n")
    [finding] = found(plan, "R101")
    assert (finding.path, finding.line, finding.column, finding.severity) == (UNITS, 16, 15, ERROR)
    assert finding.message.startswith("名称「审计局」与单位「市审计局」重复")


def test_r101_names_differing_only_in_bracket_width_are_the_same(plan: PlanFiles) -> None:
    plan.edit(UNITS, "    lead_office: 台山市网络信息统筹局\n",
         "    lead_office: 台山市网络信息统筹局\n    aliases: [各市(区)政府]\n")
    # the group's own name, one line lower now, is the second spelling of the key
    assert located(plan, "R101") == [(UNITS, 28, 11, ERROR)]


@pytest.mark.parametrize(("second", "column"), [("市公安局", 11), ("市公安局 ", 11), ("市公 安局", 11)])
def test_r101_two_units_of_one_name(plan: PlanFiles, second: str, column: int) -> None:
    plan.edit(UNITS, "  - name: 蓬江区\n", f"  - name: {second}\n")
    [finding] = found(plan, "R101")
    assert (finding.path, finding.line, finding.column) == (UNITS, 16, column)
    assert finding.message == (f"名称「{second.strip()}」与单位「市公安局」重复"
                               "（全角/半角、大小写、空格不同也算同名）")


def test_r101_two_groups_of_one_name(plan: PlanFiles) -> None:
    plan.edit(UNITS, "  - name: 各市（区）政府\n", "  - name: 市直有关部门\n")
    assert located(plan, "R101") == [(UNITS, 27, 11, ERROR)]


def test_r101_names_that_differ_only_in_case_are_one_name(plan: PlanFiles) -> None:
    """On Windows and macOS they would be one report file and one branch."""
    plan.edit(UNITS, "  - name: 市公安局\n", "  - name: 市GIS中心\n")
    plan.edit(UNITS, "aliases: [审计局]", "aliases: [审计局, 市gis中心]")
    [finding] = found(plan, "R101")
    assert finding.message == "名称「市GIS中心」与单位「市审计局」重复（全角/半角、大小写、空格不同也算同名）"


def test_r101_not_fired_by_an_alias_that_spells_the_units_own_name(plan: PlanFiles) -> None:
    plan.edit(UNITS, "aliases: [蓬江区政府]", "aliases: [蓬江区政府, 蓬江　区]")
    assert findings(plan) == []


@pytest.mark.parametrize(("name", "problem"), [
    ("../../NOTES", "不能以“.”开头"),
    ("市/审计局", "不能含有「/」"),
    ("市审计局\u200b", "不能含有不可见字符 U+200B"),
    ("长" * 51, "不能超过 50 个字"),
    ("AUX", "是 Windows 保留的设备名"),
    ("nul.审计", "是 Windows 保留的设备名"),
    ("Com1", "是 Windows 保留的设备名"),
    ("LPT\u00b9", "是 Windows 保留的设备名"),
    ("市审计局.", "不能以“.”结尾"),
    ("市审\u00ad计局", "不能含有不可见字符 U+00AD"),
    ("市审计局\u2066", "不能含有不可见字符 U+2066"),
    ("市审计局\U000e0041", "不能含有不可见字符 U+E0041"),
    ("市审计局\ufe0f", "不能含有不可见字符 U+FE0F"),
    ("市审计局\u180e", "不能含有不可见字符 U+180E"),
    ("Cafe\u0301", "含有分开输入的字母和附加符号（如 e 后加重音符），请重新输入这个名称"),
])
def test_r105_a_name_that_cannot_be_a_file_name(plan: PlanFiles, name: str, problem: str) -> None:
    plan.edit(UNITS, "aliases: [审计局]", f'aliases: [审计局, "{name}"]')
    [finding] = found(plan, "R105")
    assert (finding.path, finding.line, finding.column, finding.severity) == (UNITS, 5, 20, ERROR)
    assert finding.message == f"名称「{name}」{problem}：报告和生成的文件以单位名称命名"


def test_r105_not_fired_by_chinese_names_with_brackets(plan: PlanFiles) -> None:
    assert found(plan, "R105") == []  # 各市（区）政府


@pytest.mark.parametrize(("name", "problem"), [
    ("市[试点]局", "不能含有「[」"),
    ("市试点]局", "不能含有「]」"),
    ("市 审计局", "不能含有空格"),
    ("市\u3000审计局", "不能含有空白字符 U+3000"),
    # the name is also a part of the branch report new --commit makes, which git must accept
    ("市~局", "不能含有「~」"),
    ("市^局", "不能含有「^」"),
    ("市..局", "不能含有「..」"),
    ("市@{局", "不能含有「@{」"),
    ("市局.Lock", "不能以“.lock”结尾"),
])
def test_r105_a_units_name_is_a_literal_pattern_of_codeowners(plan: PlanFiles, name: str,
                                                              problem: str) -> None:
    plan.edit(UNITS, "  - name: 市公安局\n", f'  - name: "{name}"\n')
    [finding] = found(plan, "R105")
    assert (finding.path, finding.line, finding.column) == (UNITS, 13, 11)
    assert finding.message == f"名称「{name}」{problem}：报告和生成的文件以单位名称命名"
    # an alias names no file and no pattern: spaces and brackets are other spellings of a name
    plan.edit(UNITS, f'  - name: "{name}"\n', f'  - name: 市公安局\n    aliases: ["{name}"]\n')
    assert found(plan, "R105") == []


def test_r102_unknown_group_member_with_the_closest_name(plan: PlanFiles) -> None:
    plan.edit(UNITS, "members: [市审计局, 市网信统筹局, 市公安局]",
         "members: [市审计局, 市网信统筹局, 公安局]")
    [finding] = found(plan, "R102")
    assert (finding.path, finding.line, finding.column, finding.severity) == (UNITS, 26, 29, ERROR)
    assert finding.message == "单位组「市直有关部门」的成员「公安局」未登记"
    assert finding.hint == "是否想写「市公安局」？单位名称以 data/units.yaml 为准"


def test_r102_not_fired_by_a_member_named_by_alias(plan: PlanFiles) -> None:
    plan.edit(UNITS, "members: [市审计局, 市网信统筹局, 市公安局]",
         "members: [审计局, 市网信统筹局, 市公安局]")
    assert findings(plan) == []


def test_r103_group_member_that_is_a_group(plan: PlanFiles) -> None:
    plan.edit(UNITS, "members: [蓬江区, 台山市]", "members: [蓬江区, 台山市, 市直有关部门]")
    assert located(plan, "R103") == [(UNITS, 28, 25, ERROR)]
    assert located(plan, "R102") == []


def test_r104_unknown_coordinator_with_the_closest_name(plan: PlanFiles) -> None:
    plan.edit(TASKS, "coordinator: 市网信统筹局", "coordinator: 网信局")
    [finding] = found(plan, "R104")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 5, 16, ERROR)
    assert "「市网信统筹局」" in finding.hint


def test_r104_a_group_is_no_coordinator(plan: PlanFiles) -> None:
    plan.edit(TASKS, "coordinator: 市网信统筹局", "coordinator: 市直有关部门")
    assert located(plan, "R104") == [(TASKS, 5, 16, ERROR)]


def test_r104_not_fired_by_a_coordinator_named_by_alias(plan: PlanFiles) -> None:
    plan.edit(TASKS, "coordinator: 市网信统筹局", "coordinator: 网信统筹局")
    assert findings(plan) == []


# ---- tasks.yaml ---------------------------------------------------------------------------

def test_r201_duplicate_task_id_points_at_the_second(plan: PlanFiles) -> None:
    plan.edit(TASKS, "  - id: 5\n", "  - id: 4\n")
    assert located(plan, "R201") == [(TASKS, 39, 9, ERROR)]


def test_r202_unknown_lead_unit(plan: PlanFiles) -> None:
    plan.edit(TASKS, "    lead: [市审计局]\n", "    lead: [市审计]\n")
    [finding] = found(plan, "R202")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 14, 12, ERROR)
    assert finding.message == "任务 1 的牵头单位「市审计」未登记"
    assert finding.hint.startswith("是否想写「市审计局」")


def test_r202_unknown_supporting_unit(plan: PlanFiles) -> None:
    plan.edit(TASKS, "support: [市直有关部门]", "support: [市直部门]")
    [finding] = found(plan, "R202")
    assert (finding.line, finding.column) == (15, 15)
    assert finding.message == "任务 1 的配合单位「市直部门」未登记"


def test_r208_a_unit_both_leading_and_supporting_one_task(plan: PlanFiles) -> None:
    plan.edit(TASKS, "support: [市直有关部门]", "support: [市直有关部门, 审计局]")
    assert located(plan, "R208") == [(TASKS, 15, 23, WARNING)]
    [finding] = found(plan, "R208")
    assert finding.message == "「审计局」既是任务 1 的牵头单位，又是它的配合单位"


def test_r208_not_fired_by_a_group_holding_the_lead(plan: PlanFiles) -> None:
    assert found(plan, "R208") == []  # 市直有关部门 holds 市审计局, the lead: the table's own way


def test_r202_not_fired_by_aliases_and_width_variants(plan: PlanFiles) -> None:
    plan.edit(TASKS, "    lead: [各市（区）政府]\n", "    lead: [各市(区)政府]\n")
    plan.edit(TASKS, "    lead: [市审计局]\n", "    lead: [审计局]\n")
    assert findings(plan) == []


def test_r203_unreadable_deadline(plan: PlanFiles) -> None:
    plan.edit(TASKS, "deadline: 2017年12月底前", "deadline: 年底前")
    assert located(plan, "R203") == [(TASKS, 16, 15, ERROR)]


def test_r203_not_fired_when_a_due_date_is_given(plan: PlanFiles) -> None:
    plan.edit(TASKS, "deadline: 2018年 3月底前", "deadline: 尽快完成")
    assert findings(plan) == []


def test_r204_due_disagrees_with_the_deadline(plan: PlanFiles) -> None:
    plan.edit(TASKS, "due: 2018-03-31", "due: 2018-04-30")
    [finding] = found(plan, "R204")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 22, 10, ERROR)
    assert finding.message == "到期日 2018-04-30 与完成时间「2018年 3月底前」（即 2018-03-31）不一致"


def test_r204_a_due_date_for_a_task_without_a_deadline(plan: PlanFiles) -> None:
    plan.edit(TASKS, "    deadline: 长期坚持\n", "    deadline: 长期坚持\n    due: 2018-01-31\n")
    [finding] = found(plan, "R204")
    assert (finding.path, finding.line, finding.column) == (TASKS, 43, 10)
    assert finding.message == "完成时间「长期坚持」表示没有期限，却写了到期日 2018-01-31"


def test_r209_report_due_unreadable(plan: PlanFiles) -> None:
    plan.edit(TASKS, "  coordinator: 市网信统筹局\n", "  coordinator: 市网信统筹局\n  report_due: 月初报送\n")
    [finding] = found(plan, "R209")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 6, 15, ERROR)
    assert finding.message == ("无法识别报送期限「月初报送」：应写成“次月5日前”“每月25日前”"
                               "“次月第3个工作日前”或“每月底前”之类")


def test_r209_not_fired_for_the_forms_it_reads(plan: PlanFiles) -> None:
    plan.edit(TASKS, "  coordinator: 市网信统筹局\n",
              "  coordinator: 市网信统筹局\n  report_due: 次月第三个工作日前\n")
    assert findings(plan) == []


def test_r205_task_in_an_unknown_aspect(plan: PlanFiles) -> None:
    plan.edit(TASKS, "    aspect: 协同", "    aspect: 协作")
    [finding] = found(plan, "R205")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 43, 13, ERROR)
    assert finding.hint == "可选：自查、清理、共享、协同"


def test_r206_aspect_listed_twice(plan: PlanFiles) -> None:
    plan.edit(TASKS, "    - name: 协同\n", "    - name: 协同\n    - name: 自查\n")
    assert located(plan, "R206") == [(TASKS, 11, 13, ERROR)]
    assert located(plan, "R205") == []


def test_r207_metric_listed_twice_for_a_task(plan: PlanFiles) -> None:
    plan.edit(TASKS, "        unit: 个\n",
         "        unit: 个\n      - metric: 开放数据集\n        target: 600\n")
    assert located(plan, "R207") == [(TASKS, 39, 17, ERROR)]


def test_r207_not_fired_by_two_different_metrics(plan: PlanFiles) -> None:
    plan.edit(TASKS, "        unit: 个\n",
         "        unit: 个\n      - metric: 数据应用\n        target: 30\n")
    assert findings(plan) == []


# ---- reports: references ------------------------------------------------------------------

def test_r301_unknown_unit_suggests_the_canonical_name(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计")
    [finding] = found(plan, "R301")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市审计"), 1, 7, ERROR)
    assert finding.hint == "是否想写「市审计局」？单位名称以 data/units.yaml 为准"


def test_r301_a_group_does_not_report(plan: PlanFiles) -> None:
    plan.report("2017-11", "市直有关部门")
    [finding] = found(plan, "R301")
    assert (finding.line, finding.column) == (1, 7)
    assert finding.message == "「市直有关部门」是单位组，不是单个单位"


@pytest.mark.parametrize("unit", ["审计局", "市审计局", "市审计局　"])
def test_r301_r302_not_fired_by_alias_or_width_variant_in_the_canonical_file(
        plan: PlanFiles, unit: str) -> None:
    plan.report("2017-11", unit, name="市审计局")
    assert findings(plan) == []


def test_r301_not_fired_by_a_unit_name_with_a_space_inside(plan: PlanFiles) -> None:
    plan.report("2017-11", "市网信　统筹局", name="市网信统筹局")
    assert findings(plan) == []


def test_r302_unit_disagrees_with_the_file_name(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", name="市公安局")
    [finding] = found(plan, "R302")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市公安局"), 1, 7, ERROR)
    assert finding.hint == "文件应命名为 市审计局.yaml，或改正 unit"


def test_r302_file_named_by_alias_is_a_warning_naming_the_canonical_file(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", name="审计局")
    [finding] = found(plan, "R302")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "审计局"), 1, 7, WARNING)
    assert finding.hint == "请重命名为 市审计局.yaml（单位的规范名称加 .yaml）"


def test_r303_month_disagrees_with_the_folder(plan: PlanFiles) -> None:
    plan.write(report_at("2017-11", "市审计局"), "unit: 市审计局\nmonth: 2017-10\nlead_office: 办公室\n")
    [finding] = found(plan, "R303")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市审计局"), 2, 8, ERROR)
    assert finding.hint == "请改正月份，或把文件移到 reports/2017-10/"


def test_r303_a_report_naming_a_month_long_before_its_folder_is_checked_as_the_folders(
        plan: PlanFiles) -> None:
    """A report copied from two months back, its month not updated: the month rules look at
    what stood when the folder's month began, and the report is refused (R303)."""
    plan.report("2017-11", "市审计局", tasks="- task: 1\n  status: 已完成\n  completed: 2017-11-20\n")
    plan.report("2017-12", "市审计局")
    plan.write(report_at("2018-01", "市审计局"), "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n"
                                               "tasks:\n  - task: 1\n    status: 推进中\n")
    result = plan.load()
    assert [(d.path, d.code) for d in result.diagnostics if d.path == report_at("2018-01", "市审计局")] == [
        (report_at("2018-01", "市审计局"), "R303"), (report_at("2018-01", "市审计局"), "P005")]


def test_r304_unknown_task(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", tasks="- task: 99\n  status: 推进中\n")
    [finding] = found(plan, "R304")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市审计局"), 5, 11, ERROR)
    assert finding.message == "任务分工表中没有序号为 99 的任务"
    assert finding.hint == "任务序号为 1–5，见 data/tasks.yaml"


def test_r305_task_twice_points_at_the_second_entry(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", tasks="""
        - task: 1
          status: 推进中
        - task: 1
          status: 推进中
        """)
    assert located(plan, "R305") == [(report_at("2017-11", "市审计局"), 7, 11, ERROR)]


def test_r304_r305_r310_not_fired_by_distinct_duties(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", tasks="""
        - task: 1
          status: 推进中
        - task: 2
          status: 未启动
        - task: 4
          status: 未启动
        """)
    assert findings(plan) == []


def test_r306_two_reports_of_a_unit_in_a_month_are_both_errors(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局")
    plan.report("2017-11", "审计局")
    first, second = found(plan, "R306")
    assert (first.path, first.line, first.column, first.severity) == \
        (report_at("2017-11", "审计局"), 1, 7, ERROR)
    assert first.message == "市审计局 2017年11月的报告不止一份，另有：reports/2017-11/市审计局.yaml"
    assert (second.path, second.line, second.column, second.severity) == \
        (report_at("2017-11", "市审计局"), 1, 7, ERROR)
    assert second.message == "市审计局 2017年11月的报告不止一份，另有：reports/2017-11/审计局.yaml"


def test_r306_not_fired_by_reports_of_two_months(plan: PlanFiles) -> None:
    plan.report("2017-10", "市审计局")
    plan.report("2017-11", "市审计局")
    assert findings(plan) == []


def test_r307_unknown_aspect_points_at_the_key(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", extra="aspects:\n  自检: 已完成自查。\n")
    [finding] = found(plan, "R307")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市审计局"), 5, 3, ERROR)
    assert finding.hint == "是否想写「自查」？可选：自查、清理、共享、协同"


def test_r307_not_fired_by_a_known_aspect(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", extra="aspects:\n  自查: 已完成自查。\n")
    assert findings(plan) == []


def test_r308_metric_on_a_task_without_targets(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局", tasks="""
        - task: 1
          status: 推进中
          metrics:
            系统数: 3
        """)
    [finding] = found(plan, "R308")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市审计局"), 8, 7, ERROR)
    assert finding.message == "任务 1 没有量化指标「系统数」"


def test_r308_unknown_metric_names_the_tasks_metrics(plan: PlanFiles) -> None:
    plan.report("2017-11", "市网信统筹局", tasks="""
        - task: 4
          status: 推进中
          metrics:
            开放数据集: 120
            数据集: 120
        """)
    [finding] = found(plan, "R308")
    assert (finding.line, finding.column) == (9, 7)
    assert finding.hint == "可用的指标：开放数据集"


def test_r309_report_outside_a_month_folder(plan: PlanFiles) -> None:
    plan.write("reports/市审计局.yaml", report_yaml("市审计局", "2017-11"))
    plan.write("reports/2017-1/市公安局.yaml", report_yaml("市公安局", "2017-11"))
    assert located(plan, "R309") == [("reports/2017-1/市公安局.yaml", 1, 1, ERROR),
                                          ("reports/市审计局.yaml", 1, 1, ERROR)]


@pytest.mark.parametrize("suffix", [".yml", ".YAML", ".Yml"])
def test_r309_not_fired_by_other_yaml_suffixes_which_r302_asks_to_rename(plan: PlanFiles,
                                                                       suffix: str) -> None:
    rel = f"reports/2017-11/市审计局{suffix}"
    plan.write(rel, "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n")
    [finding] = findings(plan)
    assert (finding.code, finding.path, finding.severity) == ("R302", rel, WARNING)
    assert finding.hint == "请重命名为 市审计局.yaml（单位的规范名称加 .yaml）"


def test_r310_unit_reporting_a_task_it_has_no_part_in(plan: PlanFiles) -> None:
    plan.report("2017-11", "蓬江区", tasks="- task: 2\n  status: 推进中\n")
    [finding] = found(plan, "R310")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "蓬江区"), 5, 11, WARNING)
    assert finding.message == "蓬江区不是任务 2 的牵头或配合单位"


def test_r310_not_fired_for_a_task_supported_through_a_group(plan: PlanFiles) -> None:
    plan.report("2017-11", "蓬江区", tasks="- task: 4\n  status: 推进中\n")
    assert findings(plan) == []


# ---- P001: what a month's report must contain ---------------------------------------------

def p001_tasks(repo: PlanFiles) -> list[tuple[str, str]]:
    """(report path, message head) of every P001 finding, for the missing task's number."""
    return [(d.path, d.message.split("（", 1)[0]) for d in found(repo, "P001")]


def test_p001_task_due_exactly_at_the_month_end_must_be_reported(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局")
    [finding] = found(plan, "P001")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-12", "市审计局"), 1, 1, ERROR)
    assert finding.message == ("缺少任务 1（开展对市直有关部门的政务信息系统审计）：2017年12月31日到期，"
                               "市审计局尚未报告完成，本月务必填写")
    assert finding.hint == "请在 tasks 下添加一项 task: 1，写明 status 和进展"


def test_p001_points_at_the_tasks_key_when_there_is_one(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 4\n  status: 推进中\n")
    assert located(plan, "P001") == [(report_at("2017-12", "市审计局"), 4, 1, ERROR)]


def test_p001_not_in_the_month_before_the_deadline(plan: PlanFiles) -> None:
    plan.report("2017-11", "市审计局")
    plan.report("2018-05", "蓬江区")  # task 3 is due 2018-06-30
    assert found(plan, "P001") == []


def test_p001_not_when_the_task_is_in_the_report(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    assert findings(plan) == []


def test_p001_overdue_tasks_stay_required_until_reported_done(plan: PlanFiles) -> None:
    plan.report("2018-03", "市审计局")
    assert p001_tasks(plan) == [(report_at("2018-03", "市审计局"), "缺少任务 1"),
                                     (report_at("2018-03", "市审计局"), "缺少任务 2")]


def test_p001_not_for_a_task_done_in_an_earlier_month(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")
    plan.report("2018-03", "市审计局")
    assert p001_tasks(plan) == [(report_at("2018-03", "市审计局"), "缺少任务 2")]


def test_p001_done_in_a_later_month_does_not_excuse_an_earlier_report(plan: PlanFiles) -> None:
    plan.report("2018-01", "市审计局")
    plan.report("2018-02", "市审计局", tasks="- task: 1\n  status: 已完成\n  completed: 2018-02-10\n")
    assert p001_tasks(plan) == [(report_at("2018-01", "市审计局"), "缺少任务 1")]


def test_p001_done_in_a_report_filed_under_an_alias_counts(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", tasks="- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")
    plan.report("2018-01", "市审计局")
    assert p001_tasks(plan) == []


def test_p001_cooperating_unit_through_a_group_must_report(plan: PlanFiles) -> None:
    # 市公安局 supports task 1 only as a member of 市直有关部门
    plan.report("2017-12", "市公安局")
    assert p001_tasks(plan) == [(report_at("2017-12", "市公安局"), "缺少任务 1")]


def test_p001_lead_through_a_group_must_report(plan: PlanFiles) -> None:
    plan.report("2018-06", "台山市", tasks="- task: 4\n  status: 推进中\n")
    [finding] = found(plan, "P001")
    assert finding.message == ("缺少任务 3（各市（区）初步清理本地区“僵尸”系统）：2018年6月30日到期，"
                               "台山市尚未报告完成，本月务必填写")


def test_p001_ongoing_task_without_deadline_is_never_required(plan: PlanFiles) -> None:
    plan.report("2099-12", "市网信统筹局")
    expected = [(report_at("2099-12", "市网信统筹局"), f"缺少任务 {i}") for i in (1, 2, 4)]
    assert p001_tasks(plan) == expected


def test_p001_report_by_alias_names_the_canonical_unit(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", name="市审计局")
    [finding] = found(plan, "P001")
    assert "市审计局尚未报告完成" in finding.message


# ---- P002–P006: metrics, dates and status -------------------------------------------------

def test_p002_lead_unit_without_the_tasks_metrics(plan: PlanFiles) -> None:
    plan.report("2017-11", "市网信统筹局", tasks="- task: 4\n  status: 推进中\n")
    [finding] = found(plan, "P002")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-11", "市网信统筹局"), 5, 11, ERROR)
    assert finding.message == "任务 4 有量化指标，牵头单位须填报：缺少 「开放数据集」"


def test_p002_not_fired_when_the_lead_gives_the_metric(plan: PlanFiles) -> None:
    plan.report("2017-11", "市网信统筹局", tasks="""
        - task: 4
          status: 推进中
          metrics:
            开放数据集: 120
        """)
    assert findings(plan) == []


def test_p002_not_required_of_cooperating_units(plan: PlanFiles) -> None:
    plan.report("2017-11", "蓬江区", tasks="- task: 4\n  status: 推进中\n")
    assert findings(plan) == []


def test_p002_lead_by_alias_must_give_metrics(plan: PlanFiles) -> None:
    plan.report("2017-11", "网信统筹局", tasks="- task: 4\n  status: 推进中\n", name="市网信统筹局")
    assert located(plan, "P002") == [(report_at("2017-11", "市网信统筹局"), 5, 11, ERROR)]


DONE_NO_DATE = "- task: 1\n  status: 已完成\n"


def test_p003_done_without_a_completed_date(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE)
    [finding] = found(plan, "P003")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-12", "市审计局"), 6, 13, ERROR)
    assert finding.message == "任务 1 已完成，但没有填写完成日期"


def test_p003_p004_not_fired_by_completion_on_the_last_day_of_the_month(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-31\n")
    assert findings(plan) == []


def test_p004_completed_after_the_month_end(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2018-01-01\n")
    [finding] = found(plan, "P004")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-12", "市审计局"), 7, 16, ERROR)
    assert finding.message == "完成日期 2018-01-01 晚于报告月份的月底 2017-12-31"


def test_p005_going_back_from_done_is_a_warning(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n")
    plan.report("2018-01", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    [finding] = found(plan, "P005")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2018-01", "市审计局"), 6, 13, WARNING)
    assert finding.message == "任务 1 在 2017年12月的报告中已是已完成，本月改为推进中"


def test_p005_not_fired_when_done_stays_done(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n")
    plan.report("2018-01", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n")
    assert findings(plan) == []


def test_p005_not_fired_by_a_later_months_done(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 推进中\n")
    plan.report("2018-01", "市审计局", tasks=DONE_NO_DATE + "  completed: 2018-01-05\n")
    assert findings(plan) == []


def test_p006_completed_date_with_an_unfinished_status(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks="- task: 1\n  status: 推进中\n  completed: 2017-12-20\n")
    [finding] = found(plan, "P006")
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-12", "市审计局"), 7, 16, WARNING)
    assert finding.message == "任务 1 的状态是推进中，却填了完成日期"


def test_p009_a_report_dated_before_its_month(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n",
                extra="date: 2017-11-30\n")
    [finding] = found(plan, "P009")
    # the date line follows the five lines of header and task
    assert (finding.path, finding.line, finding.column, finding.severity) == \
        (report_at("2017-12", "市审计局"), 8, 7, WARNING)
    assert finding.message == "成文日期 2017-11-30 早于报告月份 2017-12"


def test_p009_a_report_dated_before_a_completion_it_reports(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n",
                extra="date: 2017-12-10\n")
    [finding] = found(plan, "P009")
    assert finding.message == "成文日期 2017-12-10 早于报告中的完成日期 2017-12-20"


@pytest.mark.parametrize("day", ["2017-12-20", "2018-01-05"])
def test_p009_not_fired_for_a_date_on_or_after_the_last_completion(plan: PlanFiles, day: str) -> None:
    plan.report("2017-12", "市审计局", tasks=DONE_NO_DATE + "  completed: 2017-12-20\n",
                extra=f"date: {day}\n")
    assert findings(plan) == []


# ---- P007: what a scaffold left unfilled --------------------------------------------------

FILLED = """\
unit: 市网信统筹局
month: 2017-11
lead_office: 电子政务科
contact: 王芳 0750-1234567
progress: 建立了工作机制。
tasks:
  - task: 4
    status: 推进中
    progress: 开放了一批数据集。
    metrics:
      开放数据集: 120
    narrative: 详见附件。
aspects:
  共享: 接入了省平台。
problems: 无
plans:
  key_tasks: 继续开放数据。
  next_steps: 扩大开放范围。
cases: 无
suggestions: 无
"""

#              (text replaced,                  by,                         line, column)
PLACES = {
    "lead_office": ("lead_office: 电子政务科", "lead_office: 【待填写】", 3, 14),
    "contact": ("contact: 王芳 0750-1234567", "contact: 王芳 【待填写】", 4, 10),
    "progress": ("progress: 建立了工作机制。", "progress: 【待填写】", 5, 11),
    "task progress": ("progress: 开放了一批数据集。", "progress: 【待填写】", 9, 15),
    "metric placeholder": ("开放数据集: 120", "开放数据集: 【待填写】", 11, 14),
    "metric empty": ("开放数据集: 120", "开放数据集:", 11, 13),
    "narrative": ("narrative: 详见附件。", "narrative: 【待填写】", 12, 16),
    "aspect": ("共享: 接入了省平台。", "共享: 【待填写】", 14, 7),
    "problems": ("problems: 无", "problems: 【待填写】", 15, 11),
    "key_tasks": ("key_tasks: 继续开放数据。", "key_tasks: 【待填写】", 17, 14),
    "next_steps": ("next_steps: 扩大开放范围。", "next_steps: 【待填写】", 18, 15),
    "cases": ("cases: 无", "cases: 【待填写】", 19, 8),
    "suggestions": ("suggestions: 无", "suggestions: 【待填写】", 20, 14),
}


def test_p007_not_fired_by_a_filled_report(plan: PlanFiles) -> None:
    plan.write(report_at("2017-11", "市网信统筹局"), FILLED)
    assert findings(plan) == []


@pytest.mark.parametrize("place", sorted(PLACES))
def test_p007_placeholder_left_in(plan: PlanFiles, place: str) -> None:
    old, new, line, column = PLACES[place]
    assert old in FILLED
    plan.write(report_at("2017-11", "市网信统筹局"), FILLED.replace(old, new))
    [finding] = findings(plan)
    assert (finding.code, finding.path, finding.line, finding.column, finding.severity) == \
        ("P007", report_at("2017-11", "市网信统筹局"), line, column, WARNING)
    assert finding.message == "「【待填写】」处尚未填写"


def test_p007_every_placeholder_is_reported(plan: PlanFiles) -> None:
    text = FILLED
    for old, new, _, _ in PLACES.values():
        if new != "开放数据集:":
            text = text.replace(old, new)
    plan.write(report_at("2017-11", "市网信统筹局"), text)
    assert len(found(plan, "P007")) == len(PLACES) - 1


def test_r210_half_width_punctuation_between_chinese_in_the_plan(plan: PlanFiles) -> None:
    plan.edit(TASKS, "开展对市直有关部门的政务信息系统审计。",
              "开展对市直有关部门的政务信息系统审计,并整改(一期)。")
    [finding] = found(plan, "R210")
    assert (finding.path, finding.line, finding.column, finding.severity) == (TASKS, 13, 11, WARNING)
    assert finding.message == "「系统审计,并整改(」中用了半角的“,”（共 3 处），中文之间应用全角标点"
    assert finding.hint.startswith("请把“,”改为“，”")


def test_p008_a_mark_ending_one_text_does_not_touch_the_next_text(plan: PlanFiles) -> None:
    """(The rule first looks at the report's texts joined; each is still judged alone.)"""
    plan.report("2017-11", "市审计局", extra="progress: 详见附件A(\nproblems: 中文\n"
                                            "suggestions: 建议增加经费!\n")
    assert [(d.line, d.column) for d in found(plan, "P008")] == [(6, 14)]  # suggestions alone


def test_p008_half_width_punctuation_in_a_report_but_not_in_times_and_links(plan: PlanFiles) -> None:
    rel = plan.report("2017-11", "市审计局", extra="progress: 会议时间 10:30，见 http://x.gov.cn。\n"
                                                   "problems: 经费不足;人员紧张\n")
    assert located(plan, "P008") == [(rel, 5, 11, WARNING)]
