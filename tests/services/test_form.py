"""zwxt form's content: the tasks and text report new carries forward, laid out as the reader expects."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.formdocx import custom_properties, drop_downs, open_docx, paragraphs, table_rows
from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo
from zwxt.dates import Month
from zwxt.errors import FileExistsRefusal, UsageError
from zwxt.load import load
from zwxt.plan.form import FORM_VERSION, Column, HeaderField, MetricColumn, plan_fingerprint
from zwxt.services.form import Form, month_forms, unit_form, write_forms
from zwxt.services.scaffold import new_report
from zwxt.services.status import month_submissions
from zwxt.store.repo import Repository

MARCH = Month(2018, 3)


def _written(repo: PlanRepo, unit: str, month: Month = MARCH) -> tuple[Form, Any]:
    form = unit_form(Repository(repo.root), unit, month)
    write_forms([form])
    return form, open_docx(form.path)


def _scaffold(repo: PlanRepo, unit: str, month: Month = MARCH) -> Any:
    return YAML(typ="safe").load(new_report(Repository(repo.root), unit, month).text)


def _february_of_the_coordinator(repo: PlanRepo) -> None:
    repo.report("2018-02", "市网信统筹局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-15
        - task: 4
          status: 推进中
          progress: |-
            已开放 120 个数据集。
            下月继续: 再开放 80 个
          metrics:
            开放数据集: 120
        - task: 5
          status: 推进中
    """, extra="contact: 王芳 0750-3000000\n")


def test_the_task_rows_are_report_news_tasks_required_first(plan_repo: PlanRepo) -> None:
    # 市公安局 leads task 2 as a member of 市直有关部门 and supports tasks 1 and 4 the same way.
    form, word = _written(plan_repo, "市公安局")
    assert (form.required, form.optional) == ([1, 2], [4])
    rows = table_rows(word, Column.NUMBER.value)
    assert rows[0] == [c.value for c in Column]
    assert [r[0] for r in rows[1:]] == [str(e["task"]) for e in _scaffold(plan_repo, "市公安局")["tasks"]]
    plan = load(Repository(plan_repo.root)).usable_plan()
    assert [r[1] for r in rows[1:]] == [plan.by_id[i].text for i in (1, 2, 4)]  # the plan's words


def test_carried_forward_values_are_report_news(plan_repo: PlanRepo) -> None:
    _february_of_the_coordinator(plan_repo)
    form, word = _written(plan_repo, "市网信统筹局")
    draft = _scaffold(plan_repo, "市网信统筹局")
    rows = {r[0]: r for r in table_rows(word, Column.NUMBER.value)[1:]}
    assert list(rows) == [str(e["task"]) for e in draft["tasks"]] == ["2", "4", "5"]
    for entry in draft["tasks"]:
        row = rows[str(entry["task"])]
        assert (row[2], row[4]) == (entry["status"], entry["progress"])  # one paragraph per line
    assert rows["4"][4] == "已开放 120 个数据集。\n下月继续: 再开放 80 个"
    assert rows["2"][4] == "【待填写】"
    metrics = table_rows(word, f"{MetricColumn.NUMBER.value}|{MetricColumn.METRIC.value}")
    assert metrics == [[c.value for c in MetricColumn], ["4", "开放数据集", "500", "120", "个"]]
    assert draft["tasks"][1]["metrics"] == {"开放数据集": 120}
    assert (draft["lead_office"], draft["contact"]) == ("办公室", "王芳 0750-3000000")
    header = {label: value for label, value in table_rows(word, HeaderField.UNIT.value)}
    assert header == {HeaderField.UNIT.value: "市网信统筹局", HeaderField.MONTH.value: "2018年3月",
                      HeaderField.LEAD_OFFICE.value: "办公室", HeaderField.CONTACT.value: "王芳 0750-3000000",
                      HeaderField.DATE.value: ""}


def test_a_lead_unit_without_figures_gets_the_placeholder_as_report_new_does(plan_repo: PlanRepo) -> None:
    _, word = _written(plan_repo, "市网信统筹局")
    draft = {e["task"]: e for e in _scaffold(plan_repo, "市网信统筹局")["tasks"]}
    assert draft[4]["metrics"] == {"开放数据集": "【待填写】"}
    assert table_rows(word, "序号|指标")[1] == ["4", "开放数据集", "500", "【待填写】", "个"]


def test_the_status_is_a_drop_down_showing_the_carried_status(plan_repo: PlanRepo) -> None:
    _february_of_the_coordinator(plan_repo)
    _, word = _written(plan_repo, "市网信统筹局")
    assert drop_downs(word) == [(["未启动", "推进中", "已完成"], shown)
                                for shown in ("未启动", "推进中", "推进中")]
    assert word.element.body.xpath(".//w:sdt/w:sdtPr/w:lock/@w:val") == ["sdtLocked"] * 3  # not deletable


def test_headings_are_the_outlines_with_guidance_in_its_own_style(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/tasks.yaml", TASKS_YAML.replace(
        "    - name: 自查\n", "    - name: 自查\n      guidance: 摸清自身系统和数据底数。\n").replace(
        "  region: 测试市\n", "  region: 测试市\n  short_title: 《测试方案》\n"))
    _, word = _written(plan_repo, "市审计局")
    assert paragraphs(word, "zwxt 一级标题") == [
        "一、工作推进情况", "二、落实《测试方案》任务分工情况", "三、存在的问题",
        "四、进一步抓紧推进的工作考虑", "五、经验和典型案例", "六、意见建议"]
    assert paragraphs(word, "zwxt 二级标题") == [
        "（一）自查方面", "（二）清理方面", "（三）共享方面", "（四）协同方面",
        "（一）落实月底前重点任务的工作计划", "（二）下一步加快推进的工作思路"]
    guidance = paragraphs(word, "zwxt 填报要求")
    assert "摸清自身系统和数据底数。" in guidance
    assert "在工作机制、任务部署、人员安排等方面的工作推进情况。" in guidance
    body = [p.text for p in word.paragraphs]
    at = body.index("（一）自查方面")
    assert body[at + 1: at + 3] == ["摸清自身系统和数据底数。", ""]  # the guidance, then room to write
    assert body[body.index("三、存在的问题") + 1] == "【待填写】"
    assert body[body.index("（二）下一步加快推进的工作思路") + 1] == "【待填写】"


def test_required_rows_are_shaded_and_listed_and_their_number_is_the_id_alone(plan_repo: PlanRepo) -> None:
    _, word = _written(plan_repo, "市公安局")
    table = next(t for t in word.tables if t.rows[0].cells[0].text == Column.NUMBER.value)
    fills = [row.cells[0]._tc.xpath("./w:tcPr/w:shd/@w:fill") for row in table.rows[1:]]
    assert fills == [["FFF2CC"], ["FFF2CC"], []]
    assert [row.cells[0].text for row in table.rows[1:]] == ["1", "2", "4"]
    assert any("（第 1、2 项）本月必须填报" in p for p in paragraphs(word, "zwxt 填写说明"))


def test_a_month_without_required_tasks_says_so_and_shades_none(plan_repo: PlanRepo) -> None:
    form, word = _written(plan_repo, "蓬江区", Month(2018, 5))
    assert (form.required, form.optional) == ([], [3, 4])
    assert any("本月没有必须填报的任务" in p for p in paragraphs(word, "zwxt 填写说明"))
    assert not word.element.body.xpath(".//w:tbl//w:tc/w:tcPr/w:shd")


def test_custom_properties_name_the_unit_the_month_and_the_plan(plan_repo: PlanRepo) -> None:
    form, _ = _written(plan_repo, "审计局")
    plan = load(Repository(plan_repo.root)).usable_plan()
    assert form.rel == "output/2018-03/填报表/市审计局.docx"
    assert custom_properties(form.path) == {"zwxt-form": FORM_VERSION, "zwxt-unit": "市审计局",
                                            "zwxt-month": "2018-03", "zwxt-plan": plan_fingerprint(plan)}


def test_all_is_every_unit_owing_a_report(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/units.yaml", UNITS_YAML.replace(
        "groups:", "  - name: 市档案局\n    kind: 部门\n    lead_office: 办公室\ngroups:"))  # no task at all
    plan_repo.report("2018-02", "市审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2017-12-20
        - task: 2
          status: 已完成
          completed: 2018-02-20
        - task: 4
          status: 已完成
          completed: 2018-02-20
    """)
    forms = month_forms(Repository(plan_repo.root), MARCH)
    owing = month_submissions(Repository(plan_repo.root), MARCH).submissions.items
    assert [f.unit for f in forms] == [s.unit for s in owing]
    assert [f.unit for f in forms] == ["市网信统筹局", "市公安局", "蓬江区", "台山市"]


def test_an_existing_form_is_kept_unless_forced_and_then_none_is_written(plan_repo: PlanRepo) -> None:
    forms = month_forms(Repository(plan_repo.root), MARCH)
    kept = forms[1].path
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"filled in")
    with pytest.raises(FileExistsRefusal, match=forms[1].rel):
        write_forms(forms)
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]  # none written, no temporary left
    write_forms(forms, force=True)
    assert kept.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in kept.parent.iterdir()) == sorted(f.path.name for f in forms)


def test_the_same_data_give_the_same_bytes(plan_repo: PlanRepo) -> None:
    form, _ = _written(plan_repo, "市公安局")
    first = form.path.read_bytes()
    write_forms([unit_form(Repository(plan_repo.root), "市公安局", MARCH)], force=True)
    assert form.path.read_bytes() == first


def test_an_unknown_unit_is_refused_before_anything_is_written(plan_repo: PlanRepo) -> None:
    with pytest.raises(UsageError, match="没有名为「市统计局」的单位"):
        unit_form(Repository(plan_repo.root), "市统计局", MARCH)
    assert not (plan_repo.root / "output").exists()
