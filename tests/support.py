"""A small plan written inline, held in memory or in a directory, shared by the tests."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zwxt.load import LoadedPlan

UNITS_YAML = """\
units:
  - name: 市审计局
    kind: 部门
    full_name: 江门市审计局
    aliases: [审计局]
    lead_office: 市审计局计算机审计科
    maintainers: [sjj@example.gov.cn]
  - name: 市网信统筹局
    kind: 部门
    full_name: 江门市网络信息统筹局
    aliases: [网信统筹局]
    lead_office: 电子政务科
  - name: 市公安局
    kind: 部门
    lead_office: 科技信息化科
  - name: 蓬江区
    kind: 地方政府
    full_name: 江门市蓬江区人民政府
    aliases: [蓬江区政府]
    lead_office: 蓬江区科技和信息化局
  - name: 台山市
    kind: 地方政府
    lead_office: 台山市网络信息统筹局
groups:
  - name: 市直有关部门
    members: [市审计局, 市网信统筹局, 市公安局]
  - name: 各市（区）政府
    members: [蓬江区, 台山市]
"""

TASKS_YAML = """\
plan:
  title: 测试市政务信息系统整合共享工作方案
  subject: 政务信息系统整合共享
  region: 测试市
  coordinator: 市网信统筹局
  aspects:
    - name: 自查
    - name: 清理
    - name: 共享
    - name: 协同
tasks:
  - id: 1
    text: 开展对市直有关部门的政务信息系统审计。
    lead: [市审计局]
    support: [市直有关部门]
    deadline: 2017年12月底前
    aspect: 自查
  - id: 2
    text: 市直有关部门基本完成对“僵尸”信息系统的清理工作。
    lead: [市直有关部门]
    deadline: 2018年 3月底前
    due: 2018-03-31
    aspect: 清理
  - id: 3
    text: 各市（区）初步清理本地区“僵尸”系统。
    lead: [各市（区）政府]
    deadline: 2018 年6 月底前
    aspect: 清理
  - id: 4
    text: 依托开放平台开放 500 个以上数据集。
    lead: [市网信统筹局]
    support: [各市（区）政府, 市直有关部门]
    deadline: 2018年12月底前
    aspect: 共享
    targets:
      - metric: 开放数据集
        target: 500
        unit: 个
  - id: 5
    text: 持续推进跨部门业务协同。
    lead: [市网信统筹局]
    deadline: 长期坚持
    aspect: 协同
"""


def report_yaml(unit: str, month: str, tasks: str = "", extra: str = "") -> str:
    """A minimal valid report; ``tasks`` is the YAML list under ``tasks:``."""
    body = f"unit: {unit}\nmonth: {month}\nlead_office: 办公室\n"
    if tasks:
        body += "tasks:\n" + textwrap.indent(textwrap.dedent(tasks).strip("\n"), "  ") + "\n"
    return body + textwrap.dedent(extra)


@dataclass
class PlanFiles:
    """The small plan held in memory, path → text, loaded like a repository (beancount's load_string)."""

    files: dict[str, str | bytes]

    def write(self, rel: str, text: str | bytes) -> None:
        self.files[rel] = text

    def report(self, month: str, unit: str, tasks: str = "", extra: str = "",
               name: str | None = None) -> str:
        rel = f"reports/{month}/{name or unit}.yaml"
        self.write(rel, report_yaml(unit, month, tasks, extra))
        return rel

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.files[rel]
        assert isinstance(text, str) and old in text, f"{old!r} is not in {rel}"
        self.files[rel] = text.replace(old, new, 1)

    def load(self, **options: Any) -> LoadedPlan:
        from zwxt.load import load_texts

        return load_texts(self.files, **options)


def plan_files() -> PlanFiles:
    return PlanFiles({"data/units.yaml": UNITS_YAML, "data/tasks.yaml": TASKS_YAML})


@dataclass
class PlanRepo:
    root: Path

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def report(self, month: str, unit: str, tasks: str = "", extra: str = "",
               name: str | None = None) -> Path:
        return self.write(f"reports/{month}/{name or unit}.yaml",
                          report_yaml(unit, month, tasks, extra))


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """Run zwxt as its console script does, through main(), inside Typer's test runner."""
    from typer.testing import CliRunner

    from zwxt.cli import main

    with CliRunner().isolation() as (out, err, _):
        code = main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        return CliResult(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, produced: Path) -> None:
    """``produced`` reads as tests/golden/``name``; ZWXT_UPDATE_GOLDEN=1 rewrites the golden file,
    whose diff a person then reads."""
    expected = GOLDEN / name
    text = produced.read_text(encoding="utf-8")
    if os.environ.get("ZWXT_UPDATE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def load_summary(result: LoadedPlan) -> tuple[object, ...]:
    """What commands read of a load: findings, left-out files, the whole ledger (its words and
    headers, and those before its last month), the month; equal for loads that must agree."""
    return (result.diagnostics, result.left_out, result.ledger.state(), result.month,
            result.month_reports, result.files)


# The content cache's rows and the columns each row's seal is made of (zwxt.load.cache_store.row_seal).
SEALED = {"files": "rel, size, mtime_ns, ctime_ns, inode, digest, result", "months": "key, findings",
          "ledgers": "key, state"}


def cache_file(root: Path) -> Path:
    """The content cache's database of the repository at ``root`` (in the user's cache folder)."""
    from zwxt.load.cache_store import cache_folder

    return cache_folder(root) / "results.sqlite3"


@contextlib.contextmanager
def cache_database(root: Path) -> Iterator[sqlite3.Connection]:
    """The content cache's database of the repository at ``root``, changes committed and the
    file closed after (sqlite3's own ``with`` commits but leaves it open). Rows edited are
    sealed again: they read as zwxt's own, so that what is tested is how their values are read."""
    from zwxt.load.cache_store import row_seal

    db = sqlite3.connect(cache_file(root))
    try:
        with db:
            yield db
            for table, columns in SEALED.items():
                db.executemany(f"UPDATE {table} SET seal = ? WHERE rowid = ?",
                               [(row_seal(row), rowid)
                                for rowid, *row in db.execute(f"SELECT rowid, {columns} FROM {table}")])
    finally:
        db.close()


def forge_no_findings(db: sqlite3.Connection, rels: list[str] | None = None) -> None:
    """Make the cache say the reports ``rels`` (every report when None) have no findings, the
    months and ledgers forgotten: what a forged cache would claim."""
    import json

    rows = list(db.execute("SELECT rel, result FROM files"))
    for rel, text in rows:
        if rels is None or rel in rels:
            head, _, facts = text.partition("\n")
            claim, _, known = json.loads(head)
            db.execute("UPDATE files SET result = ? WHERE rel = ?",
                       (json.dumps([claim, [], known]) + "\n" + facts, rel))
    db.execute("DELETE FROM months")
    db.execute("DELETE FROM ledgers")
