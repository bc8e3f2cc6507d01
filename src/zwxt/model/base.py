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

from zwxt.dates import Month, parse_iso_date, parse_iso_month


def _title(model: type) -> str:
    """A record's schema title is its Chinese docstring, shown by editors on hover."""
    return (model.__doc__ or model.__name__).strip().rstrip("。")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True,
                              model_title_generator=_title)

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


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: Any) -> str:
    if isinstance(value, str) and _EMAIL.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("zw_email", "「{value}」不是电子邮箱地址（git 提交所用的邮箱）",
                              {"value": value})


IsoDate = Annotated[
    date,
    PlainValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
MonthField = Annotated[
    Month,
    PlainValidator(_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}),
]
TargetValue = Annotated[int | float, PlainValidator(_target),
                   WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": LARGEST_NUMBER})]
TaskId = Annotated[int, PlainValidator(_task_id),
                   WithJsonSchema({"type": "integer", "minimum": 1, "maximum": LARGEST_TASK_ID})]
MetricValue = Annotated[
    int | float | None,
    PlainValidator(_metric),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": LARGEST_NUMBER},
                              {"const": PLACEHOLDER}, {"type": "null"}]}),
]
Email = Annotated[str, PlainValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


def enum_title(title: str) -> Any:
    """A ``__get_pydantic_json_schema__`` giving an enum's schema a Chinese title.

    The schema would otherwise be titled with the class name, which editors show to users.
    """
    def hook(cls: type, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        handler.resolve_ref_schema(schema)["title"] = title
        return schema

    return classmethod(hook)
