"""The number line: ``RESOLUTION 84 (Rev. Geneva, 2022)`` in every form it circulates in.

A body prefix (``WTSA RESOLUTION 84``), a proposal marker and id (``MOD ACP/64A1/1 RESOLUTION
84``), a draft qualifier (``DRAFT NEW RESOLUTION [AFCP-1]``), a Sector (``RESOLUTION ITU-R 2-8``,
``RECOMMENDATION ITU-R SM.1138-3``), a conference short form as the edition (``(Rev.WRC-19)``),
trailing footnote marks (``*``, ``1``), a title after a dash, no-break and full-width spaces and
brackets. The words are the grammar's (``revdiff/data/lang/*.toml``); the order of the parts is
this module's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from revdiff.language import year_suffixes
from revdiff.structure.grammar import grammar, phrase_pattern

# Footnote marks a number line may end with: "*", "**", "1", "1, 1bis".
_MARK = r"(?:\*{1,3}|[†‡]|\d{1,2}(?:bis|ter)?)"
_MARKS = rf"(?P<marks>\s*{_MARK}(?:\s*,\s*{_MARK})*)"
_STARS = r"(?P<stars>\s*\*{1,3})"
_DASH = r"[–—―-]"


@dataclass(frozen=True, slots=True)
class NumberLine:
    """What a number line says."""

    text: str  # the line as written, without footnote marks and a title after a dash
    instrument: str  # resolution, recommendation, decision, opinion
    number: str | None
    sector: str | None = None  # "ITU-R"
    revision: str | None = None  # "Rev. Geneva, 2022", "Rev.WRC-19", "8" (of "ITU-R 2-8")
    place: str | None = None
    year: int | None = None
    body: str | None = None  # from a prefix (WTSA) or a short form (WRC-19)
    marker: str | None = None  # MOD, ADD, SUP, NOC
    proposal_id: str | None = None  # ACP/64A1/1
    title: str | None = None  # "Rules of procedure" of "RESOLUTION 1 – Rules of procedure"
    marks: tuple[str, ...] = ()  # trailing footnote marks


def normalise(text: str) -> str:
    """Compatibility forms made plain (full-width letters and brackets, no-break spaces), spaces
    squashed: what the number-line patterns read."""
    # The tatweel only stretches Arabic letters ("القـرار"): it is not part of any word.
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u0640", "").split())


@functools.cache
def _parts() -> tuple[str, str, str]:
    """The number line's pattern in two parts (marker to number; edition and title), and the
    pattern of a lone marker or body prefix."""
    words = grammar()
    markers = phrase_pattern(words.markers)
    prefixes = phrase_pattern(words.body_prefixes)
    qualifiers = phrase_pattern(words.qualifiers)
    instruments = phrase_pattern(tuple(word for word, _ in words.instruments))
    sectors = phrase_pattern(words.sectors)
    head = (
        rf"(?:(?-i:(?P<marker>{markers}))\s+"
        r"(?:(?P<pid>[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9.()]+)+)\s+)?)?"
        rf"(?:(?P<prefix>{prefixes})(?:-(?P<prefix_year>\d{{2}}))?\s+)?"
        rf"(?:(?P<qualifier>{qualifiers})\s+)?"
        rf"(?:(?P<prefix2>{prefixes})\s+)?"
        rf"(?P<kind>{instruments})"
        rf"(?:\s*(?P<sector>{sectors}))?"
    )
    number = (
        r"(?:\s+(?P<number>\[[^\[\]]{1,40}\]"
        r"|(?:[A-Z]{1,3}\.)?\d[\w/.\-]*"
        r"|[A-Z]{1,6}[\-/]\d[\w/.\-]*))?"
    )
    edition = rf"{_STARS}?(?:\s*\((?P<revision>[^()]{{1,80}})\))?{_MARKS}?"
    title = rf"(?:\s+{_DASH}\s*(?P<title>\S.*))?"
    lone = (
        rf"(?-i:(?P<marker>{markers}))(?:\s+(?P<pid>[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9.()]+)+))?"
        rf"|(?P<prefix>{prefixes})"
    )
    return head + number, edition + title, lone


@functools.cache
def _line_pattern() -> re.Pattern[str]:
    head, rest, _ = _parts()
    return re.compile(head + rest, re.IGNORECASE)


@functools.cache
def _cut_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A number line cut after its instrument word or its number (the rest is on the next
    line), and a lone marker or prefix: compiled apart from `_line_pattern`, only for a text
    whose number line is not whole on its line (compiling them is a few milliseconds)."""
    head, _, lone = _parts()
    return re.compile(head, re.IGNORECASE), re.compile(lone)


def read_number_line(text: str) -> NumberLine | None:
    """The number line `text` is, or None when it is not one."""
    line = normalise(text)
    if len(line) > 300:
        return None
    match = _line_pattern().fullmatch(line)
    if match is None:
        return _number_first(line)
    if match.group("number") is None and match.group("qualifier") is None:
        return None  # "Resolution" alone, or a sentence that starts with the word
    if match.group("kind").endswith(".") and match.group("revision") is None:
        return None  # "Res. 84": a running head or a citation, never a number line alone
    found = _number_line(match, line)
    if match.group("revision") is not None and found.year is None:
        return None  # "Recommendation ITU-T G.8101 (2016-11)": a citation, not an edition
    return found


def starts_number_line(text: str) -> bool:
    """True when `text` is the first part of a number line cut over two lines: a lone marker or
    body prefix (``MOD``, ``WTSA``), or a number line without its edition (``RESOLUTION 84``)."""
    line = normalise(text)
    if len(line) > 120:
        return False
    cut, lone = _cut_patterns()
    return bool(cut.fullmatch(line) or lone.fullmatch(line))


def is_edition_line(text: str) -> bool:
    """True for a line that is only an edition in brackets: ``(Rev. Geneva, 2022)``,
    ``(Rev.WRC-19)``."""
    line = normalise(text)
    return bool(re.fullmatch(r"\([^()]{1,80}\)", line)) and _edition(line[1:-1])[1] is not None


def _number_line(match: re.Match[str], line: str) -> NumberLine:
    words = grammar()
    kind = words.instrument_of.get(" ".join(match.group("kind").upper().split()), "resolution")
    number = match.group("number")
    revision = match.group("revision")
    sector = match.group("sector")
    place: str | None = None
    year: int | None = None
    body = match.group("prefix") or match.group("prefix2")
    if revision is not None:
        revision = revision.strip()
        place, year, short_body = _edition(revision)
        body = body or short_body
    elif number is not None and sector is not None:
        # "RESOLUTION ITU-R 2-8": Resolution 2, its eighth revision.
        split = re.fullmatch(r"(?P<number>.+?)-(?P<revision>\d{1,2})", number)
        if split is not None:
            number, revision = split.group("number"), split.group("revision")
    if year is None and match.group("prefix_year"):  # "WTDC-22 RESOLUTION 30"
        year = full_year(match.group("prefix_year"))
    marks = tuple(
        mark.strip()
        for group in (match.group("stars"), match.group("marks"))
        if group
        for mark in group.split(",")
    )
    end = match.start("title") if match.group("title") else len(line)
    # The marker and its id are the proposal's, not the line's: "MOD ACP/64A1/1 RESOLUTION 95"
    # and "RESOLUTION 95" are the same number line.
    begin = min(
        match.start(group)
        for group in ("prefix", "qualifier", "prefix2", "kind")
        if match.group(group) is not None
    )
    shown = line[:end].rstrip(" –—―-")
    for group in ("marks", "stars"):
        if match.group(group):
            shown = (shown[: match.start(group)] + shown[match.end(group) :]).rstrip()
    shown = shown[begin:]
    return NumberLine(
        text=shown,
        instrument=kind,
        number=number,
        sector=sector.upper() if sector else None,
        revision=revision,
        place=place,
        year=year,
        body=body.upper() if body and body.isupper() else body,
        marker=match.group("marker"),
        proposal_id=match.group("pid"),
        title=match.group("title"),
        marks=marks,
    )


def _edition(revision: str) -> tuple[str | None, int | None, str | None]:
    """(place, year, body) of an edition: ``Rev. Geneva, 2022`` → Geneva, 2022;
    ``Rev.WRC-19`` → no place, 2019, WRC."""
    words = grammar()
    text = revision
    revised = re.match(
        rf"(?:{phrase_pattern(words.revision_words)})(?:\s*|(?=[A-Z]))", text, re.IGNORECASE
    )
    if revised is not None:
        text = text[revised.end() :]
    text = text.strip(" ,")
    short = re.fullmatch(
        rf"(?P<body>{phrase_pattern(words.short_forms)})\s*[-‐‑–]?\s*(?P<year>\d{{2}}|\d{{4}})",
        text,
        re.IGNORECASE,
    )
    if short is not None:
        return None, full_year(short.group("year")), short.group("body").upper()
    # "Женева, 2022 г.": a year suffix; "بوينس آيرس، 2017": the Arabic comma.
    suffix = phrase_pattern(year_suffixes())
    edition = re.fullmatch(
        rf"(?P<place>.*?)[,،\s]\s*(?P<year>\d{{4}})(?:\s*(?:{suffix}))?", text, re.IGNORECASE
    )
    if edition is None:
        year = re.fullmatch(r"\d{4}", text)
        return None, int(text) if year else None, None
    place = edition.group("place").strip(" ,،") or None
    if place is not None:
        if place.isupper():  # "(REV. HAMMAMET, 2016)": the place as a name, not in capitals
            place = " ".join(part.capitalize() for part in place.split())
            place = re.sub(r"-(\w)", lambda m: "-" + m.group(1).upper(), place)
        place = words.canonical_place.get(place.casefold(), place)
    return place, int(edition.group("year")), None


def full_year(digits: str) -> int:
    """``19`` → 2019, ``97`` → 1997, ``2019`` → 2019 (ITU conferences began long before 1950
    but their short forms with two digits date from the 1950s on)."""
    value = int(digits)
    if len(digits) == 4:
        return value
    return 1900 + value if value >= 50 else 2000 + value


def last_year(history: str) -> tuple[str | None, int | None]:
    """(place, year) of the last edition a history line names: ``(Hammamet, 2016; Geneva,
    2022)`` → Geneva, 2022; ``(1993-1995-2019)`` → no place, 2019; ``(WRC-15; Rev.WRC-19)`` →
    no place, 2019."""
    short = phrase_pattern(grammar().short_forms)
    years = list(
        re.finditer(rf"(?<!\d)(\d{{4}})(?!\d)|\b(?:{short})-(\d{{2}})\b", history, re.IGNORECASE)
    )
    if not years:
        return None, None
    last = years[-1]
    if last.group(2) is not None:
        return None, full_year(last.group(2))
    before = history[: last.start()]
    piece = re.split(r"[;(]", before)[-1]
    place = piece.strip(" ,-–") or None
    if place is not None and (any(ch.isdigit() for ch in place) or "and" in place.split()):
        place = None
    return place, int(last.group(1))


# Chinese puts the number before the instrument word and the year before the place:
# "第84号决议(2022年,日内瓦,修订版)", "ITU-R 第 34-2 号决议" (NFKC has made the brackets plain).
_NUMBER_FIRST = re.compile(
    r"(?:(?P<sector>ITU-[RTD])\s*)?第\s*(?P<number>\d[\w.]*(?:-\d+)?)\s*"
    r"(?P<kind>号决议|号决定|号建议|号意见)(?:\s*\((?P<revision>[^()]{1,80})\))?"
)
_NUMBER_FIRST_KINDS = {
    "号决议": "resolution",
    "号决定": "decision",
    "号建议": "recommendation",
    "号意见": "opinion",
}


def _number_first(line: str) -> NumberLine | None:
    match = _NUMBER_FIRST.fullmatch(line)
    if match is None:
        return None
    number, revision, sector = match.group("number"), match.group("revision"), match.group("sector")
    place: str | None = None
    year: int | None = None
    if revision is not None:
        year_match = re.search(r"(\d{4})\s*年", revision)
        year = int(year_match.group(1)) if year_match else None
        rest = [
            part.strip()
            for part in re.split(r"[,，、;]", re.sub(r"\d{4}\s*年", "", revision))
            if part.strip() and part.strip() not in grammar().revision_words
        ]
        if rest:
            place = grammar().canonical_place.get(rest[0].casefold(), rest[0])
    elif sector is not None and "-" in number:
        number, revision = number.split("-", 1)
    return NumberLine(
        text=line,
        instrument=_NUMBER_FIRST_KINDS[match.group("kind")],
        number=number,
        sector=sector,
        revision=revision,
        place=place,
        year=year,
    )
