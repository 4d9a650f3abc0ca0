#!/usr/bin/env bash
# Prints the release build's transfer sizes (raw, gzip -9, brotli) for wasm, JS, CSS and HTML,
# and fails when wasm + JS (gzip -9) is over the budget: SIZE_BUDGET_BYTES, set in the Makefile
# (`make size SIZE_BUDGET_BYTES=1000` must fail: that is how to check the gate works).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${SIZE_BUDGET_BYTES:?set SIZE_BUDGET_BYTES (the Makefile does)}
row() {
  local label=$1; shift
  local raw=0 gz=0 br=0 f
  for f in "$@"; do
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    br=$((br + $(brotli -c -q 11 "$f" | wc -c)))
  done
  printf '%-10s %10d %10d %10d\n' "$label" "$raw" "$gz" "$br"
}
shopt -s nullglob
wasm=(dist/*.wasm); js=(dist/*.js); css=(dist/*.css); html=(dist/*.html)
if ((${#wasm[@]} == 0)); then echo "size report: no dist/*.wasm; build first" >&2; exit 1; fi
echo "size report (bytes)"
printf '%-10s %10s %10s %10s\n' file raw gzip brotli
row wasm "${wasm[@]}"
row js "${js[@]}"
row css "${css[@]}"
row html "${html[@]}"
total=$(( $(gzip -9 -c "${wasm[@]}" | wc -c) + $(gzip -9 -c "${js[@]}" | wc -c) ))
verdict=$([ "$total" -le "$budget" ] && echo within || echo OVER)
awk -v t="$total" -v b="$budget" -v v="$verdict" \
  'BEGIN { printf "wasm + js gzip: %d bytes (%.1f KB); budget %d bytes (%.1f KB): %s\n", t, t / 1024, b, b / 1024, v }'
if [[ "$verdict" == OVER ]]; then
  echo "size: the build is over its budget; a change that grows the app past it does not land" >&2
  exit 1
fi
