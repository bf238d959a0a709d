#!/usr/bin/env bash
# Checks what the app really prints: the core's own PDF (打印 and 保存为 PDF write exactly this file), made by the
# CLI from the demo branch, rendered to PNG with pdftoppm and read back with pdftotext. Asserts A4 in the right
# orientation, the page count of the 56-member demo roster (2–3 landscape pages), the header row on page 2, the
# footer 「第 N 页 共 M 页」 and print date on every page, masked ID numbers and phones, and that no cell is
# clipped (every name and masked ID number of the table is in the text, whole). Leaves PDFs and page images in
# target/print-check/out.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=./target/debug/branchbook-cli
OUT=target/print-check/out
mkdir -p "$OUT"
rm -f "$OUT"/*.db* "$OUT"/*.pdf "$OUT"/*.png "$OUT"/*.txt "$OUT"/*.json "$OUT"/*.ppm
fail() { echo "print check FAILED: $*" >&2; exit 1; }

"$CLI" --db "$OUT/p.db" demo >/dev/null
PREV=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
ROSTER_COLS=seq,name,sex,ethnicity,birth_month,id_number,education,join_date,group,phone,address
"$CLI" --db "$OUT/p.db" export roster --out "$OUT/roster.pdf" --columns "$ROSTER_COLS" >/dev/null
"$CLI" --db "$OUT/p.db" export roster --out "$OUT/roster.json" --columns "$ROSTER_COLS" >/dev/null
"$CLI" --db "$OUT/p.db" export sign-in --out "$OUT/signin.pdf" --topic "学习贯彻党的二十届四中全会精神" \
  --date 2026-12-01 --place 村委会会议室 --blank-rows 5 >/dev/null
"$CLI" --db "$OUT/p.db" attendance export --from "$(date -d "$(date +%Y-%m-01) -1 month" +%F)" --to "$(date +%F)" \
  --out "$OUT/attendance.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" points table --month "$PREV" --out "$OUT/points.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" dues table --kind register --year "$(date +%Y)" --out "$OUT/dues-register.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" dues table --kind register --year "$(date +%Y)" --out "$OUT/dues-register.json" >/dev/null
# Issue 15: the 介绍信 of the demo's letter awaiting its 回执, last year's 民主测评表, the 春节 签收表.
"$CLI" --db "$OUT/p.db" mobile table --kind letter --id 1 --out "$OUT/letter.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" appraisal table --kind ballot --year "$(( $(date +%Y) - 1 ))" --out "$OUT/ballot.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" care table --kind sign_sheet --occasion 春节 --year "$(date +%Y)" --out "$OUT/sign-sheet.pdf" >/dev/null
# Issue 16: the 党内统计 (every table, one after another) and a chart with its table, as 报表中心 prints them.
"$CLI" --db "$OUT/p.db" stats --year "$(date +%Y)" --out "$OUT/stats.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" report --key chart_age --year "$(date +%Y)" --out "$OUT/chart-age.pdf" >/dev/null
"$CLI" --db "$OUT/p.db" report --key chart_age --year "$(date +%Y)" --out "$OUT/chart-age.json" >/dev/null
BRANCHBOOK_LARGE_PRINT=1 "$CLI" --db "$OUT/p.db" export roster --out "$OUT/roster-large.pdf" --columns "$ROSTER_COLS" >/dev/null

pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
# pdfinfo's page size in points, e.g. "841.89 x 595.276".
size() { pdfinfo "$1" | awk '/^Page size:/ {print int($3+0.5) "x" int($5+0.5)}'; }

check() { # name orientation min max [header word, else 序号 or 姓名]
  local name=$1 orient=$2 min=$3 max=$4 head=${5:-} pdf="$OUT/$1.pdf"
  local n; n=$(pages "$pdf")
  [ "$n" -ge "$min" ] && [ "$n" -le "$max" ] || fail "$name.pdf has $n page(s); expected $min–$max"
  local s; s=$(size "$pdf")
  if [ "$orient" = landscape ]; then [ "$s" = 842x595 ] || fail "$name.pdf is $s pt, not A4 landscape"; 
  else [ "$s" = 595x842 ] || fail "$name.pdf is $s pt, not A4 portrait"; fi
  for p in $(seq 1 "$n"); do
    pdftotext -layout -f "$p" -l "$p" "$pdf" "$OUT/$name-p$p.txt"
    if [ -n "$head" ]; then grep -q "$head" "$OUT/$name-p$p.txt" || fail "$name: no header row on page $p"
    else grep -q "序号" "$OUT/$name-p$p.txt" || grep -q "姓名" "$OUT/$name-p$p.txt" || fail "$name: no header row on page $p"; fi
    grep -Eq "第 ?$p ?页 ?共 ?$n ?页" "$OUT/$name-p$p.txt" || fail "$name: footer 第 $p 页 共 $n 页 missing on page $p"
    grep -q "打印日期：$(date +%F)" "$OUT/$name-p$p.txt" || fail "$name: print date missing on page $p"
  done
  pdftoppm -png -r 50 "$pdf" "$OUT/$name"
  local png; png=$(ls "$OUT/$name"-*.png | wc -l)
  [ "$png" -eq "$n" ] || fail "$name: pdftoppm rendered $png of $n pages"
  echo "$name.pdf: $n pages, A4 $orient ($s pt), header row and 第 N 页 共 $n 页 on every page"
}

check roster landscape 2 3
check signin portrait 2 4
check attendance landscape 1 20
check points landscape 1 20
check roster-large landscape 3 8
check dues-register landscape 1 6
check letter portrait 1 1 存根
check ballot portrait 2 3
check sign-sheet landscape 1 2
check stats landscape 3 6 单位
check chart-age portrait 1 1 类别
# The chart: every bar's label and number is printed (once by its bar, once in the table), and its bars are grey
# ink, not colour: the page rendered in colour has no pixel whose channels differ.
pdftotext "$OUT/chart-age.pdf" "$OUT/chart-age.txt"
python3 - "$OUT/chart-age.json" "$OUT/chart-age.txt" <<'PY' || fail "chart: a bar's label or number is missing"
import json, sys
t = json.load(open(sys.argv[1])); text = open(sys.argv[2]).read()
for b in t["chart"]["bars"]:
    assert text.count(b["label"]) >= 2, b["label"]
PY
pdftoppm -r 40 "$OUT/chart-age.pdf" "$OUT/chart-colour"
python3 - "$OUT"/chart-colour-1.ppm <<'PY' || fail "chart: drawn in colour, unreadable in black and white"
import sys
data = open(sys.argv[1], "rb").read()
# Raw PPM (P6): header "P6 w h 255", then RGB bytes. Count pixels whose channels differ (colour), and dark ones.
parts = data.split(maxsplit=4)
w, h, px = int(parts[1]), int(parts[2]), parts[4]
colour = sum(1 for i in range(0, w * h * 3, 3) if max(px[i:i + 3]) - min(px[i:i + 3]) > 24)
dark = sum(1 for i in range(0, w * h * 3, 3) if px[i] < 128)
assert dark > 500, f"only {dark} dark pixels: no bars drawn?"
assert colour == 0, f"{colour} coloured pixels"
PY
tr -d ' \n' < "$OUT/stats-p1.txt" | grep -q "年底实有党员数" || fail "党内统计: 表1 lost its 年底实有 column"
pdftotext "$OUT/letter.pdf" "$OUT/letter.txt"
for part in 第一联 第二联 第三联 "党费已交到二〇" 有效期 特此回复; do
  tr -d ' \n' < "$OUT/letter.txt" | grep -q "$part" || fail "介绍信: «$part» missing"
done
pdftotext "$OUT/ballot.pdf" "$OUT/ballot.txt"
tr -d ' \n' < "$OUT/ballot.txt" | grep -q "预备党员，不定等次" || fail "测评表: the 预备党员 is not marked 不定等次"
pdftotext "$OUT/sign-sheet.pdf" "$OUT/sign-sheet.txt"
grep -q "签收人签字" "$OUT/sign-sheet.txt" && grep -q "500.00" "$OUT/sign-sheet.txt" || fail "签收表: the signature column or the 500.00 paid at 春节 is missing"

# The 党费收缴登记表: every member's name and the year's 合计 are in the PDF, whole.
pdftotext "$OUT/dues-register.pdf" "$OUT/dues-register.txt"
python3 - "$OUT/dues-register.json" "$OUT/dues-register.txt" <<'PY' || fail "dues register: a name or the total is missing"
import json, sys
t = json.load(open(sys.argv[1]))
# A name with the birth year that tells two 王芳 apart wraps inside its cell: whole, over two lines.
text = open(sys.argv[2]).read().replace(" ", "").replace("\n", "")
rows = [r for g in t["groups"] for r in g["rows"]]
missing = [r[1] for r in rows if r[1] and r[1] not in text]
total = rows[-1]
assert total[1] == "合计", total
assert not missing, missing
assert total[19] in text, f"the year's 实交 total {total[19]} is not in the PDF"
print(f"dues-register.pdf: {len(rows) - 1} members and the 合计 {total[19]} are all there")
PY

# No cell clipped: every name and every masked ID number of the table is in the PDF's text, whole.
pdftotext "$OUT/roster.pdf" "$OUT/roster.txt"
python3 - "$OUT/roster.json" "$OUT/roster.txt" <<'PY' || fail "roster: a cell is clipped or missing"
import json, sys
table = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
words = set(text.split())
missing = []
for g in table["groups"]:
    for row in g["rows"]:
        name, id_number, phone = row[1], row[5], row[9]
        for v in (name, id_number, phone):
            if v and v not in words:
                missing.append(v)
if missing:
    print("missing or broken:", missing[:10], file=sys.stderr)
    sys.exit(1)
print(f"roster: all {sum(len(g['rows']) for g in table['groups'])} names, ID numbers and phones printed whole")
PY
grep -q "序号" "$OUT/roster-p2.txt" && grep -q "公民身份号码" "$OUT/roster-p2.txt" || fail "roster: header row not repeated on page 2"
grep -Eq "[0-9]{4}\*{10}[0-9X]{4}" "$OUT/roster.txt" || fail "ID numbers are not masked in the roster"
grep -Eq "1[0-9]{2}\*{4}[0-9]{4}" "$OUT/roster.txt" || fail "phones are not masked in the roster"
if grep -Eq "[0-9]{17}[0-9X]" "$OUT/roster.txt"; then fail "a full ID number is printed on a posted roster"; fi
grep -q "签到" "$OUT/signin-p2.txt" || fail "sign-in sheet lost its 签到 column on page 2"
grep -q "参学率" "$OUT/attendance-p1.txt" || fail "attendance summary lost its 参学率 column"
grep -q "累计" "$OUT/points-p1.txt" || fail "points table lost its 年度累计 column"
if grep -Eq "[0-9]{17}[0-9X]" "$OUT/points-p1.txt"; then fail "an ID number on the points table"; fi
echo "print check passed: roster, sign-in sheet, attendance summary, points table, 介绍信, 测评表, 签收表, 党内统计, a chart and large print, as the app prints them"
