"""Jinja2's immutable sandbox, with bounds on what one expression may build.

The sandbox stops a template from reaching private attributes or changing its data, but
not from asking for ``{{ 'x' * 10**10 }}``, which eats the machine's memory and never
ends. A repository's templates/ is as untrusted as the rest of a merge request, so the
operators and filters that build big values from small ones are checked before they run:
repetition (``*``), powers (``**``), ``%`` and ``format`` widths, ``+`` of strings or
lists, the width of ``center``, ``indent``, ``wordwrap``, ``ljust`` and the like,
``replace``, ``batch`` and ``slice``. What goes beyond the bounds raises TooBig, a
SecurityError that templates.py reports with the template's name and line.

Not bounded: loops (``range`` is limited by Jinja2 to 100 000 items, but loops nest) and
``~`` (Jinja2 compiles it to a join that cannot be intercepted); they are bounded by time
only, which zwxt does not limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sized
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import pass_context, pass_eval_context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_ITEMS = 1_000_000  # the longest string or list an operator or filter may build
MAX_BITS = 4096  # the largest integer, in bits (a 1 233-digit number)
MAX_WIDTH = 10_000  # the widest field of a format, center, indent and the like


class TooBig(SecurityError):
    """What a template asked to build is too big; the message says what, in Chinese."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, refusing values beyond MAX_ITEMS, MAX_BITS and MAX_WIDTH."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name, bounded in _BOUNDED_FILTERS.items():
            self.filters[name] = bounded

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%":
            _check_percent(left, right)
        elif operator == "+" and isinstance(left, Sized) and isinstance(right, Sized) \
                and not isinstance(left, dict):
            _check_items(len(left) + len(right), "相加")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _check_method(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def _check_items(count: int, what: str) -> None:
    if count > MAX_ITEMS:
        raise TooBig(f"{_spaced(what)}的结果有 {count} 个字符或元素，超过了 {MAX_ITEMS} 的上限")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise TooBig(f"{_spaced(what)}的宽度 {width} 超过了 {MAX_WIDTH} 的上限")


def _spaced(what: str) -> str:
    """A filter's or method's name is followed by a space before Chinese text."""
    return what + " " if what.isascii() else what


def _check_repeat(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_BITS:
            raise TooBig(f"相乘的结果超过了 {MAX_BITS} 位二进制数的上限")
        return
    times, repeated = (left, right) if isinstance(left, int) else (right, left)
    if isinstance(times, int) and isinstance(repeated, Sized):
        _check_items(max(times, 0) * len(repeated), "重复（*）")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1 \
            and (abs(base).bit_length() - 1) * exponent > MAX_BITS:
        raise TooBig(f"乘方（**）的结果超过了 {MAX_BITS} 位二进制数的上限")


# A %-conversion: key, flags, width, precision, length modifier, type.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?[a-zA-Z%]")


def _check_percent(text: Any, values: Any) -> None:
    if not isinstance(text, str):
        return
    starred = False
    for match in _PERCENT.finditer(text):
        for number in match.groups():
            if number == "*":
                starred = True
            elif number:
                _check_width(int(number), "格式化（%）")
    if starred:
        for value in values if isinstance(values, tuple) else (values,):
            _check_width(value, "格式化（%）")


# A str.format field's spec: ...:<fill><align><sign>#0<width>,.<precision><type>
_FORMAT_NUMBER = re.compile(r"\d+")


def _check_format(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for field in re.findall(r"\{[^{}]*:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}", text):
        for number in _FORMAT_NUMBER.findall(re.sub(r"\{[^{}]*\}", "", field)):
            _check_width(int(number), "格式化（format）")
        if "{" in field:  # a nested width: from the arguments
            for value in (*args, *kwargs.values()):
                _check_width(value, "格式化（format）")


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Bounds for the methods of str that a template may call: widths, replace, format."""
    wrapped = getattr(method, "__wrapped__", method)  # the sandbox wraps str.format
    owner = getattr(wrapped, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(wrapped, "__name__", "")
    if name in _WIDTH_METHODS:
        for value in (*args, *kwargs.values()):
            _check_width(value, name)
        if name == "expandtabs":
            _check_items(len(owner) + owner.count("\t") * min(max(_int(args, 0, 8), 0), MAX_WIDTH), name)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name in ("format", "format_map"):
        _check_format(owner, args, kwargs)


def _int(args: tuple[Any, ...], index: int, default: int) -> int:
    value = args[index] if len(args) > index else default
    return value if isinstance(value, int) else default


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old)
        _check_items(len(text) + count * (len(new) - len(old)), "替换（replace）")


# ---- filters that take a width or a count ---------------------------------------------------

def _center(value: Any, width: int = 80) -> str:
    _check_width(width, "center")
    return jinja_filters.do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    if isinstance(width, str):
        _check_width(len(width), "indent")
    else:
        _check_width(width, "indent")
    size = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _check_items(len(str(s)) + str(s).count("\n") * size, "indent")
    return jinja_filters.do_indent(s, width, first, blank)


@pass_eval_context
def _format(eval_ctx: Any, value: str, *args: Any, **kwargs: Any) -> str:
    _check_percent(str(value), kwargs or args)
    return jinja_filters.do_format(value, *args, **kwargs)


@pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(s), str(old), str(new))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


@pass_context
def _wordwrap(context: Any, s: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    _check_width(width, "wordwrap")
    return jinja_filters.do_wordwrap(context.environment, s, width, *args, **kwargs)


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    _check_width(linecount, "batch")
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_width(slices, "slice")
    return jinja_filters.do_slice(value, slices, fill_with)


_BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _center,
    "indent": _indent,
    "format": _format,
    "replace": _replace,
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
}
