"""Docs that cannot drift: every command has Chinese help and a README entry, every code a row."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from zwxt.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_chinese_help_with_an_example_and_is_in_readme() -> None:
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert commands
    for name, command in commands.items():
        assert re.search(r"[\u4e00-\u9fff]", command.help or ""), name
        assert "例" in (command.help or ""), name
        assert f"zwxt {name}" in README, name


def test_every_diagnostic_code_is_documented_and_every_documented_code_exists() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    used = set(re.findall(r'"([FYSRPTG]\d{3})"', source))
    documented = set(re.findall(r"^\| ([FYSRPTG]\d{3}) \|", README, flags=re.MULTILINE))
    assert used == documented


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_name_of_the_library_api_is_in_the_readme_and_loads() -> None:
    import zwxt

    internal = ("__version__", "Repository", "write_scaffold", "render_reports")
    for name in zwxt.__all__:
        if name != "__version__":
            assert getattr(zwxt, name) is not None
        if name not in internal:
            assert f"zwxt.{name}" in README, name
