"""Benchmark: how fast `zwxt check` reads a province-scale repository.

Builds a synthetic plan repository (the bundled tasks, N units x M months of ~4 KB
reports with Chinese text), then prints the median wall time of each stage next to the
floor it is measured against: reading the bytes, libyaml composing nodes, and ruamel's
round-trip parser on a sample. Run with `make bench` or
`.venv/bin/python bench/check_speed.py --files 10000`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zwxt.dates import Month  # noqa: E402
from zwxt.io.repo import Repository  # noqa: E402
from zwxt.io.yamlsource import _compose_node, read_yaml  # noqa: E402
from zwxt.services.check import check  # noqa: E402

PARAGRAPH = ("本月，我单位按照《工作方案》要求，召开政务信息系统整合共享专题会议，"
             "细化任务分工，明确责任科室和时间节点，推动各项任务按期完成。")


def build_repo(target: Path, files: int) -> None:
    months = 20
    units = max(1, files // months)
    (target / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "tasks.yaml", target / "data" / "tasks.yaml")
    names = [f"测试部门{i:04d}" for i in range(units)]
    lines = ["units:"]
    for name in names:
        lines += [f"  - name: {name}", "    kind: 部门", f"    lead_office: {name}办公室"]
    lines += ["  - name: 市网信统筹局", "    kind: 部门", "  - name: 市委机要局", "    kind: 部门",
              "  - name: 市审计局", "    kind: 部门", "groups:", "  - name: 市直有关部门",
              "    members:"] + [f"      - {n}" for n in names]
    lines += ["  - name: 各市（区）政府", "    members: [市审计局]"]
    (target / "data" / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    month = Month(2017, 12)
    for _ in range(months):
        folder = target / "reports" / str(month)
        folder.mkdir(parents=True)
        for name in names:
            (folder / f"{name}.yaml").write_text(report(name, month), encoding="utf-8")
        month = month.next()


def report(unit: str, month: Month) -> str:
    out = ["# yaml-language-server: $schema=../../schemas/report.schema.json",
           f"unit: {unit}", f"month: {month}", f"lead_office: {unit}办公室",
           "progress: |", f"  {PARAGRAPH * 2}", "tasks:"]
    # the synthetic units are city departments: tasks 3, 5 and 9 are not theirs
    for task in [t for t in range(1, 19) if t not in (3, 5, 9)]:
        out += [f"  - task: {task}", "    status: 推进中",
                f"    progress: 已完成第{task}项任务的阶段性工作，正在推进后续事项。"]
        if task in (8, 13, 14):
            out += ["    metrics:"]
            metrics = {8: ["市级公共互联网出口带宽", "地市到省骨干网带宽", "市到县区骨干网带宽",
                           "县到乡镇骨干网带宽"], 13: ["开放数据集", "数据应用"],
                       14: ["开放数据集", "数据应用"]}[task]
            out += [f"      {m}: {100 + task}" for m in metrics]
    out += ["problems: |", f"  {PARAGRAPH}", "plans:", f"  key_tasks: {PARAGRAPH}",
            f"  next_steps: {PARAGRAPH}", "cases: 无", f"suggestions: {PARAGRAPH}"]
    return "\n".join(out) + "\n"


def timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def each(run: Callable[[bytes], object], texts: list[bytes]) -> None:
    """Run over every file, keeping no result (as a checker does)."""
    for text in texts:
        run(text)


def command_ms(args: list[str], cwd: Path, repeat: int) -> float:
    return 1000 * timed(lambda: subprocess.run(args, cwd=cwd, capture_output=True), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="number of report files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sample", type=int, default=300, help="files for the ruamel baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as tmp:
        root = Path(tmp)
        build_repo(root, args.files)
        repo = Repository(root)
        paths = repo.report_files()
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} report files, {size / 1e6:.1f} MB, median of {args.repeat} runs\n")
        rows = measure(repo, paths, args)
        width = max(len(label) for label, _, _ in rows)
        print(f"{'stage'.ljust(width)}  seconds  vs compose")
        floor = rows[1][1]
        for label, seconds, note in rows:
            print(f"{label.ljust(width)}  {seconds:7.2f}  {seconds / floor:5.2f}x  {note}")
        zwxt = str(Path(sys.executable).with_name("zwxt"))
        print(f"\nstart-up: zwxt --help {command_ms([zwxt, '--help'], ROOT, 11):.0f} ms, "
              f"zwxt check on the bundled data {command_ms([zwxt, 'check'], ROOT, 11):.0f} ms "
              "(median of 11)")


def measure(repo: Repository, paths: list[Path], args: argparse.Namespace
            ) -> list[tuple[str, float, str]]:
    texts = [p.read_bytes() for p in paths]
    rows = [("read all bytes", timed(lambda: [p.read_bytes() for p in paths], args.repeat), "")]
    rows.append(("libyaml compose (the floor)",
                 timed(lambda: each(lambda t: _compose_node(t.decode()), texts), args.repeat), ""))
    rows.append(("read_yaml, values only (fast path)",
                 timed(lambda: each(lambda t: read_yaml("x", t, False), texts), args.repeat), ""))
    rows.append(("read_yaml, values and positions",
                 timed(lambda: each(lambda t: read_yaml("x", t), texts), args.repeat), ""))
    result = check(repo, workers=1)
    rows.append(("zwxt check, 1 process", timed(lambda: check(repo, workers=1), args.repeat),
                 f"{len(result.diagnostics)} findings"))
    rows.append(("zwxt check, 2 processes", timed(lambda: check(repo, workers=2), args.repeat),
                 ""))
    from ruamel.yaml import YAML

    sample = texts[: args.sample]
    rt = YAML(typ="rt")
    per_file = timed(lambda: [rt.load(t) for t in sample], 1) / max(1, len(sample))
    rows.append(("ruamel round-trip load (extrapolated)", per_file * len(texts),
                 f"from {len(sample)} files"))
    return rows


if __name__ == "__main__":
    main()
