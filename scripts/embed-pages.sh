#!/usr/bin/env bash
# Trunk post-build hook: writes the example host pages into the build. The embed page gets the
# same generated asset tags (hashed file names, integrity) as index.html; the iframe pages only
# point at ./index.html.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run from trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# Everything Trunk generated into index.html's head (between the title and </head>; the
# release build's HTML is minified onto one line, so this is not read line by line).
python3 - "$staging/index.html" "$root/embed/embed-example.html" "$staging/embed-example.html" <<'PY'
import re, sys
index, template, out = sys.argv[1:]
head = re.search(r"</title>(.*?)</head>", open(index, encoding="utf-8").read(), re.S)
if not head:
    sys.exit("embed-pages: no </title>…</head> in " + index)
page = open(template, encoding="utf-8").read().replace("<!--DEAL-PREP-ASSETS-->", head.group(1))
open(out, "w", encoding="utf-8").write(page)
PY
cp "$root/embed/iframe-example.html" "$root/embed/iframe-sandboxed.html" "$staging/"

# A strict Content-Security-Policy in every page, with the hashes of their inline blocks.
python3 "$root/scripts/csp.py" served "$staging/index.html" "$staging/embed-example.html" \
  "$staging/iframe-example.html" "$staging/iframe-sandboxed.html"

# The service worker: its shell list is every file of this build, its version their digest, so
# any change to the build installs a new worker (picked up on the next visit).
files=$(cd "$staging" && ls | grep -v '^sw\.js$' | sort)
version=$(cd "$staging" && cat $files | sha256sum | cut -c1-16)
list=$(printf '"./",'; for f in $files; do printf '"./%s",' "$f"; done)
sed -e "s/__VERSION__/$version/" -e "s|__FILES__|[${list%,}]|" "$root/assets/sw.template.js" >"$staging/sw.js"
