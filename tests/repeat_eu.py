#!/usr/bin/env python3
"""repeat_eu.py IN.xml OUT.xml MB - an EU Financial Sanctions File of about
MB megabytes made by repeating the sanctionEntity records of IN.xml, each
copy under new logicalIds, so that readers can be measured (and their
memory bounded) on a file the size of the full export without shipping one.
Standard library only."""
import re, sys

src = open(sys.argv[1], encoding="utf-8").read()
head = src[:src.index("<sanctionEntity")]
ents = re.findall(r"[ \t]*<sanctionEntity .*?</sanctionEntity>\n", src, re.S)
want = int(sys.argv[3]) * 1024 * 1024
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(head)
    size, copy = len(head), 0
    while size < want:
        for e in ents:
            e = re.sub(r'(<sanctionEntity [^>]*logicalId=")(\d+)"',
                       lambda m: '%s%d%06d"' % (m.group(1), int(m.group(2)), copy), e, count=1)
            out.write(e)
            size += len(e.encode("utf-8"))
        copy += 1
    out.write("</export>\n")
