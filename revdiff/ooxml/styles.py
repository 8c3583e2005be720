"""Paragraph styles as Word defines them in styles.xml: each style's name, what it is based on,
the list numbering it carries, the default paragraph style, and the character styles of note
reference marks; and the small value readers (on/off, integers) Word's properties share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

# python-docx shows these built-in style names capitalised (its BabelFish); so do we, so that a
# style reads the same whichever tool reported it.
UI_STYLE_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}


@dataclass
class Styles:
    """The paragraph styles of styles.xml: names, inheritance, numbering, the default."""

    names: dict[str, str] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    num_pr: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    default_paragraph: str | None = None
    # Character styles of foot- and endnote reference marks (Word's ids, plus any so named).
    note_reference: set[str] = field(
        default_factory=lambda: {"FootnoteReference", "EndnoteReference"}
    )


def read_styles(root: etree._Element | None, w: str) -> Styles:
    """The styles part `root` (None: no styles part) in the WordprocessingML namespace `w`."""
    styles = Styles()
    if root is None:
        return styles
    val = f"{{{w}}}val"
    for style in root.iter(f"{{{w}}}style"):
        style_id = style.get(f"{{{w}}}styleId")
        if style_id is None:
            continue
        kind = style.get(f"{{{w}}}type", "paragraph")
        name_el = style.find(f"{{{w}}}name")
        name = name_el.get(val) if name_el is not None else None
        name = name or style_id
        if kind == "character":
            if name.lower() in {"footnote reference", "endnote reference"}:
                styles.note_reference.add(style_id)
            continue
        if kind != "paragraph":
            continue
        styles.names[style_id] = UI_STYLE_NAMES.get(name, name)
        based = style.find(f"{{{w}}}basedOn")
        if based is not None and based.get(val):
            styles.based_on[style_id] = based.get(val) or ""
        if on_attribute(style.get(f"{{{w}}}default")):
            styles.default_paragraph = styles.default_paragraph or style_id
        num_pr = style.find(f"{{{w}}}pPr/{{{w}}}numPr")
        if num_pr is not None:
            styles.num_pr[style_id] = num_pr_values(num_pr, w)
    return styles


def num_pr_values(num_pr: etree._Element, w: str) -> tuple[str | None, int | None]:
    """The list (``w:numId``) and level (``w:ilvl``) of a ``w:numPr``, each None if absent."""
    num_id = num_pr.find(f"{{{w}}}numId")
    ilvl = num_pr.find(f"{{{w}}}ilvl")
    return (
        num_id.get(f"{{{w}}}val") if num_id is not None else None,
        int_value(ilvl.get(f"{{{w}}}val")) if ilvl is not None else None,
    )


def int_value(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute, `default` when absent or not a number."""
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def is_on(element: etree._Element | None, w: str) -> bool:
    """A Word on/off property: present and not explicitly false."""
    if element is None:
        return False
    return element.get(f"{{{w}}}val", "true").lower() not in {"0", "false", "off"}


def on_attribute(value: str | None) -> bool:
    """A Word on/off attribute (``w:default="1"``): present and true."""
    return value is not None and value.lower() in {"1", "true", "on"}
