"""The rapidyaml that the parse's fast path is written against, pinned: its SWIG module is not public API.

zwxt/parse/rapidyaml.py walks rapidyaml's tree through the functions of the SWIG module
``ryml._ryml`` given the tree's raw pointer (``_ryml.Tree_key(tree.this, i)``), which the
public ``ryml.Tree`` methods wrap: about five times cheaper a call, and the difference between
``zwxt check`` within 1.2x PyYAML's C loader and past it (bench/parse_alternatives.py). A
release may rename or change them without notice. So pyproject.toml names one version, and
these tests fail when the installed rapidyaml is another, or when a function the walk calls is
missing or no longer gives what its public method gives: whoever moves the pin reruns the
equivalence tests of the fast path (tests/parse/test_rapidyaml.py) on it.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import ryml
from ryml import _ryml

from zwxt.parse import rapidyaml

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# The SWIG functions the walk calls, read from its source.
USED = sorted(set(re.findall(r"_ryml\.(\w+)", Path(rapidyaml.__file__).read_text(encoding="utf-8"))))
SAMPLE = ("unit: 市审计局\nmonth: 2018-03\nlead_office: 办公室\nprogress: |\n  本月召开专题会议。\n"
          "tasks:\n  - task: 1\n    status: 已完成\n    metrics:\n      开放数据集: 12\n"
          "  - task: 2\n    status: 推进中\n    aliases: [审计局, '市审计']\n    note: \"x\"\n    empty:\n")


def test_rapidyaml_is_pinned_to_one_version_and_that_one_is_installed() -> None:
    pins = re.findall(r'"rapidyaml([^"]*)"', PYPROJECT.read_text(encoding="utf-8"), flags=re.IGNORECASE)
    assert len(pins) == 1 and re.fullmatch(r"==\d+(\.\d+)+", pins[0]), pins
    assert version("rapidyaml") == pins[0][2:] == ryml.version


def test_the_walk_calls_functions_the_pinned_swig_module_has() -> None:
    assert {"Tree_type", "Tree_key", "Tree_val", "Tree_first_child", "Tree_next_sibling"} <= set(USED), USED
    missing = [name for name in USED if not callable(getattr(_ryml, name, None))]
    assert not missing, missing


def test_each_function_gives_what_its_public_method_gives() -> None:
    """On every node of a report's tree: the raw pointer's function and the proxy's method agree."""
    body = SAMPLE.encode()
    tree = ryml.parse_in_arena(body)
    ours = ryml.Tree()
    _ryml.parse_csubstr(body, ours)
    assert ours.size() == tree.size() > 15
    for name in USED:
        if not name.startswith("Tree_"):
            continue
        function, method = getattr(_ryml, name), getattr(ryml.Tree, name.removeprefix("Tree_"))
        if name in ("Tree_size", "Tree_root_id"):
            assert function(ours.this) == method(tree), name
            continue
        for node in range(tree.size()):
            mine, theirs = function(ours.this, node), method(tree, node)
            if isinstance(theirs, memoryview):
                assert isinstance(mine, memoryview) and bytes(mine) == bytes(theirs), (name, node)
            else:
                assert mine == theirs, (name, node)
