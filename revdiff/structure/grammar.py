"""The vocabulary of ITU texts, read from ``revdiff/data/lang/*.toml`` and merged into one grammar.

Pure data loading: every language file has the shape documented at the top of ``en.toml``. Lists
are joined (duplicates dropped) and tables of written form → canonical value are joined (the
first file to define a written form wins), English first and then the other files in name order,
so that a file for a new language only adds its words. The patterns built from the words are made
once and cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from revdiff.language import language_tables
from revdiff.model import SectionKind

INSTRUMENTS = ("resolution", "recommendation", "decision", "opinion")

_WORD = re.compile(r"[^\W_]+")


# Arabic vowel signs and the tatweel (the stretching stroke of "القـرار") are optional in writing:
# words are compared without them.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")


def fold_marks(text: str) -> str:
    """`text` without Arabic vowel signs and tatweel: "يقـرّر" → "يقرر"."""
    if text.isascii():  # a constant-time test, read for every line of a document
        return text
    return _ARABIC_MARKS.sub("", text)


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased: what call phrases are compared on."""
    return _WORD.findall(fold_marks(text.lower()))


def phrase_pattern(phrases: tuple[str, ...]) -> str:
    """A regex alternative of `phrases`, longest first, any run of spaces matching a space."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


@dataclass(frozen=True)
class Grammar:
    """Every language's words for one part of a text, merged."""

    instruments: tuple[tuple[str, str], ...]  # (word as written, instrument)
    qualifiers: tuple[str, ...]
    revision_words: tuple[str, ...]
    sectors: tuple[str, ...]
    body_prefixes: tuple[str, ...]
    short_forms: tuple[str, ...]
    body_names: tuple[tuple[str, str], ...]  # (name as written, abbreviation), in file order
    places: tuple[tuple[str, str], ...]  # (as written, canonical)
    preamble_openers: tuple[str, ...]
    calls: tuple[tuple[tuple[str, ...], SectionKind], ...]  # longest first
    section_words: tuple[str, ...]
    annex_words: tuple[str, ...]
    annex_to: tuple[str, ...]
    markers: tuple[str, ...]
    reasons: tuple[str, ...]
    references: tuple[str, ...]
    header: tuple[tuple[str, str], ...]  # (label as written, key)
    continued: tuple[str, ...]
    suffixes: tuple[str, ...]

    @functools.cached_property
    def calls_by_first_word(
        self,
    ) -> dict[str, tuple[tuple[tuple[str, ...], SectionKind], ...]]:
        index: dict[str, list[tuple[tuple[str, ...], SectionKind]]] = {}
        for phrase, kind in self.calls:
            index.setdefault(phrase[0], []).append((phrase, kind))
        return {word: tuple(entries) for word, entries in index.items()}

    @functools.cached_property
    def call_initials(self) -> frozenset[str]:
        """The first letters of the call phrases' first words (as `words_of` gives them)."""
        return frozenset(word[0] for word in self.calls_by_first_word)

    @functools.cached_property
    def instrument_of(self) -> dict[str, str]:
        """Instrument word (upper-cased, spaces squashed) → instrument."""
        return {" ".join(word.upper().split()): kind for word, kind in self.instruments}

    @functools.cached_property
    def canonical_place(self) -> dict[str, str]:
        return {written.casefold(): canonical for written, canonical in self.places}

    @functools.cached_property
    def header_key(self) -> dict[str, str]:
        return {" ".join(label.casefold().split()): key for label, key in self.header}


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _table(value: object) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else ()


def _section(data: dict[str, object], name: str) -> dict[str, object]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _unique_pairs(items: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    first: dict[str, str] = {}
    for key, value in items:
        first.setdefault(key, value)
    return tuple(first.items())


@functools.cache
def grammar() -> Grammar:
    """The merged grammar of every language file (read once)."""
    return merge_grammars([data for _, data in language_tables()])


def merge_grammars(files: list[dict[str, object]]) -> Grammar:
    """One `Grammar` of several parsed language files, merged as the module docstring says."""
    lists: dict[str, list[str]] = {}
    pairs: dict[str, list[tuple[str, str]]] = {}
    calls: list[tuple[tuple[str, ...], SectionKind]] = []

    def add(key: str, value: object) -> None:
        lists.setdefault(key, []).extend(_texts(value))

    def add_pairs(key: str, value: object) -> None:
        pairs.setdefault(key, []).extend(_table(value))

    for data in files:
        number_line = _section(data, "number_line")
        for kind, words in _section(number_line, "instruments").items():
            pairs.setdefault("instruments", []).extend((w, kind) for w in _texts(words))
        add("qualifiers", number_line.get("qualifiers"))
        add("revision", number_line.get("revision"))
        add("sectors", number_line.get("sectors"))
        bodies = _section(data, "bodies")
        add("prefixes", bodies.get("prefixes"))
        add("short_forms", bodies.get("short_forms"))
        add_pairs("body_names", bodies.get("names"))
        add_pairs("places", data.get("places"))
        add("openers", _section(data, "preamble").get("openers"))
        for key, kind in (("preamble", SectionKind.PREAMBLE), ("operative", SectionKind.OPERATIVE)):
            for phrase in _texts(_section(data, "calls").get(key)):
                calls.append((tuple(words_of(phrase)), kind))
        sections = _section(data, "sections")
        add("section", sections.get("section"))
        add("annex", sections.get("annex"))
        add("annex_to", sections.get("annex_to"))
        proposal = _section(data, "proposal")
        add("markers", proposal.get("markers"))
        add("reasons", proposal.get("reasons"))
        add("references", proposal.get("references"))
        add_pairs("header", proposal.get("header"))
        add("continued", _section(data, "footnotes").get("continued"))
        add("suffixes", _section(data, "labels").get("suffixes"))
    unique_calls = tuple(dict.fromkeys(phrase for phrase in calls if phrase[0]))
    return Grammar(
        instruments=_unique_pairs(pairs.get("instruments", [])),
        qualifiers=_unique(lists.get("qualifiers", [])),
        revision_words=_unique(lists.get("revision", [])),
        sectors=_unique(lists.get("sectors", [])),
        body_prefixes=_unique(lists.get("prefixes", [])),
        short_forms=_unique(lists.get("short_forms", [])),
        body_names=_unique_pairs(pairs.get("body_names", [])),
        places=_unique_pairs(pairs.get("places", [])),
        preamble_openers=_unique(lists.get("openers", [])),
        calls=tuple(sorted(unique_calls, key=lambda item: -len(item[0]))),
        section_words=_unique(lists.get("section", [])),
        annex_words=_unique(lists.get("annex", [])),
        annex_to=_unique(lists.get("annex_to", [])),
        markers=_unique(lists.get("markers", [])),
        reasons=_unique(lists.get("reasons", [])),
        references=_unique(lists.get("references", [])),
        header=_unique_pairs(pairs.get("header", [])),
        continued=_unique(lists.get("continued", [])),
        suffixes=_unique(lists.get("suffixes", [])),
    )


def call_phrases() -> tuple[str, ...]:
    """Every call phrase of every language, as words joined by spaces (longest first)."""
    return tuple(" ".join(phrase) for phrase, _ in grammar().calls)
