"""The console script and ``python -m zwxt``: Ctrl-C is answered before anything heavy is imported.

Importing the CLI (typer, rich, pydantic) takes a good part of a second; a Ctrl-C in that
time must end the run as one later does: 已中断。 and exit 130, no traceback. So SIGINT is
handled first, and zwxt.cli is imported only then (httpie's __main__ does the same).
"""

from __future__ import annotations

from zwxt import interrupt


def main() -> int:
    """Run zwxt; Ctrl-C at any moment is said and exits 130."""
    try:
        interrupt.install()  # within the try: a Ctrl-C may be answered as soon as this returns
        from zwxt.cli import main as run

        code = run()
        interrupt.ignore()  # done: a Ctrl-C while Python shuts down has nothing left to stop
    except (interrupt.Interrupted, KeyboardInterrupt):
        interrupt.ignore()
        return interrupt.say()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
