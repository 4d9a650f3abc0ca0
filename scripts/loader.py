#!/usr/bin/env python3
"""Writes DIR/deal-prep.js, the stable loader, from assets/loader.template.js and the hashed
file names of the build in DIR (read from DIR/index.html; the style sheets, which the built
index.html carries inline, found in DIR in the order the repository's index.html links them).
Run by scripts/embed-pages.sh after every build, and by the tests on a copy of dist/ whose
files were renamed (a "new build")."""
import json
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
root = pathlib.Path(__file__).resolve().parent.parent
html = (out / "index.html").read_text(encoding="utf-8")


def one(pattern):
    found = re.search(pattern, html)
    if not found:
        sys.exit(f"loader: no {pattern} in {out / 'index.html'}")
    return found.group(1)


def sheet(stem):
    found = [p.name for p in out.glob(stem + "-*.css") if re.fullmatch(stem + r"-[0-9a-f]+\.css", p.name)]
    if len(found) != 1:
        sys.exit(f"loader: expected one {stem}-<hash>.css in {out}, found {found}")
    return found[0]


stems = re.findall(r'rel="css" href="styles/([\w-]+)\.css"', (root / "index.html").read_text(encoding="utf-8"))
if not stems:
    sys.exit("loader: no styles/*.css links in index.html")

names = {
    "__JS__": one(r"from '\./(deal-prep-[0-9a-f]+\.js)'"),
    "__WASM__": one(r"module_or_path: '\./(deal-prep-[0-9a-f]+_bg\.wasm)'"),
    "__SW__": one(r"src=\"?\./(register-sw-[0-9a-f]+\.js)"),
    "__CSS__": json.dumps([sheet(stem) for stem in stems]),
}
text = (root / "assets" / "loader.template.js").read_text(encoding="utf-8")
for key, value in names.items():
    text = text.replace(key, value)
# The template's comments stay in the repository; the served file carries code only (its size
# counts in the size gate).
text = "".join(line + "\n" for line in text.splitlines() if not line.lstrip().startswith("//"))
(out / "deal-prep.js").write_text(text, encoding="utf-8")
