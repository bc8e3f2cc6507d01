"""report new's scaffold: which tasks it lists, what it carries forward, and how it reads back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo
from zwxt.dates import parse_iso_month
from zwxt.errors import BrokenPlanError, FileExistsRefusal, TemplateError
from zwxt.services.scaffold import Scaffold, new_report
from zwxt.store.repo import Repository


def _scaffold(repo: PlanRepo, unit: str, month: str, templates: Path | None = None) -> Scaffold:
    return new_report(Repository(repo.root), unit, parse_iso_month(month), templates)


def _read(text: str) -> Any:
    return YAML(typ="safe").load(text)


def _support_only_unit(repo: PlanRepo) -> None:
    """Add 市政务服务中心, which only cooperates on the ongoing task 5."""
    repo.write("data/units.yaml", UNITS_YAML.replace(
        "groups:", "  - name: 市政务服务中心\n    kind: 部门\n    lead_office: 信息科\ngroups:"))
    repo.write("data/tasks.yaml", TASKS_YAML.replace(
        "    lead: [市网信统筹局]\n    deadline: 长期坚持",
        "    lead: [市网信统筹局]\n    support: [市政务服务中心]\n    deadline: 长期坚持"))


def test_unit_leading_a_group_task_must_report_it_and_what_it_supports(plan_repo: PlanRepo) -> None:
    # 市公安局 leads task 2 as a member of 市直有关部门 and supports tasks 1 and 4 the same way.
    scaffold = _scaffold(plan_repo, "市公安局", "2018-03")
    assert (scaffold.required, scaffold.optional) == ([1, 2], [4])
    data = _read(scaffold.text)
    assert [e["task"] for e in data["tasks"]] == [1, 2, 4]
    assert "【必填】任务 2（清理）" in scaffold.text
    assert "【选填】任务 4（共享）" in scaffold.text


def test_unit_that_only_cooperates_gets_its_open_task_as_optional(plan_repo: PlanRepo) -> None:
    _support_only_unit(plan_repo)
    scaffold = _scaffold(plan_repo, "市政务服务中心", "2018-03")
    assert (scaffold.required, scaffold.optional) == ([], [5])
    assert "长期坚持，配合" in scaffold.text
    assert _read(scaffold.text)["lead_office"] == "信息科"


def test_district_government_must_report_its_group_task_in_the_deadline_month(plan_repo: PlanRepo) -> None:
    before = _scaffold(plan_repo, "蓬江区", "2018-05")
    assert (before.required, before.optional) == ([], [3, 4])
    due = _scaffold(plan_repo, "蓬江区", "2018-06")
    assert (due.required, due.optional) == ([3], [4])
    data = _read(due.text)
    assert (data["unit"], data["month"], data["lead_office"]) == ("蓬江区", "2018-06", "蓬江区科技和信息化局")
    assert "江门市蓬江区人民政府政务信息系统整合共享进展报告（2018年6月）" in due.text


def test_lead_unit_gets_an_empty_slot_for_each_target(plan_repo: PlanRepo) -> None:
    scaffold = _scaffold(plan_repo, "市网信统筹局", "2018-03")
    entry = next(e for e in _read(scaffold.text)["tasks"] if e["task"] == 4)
    assert entry["metrics"] == {"开放数据集": "【待填写】"}
    assert "# 目标 500个" in scaffold.text


def test_last_months_status_progress_and_metrics_are_carried_forward(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-02", "市网信统筹局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-15
        - task: 4
          status: 推进中
          progress: "已开放 120 个数据集: 下月继续"
          metrics:
            开放数据集: 120
    """, extra="contact: 王芳 0750-3000000\n")
    scaffold = _scaffold(plan_repo, "市网信统筹局", "2018-03")
    data = _read(scaffold.text)
    entries = {e["task"]: e for e in data["tasks"]}
    assert 1 not in entries  # done in February, so nothing more to report
    assert entries[4] == {"task": 4, "status": "推进中", "progress": "已开放 120 个数据集: 下月继续",
                          "metrics": {"开放数据集": 120}}
    assert entries[2]["status"] == "未启动"
    assert entries[2]["progress"] == "【待填写】"
    assert data["contact"] == "王芳 0750-3000000"
    assert "以下沿用 2018年2月报告的内容" in scaffold.text


def test_outline_parts_carry_placeholders_and_the_outlines_guidance(plan_repo: PlanRepo) -> None:
    scaffold = _scaffold(plan_repo, "市审计局", "2018-03")
    data = _read(scaffold.text)
    for part in ("progress", "problems", "cases", "suggestions"):
        assert data[part].strip() == "【待填写】", part
    assert data["plans"] == {"key_tasks": "【待填写】\n", "next_steps": "【待填写】\n"}
    assert "在工作机制、任务部署、人员安排等方面的工作推进情况" in scaffold.text
    assert scaffold.text.startswith("# yaml-language-server: $schema=../../schemas/report.schema.json\n")


def test_an_existing_report_is_refused(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-03", "市审计局")
    with pytest.raises(FileExistsRefusal):
        _scaffold(plan_repo, "市审计局", "2018-03")


def test_an_existing_report_under_an_alias_file_name_is_refused(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-03", "市审计局", name="审计局")
    with pytest.raises(FileExistsRefusal, match="审计局.yaml"):
        _scaffold(plan_repo, "市审计局", "2018-03")


def test_repository_template_overrides_the_shipped_one(plan_repo: PlanRepo) -> None:
    plan_repo.write("templates/report.yaml.j2", "unit: {{ unit.name }}\nmonth: {{ month }}\n")
    assert _scaffold(plan_repo, "市审计局", "2018-03").text == "unit: 市审计局\nmonth: 2018-03\n"


def test_template_error_names_the_template_and_line(plan_repo: PlanRepo, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "report.yaml.j2").write_text("unit: {{ unit.name }}\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        _scaffold(plan_repo, "市审计局", "2018-03", templates)
    assert "report.yaml.j2" in caught.value.message
    assert "第 2 行" in caught.value.message


def test_a_unit_named_by_alias_gets_its_canonical_file(plan_repo: PlanRepo) -> None:
    scaffold = _scaffold(plan_repo, "审计局", "2018-03")
    assert scaffold.rel == "reports/2018-03/市审计局.yaml"
    assert _read(scaffold.text)["unit"] == "市审计局"


def test_an_earlier_report_with_errors_is_skipped_and_named(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-01", "市网信统筹局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-15
        - task: 4
          status: 推进中
          progress: 一月的进展
          metrics:
            开放数据集: 100
    """)
    plan_repo.report("2018-02", "市网信统筹局", tasks="""
        - task: 4
          status: 推进中
          progress: 二月的进展
          metrics:
            开放数据集: 一百二十
    """)
    scaffold = _scaffold(plan_repo, "市网信统筹局", "2018-03")
    entry = next(e for e in _read(scaffold.text)["tasks"] if e["task"] == 4)
    assert (entry["progress"], entry["metrics"]) == ("一月的进展", {"开放数据集": 100})
    [skipped] = scaffold.skipped
    assert (skipped.path, skipped.first.code) == ("reports/2018-02/市网信统筹局.yaml", "S003")
    assert "以下沿用 2018年1月报告的内容" in scaffold.text


def test_a_broken_file_of_the_month_under_the_units_name_is_refused(plan_repo: PlanRepo) -> None:
    plan_repo.write("reports/2018-03/审计局.yaml", "unit: [\n")
    with pytest.raises(FileExistsRefusal, match="审计局.yaml"):
        _scaffold(plan_repo, "市审计局", "2018-03")


def test_a_broken_plan_scaffolds_nothing(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/tasks.yaml", TASKS_YAML.replace("  - id: 2\n", "  - id: 2a\n"))
    with pytest.raises(BrokenPlanError):
        _scaffold(plan_repo, "市审计局", "2018-03")
    assert not (plan_repo.root / "reports/2018-03").exists()
