"""zwxt init as a library: a new plan repository, with real git, that passes its own check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import git
import pytest
from ruamel.yaml import YAML

import zwxt
from zwxt.errors import FileExistsRefusal, UsageError
from zwxt.services.init import FILES, init_plan, planned_files, shipped_text
from zwxt.services.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = date(2026, 5, 10)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def test_writes_every_planned_file_into_a_new_git_repository(tmp_path: Path) -> None:
    target = tmp_path / "新方案"
    written = init_plan(target, "某市", TODAY)
    assert sorted(p.relative_to(target).as_posix() for p in written) == sorted(planned_files())
    assert git.Repo(target).git_dir == str(target / ".git")
    assert (target / "reports" / ".gitkeep").read_bytes() == b""
    for name, model in SCHEMAS.items():
        assert (target / "schemas" / name).read_text(encoding="utf-8") == schema_text(model)
    assert (target / ".gitignore").read_text(encoding="utf-8").splitlines().count("output/") == 1
    assert ".zwxt-cache/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_new_repository_is_on_main_whatever_gits_default_branch(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    settings = tmp_path / "gitconfig"
    settings.write_text("[init]\n\tdefaultBranch = master\n[user]\n\tname = 统筹局小李\n"
                        "\temail = tongchou@example.gov.cn\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(settings))
    bare = git.Repo.init(tmp_path / "plain")  # (git's own default, as the machine has it)
    assert bare.git.symbolic_ref("HEAD") == "refs/heads/master"
    target = tmp_path / "新方案"
    init_plan(target, "某市", TODAY)
    repo = git.Repo(target)
    repo.git.add("--all")
    repo.git.commit("-m", "工作方案仓库")
    assert repo.git.symbolic_ref("HEAD") == "refs/heads/main"
    assert [head.name for head in repo.heads] == ["main"]
    assert "git push -u origin main" in (target / "README.md").read_text(encoding="utf-8")


def test_the_readme_takes_a_unit_from_clone_to_merge_request_or_to_the_word_form(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    for step in ("git clone 仓库地址", "pip install \"zwxt @", 'git config user.email "登记的邮箱"',
                 "maintainers",
                 "git push -u origin HEAD", "新建合并请求", "目标分支选 `main`",
                 "G101", "git commit --amend --reset-author", "git reset --soft HEAD~1",
                 "zwxt form --month 2027-03 --all",
                 "zwxt import report 示例责任局.docx --commit --received 2027-04-03"):
        assert step in readme, step
    # the Word form comes before the steps of git, for the units that will not take them
    assert readme.index("填 Word 报表") < readme.index("git clone")


def test_the_new_plan_passes_check_without_a_warning(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    assert zwxt.open(tmp_path).findings == []


def test_the_region_is_written_into_the_plan_and_the_readme(tmp_path: Path) -> None:
    init_plan(tmp_path, "某某县", TODAY)
    tasks = YAML(typ="safe").load((tmp_path / "data/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["plan"]["region"] == "某某县"
    assert tasks["plan"]["title"].startswith("某某县")
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("# 某某县")


def test_the_examples_fall_due_in_the_coming_year(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    tasks = YAML(typ="safe").load((tmp_path / "data/tasks.yaml").read_text(encoding="utf-8"))
    assert [t["deadline"] for t in tasks["tasks"]] == ["2027年6月底前", "2027年12月底前"]


def test_a_nonempty_folder_without_a_plan_is_fine_and_keeps_its_files(tmp_path: Path) -> None:
    (tmp_path / "笔记.txt").write_text("保留", encoding="utf-8")
    init_plan(tmp_path, "某市", TODAY)
    assert (tmp_path / "笔记.txt").read_text(encoding="utf-8") == "保留"


def test_an_existing_git_repository_is_kept(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path)
    repo.git.config("user.email", "a@example.gov.cn")
    repo.git.config("user.name", "a")
    repo.git.commit("--allow-empty", "-m", "first")
    init_plan(tmp_path, "某市", TODAY)
    assert [c.message for c in git.Repo(tmp_path).iter_commits()] == ["first\n"]


def test_refuses_a_folder_that_holds_a_plan_and_changes_nothing(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    (tmp_path / "README.md").unlink()  # even with files init would write missing
    before = _snapshot(tmp_path)
    with pytest.raises(FileExistsRefusal, match="已经有工作方案"):
        init_plan(tmp_path, "某市", TODAY)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("existing", [".gitignore", "README.md", ".github/workflows/zwxt.yml",
                                      "schemas/units.schema.json"])
def test_refuses_a_file_it_would_write_naming_it_and_writes_nothing(tmp_path: Path, existing: str) -> None:
    path = tmp_path / existing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("我自己的\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    with pytest.raises(FileExistsRefusal) as refused:
        init_plan(tmp_path, "某市", TODAY)
    assert existing in refused.value.message
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / ".git").exists()


def test_refuses_a_file_where_a_folder_goes_naming_that_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    with pytest.raises(FileExistsRefusal) as refused:
        init_plan(tmp_path, "某市", TODAY)
    assert "：data，" in refused.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_refuses_a_folder_that_links_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "plan"
    target.mkdir()
    (target / "reports").symlink_to(outside)
    with pytest.raises(FileExistsRefusal, match="reports"):
        init_plan(target, "某市", TODAY)
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("region", ["", "  ", "某/市", ".市"])
def test_refuses_a_region_that_is_no_name(tmp_path: Path, region: str) -> None:
    with pytest.raises(UsageError):
        init_plan(tmp_path / "plan", region, TODAY)
    assert not (tmp_path / "plan").exists()


def test_this_repositorys_ci_and_pre_commit_files_are_what_init_writes(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    written = {".github/workflows/zwxt.yml": "ci/github-actions.yml", ".gitlab-ci.yml": "ci/gitlab-ci.yml",
               ".pre-commit-config.yaml": "ci/pre-commit-config.yaml"}
    for rel, ours in written.items():
        assert (ROOT / ours).read_bytes() == (tmp_path / rel).read_bytes(), f"{ours}: make ci-files"


def test_every_yaml_file_written_parses(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    for rel in FILES:
        if rel.endswith((".yaml", ".yml")):
            assert isinstance(YAML(typ="safe").load((tmp_path / rel).read_text(encoding="utf-8")), dict), rel


def test_github_workflow_checks_pull_requests_and_reports_overdue_monthly(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    flow = YAML(typ="safe").load((tmp_path / ".github/workflows/zwxt.yml").read_text(encoding="utf-8"))
    assert "pull_request" in flow["on"] and flow["on"]["schedule"][0]["cron"]
    check = flow["jobs"]["check"]["steps"]
    assert check[0]["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/setup-python") for s in check)
    base = "refs/remotes/origin/${{ github.base_ref }}"
    assert check[-1]["run"] == f'zwxt check --format github --base "{base}" --strict'
    assert flow["jobs"]["status"]["steps"][-1]["run"] == "zwxt status --fail-on-overdue"


def test_gitlab_ci_checks_merge_requests_and_reports_overdue_on_schedule(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    ci = YAML(typ="safe").load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["zwxt-check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    target = "refs/remotes/origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    assert ci["zwxt-check"]["script"] == [
        'git fetch origin "+refs/heads/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:'
        'refs/remotes/origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"',
        f'zwxt check --base "{target}" --format gitlab > gl-code-quality-report.json || true',  # first
        f'zwxt check --base "{target}" --strict']
    assert ci["zwxt-check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert ci["zwxt-status"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert "zwxt status --fail-on-overdue" in ci["zwxt-status"]["script"]


def test_pre_commit_config_runs_the_installed_zwxt_as_a_local_hook(tmp_path: Path) -> None:
    init_plan(tmp_path, "某市", TODAY)
    config = YAML(typ="safe").load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local" and "rev" not in repo  # no tag to name, nothing to fetch
    [hook] = repo["hooks"]
    assert {"id", "name", "entry", "language"} <= hook.keys()  # pre-commit's required keys
    assert hook["id"] == "zwxt-check" and hook["entry"] == "zwxt check" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("data/tasks.yaml", "reports/2018-03/某局.yaml", "templates/x.j2"))
    assert not any(files.search(p) for p in ("README.md", "schemas/report.schema.json", "xdata/a.yaml"))


def test_shipped_texts_are_plain_files_or_rendered_templates() -> None:
    package = ROOT / "src/zwxt/templates/init"
    # copied as they are: a CI file may hold ${{ }} of its own, which is no Jinja
    assert shipped_text("github-actions.yml") == (package / "github-actions.yml").read_text(encoding="utf-8")
    assert "{{" not in shipped_text("tasks.yaml.j2", "某市", TODAY)
