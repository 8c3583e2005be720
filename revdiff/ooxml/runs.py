"""Runs and their text, read and written: what each run child shows (``w:t``, ``w:tab``,
``w:br``, ``w:noBreakHyphen``, ``w:softHyphen``, ``w:sym`` …) and runs built from text.

Reading: a break (line, page or column alike) shows as a newline, a tab or positional tab as a
tab, a non-breaking hyphen as U+2011; a soft hyphen shows as nothing (no reader sees it); a
symbol as the Unicode character of its glyph (`revdiff.ooxml.symbols`). Writing does the
inverse, so that what the loader reads from a written run is the text it was written from.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

from revdiff.ooxml.names import XML_NS, w
from revdiff.ooxml.symbols import map_symbol

if TYPE_CHECKING:
    from lxml import etree

# Run children that show a fixed text, by local name ("" for a soft hyphen: shown as nothing).
RUN_CHARACTERS = {
    "tab": "\t",
    "ptab": "\t",
    "br": "\n",
    "cr": "\n",
    "noBreakHyphen": "\u2011",
    "softHyphen": "",
}
# Text-bearing run children and their deleted forms (inside ``w:del`` the schema wants these).
DELETED_FORMS = {"t": "delText", "instrText": "delInstrText"}


def fixed_characters(namespace: str) -> dict[str, str]:
    """`RUN_CHARACTERS` keyed by Clark name in `namespace`."""
    return {f"{{{namespace}}}{name}": text for name, text in RUN_CHARACTERS.items()}


def symbol_text(sym: etree._Element, namespace: str) -> str | None:
    """The character a ``w:sym`` shows (its ``w:char`` in its ``w:font``), None if unknown."""
    raw = sym.get(f"{{{namespace}}}char") or ""
    try:
        code = int(raw, 16)
    except ValueError:
        return None
    return map_symbol(code, sym.get(f"{{{namespace}}}font"))


def as_deleted(element: etree._Element) -> None:
    """Rename a run child to its deleted form (``w:t`` -> ``w:delText``, field codes ->
    ``w:delInstrText``); other children are left as they are."""
    for name, deleted in DELETED_FORMS.items():
        if element.tag == w(name):
            element.tag = w(deleted)
            return


def mark_run_deleted(run: etree._Element) -> None:
    """Turn the text of a run into deleted text, as the schema wants inside ``w:del``."""
    for child in run:
        as_deleted(child)


def text_element(text: str, *, deleted: bool) -> etree._Element:
    """``w:t`` (or ``w:delText`` inside a deletion) keeping every space."""
    from lxml import etree

    element = etree.Element(w("delText" if deleted else "t"))
    element.text = text
    element.set(f"{{{XML_NS}}}space", "preserve")
    return element


_SPECIAL = re.compile("([\t\n\u2011])")
_WRITTEN_AS = {"\t": "tab", "\n": "br", "\u2011": "noBreakHyphen"}


def text_run(
    text: str, r_pr: etree._Element | None = None, *, deleted: bool = False
) -> etree._Element:
    """A ``w:r`` showing `text`: tabs as ``w:tab``, newlines as ``w:br``, U+2011 as
    ``w:noBreakHyphen``, the rest in ``w:t`` (``w:delText`` when `deleted`)."""
    from lxml import etree

    run = etree.Element(w("r"))
    if r_pr is not None and len(r_pr):
        run.append(copy.deepcopy(r_pr))
    for piece in _SPECIAL.split(text):
        if not piece:
            continue
        special = _WRITTEN_AS.get(piece)
        if special is not None:
            run.append(etree.Element(w(special)))
        else:
            run.append(text_element(piece, deleted=deleted))
    return run


def make_run_properties(
    *, style: str | None = None, bold: bool = False, italic: bool = False
) -> etree._Element:
    """A ``w:rPr`` with the few properties the template needs, in schema order."""
    from lxml import etree

    r_pr = etree.Element(w("rPr"))
    if style:
        etree.SubElement(r_pr, w("rStyle")).set(w("val"), style)
    if bold:
        etree.SubElement(r_pr, w("b"))
    if italic:
        etree.SubElement(r_pr, w("i"))
    return r_pr
