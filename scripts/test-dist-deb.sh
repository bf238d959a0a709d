#!/usr/bin/env bash
# Checks dist/branchbook_<version>_amd64.deb (made by `make dist-deb`): its files and metadata, then installs it with
# apt, starts the installed /usr/bin/branchbook under Xvfb through tauri-driver (one WebDriver check: the setup screen),
# runs the installed CLI on a data file under a Chinese path and on a data file of the previous version (upgraded,
# backed up, every member there), and removes the package again.
# Needs root (or sudo), Xvfb, ImageMagick's import and tauri-driver + WebKitWebDriver (all from `make deps`).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
deb=$PWD/dist/branchbook_${version}_amd64.deb
[ -f "$deb" ] || { echo "$deb is missing: run make dist-deb" >&2; exit 1; }
fail() { echo "FAIL: $*" >&2; exit 1; }
out=${DIST_TEST_OUT:-/tmp/branchbook-dist-deb}
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  if dpkg-query -W -f='${Status}' branchbook 2>/dev/null | grep -q "ok installed"; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 remove -y -qq branchbook >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== contents and metadata of $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -c "$deb" > "$out/contents.txt"
for f in ./usr/bin/branchbook ./usr/bin/branchbook-cli ./usr/share/applications/branchbook.desktop \
         ./usr/share/icons/hicolor/32x32/apps/branchbook.png ./usr/share/icons/hicolor/128x128/apps/branchbook.png \
         ./usr/share/icons/hicolor/256x256/apps/branchbook.png ./usr/share/doc/branchbook/copyright; do
  grep -q " $f\$" "$out/contents.txt" || fail "$f is not in the package"
done
grep -q '^-rwxr-xr-x root/root .* ./usr/bin/branchbook$' "$out/contents.txt" || fail "/usr/bin/branchbook is not an executable owned by root"
[ "$(dpkg-deb -f "$deb" Package)" = branchbook ] || fail "Package is not branchbook"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "Architecture is not amd64"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libwebkit2gtk-4.1-0 libgtk-3-0 libc6 fonts-noto-cjk; do
  [[ ", $depends" == *", $d"* ]] || fail "Depends lacks $d: $depends"
done
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/branchbook.desktop > "$out/branchbook.desktop"
for l in 'Name=支部台账' 'Name\[zh_CN\]=支部台账' 'Exec=branchbook' 'Icon=branchbook' 'Categories=Office;' 'Comment=.*党员名册'; do
  grep -q "^$l" "$out/branchbook.desktop" || fail "the desktop entry lacks $l"
done
echo "Depends: $depends"

echo "== apt-get install ./$(basename "$deb")"
if dpkg-query -W -f='${Status}' branchbook 2>/dev/null | grep -q "ok installed"; then
  fail "branchbook is already installed on this machine; remove it first (apt-get remove branchbook)"
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$deb" >/dev/null
for f in /usr/bin/branchbook /usr/bin/branchbook-cli /usr/share/applications/branchbook.desktop \
         /usr/share/icons/hicolor/128x128/apps/branchbook.png; do
  [ -e "$f" ] || fail "$f was not installed"
done

echo "== the installed app under Xvfb shows the setup screen (WebDriver)"
dir="$work/支部 台账"
mkdir -p "$dir"
db="$dir/数据.db"
if [ -z "${DISPLAY:-}" ]; then
  n=99
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  setsid Xvfb ":$n" -screen 0 1366x860x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  export DISPLAY=":$n"
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
port=4470
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 2)); done
WEBKIT_DISABLE_DMABUF_RENDERER=1 setsid tauri-driver --port "$port" --native-port $((port + 1)) >"$out/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
wd=http://127.0.0.1:$port
caps=$(printf '{"capabilities":{"alwaysMatch":{"tauri:options":{"application":"/usr/bin/branchbook","args":["--db","%s"]}}}}' "$db")
# A loaded machine may refuse the first attempt (the driver not ready yet, the app slow to start): try three times.
session=
for _ in 1 2 3; do
  curl -s --max-time 60 -X POST -H 'Content-Type: application/json' -d "$caps" "$wd/session" > "$out/webdriver-session.json" || true
  session=$(sed -n 's/.*"sessionId" *: *"\([^"]*\)".*/\1/p' "$out/webdriver-session.json")
  [ -n "$session" ] && break
  sleep 2
done
[ -n "$session" ] || fail "no WebDriver session with /usr/bin/branchbook: $(cat "$out/webdriver-session.json") (see $out/tauri-driver.log)"
found=
for _ in $(seq 60); do
  r=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"using":"xpath","value":"//h1[contains(., \"欢迎使用支部台账\")]"}' "$wd/session/$session/element" | tee "$out/webdriver-find.json")
  if [[ "$r" == *element-6066-11e4-a52e-4f735466cecf* ]]; then found=1; break; fi
  sleep 0.5
done
sleep 1  # let the first paint settle before the screenshot
import -display "$DISPLAY" -window root "$out/installed-first-screen.png"
[ -n "$found" ] || fail "the setup screen (欢迎使用支部台账) did not appear; screenshot: $out/installed-first-screen.png"
# The screenshot is not blank: a window with the setup form is on the display.
sd=$(convert "$out/installed-first-screen.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "the screenshot is blank (standard deviation $sd)"
[ -f "$db" ] || fail "the app did not open its data file at $db"
curl -s -X DELETE "$wd/session/$session" >/dev/null || true
kill -- "-${pids[-1]}" 2>/dev/null || true
unset 'pids[-1]'
echo "setup screen shown; screenshot: $out/installed-first-screen.png"

echo "== the installed CLI on a data file under a Chinese path"
cdb="$dir/命令行.db"
/usr/bin/branchbook-cli --db "$cdb" demo > "$out/cli-demo.txt" 2>&1 || { cat "$out/cli-demo.txt"; fail "branchbook-cli demo"; }
/usr/bin/branchbook-cli --db "$cdb" member list > "$out/cli-member-list.txt" 2>&1 || { cat "$out/cli-member-list.txt"; fail "branchbook-cli member list"; }
rows=$(grep -c . "$out/cli-member-list.txt")
[ "$rows" -gt 5 ] || fail "member list printed $rows lines"
echo "demo loaded, member list: $rows lines"

echo "== the installed CLI upgrades a data file of the previous version (tests/fixtures/schema-4)"
odb="$dir/旧版本.db"
cp tests/fixtures/schema-4/branchbook.db "$odb"
/usr/bin/branchbook-cli --db "$odb" member list > "$out/cli-upgrade.txt" 2> "$out/cli-upgrade.err" \
  || { cat "$out/cli-upgrade.err"; fail "branchbook-cli member list on the old file"; }
grep -q '数据文件已升级（第 4 版' "$out/cli-upgrade.err" || fail "no upgrade notice: $(cat "$out/cli-upgrade.err")"
grep -qx '共 60 人' "$out/cli-upgrade.txt" || fail "the upgraded file lists $(tail -1 "$out/cli-upgrade.txt"), not 共 60 人"
ls "$dir/backups/"旧版本-*-before-upgrade.db >/dev/null 2>&1 || fail "no 升级前自动备份 beside the old file: $(ls "$dir/backups" 2>&1)"
echo "upgraded: $(head -c 80 "$out/cli-upgrade.err")…; 60 members; backup in $dir/backups"

echo "== apt-get remove branchbook"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 remove -y -qq branchbook >/dev/null
for f in /usr/bin/branchbook /usr/bin/branchbook-cli /usr/share/applications/branchbook.desktop; do
  [ ! -e "$f" ] || fail "$f is still there after removal"
done
[ -f "$cdb" ] || fail "removing the package touched the data file"
echo "removed; the data files stay. test-dist-deb: OK"
