"""A report's fields read out of a Word document's paragraphs and tables, each with its place.

Two kinds of document come in: the form ``zwxt form`` writes (custom properties, a header
table, a task table and a table of numeric targets, see ``plan.form``), and a report a unit
wrote freely along the Annex-2 outline, which includes what ``zwxt render`` writes. Both are
read the same way: the headings 一 to 六 and （一） to （七） (in their usual variants of
numbering, spacing and punctuation, heading style or plain paragraph) divide the text; under
二 a task table (any column order, the usual synonyms) or entries in prose (任务3：……状态：推进中)
give the tasks. Text that fits no field stays as text under its heading.

Each value read keeps its place (``Place``): the words a clerk finds it by (「二」任务表第3行
「状态」列) and the text near it. A finding of the load pipeline names a key path
(``Diagnostic.where``), which the place map turns back into the Word file's own terms.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from zwxt.dates import Month, parse_day_loose, parse_month_loose
from zwxt.office.docx_reader import Block, Cell, DocxContent, Paragraph, Table
from zwxt.plan.form import Column, FormStyle, HeaderField, MetricColumn
from zwxt.plan.report import PLACEHOLDER, Status
from zwxt.plan.resolved import Plan, PlanTask
from zwxt.positions import PathKey, path_text
from zwxt.textnorm import name_key

PARTS = ("一", "二", "三", "四", "五", "六")
# The words each part's heading has, whatever else a unit writes in it.
_PART_WORDS = (
    ("推进情况", "工作推进", "工作开展"),
    ("任务分工", "落实", "任务"),
    ("问题",),
    ("工作考虑", "下一步", "推进的", "工作计划", "打算"),
    ("经验", "案例"),
    ("意见", "建议"),
)
_NUMERALS = "一二三四五六七八九十"
# The form's own words (guidance, the note on filling it in) are in styles of their own, found by
# name (plan.form.FormStyle).
_FORM_STYLES = frozenset(s.value for s in FormStyle)
_GUIDANCE_STYLE = FormStyle.GUIDANCE.value
_SPACE = r"[\s\u3000]*"
# 一、 一. 一． 一， 一,  一 、; optionally bold or in a heading style
_PART = re.compile(rf"^{_SPACE}([一二三四五六])(?:{_SPACE}[、.．，,:：]|[\s\u3000]+){_SPACE}(.*)$", re.S)
# （一） (一) （一 ） (一）, optionally followed by 、 or a space
_SUB = re.compile(
    rf"^{_SPACE}[（(]{_SPACE}([一二三四五六七八九十]+){_SPACE}[）)]{_SPACE}[、.．]?{_SPACE}(.*)$", re.S)
# 任务3：… / 1. 任务3：… / （1）任务 3：…
_ENTRY = re.compile(
    rf"^{_SPACE}(?:(?:\d+|[（(]\d+[）)])[、.．]?{_SPACE})?任务{_SPACE}(\d+){_SPACE}[：:.．、]?{_SPACE}(.*)$",
    re.S)
_STATUS = re.compile(rf"状态{_SPACE}[：:]{_SPACE}([^。；;，,\s（(]*)(?:{_SPACE}[（(]([^）)]*)[）)])?"
                     rf"(?:{_SPACE}[，,]{_SPACE}(?:本月到期|到期未完成|逾期{_SPACE}\d+{_SPACE}天))?")
_DONE_ON = re.compile(rf"完成(?:日期|时间){_SPACE}[：:]{_SPACE}([^。；;，,\s]+)")
_FIGURES = re.compile(rf"量化指标{_SPACE}[：:]{_SPACE}([^。]*)")
_PROGRESS_LABEL = re.compile(rf"^{_SPACE}(?:进展情况|进展|工作进展|推进情况){_SPACE}[：:]{_SPACE}")
_LEAD_OFFICE = re.compile(rf"牵头部门{_SPACE}[：:]{_SPACE}(.+)$")
_CONTACT = re.compile(
    rf"^{_SPACE}[（(]?{_SPACE}联系人(?:及电话)?{_SPACE}[：:]{_SPACE}(.+?){_SPACE}[）)]?{_SPACE}$", re.S)
_NUMBER = re.compile(r"[0-9][0-9,，.]*")
# 状态 as the renderer writes it beside the field: 逾期完成 is done; the judgement after a comma
_DONE_WORDS = ("已完成", "逾期完成")
_PUNCTUATION = " \u3000\t。.，,；;、"

# The header cells of a free task table, by what they mean.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "任务序号", "编号", "任务编号"),
    "task": ("工作任务", "任务", "任务内容", "重点任务", "任务名称"),
    "status": ("状态", "完成状态", "进展状态", "推进状态", "完成情况"),
    "completed": ("完成日期", "完成时间", "实际完成时间", "实际完成日期"),
    "progress": ("进展情况", "工作进展", "进展", "推进情况", "本月进展"),
    "narrative": ("详细情况", "备注", "说明"),
}


@dataclass(frozen=True)
class Place:
    """Where a value was read: the words that find it in the file, and the text near it."""

    words: str
    quote: str = ""


@dataclass(frozen=True)
class Doubt:
    """What the reader itself could not take as written (at ``where`` in the report's data)."""

    where: PathKey
    message: str
    hint: str = ""
    error: bool = True


@dataclass
class Reading:
    """A report's fields as read from one Word file, before the load pipeline judges them."""

    data: dict[str, Any]
    places: dict[str, Place]
    doubts: list[Doubt] = field(default_factory=list)
    unit: str | None = None  # whose the file says it is (a form's property, a title, a header cell)
    month: Month | None = None
    form: bool = False  # a form zwxt wrote (its custom properties)
    form_plan: str | None = None  # the fingerprint the form was made for
    form_month: str = ""  # the month a form's property records, as it is written there
    # what a form shows of whose and which it is, for its properties to agree with:
    shown_units: list[tuple[str, str]] = field(default_factory=list)  # (where, the unit it names)
    shown_months: list[tuple[str, Month]] = field(default_factory=list)  # (where, the month it says)

    def place(self, where: PathKey, words: str, quote: str = "") -> None:
        self.places[path_text(where)] = Place(words, _short(quote))

    def doubt(self, where: PathKey, message: str, hint: str = "", error: bool = True) -> None:
        self.doubts.append(Doubt(where, message, hint, error))

    def where_of(self, where: str) -> Place | None:
        """The place of a key path, or of its nearest parent that has one."""
        at = where
        while True:
            if at in self.places:
                return self.places[at]
            cut = max(at.rfind("."), at.rfind("["))
            if cut <= 0:
                return self.places.get(at)
            at = at[:cut]


def _short(text: str, most: int = 24) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


# ---- dividing the document ------------------------------------------------------------

@dataclass
class _Section:
    part: int | None  # 0..5 for 一..六; None before 一
    sub: int | None = None  # （一） = 0
    sub_title: str = ""
    blocks: list[Block] = field(default_factory=list)


def _heading(paragraph: Paragraph, current: int | None) -> int | None:
    """The part (0..5) a paragraph heads, or None: a later part, with that part's words, or
    set as a heading (style or bold) and short."""
    match = _PART.match(paragraph.text)
    if match is None:
        return _numbered_by_word(paragraph, current)
    number = PARTS.index(match.group(1))
    if current is not None and number <= current:
        return None
    title = match.group(2).strip()
    worded = any(word in title for word in _PART_WORDS[number])
    looks = (paragraph.level is not None or paragraph.bold) and len(title) <= 40
    return number if worded or looks else None


def _numbered_by_word(paragraph: Paragraph, current: int | None) -> int | None:
    """A first-level heading whose number Word's list numbering shows (so it is not in the
    text): the next part whose words its title has."""
    title = paragraph.text.strip()
    if paragraph.level != 0 or len(title) > 40:
        return None
    start = 0 if current is None else current + 1
    return next((n for n in range(start, len(PARTS)) if any(w in title for w in _PART_WORDS[n])), None)


# The sub-parts of 四, by their words, for headings numbered by Word's list numbering.
_PLANS_WORDS = (("重点任务", "工作计划"), ("思路", "下一步"))


def _sub_by_word(paragraph: Paragraph, part: int, aspects: tuple[str, ...]) -> tuple[int, str] | None:
    title = paragraph.text.strip()
    if paragraph.level != 1 or len(title) > 60:
        return None
    if part == 1:
        clean = _clean(title)
        found = next((i for i, a in enumerate(aspects) if clean.startswith(_clean(a))), None)
    else:
        found = next((i for i, words in enumerate(_PLANS_WORDS) if any(w in title for w in words)), None)
    return (found, title) if found is not None else None


def _sub(paragraph: Paragraph) -> tuple[int, str] | None:
    match = _SUB.match(paragraph.text)
    if match is None or len(match.group(2)) > 60:
        return None
    numeral = match.group(1)
    value = _numeral(numeral)
    return (value - 1, match.group(2).strip()) if value else None


def _numeral(text: str) -> int:
    if text in _NUMERALS:
        return _NUMERALS.index(text) + 1
    if len(text) == 2 and text[0] == "十" and text[1] in _NUMERALS[:9]:
        return 10 + _NUMERALS.index(text[1]) + 1
    return 0


def _sections(blocks: tuple[Block, ...], aspects: tuple[str, ...]) -> list[_Section]:
    sections = [_Section(None)]
    for block in blocks:
        current = sections[-1]
        if isinstance(block, Paragraph):
            part = _heading(block, current.part)
            if part is not None:
                sections.append(_Section(part))
                continue
            if current.part in (1, 3):
                sub = _sub(block) or _sub_by_word(block, current.part, aspects)
                if sub is not None:
                    sections.append(_Section(current.part, sub[0], sub[1]))
                    continue
        current.blocks.append(block)
    return sections


# ---- reading ----------------------------------------------------------------------------

def read_report(content: DocxContent, plan: Plan, guidance: frozenset[str] = frozenset()) -> Reading:
    """The report's fields in ``content``; ``guidance``: paragraphs that are the form's own words."""
    reading = Reading({}, {})
    _properties(reading, content.properties)
    skip = {_clean(g) for g in guidance} | {_clean(a.guidance or "") for a in plan.info.aspects}
    skip.discard("")
    texts: dict[PathKey, list[tuple[str, str]]] = {}  # where → (paragraph, place words)
    tasks: list[dict[str, Any]] = []
    for section in _sections(content.blocks, plan.aspects):
        heading = _part_words(section)
        if section.part is None:
            _front(reading, plan, section.blocks)
            continue
        section.blocks = [_typed_into_guidance(reading, plan, section, heading, b, skip)
                          if isinstance(b, Paragraph) else b for b in section.blocks]
        paragraphs = [b.text for b in section.blocks if isinstance(b, Paragraph)
                      and b.text.strip() and not _guidance(b, skip)]
        tables = [b for b in section.blocks if isinstance(b, Table)]
        if section.part == 1:
            _part_two(reading, plan, section, heading, tasks, texts, skip)
            continue
        if section.part == 5:
            paragraphs = _back(reading, plan, paragraphs)
        where = _part_field(section)
        for text in paragraphs:
            texts.setdefault(where, []).append((text, heading))
        for table in tables:  # a table under 三 … 六: its rows as lines of text
            for row in table.rows:
                line = "　".join(c.text.strip() for c in row if c.text.strip())
                if line:
                    texts.setdefault(where, []).append((line, heading))
    if tasks:
        reading.data["tasks"] = tasks
    for where, found in texts.items():
        kept = [t for t, _ in found if t.strip()]
        if not kept:
            continue
        text = _joined(kept)
        if text == "无":  # (an empty place, as people write one)
            continue
        _put(reading.data, where, text)
        reading.place(where, found[0][1], kept[0])
    return reading


def _typed_into_guidance(reading: Reading, plan: Plan, section: _Section, heading: str,
                         paragraph: Paragraph, skip: set[str]) -> Paragraph:
    """A guidance paragraph of a form that a clerk typed into: what was typed, as the
    heading's own text (told, never lost); any other paragraph as it is."""
    if paragraph.style != _GUIDANCE_STYLE or not paragraph.text.strip() or _clean(paragraph.text) in skip:
        return paragraph
    typed = paragraph.text
    for words in sorted(skip, key=len, reverse=True):
        typed = _without(typed, words)
    typed = typed.strip()
    if not typed:
        return paragraph
    if section.part != 1:
        where = _part_field(section)
    else:
        aspect = _aspect(plan, section.sub_title) if section.sub is not None else None
        where = ("aspects", aspect) if aspect is not None else ("progress",)
    reading.doubt(where, f"{heading}的灰色楷体字（填报要求）中写有文字“{_short(typed)}”，"
                  f"已作为{heading}的内容导入",
                  "请核对；灰色字不必删除，内容请写在它下面的空白处", error=False)
    return paragraph._replace(text=typed, style="")


def _without(text: str, words: str) -> str:
    """``text`` without the first occurrence of ``words``, spaces in either not counted."""
    at = _clean(text).find(words)
    if at < 0:
        return text
    kept: list[str] = []
    seen = 0  # non-space characters passed
    for char in text:
        inside = at <= seen < at + len(words)
        if not char.isspace():
            seen += 1
        if not inside:
            kept.append(char)
    return "".join(kept)


def _guidance(paragraph: Paragraph, skip: set[str]) -> bool:
    """The outline's own words in a form (in its styles), or a plan's guidance typed as such."""
    return paragraph.style in _FORM_STYLES or _clean(paragraph.text) in skip


def _properties(reading: Reading, properties: dict[str, str]) -> None:
    from zwxt.plan.form import Property

    if Property.FORM.value not in properties:
        return
    reading.form = True
    reading.unit = properties.get(Property.UNIT.value) or None
    month = reading.form_month = properties.get(Property.MONTH.value, "")
    try:
        reading.month = parse_month_loose(month)
    except ValueError:
        reading.month = None
    reading.form_plan = properties.get(Property.PLAN.value) or None


def _part_words(section: _Section) -> str:
    if section.part is None:
        return "标题和表头"
    head = f"「{PARTS[section.part]}」"
    if section.sub is not None:
        numeral = _NUMERALS[section.sub] if section.sub < 10 else str(section.sub + 1)
        head = f"「{PARTS[section.part]}（{numeral}）」"
    return head


def _part_field(section: _Section) -> PathKey:
    part = section.part
    if part == 0:
        return ("progress",)
    if part == 2:
        return ("problems",)
    if part == 3:
        return ("plans", "next_steps") if section.sub == 1 else ("plans", "key_tasks")
    if part == 4:
        return ("cases",)
    return ("suggestions",)


def _put(data: dict[str, Any], where: PathKey, value: Any) -> None:
    at = data
    for key in where[:-1]:
        at = at.setdefault(str(key), {})
    last = str(where[-1])
    if isinstance(last, str) and isinstance(at.get(last), str):
        at[last] = _joined([at[last], value])
    else:
        at[last] = value


def _joined(paragraphs: list[str]) -> str:
    """Paragraphs as one text, each kept whole: a blank line between them (document.split_paragraphs)."""
    lines = [" ".join(p.split()) if "\n" not in p else "\n".join(" ".join(x.split()) for x in p.splitlines())
             for p in paragraphs]
    return "\n\n".join(line for line in lines if line)


def _clean(text: str) -> str:
    return "".join(text.split())


# ---- before 一: title, month, lead office; a form's header table -----------------------

def _front(reading: Reading, plan: Plan, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _header_table(reading, plan, block)
            continue
        text = block.text.strip()
        if not text:
            continue
        office = _LEAD_OFFICE.search(text)
        if office and "lead_office" not in reading.data:
            reading.data["lead_office"] = office.group(1).strip()
            reading.place(("lead_office",), "标题下的“牵头部门”一行", text)
            continue
        month = _month_line(text)
        if month is not None and reading.form:
            reading.shown_months.append(("标题下的月份", month))
            continue
        if month is not None and reading.month is None:
            reading.month = month
            continue
        if reading.unit is None:
            unit = _unit_in_title(plan, text)
            if unit is not None:
                reading.unit = unit


def _month_line(text: str) -> Month | None:
    stripped = text.strip().strip("（()）").strip()
    if len(stripped) > 12:
        return None
    try:
        return parse_month_loose(stripped)
    except ValueError:
        return None


def _unit_in_title(plan: Plan, text: str) -> str | None:
    """The unit whose full name, name or alias the title begins with (the longest such)."""
    if len(text) > 60:
        return None
    key = name_key(text)
    best: tuple[int, str] | None = None
    for unit in plan.directory.units.values():
        for spelling in (unit.full_name, unit.name, *unit.aliases):
            if spelling and key.startswith(name_key(spelling)) and (best is None or len(spelling) > best[0]):
                best = (len(spelling), unit.name)
    return best[1] if best else None


_HEADER_FIELDS = {
    HeaderField.LEAD_OFFICE.value: ("lead_office",),
    HeaderField.CONTACT.value: ("contact",),
    HeaderField.DATE.value: ("date",),
    "联系人": ("contact",),
}


def _header_table(reading: Reading, plan: Plan, table: Table) -> None:
    for row in table.rows:
        cells = [c.text.strip() for c in row]
        for i in range(0, len(cells) - 1, 2):
            label, value = _clean(cells[i]).rstrip("：:"), cells[i + 1].strip()
            words = f"表头「{label}」"
            if label == HeaderField.UNIT.value:
                if value and reading.form:
                    reading.shown_units.append((words, value))
                elif value:
                    reading.unit = plan.directory.unit_of(value) or value
            elif label == HeaderField.MONTH.value:
                if value and reading.form:
                    shown = _month_line(value)
                    if shown is not None:
                        reading.shown_months.append((words, shown))
                elif value:
                    try:
                        reading.month = parse_month_loose(value)
                    except ValueError:
                        reading.doubt((), f"{words}：“{value}”不是月份", "请写成 2018年3月 或 2018-03")
            elif label in _HEADER_FIELDS and value:
                where = _HEADER_FIELDS[label]
                reading.data[where[0]] = _iso_day(value) if where == ("date",) else value
                reading.place(where, words, value)


def _iso_day(text: str) -> str:
    try:
        return parse_day_loose(text).isoformat()
    except ValueError:
        return text.strip()  # the pipeline says what is wrong with it, at its place


# ---- after 六: the sign-off and the contact note ----------------------------------------

def _back(reading: Reading, plan: Plan, paragraphs: list[str]) -> list[str]:
    """六's own paragraphs; a trailing issuer's name, date and （联系人：……） are read off."""
    kept = list(paragraphs)
    names = _spellings(plan)
    while kept:
        last = kept[-1].strip()
        contact = _CONTACT.match(last)
        if contact is not None and "contact" not in reading.data:
            reading.data["contact"] = contact.group(1).strip()
            reading.place(("contact",), "末尾的联系人", last)
        elif len(last) <= 16 and _day(last) is not None and "date" not in reading.data:
            reading.data["date"] = _day(last)
            reading.place(("date",), "落款的日期", last)
        elif name_key(last) in names:
            pass  # the issuer: the unit's name, known already
        else:
            break
        kept.pop()
    return kept


@functools.lru_cache(maxsize=4)
def _spellings(plan: Plan) -> frozenset[str]:
    """Every unit's full name, name and aliases, as compared (name_key)."""
    return frozenset(name_key(s) for u in plan.directory.units.values()
                     for s in (u.full_name, u.name, *u.aliases) if s)


def _day(text: str) -> str | None:
    try:
        return parse_day_loose(text.strip()).isoformat()
    except ValueError:
        return None


# ---- 二: tasks and aspects ---------------------------------------------------------------

def _part_two(reading: Reading, plan: Plan, section: _Section, heading: str,
              tasks: list[dict[str, Any]], texts: dict[PathKey, list[tuple[str, str]]],
              skip: set[str]) -> None:
    aspect = _aspect(plan, section.sub_title) if section.sub is not None else None
    if section.sub is not None and aspect is None:
        reading.doubt(("aspects",), f"{heading}“{_short(section.sub_title)}”不是工作方案中的方面",
                      "可用的方面：" + "、".join(plan.aspects), error=False)
    entry: dict[str, Any] | None = None
    loose: list[str] = []
    metric_tables: list[Table] = []
    for block in section.blocks:
        if isinstance(block, Table):
            kind = _table_kind(block)
            if kind == "metrics":
                metric_tables.append(block)
            elif kind == "tasks":
                _task_table(reading, plan, block, heading, tasks)
                entry = None
            else:
                loose += ["　".join(c.text.strip() for c in row if c.text.strip()) for row in block.rows]
            continue
        text = block.text.strip()
        if not text or _guidance(block, skip):
            continue
        started = _ENTRY.match(text)
        if started is not None:
            entry = _prose_entry(reading, plan, int(started.group(1)), started.group(2), heading, tasks, text)
            continue
        if entry is not None:
            _prose_more(reading, plan, entry, tasks.index(entry), text, heading)
        else:
            loose.append(text)
    for table in metric_tables:
        _metric_table(reading, plan, table, heading, tasks)
    loose = [t for t in loose if t and t != "无"]
    if not loose:
        return
    if aspect is not None:
        texts.setdefault(("aspects", aspect), []).extend((t, heading) for t in loose)
        return
    # Words under 二 that belong to no aspect and no task: kept, told where they went.
    texts.setdefault(("progress",), []).extend((t, heading) for t in loose)
    reading.doubt(("progress",), f"{heading}中有文字不属于任何任务或方面（“{_short(loose[0])}”），"
                  "已并入「一」工作推进情况", "请核对；属于某一方面的文字请写在该方面的标题（（一）……）之下",
                  error=False)


def _aspect(plan: Plan, title: str) -> str | None:
    clean = _clean(title).removesuffix("方面")
    for name in plan.aspects:
        if clean == _clean(name) or clean.startswith(_clean(name)):
            return name
    return None


def _header_meaning(text: str) -> str | None:
    clean = _clean(text).rstrip("：:")
    clean = re.sub(r"[（(].*[）)]$", "", clean)
    for meaning, words in _SYNONYMS.items():
        if clean in words:
            return meaning
    return None


def _table_kind(table: Table) -> str | None:
    if not table.rows:
        return None
    header = [_clean(c.text) for c in table.rows[0]]
    if MetricColumn.METRIC.value in header and MetricColumn.VALUE.value in header:
        return "metrics"
    meanings = {_header_meaning(c.text) for c in table.rows[0]}
    if "status" in meanings and ({"number", "task"} & meanings):
        return "tasks"
    return None


def _task_table(reading: Reading, plan: Plan, table: Table, heading: str,
                tasks: list[dict[str, Any]]) -> None:
    header = table.rows[0]
    columns: dict[str, int] = {}
    extra: dict[int, str] = {}
    for i, head in enumerate(header):
        meaning = _header_meaning(head.text)
        if meaning is not None and meaning not in columns:
            columns[meaning] = i
        elif head.text.strip():
            extra[i] = _clean(head.text)
    names = {i: _clean(c.text) for i, c in enumerate(header)}
    for number, row in enumerate(table.rows[1:], start=1):
        if _same_header(row, header):
            continue  # the header repeated on a new page
        def cell(meaning: str, row: tuple[Cell, ...] = row) -> str:
            i = columns.get(meaning)
            return row[i].text.strip() if i is not None and i < len(row) else ""

        said = cell("number")  # the row by its 序号 too, where that is not its number (a row deleted)
        row_words = f"{heading}任务表第{number}行" + (
            f"（序号{said}）" if said and said != str(number) else "")
        status, progress = cell("status"), cell("progress")
        if not any(c.text.strip() for c in row):
            continue
        task = _task_of(plan, cell("number"), cell("task"))
        if task is None:
            quote = cell("number") or cell("task")
            reading.doubt(("tasks",), f"{row_words}：“{_short(quote)}”不是工作方案中的任务",
                          "请核对序号，或按任务分工表照录任务原文")
            continue
        if reading.form and cell("task") and not _states_task(task, cell("task")):
            reading.doubt(("tasks",), f"{row_words}「{Column.TASK.value}」列：任务{task.id}的原文被改动"
                          f"（“{_short(cell('task'))}”）",
                          "工作任务一列照录工作方案，请勿修改；进展写在「进展情况」列")
        if _clean(status) in ("", Status.NOT_STARTED.value) and progress in ("", PLACEHOLDER) \
                and not cell("completed"):
            continue  # a row left as it was sent, or empty: no word on the task this month
        index = len(tasks)
        entry: dict[str, Any] = {"task": task.id}
        tasks.append(entry)
        reading.place(("tasks", index), row_words, cell("number") or cell("task"))
        reading.place(("tasks", index, "task"), f"{row_words}「{_column_name(names, columns, 'number')}」列",
                      cell("number"))
        _status_value(reading, entry, index, status,
                      f"{row_words}「{_column_name(names, columns, 'status')}」列")
        if cell("completed"):
            entry["completed"] = _iso_day(cell("completed"))
            reading.place(("tasks", index, "completed"),
                          f"{row_words}「{_column_name(names, columns, 'completed')}」列", cell("completed"))
        if progress:
            entry["progress"] = _joined(progress.splitlines())
            reading.place(("tasks", index, "progress"),
                          f"{row_words}「{_column_name(names, columns, 'progress')}」列", progress)
        more = [cell("narrative")] + [f"{extra[i]}：{row[i].text.strip()}" for i in sorted(extra)
                                      if i < len(row) and row[i].text.strip() and not _metric_column(
                                          reading, task, entry, index, extra[i], row[i].text, row_words)]
        more = [m for m in more if m]
        if more:
            entry["narrative"] = _joined(more)
            reading.place(("tasks", index, "narrative"), row_words, more[0])


def _column_name(names: dict[int, str], columns: dict[str, int], meaning: str) -> str:
    return names.get(columns.get(meaning, -1), _SYNONYMS[meaning][0])


def _same_header(row: tuple[Cell, ...], header: tuple[Cell, ...]) -> bool:
    return [_clean(c.text) for c in row] == [_clean(c.text) for c in header]


def _task_of(plan: Plan, number: str, text: str) -> PlanTask | None:
    digits = re.sub(r"^任务", "", _clean(number))
    digits = digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return plan.by_id.get(int(digits))
    if text:
        for task in plan.tasks:
            if _states_task(task, text):
                return task
    return None


def _states_task(task: PlanTask, text: str) -> bool:
    clean = _clean(text).rstrip("。")
    return clean in (_clean(task.text).rstrip("。"), _clean(task.short).rstrip("。"))


def _metric_column(reading: Reading, task: PlanTask, entry: dict[str, Any], index: int, header: str,
                   value: str, row_words: str) -> bool:
    """A free table's column headed by one of the task's metrics (开放数据集（个）): its figure."""
    name = re.sub(r"[（(].*[）)]$", "", header)
    target = next((t for t in task.targets if _clean(t.metric) == name), None)
    if target is None:
        return False
    _metric_value(reading, entry, index, target.metric, value, target.unit or "",
                  f"{row_words}「{header}」列")
    return True


def _metric_value(reading: Reading, entry: dict[str, Any], index: int, metric: str, value: str, unit: str,
                  words: str) -> None:
    text = _clean(value)
    if unit and text.endswith(_clean(unit)):
        text = text[: -len(_clean(unit))]
    if not text:
        return
    entry.setdefault("metrics", {})[metric] = text
    reading.place(("tasks", index, "metrics", metric), words, value)


def _status_value(reading: Reading, entry: dict[str, Any], index: int, said: str, words: str) -> None:
    where = ("tasks", index, "status")
    value = _clean(said)
    if value in _DONE_WORDS:
        value = Status.DONE.value
    entry["status"] = value
    reading.place(where, words, said)


def _metric_table(reading: Reading, plan: Plan, table: Table, heading: str,
                  tasks: list[dict[str, Any]]) -> None:
    header = [_clean(c.text) for c in table.rows[0]]
    at = {name: header.index(name) for name in (m.value for m in MetricColumn) if name in header}
    for number, row in enumerate(table.rows[1:], start=1):
        def cell(column: MetricColumn, row: tuple[Cell, ...] = row) -> str:
            i = at.get(column.value)
            return row[i].text.strip() if i is not None and i < len(row) else ""

        words = f"{heading}量化指标表第{number}行"
        value = cell(MetricColumn.VALUE)
        if not value:
            continue
        task = _task_of(plan, cell(MetricColumn.NUMBER), "")
        if task is None:
            reading.doubt(("tasks",), f"{words}：“{cell(MetricColumn.NUMBER)}”不是工作方案中的任务序号",
                          "请勿修改序号一列")
            continue
        named = _clean(cell(MetricColumn.METRIC))
        target = next((t for t in task.targets if _clean(t.metric) == named), None)
        if target is None:
            reading.doubt(("tasks",), f"{words}「{MetricColumn.METRIC.value}」列："
                          f"“{cell(MetricColumn.METRIC)}”"
                          f"不是任务{task.id}的量化指标", "请勿修改指标一列")
            continue
        index = next((i for i, e in enumerate(tasks) if e["task"] == task.id), None)
        if index is None:
            reading.doubt(("tasks",), f"{words}：填了任务{task.id}的量化指标，任务表中却没有填写该任务的状态",
                          "请在任务表中填写该任务的状态和进展")
            continue
        _metric_value(reading, tasks[index], index, target.metric, value, target.unit or "",
                      f"{words}「{MetricColumn.VALUE.value}」列")


def _prose_entry(reading: Reading, plan: Plan, task_id: int, rest: str, heading: str,
                 tasks: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    words = f"{heading}“任务{task_id}”"
    task = plan.by_id.get(task_id)
    if task is None:
        reading.doubt(("tasks",), f"{words}：工作方案中没有任务{task_id}（“{_short(text)}”）",
                      "请核对任务序号")
        return None
    index = len(tasks)
    entry: dict[str, Any] = {"task": task_id}
    tasks.append(entry)
    reading.place(("tasks", index), words, text)
    reading.place(("tasks", index, "task"), words, text)
    status = _STATUS.search(rest)
    head = rest[: status.start()] if status else rest
    tail = rest[status.start():] if status else ""
    # A line of its own, 任务N and a name (a heading's), names the task; words before 状态 that
    # are not the plan's name for it are the unit's own.
    named = (status is None and len(head) <= 60) or _PROGRESS_LABEL.search(_clean(tail).lstrip(_PUNCTUATION)
                                                                          .split("。", 1)[-1]) is not None
    if not named and not _is_title_echo(task, head):
        _prose_more(reading, plan, entry, index, head, heading)
    if tail:
        _prose_more(reading, plan, entry, index, tail, heading)
    return entry


def _is_title_echo(task: PlanTask, head: str) -> bool:
    """The heading's own words after 任务N：the task's title or text, and its deadline in brackets."""
    clean = _clean(head).rstrip("。.；;，,")
    clean = re.sub(r"[（(][^（()）]*[）)]$", "", clean)
    return not clean or _clean(task.short).startswith(clean.rstrip("…")) or \
        _clean(task.text).startswith(clean.rstrip("…"))


def _prose_more(reading: Reading, plan: Plan, entry: dict[str, Any], index: int, text: str,
                heading: str) -> None:
    """A paragraph of a task entry in prose: its 状态, 完成日期, 量化指标, and words."""
    words = f"{heading}“任务{entry['task']}”"
    rest = text
    status = _STATUS.search(rest)
    if status is not None and "status" not in entry:
        said = status.group(1)
        _status_value(reading, entry, index, said, f"{words}的“状态”")
        reading.place(("tasks", index, "status"), f"{words}的“状态”", status.group(0))
        when = status.group(2)
        if when and _day(when) and "completed" not in entry:
            entry["completed"] = _day(when)
            reading.place(("tasks", index, "completed"), f"{words}的完成日期", status.group(0))
        rest = rest[: status.start()] + rest[status.end():]
    done_on = _DONE_ON.search(rest)
    if done_on is not None and "completed" not in entry:
        entry["completed"] = _iso_day(done_on.group(1))
        reading.place(("tasks", index, "completed"), f"{words}的“完成日期”", done_on.group(0))
        rest = rest[: done_on.start()] + rest[done_on.end():]
    figures = _FIGURES.search(rest)
    task = plan.by_id[entry["task"]]
    if figures is not None:
        left = _figures(reading, task, entry, index, figures.group(1), f"{words}的“量化指标”")
        rest = rest[: figures.start()] + left + rest[figures.end():]
    rest = _PROGRESS_LABEL.sub("", rest.lstrip(_PUNCTUATION)).strip()
    if not rest.strip(_PUNCTUATION):
        return
    key = "progress" if "progress" not in entry else "narrative"
    if key == "narrative" and "narrative" in entry:
        entry["narrative"] = _joined([entry["narrative"], rest])
        return
    entry[key] = rest
    reading.place(("tasks", index, key), words, rest)


def _figures(reading: Reading, task: PlanTask, entry: dict[str, Any], index: int, text: str,
             words: str) -> str:
    """量化指标：开放数据集 312个，接入系统 4套: each metric's figure; what is no metric stays."""
    left = []
    for part in re.split(r"[，；;、]", text):
        clean = _clean(part)
        target = next((t for t in task.targets if clean.startswith(_clean(t.metric))), None)
        if target is None:
            if clean:
                left.append(part)
            continue
        figure = clean[len(_clean(target.metric)):]
        figure = figure.split("/")[0]
        match = _NUMBER.match(figure)
        if match is None:
            left.append(part)
            continue
        _metric_value(reading, entry, index, target.metric, match.group(0).rstrip(",，."), "", words)
    return "，".join(left)
