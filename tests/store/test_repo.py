"""Finding the plan repository: upwards from a directory, by --root, by ZWXT_ROOT; report paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import PlanRepo, run_cli
from zwxt.dates import Month
from zwxt.errors import (
    LinkOutsideError,
    NotARegularFileError,
    NotARepositoryError,
    OutsideRepositoryError,
    UsageError,
)
from zwxt.store.repo import InMemory, Listing, Repository, find_repository


def test_found_from_the_root_itself(plan_repo: PlanRepo) -> None:
    assert find_repository(plan_repo.root).root == plan_repo.root.resolve()


def test_found_from_a_nested_subdirectory(plan_repo: PlanRepo) -> None:
    nested = plan_repo.root / "reports" / "2018-03" / "草稿"
    nested.mkdir(parents=True)
    assert find_repository(nested).root == plan_repo.root.resolve()


def test_nearest_repository_wins(plan_repo: PlanRepo) -> None:
    inner = plan_repo.write("sub/plan/data/tasks.yaml", "plan: {}\n").parents[1]
    (inner / "reports").mkdir()
    assert find_repository(inner / "reports").root == inner.resolve()


def test_explicit_root_is_used_wherever_one_stands(plan_repo: PlanRepo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_repository(elsewhere, str(plan_repo.root)).root == plan_repo.root.resolve()


def test_explicit_root_is_resolved(plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan_repo.root / "reports")
    assert find_repository(Path.cwd(), "..").root == plan_repo.root.resolve()


def test_explicit_root_without_tasks_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError) as raised:
        find_repository(tmp_path, str(tmp_path))
    assert raised.value.message == f"{tmp_path.resolve()} 不是工作方案仓库：其中没有 data/tasks.yaml"
    assert raised.value.explicit
    assert raised.value.exit_code == 2


def test_explicit_root_is_not_searched_upwards(plan_repo: PlanRepo) -> None:
    with pytest.raises(NotARepositoryError):
        find_repository(plan_repo.root, str(plan_repo.root / "reports"))


def test_outside_any_repository_is_explained_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError) as raised:
        find_repository(tmp_path)
    assert raised.value.message == (f"当前目录 {tmp_path.resolve()} 不在工作方案仓库中"
                                    "（向上找不到 data/tasks.yaml）")
    assert not raised.value.explicit
    assert raised.value.exit_code == 2


def test_cli_finds_the_repository_from_zwxt_root(plan_repo: PlanRepo, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    plan_repo.write("data/tasks.yaml", "plan: [\n")  # a finding proves this repository was checked
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("ZWXT_ROOT", str(plan_repo.root))
    result = run_cli("check", "--format", "json")
    assert result.code == 1
    assert '"path": "data/tasks.yaml"' in result.stdout


def test_cli_outside_any_repository_exits_2_with_the_reason(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.code == 2
    assert "不在工作方案仓库中" in result.stderr
    assert "怎么办：请进入仓库目录后再运行，或用 --root 目录 / 环境变量 ZWXT_ROOT 指定仓库" in result.stderr


def test_cli_names_its_options_when_the_root_given_is_no_repository(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path), "check")
    assert result.code == 2
    assert "怎么办：请检查 --root 或环境变量 ZWXT_ROOT 指向的目录" in result.stderr


def test_rel_gives_forward_slashes_relative_to_the_root(plan_repo: PlanRepo) -> None:
    repo = Repository(plan_repo.root)
    path = plan_repo.root / "reports" / "2018-03" / "市审计局.yaml"
    assert repo.rel(path) == "reports/2018-03/市审计局.yaml"


def test_rel_of_a_relative_path_is_taken_from_the_working_directory(plan_repo: PlanRepo) -> None:
    repo = Repository(plan_repo.root.resolve())
    assert repo.rel(Path("data/tasks.yaml")) == "data/tasks.yaml"


def test_rel_of_a_path_outside_the_repository_is_a_usage_error(plan_repo: PlanRepo, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        Repository(plan_repo.root).rel(tmp_path / "other.yaml")


def test_report_files_are_every_yaml_file_under_reports_hidden_ones_too(plan_repo: PlanRepo) -> None:
    plan_repo.report("2018-04", "市审计局")
    plan_repo.report("2018-03", "蓬江区")
    plan_repo.write("reports/2018-03/说明.txt", "不是报告\n")
    plan_repo.write("reports/2018-03/.草稿.yaml", "unit: x\n")
    plan_repo.write("reports/.archive/2017-12/市审计局.YAML", "unit: x\n")
    plan_repo.write("reports/misplaced.yml", "unit: x\n")
    plan_repo.write("data/2018-03/市审计局.yaml", "unit: x\n")
    assert Repository(plan_repo.root).report_files() == Listing([
        "reports/.archive/2017-12/市审计局.YAML", "reports/2018-03/.草稿.yaml",
        "reports/2018-03/蓬江区.yaml", "reports/2018-04/市审计局.yaml", "reports/misplaced.yml"],
        strays=["reports/2018-03/说明.txt"])


def test_report_files_without_reports_directory_is_empty(tmp_path: Path) -> None:
    assert Repository(tmp_path).report_files() == Listing([])


def test_report_path(plan_repo: PlanRepo) -> None:
    assert Repository(plan_repo.root).report_path(Month(2018, 3), "市审计局") == (
        plan_repo.root / "reports" / "2018-03" / "市审计局.yaml")


def test_in_memory_files_are_a_source_like_a_repository() -> None:
    source = InMemory({"data/tasks.yaml": "plan: x\n", "reports/2018-03/a.yaml": b"unit: a\n",
                       "reports/说明.md": "x"})
    assert source.report_files() == Listing(["reports/2018-03/a.yaml"], strays=["reports/说明.md"])
    assert source.read("data/tasks.yaml") == b"plan: x\n"
    assert source.exists("reports/2018-03/a.yaml") and not source.exists("data/units.yaml")
    with pytest.raises(FileNotFoundError):
        source.read("data/units.yaml")


@pytest.fixture
def sibling(plan_repo: PlanRepo) -> Path:
    """A second plan repository beside the first, with a broken report."""
    other = PlanRepo(plan_repo.root.parent / "other")
    other.write("data/units.yaml", (plan_repo.root / "data/units.yaml").read_text(encoding="utf-8"))
    other.write("data/tasks.yaml", (plan_repo.root / "data/tasks.yaml").read_text(encoding="utf-8"))
    other.write("reports/2017-11/市审计局.yaml", "unit: 市审计局\nmonth: 2017-11\nlead_office: [\n")
    return other.root


@pytest.mark.parametrize("spelling", ["../other", "../other/reports", "reports/../../other",
                                      "reports/../..", "../other/reports/2017-11/市审计局.yaml"])
def test_a_path_that_leads_out_by_dot_dot_is_outside(plan_repo: PlanRepo, sibling: Path,
                                                     spelling: str) -> None:
    with pytest.raises(OutsideRepositoryError):
        Repository(plan_repo.root.resolve()).rel(Path(spelling))
    result = run_cli("check", spelling)
    assert result.code == 2, result.stdout
    assert "不在工作方案仓库" in result.stderr and "检查通过" not in result.stdout


def test_a_path_that_leads_out_through_a_link_and_back_up_is_outside(plan_repo: PlanRepo,
                                                                     sibling: Path) -> None:
    (plan_repo.root / "reports/link").symlink_to(sibling / "reports", target_is_directory=True)
    with pytest.raises(OutsideRepositoryError):
        Repository(plan_repo.root.resolve()).rel(Path("reports/link/.."))
    assert run_cli("check", "reports/link/../2017-11").code == 2


@pytest.mark.parametrize(("spelling", "rel"), [("reports/../data/tasks.yaml", "data/tasks.yaml"),
                                               ("reports/..", "."), ("./reports/./", "reports")])
def test_dot_dot_that_stays_inside_is_inside(plan_repo: PlanRepo, spelling: str, rel: str) -> None:
    assert Repository(plan_repo.root.resolve()).rel(Path(spelling)) == rel


def test_a_linked_folder_inside_keeps_its_name(plan_repo: PlanRepo, sibling: Path) -> None:
    (plan_repo.root / "reports/2017-12").symlink_to(sibling / "reports/2017-11", target_is_directory=True)
    assert Repository(plan_repo.root.resolve()).rel(Path("reports/2017-12")) == "reports/2017-12"


def test_a_file_elsewhere_stays_refused(plan_repo: PlanRepo) -> None:
    result = run_cli("check", "/etc/passwd")
    assert result.code == 2
    assert "不在工作方案仓库" in result.stderr


def test_a_read_is_stamped_as_the_file_was_opened(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    repo = Repository(plan_repo.root)
    raw, stamp = repo.read_stamped("reports/2017-11/市审计局.yaml")
    info = os.lstat(path)
    assert raw == path.read_bytes()
    assert stamp == (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def test_a_link_inside_is_read_through_and_not_stamped(plan_repo: PlanRepo) -> None:
    path = plan_repo.report("2017-11", "市审计局")
    (plan_repo.root / "reports/2017-11/台山市.yaml").symlink_to(path)
    raw, stamp = Repository(plan_repo.root).read_stamped("reports/2017-11/台山市.yaml")
    assert raw == path.read_bytes() and stamp is None


def test_neither_a_link_out_nor_a_pipe_is_read(plan_repo: PlanRepo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("unit: 市审计局\n", encoding="utf-8")
    folder = plan_repo.root / "reports/2017-11"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "台山市.yaml").symlink_to(elsewhere)
    os.mkfifo(folder / "开平市.yaml")
    repo = Repository(plan_repo.root)
    with pytest.raises(LinkOutsideError):
        repo.read_stamped("reports/2017-11/台山市.yaml")
    with pytest.raises(NotARegularFileError):  # at once: opening the pipe does not wait for a writer
        repo.read_stamped("reports/2017-11/开平市.yaml")
