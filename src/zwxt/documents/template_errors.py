"""What went wrong in a user's template, said in Chinese.

Jinja2's and Python's messages are English ("'nope' is undefined", "Encountered unknown tag
'foo'.", "division by zero"). The common ones are recognised and said again in Chinese,
keeping only what the user wrote (a name, a tag, a character) in 「」; anything else becomes
a Chinese sentence of its kind, never the English text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from zwxt.errors import TemplateError

_CHECK_HINT = "请对照内置模板检查该行"
SYNTAX_HINT = "请对照内置模板检查该行的 {{ }} 和 {% %} 是否成对"

# How Jinja2 names its tokens in messages (lexer.describe_token_expr), and what a user sees
_TOKENS = {
    "end of print statement": "}}",
    "begin of print statement": "{{",
    "end of statement block": "%}",
    "begin of statement block": "{%",
    "end of comment": "#}",
    "begin of comment": "{#",
    "end of template": "模板末尾",
    "end of line": "行末",
    "name": "名称",
    "string": "字符串",
    "integer": "整数",
    "float": "小数",
    "operator": "运算符",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


def _unclosed_block(m: re.Match[str]) -> str:
    block = m["block"]
    return f"「{{% {block} %}}」没有结束：模板结束前缺少「{{% end{block} %}}」"


def _unknown_tag(m: re.Match[str]) -> str:
    tag, block = m["tag"], m["block"]
    if block:
        return f"此处出现了「{{% {tag} %}}」，但「{{% {block} %}}」还没有用「{{% end{block} %}}」结束"
    if tag.startswith("end") or tag in ("else", "elif"):
        return f"「{{% {tag} %}}」前面没有对应的开始标签"
    return f"不认识的标签「{tag}」"


def _unexpected_char(m: re.Match[str]) -> str:
    char = m["char"]
    if char in "'\"":
        return f"字符串的引号「{char}」没有闭合"
    return f"此处不能出现字符「{char}」"


_SYNTAX: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Expected an expression, got '(?P<got>.+)'"),
     lambda m: f"「{_token(m['got'])}」之前缺少表达式（变量、文字或数字）"),
    (re.compile(r"Unexpected end of template\..*innermost block that needs to be closed is '(?P<block>\w+)'",
                re.S), _unclosed_block),
    (re.compile(r"Encountered unknown tag '(?P<tag>\w+)'\.(?:.*innermost block that needs to be closed is "
                r"'(?P<block>\w+)')?", re.S), _unknown_tag),
    (re.compile(r"unexpected end of template, expected '(?P<want>.+?)'"),
     lambda m: f"模板在「{_token(m['want'])}」之前就结束了：{{{{ 或 {{% 没有闭合"),
    (re.compile(r"unexpected end of template"), lambda m: "模板提前结束了：{{、{% 或括号没有闭合"),
    (re.compile(r"unexpected char (?P<q>['\"])(?P<char>.)(?P=q) at \d+", re.S), _unexpected_char),
    (re.compile(r"Missing end of comment tag"), lambda m: "注释「{#」没有对应的「#}」"),
    (re.compile(r"Missing end of raw directive"), lambda m: "「{% raw %}」没有对应的「{% endraw %}」"),
    (re.compile(r"expected token '(?P<want>.+?)', got '(?P<got>.+)'"),
     lambda m: f"此处应是「{_token(m['want'])}」，却是「{_token(m['got'])}」"),
    (re.compile(r"unexpected '(?P<got>.+?)', expected '(?P<want>.+)'"),
     lambda m: f"此处应是「{_token(m['want'])}」，却是「{_token(m['got'])}」"),
    (re.compile(r"unexpected '(?P<got>.+)'"), lambda m: f"此处不能出现「{_token(m['got'])}」"),
    (re.compile(r"No filter named '(?P<name>.+)'"), lambda m: f"没有名为「{m['name']}」的过滤器"),
    (re.compile(r"No test named '(?P<name>.+)'"),
     lambda m: f"没有名为「{m['name']}」的检验（is 之后的名称）"),
    (re.compile(r"block '(?P<name>.+)' defined twice"), lambda m: f"块「{m['name']}」定义了两次"),
    (re.compile(r"invalid syntax for function call expression"),
     lambda m: "函数调用的写法有误：带名称的参数要写在其他参数之后"),
]


def syntax_error(message: str | None, name: str, line: int | None) -> TemplateError:
    """A TemplateSyntaxError of Jinja2's, in Chinese."""
    where = f"第 {line} 行" if line else ""
    return TemplateError(f"模板 {name} {where}有语法错误：{syntax_description(message)}", SYNTAX_HINT)


def syntax_description(message: str | None) -> str:
    """What a TemplateSyntaxError's message says is wrong, in Chinese."""
    text = message or ""
    for pattern, say in _SYNTAX:
        found = pattern.search(text)
        if found:
            return say(found)
    return "写法有误"


def too_complex(name: str) -> TemplateError:
    """A user's template that Jinja2's parser or Python's compiler gives up on."""
    return TemplateError(f"模板 {name} 嵌套太深或过于复杂，无法编译",
                         "请减少 {% for %}、{% if %} 和括号的嵌套层数")


_UNDEFINED: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^'(?P<name>.+)' is undefined$", re.S), lambda m: f"使用的「{m['name']}」未定义"),
    (re.compile(r" has no attribute '(?P<name>.+)'$", re.S), lambda m: f"使用的属性「{m['name']}」不存在"),
    (re.compile(r" has no element (?P<name>.+)$", re.S),
     lambda m: f"使用的元素「{m['name'].strip(chr(39))}」不存在"),
]

_UNSAFE = [
    (re.compile(r"access to attribute '(?P<name>.+?)' of .* is unsafe", re.S),
     lambda m: f"不允许访问属性「{m['name']}」"),
    (re.compile(r"(?P<name>.+?) is not safely callable", re.S), lambda m: "不允许调用这个函数"),
]


def runtime_error(exc: BaseException, where: str) -> TemplateError:
    """An error raised while a user's template ran, at ``where`` (its name and line), in Chinese."""
    from jinja2 import TemplateNotFound, UndefinedError
    from jinja2.exceptions import SecurityError

    from zwxt.documents.sandbox import TooBig, TooMuchWork

    if isinstance(exc, TemplateNotFound):
        return TemplateError(f"模板 {where} 引用的模板 {exc.name} 不存在", "请检查模板目录中的文件名")
    if isinstance(exc, TooMuchWork):
        return TemplateError(f"模板 {where} 运算量过大：{exc}",
                             "请检查该行和它所在的循环、宏：循环的次数、range 的大小，"
                             "以及是否在循环中对长文字或大列表反复使用过滤器")
    if isinstance(exc, TooBig):
        return TemplateError(f"模板 {where} 要生成的内容过大：{exc}",
                             "请检查该行的 *、**、% 和「center」「indent」等的数字，以及循环的次数是否写错")
    if isinstance(exc, SecurityError):
        return TemplateError(f"模板 {where} {_first(_UNSAFE, str(exc), '使用了模板中不允许的操作')}",
                             "模板只能读取报告数据，不能访问以 _ 开头的属性、修改数据或执行程序")
    if isinstance(exc, UndefinedError):
        return TemplateError(f"模板 {where} {_first(_UNDEFINED, exc.message or '', '使用了未定义的值')}",
                             "请对照内置模板检查变量名")
    if isinstance(exc, RecursionError):
        return TemplateError(f"模板 {where} 无限地引用自身", "请检查「include」「extends」和宏的调用")
    return TemplateError(f"模板 {where} 运行出错：{_kind(exc)}", _CHECK_HINT)


def _first(patterns: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]], text: str,
           default: str) -> str:
    for pattern, say in patterns:
        found = pattern.search(text)
        if found:
            return say(found)
    return default


def _kind(exc: BaseException) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "除以零"
    if isinstance(exc, OverflowError | MemoryError):
        return "要生成的内容过大（数字或文字太大）"
    if isinstance(exc, TypeError):
        return "运算或过滤器用在了类型不合适的值上（例如把文字和数字相加）"
    if isinstance(exc, ValueError):
        return "值不合适（例如把文字当作数字）"
    if isinstance(exc, LookupError):
        return "要取的项不存在"
    if isinstance(exc, AttributeError):
        return "要取的属性不存在"
    return "模板无法完成"
