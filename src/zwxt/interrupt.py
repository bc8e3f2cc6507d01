"""Ctrl-C: one message, one exit code, from the first moment of a run to its last.

Python turns SIGINT into KeyboardInterrupt, which is not enough for zwxt: while typer,
rich and pydantic are still being imported nobody can catch it tidily, and typer's copy
of click catches it inside a command and returns 130 without a word. So a run installs
`on_sigint` before anything heavy is imported: the first Ctrl-C raises `Interrupted`,
which no library catches (it is neither an Exception nor a KeyboardInterrupt), and
further Ctrl-Cs are ignored while the run cleans up (temporary files, worker processes)
and says `MESSAGE`. The entry point (zwxt.__main__) and zwxt.cli.main both answer it.

Work that must not be left half done (``report new --commit``: a branch, a file, a commit)
runs `holding` the signals that end a run: Ctrl-C, SIGTERM and SIGHUP are noted, not
raised, so that each step ends and the work is undone whole before the run stops with
`Interrupted`. Raised in the middle of a git command, Interrupted would leave git running
(it holds the index's lock) while zwxt undoes what git is still doing.

This module is imported before the handler is installed, so it imports nothing more
than os, signal and sys (typing and contextlib alone cost milliseconds).
"""

from __future__ import annotations

import os
import signal
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType, TracebackType
    from typing import Any

    Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers

MESSAGE = "已中断。"
EXIT_CODE = 130


class Interrupted(BaseException):
    """The user pressed Ctrl-C: the run stops, says MESSAGE and exits with EXIT_CODE."""


def on_sigint(signum: int, frame: FrameType | None) -> None:
    """The SIGINT handler: ignore the next ones, stop the run.

    A process forked from the run (a worker reading reports) inherits the handler until it
    sets its own; there it does nothing, for the run answers Ctrl-C and ends its workers.
    """
    if os.getpid() != _installed_by[0]:
        return
    ignore()
    _requested[0] = True
    raise Interrupted


_installed_by = [0]  # the process that installed on_sigint
# Whether Ctrl-C was pressed. Raised inside a finalizer (a __del__, a weakref callback, the
# garbage collector), Interrupted cannot stop the run: Python reports it as "unraisable"
# and goes on. The run then asks `requested` when it ends, and answers Ctrl-C all the same.
_requested = [False]


def requested() -> bool:
    """Whether Ctrl-C was pressed during this run, whether or not Interrupted got through."""
    return _requested[0]


def install() -> None:
    """Make Ctrl-C raise Interrupted, from now on: a run begins."""
    _installed_by[0] = os.getpid()
    _requested[0] = False
    if sys.unraisablehook is not _unraisable:
        _unraisable.previous = sys.unraisablehook  # type: ignore[attr-defined]
        sys.unraisablehook = _unraisable
    _handle(on_sigint)


def _unraisable(unraisable: Any) -> None:
    """Swallow an Interrupted raised where it could not propagate (see `requested`)."""
    if isinstance(unraisable.exc_value, Interrupted):
        return
    _unraisable.previous(unraisable)  # type: ignore[attr-defined]


def ignore() -> None:
    """Ctrl-C does nothing from now on: nothing is left to interrupt, or the parent answers it."""
    _handle(signal.SIG_IGN)


def _handle(handler: Handler) -> None:
    """Set SIGINT's handler. Python allows it in the main thread only; elsewhere the
    caller's own handling stays (and only the main thread receives signals anyway)."""
    try:  # noqa: SIM105 -- contextlib.suppress would cost start-up time, see above
        signal.signal(signal.SIGINT, handler)
    except ValueError:
        pass


class raising:  # noqa: N801 -- used as a function: `with interrupt.raising():`
    """Within, Ctrl-C raises Interrupted; after, SIGINT is handled as it was before."""

    def __enter__(self) -> None:
        # None when the handler was not set from Python: it cannot be put back then
        self.previous: Handler | None = signal.getsignal(signal.SIGINT)
        install()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.previous is not None:
            _handle(self.previous)


# The signals that end a run: Ctrl-C, and what a session's end or a supervisor sends (no
# SIGHUP on Windows).
_ENDING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class holding:  # noqa: N801 -- used as a function: `with interrupt.holding() as signals:`
    """Within, Ctrl-C, SIGTERM and SIGHUP do not stop the run: the first is noted in
    ``arrived``, for the work to undo itself and then raise Interrupted (see `stop_if_asked`).
    After, each signal is handled as it was before.
    """

    def __enter__(self) -> holding:
        self.arrived: int | None = None
        self.previous: dict[int, Handler | None] = {}
        for signum in _ENDING:
            try:  # noqa: SIM105 -- contextlib.suppress would cost start-up time, see above
                self.previous[signum] = signal.signal(signum, self._note)
            except ValueError:  # not the main thread, which alone receives signals
                pass
        return self

    def _note(self, signum: int, frame: FrameType | None) -> None:
        if self.arrived is None:
            self.arrived = signum

    def stop_if_asked(self) -> None:
        """Raise Interrupted when one of the signals has arrived: between steps of the work."""
        if self.arrived is not None:
            raise Interrupted

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        for signum, handler in self.previous.items():  # None: not set from Python, the default then
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def say() -> int:
    """Say MESSAGE on stderr, with plain writes (rich may not be imported yet); EXIT_CODE."""
    try:
        sys.stderr.write(MESSAGE + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # no stderr, or a closed one: nowhere to say it
        pass
    return EXIT_CODE
