"""Study: does a rapidyaml fast path read every file as zwxt's libyaml path does?

Companion of ``bench/parse_alternatives.py``. Runs a corpus through zwxt's ``read_yaml`` without
positions on libyaml's path alone (the reference), through rapidyaml alone (parse, then zwxt's
walk into values), and through ``read_yaml`` as it is (rapidyaml, leaving to libyaml what it
leaves aside), whose values and findings must be the reference's. The corpus: tricky YAML
written here (YAML 1.1 look-alikes, block and quoted scalars, anchors, tags, duplicate keys,
tabs, BOM, CRLF, long lines, several documents, flow collections, escapes, comments...), every
bad input of tests/parse/test_reader.py, the YAML files of this repository, and ``--fuzz``
random edits of a synthetic report. Every case runs in a child process, so that a crash (a
signal, an abort) is reported as such instead of ending the run.

    .venv/bin/python bench/parse_correctness.py            # the table of every case
    .venv/bin/python bench/parse_correctness.py --fuzz 5000 --only-differences

A case "differs" when the values or the findings (code, line, column, message) are not
exactly zwxt's.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PATH = "reports/2018-03/市审计局.yaml"


def tricky() -> list[tuple[str, str | bytes]]:
    """(name, file) pairs: what YAML parsers are known to disagree on."""
    long_key = "键" * 1100
    return [
        ("YAML 1.1 booleans", "a: no\nb: yes\nc: on\nd: off\ne: y\nf: n\ng: True\nh: FALSE\n"),
        ("null words", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"~\"\nh: nULL\n"),
        ("null words in a list", "- ~\n- null\n- ''\n-\n- x\n"),
        ("numbers", "a: 010\nb: 0o10\nc: 0x1F\nd: .5\ne: 1e3\nf: 1_000\ng: +12\nh: -.inf\ni: .NaN\n"),
        ("sexagesimal", "a: 1:20\nb: 190:20:30\nc: 10:30\n"),
        ("dates", "a: 2018-03-31\nb: 2018-03-31T10:00:00Z\nc: 2018-3-1\n"),
        ("single quotes", "a: 'it''s'\nb: ''\nc: '  spaced  '\nd: '# not a comment'\n"),
        ("double-quote escapes",
         'a: "x\\"y\\\\z"\nb: "tab\\tnl\\n"\nc: "\\u00e9\\U0001F600\\x41"\nd: "\\/"\n'),
        ("double-quote YAML escapes", 'a: "\\_"\nb: "\\0"\nc: "\\e"\n'),
        ("lone surrogate escape", 'a: "\\ud800"\n'),
        ("bad \\u escape", 'a: "\\uZZZZ"\n'),
        ("unknown escape", 'a: "\\q"\n'),
        ("multi-line double quotes", 'a: "first\n  second\n\n  third"\nb: x\n'),
        ("multi-line single quotes", "a: 'first\n  second\n\n  third'\nb: x\n"),
        ("escaped line break in double quotes", 'a: "first \\\n  second"\n'),
        ("literal block", "a: |\n  line1\n  line2\nb: x\n"),
        ("literal block, strip", "a: |-\n  line1\n  line2\n\nb: x\n"),
        ("literal block, keep", "a: |+\n  line1\n\n\nb: x\n"),
        ("literal block at the end, no newline", "a: |\n  line1"),
        ("literal block, indentation indicator", "a: |2\n    indented\n  base\n"),
        ("literal block, leading blank lines", "a: |\n\n\n  text\n"),
        ("literal block, more-indented lines", "a: |\n  x\n    y\n  z\n"),
        ("literal block, empty", "a: |\nb: x\n"),
        ("folded block", "a: >\n  one\n  two\n\n  three\n    more\n  four\nb: x\n"),
        ("folded block, strip", "a: >-\n  one\n  two\n"),
        ("folded block, blank and more-indented lines", "a: >\n  a\n\n    b\n\n  c\n\n\nb: x\n"),
        ("folded block, leading blank line", "a: >\n\n  x\n  y\n"),
        ("folded Chinese lines", "a: >\n  第一行\n  第二行\n"),
        ("literal block, keep, at the end", "a: |+\n  x\n\n"),
        ("literal block, strip, trailing blank lines", "a: |-\n  x\n\n\n"),
        ("literal block, trailing spaces", "a: |\n  x  \n  y\n"),
        ("literal block then a comment", "a: |\n  x\n# c\nb: y\n"),
        ("literal block with a # line", "a: |\n  # not a comment\n  x\n"),
        ("literal block in a list", "- |\n  x\n- >\n  y\n  z\n"),
        ("plain text with trailing spaces on lines", "a: x  \n  y  \n"),
        ("double quotes with trailing spaces before a break", 'a: "x  \n  y"\n'),
        ("single quotes with blank lines", "a: 'x\n\n\n  y'\n"),
        ("block with a Chinese paragraph", "progress: |\n  第一段。\n\n  第二段：完成 95%。\n"),
        ("multi-line plain scalar", "a: first\n  second\n\n  third\nb: x\n"),
        ("multi-line plain list item", "- first\n  second\n- x\n"),
        ("plain with # inside", "a: b#c\nb: b # c\nc: 'x' # c\n"),
        ("comments everywhere", "# head\na: 1 # tail\n# mid\nb:\n  # inside\n  - x # t\n  # end\n"),
        ("colons in plain text", "a: 10:30\nb: http://x/y\nc: a:b\nd: 备注：完成\n"),
        ("percent, at and backquote inside text", "a: 完成率 95%\nb: 邮件 x@y.cn\nc: 用 `x` 表示\n"),
        ("text starting with %", "a: 95% 完成\n"),
        ("text starting with @", "a: @所有人\n"),
        ("text starting with `", "a: `x`\n"),
        ("text starting with - and no space", "a: -x\nb: -\n"),
        ("text starting with ? and no space", "a: ?x\n"),
        ("text starting with :", "a: :x\n"),
        ("text starting with ,", "a: ,x\n"),
        ("text starting with ] or }", "a: }\nb:\n  - ]\n"),
        ("@ and ` starting text in flow", "a: [@x]\nb: [x, `y`]\nc: {d: @e}\n"),
        # libyaml refuses a colon in plain text inside brackets and braces; rapidyaml reads on
        ("colon ending a flow item", "a: [x:]\n"),
        ("colon ending a flow key", "a: {x:}\n"),
        ("colon before a space in a flow item", "a: [x :]\n"),
        ("colons inside flow items", "a: [a:b]\nb: [12:30]\nc: [http://x]\n"),
        ("colons inside flow values", "a: {x: a:b}\nb: {x: 10:30}\nc: {b: [c:d]}\n"),
        ("an empty flow value", "a: {带宽: 100, 出口:}\n"),
        ("a flow mapping with a colon in a value",
         "- {name: 市审计局, kind: 部门, lead_office: 计算机审计科:李明, maintainers: [a@b.cn]}\n"),
        ("question marks in flow text", "a: [a?b]\nb: {k: a ?b}\nc: {a? b: v}\nd: [?a]\ne: {?a: v}\n"),
        ("a comment sign in a flow value", "a: {k: a #b}\n"),
        ("a flow key whose colon is on the next line", "x: {a\n  : v}\n"),
        ("a flow value over lines", "x: {k: a\n\n  }\ny: [a,\n  b]\n"),
        ("flow pairs that libyaml reads", "a: [b: ]\nb: [x: y]\nc: {x, y}\nd: { b }\ne: [? x]\nf: {? x}\n"),
        ("@ starting a key", "@key: v\n"),
        ("@ starting a continuation line", "a: x\n  @y\n"),
        ("| and > inside text", "a: x|y\nb: x>y\n"),
        ("empty flow list as in the report template", "unit: a\ntasks: []\n"),
        ("text with ... and ---", "a: 完成了...\nb: x---y\nc: 一 --- 二\n"),
        ("block sequence as a value", "a: - x\n"),
        ("sequence at the key's indentation", "a:\n- x\n- y\nb: 1\n"),
        ("nested sequences", "- - a\n  - b\n- c\n"),
        ("compact mappings in a sequence", "- a: 1\n  b: 2\n- c: 3\n"),
        ("key with spaces and Chinese", "开放 数据集: 1\n'引号 键': 2\n\"双引号\": 3\n"),
        ("empty key", ": v\n"),
        ("quoted empty keys", "'': v\n\"\": w\n"),
        ("key without value then a sibling", "a:\nb: 1\n"),
        ("anchor and alias", "a: &x 1\nb: *x\n"),
        ("anchor on a mapping", "a: &x\n  k: v\nb: *x\n"),
        ("merge key", "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n"),
        ("merge key without an alias", "d:\n  <<: {x: 1}\n  y: 2\n"),
        ("ampersand and star inside text", "a: A&B\nb: 2*3\n"),
        ("tag !!int", "a: !!int 3\n"),
        ("tag !!str", "a: !!str 3\n"),
        ("local tag", "a: !custom x\n"),
        ("bang inside text", "a: 好!\n"),
        ("duplicate keys", "a: 1\na: 2\n"),
        ("duplicate nested keys", "m:\n  a: 1\n  b: 2\n  a: 3\n"),
        ("duplicate keys in flow", "m: {a: 1, a: 2}\n"),
        ("duplicate keys, one quoted", "a: 1\n'a': 2\n"),
        ("tab indentation", "a:\n\tb: 1\n"),
        ("tab inside a value", "a: x\ty\n"),
        ("tab after a colon", "a:\tb\nc: d\n"),
        ("tab before a comment", "a: b\t# c\n"),
        ("tab inside block text", "a: |\n  x\ty\n"),
        ("tab indenting block text", "a: |\n\tx\n"),
        ("line of only a tab", "a: 1\n\t\nb: 2\n"),
        ("tab after a dash", "-\tx\n"),
        ("tab after a dash in a mapping", "a:\n  -\tx\n"),
        ("BOM", "\ufeffa: 1\n"),
        ("BOM inside", "a: 1\n\ufeffb: 2\n"),
        ("invalid UTF-8", b"a: \xff\xfe\n"),
        ("GBK", "unit: 市审计局\n".encode("gbk")),
        ("NUL byte", b"a: 1\n\x00\n"),
        ("CRLF", "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 'p\r\n  q'\r\n"),
        ("CR only", "a: 1\rb: 2\r"),
        ("very long line", "a: " + "长" * 30_000 + "\n"),
        ("very long key", long_key + ": v\n"),
        ("very long quoted key", f'"{long_key}": v\n'),
        ("key of 600 characters", "键" * 600 + ": v\n"),
        ("long key of '' escapes", "'" + "''" * 520 + "': v\n"),
        ("multi-line quoted key", '"a\n b": c\n'),
        ("multi-line plain key", "a\n b: c\n"),
        ("empty file", ""),
        ("only a comment", "# 月报\n"),
        ("only a document start", "---\n"),
        ("document start and end", "---\n...\n"),
        ("only a null", "~\n"),
        ("top-level text", "只有一段文字\n"),
        ("top-level sequence", "- a\n- b\n"),
        ("document start then content", "---\na: 1\n"),
        ("document start with content", "--- {a: 1}\n"),
        ("document end after content", "a: 1\n...\n"),
        ("two documents", "a: 1\n---\nb: 2\n"),
        ("two documents, the second empty", "a: 1\n---\n"),
        ("document end then more", "a: 1\n...\nb: 2\n"),
        ("directive %YAML 1.2", "%YAML 1.2\n---\na: 1\n"),
        ("directive %YAML 1.1", "%YAML 1.1\n---\na: 1\n"),
        ("directive %TAG", "%TAG ! tag:x,2000:\n---\na: 1\n"),
        ("flow collections", "a: [1, 2, {b: c}]\nd: {e: [x, y], f: ~}\n"),
        ("top-level flow mapping", "{a: 1, b: [x]}\n"),
        ("multi-line flow", "a: [\n  x,\n  y\n]\n"),
        ("flow with a trailing comma", "a: [x, y, ]\nb: {c: 1, }\n"),
        ("empty flow collections", "a: []\nb: {}\n"),
        ("flow plain with spaces", "a: [甲 乙, 丙]\n"),
        ("single-pair mapping in a flow sequence", "a: [b: c, d]\n"),
        ("flow mapping keys without values", "a: {b, c}\n"),
        ("flow with quoted items", "a: ['x, y', \"z]\"]\n"),
        ("unclosed flow", "a: [x, y\nb: 1\n"),
        ("explicit key", "? a\n: b\n"),
        ("flow sequence as a key", "[a, b]: c\n"),
        ("flow mapping as a key", "{a: 1}: c\n"),
        ("key in the middle of a line", "a: b: c\n"),
        ("unindented continuation", "a:\n  b: 1\n c: 2\n"),
        ("trailing spaces", "a: x   \nb:   \n"),
        ("document marker inside block text", "a: |\n  x\n---\n"),
        ("quoted text with a document marker", "a: 'x\n---\n  y'\n"),
        ("deep flow nesting, 64", "a: " + "[" * 63 + "x" + "]" * 63 + "\n"),
        ("deep flow nesting, 65", "a: " + "[" * 65 + "x" + "]" * 65 + "\n"),
        ("deep block nesting, 70", "".join(" " * i + "k:\n" for i in range(70)) + " " * 70 + "k: v\n"),
        ("100,000 nested brackets", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("40,000 compact nested lists", "- " * 40_000 + "x\n"),
        ("many keys", "".join(f"k{i}: v\n" for i in range(20_000))),
        ("billion laughs", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"),
        ("alias to itself", "a: &x\n  b: *x\n"),
        ("undefined alias", "a: *nowhere\n"),
        ("full-width colon", "unit: 市审计局\nstatus：推进中\n"),
        ("full-width space indentation", "plans:\n\u3000\u3000key_tasks: 完成\n"),
        ("no space after a colon", "unit:市审计局\nmonth: 2018-03\n"),
        ("control character", "a: x\x07\n"),
        ("zero-width space", "a: 办\u200b公\n"),
    ]


def corpus() -> list[tuple[str, bytes]]:
    cases = [(f"tricky: {name}", text if isinstance(text, bytes) else text.encode("utf-8"))
             for name, text in tricky()]
    sys.path.insert(0, str(ROOT))
    from tests.parse import test_reader as t

    cases += [(f"tests BAD_INPUTS: {c[0]}", c[1].encode("utf-8")) for c in t.BAD_INPUTS]
    cases += [(f"tests COLONS_IN_TEXT: {c[0]}", c[1].encode("utf-8")) for c in t.COLONS_IN_TEXT]
    cases += [(f"tests FILE_PROBLEMS: {c[0]}", c[1]) for c in t.FILE_PROBLEMS]
    cases.append(("tests NESTED", t.NESTED.encode("utf-8")))
    for path in sorted(ROOT.glob("**/*.yaml")) + sorted(ROOT.glob("**/*.yml")):
        if not any(part.startswith(".") for part in path.relative_to(ROOT).parts):
            cases.append((f"file: {path.relative_to(ROOT)}", path.read_bytes()))
    return cases


# ---- random edits of a valid report ------------------------------------------------------

ALPHABET = list(":- \n'\"#[]{},|>?&*!%@`\t~\\") + ["：", "\u3000", "  ", "\n  ", "\n- "]
# Without the characters of the fallback triggers, so that edits reach rapidyaml more often.
QUIET_ALPHABET = [c for c in ALPHABET if c not in ("\t", "!", "\\", "\u3000")]
QUIET_ALPHABET += ["- ", ": ", "'", '"', "@", "]"]


def mutations(count: int, seed: int, alphabet: list[str], base: str | None = None) -> list[tuple[str, bytes]]:
    """``count`` random edits of ``base``, by default a report of the benchmark's."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT / "src"))
    from check_speed import report

    from zwxt.dates import Month

    rng = random.Random(seed)
    if base is None:
        base = report("测试部门0001", Month(2018, 3))
    cases = []
    for n in range(count):
        text = base
        for _ in range(rng.randint(1, 3)):
            text = _edit(rng, text, alphabet)
        cases.append((f"fuzz #{n}", text.encode("utf-8")))
    return cases


def _edit(rng: random.Random, text: str, alphabet: list[str]) -> str:
    lines = text.split("\n")
    row = rng.randrange(len(lines))
    line = lines[row]
    kind = rng.randrange(6)
    at = rng.randint(0, len(line))
    if kind == 0:  # insert a significant character
        lines[row] = line[:at] + rng.choice(alphabet) + line[at:]
    elif kind == 1 and line:  # delete one
        at = min(at, len(line) - 1)
        lines[row] = line[:at] + line[at + 1:]
    elif kind == 2 and line:  # replace one
        at = min(at, len(line) - 1)
        lines[row] = line[:at] + rng.choice(alphabet) + line[at + 1:]
    elif kind == 3:  # indent or outdent
        lines[row] = (" " * rng.randint(1, 3) + line) if rng.random() < 0.5 else line[rng.randint(1, 3):]
    elif kind == 4:  # duplicate a line (duplicate keys)
        lines.insert(row, line)
    else:  # drop a line
        del lines[row]
    return "\n".join(lines)


# ---- one case, in the child --------------------------------------------------------------

def _describe(parsed: Any) -> dict[str, Any]:
    return {"data": parsed.data,
            "findings": [[d.code, d.line, d.column, d.message] for d in parsed.diagnostics]}


def run_case(raw: bytes) -> dict[str, Any]:
    import ryml
    from parse_alternatives import Unusual, ryml_tree, ryml_values

    from zwxt.parse import rapidyaml as fastyaml
    from zwxt.parse import read_yaml

    fast = fastyaml.plain_values
    fastyaml.plain_values = lambda text: None  # the reference: libyaml's path alone
    zwxt = _describe(read_yaml(PATH, raw, locate=False))
    given: list[Any] = []
    fastyaml.plain_values = lambda text: given.append(fast(text)) or given[-1]
    ours = _describe(read_yaml(PATH, raw, locate=False))
    fastyaml.plain_values = fast
    out: dict[str, Any] = {"zwxt": zwxt, "fast": "same" if ours == zwxt else ours,
                           "fast_path": "ryml" if given and given[-1] is not None else
                           "libyaml" if given else "checks"}
    try:
        tree = ryml_tree(raw)
    except ryml.ExceptionParse as exc:
        where = exc.errdata_parse.ymlloc
        out["ryml"] = f"error {where.line}:{where.col} {exc.msg}"
    except ryml.ExceptionBasic as exc:
        out["ryml"] = f"error {exc.msg}"
    else:
        try:
            out["ryml"] = {"data": ryml_values(tree, raw.endswith(b"\n"))}
        except UnicodeDecodeError:
            out["ryml"] = "parsed, text not UTF-8"
        except Unusual:
            out["ryml"] = f"parsed, left aside: root {tree.type_str(tree.root_id())}"
        except RecursionError:
            out["ryml"] = "parsed, walk: RecursionError"
    return out


def child() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    sys.setrecursionlimit(10_000)
    for line in sys.stdin:
        raw = base64.b64decode(line)
        print(json.dumps(run_case(raw), ensure_ascii=False), flush=True)


class Child:
    """A child process answering one case per line; restarted when a case kills it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def ask(self, raw: bytes) -> dict[str, Any]:
        if self.process is None:
            self.process = subprocess.Popen([sys.executable, __file__, "--child"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(base64.b64encode(raw).decode() + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if answer:
            result: dict[str, Any] = json.loads(answer)
            return result
        code = self.process.wait()
        self.process = None
        return {"crash": f"child died: {'signal ' + str(-code) if code < 0 else 'exit ' + str(code)}"}

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
            self.process.wait()


def short(value: Any, limit: int = 90) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def zwxt_summary(result: dict[str, Any]) -> str:
    findings = result["zwxt"]["findings"]
    if findings:
        return " ".join(f"{f[0]}@{f[1]}:{f[2]}" for f in findings[:2]) + (" …" if len(findings) > 2 else "")
    return "values " + short(result["zwxt"]["data"], 60)


def ryml_summary(result: dict[str, Any]) -> str:
    ryml = result["ryml"]
    if isinstance(ryml, str):
        return ryml
    return "same values" if ryml["data"] == result["zwxt"]["data"] else "values " + short(ryml["data"], 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fuzz", type=int, default=2000, help="random edits of a report to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet-edits", action="store_true",
                        help="edit with characters that do not send the file to libyaml at once")
    parser.add_argument("--only-differences", action="store_true", help="list only cases that differ")
    args = parser.parse_args()
    if args.child:
        child()
        return
    cases = corpus() + mutations(args.fuzz, args.seed, QUIET_ALPHABET if args.quiet_edits else ALPHABET)
    worker = Child()
    tally: Counter[str] = Counter()
    paths: Counter[str] = Counter()
    print("| case | zwxt (libyaml) | rapidyaml alone | read_yaml as it is |")
    print("|---|---|---|---|")
    try:
        for name, raw in cases:
            result = worker.ask(raw)
            fuzz = name.startswith("fuzz")
            if "crash" in result:
                tally["crash"] += 1
                print(f"| {name} | | **{result['crash']}** | |")
                continue
            same = result["fast"] == "same"
            tally["read_yaml: same" if same else "read_yaml: DIFFERS"] += 1
            paths[("fuzz " if fuzz else "corpus ") + result["fast_path"]] += 1
            if same and (args.only_differences or fuzz):
                continue
            print(f"| {name} | {short(zwxt_summary(result))} | {short(ryml_summary(result))} | "
                  f"{'same' if same else '**differs**: ' + short(result['fast'])} |")
    finally:
        worker.close()
    kind = "quiet " if args.quiet_edits else ""
    print(f"\n{len(cases)} cases ({args.fuzz} random {kind}edits, seed {args.seed}): "
          + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    print("read by: " + ", ".join(f"{k} {v}" for k, v in sorted(paths.items())))


if __name__ == "__main__":
    main()
