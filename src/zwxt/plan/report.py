"""reports/YYYY-MM/<unit>.yaml: one unit's monthly progress report (Annex 2)."""

from __future__ import annotations

import datetime
from enum import Enum
from typing import Any

from pydantic import ConfigDict, Field

from zwxt.plan.base import (
    PLACEHOLDER,
    IsoDate,
    MetricValue,
    MonthField,
    Name,
    Record,
    TaskId,
    Text,
    empty_may_be_written,
    enum_title,
)

__all__ = ["PLACEHOLDER", "Plans", "Report", "Status", "TaskEntry"]


class Status(str, Enum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"

    __get_pydantic_json_schema__ = enum_title("任务状态")


def _completed_when_done(schema: dict[str, Any]) -> None:
    """A done task without its completion date (P003) is marked in the editor as well."""
    empty_may_be_written(schema)
    schema["if"] = {"properties": {"status": {"const": Status.DONE.value}}, "required": ["status"]}
    schema["then"] = {"required": ["completed"], "properties": {"completed": {"not": {"type": "null"}}}}


class TaskEntry(Record):
    """二、落实任务分工情况：一项任务的进展。"""

    model_config = ConfigDict(json_schema_extra=_completed_when_done)

    task: TaskId = Field(title="任务序号", description="任务分工表中的序号")
    status: Status = Field(title="状态", description="未启动、推进中 或 已完成")
    completed: IsoDate | None = Field(None, title="完成日期",
                                      description="状态为已完成时填写，YYYY-MM-DD")
    progress: Text | None = Field(None, title="进展情况", description="一句话概括本月进展")
    metrics: dict[str, MetricValue] = Field(default_factory=dict, title="量化指标",
                                            description="指标名称: 数值（不带单位）")
    narrative: Text | None = Field(None, title="详细情况")


class Plans(Record):
    """四、进一步抓紧推进的工作考虑。"""

    key_tasks: Text | None = Field(None, title="（一）落实月底前重点任务的工作计划")
    next_steps: Text | None = Field(None, title="（二）下一步加快推进的工作思路")


class Report(Record):
    """政务信息系统整合共享进展报告（月报）。"""

    unit: Name = Field(title="报送单位", description="单位规范名称，与文件名一致")
    month: MonthField = Field(title="月份", description="YYYY-MM，与所在文件夹一致")
    lead_office: Name = Field(title="牵头部门", description="本单位整合共享工作牵头部门")
    contact: Text | None = Field(None, title="联系人", description="联系人及电话，印在报告末尾的附注中")
    date: IsoDate | None = Field(None, title="成文日期",
                                 description="报告落款的日期，YYYY-MM-DD；不填时为报告月份的最后一天")
    progress: Text | None = Field(None, title="一、工作推进情况",
                                  description="在工作机制、任务部署、人员安排等方面的工作推进情况")
    tasks: list[TaskEntry] = Field(default_factory=list, title="二、落实任务分工情况")
    aspects: dict[str, Text | None] = Field(default_factory=dict, title="二、各方面补充情况",
                                            description="方面名称: 文字，如 自查: ……")
    problems: Text | None = Field(None, title="三、存在的问题")
    plans: Plans = Field(default_factory=Plans, title="四、进一步抓紧推进的工作考虑")
    cases: Text | None = Field(None, title="五、经验和典型案例")
    suggestions: Text | None = Field(None, title="六、意见建议")

    @property
    def signed_on(self) -> datetime.date:
        """The date of the sign-off: as written, else the month's last day."""
        return self.date or self.month.end

    def entry(self, task_id: int) -> TaskEntry | None:
        return next((e for e in self.tasks if e.task == task_id), None)
