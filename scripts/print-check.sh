#!/usr/bin/env bash
# Prints the app's print views to PDF with headless Chromium and checks the pages: the header row repeats on
# page 2, ID numbers and phones are masked, the footer counts pages. Tables come from the real core (CLI), the
# rendering from the app's own print component and CSS. Leaves PDFs and page images in target/print-check/out.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=./target/debug/branchbook-cli
OUT=target/print-check/out
(cd ui && PRINT_CHECK=1 npx vite build --logLevel error)
mkdir -p "$OUT"
rm -f "$OUT"/*.db*
"$CLI" --db "$OUT/p.db" demo --extra 60 >/dev/null
"$CLI" --db "$OUT/p.db" export sign-in --out target/print-check/signin.json --topic "学习贯彻党的二十届四中全会精神" \
  --date 2026-12-01 --place 村委会会议室 --blank-rows 5 >/dev/null
"$CLI" --db "$OUT/p.db" export roster --out target/print-check/roster.json \
  --columns seq,name,sex,ethnicity,birth_month,id_number,education,join_date,group,phone,address >/dev/null
"$CLI" --db "$OUT/p.db" attendance export --from "$(date -d "$(date +%Y-%m-01) -1 month" +%F)" --to "$(date +%F)" \
  --out target/print-check/attendance.json >/dev/null
"$CLI" --db "$OUT/p.db" points table --month "$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)" \
  --out target/print-check/points.json >/dev/null

PORT=${PRINT_CHECK_PORT:-4497}
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory target/print-check >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
python3 - "$PORT" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/print-check.html"); break
    except OSError:
        time.sleep(0.1)
PY

fail() { echo "print check FAILED: $*" >&2; exit 1; }
for name in signin roster attendance points; do
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --virtual-time-budget=10000 \
    --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" \
    "http://127.0.0.1:$PORT/print-check.html?table=$name.json&org=%E5%9F%8E%E5%85%B3%E9%95%87%E4%B8%9C%E9%A3%8E%E6%9D%91%E5%85%9A%E6%94%AF%E9%83%A8" 2>/dev/null
  pages=$(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ {print $2}')
  [ "$pages" -ge 2 ] || fail "$name.pdf has $pages page(s); expected at least 2"
  pdftotext -layout -f 2 -l 2 "$OUT/$name.pdf" "$OUT/$name-p2.txt"
  grep -q "序号" "$OUT/$name-p2.txt" && grep -q "姓名" "$OUT/$name-p2.txt" || fail "$name: header row not repeated on page 2"
  grep -Eq "第 ?2 ?页 ?共 ?$pages ?页" "$OUT/$name-p2.txt" || fail "$name: page footer missing on page 2"
  pdftoppm -png -r 60 -f 1 -l 2 "$OUT/$name.pdf" "$OUT/$name"
  echo "$name.pdf: $pages pages, header repeated, footer 第 N 页 共 M 页"
done
pdftotext -layout "$OUT/roster.pdf" "$OUT/roster.txt"
grep -Eq "[0-9]{4}\*{10}[0-9X]{4}" "$OUT/roster.txt" || fail "ID numbers are not masked in the roster"
grep -Eq "1[0-9]{2}\*{4}[0-9]{4}" "$OUT/roster.txt" || fail "phones are not masked in the roster"
if grep -Eq "[0-9]{17}[0-9X]" "$OUT/roster.txt"; then fail "a full ID number is printed on a posted roster"; fi
grep -q "签到" "$OUT/signin-p2.txt" || fail "sign-in sheet lost its 签到 column"
grep -q "打印日期" "$OUT/signin-p2.txt" || fail "print date missing from the page footer"
grep -q "参学率" "$OUT/attendance-p2.txt" || fail "attendance summary lost its 参学率 column on page 2"
grep -q "累计" "$OUT/points-p2.txt" || fail "points table lost its 年度累计 column on page 2"
if grep -Eq "[0-9]{17}[0-9X]" "$OUT/points-p2.txt"; then fail "an ID number on the points table"; fi
echo "print check passed: roster, sign-in sheet, attendance summary and points table"
