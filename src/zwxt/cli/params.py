"""Typer's parameters, converting a value only when the command line or the environment gives one.

typer converts every parameter's value through a pydantic TypeAdapter, built the first time
the parameter is processed -- also for the None of an option nobody gave, which converts to
None (or to () for a list) without it. Building one imports pydantic. The group's ``--root``
and ``--help`` are processed before every command, so ``zwxt COMMAND --help`` and a mistyped
command line would import pydantic for nothing (a command that runs imports it anyway, with
its models). Here a value not given is passed on as typer passes it, to the parameter's
callback if it has one, and so is a default that already is of the parameter's type (the
``Format.text`` of ``--format``); a given value is converted by typer as before.

typer builds its parameters itself, with no public way to choose their class, so
`convert_given_values_only` gives the ones a command holds a subclass that adds no
attributes. That, and typer's lazy converter (``get_runtime_param``), is not public API:
pyproject.toml pins typer, and tests/cli/test_typer_pin.py checks what is used here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from typer._click import Context, Parameter
from typer._click.core import ParameterSource
from typer.core import TyperArgument, TyperOption


def _process(param: Parameter, ctx: Context, value: Any, typers: Callable[[Context, Any], Any]) -> Any:
    """A value not given as typer's process_value passes it on (to the callback, if any), without
    building the converter; any other through ``typers``, typer's own process_value."""
    if value is None and not param.required:
        value = () if param.multiple or param.nargs == -1 else None
    elif not _declared_default(param, ctx, value):
        return typers(ctx, value)
    return value if param.callback is None else param.callback(ctx, param, value)


def _declared_default(param: Parameter, ctx: Context, value: Any) -> bool:
    """The default of the command's signature, already of the parameter's (class) type."""
    if param.name is None or ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
        return False
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return isinstance(annotation, type) and isinstance(value, annotation)


# Subclasses that add no attributes, so that a parameter typer made can take their class.
class _Option(TyperOption):
    def process_value(self, ctx: Context, value: Any) -> Any:
        return _process(self, ctx, value, super().process_value)


class _Argument(TyperArgument):
    def process_value(self, ctx: Context, value: Any) -> Any:
        return _process(self, ctx, value, super().process_value)


def convert_given_values_only(params: list[Parameter]) -> None:
    """Have typer's options and arguments among ``params`` convert only values that were given."""
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _Option
        elif type(param) is TyperArgument:
            param.__class__ = _Argument
