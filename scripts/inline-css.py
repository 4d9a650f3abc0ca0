#!/usr/bin/env python3
"""Inlines the built style sheets into DIR/index.html: one <style> where the first <link>
stood, instead of five requests the page's first paint (and the app's start: a module script
waits for the style sheets before it) would wait for. Also checks that index.html's storage
touch comes after the app's preload links. The .css files stay in DIR for the
embed loader (deal-prep.js) and the service worker. Run by scripts/embed-pages.sh after the
loader is written and before csp.py allows the block by its hash."""
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
page = out / "index.html"
html = page.read_text(encoding="utf-8")
link = re.compile(r'<link\b[^>]*\bhref="?\./([\w.-]+\.css)"?[^>]*>')
sheets = link.findall(html)
if not sheets:
    sys.exit(f"inline-css: no style sheet links in {page}")
css = "\n".join((out / name).read_text(encoding="utf-8").strip() for name in sheets)
if "</style" in css.lower():
    sys.exit("inline-css: a style sheet contains </style")
first = True


def replace(_match):
    global first
    block, first = ("<style>%s</style>" % css if first else ""), False
    return block


html = link.sub(replace, html)
# The inline script that touches localStorage holds the parser for as long as the browser takes
# to load the site's storage (~45 ms at 1,000 deals): it must come after the preload links
# Trunk writes at the end of the head, or the app's download waits for it.
touch, preload = html.find("localStorage.length"), html.find("_bg.wasm")
if touch < preload:
    sys.exit("inline-css: the storage touch in index.html comes before the wasm's preload link")
page.write_text(html, encoding="utf-8")
