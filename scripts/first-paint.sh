#!/usr/bin/env bash
# Start-to-first-paint of a Tauri app under Xvfb: the time from exec until the screen shows the window's content
# (more than a handful of colours), polled by screenshots; the median of RUNS starts. No assertion: a measurement.
#   scripts/first-paint.sh ./target/debug/branchbook --db /tmp/big.db
#   RUNS=5 scripts/first-paint.sh /tmp/emptyapp/target/debug/emptyapp
# MIN_COLOURS (default 12) sets what counts as painted: 12 = the first frame with content (the empty app's page,
# branchbook's 正在打开… line); 300 = branchbook's sidebar and home page drawn.
# Use MIN_COLOURS=25 for content: an empty white window frame alone has about 25 colours under Xvfb.
# Measured 2026-11-24, debug builds, 2 shared cores under load, 20,056-member file, warm start (median of 3–5):
#   empty Tauri 2.12 app (same profile, one HTML page)       1.10–1.14 s
#   branchbook before: first content 1.42 s, sidebar+home 2.90 s (sync home_todos froze the main thread)
#   branchbook after:  first content 1.39 s, sidebar+home 1.48 s (1.24× / 1.32× the empty app)
# Idle machine, same day, final issue-10 tree (median of 5, MIN_COLOURS=25 / 300):
#   empty Tauri 2.12 app 0.50 s; branchbook, 20,056 members: first content 0.58 s (1.16×), sidebar+home 0.63 s (1.26×)
# Each start of branchbook on the same file after the first of the day does not back up, as on a real PC.
set -euo pipefail
RUNS=${RUNS:-5}
DISP=${DISP:-:57}
Xvfb "$DISP" -screen 0 1366x860x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null' EXIT
sleep 1
export DISPLAY=$DISP WEBKIT_DISABLE_DMABUF_RENDERER=1
colours() { import -window root -resize 171x108 -format '%k' info:- 2>/dev/null || echo 0; }
times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 &
  APP=$!
  while :; do
    n=$(colours)
    now=$(date +%s.%N)
    if [ "$n" -gt "${MIN_COLOURS:-12}" ]; then break; fi
    if (( $(echo "$now - $start > 30" | bc) )); then echo "no paint within 30 s" >&2; break; fi
  done
  t=$(echo "$now - $start" | bc)
  times+=("$t")
  echo "run $i: first paint after ${t} s ($n colours)"
  kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true
  sleep 1
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s of %d runs\n", a[int((NR+1)/2)], NR}'
