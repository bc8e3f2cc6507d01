"""Where things live: which files are reports, and the month a report's folder names."""

from __future__ import annotations

import pytest

from zwxt.dates import Month
from zwxt.store import layout


@pytest.mark.parametrize("rel", ["reports/2018-03/市审计局.yaml", "reports/2018-03/蓬江区.yml",
                                 "reports/2018-03/蓬江区.YAML", "reports/市审计局.yaml",
                                 "reports/2018-03/.草稿.yaml", "reports/a/b/c.yaml"])
def test_is_report_file(rel: str) -> None:
    assert layout.is_report_file(rel)


@pytest.mark.parametrize("rel", ["reports/2018-03/市审计局.txt", "data/2018-03/市审计局.yaml",
                                 "data/tasks.yaml", "reports/2018-03/市审计局.yaml.bak", "reportsx/a.yaml"])
def test_is_not_report_file(rel: str) -> None:
    assert not layout.is_report_file(rel)


@pytest.mark.parametrize(("rel", "month"), [
    ("reports/2018-03/市审计局.yaml", Month(2018, 3)),
    ("reports/2018-12/a.yml", Month(2018, 12)),
    ("reports/2018-3/市审计局.yaml", None),
    ("reports/2018年3月/市审计局.yaml", None),
    ("reports/2018-13/市审计局.yaml", None),
    ("reports/市审计局.yaml", None),
    ("reports/2018-03/extra/市审计局.yaml", None),
    ("data/2018-03/市审计局.yaml", None),
])
def test_folder_month(rel: str, month: Month | None) -> None:
    assert layout.folder_month(rel) == month


def test_report_stem_and_place() -> None:
    assert layout.report_stem("reports/2018-03/市审计局.YAML") == "市审计局"
    assert layout.report_stem("reports/2018-03/a.b.yaml") == "a.b"
    assert layout.report_rel(Month(2018, 3), "市审计局") == "reports/2018-03/市审计局.yaml"
