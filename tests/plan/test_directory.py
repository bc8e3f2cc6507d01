"""Directory: units and groups found by any spelling, groups expanded to their members."""

from __future__ import annotations

import pytest

from tests.support import UNITS_YAML
from zwxt.parse import read_yaml
from zwxt.plan.directory import Directory
from zwxt.plan.units import UnitsFile


def directory(text: str = UNITS_YAML) -> Directory:
    return Directory(UnitsFile.model_validate(read_yaml("data/units.yaml", text.encode()).data))


def test_group_expands_to_its_members_in_their_order() -> None:
    assert directory().expand(["市直有关部门"]) == ("市审计局", "市网信统筹局", "市公安局")


def test_units_and_groups_mixed_keep_first_appearance_order() -> None:
    assert directory().expand(["蓬江区", "市直有关部门", "各市（区）政府"]) == (
        "蓬江区", "市审计局", "市网信统筹局", "市公安局", "台山市")


def test_unit_named_twice_or_through_its_group_appears_once() -> None:
    assert directory().expand(["市审计局", "市直有关部门", "市审计局"]) == (
        "市审计局", "市网信统筹局", "市公安局")


def test_expand_takes_canonical_names_only_which_the_loader_resolved() -> None:
    assert directory().expand(["审计局", "各市(区)政府"]) == ()


def test_expand_drops_unknown_names() -> None:
    assert directory().expand(["市教育局", "蓬江区"]) == ("蓬江区",)


def test_expand_of_nothing_is_empty() -> None:
    assert directory().expand([]) == ()


GROUP_MEMBERS_BY_ALIAS = """\
units:
  - name: 市审计局
    kind: 部门
    aliases: [审计局]
  - name: 蓬江区
    kind: 地方政府
groups:
  - name: 监督部门
    members: [审计局, 市 教育局]
  - name: 大组
    members: [监督部门, 蓬江区]
"""


def test_group_member_written_as_alias_expands_to_the_canonical_unit() -> None:
    assert directory(GROUP_MEMBERS_BY_ALIAS).expand(["监督部门"]) == ("市审计局",)


def test_group_member_that_is_a_group_is_not_expanded_again() -> None:
    assert directory(GROUP_MEMBERS_BY_ALIAS).expand(["大组"]) == ("蓬江区",)


@pytest.mark.parametrize(("spelling", "canonical"), [
    ("市审计局", "市审计局"),
    ("审计局", "市审计局"),
    ("网信统筹局", "市网信统筹局"),
    ("市网信 统筹局", "市网信统筹局"),
    ("市网信\u3000统筹局", "市网信统筹局"),
    (" 蓬江区政府 ", "蓬江区"),
    ("各市(区)政府", "各市（区）政府"),
    ("各市（区）政府", "各市（区）政府"),
    ("市直有关部门", "市直有关部门"),
])
def test_resolve_gives_the_canonical_name(spelling: str, canonical: str) -> None:
    assert directory().resolve(spelling) == canonical


@pytest.mark.parametrize("spelling", ["市教育局", "审计", "", "江门市审计局"])
def test_resolve_of_an_unknown_name_is_none(spelling: str) -> None:
    assert directory().resolve(spelling) is None


def test_alias_never_hides_another_units_own_name() -> None:
    text = ("units:\n  - name: 甲局\n    kind: 部门\n    aliases: [乙局]\n"
            "  - name: 乙局\n    kind: 部门\n")
    assert directory(text).resolve("乙局") == "乙局"


def test_is_group() -> None:
    assert directory().is_group("市直有关部门")
    assert not directory().is_group("市审计局")


def test_unit_of_is_a_single_unit_never_a_group() -> None:
    assert directory().unit_of("审计局") == "市审计局"
    assert directory().unit_of("市直有关部门") is None
    assert directory().unit_of("市教育局") is None


@pytest.mark.parametrize(("typed", "units_only", "guesses"), [
    ("公安局", False, ["市公安局"]),
    ("审计", False, ["市审计局"]),
    ("蓬江区政", False, ["蓬江区"]),
    ("各市(区)", False, ["各市（区）政府"]),
    ("各市(区)", True, []),
    ("教育局", False, []),
])
def test_suggest_gives_canonical_names(typed: str, units_only: bool, guesses: list[str]) -> None:
    assert directory().suggest(typed, units_only=units_only) == guesses
