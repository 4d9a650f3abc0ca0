#!/usr/bin/env bash
# Builds dist/deal-prep.html: the whole app in one file (CSS inlined, JS glue inlined, wasm as
# base64 instantiated synchronously), for people who cannot host anything. Works opened straight
# from disk (file://); its data lives in that browser's storage for that file. Run after
# `trunk build --release` (make single-file does).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
wasm=(dist/*_bg.wasm)
js=(dist/deal-prep-*.js)
if ((${#wasm[@]} != 1 || ${#js[@]} != 1)); then
  echo "single-file: expected one wasm and one JS glue file in dist/ (run trunk build --release)" >&2
  exit 1
fi
out=dist/deal-prep.html
# The style sheets index.html links, in its order (one list, kept there).
sheets=$(grep -o 'rel="css" href="styles/[^"]*"' index.html | sed 's/.*href="//; s/"$//')
if [[ -z "$sheets" ]]; then
  echo "single-file: no styles/*.css links found in index.html" >&2
  exit 1
fi
css=$(for f in $sheets; do cat "$f"; echo; done)
glue=$(sed 's#</script#<\\/script#g' "${js[0]}")
{
  cat <<'HEAD'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" />
<title>Deal Prep</title>
HEAD
  printf '<style>\n%s\n</style>\n</head>\n<body>\n<div id="deal-prep"></div>\n' "$css"
  printf '<noscript>Deal Prep needs JavaScript and WebAssembly.</noscript>\n'
  printf '<script type="module">\n%s\n' "$glue"
  printf 'const wasmBase64 = "'
  base64 -w0 "${wasm[0]}"
  printf '";\n'
  cat <<'TAIL'
const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
initSync({ module: bytes });
</script>
</body>
</html>
TAIL
} >"$out"
# The tightest policy a file opened from disk allows: nothing loaded, only its own inline blocks.
python3 scripts/csp.py single "$out"
echo "single-file: $out ($(wc -c <"$out") bytes, $(gzip -9 -c "$out" | wc -c) gzip)"
