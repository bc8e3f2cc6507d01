"""Column widths of a fixed-layout Word table, from what its cells hold.

Word needs every column's width before it lays a table out, and then wraps each cell's text
greedily, breaking between any two Chinese characters. Widths taken from the template's
proportions alone wrapped every deadline as "2017年12 / 月底前" and broke unit names inside
("市网信统筹 / 局"). So each column here is at least as wide as its widest piece that must
stay whole (a unit name, a date), at most as wide as its longest line needs, and the
template's proportions share out the width in between.

Text is measured in tenths of an em of the table's font: a Chinese character or full-width
sign is a whole em, a capital about 0.7 em, other ASCII about half of one (Times New Roman's
digits are exactly that). LibreOffice also puts 0.2 em between a Chinese character and a Latin
letter or digit, whatever ``autoSpaceDE``/``autoSpaceDN`` say, and that is counted too, so that a
date fits in LibreOffice and, with a little room to spare, in Word. This is an estimate of what
Word and LibreOffice measure with fonts this code cannot see; ``_SLACK`` absorbs rounding and
the cell borders.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from zwxt.textnorm import char_em

# Pieces of text that must stay whole end at these, and at whitespace: the names in 牵头单位 are
# joined by 、, and the delimiter stays with the piece before it, since no line may start with it.
_PIECE = re.compile(r"[^\s、，；,;]*[、，；,;]*")

# Line-breaking rules of Chinese typesetting (禁则) that Word and LibreOffice both keep: no line
# starts with closing punctuation nor ends with opening punctuation.
_CLOSING = frozenset("、，。；：！？）》」』】〕〉”’…%,.;:!?)]}")
_OPENING = frozenset("（《「『【〔〈“‘([{")
_ATOM = re.compile(r"[!-~]+|.", re.DOTALL)  # a run of ASCII letters, digits and signs is never broken

# Pieces wider than this share of the text width may wrap: one long clause must not starve the
# other columns, while names and dates (at most about ten characters) keep their width.
_CAP_SHARE = 5
_SLACK = 30  # twips: the cell borders (10) and rounding of glyph widths in Word and LibreOffice
_SCRIPT_GAP = 2  # LibreOffice's space between Chinese and Latin text, in tenths of an em


def text_width(text: str) -> int:
    """Tenths of an em of ``text``."""
    return sum(_advances(text))


def _advances(text: str) -> list[int]:
    """Each character's width in tenths of an em, with the gap LibreOffice puts before it.

    Characters are measured by ``textnorm.char_em``.
    """
    widths = [_char_width(c) for c in text]
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        if (_latin(before) and _ideograph(char)) or (_ideograph(before) and _latin(char)):
            widths[index] += _SCRIPT_GAP
    return widths


def _char_width(char: str) -> int:
    return round(char_em(char) * 10)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _ideograph(char: str) -> bool:
    return not char.isascii() and unicodedata.category(char) == "Lo"


def pieces(line: str) -> list[tuple[int, str]]:
    """The pieces of a line that should not be broken, with where each starts."""
    return [(match.start(), match.group()) for match in _PIECE.finditer(line) if match.group()]


def keeps_pieces(line: str, capacity: int) -> bool:
    """Whether a line wrapped at ``capacity`` tenths of an em breaks only between pieces."""
    starts = {start for start, _ in pieces(line)}
    return _breaks(line, capacity) <= starts


def _breaks(line: str, capacity: int) -> set[int]:
    """Where greedy wrapping at ``capacity`` tenths of an em starts new lines; a cluster wider
    than the line is broken somewhere inside, so all its inner positions count."""
    found: set[int] = set()
    used = 0
    for start, end, width in _clusters(line):
        if width > capacity:
            found.update(range(start + 1, end))
        if used and used + width > capacity:
            found.add(start)
            used = 0
        used += width
    return found


def _clusters(line: str) -> list[tuple[int, int, int]]:
    """(start, end, width) of the runs no line break may fall inside: a Chinese character with
    the punctuation that clings to it, an ASCII word, a space with what precedes it."""
    clusters: list[list[int]] = []
    for atom in _ATOM.finditer(line):
        start, end, text = atom.start(), atom.end(), atom.group()
        joined = clusters and (text[0] in _CLOSING or text.isspace() or line[start - 1] in _OPENING)
        if joined:
            clusters[-1][1] = end
        else:
            clusters.append([start, end])
    advances = _advances(line)
    return [(start, end, sum(advances[start:end])) for start, end in clusters]


def column_widths(columns: Sequence[Sequence[str]], weights: Sequence[float], total: int, size_pt: int,
                  margin: int) -> list[int]:
    """Twips per column, summing exactly to ``total``.

    ``columns`` holds each column's lines of text (header included), ``weights`` the template's
    relative widths, ``size_pt`` the font size, ``margin`` the cell margin on each side.

    Each column gets ``clamp(share × weight, least, most)``: ``least`` fits its widest piece
    (capped, see ``_cap``), ``most`` its longest line, and ``share`` is chosen so that the
    columns fill the text width. The template's weights rather than the columns' content decide
    how the width in between is shared: they are the author's proportions, and they keep the
    table's look the same from month to month while progress texts grow. A column of names or
    dates that would still break a name where greedy wrapping falls is then narrowed to a width
    at which every line breaks between pieces, and the others share what it gave up.
    """
    tenth = size_pt * 2  # twips in a tenth of an em
    base = 2 * margin + _SLACK  # what a column needs besides its text
    widest = [max((text_width(p) for line in lines for _, p in pieces(line)), default=0) for lines in columns]
    longest = [max((text_width(line) for line in lines), default=0) for lines in columns]
    cap = _cap([w * tenth + base for w in widest], total)
    least = [min(w * tenth + base, cap) for w in widest]
    most = [w * tenth + base for w in longest]
    shares = list(weights)
    keeping = [i for i, w in enumerate(widest) if w * tenth + base <= cap]  # names and dates: kept whole

    def pinned(widths: list[float]) -> tuple[int, int] | None:
        """The first column of names or dates that breaks one, with a narrower width that does
        not; the last column free to move is never pinned: it takes what the others leave."""
        if sum(1 for share in shares if share) < 2:
            return None
        for index in keeping:
            if shares[index] and widths[index] < most[index]:
                capacity = math.floor((widths[index] - base) / tenth)
                fitting = _fitting(columns[index], capacity, widest[index], _SLACK // tenth)
                if fitting is not None:
                    return index, fitting * tenth + base
        return None

    while True:
        widths = _flex(total, least, most, shares)
        found = pinned(widths)
        if found is None:
            return _whole_twips(widths, total)
        index, width = found
        least[index] = most[index] = width
        shares[index] = 0  # it keeps that width; the others share the rest


def _fitting(lines: Sequence[str], capacity: int, widest: int, spread: int) -> int | None:
    """The largest capacity below ``capacity``, and no less than ``widest``, at which greedy
    wrapping breaks ``lines`` only between pieces; None when ``capacity`` already does, or
    none does.

    Word and LibreOffice may find up to ``spread`` tenths more room in a cell than counted
    here (``_SLACK``), so a capacity must keep the pieces whole across that range.
    """
    distinct = set(lines)  # a unit's name comes back on many rows

    def whole(at: int) -> bool:
        return all(keeps_pieces(line, c) for line in distinct for c in range(at, at + spread + 1))

    if whole(capacity):
        return None
    return next((c for c in range(capacity - 1, widest - 1, -1) if whole(c)), None)


def _cap(widest: list[int], total: int) -> int:
    """The most any column's minimum may be: a fifth of the text width, or less where the
    columns' minima would not fit the text width together."""
    rest, count = total, len(widest)
    for width in sorted(widest):
        if width * count > rest:
            return min(total // _CAP_SHARE, rest // count)
        rest -= width
        count -= 1
    return total // _CAP_SHARE


def _flex(total: int, least: list[int], most: list[int], weights: list[float]) -> list[float]:
    """Widths proportional to ``weights`` within [least, most], filling ``total``.

    Resolved as CSS flexbox resolves flexible lengths: clamp every free column, then freeze
    those that violate their minimum (if the violations add up to more width) or maximum
    (if less), and share the rest again. When even every column at its maximum leaves room,
    the room is shared by weight: text only gets more space.
    """
    if sum(most) <= total:
        extra = (total - sum(most)) / sum(weights)
        return [m + extra * w for m, w in zip(most, weights, strict=True)]
    widths: dict[int, float] = {}
    while len(widths) < len(weights):
        free = [i for i in range(len(weights)) if i not in widths]
        room = total - sum(widths.values())
        weight = sum(weights[i] for i in free)
        wanted = {i: room * weights[i] / weight if weight else 0.0 for i in free}
        clamped = {i: min(max(wanted[i], least[i]), most[i]) for i in free}
        violation = sum(clamped[i] - wanted[i] for i in free)
        frozen = [i for i in free if (violation >= 0 and clamped[i] > wanted[i])
                  or (violation <= 0 and clamped[i] < wanted[i])]
        for i in frozen or free:
            widths[i] = clamped[i]
    return [widths[i] for i in range(len(weights))]


def _whole_twips(widths: list[float], total: int) -> list[int]:
    """Whole twips summing to ``total``: each width rounded down, the twips left over going to
    the columns that lost most by it."""
    whole = [math.floor(w) for w in widths]
    by_loss = sorted(range(len(widths)), key=lambda i: whole[i] - widths[i])
    for i in by_loss[:total - sum(whole)]:
        whole[i] += 1
    return whole
