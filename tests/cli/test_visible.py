"""Invisible characters in what zwxt prints for people are shown as code points, ``<U+200B>``."""

from __future__ import annotations

import json

import pytest

from tests.support import PlanRepo, report_yaml, run_cli
from zwxt.cli.visible import markup, visible

ZWSP, RLO = "\u200b", "\u202e"


@pytest.mark.parametrize(("text", "shown"), [
    ("市审计局", "市审计局"),
    (f"市审{ZWSP}计局", "市审<U+200B>计局"),
    (f"市审计局{RLO}.yaml", "市审计局<U+202E>.yaml"),
    ("\ufeff市审计局", "<U+FEFF>市审计局"),
    ("a\u2028b\u2029c", "a<U+2028>b<U+2029>c"),
    ("x\x1b[2J\ty\n", "x<U+001B>[2J<U+0009>y<U+000A>"),
    ("\udcff.yaml", "<U+DCFF>.yaml"),  # an undecodable byte of a file name
    ("全角　空格 and\xa0nbsp", "全角　空格 and\xa0nbsp"),  # spaces are seen: kept
])
def test_visible_writes_hidden_characters_as_code_points(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_lines_keeps_line_breaks_only() -> None:
    assert visible(f"开放数据集：3{ZWSP}\n目录：2", lines=True) == "开放数据集：3<U+200B>\n目录：2"


def test_markup_is_visible_and_escaped() -> None:
    assert markup(f"[red]{ZWSP}") == "\\[red]<U+200B>"


@pytest.fixture
def hidden(plan_repo: PlanRepo) -> PlanRepo:
    """A report whose unit has a zero-width space, and one whose file name ends in a bidi override."""
    plan_repo.write("reports/2017-11/市审计局.yaml", report_yaml(f"市审{ZWSP}计局", "2017-11"))
    plan_repo.write(f"reports/2017-12/市审计局{RLO}.yaml", report_yaml("市审计局", "2017-12"))
    return plan_repo


def test_check_text_shows_them(hidden: PlanRepo) -> None:
    out = run_cli("check").stdout
    assert "报送单位「市审<U+200B>计局」未登记" in out
    assert "reports/2017-12/市审计局<U+202E>.yaml:1:7" in out
    assert ZWSP not in out and RLO not in out


def test_json_keeps_them_raw(hidden: PlanRepo) -> None:
    found = json.loads(run_cli("check", "--format", "json").stdout)
    assert any(f"市审{ZWSP}计局" in d["message"] for d in found)
    assert f"reports/2017-12/市审计局{RLO}.yaml" in {d["path"] for d in found}


def test_github_shows_them_in_messages_but_names_the_file_as_it_is(hidden: PlanRepo) -> None:
    out = run_cli("check", "--format", "github").stdout
    assert "::报送单位「市审<U+200B>计局」未登记" in out
    assert f"file=reports/2017-12/市审计局{RLO}.yaml," in out  # GitHub finds the file by this


def test_left_out_reports_are_named_visibly(hidden: PlanRepo) -> None:
    result = run_cli("status", "--as-of", "2017-12-31")
    assert "reports/2017-12/市审计局<U+202E>.yaml" in result.stderr
    assert RLO not in result.stderr


def test_usage_errors_show_them(hidden: PlanRepo) -> None:
    result = run_cli("status", "--unit", f"市审{ZWSP}计局")
    assert result.code == 2
    assert "没有名为「市审<U+200B>计局」的单位" in result.stderr


def test_fatal_errors_show_them(hidden: PlanRepo) -> None:
    result = run_cli("check", f"/nowhere{RLO}.yaml")
    assert result.code == 2
    assert "/nowhere<U+202E>.yaml 不在工作方案仓库" in result.stderr


def test_the_status_table_shows_them(plan_repo: PlanRepo) -> None:
    plan_repo.write(f"reports/2017-11/市审计局{RLO}.yaml", report_yaml("市审计局", "2017-11"))
    table = run_cli("status", "--month", "2017-11", "--unit", "市审计局").stdout
    assert "市审计局<U+202E>" in table and RLO not in table


def test_emoji_codes_in_a_files_text_stay_text(plan_repo: PlanRepo) -> None:
    """rich turns ``:thumbs_up:`` into 👍 unless told not to; escaping leaves it."""
    plan_repo.write("reports/2017-11/市审计局.yaml", report_yaml('"市审计局:thumbs_up:"', "2017-11"))
    out = run_cli("check").stdout
    assert "报送单位「市审计局:thumbs_up:」未登记" in out
    assert "\N{THUMBS UP SIGN}" not in out
