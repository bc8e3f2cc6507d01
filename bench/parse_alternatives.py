"""Study: the YAML parsers zwxt could check with, side by side on bench/check_speed.py's repository.

For the issue "Fast at province scale": is rapidyaml (module ``ryml``, the C++ parser) worth a
fast path, against PyYAML's C loader (the floor) and zwxt's own libyaml path? Builds the same
synthetic repository as ``bench/check_speed.py`` (its ``build_repo``), reads every report into
memory, then times each candidate over all files (median of ``--repeat`` runs, the runs of all
candidates interleaved so that a busy machine slows them alike) and prints wall and CPU seconds
with their ratio to PyYAML's ``CSafeLoader``. CPU includes worker processes. Then the stages of
a report's check after the parse (pydantic, the report rules, the ledger's facts). Last, the
whole ``zwxt check`` service, each run in a fresh process (so that its workers fork from a
process as small as the command's), as it is and with its per-file parse replaced (by
patching ``zwxt.load.files.read_yaml`` in that process) by the rapidyaml reader below, whose values
and findings ``bench/parse_correctness.py`` compares with zwxt's on a corpus of tricky and
broken input. The repository is checked clean, and with a share of its reports given a
finding (``--findings``), located from positions: zwxt as it is converts the nodes it already
composed again, ``ryml_read`` has libyaml read the file again.

rapidyaml and PyYAML are not dependencies of zwxt; run it in a virtual environment of its own:

    python3 -m venv /tmp/ps-venv
    /tmp/ps-venv/bin/pip install -e '.[dev]' rapidyaml pyyaml
    /tmp/ps-venv/bin/python bench/parse_alternatives.py --files 10000

Nothing here is zwxt's code: ``ryml_read`` is a prototype of a fast path, kept beside the
measurements it was judged by.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import ctypes
import functools
import gc
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import ryml  # noqa: E402
import yaml  # noqa: E402
from check_speed import build_repo  # noqa: E402
from ryml import _ryml  # noqa: E402

from zwxt.io.fastyaml import _document, _stderr_silenced, _Unusual  # noqa: E402
from zwxt.io.repo import Repository  # noqa: E402
from zwxt.io.yamlsource import (  # noqa: E402
    MAX_FILE_BYTES,
    Parsed,
    _compose_node,
    _control_characters,
    _decode,
    _invisible_characters,
    read_yaml,
)
from zwxt.load import files, pipeline  # noqa: E402
from zwxt.model.report import Report  # noqa: E402
from zwxt.rules import ReportFile, report_findings  # noqa: E402
from zwxt.services.check import check  # noqa: E402

# ---- rapidyaml: a tree walk into dicts, lists, strings and None ---------------------------
#
# The Python package wraps the index-based C++ API with SWIG. Each proxy method
# (``tree.key(i)``) costs ~0.8 us, mostly SWIG finding the C++ pointer behind the proxy; the
# module's own functions given the raw pointer object (``_ryml.Tree_key(tree.this, i)``) cost
# ~0.15 us. Scalars come back as read-only memoryviews of UTF-8 bytes, decoded with str().

# The walk is zwxt's own (zwxt.io.fastyaml), which this study's prototype became.
Unusual = _Unusual
_type, _key, _val, _parse_csubstr = _ryml.Tree_type, _ryml.Tree_key, _ryml.Tree_val, _ryml.parse_csubstr
VAL = ryml.VAL


def ryml_tree(raw: bytes) -> Any:
    tree = ryml.Tree()
    _ryml.parse_csubstr(raw, tree)
    return tree


def ryml_values(tree: Any, ends_with_newline: bool = True) -> Any:
    """The document as zwxt's fast path gives it (fastyaml._document); Unusual when it leaves
    the file to libyaml."""
    return _document(tree, ends_with_newline)


def ryml_naive_values(tree: Any) -> Any:
    """The walk as the package's README suggests it: proxy methods and ryml.children()."""
    def build(node: int) -> Any:
        if tree.is_map(node):
            return {str(tree.key(c), "utf-8"): build(c) for c in ryml.children(tree, node)}
        if tree.is_seq(node):
            return [build(c) for c in ryml.children(tree, node)]
        return str(tree.val(node), "utf-8")
    return build(tree.root_id())


# ---- rapidyaml and positions --------------------------------------------------------------
#
# The Python package has no node location API (the C++ Parser's locations option and
# Parser::location(tree, node) are not wrapped in 0.15); only a parse error carries a
# location (errdata_parse.ymlloc: 1-based line and column, byte offset). Parsed in place in
# a bytearray, a scalar's memoryview points into that buffer, so its byte offset is the
# difference of two addresses (ctypes, via the buffer protocol) and the line and column
# follow from a table of line starts. Containers have no text of their own, quoted and block
# scalars start after their quote or indicator, and one ctypes call per scalar is slow.

class _PyBuffer(ctypes.Structure):
    _fields_ = [("buf", ctypes.c_void_p), ("obj", ctypes.c_void_p), ("len", ctypes.c_ssize_t),
                ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
                ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
                ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p)]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: memoryview) -> int:
    buffer = _PyBuffer()
    _get_buffer(view, ctypes.byref(buffer), 0)
    address = buffer.buf or 0
    _release_buffer(ctypes.byref(buffer))
    return address


def ryml_scalar_marks(raw: bytes) -> list[tuple[int, int, int, str]]:
    """(node, 1-based line, 1-based column in characters, "key"/"val") for every scalar."""
    buffer = bytearray(raw)
    tree = ryml.parse_in_place(buffer)
    this = tree.this
    base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    starts = [0]
    at = raw.find(b"\n")
    while at >= 0:
        starts.append(at + 1)
        at = raw.find(b"\n", at + 1)
    marks = []
    for node in range(_ryml.Tree_size(this)):
        kind = _type(this, node)
        for part, bit, get in (("key", ryml.KEY, _key), ("val", VAL, _val)):
            if kind & bit:
                offset = _address(get(this, node)) - base
                line = bisect.bisect_right(starts, offset) - 1
                column = len(raw[starts[line]:offset].decode("utf-8", "replace")) + 1
                marks.append((node, line + 1, column, part))
    return marks


# ---- a fast path on rapidyaml, falling back to zwxt's libyaml path ----------------------

stderr_silenced = _stderr_silenced  # rapidyaml writes each parse error to descriptor 2


# Text that sends a file straight to the libyaml path: zwxt's own "careful" triggers (full-width
# space, backslash escapes, tags) and tabs, which rapidyaml accepts in places libyaml refuses
# (a line of only a tab, a tab after a dash). Substring tests (~2 us for all four on a report)
# rather than one regular expression with alternatives (~90 us, more than the parse itself).
FALLBACK_TRIGGERS = ("\u3000", "\\", "!", "\t")


def triggered(text: str, triggers: tuple[str, ...] = FALLBACK_TRIGGERS) -> bool:
    # a directive line (%YAML, %TAG), which libyaml reads and rapidyaml does not
    return any(t in text for t in triggers) or text.startswith("%") or "\n%" in text


@dataclass
class RymlParsed(Parsed):
    """A file read on the rapidyaml fast path: positions, when asked for, come from libyaml."""

    _path: str = ""
    _raw: bytes = b""

    def located(self) -> Parsed:
        return read_yaml(self._path, self._raw, locate=True)


def ryml_read(path: str, raw: bytes, locate: bool = False, silence: bool = True,
              triggers: bool = True) -> Parsed:
    """read_yaml's fast path on rapidyaml: the same checks of the bytes, then ryml and the walk.

    Whatever is unusual (see FALLBACK_TRIGGERS, ryml_values) or fails to parse is read by
    zwxt's read_yaml instead, which explains it in Chinese and locates it.
    """
    if locate:
        return read_yaml(path, raw, locate=True)
    parsed = RymlParsed(_path=path, _raw=raw)
    text = _decode(path, raw, parsed.diagnostics, MAX_FILE_BYTES)
    if text is None or _control_characters(path, text, parsed.diagnostics):
        return parsed
    _invisible_characters(path, text, parsed.diagnostics)
    if triggers and triggered(text):
        return read_yaml(path, raw, locate=False)
    body = raw if not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw else text.encode("utf-8")
    try:
        if silence:
            with stderr_silenced():
                tree = ryml_tree(body)
        else:
            tree = ryml_tree(body)
        parsed.data = ryml_values(tree, text.endswith("\n"))
    except (ryml.ExceptionBasic, Unusual, UnicodeDecodeError):  # (a lone surrogate escaped)
        return read_yaml(path, raw, locate=False)
    return parsed


# ---- what is timed ------------------------------------------------------------------------

# Set before a pool forks, so that workers inherit the files instead of unpickling them.
_TEXTS: list[bytes] = []


def _ryml_parse_walk(texts: list[bytes]) -> int:
    for raw in texts:
        ryml_values(ryml_tree(raw))
    return len(texts)


def _ryml_read_all(texts: list[bytes]) -> int:
    for raw in texts:
        ryml_read("x", raw)
    return len(texts)


def _libyaml_fast_all(texts: list[bytes]) -> int:
    for raw in texts:
        read_yaml("x", raw, False)
    return len(texts)


def _csafe_all(texts: list[bytes]) -> int:
    for raw in texts:
        yaml.load(raw, Loader=yaml.CSafeLoader)
    return len(texts)


PER_CHUNK = {"PyYAML CSafeLoader": _csafe_all, "zwxt read_yaml fast path": _libyaml_fast_all,
             "ryml parse + fast walk": _ryml_parse_walk, "ryml_read": _ryml_read_all}


def _chunk_in_worker(job: tuple[str, int, int]) -> int:
    name, start, stop = job
    return PER_CHUNK[name](_TEXTS[start:stop])


def in_processes(name: str, texts: list[bytes], workers: int) -> int:
    """PER_CHUNK[name] over all files in ``workers`` forked processes, in chunks as zwxt's
    loader sizes them (each returns a count: the cost of sending results back is left out)."""
    global _TEXTS
    _TEXTS = texts
    size = max(1, len(texts) // (workers * 8))
    jobs = [(name, start, min(start + size, len(texts))) for start in range(0, len(texts), size)]
    # This process holds every file and more; frozen, none of it is scanned (and so copied, page
    # by page) by a worker's garbage collector. zwxt's loader turns the collector off instead.
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        return sum(pool.imap(_chunk_in_worker, jobs))
    finally:
        pool.close()
        pool.join()
        gc.unfreeze()


@contextlib.contextmanager
def ryml_fast_path() -> Iterator[None]:
    """zwxt's loader with ryml_read as its per-report parse (forked workers inherit it)."""
    original = files.read_yaml
    files.read_yaml = ryml_read  # type: ignore[assignment]
    try:
        yield
    finally:
        files.read_yaml = original  # type: ignore[assignment]


def check_with_ryml(repo: Repository, workers: int) -> Any:
    with ryml_fast_path():
        return check(repo, workers=workers)


def check_in_child(root: Path, workers: int, parser: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``check`` in a fresh process, as the command runs it: its
    workers fork from a process holding only zwxt, not this benchmark's files and values.
    Start-up and imports are left out (measured inside the child)."""
    done = subprocess.run([sys.executable, __file__, "--check-child", str(root), str(workers), parser],
                          capture_output=True, text=True, check=True)
    times = json.loads(done.stdout.splitlines()[-1])
    return times["wall"], times["cpu"]


def check_child(root: str, workers: int, parser: str) -> None:
    repo = Repository(Path(root))
    with ryml_fast_path() if parser == "ryml" else contextlib.nullcontext():
        cpu, wall = cpu_seconds(), time.perf_counter()
        result = check(repo, workers=workers)
        times = {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}
    print(json.dumps({**times, "findings": len(result.diagnostics)}))


@dataclass
class Row:
    label: str
    run: Callable[[], object]
    note: str = ""
    times_itself: bool = False  # run() returns its own (wall, CPU) seconds
    walls: list[float] | None = None
    cpus: list[float] | None = None


def cpu_seconds() -> float:
    """CPU of this process and of its children that have ended (worker pools are joined)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def rows_for(repo: Repository, spoiled: Repository, share: str, paths: list[Path], texts: list[bytes],
             workers: int) -> list[Row]:
    """What is timed, in the order printed; the second row is the floor."""
    def each(parse: Callable[[bytes], object]) -> Callable[[], None]:
        def run() -> None:
            for raw in texts:
                parse(raw)
        return run

    def prechecks(raw: bytes) -> None:
        found: list[Any] = []
        text = _decode("x", raw, found, MAX_FILE_BYTES)
        if text is not None and not _control_characters("x", text, found):
            _invisible_characters("x", text, found)

    reused = ryml.Tree()

    def parse_reusing(raw: bytes) -> None:
        _ryml.Tree_clear(reused.this)
        _ryml.Tree_clear_arena(reused.this)
        _parse_csubstr(raw, reused)

    # The stages of a report's check after the parse (zwxt.load.files.check_report), each over all files.
    plan = pipeline._load_data(repo, [])
    rels = repo.report_files().files
    values = [ryml_read(rel, raw).data for rel, raw in zip(rels, texts, strict=True)]
    records = [Report.model_validate(data) for data in values]
    units = [plan.directory.unit_of(r.unit) if plan is not None else None for r in records]

    def validate() -> None:
        for data in values:
            Report.model_validate(data)

    def rules() -> None:
        for rel, record, unit in zip(rels, records, units, strict=True):
            report_findings(ReportFile(rel, record, unit), plan)

    def facts() -> None:
        for rel, record, unit in zip(rels, records, units, strict=True):
            files._facts(rel, record, unit)

    n = workers
    return [
        Row("(a) read all bytes", lambda: [p.read_bytes() for p in paths]),
        Row("(b) PyYAML CSafeLoader full load (floor)", each(lambda t: yaml.load(t, yaml.CSafeLoader))),
        Row("(c) PyYAML C compose only", each(lambda t: yaml.compose(t, Loader=yaml.CSafeLoader))),
        Row("(c) libyaml compose via ruamel.yaml.clib (zwxt's)", each(lambda t: _compose_node(t.decode()))),
        Row("(d) zwxt read_yaml, values only (fast path)", each(lambda t: read_yaml("x", t, False))),
        Row("(d) zwxt read_yaml, values and positions", each(lambda t: read_yaml("x", t))),
        Row("(d) zwxt pre-parse checks (decode, control, invisible)", each(prechecks)),
        Row("(e) ryml parse_in_arena only", each(ryml.parse_in_arena)),
        Row("(e) ryml parse, one tree reused", each(parse_reusing)),
        Row("(f) ryml parse + naive walk (proxy methods)", each(lambda t: ryml_naive_values(ryml_tree(t)))),
        Row("(f) ryml parse + fast walk", each(lambda t: ryml_values(ryml_tree(t)))),
        Row("(f) ryml parse in place + line/column of every scalar", each(ryml_scalar_marks),
            "ctypes address arithmetic"),
        Row("(f) ryml_read: checks + ryml + walk, libyaml fallback", each(lambda t: ryml_read("x", t)),
            "zwxt fast path proto"),
        Row("(f) ryml_read, stderr left alone", each(lambda t: ryml_read("x", t, silence=False))),
        Row("(g) PyYAML CBaseLoader (all scalars str)", each(lambda t: yaml.load(t, yaml.CBaseLoader))),
        *[Row(f"(h) {name}, {n} processes", functools.partial(in_processes, name, texts, n))
          for name in PER_CHUNK],
        Row("check stage: Report.model_validate (pydantic)", validate),
        Row("check stage: report rules (report_findings)", rules),
        Row("check stage: ledger facts (files._facts)", facts),
        *[Row(f"{what}, {workers} {'process' if workers == 1 else 'processes'}{extra}",
              functools.partial(check_in_child, where.root, workers, parser), times_itself=True)
          for where, extra in ((repo, ""), (spoiled, f", {share} of files with a finding"))
          for parser, what in (("libyaml", "(d) zwxt check as is"), ("ryml", "zwxt check with ryml_read"))
          for workers in (1, n)],
    ]


def measure(rows: list[Row], repeat: int) -> None:
    """Each row once per round, rounds repeated: median wall and CPU seconds of each row."""
    for row in rows:
        row.walls, row.cpus = [], []
    for _ in range(repeat):
        for row in rows:
            gc.collect()
            cpu, wall = cpu_seconds(), time.perf_counter()
            result = row.run()
            if row.times_itself:
                assert isinstance(result, tuple)
                row.walls.append(result[0])
                row.cpus.append(result[1])
            else:
                row.walls.append(time.perf_counter() - wall)
                row.cpus.append(cpu_seconds() - cpu)


def report(rows: list[Row], floor_label: str) -> None:
    floor = next(r for r in rows if r.label == floor_label)
    floor_wall = statistics.median(floor.walls or [1.0])
    floor_cpu = statistics.median(floor.cpus or [1.0])
    width = max(len(r.label) for r in rows)
    print(f"{'what'.ljust(width)}  wall s  CPU s  wall/(b)  CPU/(b)")
    for r in rows:
        wall, cpu = statistics.median(r.walls or [0.0]), statistics.median(r.cpus or [0.0])
        print(f"{r.label.ljust(width)}  {wall:6.2f}  {cpu:5.2f}  {wall / floor_wall:7.2f}x"
              f"  {cpu / floor_cpu:6.2f}x  {r.note}")


def findings_summary(repo: Repository) -> str:
    ours = check(repo, workers=1).diagnostics
    with ryml_fast_path():
        theirs = check(repo, workers=1).diagnostics
    same = "identical" if ours == theirs else "DIFFERENT"
    return f"{len(ours)} findings as is, {len(theirs)} with ryml_read ({same})"


def spoil(root: Path, share: float) -> int:
    """Give that share of the reports a finding: a status that is not one of the three
    (a schema error, located at its value, so the file is read again with positions)."""
    files = sorted((root / "reports").rglob("*.yaml"))
    step = max(1, round(1 / share)) if share else 0
    spoiled = files[::step] if step else []
    for path in spoiled:
        path.write_text(path.read_text("utf-8").replace("status: 推进中", "status: 进行中", 1), "utf-8")
    return len(spoiled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="number of report files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the parallel rows")
    parser.add_argument("--findings", type=float, default=0.1,
                        help="share of reports given a finding in the second repository")
    parser.add_argument("--check-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_child:
        root, workers, name = args.check_child
        check_child(root, int(workers), name)
        return
    print(f"rapidyaml {ryml.version}, PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__}), "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="zwxt-parse-") as tmp:
        root, spoiled_root = Path(tmp) / "clean", Path(tmp) / "findings"
        build_repo(root, args.files)
        build_repo(spoiled_root, args.files)
        share = f"{args.findings:.0%}"
        spoilt = spoil(spoiled_root, args.findings)
        repo, spoiled = Repository(root), Repository(spoiled_root)
        paths = [root / rel for rel in repo.report_files().files]
        texts = [p.read_bytes() for p in paths]
        print(f"{len(paths)} report files, {sum(map(len, texts)) / 1e6:.1f} MB, "
              f"median of {args.repeat} interleaved runs; load average {os.getloadavg()[0]:.1f} at start")
        print(f"zwxt check of the repository: {findings_summary(repo)}")
        print(f"the same with {spoilt} reports ({share}) given a wrong status: {findings_summary(spoiled)}")
        rows = rows_for(repo, spoiled, share, paths, texts, args.workers)
        measure(rows, args.repeat)
        print(f"load average {os.getloadavg()[0]:.1f} at end\n")
        report(rows, rows[1].label)

if __name__ == "__main__":
    main()
