"""The library is the product: ``zwxt.open`` answers what the commands write, in memory as on disk."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import zwxt
from tests.gitplan import GitPlan
from tests.noticeplan import AUDIT_MARCH, POLICE_MARCH, TAISHAN_MARCH, march
from tests.support import PlanFiles, PlanRepo, run_cli
from zwxt.dates import Month
from zwxt.plan.status import State

MARCH = Month(2018, 3)
DAY = date(2018, 4, 10)
AUDIT_DONE = "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n  progress: 已完成审计。\n"


def _files(repo: PlanRepo) -> dict[str, str | bytes]:
    """The files of a plan on disk, as a mapping held in memory."""
    return {path.relative_to(repo.root).as_posix(): path.read_bytes()
            for path in sorted(repo.root.rglob("*.yaml"))}


def _with_march(repo: PlanRepo) -> None:
    for unit, text in (("市审计局", AUDIT_MARCH), ("市公安局", POLICE_MARCH), ("台山市", TAISHAN_MARCH)):
        repo.write(f"reports/2018-03/{unit}.yaml", text)


def test_import_zwxt_loads_nothing_heavy() -> None:
    probe = "import sys, zwxt; print(sorted(m for m in ('pydantic', 'typer', 'rich') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        zwxt.nothing_here  # noqa: B018


def test_every_exported_name_loads() -> None:
    for name in zwxt.__all__:
        assert getattr(zwxt, name) is not None, name
    assert issubclass(zwxt.FindingsError, zwxt.ZwxtError)
    from zwxt.services.workplan import open_plan

    assert zwxt.open is open_plan
    assert zwxt.__all__ == ["__version__", *zwxt._API]  # (the literal a type checker reads)


def test_a_plan_in_memory_gives_findings_status_and_a_draft(plan: PlanFiles) -> None:
    plan.report("2017-12", "审计局", name="市审计局", tasks=AUDIT_DONE)
    opened = zwxt.open(plan.files)
    assert opened.findings == []
    one = next(t for t in opened.status(on=date(2017, 12, 31)).tasks if t.task.id == 1)
    assert one.state is State.DONE
    assert opened.status(on=date(2017, 12, 31), unit="审计局").unit == "市审计局"
    draft = opened.new_report("审计局", Month(2018, 1))
    assert draft.startswith("# yaml-language-server")
    assert "unit: 市审计局\nmonth: 2018-01\n" in draft


def test_a_directory_is_searched_upwards_and_a_missing_one_refused(plan_repo: PlanRepo,
                                                                   tmp_path: Path) -> None:
    assert zwxt.open(plan_repo.root / "reports").source == zwxt.Repository(plan_repo.root.resolve())
    with pytest.raises(zwxt.NotARepositoryError, match="不是工作方案仓库"):
        zwxt.open(plan_repo.root / "reports" / "2099-01")
    with pytest.raises(zwxt.NotARepositoryError):
        zwxt.open(tmp_path / "elsewhere")


def test_a_directory_outside_any_plan_is_named_not_the_current_one(tmp_path: Path) -> None:
    outside = tmp_path / "not-a-plan"
    outside.mkdir()
    with pytest.raises(zwxt.NotARepositoryError) as refused:
        zwxt.open(outside)
    assert str(outside) in refused.value.message and "当前目录" not in refused.value.message


def test_findings_are_those_of_zwxt_check(plan: PlanFiles) -> None:
    from zwxt.services.check import check

    plan.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    # 25 findings of one code in one file: the command line shows 20 and a summary line
    unknown = "".join(f"  - task: {99 + i}\n    status: 推进中\n" for i in range(25))
    plan.write("reports/2017-12/市公安局.yaml",
               "unit: 市公安局\nmonth: 2017-12\nlead_office: 办公室\ntasks:\n" + unknown)
    findings = zwxt.open(plan.files).findings
    assert findings == check(zwxt.InMemory(plan.files)).diagnostics
    assert {d.code for d in findings} >= {"R304"}
    assert all(isinstance(d, zwxt.Diagnostic) and isinstance(d.severity, zwxt.Severity) for d in findings)


def test_the_report_is_what_zwxt_render_writes_on_disk_and_from_memory(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    assert run_cli("render", "--month", "2017-12").code == 0
    written = plan_repo.root / "output/2017-12"
    for opened in (zwxt.open(plan_repo.root), zwxt.open(_files(plan_repo))):
        document = opened.report("审计局", Month(2017, 12))
        assert isinstance(document, zwxt.Document)
        assert document.to_markdown() == (written / "市审计局.md").read_text(encoding="utf-8")
        assert document.to_docx() == (written / "市审计局.docx").read_bytes()


def test_the_word_file_reads_back_with_python_docx(plan: PlanFiles) -> None:
    import docx

    plan.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    data = zwxt.open(plan.files).report("市审计局", Month(2017, 12)).to_docx()
    word = docx.Document(io.BytesIO(data))
    text = [p.text for p in word.paragraphs if p.text.strip()]
    assert text[:2] == ["江门市审计局", "政务信息系统整合共享进展报告"]  # the title, broken as printed
    assert "已完成审计。" in "".join(text)
    assert word.core_properties.title == "江门市审计局政务信息系统整合共享进展报告"


def test_the_summary_is_what_zwxt_render_summary_writes(plan_repo: PlanRepo) -> None:
    _with_march(plan_repo)
    plan_repo.write("reports/2018-03/蓬江区.yaml", "unit: 蓬江区\nmonth: 2018-13\n")  # left out
    assert run_cli("render", "--month", "2018-03", "--summary", "--date", "2018-04-10").code == 0
    written = plan_repo.root / "output/2018-03"
    for opened in (zwxt.open(plan_repo.root), zwxt.open(_files(plan_repo))):
        summary = opened.summary(MARCH, day=DAY)
        assert summary.to_markdown() == (written / "汇总.md").read_text(encoding="utf-8")
        assert summary.to_docx() == (written / "汇总.docx").read_bytes()
        assert [item.path for item in opened.left_out(MARCH)] == ["reports/2018-03/蓬江区.yaml"]


def test_notices_and_circular_are_what_zwxt_notice_writes(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    git_plan: GitPlan = march(tmp_path / "plan")
    root = git_plan.files.root
    monkeypatch.chdir(root)
    assert run_cli("notice", "--month", "2018-03", "--date", "2018-04-10").code == 0
    assert run_cli("notice", "--month", "2018-03", "--date", "2018-04-10", "--circular").code == 0
    opened = zwxt.open(root)
    notices = opened.notices(MARCH, day=DAY)
    assert list(notices) == ["市公安局", "蓬江区"]
    for unit, document in notices.items():
        folder = root / "output/2018-03/督办通知"
        assert document.to_markdown() == (folder / f"{unit}.md").read_text(encoding="utf-8")
        assert document.to_docx() == (folder / f"{unit}.docx").read_bytes()
    circular = opened.circular(MARCH, day=DAY)
    assert circular is not None
    assert circular.to_markdown() == (root / "output/2018-03/通报.md").read_text(encoding="utf-8")
    assert opened.supervision(MARCH, day=DAY).reply_by == date(2018, 4, 17)


def test_notices_from_memory_are_those_of_a_plan_on_disk_without_git(plan_repo: PlanRepo) -> None:
    _with_march(plan_repo)
    assert run_cli("notice", "--month", "2018-03", "--date", "2018-04-10", "-f", "md").code == 0
    notices = zwxt.open(_files(plan_repo)).notices(MARCH, day=DAY)
    folder = plan_repo.root / "output/2018-03/督办通知"
    assert sorted(notices) == sorted(p.stem for p in folder.iterdir())
    for unit, document in notices.items():
        assert document.to_markdown() == (folder / f"{unit}.md").read_text(encoding="utf-8")


def test_new_report_is_the_draft_zwxt_report_new_shows(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    shown = run_cli("report", "new", "--unit", "审计局", "--month", "2018-01", "--dry-run")
    assert shown.code == 0, shown.stderr
    assert zwxt.open(plan_repo.root).new_report("审计局", Month(2018, 1)) == shown.stdout
    assert zwxt.open(_files(plan_repo)).new_report("审计局", Month(2018, 1)) == shown.stdout
    with pytest.raises(zwxt.FileExistsRefusal):
        zwxt.open(_files(plan_repo)).new_report("市审计局", Month(2017, 12))


def test_submissions_and_status_are_those_of_zwxt_status(plan_repo: PlanRepo) -> None:
    from zwxt.services.status import month_submissions, status

    _with_march(plan_repo)
    repo = zwxt.Repository(plan_repo.root)
    opened = zwxt.open(plan_repo.root)
    assert opened.submissions(MARCH) == month_submissions(repo, MARCH).submissions
    police = month_submissions(repo, MARCH, "市公安局").submissions
    assert opened.submissions(MARCH, unit="市公安局") == police
    assert opened.status(on=date(2018, 3, 31)) == status(repo, date(2018, 3, 31)).status
    missing = [s.unit for s in opened.submissions(MARCH).items if s.state is zwxt.SubmissionState.MISSING]
    assert missing == ["市网信统筹局", "蓬江区"]


def test_what_cannot_be_answered_is_a_typed_error(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    plan.write("reports/2017-12/市公安局.yaml", "unit: 市公安局\nmonth: 2017-12\nlead_office: 办公室\n"
               "tasks:\n  - task: 1\n    status: 完成了\n")
    opened = zwxt.open(plan.files)
    with pytest.raises(zwxt.FindingsError) as refused:
        opened.report("市公安局", Month(2017, 12))
    assert {d.path for d in refused.value.diagnostics} == {"reports/2017-12/市公安局.yaml"}
    assert refused.value.exit_code == 1
    with pytest.raises(zwxt.FindingsError):
        opened.notices(Month(2017, 12), day=date(2018, 1, 10))
    with pytest.raises(zwxt.UsageError, match="没有2017年12月的进展报告"):
        opened.report("台山市", Month(2017, 12))
    with pytest.raises(zwxt.UsageError, match="没有名为「市教育局」的单位"):
        opened.report("市教育局", Month(2017, 12))
    plan.edit("data/tasks.yaml", "deadline: 长期坚持", "deadline: 每月5日前")
    with pytest.raises(zwxt.BrokenPlanError):
        zwxt.open(plan.files).summary(Month(2017, 12))


def test_questions_about_one_month_share_one_load(plan: PlanFiles,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import zwxt.services.workplan as workplan

    loads: list[Month | None] = []
    real = workplan.load

    def counted(*args: object, **options: object) -> zwxt.LoadedPlan:
        loads.append(options.get("until"))  # type: ignore[arg-type]
        return real(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(workplan, "load", counted)
    plan.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    opened = zwxt.open(plan.files)
    december = Month(2017, 12)
    opened.status(on=date(2017, 12, 31))
    opened.submissions(december)
    opened.report("市审计局", december)
    opened.summary(december, day=date(2018, 1, 10))
    opened.notices(december, day=date(2018, 1, 10))
    opened.new_report("台山市", december)
    assert loads == [december]
    opened.new_report("市审计局", Month(2018, 1))
    opened.status(on=date(2017, 12, 1))
    assert loads == [december, Month(2018, 1), december]  # one month kept at a time
    assert opened.findings == opened.findings
    assert loads == [december, Month(2018, 1), december, None]


def test_write_document_puts_both_files_on_disk(plan: PlanFiles, tmp_path: Path) -> None:
    plan.report("2017-12", "市审计局", tasks=AUDIT_DONE)
    document = zwxt.open(plan.files).report("市审计局", Month(2017, 12))
    both = [zwxt.OutputFormat.docx, zwxt.OutputFormat.md]
    written = zwxt.write_document(document, tmp_path, "市审计局", both)
    assert written == [tmp_path / "市审计局.docx", tmp_path / "市审计局.md"]
    assert written[0].read_bytes() == document.to_docx()
    assert written[1].read_text(encoding="utf-8") == document.to_markdown()


TYPED = '''
from datetime import date
from typing_extensions import assert_type
import zwxt

plan = zwxt.open("somewhere")
month = zwxt.Month(2018, 3)
assert_type(plan, zwxt.WorkPlan)
assert_type(zwxt.open({"data/units.yaml": b""}), zwxt.WorkPlan)
assert_type(plan.findings, list[zwxt.Diagnostic])
assert_type(plan.findings[0].severity, zwxt.Severity)
assert_type(plan.status(on=date(2018, 6, 30)), zwxt.PlanStatus)
assert_type(plan.status(on=date(2018, 6, 30)).tasks[0].state, zwxt.State)
assert_type(plan.submissions(month), zwxt.Submissions)
assert_type(plan.report("市审计局", month), zwxt.Document)
assert_type(plan.report("市审计局", month).to_docx(), bytes)
assert_type(plan.summary(month).to_markdown(), str)
assert_type(plan.notices(month), dict[str, zwxt.Document])
assert_type(plan.circular(month), zwxt.Document | None)
assert_type(plan.new_report("市审计局", month), str)
assert_type(plan.left_out(month), list[zwxt.LeftOut])
error: type[zwxt.ZwxtError] = zwxt.FindingsError
plan.status(on="2018-06-30")
'''


def test_mypy_sees_the_real_types(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(TYPED, encoding="utf-8")
    source = Path(__file__).resolve().parents[1] / "src"
    done = subprocess.run([sys.executable, "-m", "mypy", "--python-version", "3.10",
                           "--config-file", "/dev/null", "--follow-imports", "silent",
                           "--no-implicit-reexport",  # (as --strict and pyright: only __all__ exports `open`)
                           "--cache-dir", str(tmp_path / "cache"), str(snippet)],
                          capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(source)})
    # one error, the last line's: a type checker that saw Any would pass it, and every assert_type
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout
    assert f"snippet.py:{len(TYPED.splitlines())}: error: Argument \"on\"" in errors[0]


@pytest.mark.parametrize("files", [{"data/tasks.yaml": 3}, {"data/tasks.yaml": None},
                                   {Path("data/tasks.yaml"): ""}])
def test_files_that_are_not_text_are_refused_when_opened(files: dict[object, object]) -> None:
    with pytest.raises(TypeError, match="zwxt.open takes files as path"):
        zwxt.open(files)  # type: ignore[arg-type]
