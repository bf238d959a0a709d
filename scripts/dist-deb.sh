#!/usr/bin/env bash
# Packs the release app and CLI (built by `make dist-deb`) into dist/branchbook_<version>_amd64.deb with dpkg-deb.
# Depends is computed by dpkg-shlibdeps from the binaries' NEEDED libraries (Debian's symbols files).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}/release
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "no version in [workspace.package] of Cargo.toml" >&2; exit 1; }
for b in branchbook branchbook-cli; do
  [ -x "$target/$b" ] || { echo "$target/$b is missing: cargo build --release -p branchbook -p branchbook-cli" >&2; exit 1; }
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
install -d -m 755 "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/applications" "$pkg/usr/share/doc/branchbook"
install -m 755 "$target/branchbook" "$target/branchbook-cli" "$pkg/usr/bin/"
install -m 644 packaging/deb/branchbook.desktop "$pkg/usr/share/applications/branchbook.desktop"
install -m 644 packaging/deb/copyright "$pkg/usr/share/doc/branchbook/copyright"
# The Debian changelog lintian asks for (a native package: changelog.gz), one entry for this version.
date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf 'branchbook (%s) stable; urgency=medium\n\n  * BranchBook %s; see the README for what changed.\n\n -- %s  %s\n' \
  "$version" "$version" "$(sed -n 's/^Maintainer: //p' packaging/deb/control.in)" "$date" \
  | gzip -9n > "$pkg/usr/share/doc/branchbook/changelog.gz"
chmod 644 "$pkg/usr/share/doc/branchbook/changelog.gz"
for icon in 32x32:32x32.png 128x128:128x128.png 256x256:128x128@2x.png 512x512:icon.png; do
  size=${icon%%:*} file=${icon#*:}
  install -D -m 644 "icons/$file" "$pkg/usr/share/icons/hicolor/$size/apps/branchbook.png"
done

# dpkg-shlibdeps wants a debian/control in its working directory.
mkdir -p "$stage/shlibs/debian" && touch "$stage/shlibs/debian/control"
depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O -e"$pkg/usr/bin/branchbook" -e"$pkg/usr/bin/branchbook-cli" 2>/dev/null \
  | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
case "$depends" in *libwebkit2gtk-4.1-0*) ;; *) echo "Depends lacks libwebkit2gtk-4.1-0: $depends" >&2; exit 1 ;; esac

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
  packaging/deb/control.in > "$pkg/DEBIAN/control"

mkdir -p dist
deb=dist/branchbook_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb: $(du -h "$deb" | cut -f1) (app $(du -h "$target/branchbook" | cut -f1), CLI $(du -h "$target/branchbook-cli" | cut -f1))"
echo "Depends: $depends"
