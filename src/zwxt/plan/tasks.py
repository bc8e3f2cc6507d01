"""data/tasks.yaml: the plan and its task-division table (Annex 1)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from zwxt.dates import DEFAULT_REPORT_DUE, MAX_REPLY_DAYS
from zwxt.plan.base import IsoDate, Name, Record, TargetValue, TaskId, Text, digits_or_number

DEFAULT_REPLY_DAYS = 5


def _reply_days(value: Any) -> int:
    """Working days for a reply: ASCII digits only, as task numbers (`1_0`, `5.0`, `５` are not)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,3}", value.strip()):
        number = int(value)
    else:
        raise PydanticCustomError("zw_workdays", "应为工作日的天数（整数），而不是「{value}」",
                                  {"value": str(value)[:20]})
    if not 1 <= number <= MAX_REPLY_DAYS:
        raise PydanticCustomError("zw_workdays", "应在 1 到 {largest} 个工作日之间，而不是「{value}」",
                                  {"value": number, "largest": MAX_REPLY_DAYS})
    return number


# 1 to MAX_REPLY_DAYS in at most three digits, as _reply_days takes them.
REPLY_DAYS_PATTERN = r"^\s*(?=[0-9]{1,3}\s*$)0*(?:[1-9]|[1-5][0-9]|60)\s*$"
ReplyDays = Annotated[int, PlainValidator(_reply_days),
                      WithJsonSchema(digits_or_number(
                          REPLY_DAYS_PATTERN, 1, MAX_REPLY_DAYS,
                          f"写 1 到 {MAX_REPLY_DAYS} 之间的半角阿拉伯数字，例如 5"))]


class Aspect(Record):
    """月度报告“二、落实任务分工情况”下的一个方面，如 自查。"""

    name: Name = Field(title="方面", description="如 自查、编目、清理")
    guidance: Text | None = Field(None, title="填报要求", description="提纲对该方面的说明")


class PlanInfo(Record):
    """工作方案本身。"""

    title: Name = Field(title="方案名称")
    short_title: Name = Field("《工作方案》", title="简称", description="报告中引用方案的写法")
    subject: Name = Field(title="工作主题", description="报告标题用语，如 政务信息系统整合共享")
    region: Name = Field(title="地区", description="如 江门市")
    coordinator: Name | None = Field(None, title="统筹单位", description="负责汇总的单位")
    aspects: list[Aspect] = Field(min_length=1, title="报告方面")
    report_due: Name = Field(
        DEFAULT_REPORT_DUE, title="报送期限",
        description="各单位月度报告的报送期限，如 次月5日前、每月25日前、次月第3个工作日前")
    notice_reply_days: ReplyDays = Field(
        DEFAULT_REPLY_DAYS, title="督办回复期限（工作日）",
        description="督办通知要求被督办单位书面回复的期限：通知日期之后的第几个工作日（按国务院公布的"
                    f"节假日安排计算），1–{MAX_REPLY_DAYS}，默认 {DEFAULT_REPLY_DAYS}")


class Target(Record):
    """量化指标。"""

    metric: Name = Field(title="指标名称", description="报告 metrics 中使用的键，如 开放数据集")
    target: TargetValue = Field(title="目标值")
    unit: Text | None = Field(None, title="计量单位", description="如 个、Mbps")


class Task(Record):
    """任务分工表中的一项任务。"""

    id: TaskId = Field(title="序号")
    title: Name | None = Field(None, title="简称", description="督办表格中显示的简短名称")
    text: Name = Field(title="工作任务", description="任务分工表原文")
    lead: list[Name] = Field(min_length=1, title="牵头单位", description="单位或单位组")
    support: list[Name] = Field(default_factory=list, title="配合单位")
    deadline: Text | None = Field(None, title="完成时间（原文）", description="如 2017年12月底前")
    due: IsoDate | None = Field(None, title="到期日", description="完成时间对应的日期，YYYY-MM-DD")
    aspect: Name = Field(title="所属方面", description="报告中归入的方面，如 自查")
    targets: list[Target] = Field(default_factory=list, title="量化指标")


class TasksFile(Record):
    """工作方案及任务分工表（data/tasks.yaml）。"""

    plan: PlanInfo = Field(title="工作方案")
    tasks: list[Task] = Field(min_length=1, title="任务")
