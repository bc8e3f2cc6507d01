"""Reading a user's template files: only regular files inside their templates folder.

A repository's templates/ is as untrusted as the rest of a merge request. Jinja2's own
FileSystemLoader follows a symbolic link anywhere (``report.outline.j2 -> /etc/passwd`` put
the file into the rendered document) and skips what is not a regular file, so that a pipe or
a device named like a template silently gave way to the built-in one. Here a name that
exists in a user's folder is that user's template, or a TemplateError saying why it cannot
be: the built-in template stands in only for a name the folder does not have.

Only imported by templates.py, when a command renders something.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from zwxt.errors import TemplateError, os_problem

MAX_TEMPLATE_BYTES = 1024 * 1024  # a template is a page of markup, not a data file
_LINK_HINT = "模板要放在模板文件夹里：请把符号链接换成文件本身"


class UsersFirstLoader(jinja2.BaseLoader):
    """Templates from the users' folders, in order, then from the package's folder.

    ``compile_failed`` is called when a user's template cannot be compiled for another
    reason than its syntax (too deeply nested for Python): that template is the user's to fix.
    """

    def __init__(self, users: list[Path], package: Path,
                 compile_failed: Callable[[str], Exception]) -> None:
        self.users = users
        self.package = jinja2.FileSystemLoader(str(package))
        self.compile_failed = compile_failed

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = split_template_path(template)  # refuses "..": TemplateNotFound
        for folder in self.users:
            found = _users_source(folder, pieces, template)
            if found is not None:
                return found
        return self.package.get_source(environment, template)

    def load(self, environment: jinja2.Environment, name: str,
             globals: MutableMapping[str, Any] | None = None) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        try:
            code = environment.compile(source, name, filename)
        except jinja2.TemplateSyntaxError as exc:
            # the lexer's own errors (an unclosed comment) carry the file in `name` only
            if exc.filename is None:
                exc.filename = filename
            raise
        except (RecursionError, MemoryError, SyntaxError) as exc:
            # Jinja2's parser and Python's compiler give up on deep nesting ("too many
            # statically nested blocks"): a user's template is theirs to simplify. Not so
            # when the stack was already deep: a template including itself, found by
            # templates.py at the line of the include.
            if filename is None or not any(Path(filename).is_relative_to(f) for f in self.users) \
                    or (isinstance(exc, RecursionError) and _stack_depth() > sys.getrecursionlimit() // 2):
                raise
            raise self.compile_failed(name) from None
        return environment.template_class.from_code(environment, code, globals or {}, uptodate)


def _stack_depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    return depth


def _users_source(folder: Path, pieces: list[str],
                  name: str) -> tuple[str, str, Callable[[], bool]] | None:
    """The source of ``name`` in ``folder``; None when the folder has nothing by that name."""
    path = folder.joinpath(*pieces)
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    try:
        real = path.resolve(strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _unreadable(name, exc) from None
        raise TemplateError(f"模板 {name} 是指向不存在的文件的符号链接",
                            "请把符号链接换成模板文件本身，或删除它以使用内置模板") from None
    if not real.is_relative_to(folder.resolve()):
        raise TemplateError(f"模板 {name} 是指向模板文件夹之外的符号链接，zwxt 不读取", _LINK_HINT)
    data = _read_regular(real, name)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"模板 {name} 不是 UTF-8 编码", "请在编辑器中把它“另存为”UTF-8 编码") from None
    return source, str(path), lambda: False


def _read_regular(path: Path, name: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of a template's size; a pipe is never opened."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular(name)
        # O_NONBLOCK: should the file turn into a pipe after the check, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _not_regular(name)
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = stream.read(MAX_TEMPLATE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"模板 {name} 超过了 {MAX_TEMPLATE_BYTES // 1024 // 1024} MB，不像是模板",
                            "请检查模板文件夹中的这个文件")
    return data


def _not_regular(name: str) -> TemplateError:
    return TemplateError(f"模板 {name} 不是普通文件（可能是文件夹、管道或设备），zwxt 不读取",
                         "请换成普通的模板文件，或删除它以使用内置模板")


def _unreadable(name: str, error: OSError) -> TemplateError:
    reason, hint = os_problem(error, None, writing=False)
    return TemplateError(f"无法读取模板 {name}：{reason}", hint)
