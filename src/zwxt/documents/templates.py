"""Jinja2 templates: shipped in the package, overridable from the repository or --templates.

The only module that imports Jinja2, and only when a command renders something. Every
template runs in Jinja2's sandbox, because a repository's templates/ is as untrusted as
the rest of a merge request.

A fault in a user's template (from --templates or the repository's templates/) is the
user's to fix and raises TemplateError naming the template and line; a fault in a template
shipped with zwxt (PACKAGE_TEMPLATES) is zwxt's own bug and propagates unchanged.
"""

from __future__ import annotations

import functools
import io
import os
import re
import unicodedata
from pathlib import Path
from types import TracebackType
from typing import Any

from zwxt.diagnostics import Diagnostic, error
from zwxt.errors import TemplateError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Line breaks other than \n: YAML readers normalise or disagree about them.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")


def yaml_scalar(value: Any, indent: int = 0) -> str:
    """``value`` as a YAML scalar that every YAML reader reads back as the same value.

    Written by ruamel.yaml, which decides on plain, quoted or block style (see _dump), but for
    the values nearly every report is made of, written as it would write them.
    ``indent`` is the column of the key the value follows: text of several lines becomes a
    literal block (``|``) whose lines are indented two spaces more. None becomes ``""``.
    """
    if value is None:
        return '""'
    # ruamel represents exact types only: a str-valued Enum is written as its text
    if isinstance(value, str):
        value = str.__str__(value)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        value = int(value)
    elif isinstance(value, float):
        value = float(value)
    else:
        value = str(value)
    quick = _written_as_it_is(value)
    return quick if quick is not None else _emitted(value, indent)


# What nearly every value of a report is, written without ruamel's emitter (a millisecond a
# value): a whole number, a line of text beginning with a non-ASCII letter that no YAML reader
# takes for anything but text, an ISO day (quoted: a YAML 1.1 reader takes it for a date) or
# month. tests/documents/test_templates.py holds them to what the emitter writes.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_PLAIN_ASCII = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .-/()%~+=")


def _written_as_it_is(value: str | bool | int | float) -> str | None:
    if type(value) is int:
        return str(value)
    if not isinstance(value, str):
        return None
    if value and not value[0].isascii() and _plain_text(value):
        return value
    if _ISO_DAY.fullmatch(value):
        return f"'{value}'"
    if _ISO_MONTH.fullmatch(value):
        return value
    return None


def _plain_text(text: str) -> bool:
    if text[-1] == " " or unicodedata.category(text[0])[0] != "L":
        return False
    for char in text:
        if char.isascii():
            if char not in _PLAIN_ASCII:
                return False
        elif unicodedata.category(char)[0] in "CZ":  # controls, format characters, all spaces but " "
            return False
    return True


def _emitted(value: str | bool | int | float, indent: int) -> str:
    """``value`` as ruamel.yaml writes it, after a key at column ``indent``."""
    # ruamel writes {"k": value} as a mapping at column 0; the template's key is at `indent`
    # instead, so every line after the first (the block's own) moves right by `indent`.
    # A block's indentation indicator (|2) counts from the key's column and stays right.
    lines = _dump(value).split("\n")
    pad = " " * indent
    return "\n".join([lines[0], *(pad + line if line else line for line in lines[1:])])


# Whatever ends a line for some YAML reader (YAML 1.1 adds \x85, U+2028 and U+2029), and what
# a YAML file may not hold at all: C0 controls but tab, DEL, C1 controls, surrogates.
_NOT_IN_A_COMMENT = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]+")


def yaml_comment(value: Any) -> str:
    """``value`` as text that can stand after ``#`` without ending the comment.

    Text from the data (a guidance of several lines, a metric's unit) would otherwise end
    the comment and put its next line into the draft as keys: line breaks and what a YAML
    file cannot hold become one space each.
    """
    return _NOT_IN_A_COMMENT.sub(" ", "" if value is None else str(value))


def _dump(value: str | bool | int | float) -> str:
    stream = io.StringIO()
    _dumper().dump({"k": value}, stream)
    text = stream.getvalue()
    assert text.startswith("k: ") and text.endswith("\n"), text  # one block mapping entry
    return text[3:-1]


@functools.cache
def _dumper() -> Any:
    """A ruamel.yaml dumper for one scalar that both YAML 1.1 and YAML 1.2 readers agree on.

    ruamel writes a scalar plain only when its resolver says that the plain text reads back
    as a string. Its YAML 1.2 resolver alone would leave ``no``, ``on``, ``010`` or ``1:20``
    plain, which PyYAML and other YAML 1.1 readers take for a boolean or a number, and its
    YAML 1.1 resolver alone would leave ``0o17`` or ``1e3`` plain, which YAML 1.2 readers
    take for numbers. So the resolver below answers "not a plain string" when either
    version's resolver does, and ruamel quotes the scalar as it sees fit.
    """

    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import SafeRepresenter
    from ruamel.yaml.resolver import VersionedResolver

    yaml_11 = VersionedResolver(version=(1, 1))
    # What a YAML file may not hold as it is (YAML 1.2, 5.1): C0 and C1 controls, surrogates,
    # U+FFFE and U+FFFF. Only a double-quoted scalar can hold them, as escapes.
    not_printable = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

    class EitherVersionResolver(VersionedResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            tag = super().resolve(kind, value, implicit)  # the dumper's YAML 1.2
            if kind is ScalarNode and implicit[0] and tag == self.DEFAULT_SCALAR_TAG:
                return yaml_11.resolve(kind, value, implicit)
            return tag

    class Representer(SafeRepresenter):
        def represent_str(self, data: str) -> Any:
            style = None
            if _ODD_BREAKS.intersection(data) or not_printable.search(data):
                # ruamel would write these into a block or fold them as they are, and
                # readers turn odd breaks into \n (or, in YAML 1.2, not into a break at
                # all) and refuse the file for a control character (U+0080 in a block)
                style = '"'
            elif "\n" in data and not _keeps_trailing_lines(data):
                # asked for, not forced: ruamel falls back to quotes where a block can't hold it
                style = "|"
            elif "\u3000" in data:
                # zwxt's own reader refuses a plain scalar with a full-width space where
                # it looks like a mistyped indentation or separator (Y007 of zwxt.parse)
                style = "'"
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Representer.add_representer(str, Representer.represent_str)

    dumper = YAML(typ="safe", pure=True)
    dumper.Resolver = EitherVersionResolver
    dumper.Representer = Representer
    dumper.default_flow_style = False  # a block mapping, as in the templates
    dumper.allow_unicode = True
    dumper.width = 1 << 30  # never fold a line: continuation lines would need our indent
    return dumper


def _keeps_trailing_lines(text: str) -> bool:
    """Whether a literal block needs ``|+``, which would also keep the template's blank lines.

    ruamel then chooses quotes instead, which end where the value ends.
    """
    return text == "\n" or text.endswith("\n\n")


def render_template(name: str, context: dict[str, Any], *directories: Path | None) -> str:
    """Render ``name`` from the first of ``directories`` holding it, else the package's."""
    import jinja2

    from zwxt.documents.template_errors import runtime_error, syntax_error

    environment = _environment([d for d in directories if d is not None and d.is_dir()])
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        # raised while compiling a template: the one the error names is the culprit
        if exc.filename is None or _is_package(exc.filename):
            raise
        raise syntax_error(exc.message, _name(exc.filename), exc.lineno) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, LookupError,
            ArithmeticError, RecursionError, MemoryError) as exc:
        where = _user_frame(exc.__traceback__)
        if where is None:
            # no user's template was running: a shipped template failed, or zwxt asked
            # for a template that does not exist (its own names are always shipped)
            raise
        raise runtime_error(exc, f"{_name(where[0])} 第 {where[1]} 行") from None


def package_text(name: str) -> str:
    """A file shipped among the package's templates, as it is (no Jinja: it may hold ``${{ }}``)."""
    return (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8")


def template_findings(folder: Path, rel_folder: str) -> list[Diagnostic]:
    """What keeps a repository's templates (``folder``, which it names ``rel_folder``) from compiling.

    ``zwxt check`` says it as it says a broken report, so that a template broken in a pull
    request fails CI instead of the month's ``render``. Only compiling is checked: what a
    template does with the data shows when it runs.
    """
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.j2")) if folder.is_dir() else []
    if not names:
        return []
    import jinja2  # only for a repository with templates of its own: Jinja2 is slow to import

    from zwxt.documents.template_errors import SYNTAX_HINT, syntax_description

    environment = _environment([folder])
    found: list[Diagnostic] = []
    for name in names:
        rel = f"{rel_folder}/{name}"
        try:
            environment.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            found.append(error(rel, exc.lineno or 1, 1, "T001",
                               f"模板有语法错误：{syntax_description(exc.message)}", SYNTAX_HINT))
        except TemplateError as exc:  # unreadable, a link out, too deeply nested
            found.append(error(rel, 1, 1, "T001", exc.message, exc.hint))
        except (jinja2.TemplateError, ArithmeticError, ValueError, RecursionError, MemoryError):
            # (compiling folds constant expressions: `{{ 9**999999 }}` fails here)
            found.append(error(rel, 1, 1, "T001", "模板无法编译：其中的表达式过大或写法有误",
                               SYNTAX_HINT))
    return found


def _environment(search: list[Path]) -> Any:
    """The bounded, immutable sandbox reading ``search`` first, then the package's templates."""
    import jinja2

    # here, not at the top: `zwxt check` finds faults in templates without the filters, and
    # without the wording's models and the outline they bring
    from zwxt.documents.document import OUTLINE_FILTERS
    from zwxt.documents.sandbox import BoundedSandbox
    from zwxt.documents.template_errors import too_complex
    from zwxt.documents.template_files import UsersFirstLoader
    from zwxt.wording import TEMPLATE_FILTERS

    # The immutable sandbox, not just the sandbox: besides refusing private attributes and
    # unsafe calls, it refuses append, update, pop and the like on lists, dicts and sets.
    # One `zwxt render` run renders every report and the summary from the same plan
    # objects, so a template that changed them would change the documents rendered after
    # it; templates only ever need to read their context (namespace() still works).
    # The bounds (sandbox.py) keep `'x' * 10**10` and the like from eating the machine.
    environment = BoundedSandbox(
        loader=UsersFirstLoader(search, PACKAGE_TEMPLATES, too_complex),
        trusted=_is_package,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    environment.filters["yaml"] = yaml_scalar
    environment.filters["comment"] = yaml_comment
    environment.filters.update(OUTLINE_FILTERS)
    environment.filters.update(TEMPLATE_FILTERS)
    return environment


def _user_frame(trace: TracebackType | None) -> tuple[str, int] | None:
    """The innermost line of a user's template that was running when an error was raised.

    Jinja2 rewrites the traceback of a rendering error so that each frame of template code
    carries the template's filename and line. The innermost user's frame is the line to
    fix, also when it called into a shipped template (by include or import); an error
    where no user's template was running is zwxt's own.
    """
    found = None
    while trace is not None:
        frame = trace.tb_frame
        if "__jinja_exception__" in frame.f_globals:  # a frame of template code
            filename = frame.f_code.co_filename
            if not _is_package(filename):
                found = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def is_users_template(name: str, *directories: Path | None) -> bool:
    """Whether ``name`` comes from one of ``directories`` rather than from the package.

    Anything by that name is the user's, a link or a pipe as well: the template loader
    refuses what it cannot read rather than falling back to the package's template.
    """
    return any(d is not None and os.path.lexists(d / name) for d in directories)


def _is_package(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(PACKAGE_TEMPLATES)


def _name(filename: str) -> str:
    return Path(filename).name
