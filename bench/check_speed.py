"""Benchmark: how fast `zwxt check` reads a province-scale repository, and in how much memory.

Builds a synthetic plan repository (the Jiangmen tasks of tests/plans, units x months of
~4 KB reports with Chinese text), then prints the median wall time of each stage next to
the floors it is measured against: PyYAML's C loader (what a user would write in ten lines),
libyaml composing nodes (the stricter floor), reading the bytes, and ruamel's round-trip parser
on a sample; `zwxt check` without the cache, filling it, and again with nothing or one file
changed (a comment, or a fact), and with every tenth report broken. Then the peak memory
(largest resident set of any process) of a whole `zwxt check` at 10,000 and 100,000 reports:
more months of the same units, which must stay flat, and more units. Last, the Word writer on
one report of 20,000 short paragraphs, next to python-docx saving as many bare paragraphs: the
writer must stay linear in the paragraph count. And the submission dates of `zwxt status --month` read from a
history of 2,000 commits adding 10,000 reports, next to a raw `git log --name-status` of the
same history (at most 2x). First of all, start-up: `zwxt --help` next to `import typer` (at
most 1.5x) and `zwxt check` on the Jiangmen plan next to `import typer, pydantic` (at most 2x,
plus the YAML parser's import). After the Word writer, the summary of one month of 500 units and 100 of its
reports rendered with the shipped templates and with copies of them in templates/, which run
as a user's (counted, at most 2,000,000 steps): the steps the summary uses. Run with `make bench` or
`.venv/bin/python bench/check_speed.py --startup 21 --files 10000 --memory 10000,100000
--paragraphs 20000 --commits 2000 --summary-units 500`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zwxt.dates import Month  # noqa: E402
from zwxt.documents.document import Block, Kind  # noqa: E402
from zwxt.documents.document_files import Document  # noqa: E402
from zwxt.documents.docx_writer import docx_bytes  # noqa: E402
from zwxt.documents.markdown_writer import markdown_text  # noqa: E402
from zwxt.parse import read_yaml  # noqa: E402
from zwxt.parse.libyaml import compose_node  # noqa: E402
from zwxt.services.check import check  # noqa: E402
from zwxt.store.git import first_added  # noqa: E402
from zwxt.store.repo import Repository  # noqa: E402

PARAGRAPH = ("本月，我单位按照《工作方案》要求，召开政务信息系统整合共享专题会议，"
             "细化任务分工，明确责任科室和时间节点，推动各项任务按期完成。")


def build_repo(target: Path, files: int, months: int = 20) -> None:
    units = max(1, files // months)
    (target / "data").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "plans" / "jiangmen" / "data" / "tasks.yaml", target / "data" / "tasks.yaml")
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


# What the console script `zwxt` runs; with PYTHONPATH=src it is this checkout's zwxt,
# whichever copy the virtual environment has installed.
ZWXT = "import sys; from zwxt.__main__ import main; sys.exit(main())"
PARSER = "ryml"  # rapidyaml, which reads clean files; libyaml (ruamel) is imported only to locate findings


def startup(repeat: int) -> None:
    """Whole processes in a copy of the Jiangmen plan: zwxt next to the imports it cannot do without.

    Each round runs every command once, so that a machine busy for a while slows them alike;
    the figures are each command's medians over the rounds, of wall time and of CPU time
    (user + system), which a busy machine disturbs less. Bytecode is written and used, as an
    installed zwxt's is; so is the content cache, which the warm-up run fills.
    """
    with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as tmp:
        plan = Path(tmp) / "plan"
        shutil.copytree(ROOT / "tests" / "plans" / "jiangmen", plan,
                        ignore=shutil.ignore_patterns(".zwxt-cache"))
        _startup(plan, repeat)


def _startup(plan: Path, repeat: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("ZWXT_ROOT", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "python -c pass": ["-c", "pass"],
        "import typer": ["-c", "import typer"],
        "import typer, pydantic": ["-c", "import typer, pydantic"],
        f"import typer, pydantic, {PARSER}": ["-c", f"import typer, pydantic, {PARSER}"],
        # `import pydantic` is lazy; BaseModel is what a command with models cannot do without
        "import typer; from pydantic import BaseModel":
            ["-c", "import typer; from pydantic import BaseModel"],
        "zwxt --help": ["-c", ZWXT, "--help"],
        "zwxt check": ["-c", ZWXT, "check"],
    }
    for warm_up in (["--help"], ["check"]):  # and write the bytecode
        done = subprocess.run([sys.executable, "-c", ZWXT, *warm_up], cwd=plan, env=env,
                              capture_output=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"zwxt {warm_up[0]} in {plan} exited {done.returncode}: {done.stderr.decode()}")
    wall: dict[str, list[float]] = {label: [] for label in commands}
    cpu: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, args in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], cwd=plan, env=env, capture_output=True, check=False)
            wall[label].append(1000 * (time.perf_counter() - start))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[label].append(1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    figures = {"wall": {label: statistics.median(runs) for label, runs in wall.items()},
               "cpu": {label: statistics.median(runs) for label, runs in cpu.items()}}
    print(f"start-up in tests/plans/jiangmen, median of {repeat} runs")
    width = max(len(label) for label in commands)
    print(f"{'command'.ljust(width)}  wall ms  cpu ms")
    for label in commands:
        print(f"{label.ljust(width)}  {figures['wall'][label]:7.0f}  {figures['cpu'][label]:6.0f}")
    for kind, ms in figures.items():
        help_ratio = ms["zwxt --help"] / ms["import typer"]
        floor = ms["import typer, pydantic"]
        parser = max(ms[f"import typer, pydantic, {PARSER}"] - floor, 0)
        goal = 2 + parser / floor
        check_ratio = ms["zwxt check"] / floor
        print(f"{kind:>4}: zwxt --help / import typer {help_ratio:.2f}x (goal at most 1.50x: "
              f"{'met' if help_ratio <= 1.5 else 'missed'}); zwxt check / import typer, pydantic "
              f"{check_ratio:.2f}x (goal at most 2x plus the parser's {parser:.0f} ms = {goal:.2f}x: "
              f"{'met' if check_ratio <= goal else 'missed'}); zwxt check / typer and BaseModel "
              f"{ms['zwxt check'] / ms['import typer; from pydantic import BaseModel']:.2f}x")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="number of report files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sample", type=int, default=300, help="files for the ruamel baseline")
    parser.add_argument("--memory", default="10000,100000",
                        help="report counts to measure peak memory at (comma-separated; empty: none)")
    parser.add_argument("--paragraphs", type=int, default=20_000,
                        help="paragraphs of the report rendered to Word (0: none)")
    parser.add_argument("--commits", type=int, default=2_000,
                        help="commits of the history whose submission dates are read (0: none)")
    parser.add_argument("--startup", type=int, default=21,
                        help="runs of each start-up command (median; 0: none)")
    parser.add_argument("--summary-units", type=int, default=500,
                        help="units of the month summarised with the templates as a user's (0: none)")
    args = parser.parse_args()
    if args.startup:
        startup(args.startup)
    if args.commits:
        history(args.commits, args.repeat)
    if args.files:
        speed(args)
    counts = [int(n) for n in args.memory.split(",") if n.strip()]
    if counts:
        memory(counts)
    if args.paragraphs:
        render(args.paragraphs, args.repeat)
    if args.summary_units:
        users_templates(args.summary_units, args.repeat)


def speed(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as tmp:
        root = Path(tmp)
        build_repo(root, args.files)
        repo = Repository(root)
        paths = [root / rel for rel in repo.report_files().files]
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} report files, {size / 1e6:.1f} MB, median of {args.repeat} runs\n")
        rows = measure(repo, paths, args)
        width = max(len(label) for label, _, _ in rows)
        print(f"{'stage'.ljust(width)}  seconds  vs PyYAML  vs compose")
        floor, compose = rows[1][1], rows[2][1]
        for label, seconds, note in rows:
            ratios = f"{seconds / floor:7.2f}x  {seconds / compose:8.2f}x"
            print(f"{label.ljust(width)}  {seconds:7.2f}  {ratios}  {note}")
        others(repo, paths, args.repeat, next(s for label, s, _ in rows if label.endswith("2 processes")))
        defects(repo, paths, args.repeat)


def defects(repo: Repository, paths: list[Path], repeat: int) -> None:
    """`zwxt check` (2 processes, no cache) with every tenth report broken, next to PyYAML loading
    the same files (at most 1.5x), and whether every broken report has a finding at its line: half
    of them a YAML syntax error (an unclosed bracket), half a task done without its date (P003)."""
    import yaml

    from zwxt.diagnostics import is_error

    broken: dict[Path, tuple[bytes, int]] = {}
    for i, path in enumerate(paths[::10]):
        text = path.read_bytes()
        if i % 2:
            old, new = b"  - task: 1\n", b"  - task: [1\n"
        else:
            old, new = "status: 推进中\n".encode(), "status: 已完成\n".encode()
        at = text.index(old)
        broken[path] = (text, text.count(b"\n", 0, at) + 1)  # the broken line
        path.write_bytes(text[:at] + new + text[at + len(old):])
    texts = [p.read_bytes() for p in paths]

    def floor() -> None:
        for text in texts:
            with contextlib.suppress(yaml.YAMLError):
                yaml.load(text, Loader=yaml.CSafeLoader)

    try:
        floor_s = timed(floor, repeat)
        ours = timed(lambda: check(repo, workers=2, cache=False), repeat)
        found = check(repo, workers=2, cache=False).diagnostics
    finally:
        for path, (text, _) in broken.items():
            path.write_bytes(text)
    lines = {(d.path, d.line) for d in found if is_error(d)}
    # (a syntax error is found where the bracket is left open, or on the line after)
    located = sum(any((repo.rel_of(path), line) in lines for line in (at, at + 1))
                  for path, (_, at) in broken.items())
    print(f"\nzwxt check with every tenth report broken ({len(broken)}): {ours:.2f} s, "
          f"PyYAML load {floor_s:.2f} s: {ours / floor_s:.2f}x (at most 1.5x); "
          f"{located} of {len(broken)} broken reports have an error at the broken line")


def others(repo: Repository, paths: list[Path], repeat: int, checked: float) -> None:
    """`zwxt status` next to `zwxt check` (at most 1.2x), and `render` of 100 reports to Word next
    to the python-docx floor: PyYAML loads each report, python-docx writes its text and saves
    (at most 2x). Without the cache, as the floor has none."""
    import yaml
    from docx import Document as WordDocument

    from zwxt.options import OutputFormat
    from zwxt.services.render import render_reports
    from zwxt.services.status import status

    os.environ["ZWXT_NO_CACHE"] = "1"
    try:
        last = max(paths).parent.name
        seen = timed(lambda: status(repo, Month(int(last[:4]), int(last[5:])).end), repeat)
        some = paths[:100]

        def texts(value: object) -> list[str]:
            if isinstance(value, dict):
                return [t for v in value.values() for t in texts(v)]
            if isinstance(value, list):
                return [t for v in value for t in texts(v)]
            return [str(value)] if value is not None else []

        def floor() -> None:
            for path in some:
                word = WordDocument()
                for text in texts(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)):
                    word.add_paragraph(text)
                word.save(io.BytesIO())

        with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as out:
            floor_s = timed(floor, repeat)
            ours = timed(lambda: render_reports(repo, some, None, [OutputFormat.docx], Path(out)), repeat)
    finally:
        del os.environ["ZWXT_NO_CACHE"]
    print(f"\nzwxt status --as-of (month end) {seen:.2f} s, zwxt check (2 processes) {checked:.2f} s: "
          f"{seen / checked:.2f}x (at most 1.2x)")
    print(f"render of 100 reports to Word {ours:.2f} s, python-docx floor {floor_s:.2f} s: "
          f"{ours / floor_s:.2f}x (at most 2x)")


def build_history(root: Path, commits: int, per_commit: int = 5) -> None:
    """A repository of ``commits`` commits, each adding ``per_commit`` reports, by git fast-import
    (whose commits on one branch follow each other)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = io.BytesIO()
    start = 1_520_000_000
    for c in range(commits):
        message = f"报告 {c}".encode()
        stream.write(b"commit refs/heads/main\n")
        stream.write(f"committer 测试 <ci@example.gov.cn> {start + c * 3600} +0800\n".encode())
        stream.write(b"data %d\n%s\n" % (len(message), message))
        month = Month(2018, 1)
        for f in range(per_commit):
            body = report(f"测试部门{c:04d}{f}", month).encode()
            path = f"reports/{month}/测试部门{c:04d}{f}.yaml"
            stream.write(f"M 100644 inline {path}\n".encode())
            stream.write(b"data %d\n%s\n" % (len(body), body))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream.getvalue(), check=True)


def history(commits: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="zwxt-bench-git-") as tmp:
        root = Path(tmp)
        build_history(root, commits)
        files = len(first_added(root).dates)
        raw = timed(lambda: subprocess.run(["git", "log", "--name-status", "--format=%H %cI", "-z"],
                                           cwd=root, capture_output=True, check=True), repeat)
        ours = timed(lambda: first_added(root), repeat)
        print(f"submission dates: {commits} commits adding {files} reports: first_added {ours:.2f} s, "
              f"git log --name-status {raw:.2f} s, {ours / raw:.2f}x (at most 2x)\n")


# (units, months) for each count of reports: the same 500 units over more months, whose
# memory must not grow with the history, and at the largest count also 5,000 units.
def shapes(count: int, largest: bool) -> list[tuple[int, int]]:
    found = [(500, max(1, count // 500))]
    if largest and count // 20 != 500:
        found.append((count // 20, 20))
    return found


def memory(counts: list[int]) -> None:
    """Peak resident memory of `zwxt check` run as its own process, at each size."""
    print("\npeak memory of a whole `zwxt check` (largest process; 2 worker processes when many files)")
    print(f"{'reports':>8}  {'units x months':>15}  {'seconds':>7}  {'peak MB':>7}")
    zwxt = str(Path(sys.executable).with_name("zwxt"))
    for count in counts:
        for units, months in shapes(count, count == max(counts)):
            with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as tmp:
                build_repo(Path(tmp), units * months, months)
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", PEAK, zwxt, tmp],
                                      capture_output=True, text=True, check=True)
                seconds = time.perf_counter() - start
            peak = int(done.stdout.split()[-1]) / 1024
            print(f"{units * months:>8}  {f'{units} x {months}':>15}  {seconds:7.1f}  {peak:7.0f}")


# Run in a process of its own, so that the children it measures are the check alone.
PEAK = """
import resource, subprocess, sys
subprocess.run([sys.argv[1], "--root", sys.argv[2], "check"], capture_output=True, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def users_templates(units: int, repeat: int) -> None:
    """The summary of one month of ``units`` reports and 100 of its reports, rendered with the
    shipped templates and again with copies of them in the repository's templates/, which
    run as a user's: counted (zwxt/documents/sandbox.py), at most MAX_STEPS steps and MAX_SECONDS."""
    from zwxt.documents import sandbox
    from zwxt.documents.templates import PACKAGE_TEMPLATES
    from zwxt.options import OutputFormat
    from zwxt.services.render import render_reports, render_summary

    used: list[int] = []
    counted = sandbox.BoundedSandbox.step

    def step(self: sandbox.BoundedSandbox, cost: int = 1) -> None:
        counted(self, cost)
        used.append(self.steps)

    os.environ["ZWXT_NO_CACHE"] = "1"
    try:
        with tempfile.TemporaryDirectory(prefix="zwxt-bench-") as tmp:
            root = Path(tmp)
            build_repo(root, units, months=1)
            subprocess.run(["git", "init", "-q"], cwd=root, check=True)
            repo = Repository(root)
            month = Month(2017, 12)
            some = [root / rel for rel in repo.report_files().files][:100]
            out = root / "out"
            rows = []
            for label in ("shipped", "copied into templates/"):
                if label != "shipped":
                    shutil.copytree(PACKAGE_TEMPLATES, root / "templates",
                                    ignore=shutil.ignore_patterns("init"))
                summary = timed(lambda: render_summary(repo, month, [OutputFormat.md], out,
                                                       signed_on=date(2018, 1, 10)), repeat)
                reports = timed(lambda: render_reports(repo, some, None, [OutputFormat.md], out), repeat)
                rows.append((label, summary, reports))
            sandbox.BoundedSandbox.step = step  # type: ignore[method-assign]
            try:
                render_summary(repo, month, [OutputFormat.md], out, signed_on=date(2018, 1, 10))
            finally:
                sandbox.BoundedSandbox.step = counted  # type: ignore[method-assign]
    finally:
        del os.environ["ZWXT_NO_CACHE"]
    print(f"\nrender to Markdown, {units} units' reports of one month, median of {repeat} runs")
    for label, summary, reports in rows:
        print(f"templates {label}: summary {summary:.2f} s, 100 reports {reports:.2f} s")
    print(f"the summary with the copied templates used {max(used, default=0):,} of "
          f"{sandbox.MAX_STEPS:,} steps (at most {sandbox.MAX_SECONDS} s)")


def render(paragraphs: int, repeat: int) -> None:
    """One report of many short paragraphs (a long ``progress: |`` block) as Word and Markdown."""
    import docx
    from docx.oxml import OxmlElement

    text = "\n\n".join(f"第{n}段" for n in range(paragraphs))
    document = Document("t", date(2018, 3, 31), (Block(Kind.TITLE, "t"), Block(Kind.P, text)))

    def bare() -> None:  # the floor: python-docx's package, paragraphs put in with lxml
        word = docx.Document()
        sect_pr = word.element.body.sectPr
        for line in text.split("\n\n"):
            paragraph = OxmlElement("w:p")
            sect_pr.addprevious(paragraph)
            paragraph.add_r().text = line
        word.save(io.BytesIO())

    rows = [("python-docx, bare paragraphs saved (the floor)", timed(bare, repeat)),
            ("docx_bytes", timed(lambda: docx_bytes(document), repeat)),
            ("markdown_text", timed(lambda: markdown_text(document), repeat))]
    print(f"\nrender of one report with {paragraphs:,} paragraphs, median of {repeat} runs")
    width = max(len(label) for label, _ in rows)
    print(f"{'stage'.ljust(width)}  seconds  vs floor")
    for label, seconds in rows:
        print(f"{label.ljust(width)}  {seconds:7.2f}  {seconds / rows[0][1]:5.2f}x")


def cached(repo: Repository, paths: list[Path], repeat: int) -> list[tuple[str, float, str]]:
    """`zwxt check` with the content cache: filling it, then again with nothing changed, then
    with one report changed among them all (each run on 2 processes, as the command runs)."""
    from zwxt.load.cache_store import cache_folder

    cache = cache_folder(repo.root)
    settled = time.time_ns() - 60_000_000_000  # files written seconds ago are not cached yet
    for path in paths:
        os.utime(path, ns=(settled, settled))

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        check(repo)

    changed = paths[len(paths) // 2]
    original = changed.read_bytes()

    def one_changed() -> None:
        changed.write_bytes(original + f"# {time.perf_counter_ns()}\n".encode())
        moment = settled + time.perf_counter_ns() % 10**9  # a new time, and still not a racy one
        os.utime(changed, ns=(moment, moment))
        check(repo)

    done = (original.replace("status: 推进中".encode(), "status: 已完成".encode(), 1)
            .replace(b"    progress:", f"    completed: {changed.parent.name}-10\n    progress:".encode(), 1))

    def one_fact_changed() -> None:  # a task's status: every month after it is checked again
        changed.write_bytes(original if changed.read_bytes() == done else done)
        moment = settled + time.perf_counter_ns() % 10**9
        os.utime(changed, ns=(moment, moment))
        check(repo)

    rows = [("zwxt check, filling the cache", timed(cold, repeat), "")]
    check(repo)
    rows.append(("zwxt check, cache, nothing changed", timed(lambda: check(repo), repeat), ""))
    rows.append(("zwxt check, cache, 1 file changed (a comment)", timed(one_changed, repeat),
                 f"{changed.relative_to(repo.root)}"))
    rows.append(("zwxt check, cache, 1 file's facts changed", timed(one_fact_changed, repeat),
                 "a status: the months after it checked again"))
    changed.write_bytes(original)
    shutil.rmtree(cache, ignore_errors=True)
    return rows


def measure(repo: Repository, paths: list[Path], args: argparse.Namespace
            ) -> list[tuple[str, float, str]]:
    texts = [p.read_bytes() for p in paths]
    import yaml

    rows = [("read all bytes", timed(lambda: [p.read_bytes() for p in paths], args.repeat), "")]
    rows.append(("PyYAML CSafeLoader load (the floor)",
                 timed(lambda: each(lambda t: yaml.load(t, Loader=yaml.CSafeLoader), texts), args.repeat),
                 ""))
    rows.append(("libyaml compose (the stricter floor)",
                 timed(lambda: each(lambda t: compose_node(t.decode()), texts), args.repeat), ""))
    rows.append(("read_yaml, values only (rapidyaml fast path)",
                 timed(lambda: each(lambda t: read_yaml("x", t, False), texts), args.repeat), ""))
    rows.append(("read_yaml, values and positions",
                 timed(lambda: each(lambda t: read_yaml("x", t), texts), args.repeat), ""))
    result = check(repo, workers=1, cache=False)
    rows.append(("zwxt check --no-cache, 1 process",
                 timed(lambda: check(repo, workers=1, cache=False), args.repeat),
                 f"{len(result.diagnostics)} findings"))
    rows.append(("zwxt check --no-cache, 2 processes",
                 timed(lambda: check(repo, workers=2, cache=False), args.repeat), ""))
    rows += cached(repo, paths, args.repeat)
    from ruamel.yaml import YAML

    sample = texts[: args.sample]
    rt = YAML(typ="rt")
    per_file = timed(lambda: [rt.load(t) for t in sample], 1) / max(1, len(sample))
    rows.append(("ruamel round-trip load (extrapolated)", per_file * len(texts),
                 f"from {len(sample)} files"))
    return rows


if __name__ == "__main__":
    main()
