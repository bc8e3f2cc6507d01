"""Schema errors said in Chinese (S001–S005) and located at the offending key or value."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest

from tests.support import TASKS_YAML, UNITS_YAML
from zwxt.diagnostics import Diagnostic, Severity
from zwxt.load.validation import validate
from zwxt.parse import read_yaml
from zwxt.plan.report import Report
from zwxt.plan.tasks import TasksFile
from zwxt.plan.units import UnitsFile

M = TypeVar("M", Report, UnitsFile, TasksFile)
REL = "reports/2018-03/市审计局.yaml"
HEADER = "unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\n"


def load_file(model: type[M], path: Path, rel: str) -> tuple[M | None, list[Diagnostic]]:
    """Parse and validate as the loader does for a data file: parse findings first."""
    parsed = read_yaml(rel, path.read_bytes())
    if parsed.data is None or any(d.severity is Severity.ERROR for d in parsed.diagnostics):
        return None, parsed.diagnostics
    record, found = validate(model, parsed, rel)
    return record, parsed.diagnostics + found


def problems(tmp_path: Path, text: str, model: type[Report | UnitsFile | TasksFile] = Report,
             rel: str = REL) -> list[Diagnostic]:
    """The findings of loading ``text`` as a file of ``model``, which must not validate."""
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    record, found = load_file(model, path, rel)
    assert record is None
    assert all(d.path == rel for d in found)
    return found


def only(found: list[Diagnostic]) -> Diagnostic:
    assert len(found) == 1, found
    return found[0]


def located(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return diagnostic.code, diagnostic.line, diagnostic.column


def test_valid_report_loads_with_no_findings(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(HEADER + "tasks:\n  - task: 1\n    status: 已完成\n    completed: 2018-03-20\n",
                    encoding="utf-8")
    loaded, found = load_file(Report, path, REL)
    assert found == []
    assert loaded is not None
    assert loaded.tasks[0].completed is not None
    assert loaded.tasks[0].completed.isoformat() == "2018-03-20"


def test_wrong_enum_in_second_list_item_is_s004_at_the_value(tmp_path: Path) -> None:
    text = HEADER + "tasks:\n  - task: 1\n    status: 推进中\n  - task: 2\n    status: 进行中\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S004", 8, 13)
    assert diagnostic.message == "「status」（状态）的值「进行中」不在可选范围内"
    assert diagnostic.hint == "可选：未启动、推进中、已完成"


def test_wrong_unit_kind_is_s004_with_the_options(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "units:\n  - name: 市审计局\n    kind: 部委\n", UnitsFile,
                               "data/units.yaml"))
    assert located(diagnostic) == ("S004", 3, 11)
    assert diagnostic.hint == "可选：部门、地方政府"


def test_misspelt_field_in_list_item_is_s002_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    text = HEADER + "tasks:\n  - task: 1\n    status: 推进中\n    progres: 已部署\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S002", 7, 5)
    assert diagnostic.message == "未知字段「progres」"
    assert diagnostic.hint.startswith("是否想写「progress」？")
    assert "task、status、completed、progress、metrics、narrative" in diagnostic.hint


def test_misspelt_top_level_field_suggests_the_close_one(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "problem: 无\n"))
    assert located(diagnostic) == ("S002", 4, 1)
    assert diagnostic.hint.startswith("是否想写「problems」？")


def test_misspelt_field_of_a_unit_suggests_aliases(tmp_path: Path) -> None:
    text = "units:\n  - name: 市审计局\n    kind: 部门\n    alias: [审计局]\n"
    diagnostic = only(problems(tmp_path, text, UnitsFile, "data/units.yaml"))
    assert located(diagnostic) == ("S002", 4, 5)
    assert diagnostic.hint.startswith("是否想写「aliases」？")


def test_unknown_field_unlike_any_lists_the_fields_without_a_guess(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "备注: 无\n"))
    assert located(diagnostic) == ("S002", 4, 1)
    assert "是否" not in diagnostic.hint
    assert diagnostic.hint.endswith("（字段名用英文）")


def test_missing_top_level_field_is_s001_at_the_file_start(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "unit: 市审计局\nmonth: 2018-03\n"))
    assert located(diagnostic) == ("S001", 1, 1)
    assert diagnostic.message == "缺少必填字段「lead_office」（牵头部门）"
    assert diagnostic.hint == "请在文件顶层下添加 lead_office: …"


def test_missing_field_in_list_item_is_s001_at_that_item(tmp_path: Path) -> None:
    text = HEADER + "tasks:\n  - task: 1\n    status: 推进中\n  - task: 2\n    progress: 已部署\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S001", 7, 5)
    assert diagnostic.message == "缺少必填字段「status」（状态）"


def test_missing_field_of_nested_mapping_is_s001_at_its_key(tmp_path: Path) -> None:
    text = TASKS_YAML.replace("  region: 测试市\n", "")
    diagnostic = only(problems(tmp_path, text, TasksFile, "data/tasks.yaml"))
    assert located(diagnostic) == ("S001", 1, 1)
    assert diagnostic.message == "缺少必填字段「region」（地区）"


def test_required_field_left_empty_is_s001_at_its_key(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "unit: 市审计局\nmonth: 2018-03\nlead_office:\n"))
    assert located(diagnostic) == ("S001", 3, 1)
    assert diagnostic.message == "「lead_office」（牵头部门）不能为空"


@pytest.mark.parametrize(("written", "suggested"), [
    ("2018年3月", "请写成 2018-03（YYYY-MM）"),
    ("2018-3", "请写成 2018-03（YYYY-MM）"),
    ("201803", "请写成 2018-03（YYYY-MM）"),
    ("2018/03", "请写成 2018-03（YYYY-MM）"),
    ("2018年 3月", "请写成 2018-03（YYYY-MM）"),
])
def test_month_not_in_iso_form_is_s005_with_the_iso_form(tmp_path: Path, written: str,
                                                         suggested: str) -> None:
    diagnostic = only(problems(tmp_path, f"unit: 市审计局\nmonth: {written}\nlead_office: 办公室\n"))
    assert located(diagnostic) == ("S005", 2, 8)
    assert diagnostic.message == f"「month」（月份）：月份「{written}」格式不对：{suggested}"


def test_impossible_month_is_s005(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "unit: 市审计局\nmonth: 2018-13\nlead_office: 办公室\n"))
    assert located(diagnostic) == ("S005", 2, 8)
    assert diagnostic.message == "「month」（月份）：不存在的月份：2018年13月"


@pytest.mark.parametrize(("written", "suggested"), [
    ("2018/03/31", "请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018-3-31", "请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018年3月31日", "请写成 2018-03-31（YYYY-MM-DD）"),
    ("20180331", "请写成 2018-03-31（YYYY-MM-DD）"),
    ("2018年3月", "需要具体到日，请写成 YYYY-MM-DD，例如该月最后一天写作 2018-03-31"),
    ("2018-3", "需要具体到日，请写成 YYYY-MM-DD，例如该月最后一天写作 2018-03-31"),
    ("2018年2月", "需要具体到日，请写成 YYYY-MM-DD，例如该月最后一天写作 2018-02-28"),
])
def test_completion_date_not_in_iso_form_is_s005_in_the_list_item(tmp_path: Path, written: str,
                                                                  suggested: str) -> None:
    text = HEADER + f"tasks:\n  - task: 1\n    status: 推进中\n  - task: 2\n    status: 已完成\n" \
                    f"    completed: {written}\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S005", 9, 16)
    assert diagnostic.message == f"「completed」（完成日期）：日期「{written}」格式不对：{suggested}"


def test_nonexistent_date_is_s005(tmp_path: Path) -> None:
    text = HEADER + "tasks:\n  - task: 1\n    status: 已完成\n    completed: 2018-02-30\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S005", 7, 16)
    assert diagnostic.message == "「completed」（完成日期）：日期「2018-02-30」不存在，请检查月和日"


def test_due_date_in_chinese_form_is_s005_in_tasks_yaml(tmp_path: Path) -> None:
    text = TASKS_YAML.replace("due: 2018-03-31", "due: 2018年3月31日")
    diagnostic = only(problems(tmp_path, text, TasksFile, "data/tasks.yaml"))
    assert located(diagnostic) == ("S005", 22, 10)


def test_task_number_in_chinese_is_s003(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "tasks:\n  - task: 一\n    status: 推进中\n"))
    assert located(diagnostic) == ("S003", 5, 11)
    assert diagnostic.message == "「task」（任务序号）：应为正整数，而不是「一」"


@pytest.mark.parametrize("typed", ["1_2", "6.0", "\uff16", "+3", "1e2", "0x3"])
def test_only_plain_digits_make_a_task_number(tmp_path: Path, typed: str) -> None:
    diagnostic = only(problems(tmp_path, HEADER + f"tasks:\n  - task: {typed}\n    status: 推进中\n"))
    assert located(diagnostic) == ("S003", 5, 11)
    assert "半角阿拉伯数字" in diagnostic.hint


def test_a_quoted_task_number_is_still_the_number(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(HEADER + "tasks:\n  - task: '3'\n    status: 推进中\n", encoding="utf-8")
    record, found = load_file(Report, path, REL)
    assert found == [] and isinstance(record, Report) and record.tasks[0].task == 3


def test_task_number_zero_is_s003_with_the_bound(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "tasks:\n  - task: 0\n    status: 推进中\n"))
    assert located(diagnostic) == ("S003", 5, 11)
    assert diagnostic.message == "「task」（任务序号）：应在 1 到 100000 之间，而不是「0」"


def test_text_where_a_list_is_expected_is_s003(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "tasks: 无\n"))
    assert located(diagnostic) == ("S003", 4, 8)
    assert diagnostic.message == "「tasks」（二、落实任务分工情况）应为列表"


def test_text_where_a_mapping_is_expected_is_s003(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "plans: 无\n"))
    assert located(diagnostic) == ("S003", 4, 8)
    assert diagnostic.hint == "下一级内容另起一行并多缩进两个空格"


def test_metric_with_its_unit_is_s003_at_the_metric_value(tmp_path: Path) -> None:
    text = HEADER + "tasks:\n  - task: 4\n    status: 推进中\n    metrics:\n      开放数据集: 312个\n"
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S003", 8, 14)
    assert diagnostic.message == "量化指标「开放数据集」：应为数字（不带单位和文字），而不是「312个」"


def test_empty_list_of_units_is_s003(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "units: []\n", UnitsFile, "data/units.yaml"))
    assert located(diagnostic) == ("S003", 1, 8)
    assert diagnostic.message == "「units」（单位）不能为空"


def test_bad_email_in_a_list_is_located_at_the_item(tmp_path: Path) -> None:
    text = "units:\n  - name: 市审计局\n    kind: 部门\n    maintainers: [sjj@example.gov.cn, 李明]\n"
    diagnostic = only(problems(tmp_path, text, UnitsFile, "data/units.yaml"))
    assert located(diagnostic) == ("S003", 4, 39)


def test_every_schema_error_of_a_file_is_reported(tmp_path: Path) -> None:
    text = "unit: 市审计局\nmonth: 2018-3\nlead_office: 办公室\ntasks:\n  - task: 1\n    status: 进行中\n"
    assert [located(d) for d in problems(tmp_path, text)] == [("S005", 2, 8), ("S004", 6, 13)]


def test_list_instead_of_mapping_is_s003_for_the_file() -> None:
    record, found = validate(Report, read_yaml(REL, "- 市审计局\n".encode()), REL)
    assert record is None
    assert [located(d) for d in found] == [("S003", 1, 1)]
    assert found[0].hint == "每一行应是“键: 值”的形式"


def test_single_line_with_full_width_colon_hints_at_the_colon() -> None:
    record, found = validate(Report, read_yaml(REL, "unit：市审计局\n".encode()), REL)
    assert record is None
    assert [located(d) for d in found] == [("S003", 1, 1)]
    assert "全角冒号" in found[0].hint


# `key:value` with no space after the colon that still parses, as text where the schema wants
# a mapping or a list: (case, text after HEADER, line, column, message, key, value).
KEYS_WITHOUT_SPACE = [
    ("a mapping's only key", "plans:\n  key_tasks:无\n", 5, 3,
     "「plans」（四、进一步抓紧推进的工作考虑）应为“键: 值”的映射", "key_tasks", "无"),
    ("a mapping's keys", "plans:\n  key_tasks:无\n  next_steps:继续\n", 5, 3,
     "「plans」（四、进一步抓紧推进的工作考虑）应为“键: 值”的映射", "key_tasks", "无"),
    ("a list item's only key", "tasks:\n  - task:1\n", 5, 5,
     "「tasks」（二、落实任务分工情况）应为“键: 值”的映射", "task", "1"),
    ("the key of a list", "tasks:\n  task:1\n", 5, 3,
     "「tasks」（二、落实任务分工情况）应为列表", "task", "1"),
    ("a key whose value has a full-width colon", "plans:\n  key_tasks:备注：无\n", 5, 3,
     "「plans」（四、进一步抓紧推进的工作考虑）应为“键: 值”的映射", "key_tasks", "备注：无"),
    ("an aspect's only key, in Chinese", "aspects:\n  清理:本局完成\n", 5, 3,
     "「aspects」（二、各方面补充情况）应为“键: 值”的映射", "清理", "本局完成"),
]


@pytest.mark.parametrize(("text", "line", "column", "message", "key", "value"),
                         [case[1:] for case in KEYS_WITHOUT_SPACE],
                         ids=[case[0] for case in KEYS_WITHOUT_SPACE])
def test_key_without_space_that_parses_as_text_hints_at_the_space(
        tmp_path: Path, composer: str, text: str, line: int, column: int, message: str, key: str,
        value: str) -> None:
    diagnostic = only(problems(tmp_path, HEADER + text))
    assert located(diagnostic) == ("S003", line, column)
    assert diagnostic.message == message
    assert diagnostic.hint == f"如果本意是写下一级的键，键「{key}」的冒号后要加一个空格，写成 {key}: {value}"


@pytest.mark.parametrize("value", ["http://x", "会议时间 10:30", "'12:30'", "'1:2'"])
def test_english_colon_in_text_where_a_mapping_is_expected_gets_the_usual_hint(
        tmp_path: Path, composer: str, value: str) -> None:
    diagnostic = only(problems(tmp_path, HEADER + f"plans: {value}\n"))
    assert located(diagnostic) == ("S003", 4, 8)
    assert diagnostic.hint == "下一级内容另起一行并多缩进两个空格"


def test_full_width_colon_where_a_mapping_is_expected_still_hints_at_it(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER + "plans:\n  key_tasks：无\n"))
    assert located(diagnostic) == ("S003", 5, 3)
    assert "全角冒号" in diagnostic.hint


@pytest.mark.parametrize("text", ["unit:市审计局\n", "unit:市审计局\nmonth:2018-03\nlead_office:办公室\n"],
                         ids=["one line", "every line"])
def test_file_of_keys_without_space_hints_at_the_space(tmp_path: Path, composer: str, text: str) -> None:
    diagnostic = only(problems(tmp_path, text))
    assert located(diagnostic) == ("S003", 1, 1)
    assert diagnostic.message == "文件内容应是“键: 值”的映射，而不是一段文字或列表"
    assert diagnostic.hint == ("键「unit」的冒号后要加一个空格，写成 unit: 市审计局；"
                               "其他各行也一样，英文冒号后都要有空格")


def test_file_of_text_with_a_time_gets_the_usual_hint(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, "会议时间 10:30\n"))
    assert diagnostic.hint == "每一行应是“键: 值”的形式"


def test_yaml_error_stops_before_validation(tmp_path: Path) -> None:
    assert [located(d) for d in problems(tmp_path, "unit: 市审计局\nmonth：2018-03\n")] == [("Y002", 2, 6)]


def test_the_shipped_units_of_the_test_plan_validate(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(UNITS_YAML, encoding="utf-8")
    loaded, found = load_file(UnitsFile, path, "data/units.yaml")
    assert found == []
    assert loaded is not None
    assert [u.name for u in loaded.units] == [
        "市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市"]


@pytest.mark.parametrize(("line", "hint_part"), [
    ("    completed: 2018/03/31\n", "YYYY-MM-DD"),
    ("    metrics:\n      开放数据集: 三百个\n", "只写数字"),
])
def test_value_findings_say_how_to_write_the_value(tmp_path: Path, line: str, hint_part: str) -> None:
    text = HEADER + "tasks:\n  - task: 1\n    status: 已完成\n" + line
    assert hint_part in only(problems(tmp_path, text)).hint


def test_month_finding_says_how_to_write_a_month(tmp_path: Path) -> None:
    diagnostic = only(problems(tmp_path, HEADER.replace("2018-03", "2018年3月")))
    assert "YYYY-MM" in diagnostic.hint


@pytest.mark.parametrize("key", ["progres", "suggestion"])
def test_an_unknown_key_left_empty_is_still_unknown(tmp_path: Path, key: str) -> None:
    diagnostic = only(problems(tmp_path, HEADER + f"{key}:\n"))
    assert located(diagnostic) == ("S002", 4, 1)


def test_a_known_key_left_empty_is_absent(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(HEADER + "progress:\nsuggestions:\n", encoding="utf-8")
    record, found = load_file(Report, path, REL)
    assert found == [] and record is not None and record.progress is None


def _metric_report(value: str) -> str:
    return HEADER + f"tasks:\n  - task: 4\n    status: 推进中\n    metrics:\n      开放数据集: {value}\n"


@pytest.mark.parametrize("value", ["1,2", "12,50", "-5", "+5", "1e-400", "1e3", "1_000", "\uff15", "0x10",
                                   "1000000000001", ".5", "5."])
def test_a_figure_is_digits_as_a_form_takes_them(tmp_path: Path, value: str) -> None:
    diagnostic = only(problems(tmp_path, _metric_report(value)))
    assert located(diagnostic) == ("S003", 8, 14)


@pytest.mark.parametrize(("value", "number"), [("12,500", 12500), ("0", 0), ("12.5", 12.5), (" 7 ", 7),
                                               ("1,000,000.25", 1000000.25), ("'312'", 312)])
def test_figures_people_write_are_read(tmp_path: Path, value: str, number: float) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(_metric_report(value), encoding="utf-8")
    record, found = load_file(Report, path, REL)
    assert found == [] and record is not None
    assert record.tasks[0].metrics["开放数据集"] == number


@pytest.mark.parametrize("value", ["0", "-500", "5_00"])
def test_a_target_is_a_positive_figure(tmp_path: Path, value: str) -> None:
    text = TASKS_YAML.replace("target: 500", f"target: {value}")
    diagnostic = only(problems(tmp_path, text, TasksFile, "data/tasks.yaml"))
    assert located(diagnostic) == ("S003", 37, 17)
