"""zwxt render: reports and the city summary as Markdown and Word, from one outline template each."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, is_error
from zwxt.documents.document import Block, parse_outline
from zwxt.documents.document_files import Document
from zwxt.documents.templates import is_users_template, render_template
from zwxt.errors import CannotWriteError, TemplateError, UsageError
from zwxt.load import Keep, KeptReport, LeftOut, LoadedPlan, load
from zwxt.options import OutputFormat
from zwxt.plan.resolved import Plan
from zwxt.services.outline import report_context, summary_context
from zwxt.services.status import document_day, judge_submissions, month_due
from zwxt.store import layout
from zwxt.store.atomic import write_atomic
from zwxt.store.repo import Repository, Source, child

REPORT_TEMPLATE = "report.outline.j2"
SUMMARY_TEMPLATE = "summary.outline.j2"
SUMMARY_NAME = "汇总"

# Told after each document is written: its files, how many documents are done, of how many.
Progress = Callable[[list[Path], int, int], None]


@dataclass(frozen=True)
class Rendered:
    written: list[Path]
    errors: list[Diagnostic] = field(default_factory=list)  # why requested reports were not rendered
    left_out: list[LeftOut] = field(default_factory=list)  # files the summary did not count


def render_reports(repo: Repository, paths: list[Path], month: Month | None,
                   formats: list[OutputFormat], out: Path | None = None, templates: Path | None = None,
                   progress: Progress | None = None) -> Rendered:
    """Each requested report (files, folders, or every report of ``month``) as documents.

    A report with errors is not rendered; its findings come back in ``errors``. Documents go
    to output/YYYY-MM/<unit>; with ``out`` into that folder, one subfolder per month when the
    reports span several months, so that no two documents ever share a path.
    """
    asked = paths + ([repo.path(f"{layout.REPORTS_DIR}/{month}")] if month else [])
    if not asked:
        raise UsageError("请给出报告文件，或指定月份", "例如 reports/2018-03/市审计局.yaml，或某月的全部报告")
    wanted = repo.reports_in(asked)
    if not wanted:
        raise UsageError("没有找到要生成的报告",
                         f"报告应位于 {layout.REPORTS_DIR}/YYYY-MM/ 下，扩展名为 .yaml")
    months = {layout.folder_month(rel) for rel in wanted}
    until = None if None in months else max(m for m in months if m is not None)
    loaded = load(repo, until=until, wanted=wanted, keep=Keep(paths=frozenset(wanted)))
    plan = loaded.usable_plan()
    errors = [d for d in loaded.diagnostics if d.path in wanted and is_error(d)]
    reports = loaded.kept
    spread = len({k.record.month for k in reports}) > 1
    written: list[Path] = []
    for index, report in enumerate(reports, start=1):
        document = report_document(plan, report, repo, templates)
        folder = repo.output_dir(report.record.month) if out is None else \
            out / str(report.record.month) if spread else out
        paths_written = write_document(document, folder, report.unit, formats)
        written += paths_written
        if progress is not None:
            progress(paths_written, index, len(reports))
    return Rendered(written, errors)


def render_summary(repo: Repository, month: Month, formats: list[OutputFormat], out: Path | None = None,
                   templates: Path | None = None, signed_on: date | None = None,
                   today: date | None = None) -> Rendered:
    """The city summary of ``month`` (``summary_document``), written to output/YYYY-MM/ or ``out``."""
    loaded = load(repo, until=month, keep=Keep(months=frozenset({month})),
                  accept=lambda plan: summary_day(plan, month, signed_on, today))
    document = summary_document(repo, loaded, month, templates, signed_on, today)
    folder = out if out is not None else repo.output_dir(month)
    return Rendered(write_document(document, folder, SUMMARY_NAME, formats), left_out=loaded.left_out)


def summary_day(plan: Plan, month: Month, signed_on: date | None = None, today: date | None = None) -> date:
    """The summary's date: it speaks of the month's end and of which reports came in late, so it
    is dated as the notices are (``status.document_day``): ``signed_on``, by default the day after
    the due day. Judged from the plan alone, before any report is read: a date refused writes nothing."""
    return document_day(month_due(plan, month), signed_on, "汇总", today)


def summary_document(source: Source, loaded: LoadedPlan, month: Month, templates: Path | None = None,
                     signed_on: date | None = None, today: date | None = None) -> Document:
    """The city summary of ``month`` from ``source`` loaded up to it with the month's reports kept;
    reports with errors are left out of it (``loaded.left_out``)."""
    plan = loaded.usable_plan()
    submitted = judge_submissions(source, plan, loaded, month)
    context = summary_context(plan, loaded, month, submitted, summary_day(plan, month, signed_on, today))
    return Document(str(context["title"]), month.end,
                    outline_blocks(SUMMARY_TEMPLATE, context, source, templates))


def report_document(plan: Plan, report: KeptReport, source: Source, templates: Path | None) -> Document:
    context = report_context(plan, report)
    return Document(str(context["title"]), report.record.month.end,
                    outline_blocks(REPORT_TEMPLATE, context, source, templates))


def outline_blocks(name: str, context: dict[str, object], source: Source,
                   templates: Path | None) -> tuple[Block, ...]:
    """The blocks a template's outline markup describes: from ``templates``, else the
    repository's templates/, else the package's (a plan held in memory has no templates/).

    Bad markup from a user's template is theirs to fix (TemplateError, exit 2); from a
    template shipped with zwxt it is zwxt's bug, and must not pass for the user's fault.
    """
    own = source_templates(source)
    text = render_template(name, context, templates, own)
    try:
        return tuple(parse_outline(text, name))
    except TemplateError as exc:
        if is_users_template(name, templates, own):
            raise
        raise RuntimeError(f"the shipped template {name} gave bad outline markup: {exc.message}") from None


def source_templates(source: Source) -> Path | None:
    """The repository's own templates/ folder; None for a plan held in memory."""
    return source.templates_dir if isinstance(source, Repository) else None


def write_document(document: Document, folder: Path, stem: str, formats: list[OutputFormat]) -> list[Path]:
    """Write the document in each format, once each, in order, as ``folder/stem.docx`` and
    ``folder/stem.md``; earlier output is replaced atomically.

    A folder standing where one of the files goes refuses them all before any is written.
    """
    chosen = list(dict.fromkeys(formats))  # `-f md -f md` asks for one file, not the same file twice
    paths = [child(folder, f"{stem}.{fmt.value}") for fmt in chosen]
    refuse_folders(paths)
    for path, fmt in zip(paths, chosen, strict=True):
        write_atomic(path, _encode(document, fmt), replace=True)
    return paths


def refuse_folders(paths: list[Path]) -> None:
    """CannotWriteError when a folder stands where one of ``paths`` is to be written."""
    for path in paths:
        with contextlib.suppress(OSError):  # (a name too long and the like: the write says so)
            if path.is_dir():
                raise CannotWriteError(path, IsADirectoryError(errno.EISDIR, "", str(path)))


def _encode(document: Document, fmt: OutputFormat) -> bytes:
    return document.to_markdown().encode("utf-8") if fmt is OutputFormat.md else document.to_docx()
