#!/usr/bin/env bash
# Files from outside (issue 24): time and peak memory of reading each crafted file, as the app reads it — the
# CLI's `import roster --dry-run` (导入花名册's preview) and `township merge` (乡镇汇总) — against two peers in the
# same run: the CLI doing nothing much (idle) and a real 1,500-member roster. No timed asserts: it prints a table,
# and fails only when a file ends the process (a crash, an abort) instead of answering.
#   bash scripts/bad-files.sh [OUT_DIR]        (CLI=path/to/branchbook-cli to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-/tmp/branchbook-bad-files}"
CLI="${CLI:-target/debug/branchbook-cli}"
rm -rf "$OUT" && mkdir -p "$OUT/packages"
[ -x "$CLI" ] || cargo build -q -p branchbook-cli
cargo run -q -p branchbook-core --example bad_files -- "$OUT/corpus" > "$OUT/corpus.txt"
"$CLI" --db "$OUT/demo.db" demo > /dev/null
YEAR=$(date +%Y)
"$CLI" --db "$OUT/demo.db" package --year "$YEAR" --superior 中共城关镇委员会 --out "$OUT/packages/东风村.xlsx" > /dev/null
cp "$OUT/corpus/压缩炸弹.xlsx" "$OUT/corpus/共享字符串炸弹.xlsx" "$OUT/corpus/XFD1048576有值.xlsx" "$OUT/packages/"

python3 - "$CLI" "$OUT" <<'EOF'
import os, resource, subprocess, sys, time
cli, out = sys.argv[1], sys.argv[2]
db = os.path.join(out, "demo.db")

# Each run goes through a fresh wrapper process, whose RUSAGE_CHILDREN is then exactly its one child's peak.
WRAP = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stdout.write(p.stdout or p.stderr); sys.stderr.write('\\n%d %d' % (p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))")

def run(args):
    """Seconds, peak resident MB, exit code and the first line of the answer of one CLI run."""
    t = time.monotonic()
    p = subprocess.run([sys.executable, "-c", WRAP, cli] + args, capture_output=True, text=True)
    secs = time.monotonic() - t
    rc, kb = p.stderr.strip().splitlines()[-1].split()
    said = p.stdout.strip().splitlines()
    return secs, int(kb) / 1024, int(rc), (said[0] if said else "")

idle = run(["--db", db, "member", "list", "--search", "zzzz"])
rows = [("（空闲）member list", *idle)]
files = [l.strip() for l in open(os.path.join(out, "corpus.txt")) if l.strip()]
crashed = []
for f in files:
    r = run(["--db", db, "import", "roster", f, "--dry-run"])
    rows.append(("导入 " + os.path.basename(f), *r))
    if r[2] not in (0, 1):
        crashed.append(f)
r = run(["township", "merge", os.path.join(out, "packages")])
rows.append(("乡镇汇总：1 个好包 + 3 个坏文件", *r))
if r[2] not in (0, 1):
    crashed.append("township merge")
peer = next(x for x in rows if "正常花名册" in x[0])
print(f"{'file':<40} {'s':>6} {'MB':>7} {'×idle':>6} {'×1500人':>7} exit  answer")
for name, secs, mb, rc, said in rows:
    print(f"{name:<40} {secs:6.2f} {mb:7.1f} {mb / idle[1]:6.1f} {mb / peer[2]:7.1f} {rc:>4}  {said[:90]}")
if crashed:
    print("ended the process instead of answering:", crashed)
    sys.exit(1)
EOF
