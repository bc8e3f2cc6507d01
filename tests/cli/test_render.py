"""zwxt render through the command line: golden Markdown of the Jiangmen plan, refusals, templates.

The golden files under tests/golden/ were read through by a person when they were made; after
an intended change of the outline, regenerate them with ``ZWXT_UPDATE_GOLDEN=1 make test``
and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import PlanRepo, assert_golden, run_cli

TESTS = Path(__file__).resolve().parents[1]
JIANGMEN = TESTS / "plans" / "jiangmen"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the Jiangmen plan of the tests, so that rendering writes nothing into the project."""
    root = tmp_path / "demo"
    shutil.copytree(JIANGMEN, root)
    return root



def test_unit_report_markdown_matches_the_golden_file(demo: Path) -> None:
    report = str(demo / "reports/2018-03/市审计局.yaml")
    result = run_cli("--root", str(demo), "render", report, "-f", "md")
    assert result.code == 0, result.stderr
    assert "已生成 output/2018-03/市审计局.md" in result.stdout
    assert_golden("市审计局-2018-03.md", demo / "output/2018-03/市审计局.md")


def test_district_report_markdown_matches_the_golden_file(demo: Path) -> None:
    report = str(demo / "reports/2018-06/台山市.yaml")
    assert run_cli("--root", str(demo), "render", report, "-f", "md").code == 0
    assert_golden("台山市-2018-06.md", demo / "output/2018-06/台山市.md")


def test_city_summary_markdown_matches_the_golden_file(demo: Path) -> None:
    result = run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md")
    assert result.code == 0, result.stderr
    assert_golden("汇总-2018-03.md", demo / "output/2018-03/汇总.md")


def test_the_shipped_templates_copied_as_a_users_render_the_same_documents(demo: Path) -> None:
    # copied into templates/, they run as a user's: counted and timed, within the bounds
    from zwxt.documents.templates import PACKAGE_TEMPLATES

    shutil.copytree(PACKAGE_TEMPLATES, demo / "templates", ignore=shutil.ignore_patterns("init"))
    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md").code == 0
    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "-f", "md").code == 0
    district = str(demo / "reports/2018-06/台山市.yaml")
    assert run_cli("--root", str(demo), "render", district, "-f", "md").code == 0
    assert_golden("汇总-2018-03.md", demo / "output/2018-03/汇总.md")
    assert_golden("市审计局-2018-03.md", demo / "output/2018-03/市审计局.md")
    assert_golden("台山市-2018-06.md", demo / "output/2018-06/台山市.md")


def test_outline_headings_in_order(demo: Path) -> None:
    run_cli("--root", str(demo), "render", str(demo / "reports/2018-03/市审计局.yaml"), "-f", "md")
    text = (demo / "output/2018-03/市审计局.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith(("# ", "## ", "### "))]
    assert headings == [
        "# 江门市审计局政务信息系统整合共享进展报告", "## 一、工作推进情况",
        "## 二、落实《工作方案》任务分工情况", "### （一）自查方面", "### （二）编目方面",
        "### （三）清理方面", "### （四）整合方面", "### （五）接入方面", "### （六）共享方面",
        "### （七）协同方面",
        "## 三、存在的问题", "## 四、进一步抓紧推进的工作考虑", "### （一）落实月底前重点任务的工作计划",
        "### （二）下一步加快推进的工作思路", "## 五、经验和典型案例", "## 六、意见建议"]


def test_month_renders_every_report_of_the_month(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--root", str(demo), "render", "--month", "2018-04", "-f", "md", "-o", str(out))
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["市网信统筹局.md", "市审计局.md", "市公安局.md", "市人力资源社会保障局.md", "蓬江区.md"])


def test_rendering_twice_gives_identical_markdown(demo: Path) -> None:
    args = ("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md")
    run_cli(*args)
    first = (demo / "output/2018-03/汇总.md").read_bytes()
    run_cli(*args)
    assert (demo / "output/2018-03/汇总.md").read_bytes() == first


def _task_entry(plan_repo: PlanRepo, progress: str) -> Path:
    return plan_repo.report("2018-03", "市审计局", tasks=f"""
        - task: 1
          status: 已完成
          completed: 2018-01-10
          progress: {progress}
        - task: 2
          status: 推进中
    """, extra="problems: 无\n")


def test_report_with_errors_is_not_rendered(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2018-03", "市审计局", tasks="""
        - task: 1
          status: 已完成
    """)
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 1
    assert "P003" in result.stderr
    assert "未生成" in result.stderr
    assert not (plan_repo.root / "output").exists()


def test_markdown_specials_in_report_text_stay_literal(plan_repo: PlanRepo) -> None:
    path = _task_entry(plan_repo, '"1. 系统A|系统B *全部* 停用 <b> & #3"')
    assert run_cli("render", str(path), "-f", "md").code == 0
    text = (plan_repo.root / "output/2018-03/市审计局.md").read_text(encoding="utf-8")
    assert r"1\. 系统A\|系统B \*全部\* 停用 \<b\> \& \#3" in text


def test_existing_output_is_replaced(plan_repo: PlanRepo) -> None:
    path = _task_entry(plan_repo, "第一次")
    target = plan_repo.root / "output/2018-03/市审计局.md"
    target.parent.mkdir(parents=True)
    target.write_text("旧内容", encoding="utf-8")
    assert run_cli("render", str(path), "-f", "md").code == 0
    assert "第一次" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["市审计局.md"]


def test_a_symbolic_link_or_pipe_at_the_output_is_left_alone(plan_repo: PlanRepo, tmp_path: Path) -> None:
    path = _task_entry(plan_repo, "进展")
    out = plan_repo.root / "output/2018-03"
    out.mkdir(parents=True)
    (out / "市审计局.md").symlink_to(tmp_path / "outside.md")  # dangling: would be written outside
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2 and "这里已有一个符号链接" in result.stderr
    assert (out / "市审计局.md").is_symlink() and not (tmp_path / "outside.md").exists()
    if hasattr(os, "mkfifo"):
        (out / "市审计局.md").unlink()
        os.mkfifo(out / "市审计局.md")
        result = run_cli("render", str(path), "-f", "md")
        assert result.code == 2 and "不是普通文件" in result.stderr
        assert (out / "市审计局.md").is_fifo()


def test_repository_template_overrides_the_outline(plan_repo: PlanRepo) -> None:
    path = _task_entry(plan_repo, "进展")
    plan_repo.write("templates/report.outline.j2", "@title {{ title }}\n@p 自定义提纲\n")
    assert run_cli("render", str(path), "-f", "md").code == 0
    text = (plan_repo.root / "output/2018-03/市审计局.md").read_text(encoding="utf-8")
    assert text == "# 江门市审计局政务信息系统整合共享进展报告\n\n自定义提纲\n"


def test_template_error_names_template_and_line(plan_repo: PlanRepo, tmp_path: Path) -> None:
    path = _task_entry(plan_repo, "进展")
    mine = tmp_path / "mine"
    mine.mkdir()
    broken = "@title {{ title }}\n@p {{ no_such_thing.x }}\n"
    (mine / "report.outline.j2").write_text(broken, encoding="utf-8")
    result = run_cli("render", str(path), "-f", "md", "--templates", str(mine))
    assert result.code == 2
    assert "report.outline.j2 第 2 行" in result.stderr
    assert "Traceback" not in result.stderr


def test_summary_needs_a_month(plan_repo: PlanRepo) -> None:
    result = run_cli("render", "--summary")
    assert result.code == 2
    assert "--month" in result.stderr


def test_nothing_to_render_is_a_usage_error(plan_repo: PlanRepo) -> None:
    assert run_cli("render").code == 2
    missing = run_cli("render", "--month", "2018-03")
    assert missing.code == 2
    assert "找不到" in missing.stderr


def _docx_texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_unit_report_docx_has_the_outline_in_order(demo: Path) -> None:
    report = str(demo / "reports/2018-03/市审计局.yaml")
    assert run_cli("--root", str(demo), "render", report, "-f", "docx").code == 0
    texts = _docx_texts(demo / "output/2018-03/市审计局.docx")
    # the title of 20 characters would fill its line: it is broken after the unit's name
    assert texts[:4] == ["江门市审计局", "政务信息系统整合共享进展报告", "（2018年3月）",
                         "本部门政务信息系统整合共享牵头部门：市审计局计算机审计科"]
    parts = ["一、工作推进情况", "二、落实《工作方案》任务分工情况", "（一）自查方面", "（七）协同方面",
             "三、存在的问题", "四、进一步抓紧推进的工作考虑", "五、经验和典型案例", "六、意见建议"]
    assert [texts.index(p) for p in parts] == sorted(texts.index(p) for p in parts)
    assert "状态：已完成（2018年3月20日）。" in texts
    # the last part, 落款 (the unit's full name, the month's last day), then 附注 with the contact
    assert texts[-4:] == ["建议市网信统筹局牵头对跨部门重复建设系统制定整合方案。", "江门市审计局",
                          "2018年3月31日", "（联系人：李明 0750-3271234）"]


def test_a_unit_report_says_how_late_its_open_and_finished_tasks_are(demo: Path) -> None:
    # 市人力资源社会保障局, June: task 4 (due 2018-03-31) still open; task 16 (due 2018-04-30)
    # finished on a day after it; task 6 due on the report's last day and still open
    report = demo / "reports/2018-06/市人力资源社会保障局.yaml"
    assert run_cli("--root", str(demo), "render", str(report), "-f", "md").code == 0
    text = (demo / "output/2018-06/市人力资源社会保障局.md").read_text(encoding="utf-8")
    def status_of(task: int) -> str:
        section = text.split(f"任务{task}：")[1].split("####")[0]
        return next(line for line in section.splitlines() if line.startswith("状态："))

    assert status_of(4) == "状态：推进中，逾期91天。"  # the status too: the document says all the report does
    assert status_of(16) == "状态：逾期完成（2018年5月24日）。"
    assert status_of(6) == "状态：推进中，到期未完成。"
    assert status_of(7) == "状态：已完成（2018年6月25日）。"


def test_summary_docx_has_the_task_table_in_a_landscape_attachment(demo: Path) -> None:
    import docx

    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "docx").code == 0
    document = docx.Document(str(demo / "output/2018-03/汇总.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "附件：任务分工表及进展情况" in texts
    assert "附件" in texts
    [table] = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "工作任务", "牵头单位", "配合单位", "完成时间", "进展情况"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 19)]
    assert rows[4][5] == "到期未完成；27个单位中已完成2个"
    last = document.sections[-1]
    assert last.page_width > last.page_height


@pytest.mark.slow
def test_docx_output_is_byte_identical_across_runs(demo: Path, tmp_path: Path) -> None:
    for out in ("a", "b"):
        args = ("--root", str(demo), "render", "--month", "2018-03", "-f", "docx", "-o", str(tmp_path / out))
        assert run_cli(*args).code == 0
        run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "docx", "-o",
                str(tmp_path / out))
    first = sorted((tmp_path / "a").iterdir())
    assert len(first) == 8
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or poppler-utils is not installed")
@pytest.mark.slow
def test_libreoffice_converts_the_summary_and_a_report_to_pdf_with_their_sign_off(demo: Path,
                                                                                   tmp_path: Path) -> None:
    import subprocess

    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "docx").code == 0
    report = str(demo / "reports/2018-03/市审计局.yaml")
    assert run_cli("--root", str(demo), "render", report, "-f", "docx").code == 0
    sources = [str(demo / "output/2018-03" / name) for name in ("汇总.docx", "市审计局.docx")]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *sources], check=True, capture_output=True, timeout=240)

    def printed(name: str) -> str:
        text = subprocess.run(["pdftotext", str(tmp_path / name), "-"], check=True, capture_output=True,
                              text=True).stdout
        return "".join(text.split())

    summary, unit = printed("汇总.pdf"), printed("市审计局.pdf")
    assert "江门市政务信息系统整合共享进展报告" in summary
    assert "任务分工表及进展情况" in summary
    assert "—2—" in summary  # the page-number footer of the second page
    assert "附件：任务分工表及进展情况江门市网络信息统筹局2018年4月6日" in summary
    # LibreOffice spreads text on the character grid, so the page number may come between lines
    without_page_numbers = re.sub("—[0-9]+—", "", unit)
    assert "制定整合方案。江门市审计局2018年3月31日（联系人：李明0750-3271234）" in without_page_numbers


def test_output_is_named_by_the_canonical_unit_name(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2018-03", "审计局", name="审计局", tasks="""
        - task: 1
          status: 已完成
          completed: 2018-01-10
        - task: 2
          status: 推进中
    """)
    assert run_cli("render", str(path), "-f", "md").code == 0
    assert [p.name for p in (plan_repo.root / "output/2018-03").iterdir()] == ["市审计局.md"]


def test_reports_of_several_months_to_one_folder_go_to_a_subfolder_each(demo: Path,
                                                                         tmp_path: Path) -> None:
    out = tmp_path / "报送"
    reports = [str(demo / f"reports/{m}/市审计局.yaml") for m in ("2018-03", "2018-04")]
    result = run_cli("--root", str(demo), "render", *reports, "-f", "md", "-o", str(out))
    assert result.code == 0, result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "2018-03/市审计局.md", "2018-04/市审计局.md"]
    assert "2018年3月" in (out / "2018-03/市审计局.md").read_text(encoding="utf-8")
    assert "2018年4月" in (out / "2018-04/市审计局.md").read_text(encoding="utf-8")


def test_a_duplicate_report_is_in_no_document_and_the_summary_says_so(demo: Path) -> None:
    original = demo / "reports/2018-03/市审计局.yaml"
    (demo / "reports/2018-03/审计局.yaml").write_text(
        original.read_text(encoding="utf-8").replace("unit: 市审计局", "unit: 审计局"), encoding="utf-8")
    result = run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md")
    assert result.code == 0, result.stderr
    summary = (demo / "output/2018-03/汇总.md").read_text(encoding="utf-8")
    assert "市审计局：" not in summary
    assert "市审计局报送的文件有错误，其内容未计入本汇总" in summary
    assert "注意：2 个报告文件有错误，未计入汇总：" in result.stderr
    assert "reports/2018-03/审计局.yaml:" in result.stderr and "R306" in result.stderr
    unit = run_cli("--root", str(demo), "render", str(original), "-f", "md")
    assert unit.code == 1
    assert "R306" in unit.stderr
    assert not (demo / "output/2018-03/市审计局.md").exists()


def test_summary_credits_text_to_the_canonical_name_of_a_unit_written_by_alias(demo: Path) -> None:
    report = demo / "reports/2018-03/市审计局.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("unit: 市审计局", "unit: 审计局"),
                      encoding="utf-8")
    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md").code == 0
    summary = (demo / "output/2018-03/汇总.md").read_text(encoding="utf-8")
    assert "市审计局：" in summary
    assert "\n审计局：" not in summary


def test_bad_markup_from_a_users_template_is_theirs_to_fix(plan_repo: PlanRepo) -> None:
    path = _task_entry(plan_repo, "完成了清理。")
    plan_repo.write("templates/report.outline.j2", "@title x\n@bogus y\n")
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2
    assert "不认识的指令 @bogus" in result.stderr


def test_bad_markup_from_a_shipped_template_is_zwxts_bug(plan_repo: PlanRepo, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from zwxt.documents import templates

    package = tmp_path / "package"
    package.mkdir()
    (package / "report.outline.j2").write_text("@title x\n@bogus y\n", encoding="utf-8")
    monkeypatch.setattr(templates, "PACKAGE_TEMPLATES", package)
    path = _task_entry(plan_repo, "完成了清理。")
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 3
    assert "内部错误" in result.stderr


# ---- templates that ask for more than a machine has ---------------------------------------

BOMBS = {
    "repeat": "{{ 'x' * 10**10 }}",
    "repeat a list": "{{ ([1] * 10**8) | length }}",
    "power": "{{ 10 ** (10 ** 10) }}",
    "percent width": "{{ '%1000000000s' % 'x' }}",
    "percent star": "{{ '%*s' % (10**9, 'x') }}",
    "format filter": "{{ '%.999999999f' | format(1.5) }}",
    "format method": "{{ '{:>999999999}'.format('x') }}",
    "center filter": "{{ 'x' | center(10**9) }}",
    "center method": "{{ 'x'.center(999999999) }}",
    "ljust method": "{{ 'x'.ljust(10**9) }}",
    "indent": "{{ ('a\\n' * 100000) | indent(100000) }}",
    "wordwrap": "{{ 'x' | wordwrap(10**12) }}",
    "replace": "{{ ('x' * 100000) | replace('x', 'y' * 100000) }}",
    "doubling": "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
                "{% endfor %}{{ ns.s | length }}",
    "batch": "{{ [1] | batch(10**9, 0) | list }}",
    "join filter": "{{ range(100000) | join('x' * 100000) }}",
    "join method": "{{ ('x' * 100000).join(range(100000) | map('string')) }}",
    "sum of lists": "{{ ([[1] * 1000000] * 100) | sum(start=[]) | length }}",
    "concat doubling": "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                       "{% endfor %}{{ ns.s | length }}",
    "translate": "{{ ('x' * 100000).translate({120: 'y' * 100000}) }}",
    "bytes center": "{{ 'x'.encode().center(10**9) }}",
    "lipsum": "{{ lipsum(10**7) | length }}",
    "tojson indent": "{{ [[1]] | tojson(indent=10**9) }}",
    "loops writing": "{% for i in range(100000) %}{% for j in range(10) %}{{ 'x' * 100000 }}{% endfor %}"
                     "{% endfor %}",
    "set block": "{% set s %}{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}{% endset %}",
    "constant text": "{% for i in range(100000) %}{% for j in range(10) %}" + "长" * 20000 + "{% endfor %}"
                     "{% endfor %}",
}

# Templates that build little but work long: each passed the bounds above and took minutes
# to hours (the first, issue 17, about 3.4 hours). The work of filters, tests, methods and
# operators counts against the step budget (zwxt/documents/sandbox.py), so each ends within a few
# seconds, by the count of steps and not by the wall clock.
WORK_BOMBS = {
    "the issue's": '{% for i in range(100000) %}{% if (range(100000)|map("string")|join)|length > 10**9 %}'
                   'x{% endif %}{% endfor %}',
    "nested map and join": '{{ ([1] * 1000000) | map("string") | map("upper") | join | length }}',
    "map and join in a method": '{{ ",".join(([1] * 1000000) | map("string")) | length }}',
    "sort of a big range": "{% for i in range(100000) %}{{ range(100000) | sort | first }}{% endfor %}",
    "sort of a big list": "{{ ([0] * 1000000) | sort | first }}",
    "unique of a list": "{{ ([0] * 1000000) | unique | list | length }}",
    "lipsum": "{% for i in range(100000) %}{{ lipsum(5) | length }}{% endfor %}",
    "wordcount": '{% set s = "ab " * 300000 %}{% for i in range(100000) %}{{ s | wordcount }}{% endfor %}',
    "split": '{% set s = "ab " * 300000 %}{% for i in range(100000) %}{{ s.split() | length }}{% endfor %}',
    "wordwrap": '{% set s = "ab " * 300000 %}{% for i in range(1000) %}{{ s | wordwrap(40) | length }}'
                "{% endfor %}",
    "search with in": "{% set l = range(100000) | list %}{% for i in range(100000) %}{{ -1 in l }}"
                      "{% endfor %}",
    "doubling, cut short": '{% set ns = namespace(s="xx") %}{% for i in range(100000) %}'
                           "{% set ns.s = (ns.s + ns.s)[:500000] %}{% endfor %}{{ ns.s | length }}",
    "long texts made one": '{% set s = "x" * 1000000 %}{{ ([s] * 1000) | string | length }}',
    "long texts written": '{% set s = "x" * 1000000 %}{{ [s] * 1000 }}',
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "macro calls": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                   "{{ f(60) }}",
}

# Each bomb rendered by the real command, in one process of its own: with its memory
# limited and a timeout, a regression fails the test instead of hanging the machine.
BOMB_RUN = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from tests.support import run_cli
report, *folders = sys.argv[1:]
results = []
for folder in folders:
    start = time.monotonic()
    result = run_cli("render", report, "-f", "md", "--templates", folder)
    results.append([result.code, result.stderr, time.monotonic() - start])
print(json.dumps(results))
"""


def _render_bombs(plan_repo: PlanRepo, tmp_path: Path, bombs: dict[str, str],
                  timeout: float) -> list[tuple[int, str, float]]:
    """Exit code, standard error and seconds of ``render`` with each bomb as the outline's line 3."""
    path = _task_entry(plan_repo, "进展")
    folders = []
    for name, bomb in bombs.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "report.outline.j2").write_text(f"@title {{{{ title }}}}\n\n@p {bomb}\n", encoding="utf-8")
        folders.append(str(folder))
    done = subprocess.run([sys.executable, "-c", BOMB_RUN, str(path), *folders], cwd=plan_repo.root,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    assert not (plan_repo.root / "output").exists()
    return [(code, stderr, seconds) for code, stderr, seconds in json.loads(done.stdout)]


@pytest.mark.slow
def test_a_template_asking_for_too_much_is_refused_quickly(plan_repo: PlanRepo, tmp_path: Path) -> None:
    for name, (code, stderr, _) in zip(BOMBS, _render_bombs(plan_repo, tmp_path, BOMBS, 60), strict=True):
        assert code == 2, (name, stderr)
        # what is too big may also be too much work to read: either bound may say so first
        assert stderr.startswith(("错误：模板 report.outline.j2 第 3 行 要生成的内容过大：",
                                  "错误：模板 report.outline.j2 第 3 行 运算量过大：")), (name, stderr)
        assert "怎么办：请检查该行" in stderr and "Traceback" not in stderr, (name, stderr)


@pytest.mark.slow
def test_a_template_doing_too_much_work_is_stopped_by_the_count_of_steps(plan_repo: PlanRepo,
                                                                        tmp_path: Path) -> None:
    results = _render_bombs(plan_repo, tmp_path, WORK_BOMBS, 600)
    for name, (code, stderr, seconds) in zip(WORK_BOMBS, results, strict=True):
        assert code == 2, (name, stderr)
        assert stderr.startswith("错误：模板 report.outline.j2 第 3 行 运算量过大："
                                 "循环、调用和过滤器处理的数据合计超过了 2000000 步的上限\n"), (name, stderr)
        assert "怎么办：请检查该行和它所在的循环、宏" in stderr and "Traceback" not in stderr, (name, stderr)
        # a safety, not a benchmark: the steps end each in seconds, the clock (10 s) never
        assert seconds < 60, (name, seconds)


def test_a_template_linked_to_a_file_outside_is_not_rendered(plan_repo: PlanRepo, tmp_path: Path) -> None:
    path = _task_entry(plan_repo, "进展")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:机密\n", encoding="utf-8")
    (plan_repo.root / "templates").mkdir()
    (plan_repo.root / "templates/report.outline.j2").symlink_to(secret)
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert "模板 report.outline.j2" in result.stderr and "符号链接" in result.stderr
    assert "机密" not in result.stdout + result.stderr
    assert not (plan_repo.root / "output").exists()


# ---- what is wrong with a user's template, in Chinese -------------------------------------

TEMPLATE_ERRORS = {
    "{% for i in %}": "有语法错误：「%}」之前缺少表达式",
    "{% if x %}": "有语法错误：「{% if %}」没有结束",
    "{% foo %}": "有语法错误：不认识的标签「foo」",
    "{% endfor %}": "有语法错误：「{% endfor %}」前面没有对应的开始标签",
    "{% if x %}{% endfor %}": "有语法错误：此处出现了「{% endfor %}」，但「{% if %}」还没有",
    "{{ title ": "有语法错误：模板在「}}」之前就结束了",
    "{{ title $ }}": "有语法错误：此处不能出现字符「$」",
    "{{ 'abc }}": "有语法错误：字符串的引号「'」没有闭合",
    "{# abc": "有语法错误：注释「{#」没有对应的「#}」",
    "{{ title title }}": "有语法错误：此处应是「}}」，却是「title」",
    "{{ [1, 2 }}": "有语法错误：此处应是「]」，却是「}」",
    "{{ title | nofilter }}": "有语法错误：没有名为「nofilter」的过滤器",
    "{{ title(a=1, 2) }}": "有语法错误：函数调用的写法有误",
    "{{ nope }}": "使用的「nope」未定义",
    "{{ report.nope }}": "使用的属性「nope」不存在",
    "{{ report.__class__ }}": "不允许访问属性「__class__」",
    "{{ [].append }}": "不允许访问属性「append」",
    "{{ 1 / 0 }}": "运行出错：除以零",
    "{{ 1 // 0 }}": "运行出错：除以零",
    "{{ 'a' + 1 }}": "运行出错：运算或过滤器用在了类型不合适的值上",
    "{{ 'a'.index('b') }}": "运行出错：值不合适",
    "{{ 2.0 ** 100000 }}": "运行出错：要生成的内容过大",
    "{{ range(10**9) }}": "要生成的内容过大：「range」最多生成",
    "{{ 9 ** 999999 }}": "要生成的内容过大：乘方（**）",
    "{{ 'x' * 1000000000 }}": "要生成的内容过大：重复（*）",
    "{{ 'x' | center(1000000000) }}": "要生成的内容过大：「center」的宽度",
}


@pytest.mark.slow
def test_errors_in_a_users_template_are_said_in_chinese(plan_repo: PlanRepo, tmp_path: Path) -> None:
    from tests.parse.test_reader import ENGLISH_WORD

    path = _task_entry(plan_repo, "进展")
    for text, expected in TEMPLATE_ERRORS.items():
        mine = tmp_path / str(abs(hash(text)))
        mine.mkdir()
        (mine / "report.outline.j2").write_text(f"@title {{{{ title }}}}\n\n@p {text}\n", encoding="utf-8")
        result = run_cli("render", str(path), "-f", "md", "--templates", str(mine))
        assert result.code == 2, (text, result.stderr)
        message = result.stderr.splitlines()[0]
        assert message.startswith("错误：模板 report.outline.j2 第 "), (text, message)
        assert expected in message, (text, message)
        at_the_end = ("没有结束", "就结束了", "没有闭合")  # found where the template ends
        assert "第 3 行" in message or any(words in message for words in at_the_end), (text, message)
        said = re.sub("「[^」]*」", "", result.stderr).replace("report.outline.j2", "")
        assert not ENGLISH_WORD.search(said), (text, result.stderr)


@pytest.mark.parametrize("text", [
    "{% for i in [1] %}" * 30 + "x" + "{% endfor %}" * 30,
    "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}",
    "{{ " + "-" * 5000 + "1 }}",
])
def test_a_template_too_deeply_nested_to_compile_is_the_users_to_fix(plan_repo: PlanRepo, tmp_path: Path,
                                                                     text: str) -> None:
    path = _task_entry(plan_repo, "进展")
    plan_repo.write("templates/report.outline.j2", f"@title {{{{ title }}}}\n\n@p {text}\n")
    result = run_cli("render", str(path), "-f", "md")
    assert result.code == 2, result.stderr
    assert result.stderr.startswith("错误：模板 report.outline.j2 嵌套太深或过于复杂，无法编译")

def test_a_format_given_twice_is_written_once(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", str(path), "-f", "md", "-f", "md")
    assert result.code == 0, result.stderr
    assert result.stdout == "已生成 output/2017-11/市审计局.md\n"


def test_formats_are_written_in_the_order_given_each_once(plan_repo: PlanRepo, tmp_path: Path) -> None:
    plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", "--month", "2017-11", "--summary", "-f", "md", "-f", "docx", "-f", "md",
                     "-o", str(tmp_path))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [f"已生成 {tmp_path / name}" for name in ("汇总.md", "汇总.docx")]


def test_a_districts_summary_speaks_of_the_district(plan_repo: PlanRepo) -> None:
    tasks = plan_repo.root / "data/tasks.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace("region: 测试市", "region: 顺德区"), "utf-8")
    plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", "--month", "2017-11", "--summary", "-f", "md")
    assert result.code == 0, result.stderr
    text = (plan_repo.root / "output/2017-11/汇总.md").read_text("utf-8")
    assert "本区政务信息系统整合共享牵头部门：" in text and "本市" not in text


def test_the_summary_is_signed_by_the_coordinators_full_name_on_the_date_given(demo: Path) -> None:
    assert run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "-f", "md",
                   "--date", "2018-04-08").code == 0
    text = (demo / "output/2018-03/汇总.md").read_text(encoding="utf-8")
    before_attachment = text.split("**附件**")[0]
    assert before_attachment.rstrip().endswith(
        "附件：任务分工表及进展情况\n\n江门市网络信息统筹局\n\n2018年4月8日\n\n---")


def test_date_is_refused_for_unit_reports_whose_date_is_in_the_file(demo: Path) -> None:
    result = run_cli("--root", str(demo), "render", "--month", "2018-03", "--date", "2018-04-08")
    assert result.code == 2
    assert "--date 只用于全市汇总" in result.stderr
    assert not (demo / "output").exists()


def test_a_reports_own_date_signs_it(demo: Path) -> None:
    report = demo / "reports/2018-03/市审计局.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "date: 2018-04-03\n", encoding="utf-8")
    assert run_cli("--root", str(demo), "render", str(report), "-f", "md").code == 0
    text = (demo / "output/2018-03/市审计局.md").read_text(encoding="utf-8")
    assert text.endswith("江门市审计局\n\n2018年4月3日\n\n（联系人：李明 0750-3271234）\n")


@pytest.mark.parametrize(("day", "why"), [("2018-03-15", "不在2018年3月之后"), ("2018-04-03", "报送期限"),
                                          ("2999-01-01", "晚于今天")])
def test_the_summary_is_not_dated_before_its_facts_or_after_today(demo: Path, day: str, why: str) -> None:
    result = run_cli("--root", str(demo), "render", "--month", "2018-03", "--summary", "--date", day)
    assert result.code == 2
    assert why in result.stderr
    assert not (demo / "output").exists()
