"""Study: the choices of zwxt's parse (zwxt.parse), side by side on bench/check_speed.py's repository.

Two questions of issue 19, each answered by figures:

1. rapidyaml's public API, or its SWIG module pinned exactly? zwxt's walk of rapidyaml's tree
   (zwxt.parse.rapidyaml) calls the SWIG module's functions with the tree's raw pointer
   (``_ryml.Tree_key(tree.this, i)``, ~0.15 us a call). The public way is the ``ryml.Tree``
   methods and ``ryml.parse_in_arena`` (``tree.key(i)``, ~0.8 us: a Python method, then SWIG
   finding the C++ pointer behind the proxy). The public variant here is the very same walk
   with the public names put in (``public_variant``), so the two differ only in the calls.
2. Positions from the first parse, or a second parse for a file with a finding? A file read
   without positions is read again by libyaml when a finding needs its lines. The Python
   package of rapidyaml has no node location lookup (the C++ ``Parser::location`` is not
   wrapped in 0.15; only a parse error carries a location), so positions from its parse can
   only be computed from where each scalar's memoryview points into a buffer parsed in place
   (ctypes address arithmetic, scalars only: containers have no text of their own). What a
   one-pass parse could save is the rapidyaml read of the files with a finding; what it costs
   is positions for every file, most of which never need them.

Builds the same synthetic repository as ``bench/check_speed.py`` (its ``build_repo``), reads every
report into memory, then times each candidate over all files (median of ``--repeat`` runs, the
runs of all candidates interleaved so that a busy machine slows them alike) and prints wall and
CPU seconds with their ratio to PyYAML's ``CSafeLoader``. Last, the whole ``zwxt check`` service
on one process, each run in a fresh process, as it is and with the public variant of the walk,
on the repository checked clean and with a share of its reports given a finding
(``--findings``), located from positions. Run with the project's environment:

    .venv/bin/python bench/parse_alternatives.py --files 10000
"""

from __future__ import annotations

import argparse
import bisect
import ctypes
import gc
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import ryml  # noqa: E402
import yaml  # noqa: E402
from check_speed import build_repo  # noqa: E402

from zwxt.parse import rapidyaml, read_yaml  # noqa: E402
from zwxt.services.check import check  # noqa: E402
from zwxt.store.repo import Repository  # noqa: E402

# ---- the public variant of zwxt's walk ----------------------------------------------------

# zwxt's names (the SWIG module's functions, given the tree's raw pointer) and their public
# counterparts (the ryml.Tree methods, given the tree itself).
PUBLIC_NAMES = [
    ("from ryml import _ryml\n", ""),
    ("_ryml.Tree_type", "ryml.Tree.type"), ("_ryml.Tree_key", "ryml.Tree.key"),
    ("_ryml.Tree_val", "ryml.Tree.val"), ("_ryml.Tree_first_child", "ryml.Tree.first_child"),
    ("_ryml.Tree_next_sibling", "ryml.Tree.next_sibling"),
    ("_ryml.Tree_root_id", "ryml.Tree.root_id"), ("_ryml.Tree_size", "ryml.Tree.size"),
    ("_ryml.parse_csubstr", "ryml.parse_in_arena"), ("this = tree.this", "this = tree"),
]


def public_variant() -> ModuleType:
    """zwxt.parse.rapidyaml with every private name replaced by the public one."""
    source = Path(rapidyaml.__file__).read_text(encoding="utf-8")
    for private, public in PUBLIC_NAMES:
        if private not in source:
            raise SystemExit(f"zwxt.parse.rapidyaml no longer has {private!r}: update PUBLIC_NAMES")
        source = source.replace(private, public)
    spec = importlib.util.spec_from_loader("rapidyaml_public", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, "rapidyaml_public", "exec"), module.__dict__)
    return module


PUBLIC = public_variant()


def ryml_tree(raw: bytes) -> Any:
    """rapidyaml's tree of ``raw`` (public API)."""
    return ryml.parse_in_arena(raw)


def ryml_values(tree: Any, ends_with_newline: bool = True) -> Any:
    """The document as zwxt's walk gives it; rapidyaml.Unusual where it leaves the file to libyaml."""
    return rapidyaml._document(tree, ends_with_newline)


Unusual = rapidyaml._Unusual


# ---- positions from rapidyaml's parse: where a scalar's bytes are in the buffer -----------

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
    """(node, 1-based line, 1-based column in characters, "key"/"val") of every scalar: the
    least a first parse with positions would do (libyaml's marks of containers, and of quoted
    and block scalars, which start before their text, would still have to be made up)."""
    buffer = bytearray(raw)
    tree = ryml.parse_in_place(buffer)
    base = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    starts = [0]
    at = raw.find(b"\n")
    while at >= 0:
        starts.append(at + 1)
        at = raw.find(b"\n", at + 1)
    marks = []
    for node in range(tree.size()):
        kind = tree.type(node)
        for part, bit, get in (("key", ryml.KEY, tree.key), ("val", ryml.VAL, tree.val)):
            if kind & bit:
                offset = _address(get(node)) - base
                line = bisect.bisect_right(starts, offset) - 1
                column = len(raw[starts[line]:offset].decode("utf-8", "replace")) + 1
                marks.append((node, line + 1, column, part))
    return marks


# ---- what is timed ------------------------------------------------------------------------

def check_in_child(root: Path, variant: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``check`` on one process, without the cache, in a fresh
    process: start-up and imports left out (measured inside the child)."""
    done = subprocess.run([sys.executable, __file__, "--check-child", str(root), variant],
                          capture_output=True, text=True, check=True)
    times = json.loads(done.stdout.splitlines()[-1])
    return times["wall"], times["cpu"]


def check_child(root: str, variant: str) -> None:
    if variant == "public":
        rapidyaml.plain_values = PUBLIC.plain_values  # type: ignore[assignment]
    repo = Repository(Path(root))
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = check(repo, workers=1, cache=False)
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
    """CPU of this process and of its children that have ended."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def rows_for(repo: Repository, spoiled: Repository, share: str, texts: list[bytes]) -> list[Row]:
    """What is timed, in the order printed; the first row is the floor."""
    decoded = [raw.decode("utf-8") for raw in texts]

    def each(parse: Callable[[Any], object], items: list[Any]) -> Callable[[], None]:
        def run() -> None:
            for item in items:
                parse(item)
        return run

    return [
        Row("PyYAML CSafeLoader full load (floor)", each(lambda t: yaml.load(t, yaml.CSafeLoader), texts)),
        Row("rapidyaml parse only (parse_in_arena)", each(ryml.parse_in_arena, texts)),
        Row("rapidyaml parse + walk, SWIG functions (zwxt's)", each(rapidyaml.plain_values, decoded)),
        Row("rapidyaml parse + walk, public Tree methods", each(PUBLIC.plain_values, decoded)),
        Row("rapidyaml parse in place + line/column of every scalar", each(ryml_scalar_marks, texts),
            "ctypes; scalars only"),
        Row("read_yaml, values only (zwxt's)", each(lambda t: read_yaml("x", t, False), texts)),
        Row("read_yaml, values and positions (libyaml)", each(lambda t: read_yaml("x", t), texts),
            "the second pass"),
        *[Row(f"zwxt check, 1 process, {what}{extra}",
              lambda where=where, variant=variant: check_in_child(where.root, variant), times_itself=True)
          for where, extra in ((repo, ""), (spoiled, f", {share} of files with a finding"))
          for variant, what in (("as is", "SWIG functions (zwxt's)"), ("public", "public Tree methods"))],
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
            assert row.walls is not None and row.cpus is not None
            if row.times_itself:
                assert isinstance(result, tuple)
                row.walls.append(result[0])
                row.cpus.append(result[1])
            else:
                row.walls.append(time.perf_counter() - wall)
                row.cpus.append(cpu_seconds() - cpu)


def report(rows: list[Row]) -> None:
    floor = rows[0]
    floor_wall = statistics.median(floor.walls or [1.0])
    floor_cpu = statistics.median(floor.cpus or [1.0])
    width = max(len(r.label) for r in rows)
    print(f"{'what'.ljust(width)}  wall s  CPU s  wall/floor  CPU/floor")
    for r in rows:
        wall, cpu = statistics.median(r.walls or [0.0]), statistics.median(r.cpus or [0.0])
        print(f"{r.label.ljust(width)}  {wall:6.2f}  {cpu:5.2f}  {wall / floor_wall:9.2f}x"
              f"  {cpu / floor_cpu:8.2f}x  {r.note}")


def spoil(root: Path, share: float) -> int:
    """Give that share of the reports a finding: a task's status that is not one of the three
    (a schema error, located at its value, so the file is read again with positions)."""
    files = sorted((root / "reports").rglob("*.yaml"))
    step = max(1, round(1 / share)) if share else 0
    spoiled = files[::step] if step else []
    for path in spoiled:
        path.write_text(path.read_text("utf-8").replace("status: 推进中", "status: 暂停", 1), "utf-8")
    return len(spoiled)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="number of report files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--findings", type=float, default=0.1,
                        help="share of reports given a finding in the second repository")
    parser.add_argument("--check-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_child:
        check_child(*args.check_child)
        return
    print(f"rapidyaml {ryml.version}, PyYAML {yaml.__version__} (libyaml {yaml.__with_libyaml__}), "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="zwxt-parse-") as tmp:
        root, spoiled_root = Path(tmp) / "clean", Path(tmp) / "findings"
        build_repo(root, args.files)
        build_repo(spoiled_root, args.files)
        spoilt = spoil(spoiled_root, args.findings)
        repo, spoiled = Repository(root), Repository(spoiled_root)
        texts = [(root / rel).read_bytes() for rel in repo.report_files().files]
        clean, broken = check(repo, workers=1, cache=False), check(spoiled, workers=1, cache=False)
        rapidyaml.plain_values, zwxts = PUBLIC.plain_values, rapidyaml.plain_values  # type: ignore[assignment]
        same = (check(repo, workers=1, cache=False).diagnostics == clean.diagnostics
                and check(spoiled, workers=1, cache=False).diagnostics == broken.diagnostics)
        rapidyaml.plain_values = zwxts  # type: ignore[assignment]
        print(f"{len(texts)} report files, {sum(map(len, texts)) / 1e6:.1f} MB, median of {args.repeat} "
              f"interleaved runs; load average {os.getloadavg()[0]:.1f} at start")
        print(f"zwxt check: {len(clean.diagnostics)} findings; with {spoilt} reports ({args.findings:.0%}) "
              f"given a wrong status, {len(broken.diagnostics)}; the public variant's: "
              f"{'the same' if same else 'DIFFERENT'}")
        rows = rows_for(repo, spoiled, f"{args.findings:.0%}", texts)
        measure(rows, args.repeat)
        print(f"load average {os.getloadavg()[0]:.1f} at end\n")
        report(rows)


if __name__ == "__main__":
    main()
