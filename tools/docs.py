"""The generated parts of docs/: `make docs` writes them, tests/test_docs.py checks they are current.

- docs/codes.md: every code zwxt reports. The R and P codes are the rule registry's
  (zwxt.rules.RULES: each rule's codes, scope and summary); the F, Y, S, T and G codes have
  no registry: each is written where it is found (the readers, validation, templates, the
  merge-request checks), so their rows list the modules that report them, found by reading
  the sources. What every code means (level, explanation) is said once, in NOTES below.
- docs/cli.md: every command's --help, as the command line prints it 100 columns wide.
- docs/填报指南.md: between its markers, the units' section of the README that `zwxt init`
  writes (src/zwxt/templates/init/README.md.j2, the one source of that text).

Usage: python tools/docs.py [--check]   (--check: exit 1 if a file is not current, write nothing)
"""

# ruff: noqa: E501  (NOTES holds the table's sentences, one a line)
from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODES_FILE = ROOT / "docs" / "codes.md"
CLI_FILE = ROOT / "docs" / "cli.md"
HELP_WIDTH = 100
GUIDE_FILE = ROOT / "docs" / "填报指南.md"
GUIDE_START = "<!-- init-readme-start: tools/docs.py 由 zwxt init 写的 README.md 生成，请勿手工修改 -->"
GUIDE_END = "<!-- init-readme-end -->"
# The units' part of the init README: from its heading to the coordinator's.
INIT_SECTION = ("## 各单位：怎样报送月度进展报告", "## 统筹单位：怎样审核和督办")
INIT_REGION, INIT_TODAY = "某市", date(2026, 1, 1)  # the region and year the guide's examples use

FAMILIES = {
    "F": "文件本身（能否读取、编码、大小、问题条数）",
    "Y": "YAML 写法",
    "S": "字段和取值（Schema）",
    "R": "跨字段、跨文件的引用（单位、任务、文件位置）",
    "P": "月报提纲（附件2）的要求",
    "T": "仓库的模板",
    "G": "合并请求与 git（`zwxt check --base`、CODEOWNERS）",
}
SCOPES = {"DataRule": "数据规则", "ReportRule": "报告规则", "MonthRule": "月份规则"}

# Level and meaning of each code, as the table shows them.
NOTES: dict[str, tuple[str, str]] = {
    "F001": ("错误", '文件或文件夹无法读取（包括不是普通文件的，如管道），或缺少 `data/units.yaml`'),
    "F002": ("错误", '不是 UTF-8 编码（GBK/GB18030、UTF-16 等）；带 BOM 的 UTF-8 可以接受'),
    "F003": ("错误", '文件为空'),
    "F004": ("错误", '二进制文件'),
    "F005": ("错误", '文件过大：报告超过 128 KB，数据文件超过 2 MB'),
    "F007": ("警告", '`reports/` 下以单位名称命名、却不是 `.yaml` 文件的文件（如 `市审计局.txt`、`市审计局.json`、没有扩展名的 `市审计局`），或名为 `….yaml` 的文件夹：没有作为报告检查'),
    "F006": ("错误/警告", '一个文件的问题太多，其余的只计数不逐一列出（见[限制](limits.md)）'),
    "F008": ("警告", '本文件有几处机械性的写法错误（全角冒号、冒号后缺空格、Tab 缩进、全角数字的日期、状态的同义词），`zwxt check --fix` 可以自动改正；这几处各自另报为错误'),
    "Y001": ("错误", 'YAML 语法错误（缩进、括号、引号、多个文档，`status:推进中` 这样冒号后缺空格等），附中文说明；缩进不对时写明应与哪一行的哪个键对齐、缩进几个空格'),
    "Y002": ("错误", '键后面用了全角冒号 `：`'),
    "Y003": ("错误", '用制表符（Tab）缩进'),
    "Y004": ("错误", '同一层出现重复的键'),
    "Y005": ("错误", '别名炸弹、别名自我引用或嵌套过深'),
    "Y006": ("错误", '含有不可见的控制字符：Word 文档无法容纳的、C1 控制字符（U+0080–U+009F，多为乱码）、行/段落分隔符 U+2028/U+2029（YAML 视作换行，会打乱行号），直接写入或用双引号转义写出的都算'),
    "Y007": ("错误", '全角空格用于缩进或冒号后'),
    "Y008": ("错误", '键不是简单文本'),
    "Y010": ("警告", '含有看不见却改变文字的字符：零宽空格、文字方向控制符（如 U+202E）、软连字符、标签字符、非字符等——Word 中看不出来，名称和文字却已不同'),
    "Y009": ("错误", '使用了 YAML 标签（如 `!!int 3`、`!!binary …`、`!自定义`）：值的类型由字段决定，不需要标签'),
    "S001": ("错误", '缺少必填字段，或必填字段为空'),
    "S002": ("错误", '未知字段（附“是否想写……”提示）'),
    "S003": ("错误", '类型不对（应为文字、数字、列表、映射等）'),
    "S004": ("错误", '取值不在可选范围内（如状态只能是 未启动/推进中/已完成）'),
    "S005": ("错误", '日期、月份格式不对（如 `2018年3月`、`2018-3`），并给出正确写法'),
    "G101": ("错误", '（`--base`）提交的作者无权修改这个文件：单位的报告只能由该单位 `maintainers` 中的邮箱提交，其他一切文件（`data/`、`templates/`、CODEOWNERS、CI 配置等）只能由统筹单位的维护人提交；维护人名单以目标分支上现在的 `data/units.yaml` 为准（合并请求不能给自己加权限，从旧的主线拉出分支也带不来旧名单）；合并提交对它决定的每个文件负责（丢弃了另一方修改的、恢复旧版本的、解决冲突的，见[督办指南](督办指南.md)“合并请求中的检查”）；没有登记维护人的单位，其报告由统筹单位的维护人提交。指出提交、作者和有权修改的人'),
    "G102": ("错误", '（`--base`）合并请求删除了报告（与合并基点相比；请求中先加后删的不算）'),
    "G105": ("警告", '（`--base`）目标分支上还没有可用的工作方案（如第一次提交方案），无法核对修改权限'),
    "G106": ("错误", '（`--base`）合并请求把报告提交成了符号链接或子模块（报告只能是普通文件；把自己的报告换成链接等于删除它）'),
    "G107": ("错误", '（`--base`）合并请求加入了下个月以后的月份的报告（按运行检查这天的日期，提前一天算，以免时区之差；下个月的可以提前写）；仓库中还没有到的月份的报告也不算“最新月份”（G104）'),
    "G103": ("警告", '（`--base`）改动了没有登记维护人的单位的报告'),
    "G104": ("警告", '（`--base`）合并请求（按净改动，先删后加也算）修改了比仓库中最新月份（不计还没有到的月份）更早的报告（`--strict` 时为错误）'),
    "G108": ("错误", '（`--base`）合并请求修改的文件在目标分支上已被删除或改名：合并时 git 可能把修改转到改名后的文件（别的单位的报告）中；请先把目标分支合并进来'),
    "G109": ("错误", '（`--base`）统筹单位代单位提交的报告，提交说明中的收到日期（`Received-On`）晚于这次提交的日期，或早于报告所属月份的第一天：收到日期不能晚于提交；不改正（`git commit --amend`）时，报送日期按合入主线的日期计'),
    "T001": ("错误", '仓库 `templates/` 中的模板无法编译（语法错误、未知的过滤器、指向仓库之外的链接、不是普通文件等）；只在检查整个仓库时检查，模板运行时的问题（如变量未定义）在 `render`、`report new` 时指出'),
    "G001": ("警告", '仓库中的 CODEOWNERS（根目录、`.github/`、`.gitlab/` 或 `docs/` 下）与 `zwxt codeowners` 根据 `data/units.yaml` 生成的内容不一致，已过时：运行 `zwxt codeowners` 重新生成；只在检查整个仓库、且数据文件没有错误时检查'),
    "R101": ("错误", '单位、单位组的名称或别名重复（全角/半角、大小写、空格不同也算同名：`市GIS中心` 和 `市gis中心` 在 Windows、macOS 上是同一个文件）'),
    "R105": ("错误", '单位、单位组的名称或别名不能用作文件名（以“.”开头、含 `/` `\\` `:` 等符号或不可见字符、含分开输入的字母和附加符号（不是 NFC）、是 `AUX`、`CON` 等 Windows 保留名、超过 50 个字）；不能以“.”结尾；名称（不含别名）还不能含空格、`[` `]`、`~` `^` `..` `@{`，不能以 `.lock` 结尾'),
    "R102": ("错误", '单位组的成员未登记'),
    "R103": ("错误", '单位组的成员是单位组'),
    "R104": ("错误", '统筹单位未登记'),
    "R201": ("错误", '任务序号重复'),
    "R202": ("错误", '任务的牵头、配合单位未登记（提示最接近的规范名称）'),
    "R203": ("错误", '完成时间无法识别，或是周期性的期限（如 `每年12月底前`）而没有写 `due`'),
    "R204": ("错误", '完成时间与到期日不一致'),
    "R208": ("警告", '同一单位既是某任务的牵头单位，又是它的配合单位'),
    "R210": ("警告", '工作方案的标题、任务原文、方面说明中，中文之间用了半角标点（如 `骨干网,市级`）：公文应用全角标点'),
    "R205": ("错误", '任务的所属方面不存在'),
    "R206": ("错误", '报告方面重复'),
    "R207": ("错误", '同一任务的量化指标重复'),
    "R209": ("错误", 'data/tasks.yaml 中 plan.report_due（报送期限）无法识别，应写成“次月5日前”“每月25日前”“次月第3个工作日前”之类'),
    "R301": ("错误", '报送单位未登记，或写的是单位组'),
    "R302": ("错误/警告", '文件名与报送单位不一致；文件名用了别名、`.yml` 或大写扩展名时为警告'),
    "R303": ("错误", '月份与所在文件夹不一致'),
    "R304": ("错误", '引用了不存在的任务序号'),
    "R305": ("错误", '同一任务在一份报告中填了两次'),
    "R306": ("错误", '同一单位同一月份有两份报告：两份都报错，删去一份之前哪一份都不计入'),
    "R307": ("错误", '报告方面不存在'),
    "R308": ("错误", '量化指标名称不是该任务的指标'),
    "R309": ("错误", '报告文件不在 `reports/YYYY-MM/` 下'),
    "R310": ("警告", '报送单位不是该任务的牵头或配合单位'),
    "P001": ("错误", '本月底前到期、本单位负责（牵头或配合，单位组展开）且此前未报告完成的任务，务必填写'),
    "P002": ("错误", '有量化指标的任务，牵头单位须填报各项指标（突出量化指标）'),
    "P003": ("错误", '已完成但没有完成日期'),
    "P004": ("错误", '完成日期晚于报告月份的月底'),
    "P005": ("警告", '此前已报告完成的任务改回推进中/未启动'),
    "P006": ("警告", '未完成却填了完成日期'),
    "P008": ("警告", '报告文字中，中文之间用了半角的逗号、冒号、分号、问号、叹号或括号（`10:30`、网址等不算）'),
    "P007": ("警告", '报告中还有「【待填写】」占位内容，或量化指标未填数值（`zwxt report new` 生成的草稿）'),
    "P009": ("警告", '成文日期（`date`，落款的日期）早于报告月份的第一天，或早于报告中最晚的完成日期'),
}


def used_codes() -> dict[str, list[str]]:
    """Every code written in the sources as a literal, with the modules that write it."""
    found: dict[str, set[str]] = {}
    src = ROOT / "src"
    for path in sorted(src.rglob("*.py")):
        for code in re.findall(r'"([FYSRPTG]\d{3})"', path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(path.relative_to(src).as_posix())
    return {code: sorted(modules) for code, modules in found.items()}


def codes_md() -> str:
    """docs/codes.md, from the rule registry, the sources and NOTES."""
    from zwxt.rules import RULES

    registered = {code: rule for rule in RULES for code in rule.codes}
    used = used_codes()
    missing = sorted(set(used) - set(NOTES))
    stale = sorted(set(NOTES) - set(used))
    if missing or stale:
        raise SystemExit(f"tools/docs.py NOTES: codes without a note {missing}, notes without a code {stale}")
    lines = [
        "# 检查项与代码",
        "",
        "<!-- 由 tools/docs.py 生成（make docs），请勿手工修改：说明写在 tools/docs.py 的 NOTES 中 -->",
        "",
        "`zwxt check` 报出的每个问题都有一个代码，如 `R304`。代码的第一个字母说明是哪一类问题：",
        "",
    ]
    lines += [f"- **{letter}**：{meaning}" for letter, meaning in FAMILIES.items()]
    lines += [
        "",
        "R 和 P 两类来自规则注册表（`zwxt.rules.RULES`，每条规则是一个纯函数，分三种：数据规则读两个数据文件，"
        "报告规则对照方案读一份报告，月份规则对照此前各月的台账读一个月的全部报告），下表的“来源”一列是注册表中"
        "该规则的说明。F、Y、S、T、G 五类没有注册表：它们由读取、校验、模板和合并请求检查的代码各自报出，"
        "“来源”一列写的是报出它的模块（由 tools/docs.py 读源码得出）。",
        "",
        "级别为“错误”的问题使 `zwxt check` 以退出码 1 结束；“警告”只在 `--strict` 时如此。"
        "问题怎么看、怎么改，见 [填报指南](填报指南.md)。",
        "",
    ]
    for letter, meaning in FAMILIES.items():
        codes = sorted(code for code in NOTES if code.startswith(letter))
        lines += [f"## {letter}：{meaning}", "", "| 代码 | 级别 | 检查内容 | 来源 |", "|---|---|---|---|"]
        for code in codes:
            level, text = NOTES[code]
            rule = registered.get(code)
            if rule is not None:
                source = f"{SCOPES[type(rule).__name__]}：{rule.summary}（{'、'.join(rule.codes)}）"
            else:
                source = "、".join(f"`{module}`" for module in used[code])
            lines.append(f"| {code} | {level} | {text} | {source} |")
        lines.append("")
    return "\n".join(lines)


def commands() -> list[list[str]]:
    """Every command line of zwxt, as the words that name it (groups before their commands)."""
    from typer.main import get_command

    from zwxt.cli import app

    found: list[list[str]] = []

    # (typer's groups and contexts: duck-typed, for typer carries a click of its own)
    def walk(group: Any, ctx: Any, words: list[str]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append([*words, name])
            if hasattr(command, "list_commands"):
                walk(command, type(ctx)(command, info_name=name, parent=ctx), [*words, name])

    root = get_command(app)
    walk(root, root.make_context("zwxt", [], resilient_parsing=True), [])
    return found


def help_text(words: list[str]) -> str:
    """What `zwxt <words> --help` prints."""
    from typer.testing import CliRunner

    from zwxt.cli import app

    env = {"COLUMNS": str(HELP_WIDTH), "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*words, "--help"], env=env, terminal_width=HELP_WIDTH)
    if result.exit_code != 0:
        raise SystemExit(f"zwxt {' '.join(words)} --help exited {result.exit_code}: {result.output}")
    return result.output.rstrip()


def cli_md() -> str:
    """docs/cli.md: the help of zwxt and of each of its commands."""
    lines = [
        "# 命令参考",
        "",
        "<!-- 由 tools/docs.py 从各命令的 --help 生成（make docs），请勿手工修改 -->",
        "",
        "每个命令的 `--help`（`zwxt 命令 --help` 显示的就是这些）。各命令怎么用、为什么这样做，见"
        "[督办指南](督办指南.md)和[填报指南](填报指南.md)。",
        "",
        "## zwxt",
        "",
        "```",
        help_text([]),
        "```",
        "",
    ]
    for words in commands():
        lines += [f"## zwxt {' '.join(words)}", "", "```", help_text(words), "```", ""]
    return "\n".join(lines)


def init_readme_section() -> str:
    """The units' section of the README zwxt init writes, for the guide's examples."""
    from zwxt.services.init import shipped_text

    text = shipped_text("README.md.j2", INIT_REGION, INIT_TODAY)
    start, end = (text.index(heading) for heading in INIT_SECTION)
    # one level down: in the guide it stands under a heading of its own
    return re.sub(r"^(#+) ", r"#\1 ", text[start:end].strip("\n"), flags=re.MULTILINE)


def guide_md(current: str) -> str:
    """docs/填报指南.md with the init README's section put between its markers."""
    head, rest = current.split(GUIDE_START, 1)
    _, tail = rest.split(GUIDE_END, 1)
    return f"{head}{GUIDE_START}\n\n{init_readme_section()}\n\n{GUIDE_END}{tail}"


def generated() -> dict[Path, str]:
    """Each generated file and the text it should have."""
    guide = GUIDE_FILE.read_text(encoding="utf-8")
    return {CODES_FILE: codes_md(), CLI_FILE: cli_md(), GUIDE_FILE: guide_md(guide)}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in generated().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print("not current (run make docs): " + ", ".join(stale))
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
