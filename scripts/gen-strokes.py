#!/usr/bin/env python3
"""Regenerate src-tauri/core/data/strokes.bin from Unicode's Unihan database.

Input: Unihan_IRGSources.txt(.bz2), shipped by Debian's `unicode-data` package
(/usr/share/unicode). For each code point U+4E00..U+9FFF the output holds one byte:
the first kTotalStrokes value (the count preferred for zh-Hans), 0 where none.
Unihan is distributed under the Unicode License; see src-tauri/core/data/README.md.
"""
import bz2, sys, pathlib

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_IRGSources.txt.bz2")
out = pathlib.Path(__file__).resolve().parent.parent / "src-tauri/core/data/strokes.bin"
FIRST, LAST = 0x4E00, 0x9FFF
table = bytearray(LAST - FIRST + 1)
opener = bz2.open if src.suffix == ".bz2" else open
with opener(src, "rt", encoding="utf-8") as f:
    for line in f:
        if not line.startswith("U+"):
            continue
        cp, tag, value = line.rstrip("\n").split("\t", 2)
        if tag != "kTotalStrokes":
            continue
        code = int(cp[2:], 16)
        if FIRST <= code <= LAST:
            table[code - FIRST] = min(int(value.split()[0]), 255)
out.write_bytes(bytes(table))
print(f"wrote {out} ({len(table)} bytes, {sum(1 for b in table if b)} with counts)")
