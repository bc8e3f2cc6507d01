"""Status exports: numbers as people write them, and CSV that Excel and WPS open as Chinese text."""

from __future__ import annotations

from datetime import date

from zwxt.services.status import PlanStatus
from zwxt.services.status_export import format_number, status_csv, submissions_markdown


def test_numbers_are_written_without_a_needless_decimal() -> None:
    assert (format_number(500), format_number(500.0), format_number(2.5)) == ("500", "500", "2.5")


def test_empty_status_csv_is_a_header_with_a_byte_order_mark() -> None:
    assert status_csv(PlanStatus(date(2018, 3, 31), None)) == \
        "\ufeff序号,任务,牵头单位,完成时间,到期日,状态,完成单位,量化指标\r\n"


def test_submissions_markdown_has_title_table_and_summary() -> None:
    text = submissions_markdown("2018年3月报送情况", [], "应报送 0 个单位")
    assert text == ("## 2018年3月报送情况\n\n| 单位 | 报送情况 | 文件 | 未完成任务数 |\n|---|---|---|---|\n"
                    "\n应报送 0 个单位\n")
