"""zwxt notice through the command line, on a real git repository (tests/noticeplan.py).

The golden files tests/golden/督办通知-市公安局-2018-03.md and 通报-2018-03.md were read through
by a person against tests/noticeplan.py when they were made; after an intended change of
the outline, regenerate them with ``ZWXT_UPDATE_GOLDEN=1 make test`` and read the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.gitplan import GitPlan
from tests.noticeplan import march, tasks_yaml
from tests.support import PlanRepo, assert_golden, report_yaml, run_cli

TESTS = Path(__file__).resolve().parents[1]
FONTS_CONF = TESTS / "fonts" / "zwxt-fonts.conf"
NOTICES = Path("output/2018-03/督办通知")
# The notices dated after 市公安局's report came in (9 April), as a secretary would date them.
DATED = ("--date", "2018-04-10")


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    found = march(tmp_path / "plan")
    monkeypatch.chdir(found.files.root)
    return found



def test_a_notice_for_each_unit_behind(plan: GitPlan) -> None:
    result = run_cli("notice", "--month", "2018-03", *DATED)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"已生成 {NOTICES}/{unit}.{ext}" for unit in ("市公安局", "蓬江区") for ext in ("docx", "md")
    ] + ["共督办 2 个单位：通知日期2018年4月10日，要求于2018年4月17日前报送整改情况（5 个工作日）"]
    assert result.stderr == ""


def test_the_notice_markdown_matches_the_golden_file(plan: GitPlan) -> None:
    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "md").code == 0
    assert_golden("督办通知-市公安局-2018-03.md", NOTICES / "市公安局.md")


def test_the_circular_markdown_matches_the_golden_file(plan: GitPlan) -> None:
    result = run_cli("notice", "--month", "2018-03", *DATED, "--circular", "-f", "md")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "已生成 output/2018-03/通报.md",
        "通报日期2018年4月10日，要求于2018年4月17日前报送整改情况（5 个工作日）"]
    assert_golden("通报-2018-03.md", Path("output/2018-03/通报.md"))


def test_a_missing_report_alone_gets_a_notice_of_its_own_kind(plan: GitPlan) -> None:
    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "md").code == 0
    text = (NOTICES / "蓬江区.md").read_text(encoding="utf-8")
    assert "# 关于督促报送2018年3月政务信息系统整合共享进展报告的通知\n" in text
    assert "江门市蓬江区人民政府：\n" in text
    assert "你单位2018年3月进展报告应于2018年4月5日前报送，截至2018年4月10日仍未报送。" in text
    assert "立即补报2018年3月进展报告，并于2018年4月17日前将整改情况书面报送市网信统筹局。" in text
    assert "| 序号 |" not in text  # no overdue task, no table


def test_the_default_date_and_a_report_that_came_in_after_it(plan: GitPlan) -> None:
    result = run_cli("notice", "--month", "2018-03", "-f", "md")
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == \
        "共督办 2 个单位：通知日期2018年4月6日，要求于2018年4月12日前报送整改情况（5 个工作日）"
    assert result.stderr == ("注意：市公安局的2018年3月进展报告2018年4月9日才报送，"
                             "晚于通知的日期2018年4月6日，文中按逾期报送写\n")


def _document(path: Path) -> Any:
    import docx

    return docx.Document(str(path))


def test_the_notice_is_a_letter_in_word(plan: GitPlan) -> None:
    from docx.oxml.ns import qn

    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "docx").code == 0
    word = _document(NOTICES / "市公安局.docx")
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert paragraphs[:4] == [
        ("zwxt 发文机关标志", "江门市网络信息统筹局"),
        ("zwxt 标题", "关于督促加快推进"), ("zwxt 标题", "政务信息系统整合共享工作的通知"),
        ("zwxt 主送", "市公安局："),
    ]
    assert paragraphs[-2:] == [("zwxt 落款", "江门市网络信息统筹局"), ("zwxt 落款", "2018年4月10日")]
    head = word.paragraphs[0]
    assert head.runs[0]._r.rPr.find(qn("w:color")).get(qn("w:val")) == "FF0000"
    assert head._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "thickThinSmallGap"
    [table] = word.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "工作任务", "职责", "完成时间", "状态"],
        ["1", "开展对市直有关部门的政务信息系统审计", "配合", "2017年12月底前", "逾期90天"]]
    section = word.sections[0]
    assert section.different_first_page_header_footer and "PAGE" not in section.first_page_footer._element.xml
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)


def test_the_circular_ranks_the_units_in_a_table(plan: GitPlan) -> None:
    assert run_cli("notice", "--month", "2018-03", *DATED, "--circular", "-f", "docx").code == 0
    word = _document(Path("output/2018-03/通报.docx"))
    [table] = word.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "单位", "进展报告", "逾期任务（项）"],
        ["1", "市审计局", "按时报送", "0"],
        ["2", "台山市", "按时报送", "0"],
        ["3", "市公安局", "逾期4天报送", "1"],
        ["4", "蓬江区", "未报送", "0"],
        ["5", "市网信统筹局", "未报送", "1"]]
    texts = [p.text for p in word.paragraphs]
    addressee = texts.index("各有关单位：")
    assert texts[addressee - 3:addressee] == ["关于2018年3月", "政务信息系统整合共享工作进展情况的通报", ""]


def test_output_is_byte_identical_across_runs(plan: GitPlan, tmp_path: Path) -> None:
    for out in ("a", "b"):
        for extra in ((), ("--circular",)):
            args = ("notice", "--month", "2018-03", *DATED, *extra, "-o", str(tmp_path / out))
            assert run_cli(*args).code == 0
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert [p.as_posix() for p in first] == [
        "督办通知/市公安局.docx", "督办通知/市公安局.md", "督办通知/蓬江区.docx", "督办通知/蓬江区.md",
        "通报.docx", "通报.md"]
    for path in first:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes(), path


def test_notices_are_replaced_atomically(plan: GitPlan) -> None:
    target = NOTICES / "市公安局.md"
    target.parent.mkdir(parents=True)
    target.write_text("旧内容", encoding="utf-8")
    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "md").code == 0
    assert "逾期90天" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["市公安局.md", "蓬江区.md"]


def test_nothing_is_written_from_files_with_errors(plan: GitPlan) -> None:
    plan.files.write("reports/2018-03/台山市.yaml", report_yaml("台山市", "2018-03", """
        - task: 3
          status: 已完成
    """))
    for extra in ((), ("--circular",)):
        result = run_cli("notice", "--month", "2018-03", *extra)
        assert result.code == 1
        assert "reports/2018-03/台山市.yaml:" in result.stderr and "P003" in result.stderr
        what = "通报" if extra else "督办通知"
        assert f"1 个文件有错误，未生成{what}；请按上面的提示改正后再运行。" in result.stderr
    assert not Path("output").exists()


def test_a_broken_plan_stops_it_with_the_findings(plan: GitPlan) -> None:
    plan.files.write("data/tasks.yaml", tasks_yaml("  notice_reply_days: 0\n"))
    result = run_cli("notice", "--month", "2018-03")
    assert result.code == 1
    assert "data/tasks.yaml:6:22 S003" in result.stderr
    assert "应在 1 到 60 个工作日之间，而不是「0」" in result.stderr
    assert not Path("output").exists()


def test_without_git_history_late_reports_are_not_judged_and_it_says_why(plan_repo: PlanRepo) -> None:
    tasks = "- task: 1\n  status: 已完成\n  completed: 2018-01-10\n- task: 2\n  status: 推进中\n"
    plan_repo.write("reports/2018-03/市审计局.yaml", report_yaml("市审计局", "2018-03", tasks))
    result = run_cli("notice", "--month", "2018-03", "-f", "md")
    assert result.code == 0, result.stderr
    assert "注意：不在 git 仓库中，无法得知报送日期，是否按时未作判断" in result.stderr
    written = sorted(p.name for p in (plan_repo.root / NOTICES).iterdir())
    assert written == ["台山市.md", "市公安局.md", "蓬江区.md"]  # missing reports and overdue tasks still


def test_a_month_nobody_is_behind_writes_nothing(plan_repo: PlanRepo) -> None:
    for unit in ("市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市"):
        plan_repo.report("2017-11", unit)
    result = run_cli("notice", "--month", "2017-11")
    assert result.code == 0, result.stderr
    assert result.stdout == "本月没有需要督办的单位\n"
    assert not (plan_repo.root / "output").exists()


@pytest.mark.parametrize(("args", "words"), [
    ((), "--month"),
    (("--month", "2018-13"), "无法识别月份"),
    (("--month", "2018-03", "--date", "明天"), "无法识别日期「明天」"),
    (("--month", "2018-03", "--date", "2018-04-05"), "那时未报送的报告还不算逾期"),
    (("--month", "2018-03", "--date", "2999-01-04"), "督办通知的日期2999年1月4日晚于今天"),
    (("--month", "2018-03", "-f", "pdf"), "pdf"),
    (("--month", "2018-03", "--templates", "没有这个目录"), "模板目录 没有这个目录 不存在"),
])
def test_usage_errors_exit_2_in_chinese(plan: GitPlan, args: tuple[str, ...], words: str) -> None:
    result = run_cli("notice", *args)
    assert result.code == 2, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path("output").exists()


def test_the_repositorys_template_overrides_the_notice(plan: GitPlan) -> None:
    plan.files.write("templates/notice.outline.j2",
                     "@letterhead {{ issuer }}\n@title {{ title }}\n@to {{ addressee }}：\n"
                     "@p 自定义：{{ overdue | length }}项。\n"
                     "@signature {{ issuer }}\n@signature {{ day | cdate }}\n")
    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "md").code == 0
    assert (NOTICES / "市公安局.md").read_text(encoding="utf-8").split("\n\n")[4] == "自定义：1项。"


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or poppler-utils is not installed")
@pytest.mark.slow
def test_libreoffice_prints_a_notice_and_the_circular(plan: GitPlan, tmp_path: Path) -> None:
    assert run_cli("notice", "--month", "2018-03", *DATED, "-f", "docx").code == 0
    assert run_cli("notice", "--month", "2018-03", *DATED, "--circular", "-f", "docx").code == 0
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    profile = (tmp_path / "lo-profile").as_uri()
    sources = [NOTICES / "市公安局.docx", Path("output/2018-03/通报.docx")]
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, sources)],
                   check=True, capture_output=True, timeout=240, env=env)
    for source in sources:
        text = subprocess.run(["pdftotext", str(tmp_path / (source.stem + ".pdf")), "-"], check=True,
                              capture_output=True, text=True).stdout
        pages = ["".join(page.split()) for page in text.split("\f") if page.strip()]
        squeezed = "".join(pages)
        assert squeezed.startswith("江门市网络信息统筹局"), source  # the letterhead comes first
        # the sign-off last, before the page number of a second page
        number = "" if len(pages) == 1 else f"—{len(pages)}—"
        assert pages[-1].endswith("江门市网络信息统筹局2018年4月10日" + number), source
        assert "—1—" not in pages[0], source  # no page number on a letter's first page
        if source.stem == "市公安局":
            # Not the page count: LibreOffice 7.4 gives each character two cells of the 28-a-line
            # character grid that Word and WPS honour, and so spreads the letter over two pages.
            assert "开展对市直有关部门的政务信息系统审计" in squeezed and "逾期90天" in squeezed
        else:
            assert "关于2018年3月政务信息系统整合共享工作进展情况的通报" in squeezed
            assert "逾期4天报送" in squeezed


def test_a_month_nobody_owed_anything_has_no_circular(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/tasks.yaml", tasks_yaml().split("tasks:\n")[0] + """tasks:
  - id: 1
    text: 开展对市直有关部门的政务信息系统审计。
    lead: [市审计局]
    deadline: 2017年12月底前
    aspect: 自查
""")
    plan_repo.report("2017-12", "市审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2017-12-10
    """)
    result = run_cli("notice", "--month", "2018-01", "--circular")
    assert result.code == 0, result.stderr
    assert result.stdout == "本月没有应报送进展报告的单位，也没有逾期任务，未生成通报\n"
    assert not (plan_repo.root / "output").exists()


def test_a_notice_folder_that_links_out_of_the_repository_is_refused(plan: GitPlan, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    Path("output/2018-03").mkdir(parents=True)
    NOTICES.symlink_to(outside)
    result = run_cli("notice", "--month", "2018-03", *DATED, "-f", "md")
    assert result.code == 2
    assert "经符号链接指向仓库之外" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_folder_where_a_later_notice_goes_stops_them_all_before_any_is_written(plan: GitPlan) -> None:
    (NOTICES / "蓬江区.md").mkdir(parents=True)
    result = run_cli("notice", "--month", "2018-03", *DATED, "-f", "md")
    assert result.code == 2
    assert sorted(p.name for p in NOTICES.iterdir()) == ["蓬江区.md"]  # 市公安局.md was not written


def test_a_report_in_the_folder_but_not_on_the_main_line_counts_as_missing(plan: GitPlan) -> None:
    Path("reports/2018-03/蓬江区.yaml").write_text(report_yaml("蓬江区", "2018-03"), encoding="utf-8")
    result = run_cli("notice", "--month", "2018-03", *DATED, "-f", "md")
    assert result.code == 0
    assert (NOTICES / "蓬江区.md").is_file()
    assert "注意：蓬江区的2018年3月进展报告在文件夹中，但还没有提交到 git 主线，按未报送计" in result.stderr
