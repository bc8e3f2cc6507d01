"""The command line: parse arguments, call one service, print; the only layer with a terminal.

Exit codes: 0 fine, 1 findings (or what the command reports as failure), 2 usage or
environment error, 3 internal bug, 130 interrupted.

Start-up: ``zwxt --help``, ``zwxt COMMAND --help``, ``--version`` and a mistyped command
line cost little more than importing typer. So this package's modules import at their top
only the standard library, typer and zwxt's light modules (errors, settings, options, and
cli.i18n, cli.visible); rich, the services, the loader and the models are imported inside
the functions that use them, when a command runs or an error is said. A command module
declares its options with types from light modules (zwxt.options, or an Enum of its own).
tests/test_startup.py holds every command to this.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import Annotated

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.exceptions import TyperException

from zwxt import __version__, interrupt
from zwxt.cli import check as check_cmd
from zwxt.cli import codeowners as codeowners_cmd
from zwxt.cli import form as form_cmd
from zwxt.cli import imports as imports_cmd
from zwxt.cli import init as init_cmd
from zwxt.cli import notice as notice_cmd
from zwxt.cli import render as render_cmd
from zwxt.cli import report as report_cmd
from zwxt.cli import schema as schema_cmd
from zwxt.cli import status as status_cmd
from zwxt.cli.i18n import speak_chinese, usage_message
from zwxt.cli.visible import markup
from zwxt.errors import (
    BrokenPlanError,
    NotARepositoryError,
    OutsideRepositoryError,
    ZwxtError,
    os_problem,
)
from zwxt.settings import Settings

app = typer.Typer(
    name="zwxt",
    help="政务工作方案督办工具：校验任务分工表和月度进展报告，查看逾期任务，生成报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zwxt {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    root: Annotated[str | None, typer.Option(
        "--root", envvar="ZWXT_ROOT", metavar="目录",
        help="工作方案仓库的目录（默认从当前目录向上查找含 data/tasks.yaml 的目录）")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="显示版本号后退出")] = False,
) -> None:
    ctx.obj = Settings(root=root)


app.command("check")(check_cmd.check)
app.command("status")(status_cmd.status)
app.add_typer(report_cmd.app, name="report")
app.command("render")(render_cmd.render)
app.command("notice")(notice_cmd.notice)
app.command("form")(form_cmd.form)
app.command("schema")(schema_cmd.schema)
app.command("codeowners")(codeowners_cmd.codeowners)
app.command("init")(init_cmd.init)
app.add_typer(imports_cmd.app, name="import")
speak_chinese(app)  # every command's help and usage errors in Chinese, whatever the locale


def main(argv: list[str] | None = None) -> int:
    """Run zwxt and map every outcome to an exit code; no traceback reaches the user."""
    _closed_streams_to_devnull()
    _tolerant_streams()
    try:
        with interrupt.raising():
            code = _run(argv)
            sys.stdout.flush()  # here, where a reader that left can still be answered
        if interrupt.requested():  # Ctrl-C that landed in a finalizer, where it could not stop us
            return interrupt.say()
        return code
    except (interrupt.Interrupted, KeyboardInterrupt):
        return interrupt.say()
    except BrokenPipeError:
        return _output_gone()
    except OSError as exc:  # writing stdout or stderr failed: a full disk, an I/O error
        return _output_failed(exc)


_STREAMS = (("stdin", 0, "r"), ("stdout", 1, "w"), ("stderr", 2, "w"))


def _closed_streams_to_devnull() -> None:
    """Give a standard stream that was closed (``zwxt check >&-``) os.devnull in its place.

    Python then has None for sys.stdout (or stderr, stdin); the command runs as usual, and
    what it cannot show is dropped. The descriptor itself is filled too: else the next file
    zwxt opens would take its number, and git's children would write into that file.
    """
    for name, descriptor, mode in _STREAMS:
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:  # the lowest free number is taken: only if a lower one is shut
                os.dup2(opened, descriptor)
                os.close(opened)
        if getattr(sys, name) is None:
            setattr(sys, name, open(descriptor, mode, encoding="utf-8", closefd=False))  # noqa: SIM115


# Error handlers under which writing a str never fails, whatever the stream's encoding.
_NEVER_FAILS = frozenset({"backslashreplace", "namereplace", "xmlcharrefreplace", "replace", "ignore"})


def _tolerant_streams() -> None:
    """Have stdout and stderr write what their encoding cannot hold as ``\\uXXXX``, not fail.

    Under ``PYTHONIOENCODING=ascii`` (or latin-1, or a console's code page) every Chinese
    character would raise UnicodeEncodeError; escaped, the output stays whole and readable
    as text (and JSON output stays valid JSON), and the exit code keeps its meaning.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors not in _NEVER_FAILS:
            with contextlib.suppress(OSError, ValueError):  # a closed or failing stream: as it is
                stream.reconfigure(errors="backslashreplace")


def _run(argv: list[str] | None) -> int:
    try:
        result = app(args=argv, prog_name="zwxt", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except ZwxtError as exc:
        _fatal(exc)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return interrupt.say()
    except TyperException as exc:
        _usage_error(exc)
        return 2
    except BrokenPipeError:
        return _output_gone()
    except OSError as exc:
        if exc.errno in _MACHINE_ERRNOS:
            return _output_failed(exc)
        return _internal_error()
    except Exception:  # the last line of defence: a bug must not show a traceback
        return _internal_error()


# What the machine refuses, never a fault of zwxt's: a full disk, a failing disk or terminal.
# zwxt's own reads and writes say so as findings or CannotWriteError; what escapes with one
# of these is writing stdout or stderr (`zwxt check > /dev/full`), where Python's buffered
# streams drop what they could not write, so that nothing else tells the two apart.
_MACHINE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.ENXIO})


def _output_gone() -> int:
    """The reader of our output left (``zwxt status | head -1``): stop quietly, exit 1."""
    _silence_broken_streams()
    return 1


def _output_failed(error: OSError) -> int:
    """Our output could not be written (``zwxt check > /dev/full``): an environment error, exit 2.

    Said on stderr when stderr still takes it; the output is incomplete, so it must not
    pass for a result (exit 0 or 1).
    """
    from rich.markup import escape

    from zwxt.cli.console import err_console

    _silence_broken_streams()
    reason, hint = os_problem(error, writing=True)
    what = "无法写出输出" if error.filename is None else f"无法读写 {error.filename}"
    try:
        err_console.print(f"[bold red]错误：[/]{markup(what)}：{escape(reason)}，输出不完整", highlight=False)
        err_console.print(f"  [cyan]怎么办：[/]{escape(hint)}", highlight=False)
    except (OSError, ValueError):  # stderr fails too: nowhere left to say it
        _silence_broken_streams()
    return 2


def _silence_broken_streams() -> None:
    """Point a stream that fails to flush at os.devnull, as Python's documentation on SIGPIPE
    advises, so that flushing it at exit does not fail once more (and exit 120)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                with contextlib.suppress(OSError, ValueError):  # not a file (a test's buffer)
                    os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


def _usage_error(exc: TyperException) -> None:
    """A mistyped command line, said in Chinese; with no arguments at all, the help."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, NoArgsIsHelpError):
        print(exc.ctx.get_help())
        return
    from zwxt.cli.console import err_console

    message = usage_message(exc) if isinstance(exc, UsageError) else exc.format_message()
    err_console.print(f"[bold red]错误：[/]{markup(message)}", highlight=False)
    command = ctx.command_path if ctx is not None else "zwxt"
    err_console.print(f"  [cyan]怎么办：[/]运行 {markup(command)} --help 查看用法和例子", highlight=False)


def _fatal(exc: ZwxtError) -> None:
    """What the library refused, in its words; a broken plan with its located findings first."""
    from zwxt.cli.console import err_console

    if isinstance(exc, BrokenPlanError):
        from zwxt.cli.output import print_text

        print_text(err_console, exc.diagnostics)
    err_console.print(f"[bold red]错误：[/]{markup(exc.message)}", highlight=False)
    hint = _cli_hint(exc)
    if hint:
        err_console.print(f"  [cyan]怎么办：[/]{markup(hint)}", highlight=False)


def _cli_hint(exc: ZwxtError) -> str:
    """The library's hint, said in terms of this command line where it has options for it."""
    if isinstance(exc, NotARepositoryError):
        if exc.explicit:
            return "请检查 --root 或环境变量 ZWXT_ROOT 指向的目录"
        return "请进入仓库目录后再运行，或用 --root 目录 / 环境变量 ZWXT_ROOT 指定仓库"
    if isinstance(exc, OutsideRepositoryError):
        return "请给出仓库内的文件或目录，或用 --root 指定仓库"
    return exc.hint


def _internal_error() -> int:
    import tempfile
    import traceback

    from zwxt.cli.console import err_console

    report = "".join(traceback.format_exception(*sys.exc_info()))
    fd, log = tempfile.mkstemp(prefix="zwxt-error-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"zwxt {__version__}\n{' '.join(sys.argv)}\n\n{report}")
    kind = sys.exc_info()[0]
    err_console.print(
        f"[bold red]抱歉，zwxt 遇到了内部错误（{kind.__name__ if kind else '未知'}）。[/]"
        "这是程序的缺陷，不是您的数据问题。\n"
        f"  详细信息已保存到 {log}，请把该文件发给维护人员。",
        highlight=False,
    )
    return 3
