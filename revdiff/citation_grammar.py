"""How citations of other ITU texts are written, as patterns: the vocabulary of the language
files' ``[citations]`` tables (with the Sectors, revision words and bodies that the structure stage
reads), and the regular expressions that `revdiff.citations` finds citations with. Each is built
once, when first needed.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from revdiff.language import language_tables
from revdiff.structure.grammar import grammar

_SPACE = "[ \t\u00a0\u202f]"
SPACES = _SPACE + "+"  # at least one space of any kind
_S0 = _SPACE + "*"
HYPHEN = r"[-\u2010\u2011\u2013]"  # a hyphen of any kind


# --------------------------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True, slots=True)
class CitationVocabulary:
    kinds: dict[str, str]  # noun as written (singular or plural) → kind
    link: tuple[str, ...]  # "of the"
    conjunctions: tuple[str, ...]  # "and", "or"
    instruments: tuple[str, ...]  # what an Article or Appendix belongs to: "Radio Regulations"
    suffixes: tuple[str, ...]  # Latin ordinals after a number: "1bis", "5ter"
    year_suffixes: tuple[str, ...]  # after the year of an edition: "2018 г."
    amended: tuple[str, ...]  # before the year of a Council resolution: "(modified 2016)"
    revision: tuple[str, ...]  # "Rev."
    sectors: tuple[str, ...]  # "ITU-R"
    prefixes: tuple[str, ...]  # bodies written before the noun: "WTSA Resolution 1"
    short_forms: tuple[str, ...]  # conference short forms of an edition: "(Rev.WRC-19)"
    bodies: dict[str, str]  # body named after the link → abbreviation


def _merged(files: Iterable[dict[str, Any]], *path: str) -> list[Any] | dict[str, Any]:
    """The value at `path` joined over the language files as their schema says: lists joined
    without repeats, tables joined with the first file to write a key winning."""
    joined: list[Any] | dict[str, Any] | None = None
    for data in files:
        value: Any = data
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if isinstance(value, list):
            joined = joined if isinstance(joined, list) else []
            joined.extend(v for v in value if v not in joined)
        elif isinstance(value, dict) and value:
            joined = joined if isinstance(joined, dict) else {}
            for key, item in value.items():
                joined.setdefault(key, item)
    return joined if joined is not None else []


@functools.cache
def citation_vocabulary() -> CitationVocabulary:
    # The structure stage reads the same files for the number line: its merged words are ours.
    shared = grammar()
    files = [data for _, data in language_tables()]

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in _merged(files, "citations", key))

    found = _merged(files, "citations", "kinds")
    kinds = {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
    return CitationVocabulary(
        kinds=kinds,
        link=words("link"),
        conjunctions=words("conjunctions"),
        instruments=words("instruments"),
        suffixes=shared.suffixes,
        year_suffixes=words("year_suffixes"),
        amended=words("amended"),
        revision=shared.revision_words,
        sectors=shared.sectors,
        prefixes=shared.body_prefixes,
        short_forms=shared.short_forms,
        bodies=dict(shared.body_names),
    )


def any_phrase(phrases: Iterable[str], *, case: bool = True) -> str:
    """An alternation of `phrases`, longest first, tolerant of the spaces and hyphens inside."""
    alternatives = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts = [re.escape(word) for word in phrase.split()]
        alternatives.append(HYPHEN.join(SPACES.join(parts).split(r"\-")))
    if not case:
        return f"(?i:{'|'.join(alternatives) or '(?!)'})"
    return f"(?:{_by_first_letter(alternatives) or '(?!)'})"


def _by_first_letter(alternatives: list[str]) -> str:
    """`alternatives` joined, those that start with the same letter behind it once, in their
    order: "Resolutions|Resolution|Rec" is "R(?:esolutions|esolution|ec)". Only alternatives that
    start with the same letter can match at the same place, so the same one matches; the engine
    tries a letter per group instead of every alternative (the cue scan runs 1.7 times as fast,
    the listed pattern a quarter faster)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[:1]
        # A letter or digit stands for itself; anything else may be an escape or a group.
        groups.setdefault(first if first.isalnum() else alternative, []).append(alternative)
    joined = []
    for first, group in groups.items():
        if len(group) == 1:
            joined.append(group[0])
        else:
            joined.append(first + "(?:" + "|".join(a[1:] for a in group) + ")")
    return "|".join(joined)


# --------------------------------------------------------------------------------------------
# Grammar

# Kinds whose number names the text; a list ("Resolutions 64, 69 and 72") shares the noun, and
# each number may carry its edition. Question, Study Group and Document have grammars of their own.
_LISTED_KINDS = frozenset(
    {"Resolution", "Decision", "Opinion", "Recommendation", "Article", "Appendix", "No."}
)
# Kinds that are parts of a treaty text (the Radio Regulations, the Constitution).
PROVISION_KINDS = frozenset({"Article", "Appendix", "No."})


@dataclass(frozen=True, slots=True)
class CitationGrammar:
    listed: re.Pattern[str]  # noun, optional Sector, a list of numbers with editions, body
    item: re.Pattern[str]  # one number of the list, with its version and edition
    study_group: re.Pattern[str]
    question: re.Pattern[str]
    document: re.Pattern[str]
    edition_in_metadata: re.Pattern[str]
    # Each pattern runs only on a text that holds a word it cannot match without: most clauses
    # cite nothing, and a substring test is far cheaper than a scan with a pattern.
    cues: _CuePatterns
    cue_words: dict[str, frozenset[str]]  # the words of each cue pattern
    vocabulary: CitationVocabulary


# A conference's place: "Dubai", "Buenos Aires", "Sharm el-Sheikh", "Dubaï", "Дубай".
_PLACE = r"[^\W\d_]+(?:[ \u00a0'\-][^\W\d_]+)*"


def _edition(vocabulary: CitationVocabulary) -> str:
    """ "(Rev. Dubai, 2018)", "(Busan, 2014)", "(Rev.WRC-19)", "(WRC-12)", and the dates of an
    ITU-T Recommendation or a Council resolution: "(11/2010)", "(2009)", "(modified 2016)"."""
    revision = f"(?P<rev>{any_phrase(vocabulary.revision, case=False)}{_S0})?"
    year = rf"(?P<year>(?:19|20)\d{{2}})(?:{_S0}{any_phrase(vocabulary.year_suffixes)})?"
    place = rf"(?P<place>{_PLACE})[,،]{_S0}{year}"  # "،": the Arabic comma
    conference = f"(?P<conference>{any_phrase(vocabulary.short_forms)}{HYPHEN}\\d{{2}})"
    amended = any_phrase(vocabulary.amended, case=False)
    date = rf"(?P<date>(?:0[1-9]|1[0-2])/(?:19|20)\d{{2}}|(?:{amended}{SPACES})?(?:19|20)\d{{2}})"
    return rf"\({revision}(?:{place}|{conference}|{date})\)"


def _unnamed(pattern: str) -> str:
    """`pattern` without its group names, to be repeated inside a larger one."""
    return re.sub(r"\?P<\w+>", "?:", pattern)


def _number(vocabulary: CitationVocabulary) -> str:
    """A number: "196", "1bis", "30B", "5.516B", "E.164", "SM.1138", "G.8261/Y.1361"."""
    suffix = any_phrase(vocabulary.suffixes)
    series = r"(?:[A-Z]{1,3}\.)?"  # the letters of a Recommendation's series: "E.", "SM."
    return rf"{series}\d+(?:\.\d+)*[A-Z]{{0,2}}(?:/[A-Z]{{1,3}}\.\d+)?(?:[ \u00a0]?{suffix})?"


@functools.cache
def citation_grammar() -> CitationGrammar:
    vocabulary = citation_vocabulary()
    nouns: dict[str, list[str]] = defaultdict(list)
    for word, kind in noun_kinds().items():
        nouns[kind].append(word)
    listed_nouns = any_phrase(w for kind in _LISTED_KINDS for w in nouns[kind])
    sector = any_phrase(vocabulary.sectors)
    conjunction = any_phrase(vocabulary.conjunctions)
    separator = rf"(?:{_S0},{_S0}(?:{conjunction}{SPACES})?|{SPACES}{conjunction}{SPACES})"
    edition = _edition(vocabulary)
    # A version ("-6" of M.1036-6, "-7" of Resolution ITU-R 2-7) only after a Sector: elsewhere
    # "Resolutions 1-5" is a range.
    version = rf"(?(sector)(?:{HYPHEN}\d+)?|(?(sector_before)(?:{HYPHEN}\d+)?))"
    number = _number(vocabulary)
    item = rf"{number}{version}(?!\w)(?:{_S0}{_unnamed(edition)})?"
    # "Recommendations ITU-R P.527-3 and ITU-R P.527-4": a later number may repeat the Sector.
    later_item = rf"(?:{sector}{SPACES})?{item}"
    body = any_phrase((*vocabulary.bodies, *vocabulary.instruments), case=False)
    # A match starts with a prefix, a Sector or the noun, each a case-sensitive phrase: looking
    # ahead for one of their first letters lets the scan skip every other position at once (the
    # alternations are tried nowhere else; six times faster, the same matches).
    starts = {phrase[:1] for phrase in (*vocabulary.prefixes, *vocabulary.sectors)}
    starts |= {word[:1] for kind in _LISTED_KINDS for word in nouns[kind]}
    listed = re.compile(
        rf"(?=[{''.join(map(re.escape, sorted(starts)))}])"
        rf"(?:(?P<prefix>{any_phrase(vocabulary.prefixes)})(?:{HYPHEN}\d{{2}})?{SPACES})?"
        rf"(?:(?P<sector_before>{sector}){SPACES})?"
        rf"(?P<noun>{listed_nouns})(?:(?<=\.){_S0}|{SPACES})"  # "No.5.516B" as well as "No. 5.516B"
        rf"(?:(?P<sector>{sector}){SPACES})?"
        rf"(?P<items>{item}(?:{separator}{later_item})*)"
        # Russian names the body or the treaty in the genitive, with no link word.
        rf"(?:{SPACES}(?:{any_phrase(vocabulary.link)}{SPACES})?(?P<body>{body}))?"
    )
    item_pattern = re.compile(
        rf"(?:(?P<sector>{sector}){SPACES})?"
        rf"(?P<number>{number})(?:{HYPHEN}(?P<version>\d+))?(?!\w)(?:{_S0}{edition})?"
    )
    numbers = rf"(?P<numbers>\d+(?:{separator}\d+)*)(?!\w)"
    study_group = re.compile(
        rf"(?:(?P<sector>{sector}){SPACES})?"
        rf"(?P<noun>{any_phrase(nouns['Study Group'])}){SPACES}{numbers}"
    )
    question = re.compile(
        rf"(?P<noun>{any_phrase(nouns['Question'])}){SPACES}(?P<number>\d+(?:bis)?/\d+)"
    )
    document = re.compile(
        rf"(?P<noun>{any_phrase(nouns['Document'])}){SPACES}(?P<number>[A-Z]*\d[\w/.\-]*\w|\d)"
    )
    year_suffix = any_phrase(vocabulary.year_suffixes)
    place = rf"{_PLACE},{_S0}(?:19|20)\d{{2}}(?:{_S0}{year_suffix})?"
    short_form = rf"(?i:{any_phrase(vocabulary.short_forms)}){HYPHEN}\d{{2}}"
    edition_in_metadata = re.compile(
        rf"\((?:{any_phrase(vocabulary.revision, case=False)}{_S0})?"
        rf"(?:{place}(?:;{_S0}{place})*|{short_form})\)"
        # The years of an ITU-R text's history line: "(1993-1995-2000-2019)".
        rf"|\((?:19|20)\d{{2}}(?:{HYPHEN}(?:19|20)\d{{2}})*\)"
        # The version of "RESOLUTION ITU-R 2-8", "RECOMMENDATION ITU-R M.1036-6".
        rf"|(?P<kept>{sector}{SPACES}(?:[A-Z]{{1,3}}\.)?\d+(?:\.\d+)*){HYPHEN}\d+(?!\w)"
    )
    cue_words = {kind: {_cue(word) for word in words} for kind, words in nouns.items()}
    cue_words["listed"] = {cue for kind in _LISTED_KINDS for cue in cue_words.get(kind, ())}
    cue_words["any"] = {cue for cues in cue_words.values() for cue in cues}
    words_of = {name: frozenset(words) for name, words in cue_words.items()}
    return CitationGrammar(
        listed,
        item_pattern,
        study_group,
        question,
        document,
        edition_in_metadata,
        _CuePatterns(words_of),
        words_of,
        vocabulary,
    )


class _CuePatterns(dict[str, re.Pattern[str]]):
    """The cue pattern of each name of `cue_words`, compiled when first read: one scan with
    "any" tells which others have something to find, so most are never needed (3 ms saved)."""

    def __init__(self, cue_words: dict[str, frozenset[str]]) -> None:
        super().__init__()
        self.cue_words = cue_words

    def __missing__(self, name: str) -> re.Pattern[str]:
        words = [re.escape(word) for word in sorted(self.cue_words[name])]
        pattern = self[name] = re.compile(_by_first_letter(words) or "(?!)")
        return pattern


@functools.cache
def noun_kinds() -> dict[str, str]:
    """Each noun as written → its kind; in capitals too, as headings and number lines write it
    ("ANNEX A TO RESOLUTION 1 (REV. HAMMAMET, 2016)"), where prose never does."""
    kinds = citation_vocabulary().kinds
    return {**{word.upper(): kind for word, kind in kinds.items()}, **kinds}


def _cue(word: str) -> str:
    """The longest piece of `word` that any written form of it holds (spaces may vary)."""
    return max(re.split(r"[\s-]", word), key=len)


# --------------------------------------------------------------------------------------------
# Finding
