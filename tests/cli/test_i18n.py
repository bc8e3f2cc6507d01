"""Help pages and usage errors are Chinese whatever the user's locale, and the locale is left alone.

Run as a module to recompile the shipped catalog after editing the .po file:

    PYTHONPATH=src python -m tests.cli.test_i18n
"""

from __future__ import annotations

import ast
import gettext
import inspect
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import typer.core
import typer.main
from typer._click import Command

import zwxt
from tests.support import PlanRepo, run_cli
from zwxt.cli import app
from zwxt.cli.i18n import (
    DOMAIN,
    LANGUAGE,
    LOCALE_DIR,
    ChineseCommand,
    ChineseGroup,
    ChineseHelpFormatter,
    _columns,
    _wrap,
)
from zwxt.errors import UsageError

SRC = Path(zwxt.__file__).resolve().parent.parent  # this checkout's, whatever the working directory
CATALOG = LOCALE_DIR / LANGUAGE / "LC_MESSAGES"
PO = CATALOG / f"{DOMAIN}.po"
MO = CATALOG / f"{DOMAIN}.mo"

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
ENGLISH = ("Usage", "Options", "Commands", "Arguments", "Show this message", "default:", "env var",
           "required", "[OPTIONS]", "COMMAND", "[ARGS]", "Error", "Try ", "Did you mean", "Missing",
           "No such", "Got unexpected", "requires an argument", "does not take a value")


# ---- the catalog ---------------------------------------------------------------------------

def _po_string(text: str, where: str) -> str:
    if not (len(text) >= 2 and text[0] == text[-1] == '"'):
        raise ValueError(f"{where}: expected a double-quoted string, got {text!r}")
    value = ast.literal_eval(text)  # PO's escapes (\" \\ \n \t) are Python's
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> dict[str, str]:
    """The translated messages of a .po file: msgid and msgstr with continuation lines, nothing fancier."""
    entries: list[dict[str, str]] = []
    keyword = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{PO.name}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if not entries or keyword not in entries[-1]:
                raise ValueError(f"{where}: string outside msgid/msgstr")
            entries[-1][keyword] += _po_string(line, where)
            continue
        keyword, _, value = line.partition(" ")
        if keyword == "msgid":
            entries.append({})
        elif keyword != "msgstr" or not entries or "msgid" not in entries[-1]:
            raise ValueError(f"{where}: {keyword} is not supported here")
        entries[-1][keyword] = _po_string(value.strip(), where)
    return {entry["msgid"]: entry["msgstr"] for entry in entries if entry.get("msgstr")}


def compile_po(text: str) -> bytes:
    """The GNU .mo file for a .po file, as msgfmt writes it less the optional hash table."""
    messages = sorted((key.encode(), value.encode()) for key, value in parse_po(text).items())
    count = len(messages)
    ids_start = 28 + 16 * count
    strs_start = ids_start + sum(len(key) + 1 for key, _ in messages)
    id_table: list[int] = []
    str_table: list[int] = []
    ids = strs = b""
    for key, value in messages:
        id_table += [len(key), ids_start + len(ids)]
        str_table += [len(value), strs_start + len(strs)]
        ids += key + b"\0"
        strs += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, ids_start)
    return header + struct.pack(f"<{4 * count}I", *id_table, *str_table) + ids + strs


def test_the_shipped_mo_is_the_compiled_po() -> None:
    assert MO.read_bytes() == compile_po(PO.read_text(encoding="utf-8")), \
        "zwxt.mo is stale: run PYTHONPATH=src python -m tests.cli.test_i18n"


def test_gettext_reads_the_catalog() -> None:
    catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGE])
    assert catalog.gettext("Options") == "选项"
    assert catalog.gettext("No such command {name!r}.").format(name="x") == "没有命令 x"


def test_every_message_is_one_typer_asks_gettext_for() -> None:
    """A typer upgrade that rewords a message shows up here rather than as English in the help."""
    source = inspect.getsource(typer.core)
    for msgid in parse_po(PO.read_text(encoding="utf-8")):
        if msgid:
            assert f'_("{msgid}")' in source, msgid


def test_the_catalog_is_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in pyproject


def test_every_command_is_built_with_the_chinese_classes() -> None:
    def walk(command: Command) -> list[Command]:
        children = command.commands.values() if isinstance(command, typer.core.TyperGroup) else []
        return [command, *(c for child in children for c in walk(child))]

    commands = walk(typer.main.get_command(app))
    assert {c.name for c in commands} >= {"check", "status", "report", "new", "render", "schema"}
    for command in commands:
        assert isinstance(command, ChineseGroup if isinstance(command, typer.core.TyperGroup)
                          else ChineseCommand), command.name


# ---- whatever the locale -------------------------------------------------------------------

@pytest.fixture(params=[{"LANG": "C"}, {"LANG": "en_US.UTF-8"}, {},
                        {"LANGUAGE": "en_US", "LC_ALL": "en_US.UTF-8"}],
                ids=["LANG=C", "LANG=en_US", "no-locale", "LANGUAGE=en_US"])
def user_locale(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in request.param.items():
        monkeypatch.setenv(name, value)
    return dict(request.param)


def _no_english(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English {found} in:\n{text}"


def test_main_help(user_locale: dict[str, str]) -> None:
    result = run_cli("--help")
    assert result.code == 0
    _no_english(result.stdout)
    assert result.stdout.startswith("用法：zwxt [选项] 命令 [参数]...\n")
    for heading in ("\n选项：\n", "\n命令：\n"):
        assert heading in result.stdout
    assert "[环境变量：ZWXT_ROOT]" in result.stdout
    assert re.search(r"\n  -h, --help +显示本帮助后退出\n", result.stdout)


def test_status_help(user_locale: dict[str, str]) -> None:
    result = run_cli("status", "--help")
    assert result.code == 0
    _no_english(result.stdout)
    assert result.stdout.startswith("用法：zwxt status [选项]\n")
    assert "\n选项：\n" in result.stdout
    assert "[默认：table]" in result.stdout


def test_report_help(user_locale: dict[str, str]) -> None:
    result = run_cli("report", "--help")
    assert result.code == 0
    _no_english(result.stdout)
    assert result.stdout.startswith("用法：zwxt report [选项] 命令 [参数]...\n")
    assert "\n命令：\n  new " in result.stdout


def test_report_new_help_marks_required_options(user_locale: dict[str, str]) -> None:
    result = run_cli("report", "new", "--help")
    _no_english(result.stdout)
    assert result.stdout.count("[必填]") == 2


def test_render_help_has_an_arguments_section(user_locale: dict[str, str]) -> None:
    result = run_cli("render", "--help")
    _no_english(result.stdout)
    assert "\n参数：\n  [报告]..." in result.stdout


def test_no_arguments_shows_the_help_in_chinese(user_locale: dict[str, str]) -> None:
    for args, usage in [((), "用法：zwxt [选项] 命令"), (("report",), "用法：zwxt report [选项] 命令")]:
        result = run_cli(*args)
        assert result.code == 2
        assert result.stdout.startswith(usage)
        _no_english(result.stdout + result.stderr)


HELP_PAGES = [("--help",), ("check", "--help"), ("status", "--help"), ("report", "--help"),
              ("report", "new", "--help"), ("render", "--help"), ("schema", "--help")]


@pytest.mark.parametrize("args", HELP_PAGES, ids=" ".join)
def test_help_fits_an_80_column_terminal(args: tuple[str, ...]) -> None:
    """Measured in columns: a CJK character takes two, and a line may break between two of them."""
    result = run_cli(*args)  # typer's runner formats for 80 columns
    _no_english(result.stdout)
    too_wide = [line for line in result.stdout.splitlines() if _columns(line) > 80]
    assert not too_wide


@pytest.mark.parametrize("args", [("check", "--help"), ("render", "--help"), ("import", "report", "--help"),
                                  ("import", "tasks", "--help")], ids=" ".join)
def test_a_parameter_shows_no_python_type_only_its_chinese_name_and_choices(args: tuple[str, ...]) -> None:
    help_text = run_cli(*args).stdout
    assert "<path>" not in help_text and "list[" not in help_text and "<text>" not in help_text
    if args[0] == "check":
        assert "--format <text|json|github|gitlab>" in help_text  # the choices stay


@pytest.mark.parametrize(("args", "example"), [
    (("form", "--help"), "zwxt form --month 2018-03 --all"),
    (("import", "report", "--help"), "--month 2018-03"),
])
def test_an_example_command_ends_its_paragraph_not_run_into_the_prose(args: tuple[str, ...],
                                                                      example: str) -> None:
    help_text = run_cli(*args).stdout
    assert f"{example}\n\n" in help_text, help_text
    assert "用zwxt" not in help_text.replace("\n", "")


def test_help_columns_line_up_on_the_screen() -> None:
    lines = run_cli("status", "--help").stdout.splitlines()
    starts = {_columns(line[:line.index(text)]) for line in lines
              for text in ("以哪一天为准", "只看这个单位", "只列出逾期", "显示本帮助")
              if text in line}
    assert len(starts) == 1, starts


def test_wrapping_keeps_punctuation_and_notes_in_place() -> None:
    text = "输出格式：table 终端表格，json，csv（Excel/WPS 可直接打开），markdown  [默认：table]"
    lines = _wrap(text, 20).splitlines()
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(_columns(line) <= 20 for line in lines)
    assert not any(line[0] in "，。、；：）" or line[-1] in "（" for line in lines)
    assert lines[-1] == "[默认：table]"
    assert "markdown  [默认" in _wrap(text, 100)  # spaces kept within a line


def test_a_block_marked_not_to_rewrap_is_kept() -> None:
    formatter = ChineseHelpFormatter(width=40)
    formatter.write_text("第一段的文字，\n接着写。\n\n\b\n例：\n  zwxt check\n  zwxt status")
    assert formatter.getvalue() == "第一段的文字，接着写。\n\n例：\n  zwxt check\n  zwxt status\n"


USAGE_ERRORS = [
    (("x",), "没有命令 x", "zwxt"),
    (("stauts",), "没有命令 stauts，是否想写 status？", "zwxt"),
    (("--root", "."), "缺少命令", "zwxt"),
    (("report", "neu"), "没有命令 neu，是否想写 new？", "zwxt report"),
    (("status", "extra"), "多余的参数：extra", "zwxt status"),
    (("schema", "a", "b"), "多余的参数：a b", "zwxt schema"),
    (("status", "--as-of"), "选项 --as-of 后面缺少值（日期）", "zwxt status"),
    (("check", "-f"), "选项 -f 后面缺少值，可选：text、json、github、gitlab", "zwxt check"),
    (("--root",), "选项 --root 后面缺少值（目录）", "zwxt"),
    (("check", "--strict=1"), "选项 --strict 不带值，直接写 --strict 即可", "zwxt check"),
    (("check", "--format", "xml"), "--format/-f 不能是「xml」，可选：text、json、github、gitlab",
     "zwxt check"),
    (("status", "-f", "XML"), "--format/-f 不能是「XML」，可选：table、json、csv、markdown", "zwxt status"),
    (("render", "-f", "md", "--format", "pdf"), "--format/-f 不能是「pdf」，可选：docx、md", "zwxt render"),
    (("check", "--frmat"), "没有选项 --frmat，是否想写 --format？", "zwxt check"),
    (("--bogus",), "没有选项 --bogus", "zwxt"),
    (("report", "new"), "缺少 --unit/-u", "zwxt report new"),
    (("report", "new", "--unit", "市审计局"), "缺少 --month/-m", "zwxt report new"),
]


@pytest.mark.parametrize(("args", "message", "command"), USAGE_ERRORS,
                         ids=[" ".join(args) for args, _, _ in USAGE_ERRORS])
def test_usage_errors(user_locale: dict[str, str], args: tuple[str, ...], message: str,
                      command: str) -> None:
    result = run_cli(*args)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"错误：{message}\n  怎么办：运行 {command} --help 查看用法和例子\n"


def test_user_input_cannot_inject_markup_or_control_characters() -> None:
    result = run_cli("check", "--format", "[red]x\x1b[2J")
    assert result.code == 2
    assert "错误：--format/-f 不能是「[red]x<U+001B>[2J」" in result.stderr


def test_a_real_process_under_the_c_locale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS} | {"LANG": "C"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])
    done = subprocess.run([sys.executable, "-m", "zwxt", "status", "--help"], capture_output=True,
                          text=True, encoding="utf-8", cwd=tmp_path, env=env, check=False)
    assert done.returncode == 0, done.stderr
    _no_english(done.stdout)
    assert "[默认：table]" in done.stdout


# ---- the locale is left alone --------------------------------------------------------------

@pytest.mark.parametrize("args", [("--help",), ("status", "--help"), ("x",), ("--root", "."),
                                  ("check", "--format", "xml"), ()])
def test_environment_and_gettext_are_as_before(user_locale: dict[str, str],
                                                args: tuple[str, ...]) -> None:
    before = dict(os.environ)
    domain = gettext.textdomain()
    run_cli(*args)
    assert dict(os.environ) == before
    assert gettext.textdomain() == domain


def test_commands_run_in_the_users_environment(plan_repo: PlanRepo, user_locale: dict[str, str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What zwxt starts while a command runs (git, LibreOffice) sees the user's locale, not zwxt's."""
    seen: dict[str, object] = {}

    def service(*args: object, **kwargs: object) -> None:
        seen["locale"] = {name: os.environ.get(name) for name in LOCALE_VARS}
        seen["domain"] = gettext.textdomain()
        raise UsageError("stop here")

    monkeypatch.setattr("zwxt.services.check.check", service)
    domain = gettext.textdomain()
    assert run_cli("check").code == 2
    assert seen["locale"] == {name: user_locale.get(name) for name in LOCALE_VARS}
    assert seen["domain"] == domain


if __name__ == "__main__":
    MO.write_bytes(compile_po(PO.read_text(encoding="utf-8")))
    print(f"wrote {MO}")
