"""Directory: units and groups found by any spelling, groups expanded to their members."""

from __future__ import annotations

import pytest

from tests.support import UNITS_YAML
from zwxt.io.yamlsource import read_yaml
from zwxt.model.directory import Directory
from zwxt.model.units import UnitsFile


def directory(text: str = UNITS_YAML) -> Directory:
    return Directory(UnitsFile.model_validate(read_yaml("data/units.yaml", text.encode()).data))


def test_group_expands_to_its_members_in_their_order() -> None:
    assert directory().expand(["市直有关部门"]) == ("市审计局", "市网信统筹局", "市公安局")


def test_units_and_groups_mixed_keep_first_appearance_order() -> None:
    assert directory().expand(["蓬江区", "市直有关部门", "各市（区）政府"]) == (
        "蓬江区", "市审计局", "市网信统筹局", "市公安局", "台山市")


def test_unit_named_twice_or_through_its_group_appears_once() -> None:
    assert directory().expand(["市审计局", "市直有关部门", "审计局", "市审计局"]) == (
        "市审计局", "市网信统筹局", "市公安局")


def test_expand_accepts_aliases_and_width_variants() -> None:
    assert directory().expand(["审计局", "各市(区)政府"]) == ("市审计局", "蓬江区", "台山市")


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


def test_spellings_list_names_then_aliases() -> None:
    assert directory().spellings() == ["市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市",
                                       "市直有关部门", "各市（区）政府", "审计局", "网信统筹局", "蓬江区政府"]


def test_display_name_prefers_the_full_name() -> None:
    assert directory().display_name("市审计局") == "江门市审计局"
    assert directory().display_name("市公安局") == "市公安局"
    assert directory().display_name("市教育局") == "市教育局"


def test_directory_without_units_file_knows_nothing() -> None:
    empty = Directory(None)
    assert empty.resolve("市审计局") is None
    assert empty.expand(["市审计局"]) == ()
    assert empty.spellings() == []
