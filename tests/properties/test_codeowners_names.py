"""Every unit name R105 accepts is read by a real CODEOWNERS parser as the pattern zwxt means.

PyPI's ``codeowners`` (gitignore matching, as GitHub and GitLab) is given the CODEOWNERS that
``zwxt codeowners`` writes for a plan with one unit of an arbitrary name: that unit's report
is owned by its maintainer, a report of a name one character off by the coordinator.
"""

from __future__ import annotations

import json

import pytest
from codeowners import CodeOwners
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.gitplan import UNITS
from tests.support import plan_files
from zwxt.services.codeowners import codeowners_text
from zwxt.store import layout

KNOWN = {"市审计局", "市网信统筹局", "市公安局", "蓬江区", "台山市", "审计局", "网信统筹局", "蓬江区政府",
         "市直有关部门", "各市（区）政府"}
# Characters that mean something to gitignore, shells, YAML or CODEOWNERS, and Chinese.
ALPHABET = st.sampled_from(list("市审计局（）()【】[]{}!#~^$@%&+=,;'`-_. \u3000\t!*?\\") + ["**"])
UNIT = "  - name: {name}\n    kind: 部门\n    maintainers: [own@example.gov.cn]\n"
COORDINATOR = [("EMAIL", "wxj@example.gov.cn")]


def _owners(name: str) -> CodeOwners:
    plan = plan_files()
    unit = UNIT.format(name=json.dumps(name))
    plan.write("data/units.yaml", UNITS.replace("groups:\n", unit + "groups:\n"))
    return CodeOwners(codeowners_text(plan.load().usable_plan()))


@pytest.mark.slow
@given(st.lists(ALPHABET, min_size=1, max_size=8).map("".join))
def test_a_name_r105_accepts_is_matched_literally(name: str) -> None:
    assume(layout.name_problem(name) is None and not {name, name + "局", "局" + name} & KNOWN)
    owners = _owners(name)
    assert owners.of(f"reports/2018-03/{name}.yaml") == [("EMAIL", "own@example.gov.cn")]
    for near in {name + "局", "局" + name, name[:-1] + ("审" if name[-1] != "审" else "计")} - {name}:
        assert owners.of(f"reports/2018-03/{near}.yaml") == COORDINATOR, near


def test_names_with_brackets_or_spaces_would_not_be_literal() -> None:
    # what R105 refuses, and why: PyPI's parser reads "[试点]" as a range, "\u3000" ends the pattern
    for name in ("市[试点]局", "市\u3000局"):
        assert layout.name_problem(name) is not None
        text = f"* wxj@example.gov.cn\n/reports/*/{name}.yaml own@example.gov.cn\n"
        assert CodeOwners(text).of(f"reports/2018-03/{name}.yaml") != [("EMAIL", "own@example.gov.cn")]
