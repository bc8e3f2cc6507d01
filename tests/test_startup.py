"""Start-up time is part of the user experience: heavy libraries load only where needed.

Each run is a fresh process (the probe calls main() as the console script does) that reports
which of the watched modules it imported. No timing: what is not imported costs nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.core import TyperGroup
from typer.main import get_command

from zwxt.cli import app

ROOT = Path(__file__).resolve().parent / "plans" / "jiangmen"
SRC = Path(__file__).resolve().parent.parent / "src"  # this checkout's zwxt, whichever is installed
HEAVY = ("docx", "jinja2")
# What the help, the version and a mistyped command line must not import: the tool itself
# (its loader, services, models, readers) and the libraries only a command that runs needs.
TOOL = ("pydantic", "ruamel", "zwxt.load", "zwxt.services", "zwxt.plan", "zwxt.store", "zwxt.documents",
        "zwxt.office", "zwxt.parse", "jinja2", "docx", "git")
# rich only prints; typer's help does without it (rich_markup_mode=None), a usage error prints with it.
HELP = (*TOOL, "rich")

PROBE = """
import sys
from zwxt.cli import main
code = main(sys.argv[1:])
watched = {watched!r}
found = sorted(w for w in watched if any(m == w or m.startswith(w + ".") for m in sys.modules))
print("IMPORTED=" + ",".join(found), "CODE=" + str(code), file=sys.stderr)
"""


@pytest.fixture(autouse=True, scope="module")
def _plan(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The commands run in a copy of the plan: what they write (the cache) stays out of tests/."""
    global _COPY
    _COPY = tmp_path_factory.mktemp("startup") / "plan"
    shutil.copytree(ROOT, _COPY, ignore=shutil.ignore_patterns(".zwxt-cache"))


_COPY = ROOT


def run(*args: str, watched: tuple[str, ...] = HEAVY) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE.format(watched=watched), *args],
                          capture_output=True, text=True, cwd=_COPY, check=False,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    return done.stderr.strip().splitlines()[-1]


def command_paths() -> list[list[str]]:
    """Every command of the command line, sub-commands (``report new``) included."""
    def walk(group: TyperGroup, prefix: list[str]) -> list[list[str]]:
        found = []
        for name, command in sorted(group.commands.items()):
            if isinstance(command, TyperGroup):
                found += walk(command, [*prefix, name])
            else:
                found.append([*prefix, name])
        return found

    group = get_command(app)
    assert isinstance(group, TyperGroup)
    return walk(group, [])


def test_help_imports_none_of_the_tool() -> None:
    assert run("--help", watched=HELP) == "IMPORTED= CODE=0"


@pytest.mark.parametrize("command", command_paths(), ids=" ".join)
def test_each_commands_help_imports_none_of_the_tool(command: list[str]) -> None:
    """A new command module keeps its imports inside the command function (see cli/__init__.py)."""
    assert run(*command, "--help", watched=HELP) == "IMPORTED= CODE=0"


def test_the_commands_named_in_the_issue_are_among_those_checked() -> None:
    assert {"check", "render", "status"} <= {" ".join(c) for c in command_paths()}


def test_version_imports_none_of_the_tool() -> None:
    assert run("--version", watched=HELP) == "IMPORTED= CODE=0"


@pytest.mark.parametrize("args", [("status", "--as-of"), ("nosuch",), ("check", "a", "--base", "b", "--x"),
                                  ("report",)], ids=" ".join)
def test_a_mistyped_command_line_imports_none_of_the_tool(args: tuple[str, ...]) -> None:
    assert run(*args, watched=TOOL) == "IMPORTED= CODE=2"


def test_check_imports_no_heavy_library() -> None:
    assert run("check") == "IMPORTED= CODE=0"


# typer's pydantic converters, and libyaml's reader, which only locates findings
CLEAN_CHECK = ("typer._adapters", "ruamel", "_ruamel_yaml")


def test_a_clean_check_imports_neither_typers_converters_nor_libyaml() -> None:
    """Defaults already of their option's type (``--format`` text) are not converted, and clean
    files are read by rapidyaml alone."""
    assert run("check", watched=CLEAN_CHECK) == "IMPORTED= CODE=0"


def test_given_options_are_still_converted() -> None:
    assert run("check", "--format", "json", watched=CLEAN_CHECK) == "IMPORTED=typer._adapters CODE=0"
    assert run("check", "--format", "jsn", watched=()).endswith("CODE=2")


def test_a_finding_in_a_data_file_reads_it_with_positions() -> None:
    tasks = _COPY / "data" / "tasks.yaml"
    original = tasks.read_text(encoding="utf-8")
    try:
        tasks.write_text(original.replace("tasks:", "tasks:\n  - bogus: 1", 1), encoding="utf-8")
        assert run("check", watched=CLEAN_CHECK) == "IMPORTED=_ruamel_yaml,ruamel CODE=1"
    finally:
        tasks.write_text(original, encoding="utf-8")


def test_status_imports_no_heavy_library() -> None:
    assert run("status", "--as-of", "2018-06-30", "--format", "json") == "IMPORTED= CODE=0"


def test_markdown_rendering_does_not_load_python_docx(tmp_path: Path) -> None:
    assert run("render", "reports/2018-03/市审计局.yaml", "-f", "md", "-o", str(tmp_path)) == \
        "IMPORTED=jinja2 CODE=0"
