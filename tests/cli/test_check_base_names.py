"""zwxt check --base reads paths, names and emails exactly as git holds them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.gitplan import AUDIT, COORDINATOR, UNITS, GitPlan
from tests.support import TASKS_YAML, report_yaml, run_cli


@pytest.fixture
def pr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitPlan:
    plan = GitPlan(tmp_path / "plan")
    plan.commit(COORDINATOR, "工作方案", {"data/units.yaml": UNITS, "data/tasks.yaml": TASKS_YAML})
    plan.branch()
    monkeypatch.chdir(plan.files.root)
    return plan


def _found() -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", "--base", "main")
    assert "内部错误" not in result.stderr, result.stderr
    return result.code, json.loads(result.stdout)


def _commit_raw(plan: GitPlan, name: str, email: str, files: dict[bytes, bytes]) -> str:
    """A commit git itself makes, with a path or an author no ordinary tool would type."""
    for rel, data in files.items():
        path = os.path.join(os.fsencode(plan.files.root), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        plan.repo.git.add("--", os.fsdecode(rel))
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
           "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    with plan.repo.git.custom_environment(**env):
        plan.repo.git.commit("-q", "-m", "x")
    return plan.repo.head.commit.hexsha


def test_a_path_beginning_with_a_newline_is_not_a_units_report(pr: GitPlan) -> None:
    # "\nreports/…" lies outside reports/: the coordinator's, not 市审计局's own report
    rel = "\nreports/2017-12/市审计局.yaml"
    _commit_raw(pr, *AUDIT, {rel.encode(): report_yaml("市审计局", "2017-11").encode()})
    code, found = _found()
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [(rel, "G101")]
    assert "只有市网信统筹局的维护人" in str(found[0]["message"])


def test_a_path_ending_with_a_newline_is_read_as_it_is(pr: GitPlan) -> None:
    rel = "reports/2017-12/市审计局.yaml\n"  # not a .yaml file: not a report, the coordinator's
    _commit_raw(pr, *AUDIT, {rel.encode(): b"x\n"})
    code, found = _found()
    assert code == 1
    assert [(f["path"], f["code"]) for f in found] == [(rel, "G101")]


def test_a_path_that_is_not_utf8_is_judged_not_a_crash(pr: GitPlan) -> None:
    _commit_raw(pr, *AUDIT, {b"reports/2017-12/\xb2\xe2\xca\xd4.yaml": b"unit: x\n"})  # GBK bytes
    code, found = _found()
    assert code == 1
    assert "G101" in {f["code"] for f in found}  # (and S001: the file itself is no report)
    shown = run_cli("check", "--base", "main")
    assert shown.code == 1 and "G101" in shown.stdout and "内部错误" not in shown.stderr


@pytest.mark.parametrize("name", ["a\x1fb\x1ec\x1fd", "审计局\x1e小王", "x\x1f\x1f\x1f", "<>|"])
def test_author_names_with_separators_are_only_names(pr: GitPlan, name: str) -> None:
    sha = _commit_raw(pr, name, "gaj@example.gov.cn",
                      {"reports/2017-11/市审计局.yaml".encode(): report_yaml("市审计局", "2017-11").encode()})
    code, found = _found()
    assert code == 1
    [judged] = [f for f in found if f["code"] == "G101"]
    assert str(judged["message"]).startswith(f"提交 {sha[:8]}（作者 ")
    assert "<gaj@example.gov.cn>）修改了这个文件" in str(judged["message"])


def test_an_email_with_separators_is_no_maintainers_email(pr: GitPlan) -> None:
    _commit_raw(pr, "x", "sjj@example.gov.cn\x1fsjj@example.gov.cn",
                {"reports/2017-11/市审计局.yaml".encode(): report_yaml("市审计局", "2017-11").encode()})
    code, found = _found()
    assert code == 1
    assert {f["code"] for f in found} == {"G101"}
