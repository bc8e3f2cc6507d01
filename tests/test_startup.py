"""Start-up time is part of the user experience: heavy libraries load only where needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "plans" / "jiangmen"
HEAVY = ("docx", "jinja2")

PROBE = """
import sys
from zwxt.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY=" + ",".join(heavy), "CODE=" + str(code), file=sys.stderr)
"""


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    return done.stderr.strip().splitlines()[-1]


def test_help_imports_no_heavy_library() -> None:
    assert run("--help") == "HEAVY= CODE=0"


def test_check_imports_no_heavy_library() -> None:
    assert run("check") == "HEAVY= CODE=0"


def test_status_imports_no_heavy_library() -> None:
    assert run("status", "--as-of", "2018-06-30", "--format", "json") == "HEAVY= CODE=0"


def test_markdown_rendering_does_not_load_python_docx(tmp_path: Path) -> None:
    assert run("render", "reports/2018-03/市审计局.yaml", "-f", "md", "-o", str(tmp_path)) == \
        "HEAVY=jinja2 CODE=0"
