"""Hostile files in a plan repository: read only inside it, written only inside it, and every
mistake a located finding that every command treats the same way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("root: x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return folder


def test_a_report_linked_to_a_file_outside_is_not_read(plan_repo: PlanRepo, outside: Path) -> None:
    (plan_repo.root / "reports/2017-11").mkdir()
    (plan_repo.root / "reports/2017-11/市审计局.yaml").symlink_to(outside / "secret.txt")
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11/市审计局.yaml:1:1 F001" in result.stdout
    assert "符号链接" in result.stdout
    assert "root" not in result.stdout  # what it points to is never quoted


def test_a_report_linked_within_the_repository_is_read(plan_repo: PlanRepo) -> None:
    real = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "reports/2017-11/审计局.yaml").symlink_to(real)
    result = run_cli("check")
    assert "F001" not in result.stdout
    assert "R306" in result.stdout  # the same report twice is a duplicate, as a copy would be


def test_a_data_file_linked_outside_stops_every_command(plan_repo: PlanRepo, outside: Path) -> None:
    (outside / "units.yaml").write_text((plan_repo.root / "data/units.yaml").read_text("utf-8"), "utf-8")
    (plan_repo.root / "data/units.yaml").unlink()
    (plan_repo.root / "data/units.yaml").symlink_to(outside / "units.yaml")
    for args in (["check"], ["status"], ["report", "new", "--unit", "市审计局", "--month", "2017-11"]):
        result = run_cli(*args)
        assert result.code == 1, (args, result.stderr)
        assert "data/units.yaml:1:1 F001" in result.stdout + result.stderr


def test_a_month_folder_linked_outside_is_named_and_never_written(plan_repo: PlanRepo,
                                                                  outside: Path) -> None:
    plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "reports/2017-12").symlink_to(outside, target_is_directory=True)
    before = sorted(outside.iterdir())
    check = run_cli("check")
    assert check.code == 1
    assert "reports/2017-12:1:1 F001" in check.stdout and "符号链接" in check.stdout
    new = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-12")
    assert new.code == 2, new.stderr
    assert "符号链接" in new.stderr and "Traceback" not in new.stderr
    assert sorted(outside.iterdir()) == before


def test_reports_linked_outside_as_a_whole_is_named(plan_repo: PlanRepo, outside: Path) -> None:
    (plan_repo.root / "reports").rmdir()
    (plan_repo.root / "reports").symlink_to(outside, target_is_directory=True)
    result = run_cli("check")
    assert result.code == 1
    assert "reports:1:1 F001" in result.stdout


def test_render_never_writes_through_a_linked_output_folder(plan_repo: PlanRepo, outside: Path) -> None:
    report = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "output").symlink_to(outside, target_is_directory=True)
    result = run_cli("render", str(report), "-f", "md")
    assert result.code == 2, result.stderr
    assert "符号链接" in result.stderr
    assert sorted(p.name for p in outside.rglob("*")) == ["secret.txt"]


def test_render_may_write_where_it_is_told(plan_repo: PlanRepo, outside: Path) -> None:
    report = plan_repo.report("2017-11", "市审计局")
    result = run_cli("render", str(report), "-f", "md", "-o", str(outside))
    assert result.code == 0, result.stderr
    assert (outside / "市审计局.md").is_file()


# --- many findings in one file ----------------------------------------------------------------

def test_a_file_full_of_mistakes_lists_a_few_and_counts_the_rest(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局", extra="progress: 完成" + "\x01" * 50_000 + "\n")
    result = run_cli("check")
    assert result.code == 1
    assert result.stdout.count(" Y006 ") == 21
    assert "另有 49980 处同类问题（Y006）" in result.stdout
    assert "发现 50000 个错误" in result.stdout
    left_out = run_cli("status", "--as-of", "2017-11-30")
    assert "reports/2017-11/市审计局.yaml:4:13 Y006" in left_out.stderr
    assert "共 50000 个错误" in left_out.stderr


def test_thousands_of_unknown_keys_are_capped_too(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局", extra="".join(f"k{i}: x\n" for i in range(5000)))
    result = run_cli("check", "--format", "json")
    assert result.code == 1
    import json

    found = json.loads(result.stdout)
    assert len(found) == 21
    assert found[-1]["hidden"] == 4979 and found[-1]["code"] == "S002"


# --- values that parse but are absurd ---------------------------------------------------------

COMMANDS = [["check"], ["status", "--as-of", "2018-03-31"], ["status", "--month", "2018-03"],
            ["render", "--month", "2017-11", "-f", "md"], ["render", "--month", "2017-11", "--summary"],
            ["report", "new", "--unit", "市公安局", "--month", "2017-12"]]


@pytest.mark.parametrize(("old", "new", "where"), [
    ("due: 2018-03-31", "due: 3000-01-31", "data/tasks.yaml:22:10 S005"),
    ("deadline: 2018年12月底前", "deadline: 3000年12月底前", "data/tasks.yaml:33:15 R203"),
    ("  - id: 5", "  - id: 1_2", "data/tasks.yaml:39:9 S003"),
    ("target: 500", "target: 5_00", "data/tasks.yaml:37:17 S003"),
])
def test_an_absurd_value_in_the_plan_stops_every_command_the_same_way(
        plan_repo: PlanRepo, old: str, new: str, where: str) -> None:
    plan_repo.report("2017-11", "市审计局")
    tasks = plan_repo.root / "data/tasks.yaml"
    text = tasks.read_text("utf-8")
    assert old in text
    tasks.write_text(text.replace(old, new), "utf-8")
    for args in COMMANDS:
        result = run_cli(*args)
        assert result.code == 1, (args, result.stdout, result.stderr)
        assert where in result.stdout + result.stderr, (args, result.stdout, result.stderr)
    assert not (plan_repo.root / "output").exists()
    assert not (plan_repo.root / "reports/2017-12").exists()


@pytest.mark.parametrize(("entry", "where"), [
    ("- task: 1\n  status: 已完成\n  completed: 0001-01-01\n", "7:16 S005"),
    ("- task: 1\n  status: 已完成\n  completed: \uff12\uff10\uff11\uff17-11-20\n", "7:16 S005"),
    ("- task: 1_2\n  status: 推进中\n", "5:11 S003"),
    ("- task: 6.0\n  status: 推进中\n", "5:11 S003"),
    ("- task: !!int 1\n  status: 推进中\n", "5:11 Y009"),
])
def test_an_absurd_value_in_a_report_is_a_located_error(plan_repo: PlanRepo, entry: str, where: str) -> None:
    plan_repo.report("2017-11", "市审计局", tasks=entry)
    result = run_cli("check")
    assert result.code == 1
    assert f"reports/2017-11/市审计局.yaml:{where}" in result.stdout
    for args in COMMANDS[1:]:
        other = run_cli(*args)
        assert other.code in (0, 1) and "内部错误" not in other.stderr, (args, other.stderr)


def test_a_plan_reaching_the_last_year_works_to_its_end(plan_repo: PlanRepo) -> None:
    tasks = plan_repo.root / "data/tasks.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace(
        "deadline: 2018年 3月底前\n    due: 2018-03-31",
        "deadline: 2999年12月底前\n    due: 2999-12-31"), "utf-8")
    assert run_cli("check").code == 0
    for args in (["status", "--as-of", "2999-12-31"], ["status", "--month", "2999-12"],
                 ["report", "new", "--unit", "市公安局", "--month", "2999-12"]):
        result = run_cli(*args)
        assert result.code == 0, (args, result.stderr)


# --- every command on every kind of broken report ------------------------------------------------

BROKEN_REPORTS = {
    "C1 control": "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公\x85室\n".encode(),
    "line separator": "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公\u2028室\n".encode(),
    "UTF-32": "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n".encode("utf-32-le"),
    "UTF-16": "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n".encode("utf-16-be"),
    "GBK": "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n".encode("gbk"),
    "tag": "unit: 市审计局\nmonth: !!str 2017-11\nlead_office: 办公室\n".encode(),
    "YAML version": "%YAML 2.0\n---\nunit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n".encode(),
    "only a null": b"~\n",
    "lone surrogate": 'unit: "\\udc00"\nmonth: 2017-11\nlead_office: 办公室\n'.encode(),
    "too big": b"unit: " + b"x" * 300_000 + b"\n",
    "CR only": "unit: 市审计局\rmonth: 2017-11\rlead_office: [\r".encode(),
}


@pytest.mark.parametrize("name", list(BROKEN_REPORTS))
def test_every_command_treats_a_broken_report_the_same_way(plan_repo: PlanRepo, name: str) -> None:
    path = plan_repo.write("reports/2017-11/市审计局.yaml", BROKEN_REPORTS[name])
    check = run_cli("check")
    assert check.code == 1, check.stdout
    assert "reports/2017-11/市审计局.yaml:" in check.stdout
    located = next(line.split(" ")[0] for line in check.stdout.splitlines()
                   if line.startswith("reports/2017-11/市审计局.yaml:"))
    for args in (["status", "--as-of", "2017-11-30"], ["status", "--month", "2017-11"],
                 ["report", "new", "--unit", "市审计局", "--month", "2017-12"],
                 ["render", "--month", "2017-11", "--summary", "-f", "md"]):
        result = run_cli(*args)
        assert result.code == 0, (args, result.stderr)
        assert located in result.stderr, (args, result.stderr)  # left out, and said where
    refused = run_cli("render", str(path), "-f", "md")
    assert refused.code == 1 and located in refused.stdout + refused.stderr
    assert path.read_bytes() == BROKEN_REPORTS[name]


# --- folders and files that cannot be read ----------------------------------------------------------

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.skipif(AS_ROOT, reason="root reads any folder")
def test_an_unreadable_month_folder_is_a_finding_not_a_pass(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    folder = plan_repo.root / "reports/2017-11"
    folder.chmod(0)
    try:
        result = run_cli("check")
    finally:
        folder.chmod(0o755)
    assert result.code == 1
    assert "reports/2017-11:1:1 F001" in result.stdout


def test_a_folder_the_walk_cannot_list_is_named(plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads every folder, so here the file system's refusal is made to happen.
    plan_repo.report("2017-11", "市审计局")
    refused = plan_repo.root / "reports/2017-11"
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("check")
    assert result.code == 1
    assert "reports/2017-11:1:1 F001" in result.stdout and "检查通过" not in result.stdout


def test_a_data_file_that_cannot_be_read_stops_report_new_with_its_reason(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "data/units.yaml").unlink()
    (plan_repo.root / "data/units.yaml").mkdir()
    result = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-11")
    assert result.code == 1
    assert "data/units.yaml:1:1 F001" in result.stdout + result.stderr
    assert "没有名为" not in result.stderr


# --- the real process: exit codes and no traceback -------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.mark.parametrize("breakage", ["c1 in units", "link out", "many findings", "tag in tasks"])
def test_the_process_exits_with_a_code_and_no_traceback(plan_repo: PlanRepo, outside: Path,
                                                        breakage: str) -> None:
    import subprocess
    import sys

    plan_repo.report("2017-11", "市审计局")
    units = plan_repo.root / "data/units.yaml"
    tasks = plan_repo.root / "data/tasks.yaml"
    if breakage == "c1 in units":
        units.write_text(units.read_text("utf-8").replace("电子政务科", "电子\x9a政务科"), "utf-8")
    elif breakage == "link out":
        (plan_repo.root / "reports/2017-11/台山市.yaml").symlink_to(outside / "secret.txt")
    elif breakage == "many findings":
        plan_repo.write("reports/2017-11/台山市.yaml", "unit: 台山市\n" + "x: 1\n" * 30_000)
    else:
        tasks.write_text(tasks.read_text("utf-8").replace("id: 3", "id: !!int 3"), "utf-8")
    expected = 1
    for args in (["check"], ["status", "--as-of", "2017-11-30"], ["render", "--month", "2017-11"]):
        done = subprocess.run([sys.executable, "-m", "zwxt", *args], cwd=plan_repo.root, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True)
        output = done.stdout + done.stderr
        assert "Traceback" not in output and "内部错误" not in output, output
        assert done.returncode in (0, 1), (args, done.returncode, output)
        if args == ["check"]:
            assert done.returncode == expected, output
            assert len(output.splitlines()) < 100, "findings past the cap are counted, not listed"


@pytest.mark.parametrize("name", ["市审计局", "市审计局.json", "市审计局.txt", "审计局.yaml.txt"])
def test_a_file_named_after_a_unit_but_not_yaml_is_said(plan_repo: PlanRepo, name: str) -> None:
    plan_repo.write(f"reports/2017-11/{name}", "unit: 市审计局\nmonth: 2017-11\nlead_office: 办公室\n")
    plan_repo.write("reports/2017-11/说明.txt", "本月说明\n")
    plan_repo.write("reports/2017-11/.gitkeep", "")
    result = run_cli("check")
    assert result.code == 0 and "检查通过" in result.stdout
    assert f"reports/2017-11/{name}:1:1 F007" in result.stdout
    assert "说明.txt" not in result.stdout and ".gitkeep" not in result.stdout
    assert run_cli("check", "--strict").code == 1


def test_a_folder_named_as_a_report_is_said(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "reports/2017-11/台山市.yaml").mkdir(parents=True)
    result = run_cli("check")
    assert "reports/2017-11/台山市.yaml:1:1 F007" in result.stdout


def test_templates_linked_out_of_the_repository_are_not_read(plan_repo: PlanRepo, outside: Path) -> None:
    report = plan_repo.report("2017-11", "市审计局")
    (outside / "report.outline.j2").write_text("{{ 'leaked' }}\n", "utf-8")
    (plan_repo.root / "templates").symlink_to(outside, target_is_directory=True)
    result = run_cli("render", str(report), "-f", "md")
    assert result.code == 2, result.stderr
    assert "符号链接" in result.stderr
    assert not (plan_repo.root / "output").exists()


# --- what the second adversarial round found ---------------------------------------------------

@pytest.mark.parametrize("given", ["no-such-folder", "data/units.yaml"])
def test_a_templates_folder_that_is_none_is_refused(plan_repo: PlanRepo, given: str) -> None:
    report = plan_repo.report("2017-11", "市审计局")
    for args in (["render", str(report), "-f", "md", "--templates", given],
                 ["report", "new", "--unit", "市审计局", "--month", "2017-12", "--templates", given]):
        result = run_cli(*args)
        assert result.code == 2, (args, result.stderr)
        assert "模板目录" in result.stderr
    assert not (plan_repo.root / "output").exists()
    assert not (plan_repo.root / "reports/2017-12").exists()


def test_a_folder_in_a_documents_place_stops_render_before_anything_is_written(plan_repo: PlanRepo) -> None:
    report = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "output/2017-11/市审计局.md").mkdir(parents=True)
    result = run_cli("render", str(report))
    assert result.code == 2
    assert "已有同名的文件夹" in result.stderr
    assert not (plan_repo.root / "output/2017-11/市审计局.docx").exists()


def test_csv_cells_never_start_a_formula(plan_repo: PlanRepo) -> None:
    tasks = plan_repo.root / "data/tasks.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace(
        "text: 开展对市直有关部门的政务信息系统审计。", "text: \"=HYPERLINK(\\\"http://x\\\",\\\"点\\\")\"").replace(
        "text: 持续推进跨部门业务协同。", "text: \"+cmd|' /C calc'!A0\""), "utf-8")
    assert run_cli("check").code == 0
    result = run_cli("status", "--as-of", "2018-01-01", "--format", "csv")
    assert result.code == 0
    import csv
    import io

    cells = [cell for row in csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))) for cell in row]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert any(cell.startswith("'+cmd|") for cell in cells)
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_check_compiles_the_repositorys_templates(plan_repo: PlanRepo) -> None:
    shipped = Path(__file__).resolve().parents[2] / "src/zwxt/templates"
    for template in shipped.glob("*.j2"):
        plan_repo.write(f"templates/{template.name}", template.read_text("utf-8"))
    assert run_cli("check").code == 0  # the shipped templates, copied to adapt, compile
    plan_repo.write("templates/report.yaml.j2", "unit: x\n{% for %}\n")
    plan_repo.write("templates/parts/head.j2", "{{ a | no_such_filter }}\n")
    result = run_cli("check")
    assert result.code == 1
    assert "templates/report.yaml.j2:2:1 T001" in result.stdout
    assert "templates/parts/head.j2:1:1 T001" in result.stdout
    assert "no_such_filter" in result.stdout  # named as the user wrote it
    new = run_cli("report", "new", "--unit", "市审计局", "--month", "2017-11")
    assert new.code == 2 and "report.yaml.j2" in new.stderr  # and every command refuses it


# --- paths the operating system will not look up: a name too long, a symbolic-link loop ---------

LONG = "a" * 300  # one name over the 255 bytes a file system allows
TOO_LONG = "/".join(["b" * 250] * 20)  # a path over the 4096 bytes Linux allows


def _path_args(report: str, bad: str) -> dict[str, list[str]]:
    return {
        "check": ["check", bad],
        "render": ["render", bad],
        "render --templates": ["render", report, "-f", "md", "--templates", bad],
        "report new --templates": ["report", "new", "--unit", "市审计局", "--month", "2017-12",
                                   "--templates", bad],
        "--root": ["--root", bad, "check"],
    }


ARGUMENT_NAMED = {"check": "给出的路径", "render": "给出的路径",
                  "render --templates": "--templates 给出的模板目录",
                  "report new --templates": "--templates 给出的模板目录", "--root": "仓库目录"}


@pytest.mark.parametrize("bad", [LONG, TOO_LONG, f"reports/2017-11/{LONG}.yaml"])
@pytest.mark.parametrize("command", ARGUMENT_NAMED)
def test_a_path_too_long_is_a_usage_error_naming_the_argument(plan_repo: PlanRepo, command: str,
                                                              bad: str) -> None:
    report = str(plan_repo.report("2017-11", "市审计局"))
    result = run_cli(*_path_args(report, bad)[command])
    assert result.code == 2, result.stderr
    assert f"错误：{ARGUMENT_NAMED[command]} {bad} 无法使用：文件名或路径过长" in result.stderr
    assert "怎么办：" in result.stderr
    assert not (plan_repo.root / "output").exists() and not (plan_repo.root / "reports/2017-12").exists()


def test_zwxt_root_too_long_is_a_usage_error(plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWXT_ROOT", LONG)
    result = run_cli("check")
    assert result.code == 2
    assert f"错误：仓库目录 {LONG} 无法使用：文件名或路径过长" in result.stderr
    assert "ZWXT_ROOT" in result.stderr


@pytest.mark.parametrize("command", ["check", "render", "--root"])
def test_a_symbolic_link_loop_given_as_a_path_is_a_usage_error(plan_repo: PlanRepo, command: str) -> None:
    (plan_repo.root / "loop1").symlink_to("loop2")
    (plan_repo.root / "loop2").symlink_to("loop1")
    report = str(plan_repo.report("2017-11", "市审计局"))
    result = run_cli(*_path_args(report, "loop1")[command])
    assert result.code == 2, result.stderr
    assert f"错误：{ARGUMENT_NAMED[command]} loop1 无法使用：路径中的符号链接指向自身或层层相连" \
        in result.stderr


def test_a_codeowners_link_that_leads_to_itself_is_refused(plan_repo: PlanRepo) -> None:
    (plan_repo.root / "CODEOWNERS").symlink_to("CODEOWNERS")
    result = run_cli("codeowners")
    assert result.code == 2 and "这里已有一个符号链接" in result.stderr
