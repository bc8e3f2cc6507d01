"""zwxt：政务工作方案任务分工与月度进展报告的校验、督办与成文工具。

The library is the product; the command line is one client of it. ``zwxt.open`` loads a
plan once and answers from the functions the commands use, so a notebook sees what CI sees::

    from datetime import date
    from pathlib import Path
    import zwxt

    plan = zwxt.open(".")                            # the repository holding the current directory
    plan.findings                                    # every finding, located, as values (zwxt check)
    plan.status(on=date(2018, 6, 30)).tasks          # every task's state on a day (zwxt status)
    plan.submissions(zwxt.Month(2018, 4)).items      # who owed a report, who sent it, in time or late
    plan.report("审计局", zwxt.Month(2018, 3)).to_docx()      # the Word file zwxt render writes
    plan.summary(zwxt.Month(2018, 3)).to_markdown()           # the city summary
    plan.notices(zwxt.Month(2018, 6))                # 督办通知: unit → Document
    plan.circular(zwxt.Month(2018, 6))               # 通报, or None
    plan.new_report("审计局", zwxt.Month(2018, 4))   # the draft zwxt report new writes
    zwxt.write_document(plan.summary(zwxt.Month(2018, 3)), Path("out"), "汇总", [zwxt.OutputFormat.md])
    zwxt.open({"data/units.yaml": "...", "data/tasks.yaml": "..."})  # files in memory answer the same

Names are imported on first use, so ``import zwxt`` costs nothing; the imports under
TYPE_CHECKING give a type checker the same names with their real types.
"""

from __future__ import annotations

import importlib

# typing costs milliseconds that a Ctrl-C at start-up must not fall into (zwxt.__main__)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from zwxt.dates import Month as Month
    from zwxt.diagnostics import Diagnostic as Diagnostic
    from zwxt.diagnostics import Severity as Severity
    from zwxt.documents.document_files import Document as Document
    from zwxt.errors import BrokenPlanError as BrokenPlanError
    from zwxt.errors import CannotWriteError as CannotWriteError
    from zwxt.errors import FileExistsRefusal as FileExistsRefusal
    from zwxt.errors import FindingsError as FindingsError
    from zwxt.errors import NotARepositoryError as NotARepositoryError
    from zwxt.errors import TemplateError as TemplateError
    from zwxt.errors import UsageError as UsageError
    from zwxt.errors import ZwxtError as ZwxtError
    from zwxt.load import LeftOut as LeftOut
    from zwxt.load import LoadedPlan as LoadedPlan
    from zwxt.options import OutputFormat as OutputFormat
    from zwxt.plan.status import PlanStatus as PlanStatus
    from zwxt.plan.status import State as State
    from zwxt.plan.status import Submission as Submission
    from zwxt.plan.status import Submissions as Submissions
    from zwxt.plan.status import SubmissionState as SubmissionState
    from zwxt.plan.status import TaskStatus as TaskStatus
    from zwxt.plan.status import Timing as Timing
    from zwxt.services.import_report import import_reports as import_reports
    from zwxt.services.notice import Supervision as Supervision
    from zwxt.services.render import write_document as write_document
    from zwxt.services.workplan import WorkPlan as WorkPlan
    from zwxt.services.workplan import open_plan as open  # noqa: F401 (in __all__, through _API)
    from zwxt.store.repo import InMemory as InMemory
    from zwxt.store.repo import Repository as Repository

__version__ = "0.1.0"

# name → the module defining it (and its name there, where the two differ)
_API: dict[str, str | tuple[str, str]] = {
    "open": ("zwxt.services.workplan", "open_plan"),
    "WorkPlan": "zwxt.services.workplan",
    "Document": "zwxt.documents.document_files",
    "write_document": "zwxt.services.render",
    "OutputFormat": "zwxt.options",
    "import_reports": "zwxt.services.import_report",
    "Month": "zwxt.dates",
    "Diagnostic": "zwxt.diagnostics",
    "Severity": "zwxt.diagnostics",
    "PlanStatus": "zwxt.plan.status",
    "TaskStatus": "zwxt.plan.status",
    "State": "zwxt.plan.status",
    "Submissions": "zwxt.plan.status",
    "Submission": "zwxt.plan.status",
    "SubmissionState": "zwxt.plan.status",
    "Timing": "zwxt.plan.status",
    "Supervision": "zwxt.services.notice",
    "LeftOut": "zwxt.load",
    "LoadedPlan": "zwxt.load",
    "Repository": "zwxt.store.repo",
    "InMemory": "zwxt.store.repo",
    "ZwxtError": "zwxt.errors",
    "UsageError": "zwxt.errors",
    "NotARepositoryError": "zwxt.errors",
    "BrokenPlanError": "zwxt.errors",
    "FindingsError": "zwxt.errors",
    "FileExistsRefusal": "zwxt.errors",
    "TemplateError": "zwxt.errors",
    "CannotWriteError": "zwxt.errors",
}
# written out, not built from _API: a type checker reads only a literal __all__, and without it
# `open` (imported as another name) is not exported to mypy --strict or pyright (tests/test_api.py)
__all__ = ["__version__", "open", "WorkPlan", "Document", "write_document", "OutputFormat",
           "import_reports", "Month", "Diagnostic", "Severity", "PlanStatus", "TaskStatus", "State",
           "Submissions", "Submission", "SubmissionState", "Timing", "Supervision", "LeftOut",
           "LoadedPlan", "Repository", "InMemory", "ZwxtError", "UsageError", "NotARepositoryError",
           "BrokenPlanError", "FindingsError", "FileExistsRefusal", "TemplateError", "CannotWriteError"]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'zwxt' has no attribute {name!r}")
    where = _API[name]
    module, attribute = (where, name) if isinstance(where, str) else where
    return getattr(importlib.import_module(module), attribute)
