"""A report the coordinator received from a unit and committed on its behalf, on real git repositories:
``commit_received``, what ``zwxt check --base`` makes of its trailers, and the submission day."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.gitplan import AUDIT, COORDINATOR, STRANGER, TAISHAN, UNITS, GitPlan, pull_request_plan
from tests.support import TASKS_YAML, report_yaml, run_cli
from zwxt.errors import FileExistsRefusal, UsageError
from zwxt.plan.received import Received
from zwxt.services.received import commit_received
from zwxt.services.scaffold import NotAMaintainerError
from zwxt.store.repo import Repository

DECEMBER = "reports/2017-12/市审计局.yaml"
WORD = b"PK\x03\x04 the Word file as it came"
DIGEST = hashlib.sha256(WORD).hexdigest()
REPORT = report_yaml("市审计局", "2017-12", "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n")


def _as(plan: GitPlan, who: tuple[str, str]) -> None:
    with plan.repo.config_writer() as config:
        config.set_value("user", "name", who[0])
        config.set_value("user", "email", who[1])


@pytest.fixture
def pr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """main holds the plan and 市审计局's November report; HEAD is ``pr``; git's user the coordinator's."""
    plan = pull_request_plan(tmp_path / "plan")
    _as(plan, COORDINATOR)
    monkeypatch.chdir(plan.files.root)
    return plan


def _found(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", *args)
    return result.code, json.loads(result.stdout)


def _message(unit: str = "市审计局", on: str = "2018-01-03") -> str:
    return f"{unit} 2017年12月进展报告\n\n{Received(unit, date.fromisoformat(on), DIGEST).trailers()}"


def test_received_on_behalf_is_committed_with_its_trailers_and_passes_base(pr: GitPlan) -> None:
    done = commit_received(Repository(pr.files.root), DECEMBER, REPORT.encode(), "审计局",
                           date(2018, 1, 3), DIGEST.upper())
    assert done.branch == "report/2017-12/市审计局"
    assert pr.repo.active_branch.name == done.branch
    assert pr.repo.head.commit.hexsha == done.sha
    assert (pr.files.root / DECEMBER).read_text("utf-8") == REPORT
    head = pr.repo.head.commit
    assert (head.author.email, head.committer.email) == (COORDINATOR[1], COORDINATOR[1])
    assert [d.a_path for d in head.diff(head.parents[0])] == [DECEMBER]
    trailers = subprocess.run(["git", "interpret-trailers", "--parse"], input=head.message.encode(),
                              capture_output=True, check=True).stdout.decode()
    assert trailers == f"Received-For: 市审计局\nReceived-On: 2018-01-03\nReceived-File-SHA256: {DIGEST}\n"
    assert _found("--base", "main") == (0, [])
    pr.repo.git.commit("--amend", "-m", head.message.split("\n")[0])  # the trailers taken away
    assert [(f["path"], f["code"]) for f in _found("--base", "main")[1]] == [(DECEMBER, "G101")]


def test_the_same_commit_without_its_trailers_is_g101(pr: GitPlan) -> None:
    sha = pr.commit(COORDINATOR, "市审计局 2017年12月进展报告", {DECEMBER: REPORT})
    code, found = _found("--base", "main")
    assert code == 1
    [owned] = found
    assert (owned["path"], owned["code"]) == (DECEMBER, "G101")
    assert owned["message"] == (f"提交 {sha[:8]}（作者 网信局小李 <wxj@example.gov.cn>）修改了这个文件，"
                                "但只有市审计局的维护人（sjj@example.gov.cn）可以修改它")
    assert "Received-For" in str(owned["hint"]) and "--received" in str(owned["hint"])


def test_trailers_naming_another_unit_are_g101(pr: GitPlan) -> None:
    pr.commit(COORDINATOR, _message("台山市"), {DECEMBER: REPORT})
    code, found = _found("--base", "main")
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [(DECEMBER, "G101")]
    assert "Received-For 写的是「台山市」" in str(found[0]["hint"])


def test_the_trailers_cover_that_units_reports_alone(pr: GitPlan) -> None:
    taishan = "reports/2017-12/台山市.yaml"
    pr.commit(COORDINATOR, _message("审计局"),  # (any of the unit's names)
              {DECEMBER: REPORT, taishan: report_yaml("台山市", "2017-12")})
    code, found = _found("--base", "main")
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [(taishan, "G101")]


def test_someone_not_the_coordinators_with_trailers_is_g101(pr: GitPlan) -> None:
    for who in (STRANGER, TAISHAN):
        pr.repo.git.reset("--hard", "main")
        pr.commit(who, _message(), {DECEMBER: REPORT})
        code, found = _found("--base", "main")
        assert code == 1
        assert [(f["path"], f["code"]) for f in found] == [(DECEMBER, "G101")]
        assert "只在统筹单位的维护人提交时有效" in str(found[0]["hint"])


def test_trailers_quoted_before_the_last_paragraph_say_nothing(pr: GitPlan) -> None:
    pr.commit(COORDINATOR, _message() + "\n补充说明：这份报告由网信局录入。\n", {DECEMBER: REPORT})
    assert [f["code"] for f in _found("--base", "main")[1]] == ["G101"]


def test_a_received_day_after_the_commit_is_g109(pr: GitPlan) -> None:
    sha = pr.commit(COORDINATOR, _message(on="2018-01-10"), {DECEMBER: REPORT},
                    committed="2018-01-05T10:00:00+08:00")
    code, found = _found("--base", "main")
    assert code == 1
    [late] = found
    assert (late["path"], late["code"], late["severity"]) == (DECEMBER, "G109", "error")
    assert late["message"] == (f"提交 {sha[:8]} 说这份报告是2018年1月10日收到的，"
                               "晚于这次提交的日期（2018年1月5日）：收到日期不能晚于提交")
    pr.repo.git.reset("--hard", "main")
    pr.commit(COORDINATOR, _message(on="2017-11-30"), {DECEMBER: REPORT},
              committed="2018-01-05T10:00:00+08:00")
    [early] = _found("--base", "main")[1]
    assert (early["code"], "早于它所报告的2017年12月" in str(early["message"])) == ("G109", True)


def test_a_unit_without_maintainers_is_the_coordinators_to_keep_as_today(pr: GitPlan) -> None:
    police = "reports/2017-12/市公安局.yaml"
    pr.commit(COORDINATOR, "代交", {police: report_yaml("市公安局", "2017-12")})
    owned = [(f["code"], f["severity"]) for f in _found("--base", "main")[1]
             if str(f["code"]).startswith("G")]
    assert owned == [("G103", "warning")]
    pr.repo.git.reset("--hard", "main")
    pr.commit(COORDINATOR, _message("市公安局"), {police: report_yaml("市公安局", "2017-12")})
    assert [(f["code"], f["severity"]) for f in _found("--base", "main")[1]
            if str(f["code"]).startswith("G")] == owned


# ---- commit_received refuses, nothing done -----------------------------------------------

def _state(plan: GitPlan) -> tuple[str, str, str, bool]:
    git = plan.repo.git
    return (git.rev_parse("HEAD"), git.for_each_ref(), git.status("--porcelain"),
            (plan.files.root / DECEMBER).exists())


@pytest.mark.parametrize(("who", "rel", "unit", "received", "digest", "refusal", "said"), [
    (AUDIT, DECEMBER, "市审计局", date(2018, 1, 3), DIGEST, NotAMaintainerError, "不是市网信统筹局的维护人"),
    (COORDINATOR, DECEMBER, "市审计局", date.today() + timedelta(days=1), DIGEST, UsageError, "晚于今天"),
    (COORDINATOR, DECEMBER, "市审计局", date(2017, 11, 30), DIGEST, UsageError,
     "早于这份报告所报告的2017年12月"),
    (COORDINATOR, DECEMBER, "市审计局", date(2018, 1, 3), DIGEST[:40], UsageError, "不是 SHA-256 摘要"),
    (COORDINATOR, DECEMBER, "台山市", date(2018, 1, 3), DIGEST, UsageError, "不是台山市的报告文件的位置"),
    (COORDINATOR, "reports/2017-11/市审计局.yaml", "市审计局", date(2017, 12, 3), DIGEST, FileExistsRefusal,
     "已存在"),
])
def test_commit_received_refuses_before_anything_is_done(
        pr: GitPlan, who: tuple[str, str], rel: str, unit: str, received: date, digest: str,
        refusal: type[Exception], said: str) -> None:
    _as(pr, who)
    before = _state(pr)
    with pytest.raises(refusal) as raised:
        commit_received(Repository(pr.files.root), rel, REPORT.encode(), unit, received, digest)
    assert said in str(raised.value)
    assert _state(pr) == before


def test_commit_received_needs_a_coordinator_with_maintainers(pr: GitPlan) -> None:
    pr.repo.git.checkout("main")
    tasks = TASKS_YAML.replace("  coordinator: 市网信统筹局\n", "")
    pr.commit(COORDINATOR, "去掉统筹单位", {"data/tasks.yaml": tasks})
    with pytest.raises(UsageError, match="没有指定统筹单位"):
        commit_received(Repository(pr.files.root), DECEMBER, REPORT.encode(), "市审计局", date(2018, 1, 3),
                        DIGEST)
    assert not (pr.files.root / DECEMBER).exists()


# ---- the submission day -------------------------------------------------------------------

MARCH = "reports/2018-03/市审计局.yaml"


@pytest.fixture
def march(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    """The plan on main from 1 March 2018; reports for March are due on 5 April (次月5日前)."""
    plan = GitPlan(tmp_path / "plan")
    plan.commit(COORDINATOR, "工作方案", {"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML},
                committed="2018-03-01T09:00:00+08:00")
    monkeypatch.chdir(plan.files.root)
    return plan


def _on_behalf(plan: GitPlan, who: tuple[str, str], message: str, committed: str, merged: str) -> None:
    """``who`` commits 市审计局's March report on a branch at ``committed``; the coordinator merges it."""
    plan.branch("received")
    plan.commit(who, message, {MARCH: report_yaml("市审计局", "2018-03")}, committed=committed)
    plan.merge("received", COORDINATOR, merged)


def _audit() -> dict[str, object]:
    result = run_cli("status", "--month", "2018-03", "--format", "json")
    [audit] = [i for i in json.loads(result.stdout) if i["unit"] == "市审计局"]
    return audit


def _march(unit: str = "市审计局", on: str = "2018-04-02") -> str:
    return f"{unit} 2018年3月进展报告\n\n{Received(unit, date.fromisoformat(on), DIGEST).trailers()}"


def test_the_submission_day_of_a_report_received_on_behalf_is_the_received_day(march: GitPlan) -> None:
    _on_behalf(march, COORDINATOR, _march(), "2018-04-06T10:00:00+08:00", "2018-04-09T10:00:00+08:00")
    audit = _audit()
    assert (audit["submitted_on"], audit["due_on"], audit["late"]) == ("2018-04-02", "2018-04-05", False)


def test_the_received_day_counts_committed_straight_on_main(march: GitPlan) -> None:
    march.commit(COORDINATOR, _march(), {MARCH: report_yaml("市审计局", "2018-03")},
                 committed="2018-04-06T10:00:00+08:00")
    assert _audit()["submitted_on"] == "2018-04-02"


@pytest.mark.parametrize(("who", "message"), [
    (COORDINATOR, _march(on="2018-04-07")),  # received after the commit: G109, the main line's day
    (COORDINATOR, _march(on="2018-02-27")),  # received before its month began
    (AUDIT, _march()),  # the unit's own word on when it sent its report is no receipt
    (COORDINATOR, _march("台山市")),  # another unit's receipt
    (COORDINATOR, "市审计局 2018年3月进展报告"),  # no trailers
])
def test_a_received_day_that_does_not_count_leaves_the_main_lines_day(march: GitPlan, who: tuple[str, str],
                                                                      message: str) -> None:
    _on_behalf(march, who, message, "2018-04-06T10:00:00+08:00", "2018-04-09T10:00:00+08:00")
    audit = _audit()
    assert (audit["submitted_on"], audit["late"]) == ("2018-04-09", True)


def test_a_received_report_renamed_keeps_its_received_day(march: GitPlan) -> None:
    march.commit(COORDINATOR, _march(), {"reports/2018-03/审计局.yaml": report_yaml("市审计局", "2018-03")},
                 committed="2018-04-06T10:00:00+08:00")
    march.repo.git.mv("reports/2018-03/审计局.yaml", MARCH)
    march.commit(AUDIT, "改名", committed="2018-04-20T10:00:00+08:00")
    assert _audit()["submitted_on"] == "2018-04-02"


# ---- the whole way: a form out, filled, and committed on the unit's behalf ------------------

def _filled_form(plan: GitPlan, tmp_path: Path) -> Path:
    """市审计局's March form, filled in as its clerk would and sent back."""
    from tests.formdocx import open_docx, set_cell, type_under

    assert run_cli("form", "--unit", "市审计局", "--month", "2018-03").code == 0
    document = open_docx(plan.files.root / "output/2018-03/填报表/市审计局.docx")
    tasks = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    rows = {row.cells[0].text: row for row in tasks.rows[1:]}
    assert set(rows) == {"1", "2", "4"}
    set_cell(rows["1"].cells[2], "已完成")
    set_cell(rows["1"].cells[3], "2018-03-20")
    set_cell(rows["1"].cells[4], "审计报告已印发。")
    for number in ("2", "4"):
        set_cell(rows[number].cells[2], "推进中")
        set_cell(rows[number].cells[4], f"任务{number}按计划推进。")
    header = document.tables[0]
    set_cell(next(r for r in header.rows if r.cells[0].text == "联系人及电话").cells[1], "王五 0750-3271234")
    for heading in ("一、工作推进情况", "三、存在的问题", "（一）落实月底前重点任务的工作计划",
                    "（二）下一步加快推进的工作思路", "五、经验和典型案例", "六、意见建议"):
        type_under(document, heading, "无")
    sent = tmp_path / "来文" / "市审计局.docx"
    sent.parent.mkdir()
    document.save(str(sent))
    return sent


def test_a_form_sent_back_is_imported_and_committed_on_behalf_and_passes_base(
        march: GitPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as(march, COORDINATOR)
    sent = _filled_form(march, tmp_path)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2018-04-06T10:00:00+08:00")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2018-04-06T10:00:00+08:00")
    result = run_cli("import", "report", str(sent), "--commit", "--received", "2018－4－2")
    assert result.code == 0, result.stderr
    assert "report/2018-03/市审计局" in result.stdout and "收到日期 2018-04-02）" in result.stdout
    head = march.repo.head.commit
    assert march.repo.active_branch.name == "report/2018-03/市审计局"
    assert [d.a_path for d in head.diff(head.parents[0])] == [MARCH]
    digest = hashlib.sha256(sent.read_bytes()).hexdigest()
    assert head.message.endswith(f"Received-For: 市审计局\nReceived-On: 2018-04-02\n"
                                 f"Received-File-SHA256: {digest}\n")
    record = json.loads(run_cli("check", "--format", "json", "--base", "main").stdout)
    assert record == []
    march.merge("report/2018-03/市审计局", COORDINATOR, "2018-04-09T10:00:00+08:00")
    audit = _audit()
    assert (audit["submitted_on"], audit["late"]) == ("2018-04-02", False)


@pytest.mark.parametrize(("extra", "code"), [
    (["--commit"], 2),  # no received day
    (["--received", "2018-04-02"], 2),  # a received day without committing
    (["--commit", "--received", "2018-04-02", "--draft"], 2),
    (["--commit", "--received", "2018-04-02", "--force"], 2),
    (["--commit", "--received", "2018-02-27"], 2),  # before its month began
])
def test_a_commit_on_behalf_that_cannot_be_is_refused_with_nothing_done(
        march: GitPlan, tmp_path: Path, extra: list[str], code: int) -> None:
    _as(march, COORDINATOR)
    sent = _filled_form(march, tmp_path)
    def state() -> tuple[str, str, str]:
        git = march.repo.git
        return march.repo.head.commit.hexsha, git.for_each_ref(), git.status("--porcelain")

    before = state()
    result = run_cli("import", "report", str(sent), *extra)
    assert result.code == code, result.stderr
    assert "Traceback" not in result.stderr and "错误" in result.stderr
    assert state() == before
    assert not (march.files.root / MARCH).exists()


def test_two_files_are_not_committed_at_once(march: GitPlan, tmp_path: Path) -> None:
    _as(march, COORDINATOR)
    sent = _filled_form(march, tmp_path)
    result = run_cli("import", "report", str(sent), str(sent), "--commit", "--received", "2018-04-02")
    assert result.code == 2 and "一次只能导入一个文件" in result.stderr


def test_a_unit_cannot_commit_a_report_on_its_own_behalf(march: GitPlan, tmp_path: Path) -> None:
    _as(march, COORDINATOR)
    sent = _filled_form(march, tmp_path)
    _as(march, AUDIT)
    result = run_cli("import", "report", str(sent), "--commit", "--received", "2018-04-02")
    assert result.code == 1 and "不是市网信统筹局的维护人" in result.stderr
    assert march.repo.active_branch.name == "main" and not (march.files.root / MARCH).exists()
