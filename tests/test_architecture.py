"""The layer pictures of README.md and docs/architecture.md are the import-linter contract, line for line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # (a dev dependency on 3.10)
    import tomli as tomllib

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "zwxt"


def contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return list(layers)


def as_drawn(layer: str) -> str:
    """A layer as the pictures draw it: ``zwxt.cli | zwxt.rules`` as ``cli/ | rules.py``."""
    names = []
    for module in (part.strip() for part in layer.split("|")):
        leaf = module.removeprefix("zwxt.")
        names.append(f"{leaf}/" if (SRC / leaf).is_dir() else f"{leaf}.py")
    return " | ".join(names)


def picture(path: Path) -> list[str]:
    """The first column of each line of the block after ``<!-- layers -->``, continuation lines left out."""
    text = path.read_text(encoding="utf-8")
    block = re.search(r"<!-- layers -->\n```\n(.*?)```", text, re.S)
    assert block is not None, f"{path.name} has no layer picture"
    return [re.split(r" {2,}", line.strip())[0] for line in block.group(1).splitlines()
            if line and not line.startswith(" ")]


@pytest.mark.parametrize("doc", ["README.md", "docs/architecture.md"])
def test_the_picture_is_the_contract(doc: str) -> None:
    layers = contract_layers()
    assert layers[0] == "zwxt.__main__"  # (the entry point, named in the prose above the picture)
    assert picture(ROOT / doc) == [as_drawn(layer) for layer in layers[1:]]


def test_every_package_and_top_module_is_in_a_layer() -> None:
    drawn = {name.strip() for layer in contract_layers() for name in layer.split("|")}
    modules = {f"zwxt.{p.stem}" for p in SRC.glob("*.py") if p.stem != "__init__"}
    packages = {f"zwxt.{p.name}" for p in SRC.iterdir() if (p / "__init__.py").exists()}
    assert modules | packages <= drawn | {"zwxt.__main__"}


def test_each_test_marked_slow_by_name_is_still_there() -> None:
    """tests/conftest.py marks slow tests by node id: a renamed or moved test must not drop out of it."""
    from tests.conftest import SLOW

    for node in SLOW:
        path, _, name = node.partition("::")
        function = name.split("[", 1)[0]
        source = (ROOT / path).read_text(encoding="utf-8")
        assert not function or f"def {function}(" in source, node
