#!/usr/bin/env bash
# Brings a fresh Debian machine of this project's kind to a working state, and does nothing
# (quickly) where a tool is already there at the right version. Called by `make serve` and
# `make test`; safe to run any number of times. Nothing here downloads outside the package
# registries (Debian, crates.io, npm).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION="0.21.14"
# The wasm-bindgen CLI must match the library exactly; the lock file is the one source of truth.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ -z "$WASM_BINDGEN_VERSION" ]]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi

say() { printf 'setup: %s\n' "$*"; }
export PATH="${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"

# Debian packages: headless Chromium and its driver, Firefox ESR for browser tests, brotli for
# the size report.
missing=()
for pkg in chromium chromium-driver firefox-esr brotli; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "chromium, chromium-driver, firefox-esr, brotli: present"
fi

# Rust: the wasm target and the lint/format components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for comp in rustfmt clippy; do
  rustup component list --installed | grep -q "^$comp" || rustup component add "$comp"
done

# Trunk, pinned (0.22 needs a newer rustc than this machine's).
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
else
  say "trunk $TRUNK_VERSION: present"
fi

# wasm-bindgen CLI (and wasm-bindgen-test-runner) at exactly the library's version.
# Not --locked: its own lock file pins a crate version this registry mirror lacks.
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
else
  say "wasm-bindgen $WASM_BINDGEN_VERSION: present"
fi

# geckodriver drives Firefox (pinned; about 2 minutes to build).
GECKODRIVER_VERSION="0.37.1"
if [[ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]]; then
  say "installing geckodriver $GECKODRIVER_VERSION"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
else
  say "geckodriver $GECKODRIVER_VERSION: present"
fi

# wasm-opt from the npm binaryen package, pinned in package-lock.json (Debian's is too old),
# terser for the JS glue of release builds, and axe-core for the accessibility checks of the
# end-to-end tests.
if [[ ! -x node_modules/.bin/wasm-opt ]] || ! node_modules/.bin/wasm-opt --version | grep -q "version_132" \
  || [[ ! -f node_modules/axe-core/axe.min.js ]] || [[ ! -f node_modules/marked/package.json ]] \
  || ! grep -q '"version": "5.51.4"' node_modules/terser/package.json 2>/dev/null; then
  say "installing npm tools (binaryen, terser, axe-core, marked) from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "wasm-opt version_132, terser 5.51.4, axe-core, marked: present"
fi

say "ready"
