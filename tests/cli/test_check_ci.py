"""zwxt check for CI: GitHub's annotation limits and step summary, GitLab's Code Quality report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli
from zwxt.cli.output import print_gitlab
from zwxt.diagnostics import error

AUDIT = "reports/2017-11/市审计局.yaml"
POLICE = "reports/2017-11/市公安局.yaml"


@pytest.fixture
def many(plan_repo: PlanRepo) -> PlanRepo:
    """25 errors (R304: tasks that do not exist) and 12 warnings (Y010: zero-width spaces)."""
    def tasks(ids: range) -> str:
        return "\n".join(f"- task: {i}\n  status: 推进中\n  progress: 无" for i in ids)

    plan_repo.report("2017-11", "市审计局", tasks(range(101, 114)),
                     extra="progress: |\n" + "".join(f"  第{i}行\u200b\n" for i in range(12)))
    plan_repo.report("2017-11", "市公安局", tasks(range(201, 213)))
    return plan_repo


# ---- GitHub -------------------------------------------------------------------------------

def test_github_annotates_ten_of_each_and_counts_the_rest_in_one_notice(
        many: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    result = run_cli("check", "--format", "github")
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert len([line for line in lines if line.startswith("::error file=")]) == 10
    assert len([line for line in lines if line.startswith("::warning file=")]) == 10
    assert lines[-1] == ("::notice title=zwxt check::另有 15 个错误、2 个警告未逐一标注"
                         "（GitHub 每一步最多显示 10 个错误和 10 个警告）"
                         "：请在本地运行 zwxt check 查看全部问题")
    assert len(lines) == 21
    assert "25 个错误、12 个警告" in result.stderr  # the summary line counts them all


def test_github_prints_no_notice_within_the_limits(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市公安局", "- task: 201\n  status: 推进中\n  progress: 无")
    lines = run_cli("check", "--format", "github").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"]


def test_github_appends_a_markdown_summary_of_every_finding(
        many: PlanRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli("check", "--format", "github").code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## zwxt check\n\n| 文件 | 错误 | 警告 |\n|---|---:|---:|\n")
    assert f"| {POLICE} | 12 | 0 |" in text
    assert f"| {AUDIT} | 13 | 12 |" in text
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == 37
    assert sum(" **R304** 错误 " in item for item in items) == 25
    assert sum(" **Y010** 警告 " in item for item in items) == 12


def test_github_summary_of_a_clean_repository(plan_repo: PlanRepo, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("check", "--format", "github")
    assert (result.code, result.stdout) == (0, "")
    assert summary.read_text(encoding="utf-8") == "## zwxt check\n\n✓ 检查通过：2 个文件，没有发现问题。\n\n"


def test_github_summary_that_cannot_be_written_exits_2(plan_repo: PlanRepo, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    result = run_cli("check", "--format", "github")
    assert result.code == 2
    assert "无法写入" in result.stderr


# ---- GitLab -------------------------------------------------------------------------------

def test_gitlab_code_quality_report(many: PlanRepo) -> None:
    result = run_cli("check", "--format", "gitlab")
    assert result.code == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 37
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert set(issue["location"]) == {"path", "lines"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert {(i["check_name"], i["severity"]) for i in issues} == {("R304", "major"), ("Y010", "minor")}
    assert {i["location"]["path"] for i in issues} == {AUDIT, POLICE}
    assert len({i["fingerprint"] for i in issues}) == 37  # GitLab tells findings apart by it
    assert "未通过" in result.stderr  # the summary stays out of the JSON
    assert json.loads(run_cli("check", "--format", "gitlab").stdout) == issues  # stable across runs


def test_gitlab_fingerprint_stays_when_other_findings_come_and_go(many: PlanRepo) -> None:
    before = {i["fingerprint"] for i in json.loads(run_cli("check", "-f", "gitlab").stdout)}
    many.report("2017-11", "蓬江区", "- task: 301\n  status: 推进中\n  progress: 无")
    after = {i["fingerprint"] for i in json.loads(run_cli("check", "-f", "gitlab").stdout)}
    assert before < after and len(after - before) == 1


TWO_WRONG = "- task: 1\n  status: 暂停\n  progress: 无\n- task: 2\n  status: 暂停\n  progress: 无"


def _gitlab() -> list[dict[str, object]]:
    result = run_cli("check", "--format", "gitlab")
    assert result.code == 1
    issues: list[dict[str, object]] = json.loads(result.stdout)
    return issues


def test_gitlab_fingerprints_stay_when_lines_are_inserted_above(plan_repo: PlanRepo) -> None:
    rel = plan_repo.report("2017-11", "市审计局", TWO_WRONG)
    before = _gitlab()
    text = (plan_repo.root / rel).read_text(encoding="utf-8")
    (plan_repo.root / rel).write_text("# 审计局 11 月报告\n\n\n" + text, encoding="utf-8")
    after = _gitlab()
    assert [i["location"] for i in after] != [i["location"] for i in before]  # the lines moved
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_tells_two_findings_of_a_code_on_different_keys_apart(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局", TWO_WRONG)
    issues = _gitlab()
    assert [i["check_name"] for i in issues] == ["S004", "S004"]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    where = [d["where"] for d in json.loads(run_cli("check", "--format", "json").stdout)]
    assert where == ["tasks[0].status", "tasks[1].status"]


def _fingerprints(*found: object, capsys: pytest.CaptureFixture[str]) -> list[str]:
    print_gitlab(list(found))  # type: ignore[arg-type]
    return [i["fingerprint"] for i in json.loads(capsys.readouterr().out)]


def test_gitlab_fingerprint_is_of_the_path_the_code_and_the_place_in_the_data(
        capsys: pytest.CaptureFixture[str]) -> None:
    def at(path: str = AUDIT, line: int = 7, code: str = "S004", where: tuple[str | int, ...] = ("tasks", 0),
           message: str = "值不在可选范围内") -> object:
        return error(path, line, 3, code, message, "", where)

    [same] = set(_fingerprints(at(), capsys=capsys) + _fingerprints(at(line=9, message="另一种说法"),
                                                                     capsys=capsys))
    assert same  # neither the line nor the wording (which may name a line) counts
    for other in (at(path=POLICE), at(code="S003"), at(where=("tasks", 1)), at(where=("tasks", 0, "status"))):
        assert _fingerprints(other, capsys=capsys) != [same]


def test_gitlab_of_a_clean_repository_is_an_empty_array(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "--format", "gitlab")
    assert (result.code, json.loads(result.stdout)) == (0, [])


def test_gitlab_warnings_alone_pass_unless_strict(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局", name="审计局")  # R302 warning
    assert run_cli("check", "--format", "gitlab").code == 0
    assert run_cli("check", "--format", "gitlab", "--strict").code == 1
