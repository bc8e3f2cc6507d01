"""zwxt notice as a library: who is behind at a month's end, ranked, and when the notices are dated.

The facts come from real git history (tests/noticeplan.py: March 2018 of the small plan), so
that late and missing reports are judged exactly as ``zwxt status --month`` judges them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.noticeplan import march, tasks_yaml
from tests.support import PlanFiles, report_yaml
from zwxt.dates import Month
from zwxt.errors import UsageError
from zwxt.load import load
from zwxt.plan.status import Role
from zwxt.services.notice import Supervision, render_notices, supervise
from zwxt.services.render import OutputFormat
from zwxt.services.status import month_submissions
from zwxt.store.repo import InMemory, Repository, Source

MARCH = Month(2018, 3)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    return Repository(march(tmp_path_factory.mktemp("notice") / "plan").files.root)


def facts(source: Source, day: date | None = None, month: Month = MARCH,
          today: date | None = None) -> Supervision:
    return supervise(source, load(source, until=month), month, day, today)


def test_the_default_date_is_the_day_after_the_due_day_and_the_reply_counts_working_days(
        repo: Repository) -> None:
    found = facts(repo)
    assert found.submissions.due_on == date(2018, 4, 5)
    assert found.day == date(2018, 4, 6)
    # 6 April is a Friday; Sunday 8 April was a make-up working day after 清明
    assert found.reply_by == date(2018, 4, 12)
    assert (found.issuer, found.coordinator) == ("江门市网络信息统筹局", "市网信统筹局")


def test_units_are_ranked_by_missing_then_late_reports_then_overdue_tasks(repo: Repository) -> None:
    ranked = [(s.unit, s.missing, s.late, len(s.overdue)) for s in facts(repo).standings]
    assert ranked == [
        ("市审计局", False, False, 0),
        ("台山市", False, False, 0),  # a tie keeps the order of units.yaml
        ("市公安局", False, True, 1),
        ("蓬江区", True, False, 0),
        ("市网信统筹局", True, False, 1),
    ]


def test_notices_go_to_the_units_behind_but_the_coordinator_sends_none_to_itself(repo: Repository) -> None:
    assert [s.unit for s in facts(repo).to_notify] == ["市公安局", "蓬江区"]


def test_a_supporting_units_own_overdue_task_and_its_late_report(repo: Repository) -> None:
    police = next(s for s in facts(repo).standings if s.unit == "市公安局")
    [overdue] = police.overdue
    assert (overdue.task.id, overdue.role, overdue.status.overdue_days) == (1, Role.SUPPORT, 90)
    assert police.submission is not None
    assert (police.submission.submitted_on, police.submission.late_days) == (date(2018, 4, 9), 4)


def test_reports_are_judged_as_status_month_judges_them(repo: Repository) -> None:
    assert facts(repo).submissions == month_submissions(repo, MARCH).submissions


def test_a_late_report_that_came_in_after_the_notices_date_is_named(repo: Repository) -> None:
    assert [s.unit for s in facts(repo).arrived_after] == ["市公安局"]
    assert facts(repo, date(2018, 4, 9)).arrived_after == []


def test_the_plan_sets_the_working_days_for_a_reply(tmp_path: Path) -> None:
    repo = Repository(march(tmp_path / "plan", "  notice_reply_days: 1\n").files.root)
    assert facts(repo).reply_by == date(2018, 4, 8)  # the make-up Sunday counts


@pytest.mark.parametrize(("day", "words"), [
    (date(2018, 3, 31), "不在2018年3月之后"),
    (date(2018, 4, 5), "报送期限（2018年4月5日）之后：那时未报送的报告还不算逾期"),
])
def test_a_date_before_the_facts_is_refused(repo: Repository, day: date, words: str) -> None:
    with pytest.raises(UsageError) as refused:
        facts(repo, day)
    assert words in refused.value.message


def test_a_reply_deadline_the_calendar_does_not_cover_is_refused(repo: Repository) -> None:
    with pytest.raises(UsageError) as refused:
        facts(repo, date(2999, 1, 4), today=date(2999, 12, 31))
    message = refused.value.message
    assert message.startswith("督办回复期限（5个工作日）按工作日计算，而工作日历（chinese-calendar）只收录了")
    assert "2999年的工作日无法确定" in message
    assert "升级 chinese-calendar" in refused.value.hint


def test_a_notice_cannot_speak_of_a_day_still_to_come(repo: Repository) -> None:
    with pytest.raises(UsageError) as refused:  # the default date, the day after 5 April 2018
        facts(repo, today=date(2018, 4, 5))
    assert refused.value.message == \
        "督办通知的日期2018年4月6日晚于今天（2018年4月5日）：那一天的情况现在还不知道"
    assert facts(repo, today=date(2018, 4, 6)).day == date(2018, 4, 6)


def test_a_month_before_the_first_reports_is_refused(repo: Repository) -> None:
    with pytest.raises(UsageError) as refused:
        facts(repo, month=Month(2010, 1))
    assert refused.value.message.startswith("2010年1月早于仓库中最早的报告（")


def _memory(tasks: str, *reports: tuple[str, str]) -> InMemory:
    from tests.support import UNITS_YAML

    files: dict[str, str | bytes] = {"data/units.yaml": UNITS_YAML, "data/tasks.yaml": tasks}
    for month, unit in reports:
        files[f"reports/{month}/{unit}.yaml"] = report_yaml(unit, month)
    return InMemory(files)


def test_no_default_date_when_the_due_day_is_outside_the_calendar() -> None:
    source = _memory(tasks_yaml("  report_due: 次月第3个工作日前\n"))
    with pytest.raises(UsageError) as refused:
        facts(source, month=Month(2999, 3))
    assert refused.value.message == "督办通知的日期默认为2999年3月报告报送期限的次日，而报送期限无法确定"
    assert "chinese-calendar" in refused.value.hint


def test_a_plan_without_a_coordinator_has_no_issuer() -> None:
    source = _memory(tasks_yaml().replace("  coordinator: 市网信统筹局\n", ""))
    with pytest.raises(UsageError) as refused:
        facts(source)
    assert "plan.coordinator" in refused.value.message


def test_a_month_with_every_report_in_and_nothing_overdue_needs_no_notice() -> None:
    units = ("市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市")
    found = facts(_memory(tasks_yaml(), *(("2017-11", u) for u in units)), month=Month(2017, 11))
    assert [s.unit for s in found.standings] == list(units)  # all owed a report, all sent one
    assert found.to_notify == []


def test_nothing_is_written_from_files_with_errors(tmp_path: Path) -> None:
    plan = march(tmp_path / "plan")
    plan.files.write("reports/2018-02/市审计局.yaml", report_yaml("市审计局", "2018-02", """
        - task: 1
          status: 已完成
    """))
    repo = Repository(plan.files.root)
    result = render_notices(repo, MARCH, [OutputFormat.md])
    assert result.written == [] and result.facts is None
    assert {(d.path, d.code) for d in result.errors} >= {("reports/2018-02/市审计局.yaml", "P003")}
    assert not (plan.files.root / "output").exists()


def test_supervision_is_usable_without_git(plan: PlanFiles) -> None:
    found = facts(InMemory(plan.files), month=Month(2018, 3))
    assert found.submissions.history is False
    assert all(not s.late for s in found.standings)  # late cannot be judged without dates
    assert {s.unit for s in found.to_notify} == {"市审计局", "市公安局", "蓬江区", "台山市"}  # all missing


@pytest.mark.parametrize(("value", "message"), [
    ("0", "应在 1 到 60 个工作日之间，而不是「0」"),
    ("61", "应在 1 到 60 个工作日之间，而不是「61」"),
    ("５", "应为工作日的天数（整数），而不是「５」"),
    ("1_0", "应为工作日的天数（整数），而不是「1_0」"),
    ("5.0", "应为工作日的天数（整数），而不是「5.0」"),
    ("五天", "应为工作日的天数（整数），而不是「五天」"),
])
def test_the_reply_days_of_the_plan_are_whole_working_days_from_1_to_60(plan: PlanFiles, value: str,
                                                                          message: str) -> None:
    plan.edit("data/tasks.yaml", "  coordinator: 市网信统筹局\n",
              f"  coordinator: 市网信统筹局\n  notice_reply_days: {value}\n")
    [finding] = plan.load().diagnostics
    assert (finding.path, finding.line, finding.column, finding.code) == ("data/tasks.yaml", 6, 22, "S003")
    assert finding.message == f"「notice_reply_days」（督办回复期限（工作日））：{message}"
    assert finding.hint == "写 1 到 60 之间的半角阿拉伯数字，例如 notice_reply_days: 5"


def test_the_reply_days_default_to_five(plan: PlanFiles) -> None:
    loaded = plan.load()
    assert loaded.plan is not None and loaded.plan.info.notice_reply_days == 5
