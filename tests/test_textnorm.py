"""Names typed on a Chinese keyboard: one key for every spelling, and close matches."""

from __future__ import annotations

import pytest

from zwxt.textnorm import close_matches, name_key, quoted_list

UNITS = ["市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市", "各市（区）政府"]


@pytest.mark.parametrize(("spelling", "key"), [
    ("各市（区）政府", "各市(区)政府"),
    ("各市(区)政府", "各市(区)政府"),
    ("市网信 统筹局", "市网信统筹局"),
    ("市\u3000审计局", "市审计局"),
    (" 市审计局\t\n", "市审计局"),
    ("ＡＢＣ１２３", "abc123"),
    ("市GIS中心", "市gis中心"),
    ("STRASSE", "strasse"),
    ("市审计局", "市审计局"),
])
def test_name_key_folds_width_and_case_and_drops_spaces(spelling: str, key: str) -> None:
    assert name_key(spelling) == key


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("市审计局") != name_key("市公安局")


def test_close_matches_finds_a_typo() -> None:
    assert close_matches("市审记局", UNITS)[0] == "市审计局"


def test_close_matches_finds_the_full_name_of_a_short_one() -> None:
    assert close_matches("审计", UNITS) == ["市审计局"]


def test_close_matches_compares_normalised_spellings() -> None:
    assert close_matches("各市(区)政府", UNITS) == ["各市（区）政府"]


def test_close_matches_returns_the_candidate_as_written() -> None:
    assert close_matches("市网信统筹局 ", UNITS)[0] == "市网信统筹局"


def test_close_matches_respects_the_limit() -> None:
    assert close_matches("市局", UNITS) == ["市审计局", "市公安局", "市网信统筹局"]
    assert close_matches("市局", UNITS, limit=1) == ["市审计局"]


def test_close_matches_of_unlike_word_is_empty() -> None:
    assert close_matches("xyz", UNITS) == []


def test_close_matches_of_empty_word_is_empty() -> None:
    assert close_matches("", UNITS) == []


def test_close_matches_lists_a_spelling_once() -> None:
    assert close_matches("市审计局", ["市审计局", "市审计局 ", "市 审计局"]) == ["市审计局"]


def test_close_matches_works_on_english_field_names() -> None:
    assert close_matches("stauts", ["task", "status", "completed"], limit=1) == ["status"]


def test_quoted_list_uses_corner_brackets_and_the_enumeration_comma() -> None:
    assert quoted_list(["市审计局", "蓬江区"]) == "「市审计局」、「蓬江区」"


def test_quoted_list_of_nothing_is_empty() -> None:
    assert quoted_list([]) == ""
