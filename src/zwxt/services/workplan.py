"""``zwxt.open``: one plan, loaded once and asked many things, as sqlite-utils' ``Database`` is.

Every answer comes from the functions the commands use, on the same load, so a notebook sees
what ``zwxt check``, ``zwxt status``, ``zwxt render`` and ``zwxt notice`` see; files held in
memory answer as a repository on disk does (without git's dates, and with the package's
templates only).

What is kept between questions, so that memory stays flat however long the history:

- ``findings`` loads every month once and keeps only the findings;
- a question about a month (the status on a day of it, its submissions, reports, summary,
  notices, circular, a draft) loads the plan up to that month with that month's reports kept
  in full, and keeps that one load until a question about another month comes. Questions
  about one month share one load; memory holds one ledger (a statement per unit and task)
  and one month's reports.

Nothing here writes: ``Document.to_docx`` and ``to_markdown`` give bytes and text, and
``write_document`` puts them on disk. (A repository on disk keeps its content cache as the
commands do, unless opened with ``cache=False``.)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, is_error
from zwxt.documents.document_files import Document
from zwxt.errors import FindingsError, NotARepositoryError, UsageError
from zwxt.load import Keep, LeftOut, LoadedPlan, load
from zwxt.plan.resolved import Plan
from zwxt.plan.status import PlanStatus, Submissions
from zwxt.services.check import whole_findings
from zwxt.services.lookup import resolve_unit
from zwxt.services.notice import (
    CIRCULAR_NAME,
    Supervision,
    circular_document,
    notice_documents,
    supervise,
    supervision_load,
)
from zwxt.services.render import report_document, summary_day, summary_document
from zwxt.services.scaffold import drafted
from zwxt.services.status import judge_submissions, plan_status, unit_check
from zwxt.store import layout
from zwxt.store.repo import InMemory, Repository, find_repository

# Files held in memory, by repository-relative path: what ``open`` takes besides a directory.
Files = Mapping[str, str | bytes]


def open_plan(where: str | os.PathLike[str] | Files | Repository | InMemory, *,
              templates: Path | None = None, workers: int | None = None, cache: bool = True) -> WorkPlan:
    """The plan in the repository holding ``where`` (a directory, searched upwards for
    data/tasks.yaml as git searches for .git), or in the files of a mapping, path → text.

    ``templates``: a folder of outline templates tried before the repository's templates/ and
    the package's; ``workers`` and ``cache`` as for ``zwxt check``.
    """
    if isinstance(where, (Repository, InMemory)):
        source: Repository | InMemory = where
    elif isinstance(where, Mapping):
        wrong = [repr(path) for path, text in where.items()
                 if not isinstance(path, str) or not isinstance(text, (str, bytes))]
        if wrong:  # (said here, not as a failure deep in the load when first asked)
            raise TypeError("zwxt.open takes files as path (str) → text (str or bytes): "
                            f"not {', '.join(wrong)}")
        source = InMemory(dict(where))  # (a copy: what was loaded stays what is answered)
    else:
        start = Path(where)
        # (a directory that is not there is not searched from: it names the repository, and is refused)
        if not _is_directory(start):
            source = find_repository(start, str(where))
        else:
            try:
                source = find_repository(start)
            except NotARepositoryError:  # (its words are for a command run in the current directory)
                raise NotARepositoryError(f"{start} 不在工作方案仓库中（向上找不到 {layout.TASKS_FILE}）",
                                          f"请给出工作方案仓库（有 {layout.TASKS_FILE}）或其中的文件夹",
                                          explicit=True) from None
    return WorkPlan(source, templates=templates, workers=workers, cache=cache)


def _is_directory(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # (a name too long: find_repository says why)
        return False


class WorkPlan:
    """A plan repository, or files in memory, opened once (``zwxt.open``)."""

    def __init__(self, source: Repository | InMemory, *, templates: Path | None = None,
                 workers: int | None = None, cache: bool = True) -> None:
        self.source = source
        self.templates = templates
        self._workers = workers
        self._cache = cache
        self._month: tuple[Month, LoadedPlan] | None = None

    def __repr__(self) -> str:
        source = self.source
        return f"<zwxt.WorkPlan {source.root if isinstance(source, Repository) else len(source.files)}>"

    @functools.cached_property
    def findings(self) -> list[Diagnostic]:
        """Every finding of the whole repository, as ``zwxt check`` finds them, sorted by file,
        line and column."""
        return whole_findings(self.source, load(self.source, workers=self._workers, cache=self._cache))

    def loaded(self, month: Month, accept: Callable[[Plan], object] | None = None) -> LoadedPlan:
        """The pipeline's result up to ``month``, with that month's reports kept in full: the one
        load this handle keeps (see the module's note). ``accept`` as ``load``'s: given the plan
        before any report is read, on the first load; on the plan kept, on later ones."""
        if self._month is not None and self._month[0] == month:
            loaded = self._month[1]
            if accept is not None:
                accept(loaded.usable_plan())
            return loaded
        self._month = None  # (the load it replaces is let go before the next is made)
        loaded = load(self.source, until=month, keep=Keep(months=frozenset({month})),
                      workers=self._workers, cache=self._cache, accept=accept)
        self._month = (month, loaded)
        return loaded

    def left_out(self, month: Month) -> list[LeftOut]:
        """The report files up to ``month`` with errors, which no answer counts until fixed."""
        return self.loaded(month).left_out

    def status(self, on: date, unit: str | None = None) -> PlanStatus:
        """Every task's state on the day ``on`` (with ``unit``, any spelling, that unit's own
        tasks), as ``zwxt status`` shows it."""
        loaded = self.loaded(Month.of(on), unit_check(unit))
        plan = loaded.usable_plan()
        return plan_status(plan, loaded.ledger, on, resolve_unit(plan, unit) if unit is not None else None)

    def submissions(self, month: Month, unit: str | None = None) -> Submissions:
        """Which units owed a report for ``month``, whether it is in and whether in time, missing
        ones first, as ``zwxt status --month`` shows it (``services.status.month_submissions``)."""
        loaded = self.loaded(month, unit_check(unit))
        plan = loaded.usable_plan()
        who = resolve_unit(plan, unit) if unit is not None else None
        return judge_submissions(self.source, plan, loaded, month, who)

    def report(self, unit: str, month: Month) -> Document:
        """``unit``'s report for ``month`` as the document ``zwxt render`` writes.

        UsageError when the unit sent none; FindingsError when it has errors (two reports of
        one unit for one month are both errors).
        """
        loaded = self.loaded(month, unit_check(unit))
        plan = loaded.usable_plan()
        who = resolve_unit(plan, unit)
        files = {ref.path for ref in loaded.month_reports if ref.unit == who}
        kept = [report for report in loaded.kept if report.unit == who]
        if not files:
            raise UsageError(f"{who}没有{month.chinese}的进展报告",
                             f"报告应为 {layout.report_rel(month, who)}")
        if not kept:
            errors = [d for d in loaded.diagnostics if d.path in files and is_error(d)]
            raise FindingsError(errors, f"{who}{month.chinese}的进展报告")
        return report_document(plan, kept[0], self.source, self.templates)

    def summary(self, month: Month, day: date | None = None, today: date | None = None) -> Document:
        """The city summary of ``month`` (``zwxt render --summary``); reports with errors are
        left out of it (``left_out``). Dated ``day``, by default the day after the month's due
        day; never after ``today`` (by default the clock's)."""
        loaded = self.loaded(month, lambda plan: summary_day(plan, month, day, today))
        return summary_document(self.source, loaded, month, self.templates, day, today)

    def supervision(self, month: Month, day: date | None = None, today: date | None = None,
                    what: str = "督办通知") -> Supervision:
        """The facts ``zwxt notice`` judges by at the end of ``month``: each unit's report and
        overdue tasks, the documents' date (``day``, by default the day after the month's due
        day) and the day a reply is asked by. ``what`` names the documents in messages.

        FindingsError when any file up to ``month`` has errors: a notice accuses a unit, so
        it is made from no file ``zwxt check`` rejects.
        """
        loaded, errors, dated = supervision_load(self.source, month, day, today, what,
                                                 lambda accept: self.loaded(month, accept))
        if errors:
            raise FindingsError(errors, what)
        return supervise(self.source, loaded, month, day, today, what, dated)

    def notices(self, month: Month, day: date | None = None,
                today: date | None = None) -> dict[str, Document]:
        """A 督办通知 for each unit behind at the end of ``month``, by canonical unit name in the
        order of units.yaml (``zwxt notice``); empty when no unit is behind. FindingsError as
        ``supervision`` says."""
        return notice_documents(self.supervision(month, day, today), self.source, self.templates)

    def circular(self, month: Month, day: date | None = None, today: date | None = None) -> Document | None:
        """The 通报 of ``month`` (``zwxt notice --circular``); None when no unit owed a report
        or has an overdue task. FindingsError as ``supervision`` says."""
        facts = self.supervision(month, day, today, CIRCULAR_NAME)
        return circular_document(facts, self.source, self.templates)

    def new_report(self, unit: str, month: Month) -> str:
        """The draft of ``unit``'s report for ``month`` (``zwxt report new --dry-run``);
        FileExistsRefusal when it has one already."""
        loaded = self.loaded(month, unit_check(unit))
        return drafted(self.source, loaded, unit, month, self.templates).text
