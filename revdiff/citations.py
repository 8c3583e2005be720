"""References to other ITU texts inside a clause: found, parsed, compared and described.

"Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference" is a Citation of kind
"Resolution", number "196", body "PP", revised, place "Dubai", year 2018. Alignment uses shared
citations as evidence of a pair; classification uses them to tell a citation update (the same
text cited in another edition) from a change of substance (another text cited, or other words).

The words are data: the ``[citations]`` table (and the Sectors, revision words and bodies) of
every language file under ``revdiff/data/lang/``, merged.
"""

from __future__ import annotations

import functools
import operator
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from revdiff.language import language_tables
from revdiff.model import Citation, CitationUpdate
from revdiff.records import quick_init
from revdiff.structure.grammar import grammar

# Tolerant pieces: real texts put no-break spaces and non-breaking hyphens inside citations.
_SPACE = "[ \t\u00a0\u202f]"
_S = _SPACE + "+"  # at least one space of any kind
_S0 = _SPACE + "*"
_H = r"[-\u2010\u2011\u2013]"  # a hyphen of any kind


# --------------------------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True, slots=True)
class _Vocabulary:
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
def _vocabulary() -> _Vocabulary:
    # The structure stage reads the same files for the number line: its merged words are ours.
    shared = grammar()
    files = [data for _, data in language_tables()]

    def words(key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in _merged(files, "citations", key))

    found = _merged(files, "citations", "kinds")
    kinds = {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}
    return _Vocabulary(
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


def _any(phrases: Iterable[str], *, case: bool = True) -> str:
    """An alternation of `phrases`, longest first, tolerant of the spaces and hyphens inside."""
    alternatives = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts = [re.escape(word) for word in phrase.split()]
        alternatives.append(_H.join(_S.join(parts).split(r"\-")))
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
_PROVISION_KINDS = frozenset({"Article", "Appendix", "No."})


@dataclass(frozen=True, slots=True)
class _Grammar:
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
    vocabulary: _Vocabulary


# A conference's place: "Dubai", "Buenos Aires", "Sharm el-Sheikh", "Dubaï", "Дубай".
_PLACE = r"[^\W\d_]+(?:[ \u00a0'\-][^\W\d_]+)*"


def _edition(vocabulary: _Vocabulary) -> str:
    """ "(Rev. Dubai, 2018)", "(Busan, 2014)", "(Rev.WRC-19)", "(WRC-12)", and the dates of an
    ITU-T Recommendation or a Council resolution: "(11/2010)", "(2009)", "(modified 2016)"."""
    revision = f"(?P<rev>{_any(vocabulary.revision, case=False)}{_S0})?"
    year = rf"(?P<year>(?:19|20)\d{{2}})(?:{_S0}{_any(vocabulary.year_suffixes)})?"
    place = rf"(?P<place>{_PLACE})[,،]{_S0}{year}"  # "،": the Arabic comma
    conference = f"(?P<conference>{_any(vocabulary.short_forms)}{_H}\\d{{2}})"
    amended = _any(vocabulary.amended, case=False)
    date = rf"(?P<date>(?:0[1-9]|1[0-2])/(?:19|20)\d{{2}}|(?:{amended}{_S})?(?:19|20)\d{{2}})"
    return rf"\({revision}(?:{place}|{conference}|{date})\)"


def _unnamed(pattern: str) -> str:
    """`pattern` without its group names, to be repeated inside a larger one."""
    return re.sub(r"\?P<\w+>", "?:", pattern)


def _number(vocabulary: _Vocabulary) -> str:
    """A number: "196", "1bis", "30B", "5.516B", "E.164", "SM.1138", "G.8261/Y.1361"."""
    suffix = _any(vocabulary.suffixes)
    series = r"(?:[A-Z]{1,3}\.)?"  # the letters of a Recommendation's series: "E.", "SM."
    return rf"{series}\d+(?:\.\d+)*[A-Z]{{0,2}}(?:/[A-Z]{{1,3}}\.\d+)?(?:[ \u00a0]?{suffix})?"


@functools.cache
def _grammar() -> _Grammar:
    vocabulary = _vocabulary()
    nouns: dict[str, list[str]] = defaultdict(list)
    for word, kind in _kinds().items():
        nouns[kind].append(word)
    listed_nouns = _any(w for kind in _LISTED_KINDS for w in nouns[kind])
    sector = _any(vocabulary.sectors)
    conjunction = _any(vocabulary.conjunctions)
    separator = rf"(?:{_S0},{_S0}(?:{conjunction}{_S})?|{_S}{conjunction}{_S})"
    edition = _edition(vocabulary)
    # A version ("-6" of M.1036-6, "-7" of Resolution ITU-R 2-7) only after a Sector: elsewhere
    # "Resolutions 1-5" is a range.
    version = rf"(?(sector)(?:{_H}\d+)?|(?(sector_before)(?:{_H}\d+)?))"
    number = _number(vocabulary)
    item = rf"{number}{version}(?!\w)(?:{_S0}{_unnamed(edition)})?"
    # "Recommendations ITU-R P.527-3 and ITU-R P.527-4": a later number may repeat the Sector.
    later_item = rf"(?:{sector}{_S})?{item}"
    body = _any((*vocabulary.bodies, *vocabulary.instruments), case=False)
    # A match starts with a prefix, a Sector or the noun, each a case-sensitive phrase: looking
    # ahead for one of their first letters lets the scan skip every other position at once (the
    # alternations are tried nowhere else; six times faster, the same matches).
    starts = {phrase[:1] for phrase in (*vocabulary.prefixes, *vocabulary.sectors)}
    starts |= {word[:1] for kind in _LISTED_KINDS for word in nouns[kind]}
    listed = re.compile(
        rf"(?=[{''.join(map(re.escape, sorted(starts)))}])"
        rf"(?:(?P<prefix>{_any(vocabulary.prefixes)})(?:{_H}\d{{2}})?{_S})?"
        rf"(?:(?P<sector_before>{sector}){_S})?"
        rf"(?P<noun>{listed_nouns})(?:(?<=\.){_S0}|{_S})"  # "No.5.516B" as well as "No. 5.516B"
        rf"(?:(?P<sector>{sector}){_S})?"
        rf"(?P<items>{item}(?:{separator}{later_item})*)"
        # Russian names the body or the treaty in the genitive, with no link word.
        rf"(?:{_S}(?:{_any(vocabulary.link)}{_S})?(?P<body>{body}))?"
    )
    item_pattern = re.compile(
        rf"(?:(?P<sector>{sector}){_S})?"
        rf"(?P<number>{number})(?:{_H}(?P<version>\d+))?(?!\w)(?:{_S0}{edition})?"
    )
    numbers = rf"(?P<numbers>\d+(?:{separator}\d+)*)(?!\w)"
    study_group = re.compile(
        rf"(?:(?P<sector>{sector}){_S})?(?P<noun>{_any(nouns['Study Group'])}){_S}{numbers}"
    )
    question = re.compile(rf"(?P<noun>{_any(nouns['Question'])}){_S}(?P<number>\d+(?:bis)?/\d+)")
    document = re.compile(
        rf"(?P<noun>{_any(nouns['Document'])}){_S}(?P<number>[A-Z]*\d[\w/.\-]*\w|\d)"
    )
    year_suffix = _any(vocabulary.year_suffixes)
    place = rf"{_PLACE},{_S0}(?:19|20)\d{{2}}(?:{_S0}{year_suffix})?"
    short_form = rf"(?i:{_any(vocabulary.short_forms)}){_H}\d{{2}}"
    edition_in_metadata = re.compile(
        rf"\((?:{_any(vocabulary.revision, case=False)}{_S0})?"
        rf"(?:{place}(?:;{_S0}{place})*|{short_form})\)"
        # The years of an ITU-R text's history line: "(1993-1995-2000-2019)".
        rf"|\((?:19|20)\d{{2}}(?:{_H}(?:19|20)\d{{2}})*\)"
        # The version of "RESOLUTION ITU-R 2-8", "RECOMMENDATION ITU-R M.1036-6".
        rf"|(?P<kept>{sector}{_S}(?:[A-Z]{{1,3}}\.)?\d+(?:\.\d+)*){_H}\d+(?!\w)"
    )
    cue_words = {kind: {_cue(word) for word in words} for kind, words in nouns.items()}
    cue_words["listed"] = {cue for kind in _LISTED_KINDS for cue in cue_words.get(kind, ())}
    cue_words["any"] = {cue for cues in cue_words.values() for cue in cues}
    words_of = {name: frozenset(words) for name, words in cue_words.items()}
    return _Grammar(
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
def _kinds() -> dict[str, str]:
    """Each noun as written → its kind; in capitals too, as headings and number lines write it
    ("ANNEX A TO RESOLUTION 1 (REV. HAMMAMET, 2016)"), where prose never does."""
    kinds = _vocabulary().kinds
    return {**{word.upper(): kind for word, kind in kinds.items()}, **kinds}


def _cue(word: str) -> str:
    """The longest piece of `word` that any written form of it holds (spaces may vary)."""
    return max(re.split(r"[\s-]", word), key=len)


# --------------------------------------------------------------------------------------------
# Finding


@quick_init
@dataclass(frozen=True, slots=True)
class _Found:
    """A citation and where it stands: its start, and the slot its edition fills (empty when
    none is written: an edition may be added there)."""

    start: int
    citation: Citation
    slot: tuple[int, int] | None = None


# Sized for two documents at MAX_CLAUSES: the comparison reads every clause's citations more than
# once (bodies, alignment, classification), and a smaller cache is emptied between the readings.
@functools.lru_cache(maxsize=131_072)
def _found_in(text: str) -> tuple[_Found, ...]:
    """Every citation of `text` with its place, in order of appearance."""
    grammar = _grammar()
    # One scan for every cue word at once (most clauses hold none and cite nothing); each
    # pattern then runs only if its cue is in the text.
    words = grammar.cues["any"].findall(text)
    if not words:
        return ()
    present = _cue_groups(grammar, text, words)
    found: list[_Found] = []
    if "listed" in present:
        for match in grammar.listed.finditer(text):
            found.extend(_listed(match, grammar))
    if "Study Group" in present:
        for match in grammar.study_group.finditer(text):
            sector = _plain(match.group("sector")) if match.group("sector") else None
            for number in _split_numbers(match.group("numbers")):
                found.append(
                    _Found(match.start(), Citation(match.group(0), "Study Group", number, sector))
                )
    for pattern, kind in ((grammar.question, "Question"), (grammar.document, "Document")):
        if kind in present:
            for match in pattern.finditer(text):
                found.append(
                    _Found(match.start(), Citation(match.group(0), kind, match.group("number")))
                )
    if "号" in text:
        found.extend(_number_first(text, grammar.vocabulary))
    if len(found) > 1:
        found.sort(key=_START)  # a stable sort: at the same start, in the order found
    return tuple(found)


_START = operator.attrgetter("start")


def _cue_groups(grammar: _Grammar, text: str, words: list[str]) -> frozenset[str]:
    """The names of the cue patterns (grammar.cues) that find something in `text`, given the
    cue words one scan found in it."""
    sure, unsure = _cue_groups_of(frozenset(words))
    if not unsure:  # nearly always
        return sure
    return sure | {group for group in unsure if grammar.cues[group].search(text)}


@functools.lru_cache(maxsize=4096)
def _cue_groups_of(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The cue patterns sure to find something in a text where one scan found `words`, and
    those that may: a scan finds no cue word that overlaps one it found ("NO." in
    "RESOLUTIONO."), so the patterns of the cue words that can overlap those may find one."""
    sure: set[str] = set()
    unsure: set[str] = set()
    for word in words:
        sure |= _groups_of_cue()[word]
        unsure |= _overlapping_groups(word)
    return frozenset(sure), frozenset(unsure - sure)


@functools.cache
def _groups_of_cue() -> dict[str, frozenset[str]]:
    """Each cue word → the names of the cue patterns that hold it."""
    groups: dict[str, set[str]] = defaultdict(set)
    for name, words in _grammar().cue_words.items():
        for word in words if name != "any" else ():
            groups[word].add(name)
    return {word: frozenset(names) for word, names in groups.items()}


@functools.cache
def _overlapping_groups(word: str) -> frozenset[str]:
    """The names of the cue patterns holding a cue word that can overlap `word` in a text: one
    starting at or inside `word` whose characters agree with it where the two meet."""
    groups: set[str] = set()
    for other, names in _groups_of_cue().items():
        for start in range(len(word)):
            rest = word[start:]
            if (start or other != word) and (other.startswith(rest) or rest.startswith(other)):
                groups |= names
                break
    return frozenset(groups)


# Chinese puts the number before the noun and the year before the place: "第154号决议(2006年,
# 安塔利亚)", "第66号决议(1998年,明尼阿波利斯,修订版)", "第123号决议(2018年,修订版,迪拜)".
_NUMBER_FIRST = re.compile(
    r"(?:(?P<sector>ITU-[RTD])\s*)?第\s*(?P<number>\d+(?:-\d+)?)\s*号(?P<noun>决议|决定|意见)"
    r"(?P<edition>\s*[(（]\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?P<parts>(?:[,，、][^()（）]{1,40})?)"
    r"[)）])?"
)
_NUMBER_FIRST_KINDS = {"决议": "Resolution", "决定": "Decision", "意见": "Opinion"}


def _number_first(text: str, vocabulary: _Vocabulary) -> Iterator[_Found]:
    for match in _NUMBER_FIRST.finditer(text):
        parts = [p.strip() for p in re.split(r"[,，、]", match.group("parts") or "") if p.strip()]
        revised = any(p in vocabulary.revision for p in parts)
        places = [p for p in parts if p not in vocabulary.revision]
        sector = match.group("sector")
        number = match.group("number")
        citation = Citation(
            text=match.group(0),
            kind=_NUMBER_FIRST_KINDS[match.group("noun")],
            number=f"{sector} {number}" if sector else number,
            revised=revised,
            place=places[0] if places else None,
            year=int(match.group("year")) if match.group("year") else None,
        )
        slot = match.span("edition") if match.group("edition") else (match.end(), match.end())
        yield _Found(match.start(), citation, slot)


def _listed(match: re.Match[str], grammar: _Grammar) -> Iterator[_Found]:
    """One citation per number of a list, each with its own edition or the next one written:
    "Resolutions 64, 69 and 72 (Rev. Hammamet, 2016)" shares it, "Resolutions 130 (Rev. Busan,
    2014) and 174 (Busan, 2014)" does not."""
    kind = _kind_of_noun(match.group("noun"))
    sector = match.group("sector") or match.group("sector_before")
    body = _body(match.group("body"), match.group("prefix"))
    text, start, offset = match.group(0), match.start(), match.start("items")
    items = list(grammar.item.finditer(match.group("items")))
    edition: dict[str, Any] = {}
    found: list[_Found] = []
    for item in reversed(items):
        if any(item.group("rev", "place", "conference", "date")):
            edition = _edition_fields(item)
        number, item_sector, version = item.group("number", "sector", "version")
        if not number.isalnum():  # a space is neither: "2 ter" is 2ter
            number = _ANY_SPACES.sub("", number)
        item_sector = item_sector or sector
        if item_sector:
            number = f"{_plain(item_sector)} {number}"
        if edition or version:
            fields = dict(edition)
            if version:
                fields["version"] = version
            # "(Rev.WRC-19)" names the body that adopted a resolution, not the one an Appendix
            # of the Radio Regulations belongs to.
            if fields.get("conference") and body is None and kind not in _PROVISION_KINDS:
                fields["body"] = _HYPHEN.split(fields["conference"])[0]
            citation = Citation(text=text, kind=kind, number=number, **{"body": body, **fields})
        else:  # most items: the number alone
            citation = Citation(text, kind, number, body)
        found.append(_Found(start, citation, (offset + item.end("number"), offset + item.end())))
    return reversed(found)


@functools.cache
def _kind_of_noun(noun: str) -> str:
    """The kind a noun as written names (a few dozen nouns, read again in every citation)."""
    return _kinds()[_space(noun)]


def _edition_fields(item: re.Match[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"revised": bool(item.group("rev"))}
    if item.group("place"):
        fields["place"] = _space(item.group("place"))
        fields["year"] = int(item.group("year"))
    elif item.group("conference"):
        fields["conference"] = _plain(_space(item.group("conference")))
    else:
        fields["version"] = item.group("date")
    return fields


def find_citations(text: str) -> tuple[Citation, ...]:
    """Every citation in `text`, in order of appearance.

    A list ("Resolutions 2 and 3 (…)", "Study Groups 2, 11 and 12") gives one Citation per
    number, each with the whole list as `text`.

    >>> [(c.kind, c.number, c.body, c.edition) for c in find_citations(
    ...     "Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference")]
    [('Resolution', '196', 'PP', 'Rev. Dubai, 2018')]
    >>> [(c.kind, c.number, c.edition) for c in find_citations(
    ...     "Resolution 1 (Rev.WRC-19) and Recommendation ITU-R SM.1138-2")]
    [('Resolution', '1', 'Rev.WRC-19'), ('Recommendation', 'ITU-R SM.1138', '2')]
    """
    found = _found_in(text)
    return tuple(f.citation for f in found) if found else ()  # most texts cite nothing


_NUMBER_SEPARATOR = re.compile(r"[^\w]+(?:[^\W\d]+[^\w]+)?")
_ANY_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_HYPHEN = re.compile(_H)


def _split_numbers(numbers: str) -> list[str]:
    return [part for part in _NUMBER_SEPARATOR.split(numbers) if part]


def _space(text: str) -> str:
    return _ANY_SPACES.sub(" ", text).strip()


def _plain(sector: str) -> str:
    return _HYPHEN.sub("-", sector)


def _body(name: str | None, prefix: str | None) -> str | None:
    if name:
        spaced = _space(name)
        # A body's name gives its abbreviation; an instrument ("Radio Regulations") is itself.
        return _folded_bodies().get(spaced.casefold(), spaced)
    if prefix:
        return _HYPHEN.split(prefix)[0]
    return None


@functools.cache
def _folded_bodies() -> dict[str, str]:
    bodies = _vocabulary().bodies.items()
    return {_space(name).casefold(): abbreviation for name, abbreviation in bodies}


# --------------------------------------------------------------------------------------------
# Comparing and describing


def citation_key(citation: Citation) -> tuple[str, str]:
    """What identifies the text cited, whatever its edition: kind and number."""
    return citation.kind, citation.number


def _edition_key(citation: Citation) -> tuple[object, ...]:
    return (citation.revised, citation.place, citation.year, citation.conference, citation.version)


def match_citation_updates(
    old: Iterable[Citation], new: Iterable[Citation]
) -> tuple[CitationUpdate, ...]:
    """The citations of the same text whose edition changed between two versions of a clause:
    Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018), Recommendation ITU-R SM.1138-2 → -3.

    A different number is a different text (Resolution 196 → 169, Study Group 2 → 12): that is
    no update, and the change that makes it is one of substance.
    """
    news: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for citation in new:
        news[citation_key(citation)].append(citation)
    olds: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for citation in old:
        olds[citation_key(citation)].append(citation)
    # The n-th citation of a text pairs with its n-th citation on the other side ("Recommendations
    # ITU-R P.527-3 and ITU-R P.527-4" cites two editions); the same update is told once.
    updates: dict[tuple[object, ...], CitationUpdate] = {}
    for key, cited in olds.items():
        for before, after in zip(cited, news.get(key, ()), strict=False):
            if _edition_key(before) != _edition_key(after):
                told = (key, _edition_key(before), _edition_key(after))
                updates.setdefault(told, CitationUpdate(before, after))
    return tuple(updates.values())


def _written(citation: Citation) -> str:
    """Kind, number and version as ITU writes them: ``Recommendation ITU-R M.1036-6``."""
    version = citation.version if not (citation.place or citation.conference) else None
    if version is None:
        return f"{citation.kind} {citation.number}"
    if version.isdigit() and len(version) < 4:  # "-6": a year has four digits
        return f"{citation.kind} {citation.number}-{version}"
    return f"{citation.kind} {citation.number} ({version})"  # "(11/2010)", "(modified 2016)"


def _named_edition(citation: Citation) -> str | None:
    return citation.edition if citation.place or citation.conference else None


def describe_citation(citation: Citation) -> str:
    """``PP Resolution 196 (Rev. Dubai, 2018)``, ``ITU-T Study Group 3``, ``No. 5.516B of the
    Radio Regulations``, ``Recommendation ITU-R M.1036-6``."""
    written = _written(citation)
    edition = _named_edition(citation)
    dated = f"{written} ({edition})" if edition else written
    if citation.kind in _PROVISION_KINDS and citation.body:
        return f"{dated} of the {citation.body}"
    if citation.body and citation.kind != "Recommendation":
        return f"{citation.body} {dated}"
    return dated


def describe_citation_update(update: CitationUpdate) -> str:
    """One line saying what changed in a citation, for reports and redline comments.

    >>> old = find_citations("Resolution 196 (Busan, 2014) of the Plenipotentiary Conference")
    >>> new = find_citations("Resolution 196 (Rev. Dubai, 2018)")
    >>> describe_citation_update(CitationUpdate(old[0], new[0]))
    'citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)'
    """
    old, new = update.old, update.new
    if old.version or new.version:
        return f"citation updated: {describe_citation(old)} → {describe_citation(new)}"
    named = describe_citation(replace(old, body=old.body or new.body, place=None, conference=None))
    before = f"({old.edition})" if old.edition else "(no edition)"
    after = f"({new.edition})" if new.edition else "(no edition)"
    return f"citation updated: {named} {before} → {after}"


# --------------------------------------------------------------------------------------------
# Masking

# Stands for an edition, written or not: texts that differ only in editions mask alike.
_EDITION_MARK = "\u2063edition\u2063"


def mask_citations(text: str) -> str:
    """`text` with every edition of a cited text replaced by one mark, and the mark added where
    a cited text has no edition. Two texts whose masks are editorially equal differ at most in
    the editions of the texts they cite; a number or another word changed still shows."""
    slots = [f.slot for f in _found_in(text) if f.slot is not None]
    if not slots:
        return text
    out: list[str] = []
    position = 0
    for start, end in sorted(slots):
        if start < position:  # overlapping matches: the first one wins
            continue
        out.append(text[position:start])
        out.append(_EDITION_MARK)
        position = end
    out.append(text[position:])
    return "".join(out)


def mask_assembly_editions(text: str) -> str:
    """`text` with every parenthesised assembly place and year ("(Rev. Geneva, 2022)",
    "(Hammamet, 2016; Geneva, 2022)", "(REV.WRC-15)", "(1993-2019)") and every version of an
    ITU-R text ("-8" of "RESOLUTION ITU-R 2-8") replaced by a mark: what a metadata line's
    citation change may change."""
    return _grammar().edition_in_metadata.sub(_mark_metadata_edition, mask_citations(text))


def _mark_metadata_edition(match: re.Match[str]) -> str:
    return (match.group("kept") or "") + _EDITION_MARK


def citation_bodies(texts: Iterable[str]) -> dict[tuple[str, str], str]:
    """The body each cited text belongs to, where some citation of it says and none disagrees:
    lets "Resolution 196 (Busan, 2014)" be described as PP Resolution 196 when another clause
    cites "Resolution 196 (…) of the Plenipotentiary Conference"."""
    bodies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for text in texts:
        for citation in find_citations(text):
            if citation.body and citation.kind in _EDITION_KINDS:
                bodies[citation_key(citation)].add(citation.body)
    return {key: next(iter(found)) for key, found in bodies.items() if len(found) == 1}


# Kinds an assembly adopts, whose body the text may leave unsaid.
_EDITION_KINDS = frozenset({"Resolution", "Opinion", "Decision"})


def with_known_body(citation: Citation, bodies: dict[tuple[str, str], str]) -> Citation:
    """`citation` with its body filled in from `bodies` when the text itself does not say."""
    if citation.body is not None:
        return citation
    body = bodies.get(citation_key(citation))
    return citation if body is None else replace(citation, body=body)
