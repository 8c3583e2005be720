"""The two baselines revdiff is measured against.

* Paragraph LCS: difflib's SequenceMatcher over the paragraphs (lines) of the two files; equal
  runs pair in place, and inside a changed run the old and new paragraphs pair off in order, the
  rest added or deleted. This is how Word's Compare, LibreOffice's Compare Documents and
  WmlComparer align a document before they diff words inside each pair.
* Section + label: a clause pairs with the clause of the other side that has the same section
  and label path (revdiff's clause id, e.g. ``recalling/b``), as a reader matching "b)" to "b)"
  does; everything else is added or deleted.

Neither detects moves, splits or merges, nor classifies natures: their entries say None there.

``python -m benchmarks.baselines OLD NEW [-o OUT]`` runs the paragraph baseline as a whole
process (alignment, then a word diff inside every changed pair, as a text report) for the speed
comparison.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.entry import Entry

if TYPE_CHECKING:
    from revdiff.model import Document


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The non-empty lines of a text, with their 1-based line numbers."""
    return [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip()]


def _body(line: str) -> str:
    """A paragraph without its typed label (``a)\\t``), so that relettering alone is not a
    modification (Word numbers lists automatically and does not see labels either)."""
    return line.split("\t", 1)[-1]


def align_paragraphs_lcs(old_text: str, new_text: str) -> list[Entry]:
    """Entries (by line number) from a paragraph-level longest common subsequence."""
    old, new = paragraphs(old_text), paragraphs(new_text)
    matcher = difflib.SequenceMatcher(None, [t for _, t in old], [t for _, t in new], False)
    entries: list[Entry] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            entries += [
                Entry("unchanged", (old[i1 + k][0],), (new[j1 + k][0],), None, None)
                for k in range(i2 - i1)
            ]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            (a, a_text), (b, b_text) = old[i1 + k], new[j1 + k]
            kind = "unchanged" if _body(a_text) == _body(b_text) else "modified"
            entries.append(Entry(kind, (a,), (b,), None, None))
        entries += [Entry("deleted", (old[i][0],), (), None, None) for i in range(i1 + paired, i2)]
        entries += [Entry("added", (), (new[j][0],), None, None) for j in range(j1 + paired, j2)]
    return entries


def align_section_label(old: Document, new: Document) -> list[Entry]:
    """Entries from pairing clauses with the same section and label path (the clause id)."""
    new_by_id = {c.id: c for c in new.clauses}
    old_ids = {c.id for c in old.clauses}
    entries: list[Entry] = []
    for clause in old.clauses:
        other = new_by_id.get(clause.id)
        if other is None:
            entries.append(Entry("deleted", (clause.location.line,), (), None, None))
        else:
            kind = "unchanged" if clause.text == other.text else "modified"
            entries.append(Entry(kind, (clause.location.line,), (other.location.line,), None, None))
    entries += [
        Entry("added", (), (c.location.line,), None, None)
        for c in new.clauses
        if c.id not in old_ids
    ]
    return entries


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def report_paragraph_diff(old_text: str, new_text: str) -> str:
    """The paragraph baseline's report: changed pairs with a word diff, added and deleted."""
    old_lines = dict(paragraphs(old_text))
    new_lines = dict(paragraphs(new_text))
    out: list[str] = []
    for entry in align_paragraphs_lcs(old_text, new_text):
        if entry.kind == "unchanged":
            continue
        if entry.kind == "deleted":
            out.append(f"- {old_lines[entry.old[0]]}")
        elif entry.kind == "added":
            out.append(f"+ {new_lines[entry.new[0]]}")
        else:
            a = _TOKEN.findall(old_lines[entry.old[0]])
            b = _TOKEN.findall(new_lines[entry.new[0]])
            words = difflib.SequenceMatcher(None, a, b, False)
            parts = []
            for tag, i1, i2, j1, j2 in words.get_opcodes():
                if tag == "equal":
                    parts.append("".join(a[i1:i2]))
                    continue
                if i2 > i1:
                    parts.append("[-" + "".join(a[i1:i2]) + "-]")
                if j2 > j1:
                    parts.append("{+" + "".join(b[j1:j2]) + "+}")
            out.append("~ " + "".join(parts))
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.baselines",
        description="The paragraph-LCS baseline (difflib) as a whole process.",
    )
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    report = report_paragraph_diff(
        args.old.read_text(encoding="utf-8"), args.new.read_text(encoding="utf-8")
    )
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 1 if report.strip() else 0


if __name__ == "__main__":
    raise SystemExit(main())
