"""The JSON Schemas agree with `zwxt check`, as a real client of them reads a file.

check-jsonschema stands for the editors. It reads YAML 1.2 with ruamel.yaml, as the YAML
language server reads it: `2018` is a number, `true` a boolean, `~` null, and `12,500` and
`2018-03-20` are text (it turns timestamps back into text). zwxt reads every scalar as text.
Every verdict of zwxt's comes from running `zwxt check` on a file; none is written here.

A schema decides what one value, seen alone after a loader has typed it, may be. It cannot see:
- a spelling the loader has read away: `1.0`, `1e0`, `0x1`, `+1`, `1_0` are numbers to it, equal
  to what `1` or `10` make, while zwxt takes only plain digits;
- what lies outside the file or across its fields: an unknown task (R304), an unregistered unit
  (R301), a completion date after the report's month (P004);
- what lies beneath the values: control and invisible characters (Y006), YAML tags (Y009, the
  loader applies them), a file's size (F005) and its encoding when the loader guesses it.
Those cases are in UNDECIDABLE with the reason, and the tests assert that the two disagree on
exactly those: a case the schemas learn to decide has to leave the list. A date such as
2018-02-30 or 1900-02-29 is decided, by the pattern of a real calendar day.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.test_broken_plan import BREAKAGES
from tests.cli.test_hostile import BROKEN_REPORTS
from tests.load.test_validation import HEADER, KEYS_WITHOUT_SPACE
from tests.parse.test_reader import BAD_INPUTS
from tests.parse.test_reader import PATH as BAD_INPUT_PATH
from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, run_cli
from zwxt.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]
JIANGMEN = ROOT / "tests" / "plans" / "jiangmen"
SCHEMAS = ROOT / "schemas"

# --- the two verdicts --------------------------------------------------------------------------


def _schema_of(rel: str) -> str:
    if rel.startswith("reports/"):
        return "report.schema.json"
    return "tasks.schema.json" if rel.endswith("tasks.yaml") else "units.schema.json"


# check-jsonschema as its console script runs it, with a stack of 1 MB: it overflows its stack on a
# file nested 60,000 deep whatever the stack, and with 1 MB does so in a second rather than in seven;
# no file it can read needs more. (Set in the child itself: preexec_fn is unsafe beside threads.)
_CLIENT = """\
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_STACK, (2**20, resource.getrlimit(resource.RLIMIT_STACK)[1]))
sys.argv[0] = "check-jsonschema"
runpy.run_module("check_jsonschema", run_name="__main__")
"""


def _accepted_by_schema(schema: str, files: list[Path]) -> dict[Path, bool]:
    """check-jsonschema's verdict on each file, under the committed schema (what editors read).

    A file it cannot read at all (a parse error, or the client failing on a file nested 60,000
    deep) is not accepted; when the client fails on one file of a batch, the batch is halved.
    """
    done = subprocess.run([sys.executable, "-c", _CLIENT, "--schemafile", str(SCHEMAS / schema),
                           "-o", "json", *map(str, files)], capture_output=True, text=True)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        if len(files) == 1:
            return {files[0]: False}
        half = len(files) // 2
        return {**_accepted_by_schema(schema, files[:half]), **_accepted_by_schema(schema, files[half:])}
    refused = {Path(e["filename"]) for e in report.get("errors", []) + report.get("parse_errors", [])}
    return {f: f not in refused for f in files}


# Files the client takes seconds over (the bomb) or fails on with a traceback or a crash (an alias
# into itself, 60,000 levels, a lone surrogate), each read on its own, beside the others.
READ_ALONE = {f"BAD_INPUTS: {case}" for case in [
    "alias bomb", "alias referring to its own anchor", "alias referring to its own anchor in a list",
    "60,000 nested brackets", "60,000 compact nested lists"]} | {"BROKEN_REPORTS: lone surrogate"}


def _schema_verdicts(files: dict[str, Path], root_of: dict[str, Path]) -> dict[str, bool]:
    """check-jsonschema's verdict on each named file, by the schema of its kind."""
    batches: dict[tuple[str, str], list[Path]] = {}
    for name, path in files.items():
        schema = _schema_of(path.relative_to(root_of[name]).as_posix())
        batches.setdefault((schema, name if name in READ_ALONE else ""), []).append(path)
    with ThreadPoolExecutor() as pool:
        results = pool.map(lambda batch: _accepted_by_schema(batch[0][0], batch[1]), batches.items())
        by_path = {path: ok for result in results for path, ok in result.items()}
    return {name: by_path[path] for name, path in files.items()}


def _refused_by_check(root: Path) -> set[str]:
    """The files of the repository at ``root`` in which `zwxt check` finds an error."""
    result = run_cli("--root", str(root), "check", "--format", "json")
    assert result.code in (0, 1), result.stderr
    return {d["path"] for d in json.loads(result.stdout) if d["severity"] == Severity.ERROR.value}


@dataclass(frozen=True)
class Case:
    """One file: where it stands in its repository, and its text."""

    rel: str
    text: str | bytes


def _verdicts(tmp_path: Path, cases: dict[str, Case], units: str, tasks_yaml: str,
              together: bool) -> dict[str, tuple[bool, bool]]:
    """(check accepts, schema accepts) for every case.

    ``together``: all cases in one repository, checked once (their paths differ); otherwise each
    in a repository of its own, its file replacing the plan's own where it is a data file.
    """
    files: dict[str, Path] = {}
    roots: dict[str, Path] = {}
    refused: set[str] = set()
    shared = tmp_path / "all" / "plan"
    for i, (name, case) in enumerate(cases.items()):
        root = shared if together else tmp_path / str(i) / "plan"
        repo = PlanRepo(root)
        repo.write("data/units.yaml", units)
        repo.write("data/tasks.yaml", tasks_yaml)
        (root / "reports").mkdir(exist_ok=True)
        files[name] = repo.write(case.rel, case.text)
        roots[name] = root
        if not together:
            refused |= {f"{i}/{p}" for p in _refused_by_check(root)}
    if together:
        refused = _refused_by_check(shared)
    by_schema = _schema_verdicts(files, roots)
    return {name: ((case.rel if together else f"{i}/{case.rel}") not in refused, by_schema[name])
            for i, (name, case) in enumerate(cases.items())}


def _assert_agreement(verdicts: dict[str, tuple[bool, bool]]) -> None:
    disagreeing = {name for name, (by_check, by_schema) in verdicts.items() if by_check != by_schema}
    assert {name: verdicts[name] for name in disagreeing - UNDECIDABLE.keys()} == {}, \
        "(check accepts, schema accepts): the schema can decide these; make it say what check does"
    # What the schema cannot decide it lets pass: no editor marks red a file that check accepts.
    assert {name for name in disagreeing if verdicts[name][0]} == set()
    stale = {name for name in UNDECIDABLE.keys() & verdicts.keys() if name not in disagreeing}
    assert stale == set(), "the two agree on these now: take them out of UNDECIDABLE"


# --- a small plan of the tests' own, and one report per value --------------------------------------

UNIT_COUNT = 160
CORPUS_UNITS = "units:\n" + "".join(f"  - name: 单位{i}\n    kind: 部门\n" for i in range(UNIT_COUNT)) + (
    "groups:\n  - name: 全体单位\n    members: [" + ", ".join(f"单位{i}" for i in range(UNIT_COUNT)) + "]\n")
CORPUS_TASKS = """\
plan:
  title: 测试方案
  subject: 政务信息系统整合共享
  region: 测试市
  aspects:
    - name: 共享
tasks:
  - id: 1
    text: 开放数据集。
    lead: [全体单位]
    deadline: 长期坚持
    aspect: 共享
    targets:
      - metric: 开放数据集
        target: 500
"""
# The fields of a report, as written when the case does not say otherwise.
FIELDS = {"unit": "", "month": "2999-12", "lead_office": "办公室", "date": "~", "progress": "推进顺利",
          "task": "1", "status": "推进中", "completed": "~", "metric": "312"}
REPORT = """\
unit: {unit}
month: {month}
lead_office: {lead_office}
date: {date}
progress: {progress}
tasks:
  - task: {task}
    status: {status}
    completed: {completed}
    metrics:
      开放数据集: {metric}
"""
FORTY_DIGITS = "0" * 39 + "1"
# field → values written after `field: `; a completion date is written with status 已完成.
VALUES = {
    "progress": ["2018", "推进顺利", "true", "1.5", ".nan", "0x1F", "2018-03-20", "~", "''", "[推进顺利]",
                 "{a: b}"],
    "lead_office": ["办公室", "2018", "true", "''", "' '", "~", "[办公室]"],
    "task": ["1", '"1"', "' 1 '", "01", "000001", "0000001", "1.0", "1e0", "0x1", "0o1", "+1", "1_0",
             "1.5", ".nan", ".inf", "0", "-1", "100001", "\uff11", "一", "true", "~", "[1]", "2", "!!int 1"],
    "status": ["推进中", "进行中", "' 推进中'", "~", "1"],
    "completed": ["2018-03-20", "'2018-03-20'", "' 2018-03-20 '", "2016-02-29", "2000-02-29", "2400-02-29",
                  "1900-02-29", "2100-02-29", "2018-02-29", "2018-02-28", "2018-02-30", "2018-04-31",
                  "2018-12-31", "2018-13-01", "2018-00-10", "3000-03-20", "1899-12-31", "1900-01-01",
                  "2018-3-20", "2018/03/20", "20180320", "2018-03-20 10:00", "２０１８-03-20",
                  "2018年3月20日", "~"],
    "metric": ["312", "12,500", "'12,500'", "12.5", "0", "1,000,000.25", "1,000,000,000,000", "1000000000000",
               "1000000000001", "1,000,000,000,001", "1000000000000.5", "1e3", "0x1F", "1_000", "+5", "-5",
               ".5", "5.", ".nan", ".inf", "1,2", "12,50", "312个", "【待填写】", "' 【待填写】 '", "~",
               "true", f"'{FORTY_DIGITS}'", f"'0{FORTY_DIGITS}'", "\uff10", "' 7 '", "[1]"],
    "date": ["2999-12-31", "2018-02-30", "2999-12"],
    "month": ["2999-13", "2999-1", "299912", "3000-01", "'2999-12'"],
}
# Cases of more than one field.
COMBINED = {
    "completed after the report's month": {"month": "2018-03", "status": "已完成", "completed": "2018-04-01"},
    "unknown unit": {"unit": "单位甲"},
}


def _report_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    written = [({field: value} | ({"status": "已完成"} if field == "completed" else {}), f"{field}: {value}")
               for field, values in VALUES.items() for value in values]
    written += [(fields, name) for name, fields in COMBINED.items()]
    for i, (fields, name) in enumerate(written):
        values = FIELDS | {"unit": f"单位{i}"} | fields
        folder = values["month"] if re.fullmatch(r"[0-9]{4}-[0-9]{2}", values["month"]) else "2999-12"
        cases[name] = Case(f"reports/{folder}/单位{i}.yaml", REPORT.format(**values))
    assert len(written) <= UNIT_COUNT
    return cases


def _data_cases() -> dict[str, Case]:
    """One data file per value, the other file as CORPUS_UNITS / CORPUS_TASKS write it."""
    tasks_values = {
        "id": ["1", "'1'", "1.0", "0x1", "0", "100001"],
        "target": ["500", "'500'", "12,500", "0", "0.5", "-5", "5_00", ".nan", "1e3", "1000000000001"],
        "notice_reply_days": ["5", "'5'", "60", "61", "0", "5.0", "05", "0005", "~"],
        "due": ["2018-03-31", "2018-02-29", "2999-12-31", "3000-01-31", "2018年3月31日"],
    }
    units_values = {"maintainers": ["[li@example.gov.cn]", "[李明@例子.中国]", "[李明]", "[a@b]", "~", "[~]"],
                    "kind": ["部门", "县", "~"]}
    cases: dict[str, Case] = {}
    for field, values in tasks_values.items():
        for value in values:
            if field == "due":
                text = CORPUS_TASKS.replace("    deadline: 长期坚持\n", f"    due: {value}\n")
            elif field == "notice_reply_days":
                text = CORPUS_TASKS.replace("  region: 测试市\n",
                                            f"  region: 测试市\n  notice_reply_days: {value}\n")
            else:
                old = {"id": "  - id: 1\n", "target": "        target: 500\n"}[field]
                text = CORPUS_TASKS.replace(old, old.replace(old.split(": ")[1].strip(), value))
            cases[f"{field}: {value}"] = Case("data/tasks.yaml", text)
    for field, values in units_values.items():
        for value in values:
            old = "  - name: 单位0\n    kind: 部门\n"
            cases[f"{field}: {value}"] = Case("data/units.yaml", CORPUS_UNITS.replace(
                old, old.replace("部门", value) if field == "kind" else old + f"    maintainers: {value}\n"))
    return cases


# --- where a schema cannot decide, and why -----------------------------------------------------------

SPELLING = "the loader reads the spelling away: to a schema it is a number that plain digits also make"
OUTSIDE = "a rule across files or fields, not a property of the value"
BENEATH = "beneath the values: the loader has applied or dropped it before a schema sees anything"
UNDECIDABLE = {
    **{f"task: {v}": SPELLING for v in ["1.0", "1e0", "0x1", "0o1", "+1", "1_0", "0000001"]},
    "task: !!int 1": BENEATH + " (a YAML tag, Y009)",
    "task: 2": OUTSIDE + " (no task 2 in the plan, R304)",
    **{f"metric: {v}": SPELLING for v in ["1e3", "0x1F", "1_000", "+5", ".5", "5."]},
    **{f"target: {v}": SPELLING for v in ["5_00", "1e3"]},
    **{f"id: {v}": SPELLING for v in ["1.0", "0x1"]},
    **{f"notice_reply_days: {v}": SPELLING for v in ["5.0", "0005"]},
    "completed after the report's month": OUTSIDE + " (P004)",
    "unknown unit": OUTSIDE + " (R301, and the file's name, R302)",
    # held-out bad files of other tests
    "BROKEN_REPORTS: C1 control": BENEATH + " (a control character, Y006)",
    "BROKEN_REPORTS: line separator": BENEATH + " (a line separator in text, Y006)",
    "BROKEN_REPORTS: tag": BENEATH + " (a YAML tag, Y009)",
    "BREAKAGES: unknown lead": OUTSIDE + " (R202)",
    "BREAKAGES: unreadable deadline": OUTSIDE + " (the deadline's wording, R203)",
}


# --- the tests ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bool, bool]]:
    return _verdicts(tmp_path_factory.mktemp("values"), _report_cases(), CORPUS_UNITS, CORPUS_TASKS,
                     together=True)


@pytest.mark.slow
def test_every_value_is_judged_alike_by_the_schema_and_by_check(
        report_verdicts: dict[str, tuple[bool, bool]]) -> None:
    _assert_agreement(report_verdicts)


def test_the_cases_the_issue_names_are_decided_as_check_decides(
        report_verdicts: dict[str, tuple[bool, bool]]) -> None:
    # issue #17: 开放数据集: 12,500, task: "6" and progress: 2018 were red in the editor;
    # `2018-02-30` and `3000-03-20` as completion dates and `.nan` as a figure were not.
    verdicts = report_verdicts
    assert {name: verdicts[name] for name in ["metric: 12,500", 'task: "1"', "progress: 2018"]} == {
        "metric: 12,500": (True, True), 'task: "1"': (True, True), "progress: 2018": (True, True)}
    refused = ["completed: 2018-02-30", "completed: 3000-03-20", "metric: .nan", "task: .nan"]
    assert {name: verdicts[name] for name in refused} == {
        "completed: 2018-02-30": (False, False), "completed: 3000-03-20": (False, False),
        "metric: .nan": (False, False), "task: .nan": (False, False)}


@pytest.mark.slow
def test_every_data_value_is_judged_alike(tmp_path: Path) -> None:
    _assert_agreement(_verdicts(tmp_path, _data_cases(), CORPUS_UNITS, CORPUS_TASKS, together=False))


def _held_out() -> dict[str, Case]:
    """The bad files other tests hold, each where its test puts it (in the plan of tests/support.py)."""
    cases = {f"BAD_INPUTS: {case}": Case(BAD_INPUT_PATH, text) for case, text, *_ in BAD_INPUTS}
    cases |= {f"BROKEN_REPORTS: {name}": Case("reports/2017-11/市审计局.yaml", raw)
              for name, raw in BROKEN_REPORTS.items()}
    data = {"data/tasks.yaml": TASKS_YAML, "data/units.yaml": UNITS_YAML}
    cases |= {f"BREAKAGES: {name}": Case(rel, data[rel].replace(old, new, 1))
              for name, (rel, old, new, _) in BREAKAGES.items()}
    cases |= {f"KEYS_WITHOUT_SPACE: {case}": Case("reports/2018-03/市审计局.yaml", HEADER + text)
              for case, text, *_ in KEYS_WITHOUT_SPACE}
    return cases


@pytest.mark.slow
def test_every_bad_file_held_by_the_tests_is_refused_alike(tmp_path: Path) -> None:
    verdicts = _verdicts(tmp_path, _held_out(), UNITS_YAML, TASKS_YAML, together=False)
    assert {name for name, (by_check, _) in verdicts.items() if by_check} == set()  # bad, as their tests say
    _assert_agreement(verdicts)


def _tree(root: Path) -> Iterable[Path]:
    return sorted([*root.glob("data/*.yaml"), *root.glob("reports/*/*.yaml")])


@pytest.mark.slow
@pytest.mark.parametrize("root", [ROOT, JIANGMEN], ids=["shipped demo", "tests/plans/jiangmen"])
def test_the_demo_plans_pass_the_schemas(root: Path, tmp_path: Path) -> None:
    # A corpus of valid files (read, never written): every file check accepts, the schema accepts.
    copy = tmp_path / "plan"
    for path in _tree(root):
        PlanRepo(copy).write(str(path.relative_to(root)), path.read_bytes())
    assert _refused_by_check(copy) == set()
    files = {str(p.relative_to(copy)): p for p in _tree(copy)}
    assert len(files) > 40
    verdicts = _schema_verdicts(files, dict.fromkeys(files, copy))
    assert {name for name, ok in verdicts.items() if not ok} == set()
