"""zwxt form, through the command line as the coordinator uses it."""

from __future__ import annotations

import os

from tests.formdocx import custom_properties
from tests.support import PlanRepo, run_cli

TARGET = "output/2018-03/填报表/市审计局.docx"


def test_writes_the_form_and_says_where(plan_repo: PlanRepo) -> None:
    result = run_cli("form", "--unit", "审计局", "--month", "2018年3月")
    assert result.code == 0, result.stderr
    assert f"已生成 {TARGET}（必填任务 2 项，选填任务 1 项）" in result.stdout
    assert custom_properties(plan_repo.root / TARGET)["zwxt-month"] == "2018-03"


def test_an_existing_form_is_not_replaced_without_force(plan_repo: PlanRepo) -> None:
    assert run_cli("form", "--unit", "市审计局", "--month", "2018-03").code == 0
    path = plan_repo.root / TARGET
    path.write_bytes(b"a clerk's filled-in form")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    again = run_cli("form", "--unit", "市审计局", "--month", "2018-03")
    assert again.code == 1
    assert f"{TARGET} 已存在，未做任何改动" in again.stderr
    assert "--force" in again.stderr
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert [p.name for p in path.parent.iterdir()] == ["市审计局.docx"]  # no temporary file left
    forced = run_cli("form", "--unit", "市审计局", "--month", "2018-03", "--force")
    assert forced.code == 0, forced.stderr
    assert path.read_bytes()[:2] == b"PK"


def test_all_writes_one_form_per_unit_owing_a_report(plan_repo: PlanRepo) -> None:
    result = run_cli("form", "--month", "2018-03", "--all")
    assert result.code == 0, result.stderr
    folder = plan_repo.root / "output/2018-03/填报表"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{u}.docx" for u in ("市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市"))
    assert result.stdout.count("已生成 ") == 5


def test_an_unknown_unit_is_a_usage_error_in_chinese(plan_repo: PlanRepo) -> None:
    result = run_cli("form", "--unit", "市统计局", "--month", "2018-03")
    assert result.code == 2
    assert "没有名为「市统计局」的单位" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (plan_repo.root / "output").exists()


def test_an_unreadable_month_is_a_usage_error_in_chinese(plan_repo: PlanRepo) -> None:
    result = run_cli("form", "--unit", "市审计局", "--month", "2018-13")
    assert result.code == 2
    assert "无法识别月份「2018-13」" in result.stderr
    assert not (plan_repo.root / "output").exists()


def test_one_unit_or_all_of_them(plan_repo: PlanRepo) -> None:
    for args in (["--month", "2018-03"], ["--month", "2018-03", "--unit", "市审计局", "--all"]):
        result = run_cli("form", *args)
        assert result.code == 2, args
        assert "--unit" in result.stderr and "--all" in result.stderr
    assert not (plan_repo.root / "output").exists()


def test_an_earlier_report_with_errors_is_named_and_not_carried_forward(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-02", "市审计局", tasks="""
        - task: 1
          status: 进行中
    """)
    result = run_cli("form", "--unit", "市审计局", "--month", "2018-03")
    assert result.code == 0, result.stderr
    assert "reports/2018-02/市审计局.yaml" in result.stderr
    assert "填报表没有沿用其中的内容" in result.stderr


def test_a_unit_whose_report_is_in_already_is_told_of(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-03", "市审计局", tasks="""
        - task: 1
          status: 推进中
        - task: 2
          status: 推进中
    """)
    result = run_cli("form", "--unit", "市审计局", "--month", "2018-03")
    assert result.code == 0, result.stderr
    assert "市审计局2018年3月的报告已在仓库中（reports/2018-03/市审计局.yaml）" in result.stderr
    assert "已在仓库中" not in run_cli("form", "--unit", "市公安局", "--month", "2018-03").stderr
