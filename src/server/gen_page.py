#!/usr/bin/env python3
"""Generates src/server/page_html.c from src/server/page.html: the analyst
page as one C string, so the binary serves it with no files beside it.

Usage: python3 src/server/gen_page.py [page.html [page_html.c]]
(defaults: the files next to this script).  tests/cli_serve.sh checks that
the committed page_html.c is what this script makes of page.html."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "page.html")
dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "page_html.c")

data = open(src, "rb").read()
out = [
    "/*\n"
    " * page_html.c - GENERATED from page.html by gen_page.py; DO NOT EDIT.\n"
    " * Edit page.html and run: python3 src/server/gen_page.py\n"
    " */\n"
    '#include "handlers.h"\n\n'
    "const char srv_page_html[] =\n"
]
line = '\t"'
for b in data:
    if b == 0x0A:
        line += '\\n"\n'
        out.append(line)
        line = '\t"'
        continue
    if b == 0x22:
        line += '\\"'
    elif b == 0x5C:
        line += "\\\\"
    elif b == 0x09:
        line += "\\t"
    elif b == 0x3F:
        line += "\\?"  # no accidental trigraphs
    elif 0x20 <= b < 0x7F:
        line += chr(b)
    else:
        line += "\\%03o" % b
if line != '\t"':
    out.append(line + '"\n')
out.append(";\nconst size_t srv_page_html_len = sizeof(srv_page_html) - 1;\n")
with open(dst, "w") as f:
    f.write("".join(out))
