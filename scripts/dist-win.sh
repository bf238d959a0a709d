#!/usr/bin/env bash
# Packs the Windows release app and CLI (cross-built by `make dist-win` with Debian's mingw-w64) into
# dist/支部台账-<version>-x64-setup.exe with Debian's makensis and the project's own packaging/windows/installer.nsi
# (Tauri's NSIS bundler downloads plugins from the internet, so it is not used). The GNU build needs
# WebView2Loader.dll beside branchbook.exe; the installer carries it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}/x86_64-pc-windows-gnu/release
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "no version in [workspace.package] of Cargo.toml" >&2; exit 1; }
for f in branchbook.exe branchbook-cli.exe; do
  [ -f "$target/$f" ] || { echo "$target/$f is missing: cargo build --release --target x86_64-pc-windows-gnu -p branchbook -p branchbook-cli" >&2; exit 1; }
done
# webview2-com-sys copies the loader next to the exe; fall back to the newest one its build script left.
loader=$target/WebView2Loader.dll
[ -f "$loader" ] || loader=$(ls -t "$target"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll 2>/dev/null | head -1)
[ -f "$loader" ] || { echo "WebView2Loader.dll not found under $target" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$target/branchbook.exe" "$target/branchbook-cli.exe" "$loader" "$stage/"
# The release profile strips already; this makes sure of it (no-op on stripped files).
x86_64-w64-mingw32-strip "$stage/branchbook.exe" "$stage/branchbook-cli.exe"

icon=$root/icons/icon.ico
if [ ! -f "$icon" ]; then
  command -v icotool >/dev/null || { echo "icons/icon.ico is missing and icotool (icoutils) is not installed" >&2; exit 1; }
  icon=$stage/icon.ico
  icotool -c -o "$icon" icons/32x32.png icons/128x128.png icons/128x128@2x.png
fi

mkdir -p dist
out=$root/dist/支部台账-${version}-x64-setup.exe
rm -f "$out"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSRCDIR="$stage" -DICON="$icon" -DOUTFILE="$out" \
  packaging/windows/installer.nsi
echo "dist/$(basename "$out"): $(du -h "$out" | cut -f1) ($(stat -c %s "$out") bytes; app $(du -h "$stage/branchbook.exe" | cut -f1), CLI $(du -h "$stage/branchbook-cli.exe" | cut -f1), WebView2Loader.dll $(du -h "$stage/WebView2Loader.dll" | cut -f1))"
