"""Benchmark: `zwxt import report` of 100 filled forms next to python-docx merely opening the same
100 files (goal: at most 2x). The forms are those `zwxt form` writes for the Jiangmen plan of
tests/plans, months 2018-01 to 2018-06, each filled as a clerk would (every 【待填写】 replaced);
the import reads, maps and validates them all through the load pipeline, writing nothing
(``dry_run``; the reports of those months exist, so ``force``). Run with `make bench` or
`.venv/bin/python bench/import_speed.py --forms 100`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zwxt.dates import Month  # noqa: E402
from zwxt.documents.form_docx import form_bytes  # noqa: E402
from zwxt.plan.report import PLACEHOLDER  # noqa: E402
from zwxt.services.form import month_forms  # noqa: E402
from zwxt.services.import_report import import_reports  # noqa: E402
from zwxt.store.repo import Repository  # noqa: E402


def filled_forms(repo: Repository, folder: Path, count: int) -> list[Path]:
    import docx

    files: list[Path] = []
    for number in range(1, 7):
        for form in month_forms(repo, Month(2018, number)):
            if len(files) == count:
                return files
            path = folder / f"{form.month}-{form.unit}.docx"
            path.write_bytes(form_bytes(form.sheet))
            document = docx.Document(str(path))
            for paragraph in document.paragraphs:
                if paragraph.text == PLACEHOLDER:
                    paragraph.runs[0].text = "本月按计划推进，召开专题会议1次。"
            for table in document.tables:
                metric_table = table.rows[0].cells[-1].text == "计量单位"
                for row in table.rows:
                    for cell in row.cells:
                        for t in cell._tc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
                            if t.text == PLACEHOLDER:
                                t.text = "1" if metric_table else "按计划推进。"
                            elif t.text == "未启动":
                                t.text = "推进中"
            document.save(str(path))
            files.append(path)
    return files


def median(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import docx

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plan"
        shutil.copytree(ROOT / "tests" / "plans" / "jiangmen", root)
        repo = Repository(root)
        files = filled_forms(repo, Path(tmp), args.forms)
        floor = median(lambda: [docx.Document(str(f)) for f in files], args.repeat)
        # (forms of months in a row, imported at once, may disagree with one another: the
        # findings are told like any others, and the work is the same)
        ours = median(lambda: import_reports(repo, files, dry_run=True, force=True), args.repeat)
    print(f"import report of {len(files)} filled forms {ours:.2f} s, python-docx opening them {floor:.2f} s: "
          f"{ours / floor:.2f}x (goal at most 2x)")


if __name__ == "__main__":
    main()
