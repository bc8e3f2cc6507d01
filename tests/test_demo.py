"""examples/demo.sh, the README's walk from zwxt init to on-time and late submissions, runs as written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # the whole demo script, in processes of its own


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("git") is None, reason="needs bash and git")
def test_the_demo_runs_from_init_to_the_months_submissions(tmp_path: Path) -> None:
    env = {**os.environ, "ZWXT": f"{sys.executable} -m zwxt", "PYTHONPATH": str(ROOT / "src"),
           "COLUMNS": "120", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", str(ROOT / "examples/demo.sh"), str(tmp_path / "某市方案")], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "G101 错误 提交" in output and "只有示例责任局的维护人（zeren@example.gov.cn）可以修改它" in output
    assert "✗ 未通过：3 个文件中发现 1 个错误" in output
    assert output.count("✓ 检查通过：3 个文件，没有发现问题。") == 2
    rows = [line for line in output.splitlines() if line.startswith("│ 示例")]
    assert any("2027-02-09" in row and "逾期 4 天" in row for row in rows), rows
    assert any("2027-02-03" in row and "按时" in row for row in rows), rows
