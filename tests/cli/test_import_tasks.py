"""zwxt import tasks through the command line, as the coordinator runs it."""

from __future__ import annotations

from pathlib import Path

from tests.annex1 import write_docx
from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, run_cli

HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时间"]


def _source(tmp_path: Path, *rows: list[str]) -> str:
    return str(write_docx(tmp_path / "分工表.docx", [HEADER, *rows]))


def test_dry_run_prints_the_diff_and_writes_nothing(plan_repo: PlanRepo, tmp_path: Path) -> None:
    source = _source(tmp_path, ["1", "新的任务。", "市审计局", "", "2018年6月底前"])
    result = run_cli("import", "tasks", source, "--dry-run")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("--- a/data/tasks.yaml\n+++ b/data/tasks.yaml\n")
    assert "+    text: 新的任务。\n" in result.stdout
    assert "需要加 --force" in result.stderr
    assert (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8") == TASKS_YAML


def test_changing_existing_tasks_needs_force(plan_repo: PlanRepo, tmp_path: Path) -> None:
    source = _source(tmp_path, ["1", "新的任务。", "市审计局", "", "2018年6月底前"])
    refused = run_cli("import", "tasks", source)
    assert refused.code == 1
    assert "已有的第1、2、3、4、5项任务将被改动或删除，未做任何改动" in refused.stderr
    assert "--force" in refused.stderr
    assert (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8") == TASKS_YAML
    done = run_cli("import", "tasks", source, "--force")
    assert done.code == 0, done.stderr
    assert "已从 分工表.docx 导入 1 项任务" in done.stdout
    assert run_cli("check").code == 0


def test_problems_are_told_by_row_and_column_and_exit_1(plan_repo: PlanRepo, tmp_path: Path) -> None:
    source = _source(tmp_path, ["1", "任务。", "市大数据局", "", "每年底"])
    result = run_cli("import", "tasks", source, "--force")
    assert result.code == 1
    assert "分工表.docx：表格第2行「完成时间」列：“每年底”无法识别为日期" in result.stderr
    assert "是周期性的期限" in result.stderr and "due" not in result.stderr  # the table's terms, not YAML's
    assert "分工表.docx：表格第2行：单位「市大数据局」没有登记在 data/units.yaml 中" in result.stderr
    assert "--add-units" in result.stderr
    assert "没有写入任何文件" in result.stderr
    assert (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8") == TASKS_YAML


def test_add_units_appends_them_and_the_result_passes_check(plan_repo: PlanRepo, tmp_path: Path) -> None:
    source = _source(tmp_path, ["1", "任务。", "市大数据局", "市审计局", "2018年6月底前"])
    result = run_cli("import", "tasks", source, "--force", "--add-units")
    assert result.code == 0, result.stderr
    assert "已在 data/units.yaml 中添加单位：市大数据局" in result.stdout
    units = (plan_repo.root / "data/units.yaml").read_text(encoding="utf-8")
    added = ("  # 以下单位由 zwxt import tasks 从 分工表.docx 添加："
             "请核对 kind，补写 full_name 和 lead_office\n  - name: 市大数据局\n    kind: 部门\n")
    assert units.replace(added, "") == UNITS_YAML
    assert run_cli("check").code == 0


def test_a_file_that_is_no_table_is_a_chinese_error_not_a_traceback(plan_repo: PlanRepo,
                                                                     tmp_path: Path) -> None:
    (tmp_path / "分工表.docx").write_text("不是 Word 文件", encoding="utf-8")
    result = run_cli("import", "tasks", str(tmp_path / "分工表.docx"))
    assert result.code == 1
    assert "错误：分工表.docx 不是 Word（.docx）或 Excel（.xlsx）文件" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    missing = run_cli("import", "tasks", str(tmp_path / "没有.xlsx"))
    assert missing.code == 1 and "无法读取 没有.xlsx" in missing.stderr
