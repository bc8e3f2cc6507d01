"""A broken data file stops every command the same way: the located findings, exit 1.

Never exit 0 (a scheduled job would stay green) and never exit 3 (that is for zwxt's own
bugs); never a traceback; nothing written.
"""

from __future__ import annotations

import pytest

from tests.support import TASKS_YAML, UNITS_YAML, PlanRepo, run_cli

#               name: (file, text replaced, by, where the finding points)
BREAKAGES = {
    "tab": ("data/tasks.yaml", "  - id: 2\n    text:", "  - id: 2\n\ttext:", "data/tasks.yaml:19:1 Y003"),
    "id 8a": ("data/tasks.yaml", "  - id: 2\n", "  - id: 8a\n", "data/tasks.yaml:18:9 S003"),
    "no tasks": ("data/tasks.yaml", TASKS_YAML[TASKS_YAML.index("tasks:"):], "tasks: []\n",
                 "data/tasks.yaml:11:8 S003"),
    "no plan": ("data/tasks.yaml", TASKS_YAML[:TASKS_YAML.index("tasks:")], "", "data/tasks.yaml:1:1 S001"),
    "unknown lead": ("data/tasks.yaml", "    lead: [市审计局]\n", "    lead: [审计处]\n",
                     "data/tasks.yaml:14:12 R202"),
    "unreadable deadline": ("data/tasks.yaml", "deadline: 2017年12月底前", "deadline: 每年12月底前",
                            "data/tasks.yaml:16:15 R203"),
    "units colon": ("data/units.yaml", "  - name: 市公安局\n", "  - name:市公安局\n",
                    "data/units.yaml:13:10 Y001"),
    "units kind": ("data/units.yaml", "    kind: 地方政府\n    lead_office: 台山市",
                   "    kind: 县\n    lead_office: 台山市", "data/units.yaml:22:11 S004"),
}

COMMANDS = {
    "check": ["check"],
    "status": ["status", "--as-of", "2018-06-30"],
    "status --fail-on-overdue": ["status", "--fail-on-overdue"],
    "status --month": ["status", "--month", "2018-03"],
    "status --format json": ["status", "--format", "json"],
    "report new": ["report", "new", "--unit", "市审计局", "--month", "2018-04"],
    "render FILE": ["render", "reports/2018-03/市审计局.yaml"],
    "render --month": ["render", "--month", "2018-03"],
    "render --summary": ["render", "--month", "2018-03", "--summary"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_every_command_stops_at_a_broken_data_file(plan_repo: PlanRepo, breakage: str,
                                                   command: str) -> None:
    rel, old, new, where = BREAKAGES[breakage]
    text = {"data/tasks.yaml": TASKS_YAML, "data/units.yaml": UNITS_YAML}[rel]
    assert old in text, old
    plan_repo.write(rel, text.replace(old, new, 1))
    plan_repo.report("2018-03", "市审计局",
                     tasks="- task: 1\n  status: 推进中\n- task: 2\n  status: 推进中\n")
    before = sorted(p.relative_to(plan_repo.root).as_posix() for p in plan_repo.root.rglob("*"))
    result = run_cli(*COMMANDS[command])
    assert result.code == 1, (result.stdout, result.stderr)
    shown = result.stdout if command == "check" else result.stderr
    assert where in shown
    assert "Traceback" not in result.stdout + result.stderr
    assert "内部错误" not in result.stderr
    if command != "check":
        assert result.stdout == ""
        assert "工作方案无法使用" in result.stderr
    assert sorted(p.relative_to(plan_repo.root).as_posix() for p in plan_repo.root.rglob("*")) == before
