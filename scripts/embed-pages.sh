#!/usr/bin/env bash
# Trunk post-build hook: writes the stable loader (deal-prep.js) and the example host pages into
# the build. The embed page uses the loader, so it never changes between builds; the iframe
# pages only point at ./index.html.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run from trunk}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# Release builds: the JS glue minified by terser (pinned in package-lock.json). Trunk's own
# minifier left wasm-bindgen's glue as it was (56 KB with its comments); terser takes ~2 KB
# of gzip off it. Exports and the wasm import names (object keys) are kept as they are.
release=false
[[ "${TRUNK_PROFILE:-}" == "release" ]] && release=true
terser="$root/node_modules/.bin/terser"
minify() { # FILE [terser options: --module, --mangle …]
  "$terser" "$1" "${@:2}" --compress passes=2 -o "$1.min" && mv "$1.min" "$1"
}
sri() { python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha384(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"; }
if $release; then
  [[ -x "$terser" ]] || { echo "embed-pages.sh: terser is missing; run make setup" >&2; exit 1; }
  # The wasm: functions ordered for gzip, wasm-opt, imports and exports renamed a, b, … in the
  # wasm and the glue alike, integrity hashes rewritten (see the script).
  python3 "$root/scripts/wasm-release.py" "$staging"
  for glue in "$staging"/deal-prep-*.js; do
    # index.html preloads the glue with its Subresource Integrity hash: it follows the file.
    before=$(sri "$glue")
    # initSync keeps its name: the single-file build calls it from the same inline module.
    minify "$glue" --module --mangle reserved=[initSync]
    after=$(sri "$glue")
    grep -q "sha384-$before" "$staging/index.html" || { echo "embed-pages.sh: no integrity for $glue" >&2; exit 1; }
    sed -i "s|sha384-$before|sha384-$after|g" "$staging/index.html"
  done
fi

# The stable loader, deal-prep.js: this build's hashed file names, read from index.html (the
# release build's HTML is minified onto one line, so it is not read line by line).
python3 "$root/scripts/loader.py" "$staging"
if $release; then minify "$staging/deal-prep.js" --module --mangle; fi
# The style sheets inlined into index.html (the files stay for the loader).
python3 "$root/scripts/inline-css.py" "$staging"
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
if $release; then minify "$staging/sw.js" --mangle; fi
