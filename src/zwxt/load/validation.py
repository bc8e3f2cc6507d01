"""Validating a parsed file (a data file, a report) against its record: pydantic's errors said in
Chinese and located."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from zwxt.diagnostics import MAX_PER_CODE, Diagnostic, error, is_error
from zwxt.parse import Mended, Parsed, key_without_space
from zwxt.positions import Mark, PathKey
from zwxt.textnorm import close_matches, did_you_mean

M = TypeVar("M", bound=BaseModel)


def checked_record(model: type[M], rel: str, mended: Mended) -> tuple[M | None, Parsed, list[Diagnostic]]:
    """The file's record (None when it has errors), as parsed, and what parsing and validating
    found: a file with mechanical mistakes is read mended (zwxt.parse), each mistake an error,
    so that the rest of its findings come in the same run. (Positions come when a finding
    needs them: ``Parsed.located``.)"""
    parsed = mended.parsed
    found = [*mended.findings(rel), *parsed.diagnostics]
    if parsed.data is None or any(is_error(d) for d in parsed.diagnostics):
        return None, parsed, found
    record, problems = validate(model, parsed, rel)
    return record, parsed, [*found, *problems]


def validate(model: type[M], parsed: Parsed, path: str) -> tuple[M | None, list[Diagnostic]]:
    """The record, or None with one located finding per schema error (``parsed`` is read
    again with positions for them when it was read without)."""
    if not isinstance(parsed.data, dict):
        mark = parsed.located().positions.value(())
        hint = "每一行应是“键: 值”的形式"
        if isinstance(parsed.data, str):
            # `unit:市审计局` or `unit：市审计局` on every line: the whole file is one text.
            typed = key_without_space(parsed.data)
            if typed is not None:
                hint = (f"键「{typed[0]}」的冒号后要加一个空格，写成 {typed[0]}: {typed[1]}；"
                        "其他各行也一样，英文冒号后都要有空格")
            elif "：" in parsed.data:
                hint = "键后面用了全角冒号“：”：请切换到英文输入法，改成英文冒号加空格"
        return None, [error(path, mark.line, mark.column, "S003",
                            "文件内容应是“键: 值”的映射，而不是一段文字或列表", hint)]
    try:
        return model.model_validate(parsed.data), []
    except ValidationError as exc:
        return None, _diagnostics(model, parsed.located(), path, exc.errors())


def _diagnostics(model: type[BaseModel], parsed: Parsed, path: str, errors: list[Any]) -> list[Diagnostic]:
    """One finding per error, up to what diagnostics.capped lists of a kind; the rest counted.

    The first error of a kind past the cap stands for all the others (``hidden``), so that a
    file of 100,000 mistakes costs no more than one of a hundred.
    """
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    standing_for: dict[str, int] = {}  # kind -> index in found of the finding counting the rest
    for e in errors:
        kind = e["type"]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= MAX_PER_CODE + 1:
            found.append(_diagnostic(model, parsed, path, e, brief=seen[kind] > MAX_PER_CODE))
            if seen[kind] == MAX_PER_CODE + 1:
                standing_for[kind] = len(found) - 1
    for kind, index in standing_for.items():
        found[index] = dataclasses.replace(found[index], hidden=seen[kind] - MAX_PER_CODE - 1)
    return found


def _diagnostic(model: type[BaseModel], parsed: Parsed, path: str, err: Any,
                brief: bool = False) -> Diagnostic:
    loc: PathKey = tuple(err["loc"])
    kind: str = err["type"]
    name = _describe(model, loc)
    value = err.get("input")
    positions = parsed.positions
    if kind == "missing":
        if positions.has(loc):
            return _at(path, positions.key(loc), "S001", f"{name}不能为空", "请填写内容", loc)
        parent = loc[:-1]
        where = positions.key(parent) if parent else positions.value(())
        return _at(path, where, "S001", f"缺少必填字段{name}",
                   f"请在{_describe(model, parent) if parent else '文件顶层'}下添加 {loc[-1]}: …", loc)
    if kind == "extra_forbidden":
        return _at(path, positions.key(loc), "S002", f"未知字段「{loc[-1]}」",
                   "" if brief else _field_hint(model, loc), loc)
    mark = positions.value(loc)
    if kind == "enum":
        expected = err["ctx"]["expected"].replace(" or ", ", ").split(", ")
        options = "、".join(str(o).strip("'") for o in expected)
        return _at(path, mark, "S004", f"{name}的值「{value}」不在可选范围内", f"可选：{options}", loc)
    if kind in _CUSTOM_HINTS:
        code = "S005" if kind in ("zw_date", "zw_month") else "S003"
        return _at(path, mark, code, f"{name}：{err['msg']}", _CUSTOM_HINTS[kind], loc)
    message, hint = _type_message(kind, err, value)
    return _at(path, mark, "S003", f"{name}{message}", hint, loc)


# The model's own validators say what is wrong; these say how to write it instead.
_CUSTOM_HINTS = {
    "zw_date": "日期一律写成 YYYY-MM-DD，月、日不足两位的前面补 0，例如 2018-03-31",
    "zw_month": "月份写成 YYYY-MM，例如 2018-03；报告的月份须与所在文件夹一致",
    "zw_number": "只写数字，单位写在 data/tasks.yaml 的 unit 中，例如 开放数据集: 312",
    "zw_email": "写负责人提交 git 时所用的邮箱，例如 zhangsan@example.gov.cn",
    "zw_task_id": "只写任务分工表中的序号，用半角阿拉伯数字，例如 task: 3",
    "zw_workdays": "写 1 到 60 之间的半角阿拉伯数字，例如 notice_reply_days: 5",
}


def _type_message(kind: str, err: Any, value: Any) -> tuple[str, str]:
    colon_hint = _colon_hint(value)
    if kind in ("list_type", "tuple_type"):
        return "应为列表", colon_hint or "列表的每一项另起一行，以“- ”开头"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return "应为“键: 值”的映射", colon_hint or "下一级内容另起一行并多缩进两个空格"
    if kind == "string_type":
        return "应为一段文字", "如果文字里有英文冒号、# 或以 - 开头，请用引号括起来，或改用 | 写多行文字"
    if kind.startswith("int_"):
        return f"应为整数，而不是「{value}」", "只写阿拉伯数字，不带单位、小数点或文字，例如 3"
    if kind.startswith("float_"):
        return f"应为数字，而不是「{value}」", "只写阿拉伯数字，不带单位或文字，例如 12.5"
    if kind in ("too_short", "string_too_short"):
        return "不能为空", "至少要填写一项" if kind == "too_short" else "请填写内容"
    if kind in ("greater_than_equal", "greater_than"):
        bound = err["ctx"].get("ge", err["ctx"].get("gt"))
        return f"应不小于 {bound}，而不是「{value}」", f"请改为不小于 {bound} 的数"
    return f"不符合要求（{err['msg']}）", "请对照 README 中该字段的说明修改"


def _colon_hint(value: Any) -> str:
    """How to write a next-level key that was typed so that it parsed as text instead.

    ``key_tasks：无`` (a full-width colon) and ``key_tasks:无`` (no space after the colon)
    are both one piece of text to YAML, so a mapping or a list expected there is missing.
    """
    if not isinstance(value, str):
        return ""
    typed = key_without_space(value)
    if typed is not None:
        return f"如果本意是写下一级的键，键「{typed[0]}」的冒号后要加一个空格，写成 {typed[0]}: {typed[1]}"
    if "：" in value:
        return "如果本意是写下一级的键，请注意键后面要用英文冒号加空格，不能用全角冒号“：”"
    return ""


def _at(path: str, mark: Mark, code: str, message: str, hint: str, loc: PathKey) -> Diagnostic:
    return error(path, mark.line, mark.column, code, message, hint, loc)


def _describe(model: type[BaseModel], loc: PathKey) -> str:
    """``loc`` as a user sees it: the key, with the field's Chinese title."""
    keys = [str(p) for p in loc if not isinstance(p, int)]
    if not keys:
        return "文件"
    key = keys[-1]
    info = _field(model, loc)
    if info is None:
        # A free key inside a mapping field, such as a metric name under metrics.
        parent = _field(model, loc[:-1])
        return f"{parent.title}「{key}」" if parent is not None and parent.title else f"「{key}」"
    return f"「{key}」（{info.title}）" if info.title and info.title != key else f"「{key}」"


def _field(model: type[BaseModel], loc: PathKey) -> FieldInfo | None:
    current: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        current = _inner_model(info.annotation)
    return info


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _field_hint(model: type[BaseModel], loc: PathKey) -> str:
    parent: type[BaseModel] | None = model
    if any(not isinstance(p, int) for p in loc[:-1]):
        info = _field(model, loc[:-1])
        parent = _inner_model(info.annotation) if info is not None else None
    if parent is None:
        return ""
    allowed = list(parent.model_fields)
    guess = close_matches(str(loc[-1]), allowed, limit=1)
    listing = "、".join(allowed)
    if guess:
        return f"{did_you_mean(guess)}此处可用的字段：{listing}"
    return f"此处可用的字段：{listing}（字段名用英文）"
