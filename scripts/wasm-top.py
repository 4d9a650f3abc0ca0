#!/usr/bin/env python3
"""Where the bytes of a wasm file go: the largest functions by body size, the data segments,
and the code grouped by crate (from the function names in the `name` section).

Usage: wasm-top.py FILE [N]

twiggy 0.7 (the last release) cannot read what rustc 1.95 and wasm-bindgen 0.2.130 emit (bulk
memory and reference-type opcodes), so `make size-why` uses this instead. It reads section and
body sizes only, never instructions, so new opcodes cannot break it. Run it on the build that
still has names: target/wasm-bindgen/release/deal-prep_bg.wasm (before wasm-opt).
"""
import collections
import re
import sys


def leb(data, at):
    result = shift = 0
    while True:
        byte = data[at]
        at += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, at


def name(data, at):
    size, at = leb(data, at)
    return data[at:at + size].decode("utf-8", "replace"), at + size


def demangle(sym):
    """Legacy Rust mangling (`_ZN3yew4html...17h<hash>E`) to `yew::html::…`; others unchanged."""
    if not sym.startswith("_ZN"):
        return sym
    parts, at = [], 3
    while at < len(sym) and sym[at].isdigit():
        m = re.match(r"\d+", sym[at:])
        n = int(m.group(0))
        at += len(m.group(0))
        parts.append(sym[at:at + n])
        at += n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","),
                       ("$u7b$", "{"), ("$u7d$", "}"), ("$LP$", "("), ("$RP$", ")"), ("..", "::")):
        text = text.replace(code, char)
    return text


def crate_of(text):
    text = text.lstrip("<&* ")
    head = re.split(r"::|<| ", text, maxsplit=1)[0]
    return head or "?"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    data = open(path, "rb").read()
    at, imported, bodies, names, sections = 8, 0, [], {}, collections.Counter()
    while at < len(data):
        sid, size_at = data[at], at + 1
        size, body = leb(data, size_at)
        end = body + size
        if sid == 2:  # imports: count imported functions (they come first in the index space)
            count, p = leb(data, body)
            for _ in range(count):
                _, p = name(data, p)
                _, p = name(data, p)
                kind = data[p]
                p += 1
                if kind == 0:
                    _, p = leb(data, p)
                    imported += 1
                elif kind == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 3:
                    p += 2
        elif sid == 10:  # code
            count, p = leb(data, body)
            for _ in range(count):
                fsize, q = leb(data, p)
                bodies.append(fsize + (q - p))
                p = q + fsize
        elif sid == 0:
            cname, p = name(data, body)
            if cname == "name":
                while p < end:
                    kind, p = data[p], p + 1
                    ssize, p = leb(data, p)
                    if kind == 1:
                        count, q = leb(data, p)
                        for _ in range(count):
                            idx, q = leb(data, q)
                            fname, q = name(data, q)
                            names[idx] = fname
                    p += ssize
            sections["custom:" + cname] += end - at
            at = end
            continue
        sections[{1: "type", 2: "import", 3: "function", 5: "memory", 6: "global", 7: "export",
                  9: "element", 10: "code", 11: "data", 12: "datacount"}.get(sid, str(sid))] += end - at
        at = end
    total = len(data)
    print(f"{path}: {total} bytes")
    for sec, size in sections.most_common():
        print(f"  section {sec:<16} {size:>9}  {100 * size / total:5.1f} %")
    funcs = [(size, demangle(names.get(imported + i, f"func[{imported + i}]"))) for i, size in enumerate(bodies)]
    print(f"\nlargest {top} functions:")
    for size, fname in sorted(funcs, reverse=True)[:top]:
        print(f"  {size:>8}  {fname[:150]}")
    by_crate = collections.Counter()
    for size, fname in funcs:
        by_crate[crate_of(fname)] += size
    print("\ncode by crate (from function names; generic code counts where it was instantiated from):")
    for crate, size in by_crate.most_common(top):
        print(f"  {size:>8}  {crate}")


if __name__ == "__main__":
    main()
