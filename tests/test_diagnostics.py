"""Findings are capped per file and per code, and what is left unlisted is still counted."""

from __future__ import annotations

from zwxt.diagnostics import MAX_PER_CODE, MAX_PER_FILE, Diagnostic, Severity, capped, error, warning


def _many(path: str, code: str, count: int, first_line: int = 1) -> list[Diagnostic]:
    return [error(path, first_line + i, 1, code, f"第 {i} 处") for i in range(count)]


def test_a_few_findings_are_listed_as_they_are() -> None:
    found = _many("a.yaml", "Y006", MAX_PER_CODE)
    assert capped(found) == found


def test_findings_of_one_code_past_the_cap_are_counted_in_one_line() -> None:
    found = _many("a.yaml", "Y006", 1000)
    shown = capped(found)
    assert shown[:MAX_PER_CODE] == found[:MAX_PER_CODE]
    assert len(shown) == MAX_PER_CODE + 1
    note = shown[-1]
    assert (note.code, note.line, note.severity) == ("Y006", MAX_PER_CODE + 1, Severity.ERROR)
    assert "另有 980 处同类问题" in note.message
    assert sum(d.count for d in shown) == 1000


def test_each_file_and_each_code_has_its_own_cap() -> None:
    found = [*_many("a.yaml", "S002", 30), *_many("a.yaml", "Y004", 25, first_line=100),
             *_many("b.yaml", "S002", 30)]
    shown = capped(sorted(found))
    assert [(d.path, d.code, d.hidden) for d in shown if d.hidden] == [
        ("a.yaml", "S002", 9), ("a.yaml", "Y004", 4), ("b.yaml", "S002", 9)]
    assert sum(d.count for d in shown) == 85


def test_a_summary_left_unlisted_is_an_error_only_if_an_error_was() -> None:
    found = [warning("a.yaml", i, 1, "R302", "警告") for i in range(1, 30)]
    assert capped(found)[-1].severity is Severity.WARNING
    found.append(error("a.yaml", 99, 1, "R302", "错误"))
    assert capped(found)[-1].severity is Severity.ERROR


def test_a_file_with_many_kinds_of_findings_is_capped_as_a_whole() -> None:
    found = sorted(d for n in range(30) for d in _many("a.yaml", f"X{n:03d}", 10, first_line=n * 10 + 1))
    shown = capped(found)
    assert len(shown) == MAX_PER_FILE
    assert shown[-1].code == "F006"
    assert sum(d.count for d in shown) == 300


def test_json_carries_the_count_only_on_a_summary() -> None:
    shown = capped(_many("a.yaml", "Y006", 25))
    assert "hidden" not in shown[0].to_dict()
    assert shown[-1].to_dict()["hidden"] == 4
