"""zwxt import report: Word files written freely, rendered by zwxt, and forms filled by a clerk,
read back into reports/YYYY-MM/<unit>.yaml; every finding in the Word file's own terms."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.formdocx import set_cell, type_under
from tests.support import PlanRepo, run_cli

TESTS = Path(__file__).resolve().parents[1]
JIANGMEN = TESTS / "plans" / "jiangmen"
REPORT = "reports/2018-03/市审计局.yaml"


def _docx(path: Path, build: Callable[[Any], None]) -> Path:
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def _load(repo: PlanRepo, rel: str = REPORT) -> Any:
    from zwxt.parse import read_yaml
    from zwxt.plan.report import Report

    return Report.model_validate(read_yaml(rel, (repo.root / rel).read_bytes()).data)


def _free(document: Any, part: Callable[[str, str], str] = lambda n, t: f"{n}、{t}",
          sub: Callable[[str, str], str] = lambda n, t: f"（{n}）{t}", styled: bool = True,
          two: Callable[[Any], None] | None = None) -> None:
    """A report as a unit writes it along Annex 2, with its numbering written by ``part``/``sub``."""
    def heading(text: str, level: int) -> None:
        if styled:
            document.add_heading(text, level)
        else:
            document.add_paragraph().add_run(text).bold = True

    document.add_paragraph("江门市审计局政务信息系统整合共享进展报告")
    document.add_paragraph("（2018年3月）")
    document.add_paragraph("本部门政务信息系统整合共享牵头部门：计算机审计科")
    heading(part("一", "工作推进情况"), 1)
    document.add_paragraph("召开专题会议2次。")
    heading(part("二", "落实《工作方案》任务分工情况"), 1)
    if two is not None:
        two(document)
    else:
        heading(sub("一", "自查方面"), 2)
        document.add_paragraph("任务1：开展对市直有关部门的政务信息系统审计。状态：已完成（2018年3月20日）。进展：完成专项审计。")
        heading(sub("二", "清理方面"), 2)
        document.add_paragraph("本方面停用服务器4台。")
        document.add_paragraph("1. 任务2：清理“僵尸”系统")
        document.add_paragraph("状态：推进中")
        document.add_paragraph("已停止2个系统。")
        document.add_paragraph("剩余1个正在迁移数据。")
    heading(part("三", "存在的问题"), 1)
    document.add_paragraph("一、人员不足。")  # a numbered list in prose, no heading
    heading(part("四", "进一步抓紧推进的工作考虑"), 1)
    heading(sub("一", "落实月底前重点任务的工作计划"), 2)
    document.add_paragraph("4月完成迁移。")
    heading(sub("二", "下一步加快推进的工作思路"), 2)
    document.add_paragraph("加强统筹。")
    heading(part("五", "经验和典型案例"), 1)
    document.add_paragraph("无")
    heading(part("六", "意见建议"), 1)
    document.add_paragraph("建议加强培训。")
    document.add_paragraph("江门市审计局")
    document.add_paragraph("2018年4月2日")
    document.add_paragraph("（联系人：李明 0750-3271234）")


@pytest.mark.parametrize(("part", "sub", "styled"), [
    (lambda n, t: f"{n}、{t}", lambda n, t: f"（{n}）{t}", True),
    (lambda n, t: f"{n}. {t}", lambda n, t: f"({n}){t}", False),
    (lambda n, t: f"{n}．{t}", lambda n, t: f"（ {n} ） {t}", True),
    (lambda n, t: f" {n}，{t}", lambda n, t: f"({n}）{t}", False),
    (lambda n, t: f"{n}　{t}", lambda n, t: f"（{n}）、{t}", True),
])
def test_a_report_written_freely_is_read_whatever_its_numbering(
        plan_repo: PlanRepo, tmp_path: Path, part: Callable[[str, str], str],
        sub: Callable[[str, str], str], styled: bool) -> None:
    file = _docx(tmp_path / "审计局报告.docx", lambda d: _free(d, part, sub, styled))
    result = run_cli("import", "report", str(file))
    assert result.code == 0, result.stderr
    report = _load(plan_repo)
    assert (report.unit, str(report.month), report.lead_office) == ("市审计局", "2018-03", "计算机审计科")
    assert report.progress == "召开专题会议2次。"
    one, two = report.tasks
    assert (one.task, one.status.value, str(one.completed), one.progress) == \
        (1, "已完成", "2018-03-20", "完成专项审计。")
    assert (two.task, two.status.value, two.progress, two.narrative) == \
        (2, "推进中", "已停止2个系统。", "剩余1个正在迁移数据。")
    assert report.aspects == {"清理": "本方面停用服务器4台。"}
    assert report.problems == "一、人员不足。"
    assert (report.plans.key_tasks, report.plans.next_steps) == ("4月完成迁移。", "加强统筹。")
    assert report.cases is None and report.suggestions == "建议加强培训。"
    assert (str(report.date), report.contact) == ("2018-04-02", "李明 0750-3271234")
    assert run_cli("check", "--strict", REPORT).code == 0


def test_headings_numbered_by_words_list_numbering_are_found_by_their_words(plan_repo: PlanRepo,
                                                                           tmp_path: Path) -> None:
    # Word's automatic numbering shows 一、 and （一） without their being in the text
    file = _docx(tmp_path / "审计局报告.docx", lambda d: _free(d, lambda n, t: t, lambda n, t: t))
    assert run_cli("import", "report", str(file)).code == 0
    report = _load(plan_repo)
    assert (report.progress, report.problems, report.suggestions) == \
        ("召开专题会议2次。", "一、人员不足。", "建议加强培训。")
    assert report.aspects == {"清理": "本方面停用服务器4台。"}
    assert (report.plans.key_tasks, report.plans.next_steps) == ("4月完成迁移。", "加强统筹。")
    assert [e.task for e in report.tasks] == [1, 2]


def _table(rows: list[list[str]]) -> Callable[[Any], None]:
    def build(document: Any) -> None:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    return build


def test_a_task_table_under_two_is_read_in_any_column_order_with_synonyms(plan_repo: PlanRepo,
                                                                          tmp_path: Path) -> None:
    rows = [["进展", "任务序号", "备注", "完成时间", "完成状态"],
            ["完成专项审计。", "1", "报告已报市政府", "2018年3月20日", "已完成"],
            ["已停止2个系统。", "任务2", "", "", "推进中"]]
    file = _docx(tmp_path / "报告.docx", lambda d: _free(d, two=_table(rows)))
    assert run_cli("import", "report", str(file)).code == 0
    one, two = _load(plan_repo).tasks
    assert (one.task, one.status.value, str(one.completed), one.progress, one.narrative) == \
        (1, "已完成", "2018-03-20", "完成专项审计。", "报告已报市政府")
    assert (two.task, two.status.value, two.progress) == (2, "推进中", "已停止2个系统。")


def test_prose_only_under_two_without_aspects_gives_the_tasks(plan_repo: PlanRepo, tmp_path: Path) -> None:
    def two(document: Any) -> None:
        document.add_paragraph("任务1：状态：已完成，完成日期：2018-03-20。完成专项审计。")
        document.add_paragraph("任务2：清理“僵尸”系统。状态：推进中。进展情况：已停止2个系统。")

    file = _docx(tmp_path / "报告.docx", lambda d: _free(d, two=two))
    assert run_cli("import", "report", str(file)).code == 0
    one, two_ = _load(plan_repo).tasks
    assert (one.status.value, str(one.completed), one.progress) == ("已完成", "2018-03-20", "完成专项审计。")
    assert (two_.status.value, two_.progress) == ("推进中", "已停止2个系统。")


def test_every_error_names_the_row_and_column_or_the_heading_all_in_one_run(plan_repo: PlanRepo,
                                                                           tmp_path: Path) -> None:
    rows = [["序号", "状态", "完成日期", "进展情况"],
            ["1", "进行中", "", "审计中"],
            ["9", "推进中", "", "不存在的任务"],
            ["4", "已完成", "三月底", "开放数据"]]
    file = _docx(tmp_path / "市审计局.docx", lambda d: _free(d, two=_table(rows)))
    result = run_cli("import", "report", str(file))
    assert result.code == 1
    said = " ".join(result.stderr.split())
    assert "市审计局.docx：错误 「二」任务表第1行「状态」列：状态写成了「进行中」，应为「推进中」" in said
    assert "从下拉列表中选择，或照写：未启动、推进中、已完成" in said
    assert "--fix" not in said and "tasks 下" not in said  # (a Word file's hints speak of the Word file)
    assert "「二」任务表第2行（序号9）：“9”不是工作方案中的任务" in said
    assert "「二」任务表第3行（序号4）「完成日期」列：日期「三月底」" in said  # the column named once
    assert "「二」：缺少任务 2" in said  # (P001: the rules are judged too, in the same run)
    assert "未写入任何文件" in said
    assert not (plan_repo.root / REPORT).exists()
    # a task the unit must report and left out is told at the heading of 二
    only_one = _docx(tmp_path / "缺任务.docx",
                     lambda d: _free(d, two=_table([["序号", "状态"], ["1", "推进中"]])))
    result = run_cli("import", "report", str(only_one))
    assert result.code == 1 and "缺任务.docx：错误 「二」：缺少任务 2" in result.stderr


def test_draft_writes_what_was_read_marked_and_never_passes_check_strict(plan_repo: PlanRepo,
                                                                        tmp_path: Path) -> None:
    rows = [["序号", "状态", "进展情况"], ["1", "进行中", "审计中"], ["2", "推进中", "清理中"]]
    file = _docx(tmp_path / "市审计局.docx", lambda d: _free(d, two=_table(rows)))
    assert run_cli("import", "report", str(file), "--draft").code == 1
    text = (plan_repo.root / REPORT).read_text(encoding="utf-8")
    assert "# 【待核对】状态写成了「进行中」，应为「推进中」" in text
    assert run_cli("check", "--strict", REPORT).code == 1
    # a draft of a file without any doubt fails --strict too
    clean = _docx(tmp_path / "好.docx", _free)
    assert run_cli("import", "report", str(clean), "--draft", "--force").code == 0
    assert "【待填写】" in (plan_repo.root / REPORT).read_text(encoding="utf-8")
    assert run_cli("check", REPORT).code == 0 and run_cli("check", "--strict", REPORT).code == 1


def test_an_existing_report_is_replaced_only_with_force(plan_repo: PlanRepo, tmp_path: Path) -> None:
    file = _docx(tmp_path / "报告.docx", _free)
    before = plan_repo.report("2018-03", "市审计局",
                              "- task: 1\n  status: 推进中\n- task: 2\n  status: 推进中\n")
    old = before.read_bytes()
    result = run_cli("import", "report", str(file))
    assert result.code == 1 and "已存在" in result.stderr and "--force" in result.stderr
    assert before.read_bytes() == old
    assert run_cli("import", "report", str(file), "--force").code == 0
    assert _load(plan_repo).progress == "召开专题会议2次。"


def test_unit_and_month_come_from_the_options_where_the_file_does_not_say(plan_repo: PlanRepo,
                                                                         tmp_path: Path) -> None:
    def anonymous(document: Any) -> None:
        _free(document)
        for paragraph in document.paragraphs[:2]:
            paragraph.text = "进展报告"
    file = _docx(tmp_path / "报告.docx", anonymous)
    result = run_cli("import", "report", str(file))
    assert result.code == 1 and "--unit" in result.stderr and "--month" in result.stderr
    assert run_cli("import", "report", str(file), "--unit", "审计局", "--month", "2018年3月").code == 0
    assert _load(plan_repo).unit == "市审计局"
    # where the file says, the options must agree
    named = _docx(tmp_path / "named.docx", _free)
    result = run_cli("import", "report", str(named), "--unit", "市公安局", "--force")
    assert result.code == 1 and "与 --unit 所说的市公安局不一致" in result.stderr


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "said"), [
    (b"", "文件是空的"),
    (b"not a word file at all", "这不是 Word 文档"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "加密"),
    (_zip({"word/other.xml": b"<x/>"}), "其中没有 word/document.xml"),
    (_zip({"word/document.xml": b"<w:document" + b" " * (17 * 1024 * 1024)}), "压缩炸弹"),
    (_zip({"word/document.xml": b"<broken"}), "XML 无法解析"),
])
def test_a_file_that_is_no_readable_word_document_is_named_never_a_traceback(
        plan_repo: PlanRepo, tmp_path: Path, content: bytes, said: str) -> None:
    file = tmp_path / "坏文件.docx"
    file.write_bytes(content)
    result = run_cli("import", "report", str(file))
    assert result.code == 1, result.stderr
    assert f"坏文件.docx：错误 {said}" in " ".join(result.stderr.split()).replace("错误 错误", "错误") or \
        ("坏文件.docx" in result.stderr and said in result.stderr)
    assert "Traceback" not in result.stderr and not (plan_repo.root / "reports/2018-03").exists()


def test_a_file_with_two_parts_of_one_name_is_refused_as_word_might_read_the_other(
        plan_repo: PlanRepo, tmp_path: Path) -> None:
    import warnings

    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    form = plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"
    twice = tmp_path / "两份.docx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(twice, "w") as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is told to write
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("docProps/custom.xml", source.read("docProps/custom.xml")
                        .replace("市网信统筹局".encode(), "市审计局".encode()))
    before = sorted(plan_repo.root.glob("reports/**/*"))
    result = run_cli("import", "report", str(twice), "--draft")
    assert result.code == 1 and "两份.docx" in result.stderr and "两个同名的部分" in result.stderr
    assert sorted(plan_repo.root.glob("reports/**/*")) == before


def test_a_huge_file_is_refused(plan_repo: PlanRepo, tmp_path: Path) -> None:
    file = tmp_path / "大.docx"
    file.write_bytes(b"PK" + b"\0" * (21 * 1024 * 1024))
    result = run_cli("import", "report", str(file))
    assert result.code == 1 and "大.docx" in result.stderr and "文件过大" in result.stderr


# ---- rendered by zwxt, read back ----------------------------------------------------------

def _normal(record: Any) -> dict[str, Any]:
    """A report's data as its documents carry it: text as paragraphs, 无 as nothing, the date signed."""
    from zwxt.documents.document import split_paragraphs

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            text = "\n\n".join(split_paragraphs(value))
            return None if text in ("", "无") else text
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    data = fix(record.model_dump())
    data["aspects"] = {k: v for k, v in data["aspects"].items() if v}
    data["tasks"] = sorted(data["tasks"], key=lambda t: t["task"])
    data["date"] = record.signed_on
    return data


@pytest.mark.slow
def test_every_jiangmen_report_rendered_to_word_reads_back_as_the_same_data(tmp_path: Path) -> None:
    from zwxt.documents.docx_writer import docx_bytes
    from zwxt.load import Keep, load
    from zwxt.parse import read_yaml
    from zwxt.plan.report import Report
    from zwxt.services.import_report import import_reports
    from zwxt.services.render import report_document
    from zwxt.store.repo import Repository

    root = tmp_path / "jm"
    shutil.copytree(JIANGMEN, root)
    repo = Repository(root)
    loaded = load(repo, keep=Keep(paths=frozenset(repo.report_files().files)))
    plan = loaded.usable_plan()
    assert len(loaded.kept) == 44
    files = []
    for kept in loaded.kept:
        file = tmp_path / "docx" / kept.path.replace("/", "-").replace(".yaml", ".docx")
        file.parent.mkdir(exist_ok=True)
        file.write_bytes(docx_bytes(report_document(plan, kept, repo, None)))
        files.append(file)
    result = import_reports(repo, files, dry_run=True, force=True)
    assert not [p for p in result.problems if p.error]
    by_rel = {done.rel: done for done in result.imported}
    for kept in loaded.kept:
        back = Report.model_validate(read_yaml(kept.path, by_rel[kept.path].text.encode()).data)
        assert _normal(back) == _normal(kept.record), kept.path


# ---- a form filled by a clerk ----------------------------------------------------------------

def _resaved(file: Path, tmp_path: Path) -> Path:
    """The file as LibreOffice saves it again (a clerk's office)."""
    out = tmp_path / "resaved"
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-import", "--headless",
                    "--convert-to", "docx", "--outdir", str(out), str(file)],
                   check=True, capture_output=True, timeout=180)
    return out / file.name


@pytest.mark.parametrize("office", ["python-docx", "libreoffice"])
def test_a_form_filled_as_a_clerk_would_imports_as_typed(plan_repo: PlanRepo, tmp_path: Path,
                                                         office: str) -> None:
    import docx

    if office == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    form = plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"
    document = docx.Document(str(form))
    tasks, metrics = (t for t in document.tables if t.rows[0].cells[0].text == "序号")
    numbers = [row.cells[0].text for row in tasks.rows[1:]]
    for number, status, progress in (("1", "已完成", "配合完成审计。"), ("2", "推进中", "清理中。")):
        row = tasks.rows[1 + numbers.index(number)]
        set_cell(row.cells[2], status)
        set_cell(row.cells[4], progress)
    set_cell(tasks.rows[1 + numbers.index("1")].cells[3], "2018-03-10")
    row = tasks.rows[1 + numbers.index("4")]
    set_cell(row.cells[2], "已完成")  # the drop-down's value
    set_cell(row.cells[3], "2018-03-28")
    set_cell(row.cells[4], "开放数据集已达到目标。")
    row = tasks.rows[1 + numbers.index("5")]
    set_cell(row.cells[2], "推进中")
    set_cell(row.cells[4], "召开协调会1次。")
    set_cell(metrics.rows[1].cells[3], "512")
    header = document.tables[0]
    set_cell(next(r for r in header.rows if r.cells[0].text == "联系人及电话").cells[1], "张三 0750-1234567")
    type_under(document, "一、工作推进情况", "本月完成平台升级。")
    type_under(document, "三、存在的问题", "人员紧张。")
    type_under(document, "（一）落实月底前重点任务的工作计划", "完成验收。")
    type_under(document, "（二）下一步加快推进的工作思路", "加强协调。")
    type_under(document, "五、经验和典型案例", "无")
    type_under(document, "六、意见建议", "无")
    filled = tmp_path / "市网信统筹局.docx"
    document.save(str(filled))
    if office == "libreoffice":
        filled = _resaved(filled, tmp_path)
    result = run_cli("import", "report", str(filled))
    assert result.code == 0, result.stderr
    report = _load(plan_repo, "reports/2018-03/市网信统筹局.yaml")
    four, five = report.entry(4), report.entry(5)
    assert four is not None and five is not None
    assert (four.status.value, str(four.completed), four.progress, four.metrics) == \
        ("已完成", "2018-03-28", "开放数据集已达到目标。", {"开放数据集": 512})
    assert (five.status.value, five.progress) == ("推进中", "召开协调会1次。")
    assert (report.progress, report.problems, report.contact) == \
        ("本月完成平台升级。", "人员紧张。", "张三 0750-1234567")
    assert (report.plans.key_tasks, report.plans.next_steps) == ("完成验收。", "加强协调。")
    assert report.cases is None and report.suggestions is None
    assert run_cli("check", "--strict", "reports/2018-03/市网信统筹局.yaml").code == 0


@pytest.mark.parametrize("office", ["python-docx", "libreoffice"])
def test_text_typed_into_the_grey_guidance_is_kept_and_told_never_lost(plan_repo: PlanRepo, tmp_path: Path,
                                                                        office: str) -> None:
    import docx

    if office == "libreoffice" and shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    document = docx.Document(str(plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"))
    headings = [p.text for p in document.paragraphs]
    one = document.paragraphs[headings.index("一、工作推进情况") + 1]  # the grey guidance under 一
    assert one.style.name == "zwxt 填报要求"
    one.add_run("本月成立工作专班。")  # typed after the guidance, in its grey style
    five = document.paragraphs[headings.index("五、经验和典型案例") + 1]
    five.text = "推广“一网通办”经验。"  # the guidance typed over
    filled = tmp_path / "市网信统筹局.docx"
    document.save(str(filled))
    if office == "libreoffice":
        filled = _resaved(filled, tmp_path)
    result = run_cli("import", "report", str(filled), "--draft")
    assert "「一」的灰色楷体字（填报要求）中写有文字“本月成立工作专班。”，已作为「一」的内容导入" \
        in result.stderr
    assert "「五」的灰色楷体字（填报要求）中写有文字“推广“一网通办”经验。”" in result.stderr
    report = _load(plan_repo, "reports/2018-03/市网信统筹局.yaml")
    assert "本月成立工作专班。" in report.progress and "推进情况" not in report.progress  # guidance left out
    assert "推广“一网通办”经验。" in report.cases


def test_a_date_written_3月5日_is_told_once_with_an_example_of_the_forms_own_month(plan_repo: PlanRepo,
                                                                                  tmp_path: Path) -> None:
    import docx

    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-04").code == 0
    document = docx.Document(str(plan_repo.root / "output/2018-04/填报表/市网信统筹局.docx"))
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    set_cell(tasks.rows[1].cells[2], "已完成")
    set_cell(tasks.rows[1].cells[3], "4月5日")
    document.save(str(tmp_path / "f.docx"))
    result = run_cli("import", "report", str(tmp_path / "f.docx"))
    assert result.code == 1
    assert "「二」任务表第1行「完成日期」列：日期「4月5日」格式不对：请写成 YYYY-MM-DD，例如 2018-04-30" \
        in result.stderr
    assert "例如本月最后一天写作 2018-04-30" in result.stderr and "2018-03-31" not in result.stderr


def test_a_row_is_named_by_its_number_and_its_序号_once_a_row_above_was_deleted(plan_repo: PlanRepo,
                                                                              tmp_path: Path) -> None:
    import docx

    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    document = docx.Document(str(plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"))
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    second = tasks.rows[2].cells[0].text
    tasks._tbl.remove(tasks.rows[1]._tr)  # the clerk deletes the first task's row
    set_cell(tasks.rows[1].cells[2], "进行中")
    document.save(str(tmp_path / "f.docx"))
    result = run_cli("import", "report", str(tmp_path / "f.docx"))
    assert result.code == 1
    assert f"「二」任务表第1行（序号{second}）「状态」列：状态写成了「进行中」" in result.stderr


def test_a_form_of_another_unit_month_or_plan_is_refused_with_the_reason(plan_repo: PlanRepo) -> None:
    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    form = plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"
    result = run_cli("import", "report", str(form), "--unit", "市审计局")
    assert result.code == 1 and "这是市网信统筹局的填报表，不是 --unit 所说的市审计局的" in result.stderr
    result = run_cli("import", "report", str(form), "--month", "2018-04")
    assert result.code == 1 and "这是2018年3月的填报表" in result.stderr
    tasks = (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8")
    plan_repo.write("data/tasks.yaml",
                    tasks.replace("持续推进跨部门业务协同。", "持续推进跨部门、跨层级业务协同。"))
    result = run_cli("import", "report", str(form))
    assert result.code == 1 and "另一版工作方案" in result.stderr
    assert not (plan_repo.root / "reports/2018-03").exists() or \
        not list((plan_repo.root / "reports/2018-03").iterdir())


def test_a_forms_task_text_is_checked_against_the_plan(plan_repo: PlanRepo, tmp_path: Path) -> None:
    import docx

    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    document = docx.Document(str(plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"))
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    set_cell(tasks.rows[1].cells[1], "改过的任务")
    document.save(str(tmp_path / "f.docx"))
    result = run_cli("import", "report", str(tmp_path / "f.docx"))
    assert result.code == 1 and "「二」任务表第1行「工作任务」列" in result.stderr
    assert "原文被改动" in result.stderr


def test_every_file_is_told_in_one_run_and_a_missing_one_is_named(plan_repo: PlanRepo,
                                                                    tmp_path: Path) -> None:
    good = _docx(tmp_path / "好.docx", _free)
    result = run_cli("import", "report", str(good), str(tmp_path / "没有.docx"))
    assert result.code == 1 and "没有.docx：错误 找不到这个文件" in result.stderr
    assert not (plan_repo.root / REPORT).exists()  # one file refused: none written


def _forged(form: Path, out: Path, name: str, value: str) -> Path:
    """``form`` with its custom property ``name`` made to say ``value``, as a hand-edited zip would."""
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/custom.xml":
                text = data.decode("utf-8")
                start = text.index(f'name="{name}"')
                begin = text.index("<vt:lpwstr>", start) + len("<vt:lpwstr>")
                data = (text[:begin] + value + text[text.index("</vt:lpwstr>", begin):]).encode("utf-8")
            target.writestr(info, data)
    return out


def test_a_form_edited_to_serve_another_unit_or_month_is_refused_not_imported_as_its_first(
        plan_repo: PlanRepo, tmp_path: Path) -> None:
    import docx

    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    form = plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx"
    document = docx.Document(str(form))
    header = next(t for t in document.tables if t.rows[0].cells[0].text == "报送单位")
    set_cell(header.rows[0].cells[1], "市审计局")
    set_cell(header.rows[1].cells[1], "2018年4月")
    subtitle = next(p for p in document.paragraphs if p.text == "（2018年3月）")
    subtitle.runs[0].text = "（2018年4月）"
    for run in subtitle.runs[1:]:
        run.text = ""
    document.save(str(tmp_path / "reused.docx"))
    result = run_cli("import", "report", str(tmp_path / "reused.docx"), "--force")
    assert result.code == 1
    assert "表头「报送单位」写的是“市审计局”，而这份填报表是为市网信统筹局生成的" in result.stderr
    assert "表头「报告月份」写的是2018年4月，而这份填报表是为2018年3月生成的" in result.stderr
    assert "标题下的月份写的是2018年4月" in result.stderr
    assert not list(plan_repo.root.glob("reports/*/市网信统筹局.yaml"))
    assert "而这份填报表是为" not in run_cli("import", "report", str(form), "--dry-run").stderr


@pytest.mark.parametrize("month", ["2018-13", "9999-99", "../2018-03", ""])
def test_a_form_whose_recorded_month_is_no_month_is_refused_not_read_from_its_text(
        plan_repo: PlanRepo, tmp_path: Path, month: str) -> None:
    assert run_cli("form", "--unit", "市网信统筹局", "--month", "2018-03").code == 0
    form = _forged(plan_repo.root / "output/2018-03/填报表/市网信统筹局.docx", tmp_path / "f.docx",
                   "zwxt-month", month)
    result = run_cli("import", "report", str(form))
    assert result.code == 1
    assert (f"填报表记录的报告月份“{month}”不是月份" if month else "填报表没有记录报告月份") in result.stderr
    assert not list(plan_repo.root.glob("reports/*/市网信统筹局.yaml"))


def test_a_word_file_that_imports_as_too_big_a_report_says_so_of_the_import(plan_repo: PlanRepo,
                                                                           tmp_path: Path) -> None:
    import copy

    def long_table(document: Any) -> None:
        _table([["序号", "状态", "进展情况"], ["5", "推进中", "召开协调会，研究部署工作。"]])(document)
        row = document.tables[-1].rows[1]._tr
        for _ in range(4000):  # a row pasted over and over, as a careless copy does
            row.addnext(copy.deepcopy(row))

    file = _docx(tmp_path / "长.docx", lambda d: _free(d, two=long_table))
    assert file.stat().st_size < 128 * 1024
    result = run_cli("import", "report", str(file), "--unit", "市审计局", "--month", "2018-03", "--force")
    assert result.code == 1
    assert "长.docx：错误 导入后的报告过大" in result.stderr and "重复或无关的表格行" in result.stderr
    assert "误放了其他文件" not in result.stderr
