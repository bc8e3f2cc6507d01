"""Click's own English, said in Chinese: the usage line, help headings and usage errors.

typer's copy of click words its output in two ways, and each is answered where click lets
itself be changed, never by rewriting English text after the fact:

* typer/core.py passes some strings through ``gettext.gettext``: the help headings
  ``Options``, ``Arguments``, ``Commands``, the notes ``default: {default}``,
  ``env var: {var}``, ``required``, and the errors ``Missing command.`` and
  ``No such command {name!r}.``. zwxt ships a catalog for them,
  ``zwxt/locale/zh_CN/LC_MESSAGES/zwxt.po``, compiled to ``zwxt.mo`` beside it.
* The rest is written into the vendored click. The Chinese command classes below replace
  it through click's customisation points: the context's ``formatter_class`` (the
  ``用法：`` prefix, full-width colons after headings), ``get_help_option`` (the help
  option's description), ``options_metavar`` and ``subcommand_metavar``. Usage errors are
  put into words by `usage_message` from the exception's class and attributes (the option
  name, the parameter, its choices, whether it is a flag), not from click's sentences.

The language. ``gettext.gettext``, the function typer calls, looks its text domain up in
the languages that LANGUAGE, LC_ALL, LC_MESSAGES or LANG name, and translates nothing
under the C locale or when none is set. zwxt's messages are Chinese whatever the locale
(CI runners usually have C or en_US), so zwxt does not follow the locale; it chooses
zh_CN itself. gettext offers no other way to choose the language of ``gettext.gettext``
than those variables, so `click_in_chinese` binds the "zwxt" domain, makes it current and
sets ``LANGUAGE=zh_CN`` -- only for the moments click composes text (formatting a help
page, resolving a command name, reporting a missing command) -- and puts the previous
domain and LANGUAGE back straight after. No zwxt code runs inside that window, so no
process zwxt starts (git, LibreOffice) inherits the setting, and ``os.environ`` is as the
user left it whenever zwxt's own code runs and when ``main()`` returns. Not chosen:
setting LANGUAGE for the whole run (child processes would inherit it) and replacing
``typer.core._`` (patching another package's globals).

Not public. typer vendors click as ``typer._click`` and says applications must not use it;
its public API has no other way to word click's output, and its vendored click, unlike
click itself, passes none of its strings through gettext. So the classes here subclass
typer's click, and pyproject.toml pins typer to one version, which
tests/cli/test_typer_pin.py checks along with the methods and attributes used here.
"""

from __future__ import annotations

import gettext
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from difflib import get_close_matches
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.parser import _OptionParser
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from zwxt.cli.params import convert_given_values_only
from zwxt.cli.visible import visible

DOMAIN = "zwxt"
LANGUAGE = "zh_CN"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

USAGE_PREFIX = "用法："
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
HELP_OPTION_HELP = "显示本帮助后退出"


@contextmanager
def click_in_chinese() -> Iterator[None]:
    """Within, typer's ``gettext`` calls answer from zwxt's Chinese catalog; after, all is as before."""
    domain = gettext.textdomain()
    language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = LANGUAGE
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


# Typer's type after a parameter's name, ``<path>``, ``<list[Path]>``: Python's words, where
# the Chinese metavar already says what to give (a list of choices, ``<text|json>``, stays).
_TYPE_TAG = re.compile(r" <[^<>|]*>")
_CHOICES_LIST = re.compile(r"<list\[([^\]<>]*)\]>")  # <list[docx|md]>: the choices, <docx|md>


class ChineseHelpFormatter(HelpFormatter):
    """Click's help layout in Chinese: ``用法：`` for ``Usage:``, full-width colons after headings.

    It also measures text in terminal columns (a CJK character takes two) and may break a
    line between two CJK characters, where click counts characters and breaks only at
    spaces; Chinese help would otherwise overrun the terminal and misalign its columns.
    As in click, the lines of a paragraph are joined -- without a space after a CJK character.
    """

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = f"{USAGE_PREFIX if prefix is None else prefix:>{self.current_indent}}{prog} "
        self.write(_wrap(args, self.width - self.current_indent, prefix, " " * _columns(prefix)) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        paragraphs = []
        for block in re.split(r"\n\s*\n", text.expandtabs().strip("\n")):
            lines = block.splitlines()
            indent = " " * (self.current_indent + len(lines[0]) - len(lines[0].lstrip()))
            if lines[0].strip() == "\b":  # click's mark for a block not to rewrap
                paragraphs.append("\n".join((indent + line).rstrip() for line in lines[1:]))
            else:
                paragraphs.append(_wrap(_joined(lines), self.width, indent, indent))
        self.write("\n\n".join(paragraphs) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(_TYPE_TAG.sub("", _CHOICES_LIST.sub(r"<\1>", first)), second) for first, second in rows]
        first_col = min(max((_columns(first) for first, _ in rows), default=0), col_max) + col_spacing
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _columns(first)))
            else:
                self.write("\n" + margin)
            text = _wrap(_joined(second.splitlines()), max(self.width - first_col - 2, 10))
            self.write(text.replace("\n", "\n" + margin) + "\n")


class ChineseContext(typer.Context):
    formatter_class = ChineseHelpFormatter


class ExtraArguments(UsageError):
    """Arguments left over once a command has taken all it accepts."""

    def __init__(self, arguments: Sequence[str], ctx: Context) -> None:
        self.arguments = list(arguments)
        super().__init__(f"多余的参数：{' '.join(_shown(arg) for arg in self.arguments)}", ctx)


class BlankValue(UsageError):
    """An option's value or an argument that is empty or only spaces (``-o ''``, ``--root=``).

    No value zwxt takes may be blank, and some would be taken for something else:
    ``Path("")`` is the current directory, ``--root ''`` would search upwards as if not
    given, ``render ''`` would name every report.
    """

    def __init__(self, param: object, ctx: Context | None) -> None:
        if isinstance(param, TyperOption):
            message = f"选项 {_name(param)} 的值不能为空"
        else:
            message = f"参数「{_name(param).strip('[].')}」不能为空"
        super().__init__(message + "（也不能只有空格）", ctx)


class _BlankRefusingParser(_OptionParser):
    """Click's parser, refusing blank values while they are still the text typed: once converted,
    an empty path is ``.`` and cannot be told from a dot typed on purpose."""

    def parse_args(self, args: list[str]) -> tuple[dict[str, Any], list[str], list[Any]]:
        opts, rest, order = super().parse_args(args)
        if self.ctx is not None and self.ctx.resilient_parsing:
            return opts, rest, order
        for param in dict.fromkeys(order):
            value = opts.get(getattr(param, "name", None) or "")
            values = value if isinstance(value, (list, tuple)) else [value]
            if any(isinstance(item, str) and not item.strip() for item in values):
                raise BlankValue(param, self.ctx)
        return opts, rest, order


class _Chinese(Command):
    """What a command and a group both change: help option, usage line, formatter, parsing errors."""

    context_class = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = OPTIONS_METAVAR
        convert_given_values_only(self.params)  # no pydantic for an option not given (cli/params.py)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
            convert_given_values_only([option])
        return option

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        with click_in_chinese():
            super().format_help(ctx, formatter)

    def make_parser(self, ctx: Context) -> _OptionParser:
        parser = _BlankRefusingParser(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # Click refuses left-over arguments with an English sentence and nothing else to go
        # on; let it keep them and refuse them here, naming them.
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # click's parser raises without one; the error names its command
                exc.ctx, exc.cmd = ctx, ctx.command
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest


class ChineseCommand(_Chinese, TyperCommand):
    """A typer command whose help and usage errors are Chinese."""


class ChineseGroup(_Chinese, TyperGroup):
    """A typer group whose help and usage errors are Chinese; it suggests close command names itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = SUBCOMMAND_METAVAR
        self.suggest_commands = False  # typer would add "Did you mean ...?" in English

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        with click_in_chinese():
            try:
                return super().resolve_command(ctx, args)
            except UsageError as exc:
                # A plain UsageError here is click's "No such command"; a misused option is a subclass.
                if type(exc) is UsageError and args:
                    visible = [name for name, command in self.commands.items() if not command.hidden]
                    exc.message += _suggestion(get_close_matches(args[0], visible))
                raise

    def invoke(self, ctx: Context) -> Any:
        if ctx._protected_args or self.invoke_without_command:
            return super().invoke(ctx)
        with click_in_chinese():  # no command given: click only says "Missing command."
            return super().invoke(ctx)


def speak_chinese(app: typer.Typer) -> None:
    """Have typer build every command and group of ``app``, sub-apps included, with the Chinese classes.

    Sub-apps come from other modules (``zwxt report``), so the classes are set here, once,
    rather than as ``cls=`` at each ``app.command()``.
    """
    app.info.cls = ChineseGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):  # typer's default
            command.cls = ChineseCommand
        elif not issubclass(command.cls, ChineseCommand):
            raise TypeError(f"command {command.name} has class {command.cls.__name__}, not a ChineseCommand")
    for group in app.registered_groups:
        group.cls = ChineseGroup
        if group.typer_instance is not None:
            speak_chinese(group.typer_instance)


def usage_message(exc: UsageError) -> str:
    """What was wrong on the command line, in Chinese, from the error's class and attributes."""
    if isinstance(exc, NoSuchOption):
        return f"没有选项 {_shown(exc.option_name)}" + _suggestion(sorted(exc.possibilities or []))
    if isinstance(exc, MissingParameter) and exc.param is not None:
        choices = _choices(exc.param)
        return f"缺少 {_name(exc.param)}" + (f"，可选：{'、'.join(choices)}" if choices else "")
    if isinstance(exc, BadParameter) and exc.param is not None:
        rejected = _rejected_choice(exc)
        if rejected is not None:
            return f"{_name(exc.param)} 不能是「{_shown(rejected)}」，可选：{'、'.join(_choices(exc.param))}"
        return f"{_name(exc.param)} 的值不对：{exc.message}"
    if isinstance(exc, BadOptionUsage):
        return _option_misused(exc.option_name, _option(exc.ctx, exc.option_name))
    if isinstance(exc, BadArgumentUsage):
        return _arguments_miscounted(exc.ctx)
    return exc.format_message()  # click's own words through the catalog, or zwxt's (ExtraArguments)


def _option_misused(name: str, option: TyperOption | None) -> str:
    name = _shown(name)
    if option is None:
        return f"选项 {name} 的用法不对"
    if option.is_flag or option.count:
        return f"选项 {name} 不带值，直接写 {name} 即可"
    count = "" if option.nargs == 1 else f" {option.nargs} 个"
    choices = _choices(option)
    if choices:
        return f"选项 {name} 后面缺少{count}值，可选：{'、'.join(choices)}"
    return f"选项 {name} 后面缺少{count}值" + (f"（{option.metavar}）" if option.metavar else "")


def _arguments_miscounted(ctx: Context | None) -> str:
    params = ctx.command.get_params(ctx) if ctx is not None else []
    tuples = [p for p in params if isinstance(p, TyperArgument) and p.nargs > 1]
    if len(tuples) == 1:
        return f"参数 {_name(tuples[0])} 要给 {tuples[0].nargs} 个值"
    return "参数的个数不对"


def _option(ctx: Context | None, name: str) -> TyperOption | None:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if isinstance(param, TyperOption) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _name(param: object) -> str:
    if isinstance(param, TyperOption):
        return "/".join(param.opts)
    if isinstance(param, TyperArgument):
        return param.metavar or param.name
    return str(getattr(param, "name", "?"))


def _choices(param: object) -> list[str]:
    if not isinstance(param, (TyperOption, TyperArgument)):
        return []
    return [str(c.value) if isinstance(c, Enum) else str(c) for c in param.type_descriptor.choices or ()]


def _rejected_choice(exc: BadParameter) -> object | None:
    """The value a choice parameter refused, as typer's validator (pydantic) recorded it; else None."""
    from pydantic import ValidationError

    cause = exc.__cause__
    if not _choices(exc.param) or not isinstance(cause, ValidationError):
        return None
    errors = cause.errors()
    return errors[0].get("input") if errors else None


def _suggestion(matches: Sequence[str]) -> str:
    return f"，是否想写 {'、'.join(matches)}？" if matches else ""


def _shown(value: object) -> str:
    """User input as printed: invisible and control characters as ``<U+XXXX>`` (cli/visible.py)."""
    return visible(value)


# ---- layout in terminal columns -------------------------------------------------------------

# Punctuation that never starts a line, and that never ends one.
_CLOSING = frozenset("，。、；：？！）」』》〉】〕”’…,.;:?!)]}%")
_OPENING = frozenset("（「『《〈【〔“‘([{")


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _joined(lines: Sequence[str]) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        text += ("" if not text or _columns(text[-1]) == 2 else " ") + line
    return text


def _words(text: str) -> list[str]:
    """What a line may break between: runs of spaces, and words. A line may also break between
    two CJK characters, after a full-width closing mark and before a full-width opening one,
    but no closing mark starts a line and no opening mark ends one. A note in square brackets
    (``[默认：table]``) is one word."""
    words: list[str] = []
    depth, closes = 0, text.rfind("]")
    for at, ch in enumerate(text):
        last = words[-1][-1] if words else " "
        if depth:
            words[-1] += ch
        elif ch.isspace():
            if last.isspace() and words:
                words[-1] += ch
            else:
                words.append(ch)
        elif last.isspace() or (ch not in _CLOSING and last not in _OPENING and (
                _columns(ch) == _columns(last) == 2
                or (last in _CLOSING and _columns(last) == 2)
                or (ch in _OPENING and _columns(ch) == 2))):
            words.append(ch)
        else:
            words[-1] += ch
        depth = max(depth + (ch == "[" and at < closes) - (ch == "]"), 0)
    return words


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> str:
    """``text`` in lines of at most ``width`` columns (a longer word overruns), indented."""
    lines: list[str] = []
    line, used, space = first, _columns(first), ""
    for word in _words(text):
        if word.isspace():
            space = word if line.strip() else ""
            continue
        if line.strip() and used + len(space) + _columns(word) > width:
            lines.append(line)
            line, used, space = rest, _columns(rest), ""
        line += space + word
        used += len(space) + _columns(word)
        space = ""
    return "\n".join([*lines, line.rstrip()])
