#!/usr/bin/env python3
"""Gives the wasm's imports short names, in the wasm and in its JS glue (release builds).

wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` under the module
`./deal-prep_bg.js`, and writes each name twice: in the wasm's import section and as a key of
the glue's import object. ~200 such names are ~10 KB raw, and their random hex digits barely
compress (about 4 KB of the gzip'd wasm + JS). This renames them `a`, `b`, …, `aa`, … and the
module `m`, in both files, and rewrites the files' Subresource Integrity hashes in index.html.

Only names, never code: the import section is rebuilt with the same entries in the same order
(imports are referenced by index), and each old name must be found exactly once as a key in the
glue, or the build stops. Usage: short-imports.py DIR (a Trunk staging or dist directory)."""
import base64
import hashlib
import pathlib
import re
import string
import sys

MODULE = "./deal-prep_bg.js"


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def uleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def name(text):
    raw = text.encode()
    return uleb(len(raw)) + raw


def short_names():
    letters = string.ascii_letters
    for c in letters:
        yield c
    for a in letters:
        for b in letters + string.digits:
            yield a + b


def skip_import_desc(data, i):
    kind = data[i]
    i += 1
    if kind == 0:  # function: type index
        return leb(data, i)[1]
    if kind == 1:  # table: reftype, limits
        i += 1
        flags = data[i]
        i = leb(data, i + 1)[1]
        return leb(data, i)[1] if flags & 1 else i
    if kind == 2:  # memory: limits
        flags = data[i]
        i = leb(data, i + 1)[1]
        return leb(data, i)[1] if flags & 1 else i
    if kind == 3:  # global: valtype, mutability
        return i + 2
    if kind == 4:  # tag: attribute, type index
        return leb(data, i + 1)[1]
    sys.exit(f"short-imports: unknown import kind {kind}")


def rename(wasm, glue_exports):
    """The wasm with its glue imports renamed, and those of its exports the glue reads in
    `glue_exports`; with {old: new} for each."""
    if wasm[:8] != b"\0asm\1\0\0\0":
        sys.exit("short-imports: not a wasm module")
    out, i, renames, exports = bytearray(wasm[:8]), 8, {}, {}
    fresh, fresh_export = short_names(), short_names()
    while i < len(wasm):
        section = wasm[i]
        size, start = leb(wasm, i + 1)
        body = wasm[start : start + size]
        if section == 2:
            count, j = leb(body, 0)
            rebuilt = bytearray(uleb(count))
            for _ in range(count):
                length, j = leb(body, j)
                module = body[j : j + length].decode()
                j += length
                length, j = leb(body, j)
                field = body[j : j + length].decode()
                j += length
                desc_start = j
                j = skip_import_desc(body, j)
                if module == MODULE:
                    renames.setdefault(field, next(fresh))
                    rebuilt += name("m") + name(renames[field])
                else:
                    rebuilt += name(module) + name(field)
                rebuilt += body[desc_start:j]
            if j != len(body):
                sys.exit("short-imports: import section not read to its end")
            body = bytes(rebuilt)
        elif section == 7:
            count, j = leb(body, 0)
            rebuilt = bytearray(uleb(count))
            for _ in range(count):
                length, j = leb(body, j)
                field = body[j : j + length].decode()
                j += length
                desc_start = j
                j = leb(body, j + 1)[1]  # kind, index
                if field in glue_exports:
                    exports[field] = next(fresh_export)
                    field = exports[field]
                rebuilt += name(field) + body[desc_start:j]
            if j != len(body):
                sys.exit("short-imports: export section not read to its end")
            body = bytes(rebuilt)
        out += bytes([section]) + uleb(len(body)) + body
        i = start + size
    if not renames:
        sys.exit(f"short-imports: no imports from {MODULE}")
    return bytes(out), renames, exports


def rename_glue(glue, renames, exports):
    # Exports: every `wasm.NAME` (the glue's name for the instance's exports), and then no
    # `.NAME` or `["NAME"]` left.
    for old, new in exports.items():
        glue = re.sub(r"(?<![\w$])wasm\." + re.escape(old) + r"(?![\w$])", "wasm." + new, glue)
        if re.search(r"\." + re.escape(old) + r"(?![\w$])|[\"']" + re.escape(old) + r"[\"']", glue):
            sys.exit(f"short-imports: export {old} is read in the glue other than as wasm.{old}")
    for old, new in renames.items():
        key = re.compile(r"(?<![\w$])" + re.escape(old) + r"(?=\s*:)")
        glue, found = key.subn(new, glue)
        if found != 1:
            sys.exit(f"short-imports: {old} found {found} times as a key in the glue")
        if re.search(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])", glue):
            sys.exit(f"short-imports: {old} is used in the glue beyond its key")
    module = re.compile(r"""(["'])""" + re.escape(MODULE) + r"""\1(?=\s*:)""")
    glue, found = module.subn('"m"', glue)
    if found != 1:
        sys.exit(f"short-imports: the import object's {MODULE} key found {found} times")
    return glue


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main():
    out = pathlib.Path(sys.argv[1])
    (wasm_path,) = out.glob("*_bg.wasm")
    (glue_path,) = [p for p in out.glob("deal-prep-*.js") if re.fullmatch(r"deal-prep-[0-9a-f]+\.js", p.name)]
    index = out / "index.html"
    html = index.read_text(encoding="utf-8")
    wasm, glue = wasm_path.read_bytes(), glue_path.read_text(encoding="utf-8")
    # The exports the glue reads as `wasm.NAME` (before terser renames that variable).
    glue_exports = set(re.findall(r"(?<![\w$])wasm\.([A-Za-z_$][\w$]*)", glue))
    new_wasm, renames, exports = rename(wasm, glue_exports)
    new_glue = rename_glue(glue, renames, exports)
    for before, after in ((wasm, new_wasm), (glue.encode(), new_glue.encode())):
        if html.count(sri(before)) != 1:
            sys.exit(f"short-imports: index.html does not hold {sri(before)} once")
        html = html.replace(sri(before), sri(after))
    wasm_path.write_bytes(new_wasm)
    glue_path.write_text(new_glue, encoding="utf-8")
    index.write_text(html, encoding="utf-8")
    print(
        f"short-imports: {len(renames)} imports and {len(exports)} exports renamed,"
        f" wasm {len(wasm)} -> {len(new_wasm)} B"
    )


main()
