"""Jinja2's immutable sandbox, with bounds on what one template may build and do.

The sandbox stops a template from reaching private attributes or changing its data, but
not from asking for ``{{ 'x' * 10**10 }}``, which eats the machine's memory and never
ends. A repository's templates/ is as untrusted as the rest of a merge request, so the
operators and filters that build big values from small ones are checked before they run:
repetition (``*``), powers (``**``), ``%`` and ``format`` widths, ``+`` and ``~`` of
strings or lists, the width of ``center``, ``indent``, ``wordwrap``, ``ljust`` and the
like, ``replace``, ``join``, ``sum``, ``translate``, ``batch``, ``slice``, ``tojson``,
``range`` and ``lipsum``. What goes beyond the bounds raises TooBig, a SecurityError that
templates.py reports with the template's name and line.

A user's template is also compiled with counters (_Counters) that count its
work in steps, at most MAX_STEPS in one rendering (about two seconds of work): a loop
iteration, a call, a filter or a test is a step, and so is every item of what a filter, a
method or an operator reads or builds (every TEXT_PER_STEP characters of text, the items of
a list, every item pulled from a generator such as ``map``'s), charged before the work is
done, so that no single filter runs long. Filters that do much per item (``sort``, ``map``,
``wordwrap``...) cost a few steps an item (_PER_ITEM). Every piece of text it writes counts
towards MAX_OUTPUT, also inside ``{% set %}`` blocks and macros. A wall clock backs the
count up: once a user's template runs, the rendering may take MAX_SECONDS, read every
_CLOCK_EVERY steps. The templates shipped with zwxt are trusted: neither counted nor timed.

The counters are calls written into the template's syntax tree between Jinja2's public
``parse`` and ``compile`` (Environment.compile takes a tree), with the nodes Jinja2's AST
offers extensions; the filters and tests are charged by twins that call the real ones
through ``call_filter`` and ``call_test``. Nothing here reaches into Jinja2's compiler
(tests/documents/test_sandbox_public.py).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sized
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import nodes, pass_context, pass_environment, pass_eval_context
from jinja2.runtime import Macro, Undefined
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum

MAX_ITEMS = 1_000_000  # the longest string or list an operator or filter may build
MAX_BITS = 4096  # the largest integer, in bits (a 1 233-digit number)
MAX_WIDTH = 10_000  # the widest field of a format, center, indent and the like
MAX_STEPS = 2_000_000  # the work of one rendering of a user's template, in steps
MAX_OUTPUT = 10_000_000  # characters a user's template may write in one rendering
MAX_SECONDS = 10  # the wall-clock time of a rendering once a user's template runs
TEXT_PER_STEP = 8  # characters of text a filter, method or operator reads for one step
_TEXT = (str, bytes, bytearray)
_MACRO_COST = 30
_CLOCK_EVERY = 128

# Filters and tests whose work does not grow with their input: one step each.
_CONSTANT_FILTERS = frozenset({"abs", "attr", "count", "d", "default", "first", "float", "int",
                               "items", "last", "length", "random", "round", "filesizeformat"})
_LINEAR_TESTS = frozenset({"in", "lower", "upper"})  # the tests that read their whole input
# Filters that do much Python work for each item or character they read: steps per unit read.
_PER_ITEM = {"sort": 6, "unique": 4, "map": 6, "select": 4, "reject": 4, "selectattr": 4,
             "rejectattr": 4, "groupby": 4, "dictsort": 4, "pprint": 4, "min": 2, "max": 2,
             "title": 2, "wordcount": 2, "wordwrap": 10, "urlize": 16}


class TooBig(SecurityError):
    """What a template asked to build is too big; the message says what, in Chinese."""


class TooMuchWork(TooBig):
    """A template did more work than one rendering may (MAX_STEPS, MAX_SECONDS)."""


class _Counters:
    """Writes the counters into a user's template's syntax tree, before Jinja2 compiles it.

    Each counter is a call of one of BoundedSandbox's methods (an EnvironmentAttribute node,
    which Jinja2's AST offers extensions for calling back into their environment):

    * the iterable of every ``{% for %}`` is passed through ``count_loop``;
    * the root and each block start the clock (``start_clock``);
    * every piece of output goes through ``count_output`` (text of the template) or
      ``written`` (a value, charged for becoming text), also inside ``{% set %}`` blocks
      and macros;
    * ``~`` builds its text in ``bounded_concat``, and what ``in`` searches goes through
      ``searched``;
    * each filter and test is called by its charged twin (BoundedSandbox.charged_name).
    """

    def __init__(self, environment: BoundedSandbox) -> None:
        self.environment = environment

    def call(self, method: str, *args: Any, lineno: int | None) -> nodes.Call:
        call = nodes.Call(nodes.EnvironmentAttribute(method), list(args), [], None, None)
        call.set_lineno(lineno or 1).set_environment(self.environment)
        return call

    def clocked(self, body: list[nodes.Node], lineno: int) -> list[nodes.Node]:
        start = nodes.ExprStmt(self.call("start_clock", lineno=lineno), lineno=lineno)
        return [start.set_environment(self.environment), *body]

    def visit(self, node: nodes.Node, escaping: bool = False) -> nodes.Node:
        """``node`` with its children counted; ``escaping``: within ``{% autoescape %}``."""
        if isinstance(node, nodes.ScopedEvalContextModifier):
            for option in node.options:
                if option.key == "autoescape":  # `~` joins by escaping there: left to Jinja2
                    escaping = not isinstance(option.value, nodes.Const) or bool(option.value.value)
        for field, value in node.iter_fields():
            if isinstance(value, nodes.Node):
                setattr(node, field, self.visit(value, escaping))
            elif isinstance(value, list):
                setattr(node, field, [self.visit(item, escaping) if isinstance(item, nodes.Node) else item
                                      for item in value])
        return self.counted(node, escaping)

    def counted(self, node: nodes.Node, escaping: bool) -> nodes.Node:
        """``node`` (its children counted already) with its own counter."""
        if isinstance(node, nodes.Template | nodes.Block):
            node.body = self.clocked(node.body, node.lineno)
        elif isinstance(node, nodes.For):
            node.iter = self.call("count_loop", node.iter, lineno=node.lineno)
        elif isinstance(node, nodes.Output):
            node.nodes = [self.call("count_output" if isinstance(child, nodes.TemplateData) else "written",
                                    child, lineno=child.lineno) for child in node.nodes]
        elif isinstance(node, nodes.Operand) and node.op in ("in", "notin"):
            node.expr = self.call("searched", node.expr, lineno=node.expr.lineno)
        elif isinstance(node, nodes.Concat) and not escaping:
            items = nodes.Tuple(node.nodes, "load", lineno=node.lineno).set_environment(self.environment)
            return self.call("bounded_concat", items, lineno=node.lineno)
        elif isinstance(node, nodes.Filter | nodes.Test):
            node.name = self.environment.charged_name(node.name, isinstance(node, nodes.Filter))
        return node


# The methods the counters call: called directly, neither charged nor checked as a template's calls.
_COUNTERS = frozenset({"count_loop", "start_clock", "count_output", "written", "searched", "bounded_concat"})
# What a filter's or test's charged twin is called: not a name a template can write.
_CHARGED = "{}#charged"


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, refusing values beyond MAX_ITEMS, MAX_BITS and MAX_WIDTH.

    One instance renders one template (and what it includes): the counts of steps and
    output are for that rendering. ``trusted(filename)`` says which templates are zwxt's own.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, trusted: Callable[[str], bool] | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.trusted = trusted
        self.steps = 0
        self.output = 0
        self.deadline: float | None = None
        self.counted_names: set[str | None] = set()  # the templates compiled with counters
        self._until_clock = _CLOCK_EVERY
        for name, bounded in _BOUNDED_FILTERS.items():
            self.filters[name] = bounded
        self.globals["range"] = _range
        self.globals["lipsum"] = _lipsum

    def compile(self, source: str | nodes.Template, name: str | None = None,
                filename: str | None = None, raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja2's compile, a user's template with the counters written into its syntax tree first."""
        if self.trusted is None or filename is None or not self.trusted(filename):
            if isinstance(source, str):
                source = self.parse(source, name, filename)
            counted = _Counters(self).visit(source)
            assert isinstance(counted, nodes.Template)
            source = counted
            self.counted_names.add(name)
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    def step(self, cost: int = 1) -> None:
        self.steps += cost
        if self.steps > MAX_STEPS:
            raise TooMuchWork(f"循环、调用和过滤器处理的数据合计超过了 {MAX_STEPS} 步的上限")
        # the clock is read at every _CLOCK_EVERY-th step: reading it costs more than a step
        self._until_clock -= 1
        if self._until_clock <= 0:
            self._until_clock = _CLOCK_EVERY
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise TooMuchWork(f"模板运行超过了 {MAX_SECONDS} 秒的上限")

    def start_clock(self) -> None:
        """A user's template runs: from now on, the rendering may take MAX_SECONDS."""
        if self.deadline is None:
            self.deadline = time.monotonic() + MAX_SECONDS

    def count_loop(self, iterable: Any) -> Any:
        for item in iterable:
            self.step()
            yield item

    def written(self, value: Any) -> Any:
        """``value`` as the text that is output, charged for making it and counted as output.

        Markup is left to Jinja2, which writes it as it is (or escapes what is not).
        """
        value = self.weighed(value)
        return self.count_output(value if hasattr(value, "__html__") else str(value))

    def weighed(self, value: Any) -> Any:
        """``value``, charged for the work of making it text (a list of long texts: a lot)."""
        if type(value) is not str:
            self.step(_weight(value, MAX_STEPS - self.steps))
        return value

    def searched(self, value: Any) -> Any:
        """``value``, charged for a search by ``in``: its length, but a mapping's or set's is quick."""
        self.step(1 if isinstance(value, dict | set | frozenset) else 1 + _size(value))
        return value

    def charged_name(self, name: str, is_filter: bool) -> str:
        """The name of the twin of the filter (or test) ``name`` that charges steps before it runs.

        What it reads is charged by its weight (_weight), times _PER_ITEM for the filters
        that work hard on each item; a generator it reads costs a step for each item pulled.
        The twin then calls the filter itself as the compiled template would have (Jinja2's
        call_filter and call_test give it the context, eval context or environment it asks
        for). A name with no filter is left as it is, for Jinja2 to say so.
        """
        table = self.filters if is_filter else self.tests
        charged = _CHARGED.format(name)
        if charged in table:
            return charged
        if name not in table:
            return name
        flat = name in _CONSTANT_FILTERS if is_filter else name not in _LINEAR_TESTS
        per_item = _PER_ITEM.get(name, 1) if is_filter else 1
        run = self.call_filter if is_filter else self.call_test

        @pass_context
        def charged_function(context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
            value, *rest = self.counted_items((value, *args))
            kwargs = dict(zip(kwargs, self.counted_items(tuple(kwargs.values())), strict=True))
            cost = 1
            if not flat:
                room = MAX_STEPS - self.steps
                for item in (value, *rest, *kwargs.values()):
                    cost += per_item * _weight(item, room)
            self.step(cost)
            return run(name, value, rest, kwargs, context=context)

        table[charged] = charged_function
        return charged

    def counted_items(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """``values``, with each generator among them costing a step for each item pulled."""
        return tuple(self.count_loop(v) if isinstance(v, Iterator) and not isinstance(v, _TEXT) else v
                     for v in values)

    def count_output(self, text: Any) -> Any:
        self.output += len(text) if isinstance(text, Sized) else 0
        if self.output > MAX_OUTPUT:
            raise TooBig(f"模板写出的文字超过了 {MAX_OUTPUT} 个字符的上限")
        return text

    def bounded_concat(self, values: tuple[Any, ...]) -> str:
        parts = [str(self.weighed(value)) for value in values]
        size = sum(map(len, parts))
        _check_items(size, "连接（~）")
        self.step(1 + size // TEXT_PER_STEP)
        return "".join(parts)

    def counts(self, context: Any) -> bool:
        """Whether the code running with ``context`` is a user's template's, which is charged.

        A context is named after the template whose code runs with it (a shipped template
        that a user's extends runs with the user's).
        """
        return context.name in self.counted_names

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
        result = super().call_binop(context, operator, left, right)
        if self.counts(context):
            self.step(1 + _size(result))  # after the checks above, a result of at most MAX_ITEMS
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if getattr(__obj, "__self__", None) is __self and __obj.__name__ in _COUNTERS:
            return __obj(*args)  # a counter (_Counters); kwargs: Jinja2's loop and block variables
        if __self.counts(__context):
            args = __self.charge_call(__obj, args, kwargs)
        args = _check_method(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def charge_call(self, function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """Charge a user's template's call; returns the arguments to call with (generators counted)."""
        if isinstance(function, Macro):  # its body's work is counted: the call as a few dozen steps
            self.step(_MACRO_COST)
            return args
        # a method of a text or a list reads it and its arguments
        args = self.counted_items(args)
        owner = getattr(getattr(function, "__wrapped__", function), "__self__", None)
        room = MAX_STEPS - self.steps
        self.step(1 + sum(_weight(value, room) for value in (owner, *args, *kwargs.values())))
        return args


def _size(value: Any) -> int:
    """The steps of building ``value``: its characters (by TEXT_PER_STEP) or its items."""
    if isinstance(value, _TEXT):
        return len(value) // TEXT_PER_STEP
    return len(value) if isinstance(value, list | tuple) else 0


_CONTAINERS = (list, tuple, set, frozenset)


def _weight(value: Any, limit: int) -> int:
    """The steps of reading ``value``: its items and theirs, and their text by TEXT_PER_STEP.

    Counting stops once past ``limit`` (the steps left), so weighing costs at most as much
    as the budget: a list holding one long text a thousand times is too heavy at once.
    Records of the plan weigh nothing: reading their fields is counted where it is done.
    """
    total = 0
    pending = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, _TEXT):
            total += len(item) // TEXT_PER_STEP
        elif isinstance(item, _CONTAINERS):
            total += len(item)
            pending.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, Sized) and not isinstance(item, Undefined):  # a range, a mapping...
            total += len(item)
    return total


def _check_items(count: int, what: str) -> None:
    if count > MAX_ITEMS:
        raise TooBig(f"{_spaced(what)}的结果有 {count} 个字符或元素，超过了 {MAX_ITEMS} 的上限")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise TooBig(f"{_spaced(what)}的宽度 {width} 超过了 {MAX_WIDTH} 的上限")


def _spaced(what: str) -> str:
    """A filter's or method's name, as the user wrote it, in 「」 before Chinese text."""
    return f"「{what}」" if what.isascii() else what


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
            _check_width(int(number), "格式化（「format」）")
        if "{" in field:  # a nested width: from the arguments
            for value in (*args, *kwargs.values()):
                _check_width(value, "格式化（「format」）")


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Bounds for the methods of str and bytes that a template may call: widths, replace, join.

    Returns the arguments to call the method with: join's iterable is read into a list first.
    """
    wrapped = getattr(method, "__wrapped__", method)  # the sandbox wraps str.format
    owner = getattr(wrapped, "__self__", None)
    if not isinstance(owner, _TEXT):
        return args
    name = getattr(wrapped, "__name__", "")
    if name == "join" and args:
        items = list(args[0])
        sizes = sum(len(item) for item in items if isinstance(item, _TEXT))
        _check_items(sizes + len(owner) * max(len(items) - 1, 0), "join")
        return (items, *args[1:])
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, _TEXT)), default=1)
        _check_items(len(owner) * max(longest, 1), "translate")
    if name in _WIDTH_METHODS:
        for value in (*args, *kwargs.values()):
            _check_width(value, name)
        if name == "expandtabs":
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            _check_items(len(owner) + tabs * min(max(_int(args, 0, 8), 0), MAX_WIDTH), name)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    elif name in ("format", "format_map") and isinstance(owner, str):
        _check_format(owner, args, kwargs)
    return args


def _int(args: tuple[Any, ...], index: int, default: int) -> int:
    value = args[index] if len(args) > index else default
    return value if isinstance(value, int) else default


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, _TEXT) and isinstance(old, _TEXT) and isinstance(new, _TEXT) \
            and isinstance(old, str) == isinstance(text, str):
        count = text.count(old)  # type: ignore[arg-type]
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


@pass_eval_context
def _join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    if attribute is not None:
        items = list(map(jinja_filters.make_attrgetter(eval_ctx.environment, attribute), items))
    sizes = sum(len(item) if isinstance(item, str) else len(str(item)) for item in items)
    _check_items(sizes + len(str(d)) * max(len(items) - 1, 0), "join")
    return jinja_filters.do_join(eval_ctx, items, d)


@pass_environment
def _sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = list(iterable)
    if attribute is not None:
        items = list(map(jinja_filters.make_attrgetter(environment, attribute), items))
    if isinstance(start, Sized):  # adding up lists: as long as all of them together
        _check_items(len(start) + sum(len(item) for item in items if isinstance(item, Sized)), "sum")
    return jinja_filters.do_sum(environment, items, start=start)


@pass_eval_context
def _tojson(eval_ctx: Any, value: Any, indent: int | None = None) -> Any:
    _check_width(indent, "tojson")
    return jinja_filters.do_tojson(eval_ctx, value, indent)


def _range(*args: Any) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_RANGE + 1
    if count > MAX_RANGE:
        raise TooBig(f"「range」最多生成 {MAX_RANGE} 个数")
    return numbers


@pass_context
def _lipsum(context: Any, n: int = 5, html: bool = True, min: int = 20,  # noqa: A002
            max: int = 100) -> str:  # noqa: A002
    if isinstance(n, int) and isinstance(max, int):
        _check_items(n * max * 12, "lipsum")  # a dozen characters a word at most
        if context.environment.counts(context):  # a word is a few steps' work
            context.environment.step(6 * n * max if n > 0 and max > 0 else 0)
    return generate_lorem_ipsum(n, html, min, max)


_BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "join": _join,
    "sum": _sum,
    "tojson": _tojson,
    "center": _center,
    "indent": _indent,
    "format": _format,
    "replace": _replace,
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
}
