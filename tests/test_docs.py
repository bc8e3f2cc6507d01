"""Docs that cannot drift: every command has Chinese help and a place in the docs, every code a row,
the generated pages are current, every page a link names exists, and the README stays short."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.main import get_command

from zwxt.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_LIMIT = 12 * 1024  # bytes: what zwxt is, install, the two make commands, a paragraph per reader


def _text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """tools/docs.py, the generator `make docs` runs."""
    spec = importlib.util.spec_from_file_location("zwxt_docs_tool", ROOT / "tools" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_command_has_chinese_help_with_an_example_and_is_in_the_readme_and_the_guide() -> None:
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert commands
    guide = _text("督办指南.md")
    for name, command in commands.items():
        assert re.search(r"[\u4e00-\u9fff]", command.help or ""), name
        assert "例" in (command.help or ""), name
        assert f"zwxt {name}" in README, name
        assert f"zwxt {name}" in guide, name


def test_the_generated_pages_are_current(tool: ModuleType) -> None:
    """docs/codes.md, docs/cli.md and the init README's part of docs/填报指南.md: run `make docs` after
    adding a rule or a code, changing a command's help or the README zwxt init writes."""
    for path, text in tool.generated().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is not current: run make docs"


def test_the_cli_reference_has_every_command_line_with_its_help(tool: ModuleType) -> None:
    reference = _text("cli.md")
    lines = tool.commands()
    assert ["check"] in lines and ["import", "report"] in lines and ["report", "new"] in lines
    for words in lines:
        assert f"## zwxt {' '.join(words)}\n" in reference, words
        assert tool.help_text(words) in reference, words


def test_every_diagnostic_code_is_documented_and_every_documented_code_exists() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    used = set(re.findall(r'"([FYSRPTG]\d{3})"', source))
    rows = re.findall(r"^\| ([FYSRPTG]\d{3}) \|", _text("codes.md"), flags=re.MULTILINE)
    assert len(rows) == len(set(rows))
    assert used == set(rows)


def test_every_registered_rule_is_in_the_codes_table_with_its_summary() -> None:
    from zwxt.rules import RULES

    table = _text("codes.md")
    for rule in RULES:
        for code in rule.codes:
            [row] = re.findall(rf"^\| {code} \|.*$", table, flags=re.MULTILINE)
            assert rule.summary in row, code


def test_the_units_guide_carries_the_init_readme_text() -> None:
    from zwxt.services.init import shipped_text

    guide = _text("填报指南.md")
    readme = shipped_text("README.md.j2", "某市")
    start = readme.index("## 各单位：怎样报送月度进展报告")
    steps = readme[start:readme.index("## 统筹单位：怎样审核和督办")]
    # the same text whatever the year (the guide's examples are of one year) and heading level
    def same(text: str) -> str:
        return re.sub(r"^#+ ", "# ", re.sub(r"\d{4}", "Y", text), flags=re.MULTILINE)

    assert same(steps.strip()) in same(guide)
    # and the Word form route comes first, for readers who have never used YAML or git
    assert guide.index("填 Word 报表") < guide.index("在网页上编辑") < guide.index("git clone")


def test_readme_is_short_and_gives_the_two_setup_commands() -> None:
    assert len(README.encode("utf-8")) <= README_LIMIT
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_page_a_doc_links_to_exists() -> None:
    pages = [ROOT / "README.md", *DOCS.glob("*.md")]
    for page in pages:
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), (page.name, target)


def test_every_doc_the_code_cites_exists() -> None:
    cited = {
        name
        for folder in ("src", "tests", "bench")
        for path in (ROOT / folder).rglob("*.py")
        for name in re.findall(r"docs/[\w\-.]+\.md", path.read_text(encoding="utf-8"))
    }
    assert "docs/docx-format.md" in cited
    for name in cited:
        assert (ROOT / name).is_file(), name


def test_every_name_of_the_library_api_is_in_the_library_page_and_loads() -> None:
    import zwxt

    page = _text("library.md")
    internal = ("__version__", "Repository", "write_scaffold", "render_reports")
    for name in zwxt.__all__:
        if name != "__version__":
            assert getattr(zwxt, name) is not None
        if name not in internal:
            assert f"zwxt.{name}" in page, name


def test_the_demo_plan_has_one_other_copy_the_tests_frozen_one() -> None:
    """data/ and reports/ at the root are the demo; tests/plans/jiangmen is the tests' frozen copy
    (tests/plans/README.md says why), and there is no third."""
    skip = {".git", ".venv", "build", "output", "node_modules"}
    plans = sorted(
        path.parent.parent.relative_to(ROOT).as_posix()
        for top in ROOT.iterdir() if top.is_dir() and top.name not in skip and not top.name.startswith(".")
        for path in top.rglob("data/tasks.yaml")
    )
    assert plans == ["tests/plans/jiangmen"]
    assert (ROOT / "data" / "tasks.yaml").is_file() and (ROOT / "reports").is_dir()
    assert "jiangmen" in (ROOT / "tests" / "plans" / "README.md").read_text(encoding="utf-8")
