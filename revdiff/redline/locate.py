"""Finding a clause's text among a paragraph's atoms (`locate`), or rebuilding the atoms from
the text when the runs do not show it (`rebuild`).

The structure parser squashes whitespace; Word's runs keep it. So a character of the text maps
to the atoms that show it (a run of whitespace may show as one space), and the label typed
before the text (``a)``, ``1.3``) is found on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from revdiff.normalize import squash_whitespace
from revdiff.redline.atoms import Atom, read_atoms

WHITESPACE = " \t\n\r\f\v"  # what the structure parser squashes; no-break spaces are text


@dataclass
class Located:
    """Where a text sits in a paragraph's atoms: `units[j]` are the atoms that show character j
    of the text (a run of whitespace may show as one space), `start`/`end` bound them, and
    `label` spans a typed label before them."""

    atoms: list[Atom]
    start: int
    end: int
    units: list[list[int]]
    label: tuple[int, int] | None


def _squash_map(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs as one space and no leading whitespace, and for each kept
    character its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in WHITESPACE:
            if out and out[-1] != " ":
                out.append(" ")
                index.append(position)
            continue
        out.append(char)
        index.append(position)
    return "".join(out), index


# `text` as the structure parser squashes it (one definition, in normalize.py).
squash = squash_whitespace


def locate(atoms: list[Atom], text: str, label: str | None) -> Located | None:
    """Find `text` (and a typed `label` before it) in `atoms`; None if it is not there.

    A note mark typed by hand in the text (a superscript ``2`` after ``group``), which the
    structure parser takes out of a clause's text, is looked past when the text is not found
    with it: it stays in the paragraph as it was, untracked."""
    found = _find(atoms, [k for k, atom in enumerate(atoms) if atom.char], text, label)
    if found is None and any(atom.typed_mark for atom in atoms):
        chars = [k for k, atom in enumerate(atoms) if atom.char and not atom.typed_mark]
        found = _find(atoms, chars, text, label)
    return found


def _find(atoms: list[Atom], chars: list[int], text: str, label: str | None) -> Located | None:
    """`locate` over the atoms `chars` (indices of the atoms that show text)."""
    joined = "".join(atoms[k].char for k in chars)
    lead = len(joined) - len(joined.lstrip(WHITESPACE))
    label_span: tuple[int, int] | None = None
    search_from = lead
    if label and joined.startswith(label, lead):
        label_span = (chars[lead], chars[lead + len(label) - 1] + 1)
        search_from = lead + len(label)
    if not text.strip(WHITESPACE):
        position = search_from
        while position < len(joined) and joined[position] in WHITESPACE:
            position += 1
        at = chars[position] if position < len(chars) else len(atoms)
        if text:  # whitespace only: it shows as the whitespace there, after any separator
            skip = 1 if label_span is not None and search_from < len(joined) else 0
            units = _walk(joined, search_from + skip, text)
            if units is None:
                return None
            flat = [chars[i] for unit in units for i in unit]
            at = flat[0] if flat else at
            return Located(atoms, at, at, [[chars[i] for i in u] for u in units], label_span)
        return Located(atoms, at, at, [], label_span)
    squashed, index = _squash_map(joined)
    wanted = squash(text)
    begin = next((k for k, i in enumerate(index) if i >= search_from), len(index))
    found = squashed.find(wanted, begin)
    if found < 0:
        return None
    start = index[found]
    if text[0] in WHITESPACE:  # the text's own leading whitespace is there too
        # (but after a label, one whitespace character is the separator, not the text's)
        floor = search_from + 1 if label_span is not None else search_from
        while start > floor and joined[start - 1] in WHITESPACE:
            start -= 1
    units = _walk(joined, start, text)
    if units is None:
        return None
    _to_atoms(units, chars)
    first = next((unit[0] for unit in units if unit), None)
    last = next((unit[-1] for unit in reversed(units) if unit), None)
    if first is None or last is None:
        return None
    return Located(atoms, first, last + 1, units, label_span)


def _to_atoms(units: list[list[int]], chars: list[int]) -> None:
    """Turn units of character positions into units of atom indices, in place (a big clause
    has millions of units: a second copy cost a few hundred megabytes)."""
    for unit in units:
        for m, i in enumerate(unit):
            unit[m] = chars[i]


def _walk(joined: str, at: int, text: str) -> list[list[int]] | None:
    """Map each character of `text` to the characters of `joined` from `at` that show it;
    whitespace runs match whitespace runs of any length."""
    units: list[list[int]] = []
    t = at
    for j, char in enumerate(text):
        if char in WHITESPACE:
            if t >= len(joined) or joined[t] not in WHITESPACE:
                if units and j > 0 and text[j - 1] in WHITESPACE:
                    units.append([])  # the run in `joined` was shorter
                    continue
                return None
            more = j + 1 < len(text) and text[j + 1] in WHITESPACE
            if more:
                if t + 1 < len(joined) and joined[t + 1] in WHITESPACE:
                    units.append([t])
                    t += 1
                else:
                    units.append([])
                continue
            run = []
            while t < len(joined) and joined[t] in WHITESPACE:
                run.append(t)
                t += 1
            units.append(run)
        elif t < len(joined) and joined[t] == char:
            units.append([t])
            t += 1
        else:
            return None
    return units


def rebuild(atoms: list[Atom], text: str, label: str | None, typed: bool) -> Located:
    """A paragraph's atoms rebuilt from the model text, when the text cannot be found run by
    run: objects kept (those before the first character first), the label in its run's
    properties, the text in the properties of the first character after the label."""
    first_char = next((a for a in atoms if a.char), None)
    r_pr = first_char.r_pr if first_char is not None else None
    label_r_pr = r_pr
    if typed and label and first_char is not None:
        body = next(
            (
                a
                for a in atoms[atoms.index(first_char) + len(label) :]
                if a.char and a.char not in WHITESPACE
            ),
            None,
        )
        r_pr = body.r_pr if body is not None else r_pr
    leading: list[Atom] = []
    for atom in atoms:
        if atom.char:
            break
        leading.append(atom)
    trailing = [a for a in atoms[len(leading) :] if not a.char and a.literal is None]
    made: list[Atom] = list(leading)
    span: tuple[int, int] | None = None
    if typed and label:
        span = (len(made), len(made) + len(label))
        made.extend(Atom(c, None, label_r_pr) for c in label)
        made.append(Atom("\t", None, label_r_pr))
    start = len(made)
    made.extend(Atom(c, None, r_pr) for c in text)
    units = [[start + j] for j in range(len(text))]
    end = len(made)
    made.extend(trailing)
    return Located(made, start, end, units, span)


def paragraph_text(p: etree._Element) -> str:
    """The squashed text a paragraph without revisions shows."""
    return squash("".join(a.char for a in read_atoms(p)))
