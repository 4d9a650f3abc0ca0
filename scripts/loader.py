#!/usr/bin/env python3
"""Writes DIR/deal-prep.js, the stable loader, from assets/loader.template.js and the hashed
file names of the build in DIR (read from DIR/index.html). Run by scripts/embed-pages.sh after
every build, and by the tests on a copy of dist/ whose files were renamed (a "new build")."""
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
html = (out / "index.html").read_text(encoding="utf-8")


def one(pattern):
    found = re.search(pattern, html)
    if not found:
        sys.exit(f"loader: no {pattern} in {out / 'index.html'}")
    return found.group(1)


names = {
    "__JS__": one(r"from '\./(deal-prep-[0-9a-f]+\.js)'"),
    "__WASM__": one(r"module_or_path: '\./(deal-prep-[0-9a-f]+_bg\.wasm)'"),
    "__SW__": one(r"src=\"?\./(register-sw-[0-9a-f]+\.js)"),
    "__CSS__": json.dumps(re.findall(r"href=\"?\./([\w.-]+\.css)", html)),
}
root = pathlib.Path(__file__).resolve().parent.parent
text = (root / "assets" / "loader.template.js").read_text(encoding="utf-8")
for key, value in names.items():
    text = text.replace(key, value)
# The template's comments stay in the repository; the served file carries code only (its size
# counts in the size gate).
text = "".join(line + "\n" for line in text.splitlines() if not line.lstrip().startswith("//"))
(out / "deal-prep.js").write_text(text, encoding="utf-8")
