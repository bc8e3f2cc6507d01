"""The typer that zwxt's command line is written against, pinned: its click is not public API.

Since 0.26 typer vendors click as ``typer._click``, which its authors say applications must
not use, and it offers no public hook for what zwxt/cli needs: the usage line, help layout
and usage errors in Chinese (cli/i18n.py), blank values refused while still the text typed
(i18n._BlankRefusingParser) and options not given passed on without building pydantic's
converters (cli/params.py). So pyproject.toml names one version of typer, and these tests
fail when the installed typer is another or when a name zwxt relies on is gone: whoever
moves the pin reruns tests/cli (test_i18n, test_blank_values) and tests/test_startup.py on it.
"""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from typer._click import Command, Context, HelpFormatter
from typer._click.core import ParameterSource
from typer._click.exceptions import NoSuchOption
from typer._click.parser import _OptionParser
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.main import get_command

from zwxt.cli import app, i18n, params

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_typer_is_pinned_to_one_version_and_that_one_is_installed() -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    pins = re.findall(r'^\s*"typer\b([^"]*)",', text, flags=re.IGNORECASE | re.MULTILINE)
    assert len(pins) == 1 and re.fullmatch(r"==\d+(\.\d+)+", pins[0]), pins
    assert version("typer") == pins[0][2:]


# zwxt's subclasses of typer's classes, and the typer classes whose methods they override
SUBCLASSES = [
    (i18n.ChineseHelpFormatter, HelpFormatter),
    (i18n._BlankRefusingParser, _OptionParser),
    (i18n._Chinese, Command),
    (i18n.ChineseCommand, TyperCommand),
    (i18n.ChineseGroup, TyperGroup),
    (params._Option, TyperOption),
    (params._Argument, TyperArgument),
]


@pytest.mark.parametrize(("ours", "theirs"), SUBCLASSES, ids=lambda c: c.__qualname__)
def test_each_method_zwxt_overrides_is_one_typer_has_with_the_same_parameters(ours: type,
                                                                               theirs: type) -> None:
    overridden = [name for name, value in vars(ours).items()
                  if inspect.isfunction(value) and name != "__init__"]
    for name in overridden:
        assert hasattr(theirs, name), f"{theirs.__qualname__} has no {name}"
        assert list(inspect.signature(getattr(ours, name)).parameters) == \
            list(inspect.signature(getattr(theirs, name)).parameters), name


def test_the_attributes_zwxt_sets_and_reads_are_typers() -> None:
    group = get_command(app)
    assert isinstance(group, i18n.ChineseGroup)
    for name in ("options_metavar", "subcommand_metavar", "suggest_commands", "invoke_without_command",
                 "context_class", "commands"):
        assert hasattr(group, name), name
    ctx = group.make_context("zwxt", ["check"], resilient_parsing=True)
    assert isinstance(ctx, Context) and ctx.formatter_class is i18n.ChineseHelpFormatter
    for name in ("_protected_args", "allow_extra_args", "resilient_parsing"):
        assert hasattr(ctx, name), name
    assert ParameterSource.DEFAULT is not None
    error = NoSuchOption("--x", possibilities=["--xy"])
    assert (error.option_name, error.possibilities) == ("--x", ["--xy"])


def test_typer_builds_its_converter_only_when_a_parameter_is_processed() -> None:
    """What cli/params.py saves: typer's converter, built lazily by get_runtime_param."""
    option = next(p for p in get_command(app).params if isinstance(p, TyperOption))
    assert type(option) is params._Option  # the class cli/params.py gave typer's option
    assert option._runtime_param is None  # not built yet
    assert option.get_runtime_param() is option._runtime_param is not None
