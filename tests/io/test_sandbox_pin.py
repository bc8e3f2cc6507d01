"""The Jinja2 that zwxt's sandbox is written against, pinned: its code generator is not public API.

zwxt/io/sandbox.py subclasses jinja2.compiler.CodeGenerator and overrides some of its
private methods (_output_const_repr, _output_child_pre, pull_dependencies...), which a minor
release may change without notice. So pyproject.toml names one version, and this test fails
when the installed Jinja2 is another: whoever moves the pin reruns the sandbox's tests
(tests/io/test_sandbox_work.py, the template bombs of tests/cli/test_render.py) on it.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_jinja2_is_pinned_to_one_version_and_that_one_is_installed() -> None:
    pins = re.findall(r'"jinja2([^"]*)"', PYPROJECT.read_text(encoding="utf-8"), flags=re.IGNORECASE)
    assert len(pins) == 1 and re.fullmatch(r"==\d+(\.\d+)+", pins[0]), pins
    assert version("jinja2") == pins[0][2:]


def test_the_sandbox_overrides_methods_the_pinned_code_generator_has() -> None:
    from jinja2.compiler import CodeGenerator

    from zwxt.io.sandbox import BoundedCodeGenerator

    overridden = {name for name in vars(BoundedCodeGenerator) if not name.startswith("__")}
    assert overridden and all(hasattr(CodeGenerator, name) for name in overridden), overridden
