#!/usr/bin/env python3
"""Inlines the built style sheets into DIR/index.html: one <style> where the first <link>
stood, instead of five requests the page's first paint (and the app's start: a module script
waits for the style sheets before it) would wait for. The .css files stay in DIR for the
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


page.write_text(link.sub(replace, html), encoding="utf-8")
