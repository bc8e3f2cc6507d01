"""No value on zwxt's command line may be empty or only spaces: each is a usage error naming it.

Converted, an empty path is the current directory and an empty --root means "search upwards",
so a blank value would be taken for something the user did not ask for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer._click import Command
from typer.core import TyperArgument, TyperGroup, TyperOption

from tests.support import PlanRepo, run_cli
from zwxt.cli import app
from zwxt.errors import NotARepositoryError
from zwxt.store.repo import find_repository


def _taking_values(command: Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str, str]]:
    """(command path, option or "", shown name) for every option and argument that takes a value."""
    found = []
    for param in command.params:
        if isinstance(param, TyperOption) and not param.is_flag:
            found.append((path, param.opts[0], "/".join(param.opts)))
        elif isinstance(param, TyperArgument):
            found.append((path, "", (param.metavar or param.name or "").strip("[].")))
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            found += _taking_values(sub, (*path, name))
    return found


VALUES = _taking_values(typer.main.get_command(app))


def test_every_command_is_walked() -> None:
    names = {(" ".join(path), option) for path, option, _ in VALUES}
    assert {("", "--root"), ("check", ""), ("render", "--output"), ("schema", "--output"),
            ("status", "--as-of"), ("status", "--unit"), ("report new", "--month")} <= names


@pytest.mark.parametrize("blank", ["", " ", "\u3000", "\t"], ids=["empty", "space", "ideographic", "tab"])
@pytest.mark.parametrize(("path", "option", "name"), VALUES,
                         ids=[" ".join((*p, o or n)) for p, o, n in VALUES])
def test_a_blank_value_is_a_usage_error_naming_it(plan_repo: PlanRepo, path: tuple[str, ...],
                                                  option: str, name: str, blank: str) -> None:
    args = [*path, option, blank] if option else [*path, blank]
    result = run_cli(*args)
    assert (result.code, result.stdout) == (2, ""), result.stderr
    said = f"选项 {name} 的值不能为空" if option else f"参数「{name}」不能为空"
    assert result.stderr.startswith(f"错误：{said}（也不能只有空格）\n"), result.stderr


def test_root_given_empty_with_an_equals_sign(plan_repo: PlanRepo) -> None:
    result = run_cli("--root=", "check")
    assert result.code == 2
    assert "选项 --root 的值不能为空" in result.stderr


@pytest.mark.parametrize("args", [["render", "reports/2017-11/市审计局.yaml", "-f", "md", "-o", ""],
                                  ["schema", "-o", ""]])
def test_an_empty_output_folder_writes_nothing_here(plan_repo: PlanRepo, args: list[str]) -> None:
    plan_repo.report("2017-11", "市审计局")
    before = sorted(plan_repo.root.rglob("*"))
    assert run_cli(*args).code == 2
    assert sorted(plan_repo.root.rglob("*")) == before


def test_an_empty_path_among_others_is_refused(plan_repo: PlanRepo) -> None:
    plan_repo.report("2017-11", "市审计局")
    result = run_cli("check", "reports/2017-11/市审计局.yaml", "")
    assert result.code == 2
    assert "参数「路径」不能为空" in result.stderr


def test_a_blank_zwxt_root_is_no_repository(plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWXT_ROOT", "  ")
    result = run_cli("check")
    assert result.code == 2
    assert "给出的仓库目录是空的" in result.stderr


def test_the_library_takes_a_blank_root_for_none_given(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError):
        find_repository(tmp_path, " ")
