"""data/units.yaml: the units a plan names, and the groups defined by their members."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from zwxt.plan.base import Email, Name, Record, Text, enum_title


class UnitKind(str, Enum):
    DEPARTMENT = "部门"
    GOVERNMENT = "地方政府"

    __get_pydantic_json_schema__ = enum_title("单位类型")


class Unit(Record):
    """一个责任单位。"""

    name: Name = Field(title="规范名称", description="报告文件名和任务表使用的名称，如 市审计局")
    kind: UnitKind = Field(title="单位类别", description="部门 或 地方政府")
    full_name: Name | None = Field(None, title="全称", description="用于报告标题，如 江门市审计局")
    aliases: list[Name] = Field(default_factory=list, title="别名",
                                description="常用简称；全角/半角写法差异会自动归一，无需列出")
    lead_office: Name | None = Field(None, title="牵头部门",
                                     description="本单位政务信息系统整合共享牵头部门，报告表头使用")
    maintainers: list[Email] = Field(default_factory=list, title="维护人邮箱",
                                     description="负责本单位报告的 git 提交邮箱")


class Group(Record):
    """按成员定义的单位组，如 市直有关部门。"""

    name: Name = Field(title="组名", description="任务表中使用的名称，如 市直有关部门")
    description: Text | None = Field(None, title="说明")
    aliases: list[Name] = Field(default_factory=list, title="别名")
    members: list[Name] = Field(min_length=1, title="成员", description="成员单位的规范名称")


class UnitsFile(Record):
    """责任单位名录（data/units.yaml）。"""

    units: list[Unit] = Field(min_length=1, title="单位")
    groups: list[Group] = Field(default_factory=list, title="单位组")
