#!/usr/bin/env python3
"""Who keeps a function in the wasm: its direct callers, for each name containing a pattern.

    python3 scripts/wasm-callers.py 'slice_error_fail' ['another pattern' ...]

Reads the release build before wasm-opt (target/wasm-bindgen/release/deal-prep_bg.wasm, which
still has function names) through binaryen's `wasm-dis` (installed by the set-up in
node_modules). Calls through a table (trait objects, `fmt` vtables) are not edges here: a
function with no callers listed is reached that way. Session 24 found this way that str
slicing's panic path, with Unicode tables, was kept by four slices in the JSON code.
"""

import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WASM = os.path.join(ROOT, "target/wasm-bindgen/release/deal-prep_bg.wasm")
NAME = r'\$"(?:[^"\\]|\\.)*"|\$[^\s)]+'


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if not os.path.exists(WASM):
        sys.exit("wasm-callers: run make build first")
    with tempfile.NamedTemporaryFile(suffix=".wat") as wat:
        dis = os.path.join(ROOT, "node_modules/.bin/wasm-dis")
        subprocess.run([dis, WASM, "-o", wat.name], check=True)
        text = open(wat.name, encoding="utf-8", errors="replace").read()
    callers = collections.defaultdict(set)
    names = []
    for body in re.split(r"\n \(func ", text)[1:]:
        name = re.match(NAME, body).group(0)
        names.append(name)
        for callee in re.findall(r"\((?:call|return_call|ref\.func) (" + NAME + ")", body):
            callers[callee].add(name)
    for pattern in sys.argv[1:]:
        for name in names:
            if pattern in name:
                print(name[:200])
                for caller in sorted(callers[name]):
                    print("    <-", caller[:200])


if __name__ == "__main__":
    main()
