#!/usr/bin/env python3
"""The release build's wasm, after wasm-bindgen (Trunk's post-build hook; Trunk's own wasm-opt
step is off, index.html's `data-wasm-opt="0"`). Four steps, each for gzip (figures measured,
see bench/size-history.md):

1. Functions ordered. wasm-opt sorts the functions by name at the end of its passes
   (`--reorder-functions-by-name`); first, each name in the name section is given a sort key
   that puts a trait's implementations side by side (every `Clone::clone`, every
   `Visitor::visit_map`, every closure's `FnOnce::call_once` shim), then everything else by
   path. Similar code within gzip's 32 KB window compresses better: by plain name −1.8 KB, by
   this key −1.3 KB more. The names are stripped after the sort.
2. wasm-opt, with the passes in `WASM_OPT` (`-Oz`, the Relooper rounds).
3. Data segments joined. wasm-opt splits the data at runs of zeros (each segment a few header
   bytes that barely compress); segments closer than `DATA_GAP` bytes are joined again with
   the zeros written out. Memory starts zeroed, so the image is the same (−0.5 KB).
4. Short names. wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` under the
   module `./deal-prep_bg.js` and writes each name twice: in the wasm's import section and as
   a key of the glue's import object. Their hex digits barely compress; renamed `a`, `b`, …
   and the module `m` in both files, with the exports the glue reads (`wasm.NAME`): −6.5 KB.

Then both files' Subresource Integrity hashes in index.html follow them. Steps 1 and 4 change
names only, step 3 the layout of the same bytes, never code: sections are rebuilt with the same
entries in the same order (imports, functions and segments are referenced by index), and any
name or segment not found as expected stops the build. Usage: wasm-release.py DIR (Trunk's
staging dir)."""
import base64
import hashlib
import pathlib
import re
import string
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
WASM_OPT = [
    str(ROOT / "node_modules/.bin/wasm-opt"),
    "-Oz",
    # Functions of up to 3 instructions inlined everywhere (binaryen's default is 2): a call
    # to a one-field getter or a forwarding shim is as long as its body (−972 B gzip; 4 gained
    # less, 6 and more grew the build: measured in session 14).
    "--always-inline-max-function-size",
    "3",
    "--enable-reference-types",
    "--strip-producers",
    "--low-memory-unused",
    "--flatten",
    "--simplify-locals-nonesting",
    "--rereloop",
    "--generate-global-effects",
    "--rse",
    "--precompute-propagate",
    "-Oz",
    "-Oz",
    "-Oz",
    "--reorder-functions-by-name",
    "--strip-debug",
    "--strip-target-features",
]

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


def read_name(data, i):
    """The name (length-prefixed UTF-8) at `i`, and where it ends."""
    length, i = leb(data, i)
    return data[i : i + length].decode("utf-8", "replace"), i + length


def read_to_end(rebuilt, body, end, what):
    """`rebuilt` as bytes, once the section `body` was read exactly to its `end`."""
    if end != len(body):
        sys.exit(f"wasm-release: {what} section not read to its end")
    return bytes(rebuilt)


def short_names():
    letters = string.ascii_letters
    for c in letters:
        yield c
    for a in letters:
        for b in letters + string.digits:
            yield a + b


def sections(wasm):
    """(id, body) of each section."""
    if wasm[:8] != b"\0asm\1\0\0\0":
        sys.exit("wasm-release: not a wasm module")
    i = 8
    while i < len(wasm):
        size, start = leb(wasm, i + 1)
        yield wasm[i], wasm[start : start + size]
        i = start + size


def module(parts):
    return b"\0asm\1\0\0\0" + b"".join(bytes([s]) + uleb(len(body)) + body for s, body in parts)


def without_generics(path):
    """`a::b::<T>::c` → `a::b::c`."""
    out, depth = [], 0
    i = 0
    while i < len(path):
        if depth == 0 and path.startswith("::<", i):
            depth, i = 1, i + 3
            continue
        if depth:
            depth += {"<": 1, ">": -1}.get(path[i], 0)
        else:
            out.append(path[i])
        i += 1
    return "".join(out)


def sort_key(symbol):
    """The name a function is sorted by: `<Self as Trait>::method` first by trait and method,
    then by its type; any other by its path; generic arguments and crate hashes last."""
    path = re.sub(r"\[[0-9a-f]{16}\]", "", symbol)
    found = re.fullmatch(r"<(.*) as (.*?)>::(.*)", path)
    if found:
        own, trait, method = found.groups()
        key = f"{without_generics(trait)}::{method}#{without_generics(own)}"
    else:
        key = without_generics(path)
    return f"{key}#{symbol}"


def keyed_names(wasm):
    """The wasm with each function's name in its name section replaced by its sort key."""
    parts = []
    for section, body in sections(wasm):
        if section == 0:
            custom, j = read_name(body, 0)
            if custom == "name":
                rebuilt = bytearray(name("name"))
                while j < len(body):
                    kind = body[j]
                    size, start = leb(body, j + 1)
                    sub, j = body[start : start + size], start + size
                    if kind == 1:  # function names: vec of (index, name)
                        count, k = leb(sub, 0)
                        names = bytearray(uleb(count))
                        for _ in range(count):
                            index, k = leb(sub, k)
                            symbol, k = read_name(sub, k)
                            names += uleb(index) + name(sort_key(symbol))
                        sub = bytes(names)
                    rebuilt += bytes([kind]) + uleb(len(sub)) + sub
                body = bytes(rebuilt)
        parts.append((section, body))
    return module(parts)


def optimized(wasm, path):
    """`wasm` through wasm-opt (via files beside `path`)."""
    keyed, out = path.with_suffix(".keyed"), path.with_suffix(".opt")
    keyed.write_bytes(wasm)
    subprocess.run([*WASM_OPT, str(keyed), "-o", str(out)], check=True)
    result = out.read_bytes()
    keyed.unlink()
    out.unlink()
    return result


DATA_GAP = 128


def sleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40):
            return bytes(out + bytes([byte]))
        out.append(byte | 0x80)


def joined_data(wasm):
    """The wasm with its active data segments closer than `DATA_GAP` bytes joined."""
    parts = list(sections(wasm))
    for n, (section, body) in enumerate(parts):
        if section != 11:
            continue
        count, j = leb(body, 0)
        segments = []
        for _ in range(count):
            # Only active segments of memory 0 at a constant offset: `0x00 i32.const N end`.
            if body[j] != 0 or body[j + 1] != 0x41:
                return wasm
            offset, j = leb(body, j + 2)  # offsets here are below 2^31: no sign to read
            if body[j] != 0x0B:
                return wasm
            size, j = leb(body, j + 1)
            segments.append((offset, body[j : j + size]))
            j += size
        if j != len(body):
            sys.exit("wasm-release: data section not read to its end")
        joined = []
        for offset, data in sorted(segments):
            if joined and joined[-1][0] + len(joined[-1][1]) > offset:
                sys.exit("wasm-release: data segments overlap")
            if joined and offset - (joined[-1][0] + len(joined[-1][1])) <= DATA_GAP:
                last_offset, last = joined[-1]
                joined[-1] = (last_offset, last + bytes(offset - last_offset - len(last)) + data)
            else:
                joined.append((offset, data))
        rebuilt = bytearray(uleb(len(joined)))
        for offset, data in joined:
            rebuilt += b"\x00\x41" + sleb(offset) + b"\x0b" + uleb(len(data)) + data
        parts[n] = (11, bytes(rebuilt))
        # The data count section (bulk memory) says how many segments follow.
        parts = [(12, uleb(len(joined))) if s == 12 else (s, b) for s, b in parts]
        return module(parts)
    return wasm


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
    sys.exit(f"wasm-release: unknown import kind {kind}")


def rename(wasm, glue_exports):
    """The wasm with its glue imports renamed, and those of its exports the glue reads in
    `glue_exports`; with {old: new} for each."""
    renames, exports, parts = {}, {}, []
    fresh, fresh_export = short_names(), short_names()
    for section, body in sections(wasm):
        if section == 2:
            count, j = leb(body, 0)
            rebuilt = bytearray(uleb(count))
            for _ in range(count):
                owner, j = read_name(body, j)
                field, j = read_name(body, j)
                desc_start, j = j, skip_import_desc(body, j)
                if owner == MODULE:
                    owner, field = "m", renames.setdefault(field, next(fresh))
                rebuilt += name(owner) + name(field) + body[desc_start:j]
            body = read_to_end(rebuilt, body, j, "import")
        elif section == 7:
            count, j = leb(body, 0)
            rebuilt = bytearray(uleb(count))
            for _ in range(count):
                field, j = read_name(body, j)
                desc_start, j = j, leb(body, j + 1)[1]  # kind, index
                if field in glue_exports:
                    field = exports.setdefault(field, next(fresh_export))
                rebuilt += name(field) + body[desc_start:j]
            body = read_to_end(rebuilt, body, j, "export")
        parts.append((section, body))
    wasm = module(parts)
    if not renames:
        sys.exit(f"wasm-release: no imports from {MODULE}")
    return wasm, renames, exports


def rename_glue(glue, renames, exports):
    # Exports: every `wasm.NAME` (the glue's name for the instance's exports), and then no
    # `.NAME` or `["NAME"]` left.
    for old, new in exports.items():
        glue = re.sub(r"(?<![\w$])wasm\." + re.escape(old) + r"(?![\w$])", "wasm." + new, glue)
        if re.search(r"\." + re.escape(old) + r"(?![\w$])|[\"']" + re.escape(old) + r"[\"']", glue):
            sys.exit(f"wasm-release: export {old} is read in the glue other than as wasm.{old}")
    for old, new in renames.items():
        key = re.compile(r"(?<![\w$])" + re.escape(old) + r"(?=\s*:)")
        glue, found = key.subn(new, glue)
        if found != 1:
            sys.exit(f"wasm-release: {old} found {found} times as a key in the glue")
        if re.search(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])", glue):
            sys.exit(f"wasm-release: {old} is used in the glue beyond its key")
    module = re.compile(r"""(["'])""" + re.escape(MODULE) + r"""\1(?=\s*:)""")
    glue, found = module.subn('"m"', glue)
    if found != 1:
        sys.exit(f"wasm-release: the import object's {MODULE} key found {found} times")
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
    new_wasm, renames, exports = rename(joined_data(optimized(keyed_names(wasm), wasm_path)), glue_exports)
    new_glue = rename_glue(glue, renames, exports)
    for before, after in ((wasm, new_wasm), (glue.encode(), new_glue.encode())):
        if html.count(sri(before)) != 1:
            sys.exit(f"wasm-release: index.html does not hold {sri(before)} once")
        html = html.replace(sri(before), sri(after))
    wasm_path.write_bytes(new_wasm)
    glue_path.write_text(new_glue, encoding="utf-8")
    index.write_text(html, encoding="utf-8")
    print(
        f"wasm-release: wasm {len(wasm)} -> {len(new_wasm)} B (optimized;"
        f" {len(renames)} imports and {len(exports)} exports renamed)"
    )


main()
