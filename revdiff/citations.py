"""References to other ITU texts inside a clause: found, parsed, compared and described.

"Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference" is a Citation of kind
"Resolution", number "196", body "PP", revised, place "Dubai", year 2018. Alignment uses shared
citations as evidence of a pair; classification uses them to tell a citation update (the same
text cited in another edition) from a change of substance (another text cited, or other words).

The words are data: the ``[citations]`` table (and the Sectors, revision words and bodies) of
every language file under ``revdiff/data/lang/``, merged; `revdiff.citation_grammar` makes the
patterns of them.
"""

from __future__ import annotations

import functools
import operator
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from revdiff.citation_grammar import (
    HYPHEN,
    PROVISION_KINDS,
    CitationGrammar,
    CitationVocabulary,
    citation_grammar,
    citation_vocabulary,
    noun_kinds,
)
from revdiff.model import Citation, CitationUpdate
from revdiff.records import quick_init


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
    grammar = citation_grammar()
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


def _cue_groups(grammar: CitationGrammar, text: str, words: list[str]) -> frozenset[str]:
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
    for name, words in citation_grammar().cue_words.items():
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


def _number_first(text: str, vocabulary: CitationVocabulary) -> Iterator[_Found]:
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


def _listed(match: re.Match[str], grammar: CitationGrammar) -> Iterator[_Found]:
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
            if fields.get("conference") and body is None and kind not in PROVISION_KINDS:
                fields["body"] = _HYPHEN.split(fields["conference"])[0]
            citation = Citation(text=text, kind=kind, number=number, **{"body": body, **fields})
        else:  # most items: the number alone
            citation = Citation(text, kind, number, body)
        found.append(_Found(start, citation, (offset + item.end("number"), offset + item.end())))
    return reversed(found)


@functools.cache
def _kind_of_noun(noun: str) -> str:
    """The kind a noun as written names (a few dozen nouns, read again in every citation)."""
    return noun_kinds()[_space(noun)]


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
_HYPHEN = re.compile(HYPHEN)


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
    bodies = citation_vocabulary().bodies.items()
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
    if citation.kind in PROVISION_KINDS and citation.body:
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
    return citation_grammar().edition_in_metadata.sub(_mark_metadata_edition, mask_citations(text))


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
