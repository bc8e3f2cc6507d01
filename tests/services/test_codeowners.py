"""CODEOWNERS from data/units.yaml: the text is written out in full here, by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import UNITS_YAML, PlanFiles, PlanRepo
from zwxt.diagnostics import Severity
from zwxt.errors import BrokenPlanError, FileExistsRefusal, UsageError
from zwxt.services.check import check
from zwxt.services.codeowners import State, codeowners_state, codeowners_text, write_codeowners
from zwxt.store.repo import Repository

HEADER = (
    "# 本文件由 zwxt codeowners 生成（依据 data/units.yaml 中各单位的 maintainers 和 data/tasks.yaml "
    "的统筹单位），请勿手工修改。\n"
    "# 单位或维护人有变化时，修改 data/units.yaml 后运行 zwxt codeowners 重新生成。\n"
)

# The fixture's coordinator, 市网信统筹局, has no maintainers: only 市审计局's reports have owners.
WITHOUT_COORDINATOR_MAINTAINERS = HEADER + """
# 统筹单位市网信统筹局没有登记 maintainers：数据文件和模板暂无负责人

# 各单位的月度报告
/reports/*/市审计局.yaml sjj@example.gov.cn
# 市网信统筹局没有登记 maintainers，统筹单位也没有：其报告暂无负责人
# 市公安局没有登记 maintainers，统筹单位也没有：其报告暂无负责人
# 蓬江区没有登记 maintainers，统筹单位也没有：其报告暂无负责人
# 台山市没有登记 maintainers，统筹单位也没有：其报告暂无负责人
"""

WITH_COORDINATOR_MAINTAINERS = HEADER + """
# 报告以外的一切文件（数据文件、模板、本文件、CI 配置）：统筹单位市网信统筹局
* wx@example.gov.cn zc@example.gov.cn
/data/ wx@example.gov.cn zc@example.gov.cn
/templates/ wx@example.gov.cn zc@example.gov.cn

# 各单位的月度报告
/reports/*/市审计局.yaml sjj@example.gov.cn
/reports/*/市网信统筹局.yaml wx@example.gov.cn zc@example.gov.cn
/reports/*/市公安局.yaml gaj@example.gov.cn
# 蓬江区没有登记 maintainers，其报告由统筹单位市网信统筹局的维护人负责
/reports/*/蓬江区.yaml wx@example.gov.cn zc@example.gov.cn
# 台山市没有登记 maintainers，其报告由统筹单位市网信统筹局的维护人负责
/reports/*/台山市.yaml wx@example.gov.cn zc@example.gov.cn
"""


def _with_maintainers(units: str = UNITS_YAML) -> str:
    """The fixture's units, the coordinator and 市公安局 with maintainers."""
    units = units.replace("    lead_office: 电子政务科\n",
                          "    lead_office: 电子政务科\n"
                          "    maintainers: [wx@example.gov.cn, zc@example.gov.cn, wx@example.gov.cn]\n")
    units = units.replace("    lead_office: 科技信息化科\n",
                          "    lead_office: 科技信息化科\n    maintainers: [gaj@example.gov.cn]\n")
    return units


def test_only_units_with_maintainers_own_reports_when_the_coordinator_has_none(plan: PlanFiles) -> None:
    assert codeowners_text(plan.load().usable_plan()) == WITHOUT_COORDINATOR_MAINTAINERS


def test_the_coordinator_owns_data_templates_and_the_reports_of_units_without_maintainers(
        plan: PlanFiles) -> None:
    plan.write("data/units.yaml", _with_maintainers())
    # a space in a name is escaped; a maintainer listed twice is named once
    assert codeowners_text(plan.load().usable_plan()) == WITH_COORDINATOR_MAINTAINERS


def test_aliases_get_no_line_of_their_own(plan: PlanFiles) -> None:
    text = codeowners_text(plan.load().usable_plan())
    assert "审计局.yaml" in text and "/审计局.yaml" not in text


def test_the_same_plan_gives_the_same_text_in_units_yaml_order(plan: PlanFiles) -> None:
    first = codeowners_text(plan.load().usable_plan())
    assert first == codeowners_text(plan.load().usable_plan())
    lines = [line for line in first.splitlines() if line.startswith("/reports/")]
    assert lines == ["/reports/*/市审计局.yaml sjj@example.gov.cn"]


def test_without_a_coordinator_nobody_owns_the_data(plan: PlanFiles) -> None:
    plan.edit("data/tasks.yaml", "  coordinator: 市网信统筹局\n", "")
    text = codeowners_text(plan.load().usable_plan())
    assert "# 方案没有指定统筹单位（plan.coordinator）：数据文件和模板暂无负责人\n" in text
    assert "/data/" not in text


# ---- writing -------------------------------------------------------------------------------

def test_write_then_state(plan_repo: PlanRepo) -> None:
    repo = Repository(plan_repo.root)
    assert codeowners_state(repo).state is State.MISSING
    result = write_codeowners(repo)
    assert (result.path, result.state) == (plan_repo.root / "CODEOWNERS", State.MISSING)
    assert result.path.read_text(encoding="utf-8") == WITHOUT_COORDINATOR_MAINTAINERS
    assert codeowners_state(repo).state is State.CURRENT
    assert write_codeowners(repo).state is State.CURRENT
    plan_repo.write("data/units.yaml", _with_maintainers())
    assert codeowners_state(repo).state is State.STALE
    assert write_codeowners(repo).state is State.STALE
    assert result.path.read_text(encoding="utf-8") == WITH_COORDINATOR_MAINTAINERS


def test_a_hand_written_codeowners_is_replaced_only_when_forced(plan_repo: PlanRepo) -> None:
    path = plan_repo.write("CODEOWNERS", "* boss@example.gov.cn\n")
    repo = Repository(plan_repo.root)
    with pytest.raises(FileExistsRefusal):
        write_codeowners(repo)
    assert path.read_text(encoding="utf-8") == "* boss@example.gov.cn\n"
    write_codeowners(repo, force=True)
    assert path.read_text(encoding="utf-8") == WITHOUT_COORDINATOR_MAINTAINERS


def test_output_elsewhere(plan_repo: PlanRepo, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "CODEOWNERS"
    write_codeowners(Repository(plan_repo.root), target)
    assert target.read_text(encoding="utf-8") == WITHOUT_COORDINATOR_MAINTAINERS
    assert not (plan_repo.root / "CODEOWNERS").exists()


def test_a_link_out_of_the_repository_is_not_written_through(plan_repo: PlanRepo, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_text("theirs\n", encoding="utf-8")
    (plan_repo.root / "CODEOWNERS").symlink_to(outside)
    with pytest.raises(UsageError):
        write_codeowners(Repository(plan_repo.root), force=True)
    assert outside.read_text(encoding="utf-8") == "theirs\n"


def test_broken_data_stops_it(plan_repo: PlanRepo) -> None:
    plan_repo.write("data/units.yaml", UNITS_YAML.replace("kind: 部门", "kind: 科室", 1))
    with pytest.raises(BrokenPlanError):
        write_codeowners(Repository(plan_repo.root))
    assert not (plan_repo.root / "CODEOWNERS").exists()


# ---- zwxt check: G001 ----------------------------------------------------------------------

def _g001(repo: Repository) -> list[tuple[str, int, int, Severity, str]]:
    return [(d.path, d.line, d.column, d.severity, d.hint) for d in check(repo).diagnostics
            if d.code == "G001"]


def test_check_warns_while_a_committed_codeowners_is_out_of_date(plan_repo: PlanRepo) -> None:
    repo = Repository(plan_repo.root)
    assert _g001(repo) == []  # no CODEOWNERS at all: nothing to say
    plan_repo.write(".github/CODEOWNERS", WITH_COORDINATOR_MAINTAINERS)
    assert _g001(repo) == [(".github/CODEOWNERS", 1, 1, Severity.WARNING, "运行 zwxt codeowners 重新生成")]
    plan_repo.write("data/units.yaml", _with_maintainers())
    assert _g001(repo) == []
    plan_repo.write("CODEOWNERS", WITH_COORDINATOR_MAINTAINERS.replace("\n", "\r\n"))  # a Windows checkout
    assert _g001(repo) == []
    plan_repo.write("docs/CODEOWNERS", "* boss@example.gov.cn\n")
    assert [g[0] for g in _g001(repo)] == ["docs/CODEOWNERS"]


def test_check_says_nothing_of_codeowners_when_the_plan_is_broken_or_for_single_reports(
        plan_repo: PlanRepo) -> None:
    plan_repo.write("CODEOWNERS", "stale\n")
    plan_repo.report("2017-11", "市审计局")
    repo = Repository(plan_repo.root)
    assert [d.code for d in check(repo, [plan_repo.root / "reports/2017-11"]).diagnostics] == []
    plan_repo.write("data/units.yaml", UNITS_YAML.replace("kind: 部门", "kind: 科室", 1))
    assert "G001" not in {d.code for d in check(repo).diagnostics}
