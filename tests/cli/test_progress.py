"""The bar of a long check: on a terminal only, and only once the run has taken a second."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.support import PlanFiles
from zwxt.cli import console as consoles
from zwxt.cli import progress


def screen(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> io.StringIO:
    out = io.StringIO()
    monkeypatch.setattr(consoles, "err_console", Console(file=out, force_terminal=terminal, width=80))
    return out


def test_a_long_run_on_a_terminal_shows_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    out = screen(monkeypatch, terminal=True)
    monkeypatch.setattr(progress, "_PATIENCE", 0.0)
    with progress.delayed_bar("检查报告") as tick:
        tick(3, 10)
    assert "检查报告" in out.getvalue() and "3/10" in out.getvalue()


def test_a_short_run_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    out = screen(monkeypatch, terminal=True)
    with progress.delayed_bar("检查报告") as tick:  # well within the second
        tick(3, 10)
    assert out.getvalue() == ""


def test_nothing_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    out = screen(monkeypatch, terminal=False)
    monkeypatch.setattr(progress, "_PATIENCE", 0.0)
    with progress.delayed_bar("检查报告") as tick:
        tick(3, 10)
    assert out.getvalue() == ""


def test_the_loader_tells_how_many_reports_are_done_month_by_month(plan: PlanFiles) -> None:
    plan.report("2017-12", "市审计局")
    plan.report("2018-01", "市审计局")
    plan.report("2018-01", "蓬江区")
    told: list[tuple[int, int]] = []
    plan.load(progress=lambda done, total: told.append((done, total)))
    assert told == [(1, 3), (3, 3)]
