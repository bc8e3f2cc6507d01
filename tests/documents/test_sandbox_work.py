"""The work a user's template may do: its filters, tests, methods and operators count, and a clock.

The templates shipped with zwxt are trusted: they are neither charged nor timed. Each test
renders the same text once as a user's template and once as a shipped one (PACKAGE_TEMPLATES
pointed at a folder of the test's), so that it shows the difference the counting makes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zwxt.documents import sandbox, templates
from zwxt.documents.templates import render_template
from zwxt.errors import TemplateError


def _render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, *, users: bool,
            context: dict[str, Any] | None = None) -> str:
    folder = tmp_path / ("users" if users else "package")
    folder.mkdir(exist_ok=True)
    (folder / "t.j2").write_text(text, encoding="utf-8")
    if users:
        return render_template("t.j2", context or {}, folder)
    monkeypatch.setattr(templates, "PACKAGE_TEMPLATES", folder.resolve())
    return render_template("t.j2", context or {}, tmp_path / "no-templates")


# Filters, tests, methods and operators whose arguments the counting wraps or weighs: the
# result is the same with the counting as without it.
ORDINARY = "\n".join([
    "{{ missing | default('无') }} {{ missing is defined }} {{ none | default('空', true) }}",
    "{{ items | map(attribute='n') | select('odd') | list }} "
    "{{ items | selectattr('n', 'gt', 1) | list | length }}",
    "{{ range(5) | map('string') | join('-') }} {{ '、'.join(words | map('upper')) }}",
    "{{ (range(3) | map('string') | first) ~ (words | last) }} {{ words | reverse | list }}",
    "{{ mapping | dictsort }} {{ mapping.items() | list }} {{ mapping | items | list }}",
    "{{ items | groupby('kind') | map(attribute='grouper') | list }} "
    "{{ items | sort(attribute='n', reverse=true) | map(attribute='n') | list }}",
    "{{ [3, 1, 3] | unique | list }} {{ [[1], [2]] | sum(start=[]) }} {{ range(7) | batch(3) | list }}",
    "{{ 2 in [1, 2] }} {{ 'a' in mapping }} {{ 'bc' in 'abcd' }} {{ 3 is in range(5) }} "
    "{{ 'x' not in words }}",
    "{{ words | length }} {{ 'AB' is upper }} {{ words | tojson }} {{ 'a b c' | wordcount }}",
    "{% macro box(x) %}[{{ x }}]{% endmacro %}{% macro wrap() %}<{{ caller() }}>{% endmacro %}"
    "{{ box(1) }}{% call wrap() %}内{% endcall %}",
    "{{ '多段\n文字' | paras(credit='市审计局') }}",
    "{{ [words, 'c'] }} {{ 'a' ~ words ~ 1 }} {{ '%s-%s' % ('x', words) }}",
])
CONTEXT = {"items": [{"n": 1, "kind": "甲"}, {"n": 2, "kind": "乙"}, {"n": 3, "kind": "甲"}],
           "words": ["a", "b"], "mapping": {"b": 2, "a": 1}, "none": None}


def test_the_counting_changes_no_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted = _render(tmp_path, monkeypatch, ORDINARY, users=True, context=CONTEXT)
    shipped = _render(tmp_path, monkeypatch, ORDINARY, users=False, context=CONTEXT)
    assert counted == shipped
    assert counted.startswith("无 False 空\n[1, 3] 2\n0-1-2-3-4 A、B\n0b ['b', 'a']\n")


def test_the_counting_escapes_as_jinja_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within ``{% autoescape %}``, what is written and what ``~`` joins are escaped, Markup is not."""
    text = ("{% autoescape true %}{{ '<b>' }} {{ '<i>' | safe }} {{ '<u>' ~ words }} {{ '<s>' | upper }}"
            "{% endautoescape %} {{ '<b>' }}{% filter upper %}<p>{{ '<q>' }}{% endfilter %}")
    counted = _render(tmp_path, monkeypatch, text, users=True, context=CONTEXT)
    assert counted == _render(tmp_path, monkeypatch, text, users=False, context=CONTEXT)
    assert counted == "&lt;b&gt; <i> &lt;u&gt;[&#39;a&#39;, &#39;b&#39;] &lt;S&gt; <b><P><Q>"


@pytest.mark.parametrize("text", [
    "{{ range(3000) | list | length }}",  # a filter reads its input
    "{{ range(1000) | map('string') | join | length }}",  # ...and every item a generator gives
    "{{ range(300) | list | sort | first }}",  # sorting is several steps an item
    "{{ ('x' * 30000) | upper | length }}",  # text: a step for every few characters
    "{{ ('x' * 30000).replace('x', 'y') | length }}",  # a method of a text
    "{{ -1 in range(3000) | list }}",  # searching a list
    "{{ lipsum(20) | length }}",
    "{% set s = 'x' * 10000 %}{{ [s, s, s] }}",  # a list made text
])
def test_what_a_users_template_reads_counts_against_the_steps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sandbox, "MAX_STEPS", 2000)
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, monkeypatch, f"第一行\n{text}\n", users=True)
    assert caught.value.message == ("模板 t.j2 第 2 行 运算量过大："
                                    "循环、调用和过滤器处理的数据合计超过了 2000 步的上限")
    assert caught.value.exit_code == 2
    _render(tmp_path, monkeypatch, f"第一行\n{text}\n", users=False)  # shipped: not charged


def test_a_users_template_is_stopped_by_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0)
    loop = "{% for i in range(1000) %}{{ i }}{% endfor %}\n"
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path, monkeypatch, "开头\n" + loop, users=True)
    assert caught.value.message == "模板 t.j2 第 2 行 运算量过大：模板运行超过了 0 秒的上限"
    assert caught.value.hint.startswith("请检查该行和它所在的循环、宏")
    assert _render(tmp_path, monkeypatch, loop, users=False).endswith("999")  # shipped: not timed
