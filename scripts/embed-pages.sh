#!/usr/bin/env bash
# Trunk post-build hook: writes the stable loader (deal-prep.js) and the example host pages into
# the build. The embed page uses the loader, so it never changes between builds; the iframe
# pages only point at ./index.html.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run from trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# The stable loader, deal-prep.js: this build's hashed file names, read from index.html (the
# release build's HTML is minified onto one line, so it is not read line by line).
python3 "$root/scripts/loader.py" "$staging"
cp "$root/embed/embed-example.html" "$root/embed/iframe-example.html" "$root/embed/iframe-sandboxed.html" "$staging/"

# A strict Content-Security-Policy in every page, with the hashes of their inline blocks.
python3 "$root/scripts/csp.py" served "$staging/index.html" "$staging/embed-example.html" \
  "$staging/iframe-example.html" "$staging/iframe-sandboxed.html"

# The service worker: its shell list is every file of this build, its version their digest, so
# any change to the build installs a new worker (picked up on the next visit).
files=$(cd "$staging" && ls | grep -v '^sw\.js$' | sort)
version=$(cd "$staging" && cat $files | sha256sum | cut -c1-16)
list=$(printf '"./",'; for f in $files; do printf '"./%s",' "$f"; done)
sed -e "s/__VERSION__/$version/" -e "s|__FILES__|[${list%,}]|" "$root/assets/sw.template.js" >"$staging/sw.js"
