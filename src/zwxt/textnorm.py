"""Chinese text as typed and as set: normalising names, suggesting close matches, punctuation, widths."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """The form two spellings of one name share.

    NFKC folds full-width letters, digits and brackets to half width (（区） → (区)), case is
    folded (`市GIS中心` and `市gis中心` would be one file on Windows and macOS), and
    whitespace of any width is dropped: `市网信 统筹局` and `市网信统筹局` are one unit.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return "".join(ch for ch in folded if not ch.isspace())


def char_em(char: str) -> float:
    """How wide a character is set in a Chinese document, in ems of its font.

    Wide, full-width and ambiguous-width characters (汉字, ，, “”) take one: the Chinese font
    draws them, as the runs' ``eastAsia`` hint asks. A capital takes about 0.7, other ASCII
    (Times New Roman's digits exactly) half of one.
    """
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    return 0.7 if "A" <= char <= "Z" else 0.5


def em_width(text: str) -> float:
    """How wide ``text`` is set, in ems of its font (``char_em`` of each character)."""
    return sum(char_em(ch) for ch in text)


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Candidates resembling ``word``, best first; comparison is on normalised keys."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(name_key(candidate), candidate)
    keys = difflib.get_close_matches(name_key(word), list(by_key), n=limit, cutoff=0.5)
    found = [by_key[k] for k in keys]
    # A short name is often contained in the full one (审计 in 市审计局): offer those too.
    key = name_key(word)
    if key:
        for k, candidate in by_key.items():
            if len(found) >= limit:
                break
            if candidate not in found and (key in k or k in key):
                found.append(candidate)
    return found


def quoted_list(names: Iterable[str]) -> str:
    return "、".join(f"「{n}」" for n in names)


def did_you_mean(guesses: list[str]) -> str:
    """``是否想写「市审计局」？`` for the guesses of close_matches, or nothing without any."""
    return f"是否想写{quoted_list(guesses)}？" if guesses else ""


# Half-width punctuation and its full-width form, as official Chinese text writes it.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
# (compiled by re when some text has a half-width mark at all)
_HALF_WIDTH_BETWEEN = rf"(?<=[{_CJK}])[,:;?!()]|[,:;?!()](?=[{_CJK}])"
_HALF_WIDTH = re.compile("[,:;?!()]")  # a scan six times faster, for the texts that have none


def half_width_punctuation(text: str) -> tuple[str, str, int] | None:
    """The first half-width mark touching a Chinese character, the words around it, and how
    many such marks the text has; None when there are none. ``10:30`` and ``http://`` stay."""
    if not _HALF_WIDTH.search(text):
        return None
    matches = list(re.finditer(_HALF_WIDTH_BETWEEN, text))
    if not matches:
        return None
    first = matches[0]
    snippet = text[max(0, first.start() - 4):first.end() + 4].replace("\n", " ")
    return first.group(), snippet, len(matches)


def full_width_punctuation(text: str) -> str:
    """``text`` with every half-width mark touching a Chinese character made full-width, as
    official text writes it (what rule R210 asks for): ``骨干网,市级`` → ``骨干网，市级``."""
    if not _HALF_WIDTH.search(text):
        return text
    return re.sub(_HALF_WIDTH_BETWEEN, lambda match: FULL_WIDTH[match.group()], text)
