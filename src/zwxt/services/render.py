"""zwxt render: reports and the city summary as Markdown and Word, from one outline template each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from zwxt.dates import Month
from zwxt.diagnostics import Diagnostic, Severity
from zwxt.document import Document, parse_outline
from zwxt.io.atomic import write_atomic
from zwxt.io.markdown_writer import markdown_text
from zwxt.io.repo import Repository
from zwxt.io.templates import render_template
from zwxt.model.plan import Loaded, Plan
from zwxt.model.report import Report
from zwxt.services.check import CheckResult
from zwxt.services.outline import report_context, summary_context

REPORT_TEMPLATE = "report.outline.j2"
SUMMARY_TEMPLATE = "summary.outline.j2"
OUTPUT_DIR = "output"
SUMMARY_NAME = "汇总"


class OutputFormat(str, Enum):
    docx = "docx"
    md = "md"


@dataclass(frozen=True)
class Templates:
    """Where templates are looked for: --templates, then the repository's, then the package's."""

    chosen: Path | None
    repository: Path

    def render(self, name: str, context: dict[str, object]) -> str:
        return render_template(name, context, self.chosen, self.repository)


def templates_for(repo: Repository, chosen: Path | None) -> Templates:
    return Templates(chosen, repo.root / "templates")


def report_document(plan: Plan, report: Loaded[Report], templates: Templates) -> Document:
    context = report_context(plan, report)
    text = templates.render(REPORT_TEMPLATE, context)
    blocks = tuple(parse_outline(text, REPORT_TEMPLATE))
    return Document(str(context["title"]), report.model.month.end, blocks)


def summary_document(plan: Plan, month: Month, templates: Templates) -> Document:
    context = summary_context(plan, month)
    text = templates.render(SUMMARY_TEMPLATE, context)
    blocks = tuple(parse_outline(text, SUMMARY_TEMPLATE))
    return Document(str(context["title"]), month.end, blocks)


@dataclass(frozen=True)
class Selection:
    """The requested reports: those to render, and the errors of those left out."""

    reports: list[Loaded[Report]]
    errors: list[Diagnostic]

    @property
    def broken_files(self) -> int:
        return len({d.path for d in self.errors})


def select_reports(repo: Repository, result: CheckResult, wanted: list[Path]) -> Selection:
    """The reports under ``wanted`` (files or folders), a report with errors left out."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    broken = {d.path for d in errors}
    requested = [repo.rel(p).rstrip("/") for p in wanted]
    chosen = [r for r in result.plan.reports
              if any(r.path == rel or r.path.startswith(rel + "/") for rel in requested)]
    return Selection([r for r in chosen if r.path not in broken], errors)


def output_stem(plan: Plan, report: Loaded[Report]) -> str:
    """The unit's canonical name, even when the report file is named by an alias."""
    return plan.directory.resolve(report.model.unit) or Path(report.path).stem


def output_folder(repo: Repository, month: Month, chosen: Path | None) -> Path:
    """``-o DIR`` as given, else output/YYYY-MM/ in the repository."""
    return chosen if chosen is not None else repo.root / OUTPUT_DIR / str(month)


def write_document(document: Document, folder: Path, stem: str,
                   formats: list[OutputFormat]) -> list[Path]:
    """Write the document in each format, replacing earlier output atomically."""
    written = []
    for fmt in formats:
        path = folder / f"{stem}.{fmt.value}"
        write_atomic(path, _encode(document, fmt), replace=True)
        written.append(path)
    return written


def _encode(document: Document, fmt: OutputFormat) -> bytes:
    if fmt is OutputFormat.md:
        return markdown_text(document).encode("utf-8")
    from zwxt.io.docx_writer import docx_bytes  # python-docx is slow to import: only when asked

    return docx_bytes(document)
