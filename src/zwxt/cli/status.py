"""zwxt status."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from zwxt.options import StatusFormat


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="日期", help="以哪一天为准，YYYY-MM-DD（默认今天）")] = None,
    unit: Annotated[str | None, typer.Option(
        "--unit", "-u", metavar="单位", help="只看这个单位负责（牵头或配合）的任务")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列出逾期的任务")] = False,
    month: Annotated[str | None, typer.Option(
        "--month", "-m", metavar="月份", help="改为查看该月各单位的报送情况（列出未报送）")] = None,
    output: Annotated[StatusFormat, typer.Option(
        "--format", "-f", help="输出格式：table 终端表格，json，csv（Excel/WPS 可直接打开），markdown")
    ] = StatusFormat.table,
    fail_on_overdue: Annotated[bool, typer.Option(
        "--fail-on-overdue", help="有逾期任务时以退出码 1 结束（用于定时 CI 任务）")] = False,
) -> int:
    """查看工作方案的推进情况：每项任务的状态、完成单位数和量化指标，逾期任务标红。

    例：zwxt status --as-of 2018-06-30；zwxt status --unit 市审计局；zwxt status --overdue；
    zwxt status --month 2018-04（查看该月各单位是否按时报送：报送日期是添加报告的提交进入主线的日期）；
    zwxt status --format csv > 进展.csv

    数据文件有错误时不显示任何结果（退出码 1）；有错误的报告不计入，并在最后列出。
    """
    from rich.text import Text

    from zwxt.cli.args import parse_day_arg, parse_month_arg
    from zwxt.cli.console import err_console
    from zwxt.cli.output import warn_left_out
    from zwxt.cli.status_output import print_status, print_submissions
    from zwxt.services.status import month_submissions
    from zwxt.services.status import status as run_status
    from zwxt.store.repo import find_repository, working_directory
    from zwxt.wording import dates_notes

    repo = find_repository(working_directory(), ctx.obj.root)
    if month is not None:
        sent = month_submissions(repo, parse_month_arg(month), unit)
        print_submissions(sent.submissions, output)
        for note in dates_notes(sent.submissions):
            err_console.print(Text(f"注意：{note}", style="yellow"))
        warn_left_out(err_console, sent.left_out, "未计入报送情况")
        return 0
    day = parse_day_arg(as_of) if as_of else date.today()
    report = run_status(repo, day, unit)
    full = report.status
    print_status(full.only_overdue() if overdue else full, output)
    warn_left_out(err_console, report.left_out, "未计入统计")
    return 1 if fail_on_overdue and full.only_overdue().tasks else 0
