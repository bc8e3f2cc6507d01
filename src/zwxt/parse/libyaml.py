"""libyaml, through ruamel.yaml.clib, composes a file's nodes with the line and column of each:
the parser of record, whose every finding, message and position zwxt reports.

It builds values by the schema's types rather than YAML's implicit typing: every scalar is a
string (``no`` stays ``no``, ``010`` stays ``010``) and pydantic converts it. Comments play no
part: no command edits a file in place, so nothing needs ruamel's round-trip mode. Without the
C extension, ruamel's pure-Python composer gives the same nodes, slower.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from zwxt.diagnostics import Diagnostic, error
from zwxt.parse.limits import MAX_DEPTH, MAX_NODES, NULLS
from zwxt.parse.syntax import SyntaxProblem
from zwxt.parse.text import CONTROL
from zwxt.positions import Mark, PathKey, Positions

# `key:　value` with a full-width space parses as one plain scalar instead of a key and value.
_FULLWIDTH_AFTER_KEY = r"^[^\s:#]{1,30}:\u3000"
# What may stand before a line's content in block context: every block nesting level needs
# one more of these characters, so their count bounds the block depth (see _check_depth).
_LONG_PREFIX = re.compile(rf"[ ?:\-]{{{MAX_DEPTH // 2}}}")
_LONG_PREFIX_AFTER_NEWLINE = re.compile(rf"\n[ ?:\-]{{{MAX_DEPTH // 2}}}")


class TooDeep(Exception):
    def __init__(self, mark: Mark) -> None:
        super().__init__(mark)
        self.mark = mark


DEEP = (f"嵌套超过 {MAX_DEPTH} 层", "报告的结构很浅：请检查缩进或括号")


def compose(text: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        _check_depth(text)
        return compose_node(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line, mark.column) if mark is not None else (0, 0)
        raise SyntaxProblem(exc.problem or "", exc.context or "", line, column) from None
    except YAMLError as exc:  # the reader's complaints carry no mark
        raise SyntaxProblem(str(exc), "", 0, 0) from None


def _check_depth(text: str) -> None:
    """Raise TooDeep before composing a deeply nested text.

    Both composers recurse once per level: libyaml overflows the C stack (a crash, not an
    exception) at some 100,000 levels, the pure one the interpreter's limit at some 300. The
    parser's events come one at a time, so they are counted first when the text might be deep.
    """
    # depth <= brackets + longest line prefix + 1; both below half the limit is the usual case
    if (text.count("[") + text.count("{") < MAX_DEPTH // 2 and _LONG_PREFIX.match(text) is None
            and _LONG_PREFIX_AFTER_NEWLINE.search(text) is None):
        return
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent

    depth = 0
    for event in _events(text):
        if isinstance(event, CollectionStartEvent):
            if depth > MAX_DEPTH:
                raise TooDeep(Mark(event.start_mark.line + 1, event.start_mark.column + 1))
            depth += 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        elif isinstance(event, StreamEndEvent):
            return


def _events(text: str) -> Any:
    composer = _c_composer()
    if composer is None:
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = composer(text.encode("utf-8"))
    try:
        while True:
            event = parser.get_event()
            if event is None:
                return
            yield event
    finally:
        parser.dispose()


def compose_node(text: str) -> Any:
    composer = _c_composer()
    if composer is None:  # no C extension on this interpreter: the same nodes, slower
        return _pure_yaml().compose(text)
    parser = composer(text.encode("utf-8"))
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def _pure_yaml() -> Any:
    """ruamel's pure-Python composer, giving every node without an explicit tag the tag "?"."""
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    class Neutral(VersionedResolver):
        def resolve(self, kind: type, value: object, implicit: object) -> Tag:
            return Tag(suffix="?")

    yaml = YAML(typ="safe", pure=True)
    yaml.Resolver = Neutral
    return yaml


@functools.cache
def _c_composer() -> type | None:
    try:
        from _ruamel_yaml import CParser
    except ImportError:
        return None

    class Composer(CParser):
        # The composer asks a resolver for implicit tags; values are typed by the schema
        # instead, so every node keeps a neutral tag.
        def descend_resolver(self, *args: object) -> None:
            return None

        def ascend_resolver(self, *args: object) -> None:
            return None

        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return "?"

    return Composer


class Unusual(Exception):
    """Raised on the fast path where only the located path can explain the problem."""


class Converter:
    """Builds dicts, lists, strings and None from nodes; records marks when asked to."""

    def __init__(self, path: str, positions: Positions | None, out: list[Diagnostic],
                 careful: bool = False) -> None:
        self.path = path
        self.careful = careful
        self.keys = positions.keys if positions is not None else None
        self.values = positions.values if positions is not None else None
        self.out = out
        self.budget = MAX_NODES
        self.exhausted = False
        self.open: set[int] = set()

    def convert(self, node: Any, where: PathKey, depth: int) -> Any:
        if self.values is not None:
            self.values[where] = _mark(node)
        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            self._too_big(node, depth, where)
            return None
        if self.careful and node.tag != "?":
            self.out.append(_tag_diagnostic(self.path, node, where))
        kind = node.id
        if kind == "scalar":
            problem = _scalar_problem(self.path, node, False, where) if self.careful else None
            if problem is not None:
                self.out.append(problem)
                return None
            return None if not node.style and node.value in NULLS else node.value
        if id(node) in self.open:
            mark = _mark(node)
            self.out.append(error(self.path, mark.line, mark.column, "Y005",
                                  "别名 * 引用了包含它自身的锚点 &，形成死循环",
                                  "请不要使用 & 和 * 引用，直接写出内容", where))
            return None
        self.open.add(id(node))
        try:
            if kind == "sequence":
                return [self.convert(item, (*where, i), depth + 1)
                        for i, item in enumerate(node.value)]
            return self._mapping(node, where, depth)
        finally:
            self.open.discard(id(node))

    def plain(self, node: Any, depth: int) -> Any:
        """``convert`` without recording positions: the hot path of checking.

        Anything unusual (a duplicate or complex key, an alias loop, too much depth or
        content) raises Unusual, and the caller redoes the file on the located path,
        which says precisely what is wrong and where.
        """
        if self.careful and node.tag != "?":
            raise Unusual
        if node.id == "scalar":
            if self.careful and _scalar_problem(self.path, node, False) is not None:
                raise Unusual
            return None if not node.style and node.value in NULLS else node.value
        # children counted here, so that scalars need no bookkeeping of their own
        self.budget -= len(node.value) + 1
        if self.budget < 0 or depth > MAX_DEPTH or id(node) in self.open:
            raise Unusual
        self.open.add(id(node))
        try:
            if node.id == "sequence":
                return [self.plain(item, depth + 1) for item in node.value]
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.id != "scalar" or key_node.value in result or (
                        self.careful and _scalar_problem(self.path, key_node, True) is not None):
                    raise Unusual
                result[key_node.value] = self.plain(value_node, depth + 1)
            return result
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: Any, where: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                mark = _mark(key_node)
                self.out.append(error(self.path, mark.line, mark.column, "Y008",
                                      "键必须是一段简单文本", "请检查本行是否多写了 ? [ { 等符号", where))
                continue
            key = key_node.value
            problem = _scalar_problem(self.path, key_node, True, where + (key,)) if self.careful else None
            if problem is not None:
                self.out.append(problem)
                continue
            if key in first:
                mark = _mark(key_node)
                self.out.append(error(self.path, mark.line, mark.column, "Y004",
                                      f"键「{key}」重复出现（第一次在第 {_mark(first[key]).line} 行）",
                                      "同一层的键只能出现一次：请合并两处内容或删除其中一处", where + (key,)))
                continue
            first[key] = key_node
            if self.keys is not None:
                self.keys[where + (key,)] = _mark(key_node)
            result[key] = self.convert(value_node, where + (key,), depth + 1)
        return result

    def _too_big(self, node: Any, depth: int, where: PathKey) -> None:
        if self.exhausted:
            return
        self.exhausted = True
        mark = _mark(node)
        if depth > MAX_DEPTH:
            message, hint = f"嵌套超过 {MAX_DEPTH} 层", "报告的结构很浅：请检查缩进或括号"
        else:
            message = "展开后的内容过多（疑似用锚点 & 和别名 * 构造的“别名炸弹”）"
            hint = "请不要使用 & 和 * 引用，直接写出内容"
        self.out.append(error(self.path, mark.line, mark.column, "Y005", message, hint, where))


def _tag_diagnostic(path: str, node: Any, where: PathKey) -> Diagnostic:
    """An explicit tag (``!!int 3``, ``!!binary …``, ``!custom``): values are typed by the schema."""
    tag = str(node.tag)
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    mark = _mark(node)
    return error(path, mark.line, mark.column, "Y009", f"不支持 YAML 标签「{shown}」",
                 f"报告中的值不需要标签：请删除「{shown}」，直接写内容；以 ! 开头的文字请加引号", where)


def _scalar_problem(path: str, node: Any, is_key: bool, where: PathKey = ()) -> Diagnostic | None:
    """A full-width space or an escaped control character that parsed without a syntax error
    (``where``: the key's or value's path, for the finding)."""
    value: str = node.value
    mark = _mark(node)
    if node.style == '"':
        match = CONTROL.search(value)
        if match:
            return error(path, mark.line, mark.column, "Y006",
                         f"双引号中的转义写出了控制字符 U+{ord(match.group()):04X}，Word 文档无法容纳",
                         "请删除引号中以反斜杠 \\ 开头的转义（如 \\a、\\x07）", where)
        return None
    if node.style:
        return None
    if is_key and value.startswith("\u3000"):
        return error(path, mark.line, mark.column, "Y007", "使用了全角空格缩进",
                     "请把全角空格（中文输入法下的空格）换成半角空格", where)
    match = re.match(_FULLWIDTH_AFTER_KEY, value)
    if match:
        return error(path, mark.line, mark.column + match.end() - 1, "Y007", "冒号后面是全角空格",
                     "请把冒号后的全角空格换成半角空格，例如 status: 推进中", where)
    return None


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
