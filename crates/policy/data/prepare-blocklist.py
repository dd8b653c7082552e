#!/usr/bin/env python3
"""Builds common-passwords.txt, the policy's bundled blocklist, from its source (see SOURCE.md).

Reads the list in order (it is ordered by frequency), normalises each entry the way the policy
normalises a password (NFKC, then lower case) until it has N distinct entries, and writes them
sorted by UTF-8 bytes, one per line, so the crate can binary-search the text without an index.

    python3 prepare-blocklist.py SOURCE.txt 100000 > common-passwords.txt
"""
import sys
import unicodedata

source, count = sys.argv[1], int(sys.argv[2])
entries = set()
with open(source, encoding="utf-8", errors="replace") as f:
    for line in f:
        if len(entries) >= count:
            break
        word = unicodedata.normalize("NFKC", line.rstrip("\r\n")).lower()
        if word and "\n" not in word:
            entries.add(word)
out = sys.stdout.buffer
for word in sorted(entries, key=lambda w: w.encode("utf-8")):
    out.write(word.encode("utf-8") + b"\n")
