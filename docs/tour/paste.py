#!/usr/bin/env python3
"""Pastes the tour's transcripts into the docs, so that what they show is what a real run printed.

    docs/tour/render.sh >/tmp/render.txt && docs/tour/serve.sh >/tmp/serve.txt
    python3 docs/tour/paste.py render.sh=/tmp/render.txt serve.sh=/tmp/serve.txt README.md docs/*.md

In a page, a marker line names a script and the first and last command to quote (by how they begin); the code
block right after it is replaced by those commands and their output:

    <!-- tour serve.sh: curl -sN .. curl -s -r -->
    ```console
    ```

A marker with one command quotes that one. DocsLinksTest checks that the commands of every marked block are the
script's, in its order.
"""
import re
import sys

MARKER = re.compile(r"^<!-- tour ([a-z-]+\.sh): (.+?)(?: \.\. (.+?))? -->$")


def commands(transcript):
    """The transcript as [(command, output lines)], split at the lines that start with '$ '."""
    out = []
    for line in transcript.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def quote(cmds, first, last):
    start = next((i for i, (c, _) in enumerate(cmds) if c.startswith(first)), None)
    if start is None:
        raise SystemExit("no command starts with " + repr(first))
    end = start if last is None else next((i for i in range(start, len(cmds)) if cmds[i][0].startswith(last)), None)
    if end is None:
        raise SystemExit("no command after " + repr(first) + " starts with " + repr(last))
    lines = []
    for c, output in cmds[start:end + 1]:
        lines.append("$ " + c)
        lines.extend(output)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def main(args):
    transcripts = {}
    pages = []
    for a in args:
        if "=" in a:
            name, path = a.split("=", 1)
            with open(path, encoding="utf-8") as f:
                transcripts[name] = commands(f.read())
        else:
            pages.append(a)
    for page in pages:
        with open(page, encoding="utf-8") as f:
            lines = f.read().split("\n")
        out = []
        i = 0
        while i < len(lines):
            out.append(lines[i])
            m = MARKER.match(lines[i])
            if m and m.group(1) in transcripts and i + 1 < len(lines) and lines[i + 1].startswith("```"):
                out.append(lines[i + 1])
                j = i + 2
                while not lines[j].startswith("```"):
                    j += 1
                out.extend(quote(transcripts[m.group(1)], m.group(2), m.group(3)))
                out.append(lines[j])
                i = j + 1
                continue
            i += 1
        with open(page, "w", encoding="utf-8") as f:
            f.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
