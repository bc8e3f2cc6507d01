#!/usr/bin/env bash
# zwxt 演示：从 zwxt init 新建方案仓库，到一个单位的合并请求因作者无权修改而不通过、换成本单位维护人后通过，
# 再到 zwxt status --month 显示按时和逾期的报送。用法：examples/demo.sh [新仓库的目录]
# （环境变量 ZWXT 可指定 zwxt 命令，默认 zwxt；需要 git。）
set -euo pipefail
ZWXT=${ZWXT:-zwxt}
dir=${1:-$(mktemp -d)/某市方案}

step() { printf '\n== %s\n' "$*"; }
fill() {  # 像各单位的工作人员那样填写草稿：数值填 40，其余写“本月按计划推进。”
    sed -i -E -e '/^ *#/!s/^( +[^ :]+: )【待填写】( *#.*)?$/\140/' -e '/^ *#/!s/【待填写】/本月按计划推进。/' "$1"
}
as() {  # 以某人的身份运行 git：as 姓名 邮箱 日期 git …
    local name=$1 email=$2 when=$3; shift 3
    GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$when \
    GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email GIT_COMMITTER_DATE=$when "$@"
}
LI=(统筹局小李 tongchou@example.gov.cn)   # 示例统筹局的维护人，也审核合并请求
WANG=(责任局小王 zeren@example.gov.cn)     # 示例责任局的维护人

step "1. 新建方案仓库，给示例责任局登记维护人，提交到 main"
$ZWXT init "$dir" --region 某市
cd "$dir"
sed -i 's/^    lead_office: 示例责任局办公室$/&\n    maintainers: [zeren@example.gov.cn]/' data/units.yaml
$ZWXT check --strict
git add -A
as "${LI[@]}" 2027-01-04T09:00:00+08:00 git commit -qm "工作方案"

step "2. 统筹局小李替示例责任局提交了它的 1 月报告：合并请求不通过"
git switch -qc report/2027-01/示例责任局
$ZWXT report new --unit 示例责任局 --month 2027-01
fill reports/2027-01/示例责任局.yaml
git add -A
as "${LI[@]}" 2027-02-02T16:00:00+08:00 git commit -qm "示例责任局 2027年1月进展报告"
if $ZWXT check --base main; then echo "意外：应当不通过" >&2; exit 1; fi

step "3. 改由示例责任局的维护人小王提交：通过；2 月 3 日合入 main（按时：次月5日前）"
as "${WANG[@]}" 2027-02-02T17:00:00+08:00 git commit -q --amend --reset-author --no-edit
$ZWXT check --base main --strict
git switch -q main
as "${LI[@]}" 2027-02-03T10:00:00+08:00 git merge -q --no-ff -m "合并 示例责任局 1月报告" report/2027-01/示例责任局

step "4. 示例统筹局的 1 月报告用 report new --commit 生成并提交，2 月 9 日才合入（逾期 4 天）"
git config user.name "${LI[0]}" && git config user.email "${LI[1]}"
$ZWXT report new --unit 示例统筹局 --month 2027-01 --commit
fill reports/2027-01/示例统筹局.yaml
git commit -qam "填写示例统筹局 2027年1月进展报告"
$ZWXT check --base main --strict
git switch -q main
as "${LI[@]}" 2027-02-09T10:00:00+08:00 git merge -q --no-ff -m "合并 示例统筹局 1月报告" report/2027-01/示例统筹局

step "5. 1 月的报送情况"
$ZWXT status --month 2027-01
