"""zwxt report new, through the command line as the unit's staff use it."""

from __future__ import annotations

import os

import pytest

from tests.support import PlanRepo, run_cli

TARGET = "reports/2018-03/市网信统筹局.yaml"


def _reports(repo: PlanRepo) -> list[str]:
    return sorted(p.relative_to(repo.root).as_posix() for p in (repo.root / "reports").rglob("*.yaml"))


def test_writes_the_scaffold_and_says_what_to_do_next(plan_repo: PlanRepo) -> None:
    result = run_cli("report", "new", "--unit", "市网信统筹局", "--month", "2018-03")
    assert result.code == 0, result.stderr
    assert TARGET in result.stdout
    assert "zwxt check --strict" in result.stdout
    raw = (plan_repo.root / TARGET).read_bytes()
    assert b"\r" not in raw
    assert raw.decode("utf-8").startswith("# yaml-language-server:")


def test_scaffold_passes_check_but_not_strict_check_until_filled(plan_repo: PlanRepo) -> None:
    assert run_cli("report", "new", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    checked = run_cli("check", TARGET)
    assert checked.code == 0, checked.stdout
    assert "P007" in checked.stdout
    assert run_cli("check", "--strict", TARGET).code == 1

    path = plan_repo.root / TARGET
    text = path.read_text(encoding="utf-8")
    filled = text.replace("开放数据集: 【待填写】", "开放数据集: 120")
    filled = filled.replace("【待填写】", "本月按计划推进。")
    path.write_text(filled, encoding="utf-8")
    strict = run_cli("check", "--strict", TARGET)
    assert strict.code == 0, strict.stdout


def test_second_run_refuses_and_leaves_the_file_untouched(plan_repo: PlanRepo) -> None:
    assert run_cli("report", "new", "--unit", "市审计局", "--month", "2018-03").code == 0
    path = plan_repo.root / "reports/2018-03/市审计局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("【待填写】", "已填写", 1), encoding="utf-8")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)

    again = run_cli("report", "new", "--unit", "审计局", "--month", "2018年3月")
    assert again.code == 1
    assert "已存在" in again.stderr
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert [p.name for p in path.parent.iterdir()] == ["市审计局.yaml"]  # no temporary file left


def test_dry_run_prints_and_writes_nothing(plan_repo: PlanRepo) -> None:
    result = run_cli("report", "new", "--unit", "市公安局", "--month", "2018-03", "--dry-run")
    assert result.code == 0
    assert "unit: 市公安局\nmonth: 2018-03\n" in result.stdout
    assert _reports(plan_repo) == []


@pytest.mark.parametrize("month", ["2018-03", "2018-3", "201803", "2018年3月", "2018年03月"])
def test_month_forms(plan_repo: PlanRepo, month: str) -> None:
    assert run_cli("report", "new", "--unit", "市公安局", "--month", month).code == 0
    assert _reports(plan_repo) == ["reports/2018-03/市公安局.yaml"]


@pytest.mark.parametrize(("given", "canonical"), [
    ("审计局", "市审计局"), ("蓬江区政府", "蓬江区"), (" 市审计局 ", "市审计局"), ("台 山 市", "台山市")])
def test_unit_by_alias_or_spelling_variant(plan_repo: PlanRepo, given: str, canonical: str) -> None:
    assert run_cli("report", "new", "--unit", given, "--month", "2018-06").code == 0
    assert _reports(plan_repo) == [f"reports/2018-06/{canonical}.yaml"]


def test_unknown_unit_suggests_close_matches(plan_repo: PlanRepo) -> None:
    result = run_cli("report", "new", "--unit", "市审记局", "--month", "2018-03")
    assert result.code == 2
    assert "没有名为「市审记局」的单位" in result.stderr
    assert "是否想写「市审计局」" in result.stderr
    assert _reports(plan_repo) == []


def test_group_is_not_a_unit(plan_repo: PlanRepo) -> None:
    result = run_cli("report", "new", "--unit", "市直有关部门", "--month", "2018-03")
    assert result.code == 2
    assert "单位组" in result.stderr
    assert _reports(plan_repo) == []


@pytest.mark.parametrize("month", ["2018-13", "2018-00", "十八年三月", "2018-03-01x"])
def test_impossible_month(plan_repo: PlanRepo, month: str) -> None:
    result = run_cli("report", "new", "--unit", "市审计局", "--month", month)
    assert result.code == 2
    assert "月" in result.stderr
    assert "Traceback" not in result.stderr
    assert _reports(plan_repo) == []


def test_an_earlier_report_with_errors_is_named_on_stderr(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-02", "市审计局", tasks="- task: 1\n  status: 做完了\n")
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2018-03")
    assert result.code == 0, result.stderr
    assert "注意：1 个报告文件有错误，草稿没有沿用其中的内容：" in result.stderr
    assert "reports/2018-02/市审计局.yaml:6:13 S004" in result.stderr
    assert "已生成 reports/2018-03/市审计局.yaml" in result.stdout


# ---- what the data holds goes into the draft as data --------------------------------------

# (R105 keeps spaces and "[ ]" out of names: "- 审计", "审计 #x" and rich's "[bold]" cannot be one)
NAMES = ["%s", "@审计", "`审计", "&审计", "!审计", "-审计", "-", "'审计", "{审计}", "{{审计}}",
         "#审计", "NULL", "null", "no", "审计#", "1e3"]


def _unit_leading_a_task(plan_repo: PlanRepo, name: str, metric: str, unit: str = "个",
                         guidance: str = "说明") -> None:
    """``name`` registered in data/units.yaml, leading a new task with the metric ``metric``."""
    import json

    from tests.support import TASKS_YAML, UNITS_YAML

    quoted = json.dumps(name, ensure_ascii=False)
    plan_repo.write("data/units.yaml", UNITS_YAML.replace(
        "groups:", f"  - name: {quoted}\n    kind: 部门\n    lead_office: {quoted}\ngroups:"))
    tasks = TASKS_YAML.replace("    - name: 协同\n",
                               f"    - name: 协同\n      guidance: {json.dumps(guidance)}\n")
    plan_repo.write("data/tasks.yaml", tasks + f"""\
  - id: 6
    text: {quoted}
    lead: [{quoted}]
    deadline: 2018年12月底前
    aspect: 协同
    targets:
      - metric: {json.dumps(metric, ensure_ascii=False)}
        target: 10
        unit: {json.dumps(unit, ensure_ascii=False)}
""")


@pytest.mark.parametrize("name", NAMES)
def test_a_unit_name_the_data_accepts_makes_a_draft_that_reads_back(plan_repo: PlanRepo, name: str) -> None:
    from zwxt.parse import read_yaml

    _unit_leading_a_task(plan_repo, name, metric=name)
    checked = run_cli("check")
    assert checked.code == 0, checked.stdout + checked.stderr
    made = run_cli("report", "new", "--unit", name, "--month", "2018-03")
    assert made.code == 0, made.stderr
    [draft] = [p for p in (plan_repo.root / "reports/2018-03").iterdir()]
    parsed = read_yaml("draft.yaml", draft.read_bytes())
    assert parsed.diagnostics == [], draft.read_text(encoding="utf-8")
    assert parsed.data["unit"] == name
    assert parsed.data["lead_office"] == name
    assert list(parsed.data["tasks"][0]["metrics"]) == [name]
    result = run_cli("check", str(draft))
    assert not [line for line in result.stdout.splitlines() if " Y0" in line or " S0" in line], result.stdout


@pytest.mark.parametrize("text", ["x\nsuggestions: 注入的建议", "x\rsuggestions: 注入的建议",
                                  "x\r\ncases: 注入\n  - 列表", "甲\t乙\u3000\n\n丙", "a: b\n# c\n---\nd"])
def test_text_from_the_data_cannot_end_a_comment_of_the_draft(plan_repo: PlanRepo, text: str) -> None:
    from zwxt.parse import read_yaml

    _unit_leading_a_task(plan_repo, "市数据局", metric="数据集", unit=text, guidance=text)
    assert run_cli("check").code == 0
    made = run_cli("report", "new", "--unit", "市数据局", "--month", "2018-03")
    assert made.code == 0, made.stderr
    draft = plan_repo.root / "reports/2018-03/市数据局.yaml"
    parsed = read_yaml("draft.yaml", draft.read_bytes())
    assert parsed.diagnostics == [], draft.read_text(encoding="utf-8")
    assert set(parsed.data) == {"unit", "month", "lead_office", "contact", "tasks", "progress", "problems",
                                "plans", "cases", "suggestions"}
    assert parsed.data["suggestions"] == "【待填写】\n"
    result = run_cli("check", str(draft))
    assert not [line for line in result.stdout.splitlines() if " Y0" in line or " S0" in line], result.stdout


@pytest.mark.parametrize("name", ["AUX", "con", "COM1", "LPT9", "nul.审计"])
def test_a_unit_named_as_a_windows_device_is_refused_before_anything_is_written(plan_repo: PlanRepo,
                                                                                name: str) -> None:
    # reports/2018-03/AUX.yaml could not be checked out on Windows
    units = plan_repo.root / "data/units.yaml"
    units.write_text(units.read_text("utf-8").replace("市公安局", name), "utf-8")
    result = run_cli("report", "new", "--unit", name, "--month", "2018-03")
    assert result.code == 1
    assert f"名称「{name}」是 Windows 保留的设备名" in result.stdout + result.stderr
    assert "data/units.yaml:13:11" in result.stdout + result.stderr
    assert _reports(plan_repo) == []
