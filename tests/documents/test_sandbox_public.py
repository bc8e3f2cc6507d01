"""The sandbox is written against Jinja2's public API, so pyproject.toml allows Jinja2's 3.1 series.

zwxt/documents/sandbox.py once subclassed Jinja2's CodeGenerator and overrode its private methods,
which any release may change; it now writes its counters into the template's syntax tree
(jinja2.nodes, the AST Jinja2 documents for extensions) between the public ``parse`` and
``compile``. These tests keep it so: whoever needs a private name pins Jinja2 exactly and
tests the pin instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from zwxt.documents import sandbox
from zwxt.documents.sandbox import BoundedSandbox


def _jinja_imports() -> list[tuple[str, str]]:
    tree = ast.parse(Path(sandbox.__file__).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jinja2"):
            found += [(node.module or "", alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name.startswith("jinja2")]
    return found


def test_the_sandbox_imports_no_private_name_of_jinja2_and_not_its_compiler() -> None:
    imports = _jinja_imports()
    assert ("jinja2", "nodes") in imports  # the scan sees the imports
    for module, name in imports:
        assert not any(part.startswith("_") for part in (*module.split("."), name)), (module, name)
        assert module != "jinja2.compiler", (module, name)


def test_the_sandbox_overrides_only_public_methods_of_jinja2s_sandbox() -> None:
    overridden = {name for name in vars(BoundedSandbox) if hasattr(ImmutableSandboxedEnvironment, name)}
    assert "compile" in overridden and "call" in overridden
    assert not [name for name in overridden if name.startswith("_") and not name.startswith("__")]
    assert "code_generator_class" not in vars(BoundedSandbox)

