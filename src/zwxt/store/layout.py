"""Where things live in a plan repository, as repository-relative paths: the one definition.

    data/tasks.yaml               the plan and its task-division table
    data/units.yaml               units and groups
    reports/YYYY-MM/<unit>.yaml   one unit's report for one month
    templates/                    the repository's own templates (optional)
    output/YYYY-MM/               what zwxt render writes

A report file is any file under reports/ whose name ends in .yaml or .yml, in any case
(``.YAML`` included): all are read and checked. The expected name is the unit's canonical
name with ``.yaml``; rule R302 warns about any other spelling, R309 about any other place.
"""

from __future__ import annotations

import re
import unicodedata

from zwxt.dates import Month, parse_iso_month

DATA_DIR = "data"
TASKS_FILE = f"{DATA_DIR}/tasks.yaml"
UNITS_FILE = f"{DATA_DIR}/units.yaml"
DATA_FILES = (UNITS_FILE, TASKS_FILE)
REPORTS_DIR = "reports"
TEMPLATES_DIR = "templates"
OUTPUT_DIR = "output"
SCHEMA_DIR = "schemas"
REPORT_SUFFIX = ".yaml"
_SUFFIXES = (".yaml", ".yml")


# Names become file names (reports/2018-03/<unit>.yaml, output/2018-03/<unit>.docx): nothing that
# leaves a folder, hides a file, or that some system refuses (and nothing invisible, _invisible).
MAX_NAME_LENGTH = 50
_UNSAFE = re.compile(r'[/\\:*?"<>|]')
# What Windows keeps for its devices, in any case, alone or before any extension ("NUL.txt").
_RESERVED = re.compile(r"CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9\u00b9\u00b2\u00b3]", re.IGNORECASE)
# A unit's name is also a pattern of CODEOWNERS (/reports/*/<unit>.yaml), which GitHub, GitLab
# and the parser libraries read alike only when it is literal: no whitespace, which ends a
# pattern (GitHub and GitLab take "\ ", the npm parser does not, PyPI's not for U+3000), and
# no "[ ]", a range to gitignore that GitHub refuses. It is also a part of a git branch name
# (report/2018-03/<unit>, layout.report_branch), which git refuses with "~", "^", ".." or "@{"
# in it or ".lock" at its end. Aliases are neither.
_NOT_LITERAL = re.compile(r"[\[\]\s~^]|\.\.|@\{")


def _invisible(char: str) -> bool:
    """A character that shows nothing: controls, format characters (soft hyphen, bidi marks, tags),
    surrogates, line separators, variation selectors. Private and unassigned code points are
    let be: a rare character may be one (a font's own, or newer than Python's Unicode)."""
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F)


def name_problem(name: str, *, alias: bool = False) -> str | None:
    """Why a unit's name (or, with ``alias``, another spelling of it) is unusable, or None.

    A name must be a file name on every system and a literal pattern of CODEOWNERS; an
    alias, which names no file zwxt writes, need only be a file name.
    """
    if name.startswith("."):
        return "不能以“.”开头"
    if name.endswith("."):
        return "不能以“.”结尾"
    if not alias and name.lower().endswith(".lock"):
        return "不能以“.lock”结尾"
    if len(name) > MAX_NAME_LENGTH:
        return f"不能超过 {MAX_NAME_LENGTH} 个字"
    unsafe = _UNSAFE.search(name)
    if unsafe is not None:
        return f"不能含有「{unsafe.group()}」"
    hidden = next((ch for ch in name if _invisible(ch)), None)
    if hidden is not None:
        return f"不能含有不可见字符 U+{ord(hidden):04X}"
    literal = None if alias else _NOT_LITERAL.search(name)
    if literal is not None:
        char = literal.group()
        shown = "空格" if char == " " else f"空白字符 U+{ord(char):04X}" if char.isspace() else f"「{char}」"
        return f"不能含有{shown}"
    if not unicodedata.is_normalized("NFC", name):
        # macOS keeps file names composed: a decomposed name would name another file there
        return "含有分开输入的字母和附加符号（如 e 后加重音符），请重新输入这个名称"
    if _RESERVED.fullmatch(name.split(".", 1)[0]):
        return "是 Windows 保留的设备名"
    return None


def is_report_file(rel: str) -> bool:
    """Whether ``rel`` is read as a report: a YAML file anywhere under reports/."""
    return rel.startswith(REPORTS_DIR + "/") and rel.lower().endswith(_SUFFIXES)


def is_stray_file(rel: str) -> bool:
    """Whether ``rel`` under reports/ is a file not read as a report that may be meant as one.

    ``市审计局``, ``市审计局.json``, ``市审计局.txt`` (the loader says so when the name is a
    unit's). Hidden files (``.gitkeep``), READMEs and editors' backups (``~``) are left alone.
    """
    name = rel.rsplit("/", 1)[-1]
    return (rel.startswith(REPORTS_DIR + "/") and not is_report_file(rel) and not name.startswith(".")
            and not name.lower().startswith("readme") and not name.endswith("~"))


def folder_month(rel: str) -> Month | None:
    """The month of reports/YYYY-MM/<name>, or None when the report lies anywhere else."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != REPORTS_DIR or parts[1] != parts[1].strip():
        return None
    try:
        return parse_iso_month(parts[1])
    except ValueError:
        return None


def report_stem(rel: str) -> str:
    """The file name without its YAML suffix: the unit name the file is named after."""
    name = rel.rsplit("/", 1)[-1]
    return name[: name.rfind(".")] if "." in name else name


def report_rel(month: Month, unit: str) -> str:
    """Where the report of ``unit`` for ``month`` belongs."""
    return f"{REPORTS_DIR}/{month}/{unit}{REPORT_SUFFIX}"


def report_branch(month: Month, unit: str) -> str:
    """The git branch ``report new --commit`` commits a unit's report on: ``report/2018-03/市审计局``."""
    return f"report/{month}/{unit}"


def output_rel(month: Month) -> str:
    return f"{OUTPUT_DIR}/{month}"
