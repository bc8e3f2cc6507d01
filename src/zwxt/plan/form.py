"""The Word form a unit fills in: the names its writer (``zwxt form``) and its reader
(``zwxt import report``) agree on, so that neither keeps its own copy.

A form records whose and which it is in custom document properties, which Word, WPS and
LibreOffice keep across a save: the unit's canonical name, the month, the plan's
fingerprint and the form's version. Its tables are found by their header rows, its parts
by the Annex-2 headings, never by their place in the file: a clerk may add a paragraph
anywhere.
"""

from __future__ import annotations

import hashlib
from enum import Enum

from zwxt.plan.resolved import Plan

FORM_VERSION = "1"


class Property(str, Enum):
    """The custom document properties of a form (docProps/custom.xml), all text."""

    FORM = "zwxt-form"  # FORM_VERSION
    UNIT = "zwxt-unit"  # the unit's canonical name
    MONTH = "zwxt-month"  # YYYY-MM
    PLAN = "zwxt-plan"  # plan_fingerprint


class Column(str, Enum):
    """The header row of the task table under 二, in its order in a form."""

    NUMBER = "序号"
    TASK = "工作任务"
    STATUS = "状态"
    COMPLETED = "完成日期"
    PROGRESS = "进展情况"


class MetricColumn(str, Enum):
    """The header row of the table of numeric targets under 二: one row, one value cell, per target."""

    NUMBER = "序号"  # the task's
    METRIC = "指标"
    TARGET = "目标值"
    VALUE = "本月数值"
    UNIT = "计量单位"


class FormStyle(str, Enum):
    """The paragraph styles of the form's own words, by name: LibreOffice renames a style's id
    when it saves, never its name. Text in them is the outline's, never the unit's."""

    GUIDANCE = "zwxt 填报要求"  # an Annex-2 part's guidance, under its heading
    INSTRUCTIONS = "zwxt 填写说明"  # the note on filling the form in, at its top


class HeaderField(str, Enum):
    """The rows of the table at the top of a form: label, then the value to fill in."""

    UNIT = "报送单位"
    MONTH = "报告月份"
    LEAD_OFFICE = "牵头部门"
    CONTACT = "联系人及电话"
    DATE = "成文日期"


def plan_fingerprint(plan: Plan) -> str:
    """What a form was made for: the plan's title and each task's number and text.

    Units, maintainers, deadlines and aspects may change without making a sent form stale;
    a task renumbered or reworded does, as the form's rows would then say something else.
    """
    digest = hashlib.sha256(plan.info.title.encode("utf-8"))
    for task in plan.tasks:
        digest.update(f"\x00{task.id}\x00{task.text}".encode())
    return digest.hexdigest()[:16]
