#!/usr/bin/env python3
"""Writes a strict Content-Security-Policy <meta> into built HTML pages.

Usage: csp.py served FILE...   pages served over http(s): scripts and styles from 'self'
       csp.py single FILE      the single file opened from disk: nothing from anywhere, only
                               its own inline script and style (by hash)

Inline <script> and <style> blocks (Trunk's module loader, a host page's own styles) are allowed
by their sha256 hash, computed here from the exact text the browser hashes, so any change to
them without running this again is refused by the browser, not silently allowed.
"""
import base64
import hashlib
import re
import sys

MARK = '<meta http-equiv="Content-Security-Policy"'


def hashes(html, tag):
    out = []
    for m in re.finditer(r"<%s(\s[^>]*)?>(.*?)</%s>" % (tag, tag), html, re.S):
        attrs, body = m.group(1) or "", m.group(2)
        if tag == "script" and "src=" in attrs:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        out.append("'sha256-%s'" % digest)
    return " ".join(sorted(set(out)))


def policy(html, mode):
    scripts, styles = hashes(html, "script"), hashes(html, "style")
    if mode == "single":
        return (
            "default-src 'none'; script-src 'wasm-unsafe-eval' %s; style-src %s; "
            "img-src data:; base-uri 'none'; form-action 'none'" % (scripts, styles or "'none'")
        )
    return (
        "default-src 'self'; script-src %s; style-src %s; "
        "img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
        "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
        % (" ".join(filter(None, ["'self' 'wasm-unsafe-eval'", scripts])), " ".join(filter(None, ["'self'", styles])))
    )


def main():
    mode, files = sys.argv[1], sys.argv[2:]
    if mode not in ("served", "single") or not files:
        sys.exit(__doc__)
    for path in files:
        with open(path, encoding="utf-8") as f:
            html = f.read()
        html = re.sub(r"\s*%s[^>]*>" % re.escape(MARK), "", html)
        meta = '%s content="%s" />' % (MARK, policy(html, mode))
        html, n = re.subn(r'(<meta charset="?utf-8"?\s*/?>)', lambda m: m.group(1) + "\n" + meta, html, count=1)
        if n != 1:
            sys.exit("csp.py: no <meta charset=\"utf-8\"> in %s" % path)
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)


if __name__ == "__main__":
    main()
