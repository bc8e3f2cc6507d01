"""zwxt：政务工作方案任务分工与月度进展报告的校验、督办与成文工具。

The library is the product; the command line is one client of it. Everything below runs
the same pipeline the commands run (``zwxt.load``), so a notebook sees what CI sees::

    from datetime import date
    from pathlib import Path
    import zwxt

    repo = zwxt.find_repository(Path.cwd())
    zwxt.check(repo).diagnostics                 # findings, located, as values
    loaded = zwxt.load(repo)                     # the plan, the ledger, findings, left-out files
    zwxt.status(repo, date(2018, 6, 30)).status  # every task's state on a day
    zwxt.month_submissions(repo, zwxt.Month(2018, 4))
    zwxt.new_report(repo, "审计局", zwxt.Month(2018, 3)).text
    zwxt.render_summary(repo, zwxt.Month(2018, 3), [zwxt.OutputFormat.md])
    zwxt.render_notices(repo, zwxt.Month(2018, 6), [zwxt.OutputFormat.docx])  # 督办通知
    zwxt.import_reports(repo, [Path("市审计局.docx")], dry_run=True).imported  # Word back to YAML
    zwxt.load_texts({"data/units.yaml": "...", "data/tasks.yaml": "..."})  # a plan in memory
    zwxt.status(zwxt.InMemory({...}), date(2018, 6, 30))  # any command's function, in memory too

Names are imported on first use, so ``import zwxt`` costs nothing.
"""

from __future__ import annotations

import importlib

# typing costs milliseconds that a Ctrl-C at start-up must not fall into (zwxt.__main__)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_API = {
    "Month": "zwxt.dates",
    "Repository": "zwxt.io.repo",
    "InMemory": "zwxt.io.repo",
    "find_repository": "zwxt.io.repo",
    "load": "zwxt.load",
    "load_texts": "zwxt.load",
    "check": "zwxt.services.check",
    "status": "zwxt.services.status",
    "month_submissions": "zwxt.services.status",
    "new_report": "zwxt.services.scaffold",
    "write_scaffold": "zwxt.services.scaffold",
    "OutputFormat": "zwxt.options",
    "render_reports": "zwxt.services.render",
    "render_summary": "zwxt.services.render",
    "render_notices": "zwxt.services.notice",
    "render_circular": "zwxt.services.notice",
    "import_reports": "zwxt.services.import_report",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'zwxt' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)
