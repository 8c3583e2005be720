"""Labels: the typed marks that open an item (``a)``, ``b)bis``, ``(iv)``, ``1.3``, ``–``), split
off a paragraph and placed in their sequence."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from revdiff.language import letter_ordinal, same_as_latin
from revdiff.model import Block
from revdiff.normalize import to_roman
from revdiff.structure.common import words

SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)"
# Cyrillic and Arabic item letters (Arabic "هـ" is written with a tatweel); their place in a
# sequence is each language's ITU order, from the language files (revdiff.language).
_OTHER_LETTERS = r"[\u0430-\u044f]|[\u0621-\u064a]\u0640?"
_ALPHA_LABEL = re.compile(
    r"(?P<open>\()?(?P<core>[a-z]|([a-z])\3|[ivxlc]{2,7}|\d{1,3}|[A-Z]|[IVX]{2,5}|"
    + _OTHER_LETTERS
    # A space may stand between an Arabic letter and its bracket ("أ )"), as in right-to-left text.
    + r")(?:(?<=[\u0621-\u064a\u0640])[ \u00a0])?(?P<before>"  # Spanish "bbis)": English "b)bis"
    + SUFFIX
    + r")?\)"
    r"(?P<suffix>" + SUFFIX + r")?"
    r"(?:(?P<sep>[ \t\u00a0\u202f]+)|(?=[^\s)]))"
)
_NUMBER_LABEL = re.compile(
    r"(?P<number>\d{1,3}" + SUFFIX + r"?(?:\.\d{1,3}" + SUFFIX + r"?)*)(?P<dot>\.?)"
    r"(?P<sep>[ \u00a0\u202f\t]+)(?=\S)"
)
_INDENT_LABEL = re.compile(r"(?P<mark>[–—\-−•·▪◦])(?P<sep>\t+|[ \u00a0\u202f]+)(?=\S)")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@functools.lru_cache(maxsize=1024)  # asked again for every ambiguous letter (i, v, x, l, c)
def roman_value(text: str) -> int | None:
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for index, ch in enumerate(text):
        value = ROMAN[ch]
        following = ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if to_roman(total) == text else None


@dataclass(frozen=True, slots=True)
class Label:
    """A label split off a paragraph: as displayed, its kind, and its place in a sequence."""

    text: str  # "a)", "b)bis", "(a)", "1.3", "–"
    # "letter)", "(letter)", "roman)", "(roman)", "num)", "(num)", "num", "indent", "bullet"
    kind: str
    value: int | None = None  # ordinal of the last component (a=1, iv=4, 1.3 → 3)
    suffix: str = ""  # "bis", "ter", …
    components: tuple[str, ...] = ()  # "1bis.2.1" → ("1bis", "2", "1")
    segment: str = ""  # its piece of a clause id: "a", "bbis", "1.3", "ii"
    ambiguous: bool = False  # a single letter that is also a roman numeral (i, v, x, l, c)
    weak: bool = False  # a number followed by a space only: a label only if the sequence agrees


def split_label(text: str) -> tuple[Label, str] | None:
    """Split a typed label off the start of `text`: ``a)\\tthe …``, ``b)bis\\t…``,
    ``a)Resolution …``, ``1.3\\t…``, ``–\\t…``. None when the start is not unambiguously a label."""
    # A number with no ")" where an alpha label's would stand (3 digits and a suffix: "12bis)")
    # is no alpha label: the usual numbered line ("1.3\t…") skips that pattern.
    if not (text[:1].isdecimal() and ")" not in text[:13]):
        match = _ALPHA_LABEL.match(text)
        if match:
            rest = text[match.end() :]
            if match.group("sep") is None and not re.match(r"[^\W_]|[\"'“‘«§(]", rest):
                return None
            return _make_alpha_label(match), rest.strip()
    match = _NUMBER_LABEL.match(text)
    if match:
        number = match.group("number")
        weak = "\t" not in match.group("sep")
        return _number_label(number, weak), text[match.end() :].strip()
    match = _INDENT_LABEL.match(text)
    if match:
        mark = match.group("mark")
        kind = "bullet" if mark in "•·▪◦" else "indent"
        return Label(mark, kind), text[match.end() :].strip()
    return None


def _make_alpha_label(match: re.Match[str]) -> Label:
    before = match.group("before")
    suffix = before or match.group("suffix") or ""
    return _alpha_label(match.group("core"), suffix, match.group("open"), bool(before))


@functools.lru_cache(maxsize=4096)  # labels repeat; a Label is immutable, so it can be shared
def _alpha_label(
    core: str, suffix: str, open_bracket: str | None, suffix_first: bool = False
) -> Label:
    opened = open_bracket is not None
    shown = ("(" if opened else "") + core + (suffix + ")" if suffix_first else ")" + suffix)
    style = "({})" if opened else "{})"
    if not core.isascii():
        # A Cyrillic or Arabic letter: a letter of the same kind as Latin ones (Russian texts
        # mix a Cyrillic "а)" typed for "a)" into Latin lists), valued by its language's order.
        standing = same_as_latin(core)
        return Label(
            shown,
            style.format("letter"),
            letter_ordinal(core),
            suffix,
            segment=(standing or core) + suffix,
        )
    if core.isdigit():
        return Label(shown, style.format("num"), int(core), suffix, segment=core + suffix)
    if core.isupper():
        # "A)", "B)" in some resolutions' considering; "II)" a capital roman numeral; "VV)" the
        # doubled letter after "Z)", as "vv)" comes after "z)"; "IIII)" no numeral, still a label.
        upper_roman = roman_value(core.lower()) if len(core) > 1 else None
        if upper_roman is not None or len(core) > 2:
            return Label(shown, style.format("ROMAN"), upper_roman, suffix, segment=core + suffix)
        value = ord(core[0]) - 64 + (26 if len(core) == 2 else 0)
        return Label(shown, style.format("LETTER"), value, suffix, segment=core + suffix)
    roman = roman_value(core)
    if (len(core) > 1 and roman is not None and core[0] != core[-1]) or len(core) > 2:
        return Label(shown, style.format("roman"), roman, suffix, segment=core + suffix)
    if len(core) == 2 and roman is not None and core in {"ii", "xx", "cc"}:
        return Label(shown, style.format("roman"), roman, suffix, segment=core + suffix)
    value = ord(core[0]) - 96 + (26 if len(core) == 2 else 0)
    return Label(
        shown,
        style.format("letter"),
        value,
        suffix,
        segment=core + suffix,
        ambiguous=len(core) == 1 and core in ROMAN,
    )


_LAST_NUMBER = re.compile(r"(\d+)(.*)").match


# Cached as `_alpha_label` is: the two versions of a text share most numbers. Large enough to
# hold every number of a long text, so that the second version finds the first one's.
@functools.lru_cache(maxsize=16384)
def _number_label(number: str, weak: bool = False) -> Label:
    components = tuple(number.split("."))
    last = _LAST_NUMBER(components[-1])
    value = int(last.group(1)) if last else None
    suffix = last.group(2) if last else ""
    return Label(number, "num", value, suffix, components, segment=number, weak=weak)


def parse_given_label(label: str) -> Label:
    """A label Word's automatic numbering supplied (already apart from the text)."""
    shown = label.strip()
    split = split_label(shown + "\tx")
    if split is not None and split[1] == "x":
        return split[0]
    bare = shown.rstrip(".")
    if re.fullmatch(r"\d{1,3}" + SUFFIX + r"?(?:\.\d{1,3}" + SUFFIX + r"?)*", bare):
        return _number_label(bare)
    slug = "-".join(words(shown)) or "label"
    return Label(shown, "other:" + shown, segment=slug)


def is_prefix(parent: tuple[str, ...], child: tuple[str, ...]) -> bool:
    return bool(parent) and len(parent) < len(child) and child[: len(parent)] == parent


def as_roman(label: Label, kind: str, value: int) -> Label:
    return Label(label.text, kind, value, label.suffix, segment=label.segment, ambiguous=False)


def same_level(a: Label, b: Label) -> bool:
    first, second = a.components, b.components
    return bool(first) and len(first) == len(second) and first[:-1] == second[:-1]


def continues(previous: Label, label: Label) -> bool:
    """True when `label` may follow `previous` in one list: the next value (b after a, 1.4
    after 1.3bis), or the same value with a suffix (b)bis after b))."""
    if previous.kind != label.kind or previous.value is None or label.value is None:
        return True
    if label.kind == "num" and not same_level(previous, label):
        return True
    if label.value == previous.value + 1 and not label.suffix:
        return True
    return label.value == previous.value and label.suffix != previous.suffix and bool(label.suffix)


def join_label_cell(cell: Block, following: Block) -> Block | None:
    """A label alone in a Word table cell (``a)``, ``1.3``) and its text in the next cell: one
    labelled paragraph, as it reads. None when `cell` is not a bare label."""
    text = cell.text.strip()
    if not following.in_table or cell.label or not text or len(text) > 12:
        return None
    split = split_label(text + "\tx")
    if split is None or split[1] != "x":
        return None
    return replace(following, text=f"{text}\t{following.text.strip()}", in_table=False)
