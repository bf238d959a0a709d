#!/usr/bin/env bash
# Checks the Windows installer built by `make dist-win`, on Debian with wine (the GUI needs WebView2, which wine
# lacks, so the app window stays a manual check on Windows):
#  1. 7z lists the installer: the app, the CLI, WebView2Loader.dll, the icon and the uninstaller are in it.
#  2. In a fresh wine prefix (temp dir) the installer runs silently (/S) and installs per user into
#     %LOCALAPPDATA%\Programs\支部台账 with both shortcuts and the Add/Remove Programs entry under HKCU.
#  3. The installed CLI runs setup, demo, member list and export roster on data files under a path with Chinese
#     characters; the .xlsx it wrote opens with openpyxl; a data file of the previous version is upgraded with its
#     backup; its default data file is under %APPDATA%\org.branchbook.desktop.
#  4. Over an older version (0.0.1, packed from the same files) the installer upgrades in place; the uninstaller
#     removes the program, its shortcuts and registry entry, and keeps the data folder.
# wine 8 lacks bcryptprimitives.dll!ProcessPrng, which Rust's std needs: a stub (packaging/windows/bcryptprimitives.c)
# is put into the prefix's system32 for the test only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
installer=$root/dist/支部台账-${version}-x64-setup.exe
[ -f "$installer" ] || { echo "$installer is missing: make dist-win" >&2; exit 1; }
WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
[ -x "$WINE" ] || { echo "wine64 is not installed (apt-get install wine64)" >&2; exit 1; }
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)

fail() { echo "Windows installer check FAILED: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }

echo "== 1. installer contents (7z)"
listing=$(7z l "$installer")
for f in branchbook.exe branchbook-cli.exe WebView2Loader.dll branchbook.ico uninstall.exe; do
  grep -qE "[[:space:]]$f\$" <<<"$listing" || fail "$f is not in the installer: $listing"
done
ok "branchbook.exe, branchbook-cli.exe, WebView2Loader.dll, branchbook.ico, uninstall.exe; $(stat -c %s "$installer") bytes"

echo "== 2. silent install under wine"
tmp=$(mktemp -d /tmp/branchbook-wine.XXXXXX)
export WINEPREFIX=$tmp/prefix WINEARCH=win64 WINEDEBUG=-all HOME=$tmp/home
# No Mono/Gecko prompts, no menu entries or desktop files written into the (real) Linux session.
export WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
# Chinese arguments reach the Windows programs through the Unix locale: it must be UTF-8.
export LC_ALL=C.UTF-8
unset BRANCHBOOK_DB DISPLAY WAYLAND_DISPLAY
mkdir -p "$HOME"
cleanup() { "$WINESERVER" -k 2>/dev/null || true; rm -rf "$tmp"; }
[ -n "${KEEP_WINE:-}" ] && echo "  (KEEP_WINE: prefix kept in $tmp)" || trap cleanup EXIT
"$WINE" wineboot -i >/dev/null 2>&1 || true
"$WINESERVER" -w
sys32=$WINEPREFIX/drive_c/windows/system32
[ -d "$sys32" ] || fail "wineboot made no prefix in $WINEPREFIX"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" packaging/windows/bcryptprimitives.c -ladvapi32
"$WINE" "$installer" /S
"$WINESERVER" -w
user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
uhome=$WINEPREFIX/drive_c/users/$user
instdir=$uhome/AppData/Local/Programs/支部台账
for f in branchbook.exe branchbook-cli.exe WebView2Loader.dll branchbook.ico uninstall.exe; do
  [ -f "$instdir/$f" ] || fail "$f was not installed into $instdir: $(ls "$instdir" 2>&1)"
done
ok "installed per user into C:\\users\\$user\\AppData\\Local\\Programs\\支部台账"
# wine links the Desktop folder to $HOME (a temp dir here).
lnk_desktop=$uhome/Desktop/支部台账.lnk
lnk_start="$uhome/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/支部台账.lnk"
[ -f "$lnk_desktop" ] || fail "no desktop shortcut $lnk_desktop"
[ -f "$lnk_start" ] || fail "no Start-menu shortcut $lnk_start"
ok "shortcuts: ${lnk_desktop#$uhome/}, ${lnk_start#$uhome/}"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\org.branchbook.desktop'
# reg query prints Chinese as ? through a pipe; reg export writes UTF-16.
"$WINE" reg export "$key" "$tmp/uninstall.reg" /y >/dev/null 2>&1 || fail "no uninstall entry $key"
reg=$(iconv -f UTF-16 -t UTF-8 "$tmp/uninstall.reg" | tr -d '\r')
grep -q "DisplayName.*支部台账" <<<"$reg" || fail "uninstall entry lacks DisplayName 支部台账: $reg"
grep -q "DisplayVersion.*$version" <<<"$reg" || fail "uninstall entry lacks DisplayVersion $version: $reg"
grep -q 'UninstallString.*uninstall.exe' <<<"$reg" || fail "uninstall entry lacks UninstallString: $reg"
ok "Add/Remove Programs entry under HKCU (支部台账 $version)"

echo "== 3. the installed CLI"
cli() { "$WINE" "$instdir/branchbook-cli.exe" "$@" | tr -d '\r'; }
datadir=$WINEPREFIX/drive_c/台账测试/第一支部
mkdir -p "$datadir"
wdir='C:\台账测试\第一支部'
out=$(cli --db "$wdir\\新建.db" setup --json '{"kind":"631","name":"新村党支部","secretary":"李书记","groups":[{"name":"第一党小组"}]}') \
  || fail "setup: $out"
grep -q 新村党支部 <<<"$out" || fail "setup did not answer the organisation: $out"
[ -s "$datadir/新建.db" ] || fail "setup wrote no data file under $datadir"
ok "setup → $wdir\\新建.db"
out=$(cli --db "$wdir\\示例.db" demo) || fail "demo: $out"
grep -q 已载入示例数据 <<<"$out" || fail "demo: $out"
ok "demo: $out"
out=$(cli --db "$wdir\\示例.db" member list) || fail "member list: $out"
rows=$(wc -l <<<"$out")
[ "$rows" -ge 20 ] || fail "member list printed $rows lines: $out"
ok "member list: $rows lines"
cli --db "$wdir\\示例.db" export roster --out "$wdir\\党员花名册.xlsx" --columns seq,name,sex,birth_month,group,phone >/dev/null \
  || fail "export roster"
xlsx=$datadir/党员花名册.xlsx
[ -s "$xlsx" ] || fail "export roster wrote no $xlsx"
# Debian's python3 (python3-openpyxl), not a python of pyenv or a venv earlier in PATH.
/usr/bin/python3 - "$xlsx" <<'PY' || fail "the exported xlsx does not open or lacks the roster"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb.worksheets[0]
cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
assert any("姓名" in c for c in cells), "no 姓名 header"
assert sum(1 for row in ws.iter_rows(values_only=True) if any(row)) >= 20, "too few rows"
print(f"  ok: {sys.argv[1].rsplit('/', 1)[-1]} opens with openpyxl: sheet {ws.title}, {len(cells)} cells")
PY
# A data file of the previous version (tests/fixtures/schema-4): upgraded with its 升级前自动备份, every member there.
cp tests/fixtures/schema-4/branchbook.db "$datadir/旧版本.db"
out=$("$WINE" "$instdir/branchbook-cli.exe" --db "$wdir\\旧版本.db" member list 2>"$tmp/upgrade.err" | tr -d '\r') \
  || fail "member list on the old file: $(cat "$tmp/upgrade.err")"
grep -q '数据文件已升级（第 4 版' "$tmp/upgrade.err" || fail "no upgrade notice: $(cat "$tmp/upgrade.err")"
grep -qx '共 60 人' <<<"$out" || fail "the upgraded file lists $(tail -1 <<<"$out"), not 共 60 人"
ls "$datadir/backups/"旧版本-*-before-upgrade.db >/dev/null 2>&1 || fail "no 升级前自动备份 in $datadir\\backups"
ok "a schema-4 data file upgraded: 60 members, 升级前自动备份 in $wdir\\backups"
path=$(cli path)
case "$path" in
  *'AppData\Roaming\org.branchbook.desktop\branchbook.db') ok "default data file: $path" ;;
  *) fail "default data file is $path, not under %APPDATA%\\org.branchbook.desktop" ;;
esac
cli demo >/dev/null || fail "demo into the default data file"
appdata=$uhome/AppData/Roaming/org.branchbook.desktop
[ -s "$appdata/branchbook.db" ] || fail "no data file in $appdata"
ok "demo into the default data file under %APPDATA%\\org.branchbook.desktop"

echo "== 4. upgrade in place, uninstall keeps the data"
# An "older version": the same files (unpacked from the installer with 7z) packed as 0.0.1 with the same script.
mkdir -p "$tmp/old"
7z e -y -o"$tmp/old" "$installer" branchbook.exe branchbook-cli.exe WebView2Loader.dll >/dev/null
makensis -V1 -INPUTCHARSET UTF8 -DVERSION=0.0.1 -DSRCDIR="$tmp/old" -DICON="$root/icons/icon.ico" \
  -DOUTFILE="$tmp/old/支部台账-0.0.1-x64-setup.exe" packaging/windows/installer.nsi
before=$(ls "$instdir" | sort | tr '\n' ' ')
installed_version() {
  "$WINE" reg export "$key" "$tmp/v.reg" /y >/dev/null 2>&1 || return 1
  iconv -f UTF-16 -t UTF-8 "$tmp/v.reg" | tr -d '\r' | sed -n 's/^"DisplayVersion"="\(.*\)"$/\1/p'
}
"$WINE" "$tmp/old/支部台账-0.0.1-x64-setup.exe" /S
"$WINESERVER" -w
[ "$(installed_version)" = 0.0.1 ] || fail "the 0.0.1 installer did not register 0.0.1: $(installed_version)"
"$WINE" "$installer" /S
"$WINESERVER" -w
[ "$(installed_version)" = "$version" ] || fail "upgrading 0.0.1 → $version left version $(installed_version)"
after=$(ls "$instdir" | sort | tr '\n' ' ')
[ "$before" = "$after" ] || fail "upgrading changed the program folder: $before → $after"
[ "$(find "$uhome/AppData/Local/Programs" -name branchbook.exe | wc -l)" = 1 ] || fail "a second copy was installed"
cli member list >/dev/null || fail "the CLI no longer reads the data after the upgrade"
ok "0.0.1 → $version upgraded in place in ...\\Programs\\支部台账 ($after); the data still opens"
"$WINE" "$instdir/uninstall.exe" /S
"$WINESERVER" -w
sleep 2; "$WINESERVER" -w
[ ! -e "$instdir/branchbook.exe" ] || fail "the uninstaller left branchbook.exe"
[ ! -e "$lnk_desktop" ] && [ ! -e "$lnk_start" ] || fail "the uninstaller left a shortcut"
"$WINE" reg query "$key" >/dev/null 2>&1 && fail "the uninstaller left $key"
[ -s "$appdata/branchbook.db" ] || fail "the uninstaller deleted the data file in $appdata"
ok "uninstalled: program, shortcuts and registry entry gone; %APPDATA%\\org.branchbook.desktop\\branchbook.db kept"
echo "Windows installer check passed: $(basename "$installer")"
