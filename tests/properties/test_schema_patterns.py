"""The patterns of the JSON Schemas take exactly the texts the validators of zwxt check take.

The schemas (zwxt schema) say in regular expressions what the model's validators say in code:
a calendar day in 1900-2999, a month, a task number, a figure within bounds. Generated texts
near every edge (years, Februaries, leading zeros, digit groups, 10^12, spaces) are given to both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zwxt.plan import base, tasks


def _takes(validator: Callable[[str], object], text: str) -> bool:
    try:
        validator(text)
    except Exception:
        return False
    return True


PATTERNS = {
    "date": (base.DATE_PATTERN, base._date),
    "month": (base.MONTH_PATTERN, base._month),
    "task": (base.TASK_ID_PATTERN, base._task_id),
    "reply days": (tasks.REPLY_DAYS_PATTERN, tasks._reply_days),
    "figure": (base.FIGURE_PATTERN, base._number),
    "positive figure": (base.POSITIVE_FIGURE_PATTERN, base._target),
}
_digits = st.text("0123456789", min_size=1, max_size=4)
_days = st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(1850, 3050).map(str),
                  st.sampled_from([f"{m:02d}" for m in range(14)] + ["1"]),
                  st.sampled_from([f"{d:02d}" for d in range(33)] + ["9"]))
_months = st.builds(lambda y, m: f"{y}-{m}", st.integers(1850, 3050).map(str),
                    st.sampled_from([f"{m:02d}" for m in range(14)] + ["1"]))
_groups = st.builds(lambda first, rest, fraction: first + "".join("," + g for g in rest) + fraction,
                    st.text("0129", min_size=1, max_size=3), st.lists(st.text("09", min_size=3, max_size=3),
                                                                      max_size=6),
                    st.sampled_from(["", ".0", ".00", ".5", ".125"]))  # (past 3 decimals float rounding
# at 10^12 would make `_number` take 1000000000000.0001: no pattern follows float arithmetic)
_numbers = st.one_of(_digits, _groups, _groups.map(lambda s: s.replace(",", "")),
                     st.builds(lambda zeros, s: "0" * zeros + s, st.integers(0, 40), _digits),
                     st.text("0123456789,. ", max_size=14),
                     st.sampled_from(["1000000000000", "1000000000001", "999999999999.9", "100000", "100001",
                                      "60", "61", "000060"]))
_spaced = st.builds(lambda left, s, right: left + s + right, st.sampled_from(["", " ", "\u3000"]),
                    st.one_of(_days, _months, _numbers), st.sampled_from(["", " ", "\t"]))


@pytest.mark.parametrize("kind", sorted(PATTERNS))
@given(text=_spaced)
def test_a_pattern_matches_exactly_the_texts_its_validator_takes(kind: str, text: str) -> None:
    pattern, validator = PATTERNS[kind]
    assert bool(re.search(pattern, text)) == _takes(validator, text), (kind, text)


YEARS_AT_EDGES = [*range(1896, 1906), *range(1996, 2005), *range(2096, 2105), *range(2396, 2405), 2800,
                  *range(2996, 3002)]


def test_the_date_pattern_knows_every_day_of_the_years_at_the_edges() -> None:
    # every month and day, also impossible ones, of the years where leap years and the range turn
    texts = [f"{y}-{m:02d}-{d:02d}" for y in YEARS_AT_EDGES for m in range(14) for d in range(33)]
    pattern = re.compile(base.DATE_PATTERN)
    assert [t for t in texts if bool(pattern.search(t)) != _takes(base._date, t)] == []
    assert sum(bool(pattern.search(t)) for t in texts) == sum(
        366 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 365
        for y in YEARS_AT_EDGES if 1900 <= y <= 2999)
