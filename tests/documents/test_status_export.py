"""Status exports: CSV that Excel and WPS open as Chinese text, Markdown with its title and summary."""

from __future__ import annotations

from datetime import date

from zwxt.dates import Month
from zwxt.documents.status_export import status_csv, status_markdown, submissions_json, submissions_markdown
from zwxt.plan.status import PlanStatus, Submission, Submissions, SubmissionState


def test_empty_status_csv_is_a_header_with_a_byte_order_mark() -> None:
    assert status_csv(PlanStatus(date(2018, 3, 31), None)) == \
        "\ufeff序号,任务,牵头单位,完成时间,到期日,状态,完成单位,量化指标\r\n"


def test_status_markdown_names_the_day_and_the_unit() -> None:
    text = status_markdown(PlanStatus(date(2018, 3, 31), "市审计局"))
    assert text.startswith("## 市审计局的任务进展（截至 2018年3月31日）\n\n| 序号 |")
    assert text.endswith("\n没有符合条件的任务\n")


def test_submissions_markdown_has_title_table_and_summary() -> None:
    text = submissions_markdown(Submissions(Month(2018, 3), None, []))
    assert text == ("## 2018年3月报送情况\n\n报送期限：次月5日前（无法确定）\n\n"
                    "| 单位 | 报送情况 | 报送日期 | 是否按时 | 文件 | 未完成任务数 |\n"
                    "|---|---|---|---|---|---|\n"
                    "\n2018年3月：应报送 0 个单位，已报送 0 个，未报送 0 个\n")


def test_submissions_json_gives_codes_and_labels() -> None:
    items = Submissions(Month(2018, 3), None, [
        Submission("市审计局", SubmissionState.REJECTED, "reports/2018-03/审计局.yaml", 2)])
    assert '"status": "rejected"' in submissions_json(items)
    assert '"label": "有错误，未计入"' in submissions_json(items)
