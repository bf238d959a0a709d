# BranchBook (支部台账). Two commands do all set-up on a fresh Debian 12 machine:
#   make run    install what is missing, build, start the app
#   make test   install what is missing, build, run every test (E2E under Xvfb when there is no display)
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential libssl-dev librsvg2-dev libsoup-3.0-dev \
	libayatana-appindicator3-dev pkg-config xvfb xauth webkit2gtk-driver fonts-noto-cjk imagemagick procps \
	poppler-utils
TAURI_DRIVER_VERSION := 2.1.0
export PATH := $(HOME)/.cargo/bin:$(PATH)
export WEBKIT_DISABLE_DMABUF_RENDERER := 1
XVFB := $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1366x860x24")

.PHONY: run test build deps system-deps node-deps ui-deps tauri-driver ui test-core test-ui test-print test-outside test-e2e bench bindings \
	dist dist-deb release test-dist test-dist-deb

run: build
	$(XVFB) ./target/debug/branchbook $(if $(DB),--db $(DB),)

test: build tauri-driver test-core test-ui test-print test-outside test-e2e test-dist

build: deps ui
	cargo build --workspace --bins

deps: system-deps node-deps ui-deps

system-deps:
	@command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup。 Rust toolchain (cargo) is required."; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

node-deps:
	@command -v node >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js 20.19 or newer is needed for Vite 8; found "+process.versions.node); process.exit(1) }'

ui-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-fund --no-audit
	@touch $@

ui: ui-deps
	cd ui && npm run build

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked

test-core:
	cargo test -p branchbook-core
	# The command layer through Tauri's mock runtime: every command's bad arguments get a Chinese answer; and
	# ui/src/lib/api/bindings.ts is what the Rust types generate (fails when stale: run `make bindings`).
	cargo test -p branchbook
	cargo test -p branchbook-cli
	cargo build -p branchbook-core --benches

# Regenerates the UI's TypeScript types from the Rust types that cross IPC (ts-rs).
bindings:
	UPDATE_BINDINGS=1 cargo test -p branchbook bindings

test-ui: ui-deps
	cd ui && npm run check && npm test

# The app's own PDFs (core layout, via the CLI) checked with poppler: pages, orientation, header and footer, nothing clipped.
test-print: build
	bash scripts/print-check.sh

# Files from outside (issue 24): every crafted file through the CLI as the app reads it, with its time and peak
# memory against the idle CLI and a real roster; fails only when a file ends the process instead of answering.
test-outside: build
	bash scripts/bad-files.sh

# One app instance at a time: the app is single-instance, and each test owns the display.
test-e2e: build tauri-driver
	$(XVFB) cargo test -p branchbook-e2e -- --test-threads=1

bench: build
	cargo bench -p branchbook-core

# Installers (issue 12). `make dist` builds them into dist/; `make test` builds and checks both (test-dist).
# The release profile (root Cargo.toml) is tuned for size: LTO, one codegen unit, stripped.
VERSION := $(shell sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)

dist: dist-deb dist-win

# What a secretary installs, checked as installed: the .deb on this machine, the Windows installer under wine.
test-dist: test-dist-deb test-dist-win

release: deps ui
	cargo build --release -p branchbook -p branchbook-cli

# dist/branchbook_<version>_amd64.deb: the app, the CLI, a desktop entry (支部台账) and icons; Depends from dpkg-shlibdeps.
dist-deb: release
	bash scripts/dist-deb.sh

# Checks the .deb: contents and metadata, apt install, the installed app's setup screen under Xvfb (WebDriver, with a
# screenshot in /tmp/branchbook-dist-deb), the installed CLI, apt remove. Needs root or sudo; WebDriver through curl.
test-dist-deb: dist-deb tauri-driver
	@command -v curl >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; }
	bash scripts/test-dist-deb.sh

# The Windows installer dist/支部台账-<version>-x64-setup.exe: cross-built with Debian's mingw-w64, packed by Debian's
# makensis with packaging/windows/installer.nsi (per user, no admin). test-dist-win checks it under wine.
WIN_TARGET := x86_64-pc-windows-gnu
define apt_install_missing
missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
if [ -n "$$missing" ]; then echo "Installing system packages: $$missing"; \
  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
endef
.PHONY: win-deps release-win dist-win test-dist-win

win-deps: system-deps
	@$(call apt_install_missing,mingw-w64 nsis)
	@rustup target list --installed | grep -qx $(WIN_TARGET) || rustup target add $(WIN_TARGET)

release-win: deps ui win-deps
	cargo build --release --target $(WIN_TARGET) -p branchbook -p branchbook-cli

dist-win: release-win
	bash scripts/dist-win.sh

# 7z file list; silent install under wine; the installed CLI (setup, demo, member list, export roster under a Chinese
# path, the xlsx opened with openpyxl, the default data folder); upgrade in place; uninstall keeps the data.
test-dist-win: dist-win
	@$(call apt_install_missing,p7zip-full wine64 python3-openpyxl)
	bash scripts/test-dist-win.sh
