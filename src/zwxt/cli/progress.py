"""What the commands show while they work: a bar on the terminal, and the files written."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zwxt.cli.visible import markup

if TYPE_CHECKING:
    from zwxt.services.render import Progress as ProgressCallback
    from zwxt.store.repo import Repository

# A run shorter than this shows no bar: it would only flicker.
_PATIENCE = 1.0


def shown_path(repo: Repository, path: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(repo.root).as_posix() if resolved.is_relative_to(repo.root) else str(path)


@contextlib.contextmanager
def progress_printer(repo: Repository, description: str) -> Iterator[ProgressCallback]:
    """What a service calls after each document: a bar on the terminal (nothing when output is
    piped) and 已生成 … for each file written."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from zwxt.cli.console import console, err_console

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   console=err_console, transient=True, disable=not err_console.is_terminal)
    with bar:
        task = bar.add_task(description, total=None)

        def advance(written: list[Path], done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            for path in written:
                console.print(f"已生成 {markup(shown_path(repo, path))}")

        yield advance


@contextlib.contextmanager
def delayed_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """What a long run calls with (done, total): a bar on stderr once the run has taken more than
    a second, on a terminal only, gone when the run ends."""
    from zwxt.cli.console import err_console

    started = time.monotonic()
    bar: Any = None

    def tick(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if not err_console.is_terminal or time.monotonic() - started < _PATIENCE:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           console=err_console, transient=True)
            bar.start()
            bar.add_task(description, total=total)
        bar.update(bar.task_ids[0], completed=done, total=total)

    try:
        yield tick
    finally:
        if bar is not None:
            bar.stop()
