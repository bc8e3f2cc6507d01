"""March 2018 of the small plan (tests/support.py) in a real git repository, for zwxt notice.

Reports of 2018-03 are due by 5 April (次月5日前), the day of 清明 that year; the day after,
6 April, is the notices' default date, and five working days later is 12 April, because
Sunday 8 April was a make-up working day.

- 市审计局 reports on time (3 April), task 1 done in January: nothing to say to it;
- 台山市 reports on time (2 April): nothing to say to it;
- 市公安局 reports task 1 (whose deadline was 2017-12-31 and which it supports) as still in
  progress, on a branch merged on Monday 9 April: task 1 is 90 days overdue on 31 March,
  its report 4 days late, and in after the default date;
- 蓬江区 sends nothing: its report is missing (none of its tasks is due yet);
- 市网信统筹局, the coordinator, sends nothing either and supports task 1: it is in the
  circular, but sends no notice to itself.
"""

from __future__ import annotations

from pathlib import Path

from tests.gitplan import GitPlan
from tests.support import TASKS_YAML, UNITS_YAML, report_yaml

AUDIT = ("审计局小王", "sjj@example.gov.cn")
POLICE = ("公安局小赵", "gaj@example.gov.cn")
TAISHAN = ("台山市小陈", "ts@example.gov.cn")
COORDINATOR = ("网信局小李", "wxj@example.gov.cn")

AUDIT_MARCH = report_yaml("市审计局", "2018-03", """
    - task: 1
      status: 已完成
      completed: 2018-01-10
      progress: 已完成对市直有关部门的审计。
    - task: 2
      status: 推进中
      progress: 已清理僵尸系统2个。
""")
POLICE_MARCH = report_yaml("市公安局", "2018-03", """
    - task: 1
      status: 推进中
      progress: 正在配合审计。
    - task: 2
      status: 推进中
      progress: 正在清理。
""")
TAISHAN_MARCH = report_yaml("台山市", "2018-03")


def tasks_yaml(extra: str = "") -> str:
    """The plan, with ``extra`` lines (such as ``  notice_reply_days: 3``) under its coordinator."""
    return TASKS_YAML.replace("  coordinator: 市网信统筹局\n", "  coordinator: 市网信统筹局\n" + extra)


def march(root: Path, extra: str = "") -> GitPlan:
    plan = GitPlan(root)
    data = {"data/units.yaml": UNITS_YAML, "data/tasks.yaml": tasks_yaml(extra)}
    plan.commit(COORDINATOR, "工作方案", data, committed="2018-03-01T09:00:00+08:00")
    plan.commit(TAISHAN, "台山市3月报告", {"reports/2018-03/台山市.yaml": TAISHAN_MARCH},
                committed="2018-04-02T10:00:00+08:00")
    plan.commit(AUDIT, "市审计局3月报告", {"reports/2018-03/市审计局.yaml": AUDIT_MARCH},
                committed="2018-04-03T10:00:00+08:00")
    plan.branch("police")
    plan.commit(POLICE, "市公安局3月报告", {"reports/2018-03/市公安局.yaml": POLICE_MARCH},
                committed="2018-04-04T10:00:00+08:00")
    plan.merge("police", COORDINATOR, "2018-04-09T10:00:00+08:00")
    return plan
