#!/usr/bin/env python3
"""Writes the man pages vigil(1) and vigil-COMMAND(1) from the --help text
of the built command, so that the pages and --help cannot drift apart: the
help() of each src/cli/cmd_*.c is the one source of both.

Usage: python3 src/cli/gen_man.py VIGIL OUTDIR

It runs `VIGIL --version`, `VIGIL --help` (whose "commands:" block lists
the commands and their one-line summaries) and `VIGIL COMMAND --help` for
each, and turns each help text into roff by the layout every help() follows:

  usage: vigil CMD ...          first lines, up to a blank line: SYNOPSIS
  (more usage lines, indented)
  paragraphs of text            DESCRIPTION (an indented run of lines is
                                kept as typed: tables, JSON shapes)
  commands:                     COMMANDS (vigil --help only)
  options:                      OPTIONS: "  -x, --flag ARG   text", text
    -x, --flag ARG  text        continued on deeper-indented lines; a block
                                whose first line is an option counts too
  Exit status: ...              EXIT STATUS

The page date is SOURCE_DATE_EPOCH when set (reproducible package builds),
else today.  The build runs this after linking vigil (CMakeLists.txt)."""
import datetime
import os
import re
import subprocess
import sys

OPTION = re.compile(r"^( {1,8})(-{1,2}[A-Za-z0-9].*?)(?: {2,}(\S.*))?$")


def run(*argv):
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, check=False)
    if p.returncode != 0:
        sys.exit("gen_man.py: %s exited %d: %s" % (" ".join(argv), p.returncode, p.stderr))
    return p.stdout


def esc(text):
    """Roff-escapes running text: backslashes, and a hyphen that starts a
    word (an option such as --force) becomes a minus sign."""
    text = text.replace("\\", "\\e")
    return re.sub(r"(?<![\w-])-|(?<=-)-", r"\\-", text)


def esc_all(text):
    """Escapes text shown as typed: every hyphen is a minus sign."""
    return text.replace("\\", "\\e").replace("-", "\\-")


def line(text):
    """A roff text line; one starting with . or ' would be a request."""
    return "\\&" + text if text[:1] in (".", "'") else text


def blocks(text):
    out, cur = [], []
    for ln in text.rstrip("\n").split("\n"):
        if ln.strip():
            cur.append(ln.rstrip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def options_roff(lines):
    """An option line is "  TAG  TEXT"; a TAG so long that one space is
    left before TEXT is cut at the column where the others' TEXT starts."""
    out, tag_indent = [], None
    cols = [ln.index(m.group(3)) for ln in lines
            for m in [OPTION.match(ln)] if m and m.group(3)]
    col = max(set(cols), key=cols.count) if cols else 0
    for ln in lines:
        m = OPTION.match(ln)
        if m and (tag_indent is None or len(m.group(1)) <= tag_indent + 4):
            tag_indent = len(m.group(1))
            tag, text = m.group(2).strip(), m.group(3)
            if not text and col and len(ln) > col and ln[col - 1] == " " and ln[col] != " ":
                tag, text = ln[:col].strip(), ln[col:]
            out.append(".TP")
            out.append("\\fB" + esc_all(tag) + "\\fR")
            if text:
                out.append(line(esc(text)))
        else:
            out.append(line(esc(ln.strip())))
    return out


def text_roff(lines):
    """Unindented lines are filled text; a run of indented lines is kept
    as typed."""
    out, verbatim = [".PP"], False
    for ln in lines:
        indented = ln[:1] == " "
        if indented and not verbatim:
            out += [".RS 2", ".nf"]
        elif not indented and verbatim:
            out += [".fi", ".RE"]
        verbatim = indented
        out.append(line(esc_all(ln) if indented else esc(ln)))
    if verbatim:
        out += [".fi", ".RE"]
    return out


def page(name, summary, help_text, version, date, see_also):
    bs = blocks(help_text)
    synopsis = bs.pop(0) if bs and bs[0][0].startswith("usage:") else []
    sections = {"DESCRIPTION": [], "COMMANDS": [], "OPTIONS": [], "EXIT STATUS": []}
    for b in bs:
        cut = next((i for i, ln in enumerate(b) if ln.startswith("Exit status:")), len(b))
        head, tail = b[:cut], b[cut:]
        if not head:
            pass
        elif head[0].strip() == "commands:":
            for c, what in commands("\n".join(head)):
                sections["COMMANDS"] += [".TP", "\\fB%s\\fR" % esc_all(c),
                                         "%s; see \\fBvigil\\-%s\\fR(1)." % (esc(what), esc_all(c))]
        elif head[0].strip() == "options:":
            sections["OPTIONS"] += options_roff(head[1:])
        elif OPTION.match(head[0]):
            sections["OPTIONS"] += options_roff(head)
        else:
            sections["DESCRIPTION"] += text_roff(head)
        if tail:
            rest = " ".join(x.strip() for x in tail)[len("Exit status:"):].strip()
            sections["EXIT STATUS"] += [".PP", line(esc(rest))]
    out = ['.\\" Generated by src/cli/gen_man.py from `%s --help`; do not edit.'
           % name.replace("-", " "),
           '.TH %s 1 "%s" "vigil %s" "vigil manual"' % (esc_all(name.upper()), date, version),
           ".SH NAME", "%s \\- %s" % (esc_all(name), esc(summary)),
           ".SH SYNOPSIS", ".nf"]
    for ln in synopsis:
        ln = ln[len("usage:"):] if ln.startswith("usage:") else ln
        out.append(line(esc_all(ln.strip())))
    out.append(".fi")
    for title in ("DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS"):
        if sections[title]:
            out.append(".SH " + title)
            out += sections[title]
    out.append(".SH SEE ALSO")
    out.append(",\n".join("\\fB%s\\fR(1)" % esc_all(s) for s in see_also))
    return "\n".join(out) + "\n"


def commands(main_help):
    cmds, inside = [], False
    for ln in main_help.split("\n"):
        if ln.strip() == "commands:":
            inside = True
        elif inside and ln.startswith("  ") and ln.strip():
            name, summary = ln.strip().split(None, 1)
            cmds.append((name, summary.strip()))
        elif inside:
            break
    if not cmds:
        sys.exit("gen_man.py: no \"commands:\" block in `vigil --help`")
    return cmds


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    vigil, outdir = sys.argv[1], sys.argv[2]
    version = run(vigil, "--version").split()[-1]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
            if epoch else datetime.datetime.now(datetime.timezone.utc))
    date = when.strftime("%Y-%m-%d")
    main_help = run(vigil, "--help")
    cmds = commands(main_help)
    os.makedirs(outdir, exist_ok=True)
    pages = {"vigil": page("vigil", "screen names against sanctions and other watchlists",
                           main_help, version, date,
                           ["vigil-" + c for c, _ in cmds])}
    for c, summary in cmds:
        pages["vigil-" + c] = page("vigil-" + c, summary, run(vigil, c, "--help"),
                                   version, date, ["vigil"])
    for old in os.listdir(outdir):
        if old.endswith(".1") and old[:-2] not in pages:
            os.unlink(os.path.join(outdir, old))
    for name, text in pages.items():
        path = os.path.join(outdir, name + ".1")
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
