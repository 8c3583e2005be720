"""List numbering as Word defines it in numbering.xml, and the labels it draws: counters per
list and level, number formats (decimal, letters, roman, …) and bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from revdiff.normalize import to_roman
from revdiff.ooxml.styles import Styles, int_value, is_on, num_pr_values
from revdiff.ooxml.symbols import map_symbol

if TYPE_CHECKING:
    from lxml import etree


@dataclass(frozen=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: show every level in decimal
    font: str | None = None


@dataclass
class Numbering:
    """The list definitions of numbering.xml: abstract lists, their instances and overrides."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    abstract_style_link: dict[str, str] = field(default_factory=dict)
    abstract_of_num: dict[str, str] = field(default_factory=dict)
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_levels: dict[str, int] = field(default_factory=dict)  # styleId -> ilvl (w:lvl/w:pStyle)


def _read_level(lvl: etree._Element, w: str) -> Level:
    def val(name: str) -> str | None:
        element = lvl.find(f"{{{w}}}{name}")
        return element.get(f"{{{w}}}val") if element is not None else None

    fonts = lvl.find(f"{{{w}}}rPr/{{{w}}}rFonts")
    return Level(
        start=int_value(val("start"), 1) or 0,
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=int_value(val("lvlRestart")),
        legal=is_on(lvl.find(f"{{{w}}}isLgl"), w),
        font=fonts.get(f"{{{w}}}ascii") if fonts is not None else None,
    )


def read_numbering(root: etree._Element | None, w: str) -> Numbering:
    """The numbering part `root` (None: no numbering part) in the namespace `w`."""
    numbering = Numbering()
    if root is None:
        return numbering
    val = f"{{{w}}}val"
    for abstract in root.iter(f"{{{w}}}abstractNum"):
        abstract_id = abstract.get(f"{{{w}}}abstractNumId") or ""
        levels: dict[int, Level] = {}
        for lvl in abstract.iter(f"{{{w}}}lvl"):
            ilvl = int_value(lvl.get(f"{{{w}}}ilvl"), 0) or 0
            levels[ilvl] = _read_level(lvl, w)
            p_style = lvl.find(f"{{{w}}}pStyle")
            if p_style is not None and p_style.get(val):
                numbering.style_levels[p_style.get(val) or ""] = ilvl
        numbering.abstract[abstract_id] = levels
        link = abstract.find(f"{{{w}}}numStyleLink")
        if link is not None and link.get(val):
            numbering.abstract_style_link[abstract_id] = link.get(val) or ""
    for num in root.iter(f"{{{w}}}num"):
        num_id = num.get(f"{{{w}}}numId") or ""
        abstract_ref = num.find(f"{{{w}}}abstractNumId")
        if abstract_ref is None:
            continue
        numbering.abstract_of_num[num_id] = abstract_ref.get(val) or ""
        for override in num.iter(f"{{{w}}}lvlOverride"):
            ilvl = int_value(override.get(f"{{{w}}}ilvl"), 0) or 0
            start = override.find(f"{{{w}}}startOverride")
            if start is not None:
                value = int_value(start.get(val))
                if value is not None:
                    numbering.start_overrides.setdefault(num_id, {})[ilvl] = value
            replaced = override.find(f"{{{w}}}lvl")
            if replaced is not None:
                numbering.level_overrides.setdefault(num_id, {})[ilvl] = _read_level(replaced, w)
    return numbering


def format_number(value: int, fmt: str) -> str:
    """A counter value in a Word number format: decimal, lowerLetter (a…z, aa…), roman, …."""
    if fmt in ("lowerLetter", "upperLetter"):
        if value < 1:
            return str(value)
        if value > 26 * 40:
            return str(value)  # no list is that long; refuse to build a huge label
        # Word repeats the letter past z: y, z, aa, bb, … (not Excel's aa, ab).
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value) if 0 < value < 4000 else str(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class ListCounters:
    """Word's automatic numbering counted down one document: the label each numbered paragraph
    shows (``a)``, ``1.3``, ``–``). Counters are kept per list instance (``w:num``) and level,
    honouring start values, ``w:startOverride``, ``w:lvlRestart`` and ``w:isLgl``; deeper
    levels restart when a higher level is used."""

    def __init__(self, numbering: Numbering, styles: Styles, w: str) -> None:
        self.numbering = numbering
        self.styles = styles
        self.w = w
        self.counters: dict[str, list[int | None]] = {}

    def label(self, p_pr: etree._Element | None, style_id: str | None) -> str | None:
        """Count the paragraph with properties `p_pr` and style `style_id`: its label, if any."""
        numbering = self.numbering_of(p_pr, style_id)
        return self.next_label(*numbering) if numbering is not None else None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The definition of level `ilvl` of the list `num_id` (None when undefined)."""
        override = self.numbering.level_overrides.get(num_id, {}).get(ilvl)
        if override is not None:
            return override
        abstract_id = self.numbering.abstract_of_num.get(num_id)
        seen: set[str] = set()
        while abstract_id is not None and abstract_id not in seen:
            seen.add(abstract_id)
            levels = self.numbering.abstract.get(abstract_id, {})
            if ilvl in levels:
                return levels[ilvl]
            # A list that only links to a numbering style: follow the style to its list.
            link = self.numbering.abstract_style_link.get(abstract_id)
            linked_num = self.styles.num_pr.get(link, (None, None))[0] if link else None
            abstract_id = self.numbering.abstract_of_num.get(linked_num or "")
        return None

    def numbering_of(
        self, p_pr: etree._Element | None, style_id: str | None
    ) -> tuple[str, int] | None:
        num_id: str | None = None
        ilvl: int | None = None
        if p_pr is not None:
            num_pr = p_pr.find(f"{{{self.w}}}numPr")
            if num_pr is not None:
                num_id, ilvl = num_pr_values(num_pr, self.w)
        seen: set[str] = set()
        current = style_id
        while (num_id is None or ilvl is None) and current and current not in seen:
            seen.add(current)
            style_num, style_ilvl = self.styles.num_pr.get(current, (None, None))
            num_id = num_id if num_id is not None else style_num
            if ilvl is None:
                ilvl = style_ilvl
                if ilvl is None and current in self.numbering.style_levels:
                    ilvl = self.numbering.style_levels[current]
            current = self.styles.based_on.get(current)
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, max(0, min(ilvl or 0, 8))

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        level = self.level(num_id, ilvl)
        if level is None:
            return None
        counters = self.counters.get(num_id)
        starts = self.numbering.start_overrides.get(num_id, {})
        if counters is None:
            counters = self.counters[num_id] = [None] * 9
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = self.level(num_id, deeper)
            restart = deeper_level.restart if deeper_level is not None else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                counters[deeper] = None
        if level.fmt == "bullet":
            return self._bullet(level)
        label = level.text

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            referenced = self.level(num_id, index)
            if referenced is None:
                return ""
            value = counters[index]
            if value is None:
                value = starts.get(index, referenced.start)
            fmt = "decimal" if level.legal and referenced.fmt != "none" else referenced.fmt
            return format_number(value, fmt)

        label = re.sub(r"%([1-9])", number, label).strip()
        return label or None

    def _bullet(self, level: Level) -> str | None:
        text = level.text.strip()
        if not text:
            return None
        mapped = []
        for char in text:
            code = ord(char)
            if 0xF000 <= code <= 0xF0FF or (level.font and "wingdings" in level.font.lower()):
                mapped.append(map_symbol(code, level.font) or "•")
            else:
                mapped.append(char)
        return "".join(mapped)
