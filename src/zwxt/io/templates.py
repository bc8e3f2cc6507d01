"""Jinja2 templates: shipped in the package, overridable from the repository or --templates.

The only module that imports Jinja2, and only when a command renders something.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from zwxt.document import OUTLINE_FILTERS
from zwxt.errors import ZwxtError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
# Scalars that some YAML reader would take for a number, a boolean, a date or null.
_AMBIGUOUS = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[\da-fA-F]+|\d+:\d+|\d{4}-\d\d?(?:-\d\d?)?"
    r"|y|n|yes|no|true|false|on|off|null|~)$",
    re.IGNORECASE,
)


def yaml_scalar(value: Any, indent: int = 0) -> str:
    """``value`` written so that every YAML reader reads back the same string.

    Multi-line text becomes a literal block indented by ``indent + 2`` spaces; text that a
    plain scalar would change is written in double quotes (JSON's escaping is valid YAML).
    """
    if value is None:
        return '""'
    if not isinstance(value, str):
        return str(value)
    text = value.rstrip("\n")
    if "\n" in text and not text.startswith((" ", "\t")):
        pad = " " * (indent + 2)
        lines = [(pad + line.rstrip()) if line.strip() else "" for line in text.split("\n")]
        return "|\n" + "\n".join(lines)
    if (_PLAIN.match(text) and ": " not in text and " #" not in text
            and not text.endswith((":", " ")) and not _AMBIGUOUS.match(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def render_template(name: str, context: dict[str, Any], *directories: Path | None) -> str:
    """Render ``name`` from the first of ``directories`` holding it, else the package's."""
    import jinja2

    search = [str(d) for d in directories if d is not None and d.is_dir()]
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(PACKAGE_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["yaml"] = yaml_scalar
    environment.filters.update(OUTLINE_FILTERS)
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise ZwxtError(f"模板 {where} 第 {exc.lineno} 行有语法错误：{exc.message}",
                        "请对照内置模板检查该行的 {{ }} 和 {% %} 是否成对") from None
    except jinja2.TemplateNotFound as exc:
        raise ZwxtError(f"找不到模板 {exc.name}", "请检查 templates/ 目录或 --templates 参数") from None
    except jinja2.UndefinedError as exc:
        raise ZwxtError(f"模板 {_where(exc, name)} 使用了不存在的变量：{exc.message}",
                        "请对照内置模板检查变量名") from None
    except (TypeError, ValueError, AttributeError, LookupError) as exc:
        raise ZwxtError(f"模板 {_where(exc, name)} 运行出错：{exc}", "请对照内置模板检查该行") from None


def _where(exc: BaseException, name: str) -> str:
    """The template and line a rendering error happened at; Jinja2 maps its frames to them."""
    found = name
    trace = exc.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{Path(filename).name} 第 {trace.tb_lineno} 行"
        trace = trace.tb_next
    return found
