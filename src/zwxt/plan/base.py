"""What every record shares: frozen, strict about unknown fields, and YAML-friendly types."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from zwxt.dates import FIRST_YEAR, LAST_YEAR, Month, parse_iso_date, parse_iso_month


def _title(model: type) -> str:
    """A record's schema title is its Chinese docstring, shown by editors on hover."""
    return (model.__doc__ or model.__name__).strip().rstrip("。")


def empty_may_be_written(schema: dict[str, Any]) -> None:
    """The schema's side of ``_empty_is_absent``: an optional field may be written empty."""
    required = set(schema.get("required", ()))
    properties = schema.get("properties", {})
    for name, spec in properties.items():
        if name in required or {"type": "null"} in spec.get("anyOf", ()):
            continue
        notes = {key: spec.pop(key) for key in ("title", "description", "default") if key in spec}
        properties[name] = {**notes, "anyOf": [spec, {"type": "null"}]}


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              model_title_generator=_title, json_schema_extra=empty_may_be_written)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        # `aspects:` with nothing after it means the same as leaving the key out; an unknown
        # key stays, empty or not, to be refused as unknown (`progres:` is a typo to report).
        if isinstance(data, dict) and None in data.values():
            return {k: v for k, v in data.items() if v is not None or k not in cls.model_fields}
        return data


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("zw_date", "应为日期，写成 YYYY-MM-DD，例如 2018-03-31")
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise PydanticCustomError("zw_date", str(exc)) from None


def _month(value: Any) -> Month:
    if isinstance(value, Month):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("zw_month", "应为月份，写成 YYYY-MM，例如 2018-03")
    try:
        return parse_iso_month(value)
    except ValueError as exc:
        raise PydanticCustomError("zw_month", str(exc)) from None


# No count, bandwidth or amount in a work plan comes near this; beyond it a value is a typo
# (or inf, or 400 digits), which every later sum and document would carry.
LARGEST_NUMBER = 10 ** 12


def _number(value: Any) -> int | float:
    number = _parsed_number(value)
    if number is None:
        raise PydanticCustomError(
            "zw_number", "应为数字（不带单位和文字），而不是「{value}」", {"value": value})
    if not math.isfinite(number) or abs(number) > LARGEST_NUMBER:
        raise PydanticCustomError(
            "zw_number", "「{value}」不是一个实际的数（不能是无穷大，也不能超过 10 的 12 次方）",
            {"value": str(value)[:20] + ("…" if len(str(value)) > 20 else "")})
    if number < 0:
        raise PydanticCustomError("zw_number", "「{value}」是负数：指标和目标都是不小于 0 的数",
                                  {"value": value})
    return number


# A figure as a form takes it: ASCII digits, a decimal point, thousands separators in
# groups of three (`12,500`). Python's int() and float() would also take `1_2` (as 12),
# full-width digits, exponents (`1e-400` is 0) and a sign, none of which a count, a
# bandwidth or an amount in a work plan is written with.
_FIGURE = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def _target(value: Any) -> int | float:
    number = _number(value)
    if number == 0:
        raise PydanticCustomError("zw_number", "目标值不能是 0", {})
    return number


def _parsed_number(value: Any) -> int | float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not _FIGURE.fullmatch(text):
        return None
    digits = text.replace(",", "")
    if len(digits) > 40:
        return float("inf")  # (to be refused as beyond any real figure)
    return float(digits) if "." in digits else int(digits)


LARGEST_TASK_ID = 100_000


def _task_id(value: Any) -> int:
    """A task's number: ASCII digits only, so `1_2`, `6.0` and `６` are not read as numbers."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and len(text := value.strip()) <= 6 and text.isascii() and text.isdigit():
        number = int(text)
    else:
        raise PydanticCustomError("zw_task_id", "应为正整数，而不是「{value}」",
                                  {"value": str(value)[:20]})
    if not 1 <= number <= LARGEST_TASK_ID:
        raise PydanticCustomError("zw_task_id", "应在 1 到 {largest} 之间，而不是「{value}」",
                                  {"value": number, "largest": LARGEST_TASK_ID})
    return number


# What a scaffold writes where the unit's staff must still write something: checking
# accepts it, so an unfinished report can be committed, but warns at every occurrence.
PLACEHOLDER = "【待填写】"


def _metric(value: Any) -> int | float | None:
    if value is None or (isinstance(value, str) and value.strip() == PLACEHOLDER):
        return None
    return _number(value)


_EMAIL_FORM = r"[^@\s]+@[^@\s]+\.[^@\s]+"
_EMAIL = re.compile(f"^{_EMAIL_FORM}$")


def _email(value: Any) -> str:
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("zw_email", "「{value}」不是电子邮箱地址（git 提交所用的邮箱）",
                              {"value": value})


# --- what the JSON Schemas say (zwxt schema): the same values, as an editor's YAML loader types them
#
# zwxt reads every scalar as text and the validators above convert it; check-jsonschema and the YAML
# language server read YAML 1.2, where `2018` is a number, `true` a boolean, `~` null, and `12,500`
# and `2018-03-20` text. So a field takes, in the schema, each value such a loader makes of a
# spelling that checking accepts, and its text forms are patterns saying exactly what the validator
# takes (tests/properties/test_schema_patterns.py holds pattern and validator to agreement, and
# tests/cli/test_schema_agreement.py check-jsonschema and `zwxt check`). Patterns use [0-9], not
# \d, which is any script's digits in Python's re; \s* at either end stands for the strip().
#
# What no schema can see: a number's spelling is gone once a loader has read it (`6.0`, `1e3`,
# `0x1F`, `+1`, `1_000` are numbers equal to ones checking accepts), and rules across fields or
# files (an unknown task, a completion date after the report's month) are the loader's, not a type's.

# Any scalar is text to zwxt: `progress: 2018` and `progress: true` are text, as written.
_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean"]}
_YEAR = r"(?:19[0-9]{2}|2[0-9]{3})"  # FIRST_YEAR..LAST_YEAR of zwxt.dates
# Years divisible by 4 but not by 100, and 2000, 2400, 2800: the Februaries with a 29th.
_LEAP_YEAR = r"(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2[048]00)"
_MONTH_AND_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
                  r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
                  r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DATE_PATTERN = rf"^\s*(?:{_YEAR}-{_MONTH_AND_DAY}|{_LEAP_YEAR}-02-29)\s*$"
MONTH_PATTERN = rf"^\s*{_YEAR}-(?:0[1-9]|1[0-2])\s*$"
# 1 to LARGEST_TASK_ID in at most six digits, zeros in front allowed as int() allows them.
TASK_ID_PATTERN = r"^\s*(?=[0-9]{1,6}\s*$)0*(?:[1-9][0-9]{0,4}|100000)\s*$"
# A figure of _FIGURE no larger than LARGEST_NUMBER (twelve digits before the point, or 10^12
# itself), in at most 40 digits and point (beyond, _parsed_number calls it infinite).
_AT_MOST_40 = r"(?!(?:,?[0-9.]){41})"
_FIGURE_UP_TO_LARGEST = (
    r"(?:0*[0-9]{1,12}(?:\.[0-9]+)?"
    r"|(?:[0-9]{1,3}(?:,[0-9]{3}){1,3}|0{1,3}(?:,000)*(?:,[0-9]{3}){1,4})(?:\.[0-9]+)?"
    r"|(?:0*1000000000000|(?:0{0,2}|0{1,3}(?:,000)*,00)1(?:,000){4})(?:\.0+)?)")
FIGURE_PATTERN = rf"^\s*{_AT_MOST_40}{_FIGURE_UP_TO_LARGEST}\s*$"
POSITIVE_FIGURE_PATTERN = rf"^\s*{_AT_MOST_40}(?![0,.]*\s*$){_FIGURE_UP_TO_LARGEST}\s*$"
# NaN passes minimum and maximum in Python's jsonschema (every comparison with it is false) but
# not `not: {exclusiveMaximum: 0}` there; ajv fails it at minimum. Together: no NaN anywhere.
_FIGURE_NUMBER: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": LARGEST_NUMBER,
                                  "not": {"exclusiveMaximum": 0}}
_POSITIVE_NUMBER: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0, "maximum": LARGEST_NUMBER,
                                    "not": {"maximum": 0}}


def _text(pattern: str, message: str) -> dict[str, Any]:
    """Text of a pattern; ``message`` is what the YAML language server says when it does not match
    (its own keyword ``patternErrorMessage``; other clients leave it aside)."""
    return {"type": "string", "pattern": pattern, "patternErrorMessage": message}


def digits_or_number(pattern: str, least: int, largest: int, message: str) -> dict[str, Any]:
    """The schema of a whole number written as digits: the number a loader reads, or the text."""
    return {"anyOf": [{"type": "integer", "minimum": least, "maximum": largest}, _text(pattern, message)]}


_FIGURE_MESSAGE = "只写数字，不带单位和文字，可用逗号分隔千位（如 12,500），不超过 10 的 12 次方"
IsoDate = Annotated[
    date,
    PlainValidator(_date),
    WithJsonSchema(_text(DATE_PATTERN, f"日期写成 YYYY-MM-DD，须是 {FIRST_YEAR}–{LAST_YEAR} 年中实有的一天，"
                                       "例如 2018-03-31")),
]
MonthField = Annotated[
    Month,
    PlainValidator(_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_text(MONTH_PATTERN, "月份写成 YYYY-MM，例如 2018-03")),
]
TargetValue = Annotated[int | float, PlainValidator(_target), WithJsonSchema(
    {"anyOf": [_POSITIVE_NUMBER, _text(POSITIVE_FIGURE_PATTERN, _FIGURE_MESSAGE + "，且不能是 0")]})]
TaskId = Annotated[int, PlainValidator(_task_id), WithJsonSchema(digits_or_number(
    TASK_ID_PATTERN, 1, LARGEST_TASK_ID, f"任务序号只写半角阿拉伯数字，1 到 {LARGEST_TASK_ID}，例如 3"))]
MetricValue = Annotated[
    int | float | None,
    PlainValidator(_metric),
    WithJsonSchema({"anyOf": [_FIGURE_NUMBER, _text(FIGURE_PATTERN, _FIGURE_MESSAGE),
                              {"type": "string", "pattern": rf"^\s*{PLACEHOLDER}\s*$"},
                              {"type": "null"}]}),
]
Email = Annotated[str, PlainValidator(_email), WithJsonSchema(
    _text(rf"^\s*{_EMAIL_FORM}\s*$", "写 git 提交所用的邮箱，例如 zhangsan@example.gov.cn"))]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                 WithJsonSchema({"anyOf": [_text(r"\S", "不能为空"), {"type": ["number", "boolean"]}]})]
Text = Annotated[str, StringConstraints(strip_whitespace=True), WithJsonSchema(_SCALAR)]


def enum_title(title: str) -> Any:
    """A ``__get_pydantic_json_schema__`` giving an enum's schema a Chinese title.

    The schema would otherwise be titled with the class name, which editors show to users.
    """
    def hook(cls: type, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        handler.resolve_ref_schema(schema)["title"] = title
        return schema

    return classmethod(hook)
