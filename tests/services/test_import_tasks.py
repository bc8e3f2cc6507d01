"""zwxt import tasks as a library: an Annex-1 table from Word or Excel into data/tasks.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.annex1 import annex1_rows, write_docx, write_xlsx
from tests.support import TASKS_YAML, PlanRepo
from zwxt.errors import FileExistsRefusal
from zwxt.load import load
from zwxt.office.office_tables import DocumentError
from zwxt.parse import read_yaml
from zwxt.services.import_tasks import TasksImport, import_tasks, write_import
from zwxt.services.task_table import joined
from zwxt.store import layout
from zwxt.store.repo import Repository

JIANGMEN = Path(__file__).resolve().parent.parent / "plans" / "jiangmen"
HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时间"]
COMPARED = ("id", "text", "lead", "support", "deadline", "due")


def _tasks(path: Path) -> list[dict[str, Any]]:
    data = read_yaml(str(path), path.read_bytes()).data
    return [{key: item.get(key, [] if key == "support" else None) for key in COMPARED}
            for item in data["tasks"]]


@pytest.fixture
def other_plan(tmp_path: Path) -> Repository:
    """The Jiangmen plan's units and plan section, with one task of its own instead of the 18."""
    root = tmp_path / "plan"
    shutil.copytree(JIANGMEN / "data", root / "data")
    text = (root / layout.TASKS_FILE).read_text(encoding="utf-8")
    head = text[: text.index("\ntasks:")]
    (root / layout.TASKS_FILE).write_text(
        head + "\n\n# 任务分工表（由 zwxt import tasks 生成）\ntasks:\n  - id: 1\n    text: 旧任务\n"
        "    lead: [市审计局]\n    aspect: 自查\n", encoding="utf-8")
    return Repository(root)


def _imported(repo: Repository, source: Path, **options: Any) -> TasksImport:
    result = import_tasks(repo, source, **options)
    assert result.ok, [str(p) for p in result.problems] + [u.name for u in result.missing]
    return result


@pytest.mark.parametrize("make", [
    lambda d: write_docx(d / "附件1.docx", annex1_rows(), repeat_every=5),
    lambda d: write_xlsx(d / "附件1.xlsx", annex1_rows(), order=[4, 2, 0, 3, 1], title="附件1 任务分工表"),
], ids=["docx with the header on each page", "xlsx with columns in another order"])
def test_the_jiangmen_annex_1_table_becomes_the_tasks_of_the_jiangmen_plan(other_plan: Repository,
                                                                           tmp_path: Path, make: Any) -> None:
    source = make(tmp_path)
    before = (other_plan.root / layout.TASKS_FILE).read_text(encoding="utf-8")
    result = _imported(other_plan, source)
    assert result.tasks == 18
    assert result.overwritten == [1]
    with pytest.raises(FileExistsRefusal, match="第1项任务将被改动"):
        write_import(result)
    assert (other_plan.root / layout.TASKS_FILE).read_text(encoding="utf-8") == before
    write_import(result, force=True)
    written = other_plan.root / layout.TASKS_FILE
    assert _tasks(written) == _tasks(JIANGMEN / layout.TASKS_FILE)
    text = written.read_text(encoding="utf-8")
    # the plan section and every comment before the list are kept as they were
    assert text.startswith(before[: before.index("tasks:\n")])
    assert "deadline: 2018年 6 月底前" in text  # the source's spaces kept
    loaded = load(other_plan)
    assert not [d for d in loaded.diagnostics if d.severity.value == "error"]
    # the ASCII comma of task 8 is said, not changed in silence
    assert any("半角标点" in str(w) and "第" in w.place for w in result.warnings)
    assert any("没有注明所属方面" in str(w) for w in result.warnings)


def test_importing_the_table_a_plan_was_written_from_changes_nothing(tmp_path: Path) -> None:
    shutil.copytree(JIANGMEN / "data", tmp_path / "plan" / "data")
    repo = Repository(tmp_path / "plan")
    result = _imported(repo, write_docx(tmp_path / "附件1.docx", annex1_rows()))
    # titles, targets and aspects of the same tasks carried over: the file stays as it is
    assert result.changes == [] and result.overwritten == []


def test_merged_cells_two_header_rows_and_section_rows(plan_repo: PlanRepo, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=7, cols=5)
    for c, text in enumerate(["序 号", "重点任务", "责任单位", "", "完成时限（年月）"]):
        table.cell(0, c).text = text
    table.cell(1, 2).text = "牵头单位"
    table.cell(1, 3).text = "配合单位"
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 2).merge(table.cell(0, 3)).text = "责任单位"
    table.cell(2, 0).merge(table.cell(2, 4)).text = "（三）清理"
    for r, row in enumerate([["2", "清理系统。", "市直有关部门", "", "2018年 3月底前"],
                             ["3", "清理本地区系统。", "各市(区)政府", "", ""]], start=3):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for c, text in enumerate(["序号", "重点任务", "牵头单位", "配合单位", "完成时限（年月）"]):
        table.cell(5, c).text = text  # the header again, on the next page
    for c, text in enumerate(["5", "共享数据。", "网信统筹局", "审计局、\n市公安局", ""]):
        table.cell(6, c).text = text
    table.cell(3, 4).merge(table.cell(4, 4))  # one deadline for both rows
    document.save(str(tmp_path / "表.docx"))

    result = _imported(Repository(plan_repo.root), tmp_path / "表.docx")
    write_import(result, force=True)
    tasks = read_yaml("t", (plan_repo.root / layout.TASKS_FILE).read_bytes()).data["tasks"]
    assert [t["id"] for t in tasks] == ["2", "3", "5"]
    assert tasks[0]["aspect"] == tasks[1]["aspect"] == "清理"  # from the section row
    assert tasks[1]["lead"] == ["各市（区）政府"]  # resolved to the canonical name
    assert tasks[1]["deadline"] == "2018年 3月底前"  # merged down
    assert tasks[2]["lead"] == ["市网信统筹局"] and tasks[2]["support"] == ["市审计局", "市公安局"]
    assert "deadline" not in tasks[2] and "due" not in tasks[2]
    assert any("完成时间为空" in str(w) for w in result.warnings)


def _table(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    return write_docx(tmp_path / "分工表.docx", [header, *rows])


def test_a_deadline_it_cannot_read_is_told_with_its_row_and_column(plan_repo: PlanRepo,
                                                                   tmp_path: Path) -> None:
    source = _table(tmp_path, [["1", "任务一。", "市审计局", "", "2018年6月底前"],
                               ["2", "任务二。", "市审计局", "", "每年底"],
                               ["3", "任务三。", "市审计局", "", "2018年2月30日前"]])
    result = import_tasks(Repository(plan_repo.root), source)
    assert not result.ok and result.changes == []
    told = [str(p) for p in result.problems]
    assert told[0].startswith("分工表.docx：表格第3行「完成时间」列：“每年底”无法识别为日期")
    assert told[1].startswith("分工表.docx：表格第4行「完成时间」列：“2018年2月30日前”无法识别为日期")
    assert "2月只有28天" in told[1]
    assert (plan_repo.root / layout.TASKS_FILE).read_text(encoding="utf-8") == TASKS_YAML


def test_every_readable_deadline_form_is_parsed_and_kept(plan_repo: PlanRepo, tmp_path: Path) -> None:
    forms = {"2017年12月底前": "2017-12-31", "2018年6月30日前": "2018-06-30", "2018年底前": "2018-12-31",
             "2018年上半年": "2018-06-30", "2018年第一季度": "2018-03-31", "2018年六月底前": "2018-06-30",
             "２０１８年３月底前": "2018-03-31", "长期坚持": None, "2018年底前持续推进": "2018-12-31"}
    rows = [[str(i), f"任务{i}。", "市审计局", "", form] for i, form in enumerate(forms, start=1)]
    result = _imported(Repository(plan_repo.root), _table(tmp_path, rows))
    write_import(result, force=True)
    tasks = read_yaml("t", (plan_repo.root / layout.TASKS_FILE).read_bytes()).data["tasks"]
    assert [(t["deadline"], t.get("due")) for t in tasks] == list(forms.items())


def test_unregistered_units_are_listed_with_their_rows_and_added_on_request(plan_repo: PlanRepo,
                                                                              tmp_path: Path) -> None:
    source = _table(tmp_path, [["1", "任务一。", "市大数据局", "市审计局 市民政局", "2018年6月底前"],
                               ["2", "任务二。", "市大数据局", "各县区政府", "2018年6月底前"]])
    repo = Repository(plan_repo.root)
    result = import_tasks(repo, source)
    assert [(u.name, u.places, u.group) for u in result.missing] == [
        ("市大数据局", ("表格第2行", "表格第3行"), False), ("市民政局", ("表格第2行",), False),
        ("各县区政府", ("表格第3行",), True)]
    units_before = (plan_repo.root / layout.UNITS_FILE).read_text(encoding="utf-8")
    added = import_tasks(repo, source, add_units=True)
    assert [u.name for u in added.missing] == ["各县区政府"]  # a group is never made a unit
    assert added.changes == []

    source = _table(tmp_path, [["1", "任务一。", "市大数据局", "市审计局 蓬江区政府", "2018年6月底前"]])
    added = import_tasks(repo, source, add_units=True)
    assert added.ok and added.added_units == ["市大数据局"]
    write_import(added, force=True)
    units_after = (plan_repo.root / layout.UNITS_FILE).read_text(encoding="utf-8")
    head = units_before[: units_before.index("groups:")]
    assert units_after.startswith(head.rstrip("\n") + "\n  # 以下单位由 zwxt import tasks 从 分工表.docx")
    assert units_after.endswith(units_before[units_before.index("groups:"):])
    assert "  - name: 市大数据局\n    kind: 部门\n" in units_after
    loaded = load(repo)
    assert loaded.plan is not None and loaded.plan.by_id[1].support == ("市审计局", "蓬江区")


def test_the_check_of_the_new_file_is_told_in_the_tables_terms(plan_repo: PlanRepo, tmp_path: Path) -> None:
    source = _table(tmp_path, [["1", "任务一。", "市审计局", "", "2018年6月底前"],
                               ["1", "任务二。", "市审计局", "市审计局", "2018年6月底前"]])
    result = import_tasks(Repository(plan_repo.root), source)
    assert [str(p).split("（R")[0] for p in result.problems] == \
        ["分工表.docx：表格第3行「序号」列：任务序号 1 重复"]
    assert any(w.place == "分工表.docx：表格第3行「配合单位」列" for w in result.warnings)  # R208


def test_an_aspect_column_is_read_and_checked(plan_repo: PlanRepo, tmp_path: Path) -> None:
    header = ["所属方面", *HEADER]
    source = _table(tmp_path, [["共享", "1", "任务一。", "市审计局", "", "2018年6月底前"],
                               ["整合", "2", "任务二。", "市审计局", "", "2018年6月底前"]], header)
    result = import_tasks(Repository(plan_repo.root), source)
    assert [str(p).split("：可选")[0] for p in result.problems] == \
        ["分工表.docx：表格第3行「所属方面」列：“整合”不是工作方案中的方面"]
    assert "自查、清理、共享、协同" in result.problems[0].hint


def test_tasks_only_added_need_no_force(plan_repo: PlanRepo, tmp_path: Path) -> None:
    data = read_yaml("t", TASKS_YAML.encode("utf-8")).data["tasks"]
    rows = [[t["id"], t["text"], "、".join(t["lead"]), "、".join(t.get("support", [])), t.get("deadline", "")]
            for t in data]
    rows.append(["9", "新任务。", "市公安局", "", "2019年底前"])
    result = _imported(Repository(plan_repo.root), _table(tmp_path, rows))
    assert result.overwritten == [], [c.diff() for c in result.changes]
    write_import(result)
    written = (plan_repo.root / layout.TASKS_FILE).read_text(encoding="utf-8")
    assert "  - id: 9\n    text: 新任务。\n" in written


def test_a_file_without_a_task_table_or_with_a_column_missing_is_refused(plan_repo: PlanRepo,
                                                                         tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("没有表格")
    document.save(str(tmp_path / "空.docx"))
    repo = Repository(plan_repo.root)
    with pytest.raises(DocumentError, match="空.docx 中没有任何表格"):
        import_tasks(repo, tmp_path / "空.docx")
    source = write_docx(tmp_path / "缺列.docx", [["序号", "工作任务", "牵头单位"], ["1", "任务", "市审计局"]])
    with pytest.raises(DocumentError, match="缺列.docx 的第1个表格像是任务分工表，但没有「完成时间」列"):
        import_tasks(repo, source)
    source = write_docx(tmp_path / "别的.docx", [["姓名", "电话"], ["张三", "123"]])
    with pytest.raises(DocumentError, match="别的.docx 中没有找到任务分工表"):
        import_tasks(repo, source)


def test_line_breaks_inside_a_cell_are_joined() -> None:
    assert joined("市网信\n统筹局") == "市网信统筹局"
    assert joined(" 各市（区）政府、 \n 市直有关部门 ") == "各市（区）政府、市直有关部门"
    assert joined("开放 250 个\n以上数据集") == "开放 250 个以上数据集"
    assert joined("GIS\n平台") == "GIS平台" and joined("open\ndata") == "open data"


def test_in_excel_a_problem_names_the_sheet_and_the_column_letter(plan_repo: PlanRepo,
                                                                  tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "分工表.xlsx", [HEADER, ["1", "任务一。", "", "", "2018年6月底前"]],
                        order=[4, 0, 1, 2, 3], title="任务分工表")
    result = import_tasks(Repository(plan_repo.root), source)
    assert [str(p) for p in result.problems] == \
        ["分工表.xlsx：工作表「附件1」第3行「牵头单位」列（D列）：没有牵头单位"]


def test_units_written_in_flow_style_cannot_be_added_to_and_that_is_said(plan_repo: PlanRepo,
                                                                         tmp_path: Path) -> None:
    plan_repo.write(layout.UNITS_FILE, "units: [{name: 市审计局, kind: 部门}]\n")
    source = _table(tmp_path, [["1", "任务一。", "市大数据局", "", "2018年6月底前"]])
    result = import_tasks(Repository(plan_repo.root), source, add_units=True)
    assert [u.name for u in result.missing] == ["市大数据局"]
    assert "无法自动添加单位" in str(result.problems[0]) and result.changes == []


def test_a_broken_units_file_stops_the_import_with_its_findings(plan_repo: PlanRepo, tmp_path: Path) -> None:
    from zwxt.errors import BrokenPlanError

    plan_repo.write(layout.UNITS_FILE, "units:\n  - name: 市审计局\n    kind 部门\n")
    with pytest.raises(BrokenPlanError) as caught:
        import_tasks(Repository(plan_repo.root), _table(tmp_path, [["1", "任务。", "市审计局", "", ""]]))
    assert {d.path for d in caught.value.diagnostics} == {layout.UNITS_FILE}


def test_a_table_with_both_a_lead_and_a_responsible_column_takes_the_lead(plan_repo: PlanRepo,
                                                                          tmp_path: Path) -> None:
    header = ["序号", "工作任务", "责任单位", "牵头单位", "完成时间"]
    source = _table(tmp_path, [["1", "任务一。", "市公安局", "市审计局", "2018年6月底前"]], header)
    result = _imported(Repository(plan_repo.root), source)
    write_import(result, force=True)
    tasks = read_yaml("t", (plan_repo.root / layout.TASKS_FILE).read_bytes()).data["tasks"]
    assert tasks[0]["lead"] == ["市审计局"]
