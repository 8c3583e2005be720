"""References to other ITU texts inside a clause: found, parsed, compared and described.

"Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference" is a Citation of kind
"Resolution", number "196", body "PP", revised, place "Dubai", year 2018. Alignment uses shared
citations as evidence of a pair; classification uses them to tell a citation update from a change
of substance.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from revdiff.model import Citation, CitationUpdate

# Tolerant pieces: real texts put no-break spaces and non-breaking hyphens inside citations.
_S = r"[ \t\u00a0\u202f]+"  # at least one space of any kind
_S0 = r"[ \t\u00a0\u202f]*"
_H = r"[-\u2010\u2011\u2013]"  # a hyphen of any kind

# The bodies ITU texts name after "of the", and the abbreviations written before "Resolution".
BODY_NAMES: dict[str, str] = {
    "plenipotentiary conference": "PP",
    "world telecommunication development conference": "WTDC",
    "world telecommunication standardization assembly": "WTSA",
    "world radiocommunication conference": "WRC",
    "radiocommunication assembly": "RA",
    "world conference on international telecommunications": "WCIT",
    "telecommunication standardization advisory group": "TSAG",
    "council": "Council",
}
_BODY_WORDS = "|".join(
    _S.join(re.escape(w) for w in name.split())
    for name in sorted(BODY_NAMES, key=len, reverse=True)
)
_BODY_PREFIX = r"(?:PP|WTSA|WTDC|WRC|RA|TSAG|WCIT)(?:" + _H + r"\d{2})?"

# "(Rev. Dubai, 2018)", "(Busan, 2014)", "(Rev.Buenos Aires, 2017)"
_EDITION = (
    r"\((?P<rev>Rev\.?" + _S0 + r")?(?P<place>[A-Z][^\W\d_]*(?:[ \u00a0'\-][A-Za-z][^\W\d_]*)*)"
    r"," + _S0 + r"(?P<year>(?:19|20)\d{2})\)"
)
_NUMBER = r"\d+(?:[A-Z]|" + _S0 + r"bis|" + _S0 + r"ter)?(?!\w)"
_NUMBERS = (
    r"(?P<numbers>"
    + _NUMBER
    + r"(?:"
    + _S0
    + r","
    + _S0
    + _NUMBER
    + r")*(?:"
    + _S0
    + r",?"
    + _S
    + r"(?:and|or)"
    + _S
    + _NUMBER
    + r")?)"
)

_RESOLUTION = re.compile(
    r"(?:(?P<prefix>" + _BODY_PREFIX + r")" + _S + r")?"
    r"(?P<kind>Resolution|Opinion|Decision)s?"
    + _S
    + r"(?:(?P<sector>ITU"
    + _H
    + r"[RTD])"
    + _S
    + r")?"
    + _NUMBERS
    + r"(?:"
    + _S0
    + _EDITION
    + r")?"
    r"(?:" + _S + r"of" + _S + r"the" + _S + r"(?P<body>(?i:" + _BODY_WORDS + r")))?",
)
_RECOMMENDATION = re.compile(
    r"(?P<kind>Recommendation)s?"
    + _S
    + r"(?P<sector>ITU"
    + _H
    + r"[RTD])"
    + _S
    + r"(?P<number>[A-Z]{1,3}\.\d+(?:\.\d+)*(?:/[A-Z]\.\d+)?)",
)
_STUDY_GROUP = re.compile(
    r"(?:(?P<sector>ITU"
    + _H
    + r"[RTD])"
    + _S
    + r")?(?P<kind>Study"
    + _S
    + r"Group)s?"
    + _S
    + _NUMBERS,
)
_QUESTION = re.compile(r"(?P<kind>Question)s?" + _S + r"(?P<number>\d+(?:bis)?/\d+)")
_DOCUMENT = re.compile(r"(?P<kind>Document)" + _S + r"(?P<number>[A-Z]*\d[\w/.\-]*\w|\d)")
_ARTICLE = re.compile(
    r"(?P<kind>Article|No\.)"
    + _S0
    + r"(?P<number>\d+[A-Z]?)"
    + r"(?:"
    + _S
    + r"of"
    + _S
    + r"the"
    + _S
    + r"(?P<body>Constitution|Convention|Radio"
    + _S
    + r"Regulations|International"
    + _S
    + r"Telecommunication"
    + _S
    + r"Regulations))?",
)

# The patterns of the kinds a number identifies, each with the words it cannot match without
# (one of two: a pattern with a single such word repeats it).
_NUMBER_PATTERNS = (
    (_QUESTION, "Question", "Question"),
    (_DOCUMENT, "Document", "Document"),
    (_ARTICLE, "Article", "No."),
)
_NUMBER_KIND_PATTERNS = (
    (_RECOMMENDATION, "Recommendation", "Recommendation"),
    (_STUDY_GROUP, "Group", "Group"),
    *_NUMBER_PATTERNS,
)

# Kinds whose editions (place, year) are what a revision updates; for the other kinds the number
# itself is what changes when the reference is updated.
EDITION_KINDS = frozenset({"Resolution", "Opinion", "Decision"})


# Each pattern runs only on a text that holds a word it cannot match without: most clauses cite
# nothing, a clause that mentions "Recommendation" rarely mentions "Article" too, and a substring
# test is far cheaper than scanning the text with a pattern (this halves find_citations' time).
def _may_cite_resolution(text: str) -> bool:
    return "Resolution" in text or "Opinion" in text or "Decision" in text


@functools.lru_cache(maxsize=8192)
def find_citations(text: str) -> tuple[Citation, ...]:
    """Every citation in `text`, in order of appearance.

    A list ("Resolutions 2 and 3 (…)", "Study Groups 2, 11 and 12") gives one Citation per
    number, each with the whole list as `text` and the shared edition.

    >>> [(c.kind, c.number, c.body, c.edition) for c in find_citations(
    ...     "Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference")]
    [('Resolution', '196', 'PP', 'Rev. Dubai, 2018')]
    """
    found: list[tuple[int, int, Citation]] = []
    resolutions = _RESOLUTION.finditer(text) if _may_cite_resolution(text) else ()
    for match in resolutions:
        kind = match.group("kind").capitalize()
        body = _body(match.group("body"), match.group("prefix"))
        sector = match.group("sector")
        revised = bool(match.group("rev"))
        place = _space(match.group("place")) if match.group("place") else None
        year = int(match.group("year")) if match.group("year") else None
        for number in _split_numbers(match.group("numbers")):
            found.append(
                (
                    match.start(),
                    len(found),
                    Citation(
                        text=match.group(0),
                        kind=kind,
                        number=f"{_plain(sector)} {number}" if sector else number,
                        body=body,
                        revised=revised,
                        place=place,
                        year=year,
                    ),
                )
            )
    recommendations = _RECOMMENDATION.finditer(text) if "Recommendation" in text else ()
    for match in recommendations:
        number = f"{_plain(match.group('sector'))} {match.group('number')}"
        found.append(
            (match.start(), len(found), Citation(match.group(0), "Recommendation", number))
        )
    study_groups = _STUDY_GROUP.finditer(text) if "Group" in text else ()
    for match in study_groups:
        sector = _plain(match.group("sector")) if match.group("sector") else None
        for number in _split_numbers(match.group("numbers")):
            citation = Citation(match.group(0), "Study Group", number, body=sector)
            found.append((match.start(), len(found), citation))
    for pattern, cue, other_cue in _NUMBER_PATTERNS:
        if cue not in text and other_cue not in text:
            continue
        for match in pattern.finditer(text):
            kind = "No." if match.group("kind") == "No." else match.group("kind")
            body = _space(match.groupdict().get("body") or "") or None
            citation = Citation(match.group(0), kind, match.group("number"), body=body)
            found.append((match.start(), len(found), citation))
    if not found:
        return ()
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(citation for _, _, citation in found)


_NUMBER_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_SPACES = re.compile(r"\s+")
_ANY_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_HYPHEN = re.compile(_H)


def _split_numbers(numbers: str) -> list[str]:
    parts = _NUMBER_SEPARATOR.split(_space(numbers))
    return [_SPACES.sub("", p) for p in parts if p]


def _space(text: str) -> str:
    return _ANY_SPACES.sub(" ", text).strip()


def _plain(sector: str) -> str:
    return _HYPHEN.sub("-", sector)


def _body(name: str | None, prefix: str | None) -> str | None:
    if name:
        return BODY_NAMES.get(_space(name).casefold())
    if prefix:
        return _HYPHEN.split(prefix)[0].upper()
    return None


def citation_key(citation: Citation) -> tuple[str, str]:
    """What identifies the text cited, whatever its edition: kind and number."""
    return citation.kind, citation.number


def match_citation_updates(
    old: Iterable[Citation], new: Iterable[Citation]
) -> tuple[CitationUpdate, ...]:
    """The citations that changed between two versions of a clause.

    Same kind and number with a different edition is an update (Resolution 196 (Busan, 2014) →
    (Rev. Dubai, 2018)). Citations of a number kind (Recommendation, Study Group, Question,
    Document…) left over on both sides in equal numbers are paired in order: a changed
    reference number.
    """
    old_left = _unique(old)
    new_left = _unique(new)
    updates: list[CitationUpdate] = []
    by_key: dict[tuple[str, str], Citation] = {citation_key(c): c for c in new_left}
    matched_new: set[int] = set()
    still_old: list[Citation] = []
    for citation in old_left:
        partner = by_key.get(citation_key(citation))
        if partner is None:
            still_old.append(citation)
            continue
        matched_new.add(id(partner))
        if (citation.revised, citation.place, citation.year) != (
            partner.revised,
            partner.place,
            partner.year,
        ):
            updates.append(CitationUpdate(citation, partner))
    still_new = [c for c in new_left if id(c) not in matched_new]
    old_by_kind: dict[str, list[Citation]] = defaultdict(list)
    new_by_kind: dict[str, list[Citation]] = defaultdict(list)
    for citation in still_old:
        old_by_kind[citation.kind].append(citation)
    for citation in still_new:
        new_by_kind[citation.kind].append(citation)
    for kind, olds in old_by_kind.items():
        news = new_by_kind.get(kind, [])
        if kind not in EDITION_KINDS and len(olds) == len(news):
            updates.extend(CitationUpdate(o, n) for o, n in zip(olds, news, strict=True))
    return tuple(updates)


def _unique(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per kind and number (a text may cite the same resolution twice)."""
    seen: dict[tuple[str, str], Citation] = {}
    for citation in citations:
        seen.setdefault(citation_key(citation), citation)
    return list(seen.values())


def describe_citation(citation: Citation) -> str:
    """``PP Resolution 196 (Rev. Dubai, 2018)``, ``ITU-T Study Group 3``, ``Question 1/3``."""
    if citation.kind == "Recommendation":
        return f"Recommendation {citation.number}"
    if citation.kind in ("Article", "No."):
        of = f" of the {citation.body}" if citation.body else ""
        return f"{citation.kind} {citation.number}{of}"
    prefix = f"{citation.body} " if citation.body else ""
    edition = f" ({citation.edition})" if citation.edition else ""
    return f"{prefix}{citation.kind} {citation.number}{edition}"


def describe_citation_update(update: CitationUpdate) -> str:
    """One line saying what changed in a citation, for reports and redline comments.

    >>> old = find_citations("Resolution 196 (Busan, 2014) of the Plenipotentiary Conference")
    >>> new = find_citations("Resolution 196 (Rev. Dubai, 2018)")
    >>> describe_citation_update(CitationUpdate(old[0], new[0]))
    'citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)'
    """
    old, new = update.old, update.new
    if citation_key(old) == citation_key(new):
        body = old.body or new.body
        named = describe_citation(Citation(old.text, old.kind, old.number, body))
        before = f"({old.edition})" if old.edition else "(no edition)"
        after = f"({new.edition})" if new.edition else "(no edition)"
        return f"citation updated: {named} {before} → {after}"
    return f"citation updated: {describe_citation(old)} → {describe_citation(new)}"


def mask_citations(text: str, *, numbers: bool = True) -> str:
    """`text` with what a citation update may change replaced by a placeholder: the edition of
    a resolution-like citation, the whole reference for number kinds (Recommendation, Study
    Group, Question, Document, Article). Two texts whose masks are editorially equal differ at
    most in their citations. With `numbers` False only editions are masked: what alignment
    compares, since a reference number is good evidence of a pair."""
    spans: list[tuple[int, int, str]] = []
    resolutions = _RESOLUTION.finditer(text) if _may_cite_resolution(text) else ()
    for match in resolutions:
        if match.group("place"):
            start, end = match.span("place")
            # From the "(" before "Rev." or the place to the ")" after the year.
            open_paren = text.rfind("(", match.start(), start)
            close_paren = text.find(")", match.end("year"))
            spans.append((open_paren, close_paren + 1, "(\u2063edition\u2063)"))
    for pattern, cue, other_cue in _NUMBER_KIND_PATTERNS:
        if not numbers:
            break
        if cue not in text and other_cue not in text:
            continue
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end(), f"\u2063{match.group('kind')}\u2063"))
    if not spans:
        return text
    spans.sort()
    out: list[str] = []
    position = 0
    for start, end, placeholder in spans:
        if start < position:  # overlapping matches: the first one wins
            continue
        out.append(text[position:start])
        out.append(placeholder)
        position = end
    out.append(text[position:])
    return "".join(out)


_ASSEMBLY_EDITION = re.compile(
    r"\((?:Rev\.?"
    + _S0
    + r")?[A-Z][^\W\d_]*(?:[ \u00a0'\-][A-Za-z][^\W\d_]*)*,"
    + _S0
    + r"(?:19|20)\d{2}(?:;"
    + _S0
    + r"[A-Z][^\W\d_]*(?:[ \u00a0'\-][A-Za-z][^\W\d_]*)*,"
    + _S0
    + r"(?:19|20)\d{2})*\)"
)


def mask_assembly_editions(text: str) -> str:
    """`text` with every parenthesised assembly place and year ("(Rev. Geneva, 2022)",
    "(Hammamet, 2016; Geneva, 2022)") replaced by a placeholder: what a metadata line's
    citation change may change."""
    return _ASSEMBLY_EDITION.sub("(\u2063edition\u2063)", mask_citations(text))


def citation_bodies(texts: Iterable[str]) -> dict[tuple[str, str], str]:
    """The body each cited text belongs to, where some citation of it says and none disagrees:
    lets "Resolution 196 (Busan, 2014)" be described as PP Resolution 196 when another clause
    cites "Resolution 196 (…) of the Plenipotentiary Conference"."""
    bodies: dict[tuple[str, str], set[str]] = defaultdict(set)
    for text in texts:
        # Only a resolution, opinion or decision names its body, and most clauses cite none.
        if not _may_cite_resolution(text):
            continue
        for citation in find_citations(text):
            if citation.body and citation.kind in EDITION_KINDS:
                bodies[citation_key(citation)].add(citation.body)
    return {key: next(iter(found)) for key, found in bodies.items() if len(found) == 1}


def with_known_body(citation: Citation, bodies: dict[tuple[str, str], str]) -> Citation:
    """`citation` with its body filled in from `bodies` when the text itself does not say."""
    if citation.body is not None:
        return citation
    body = bodies.get(citation_key(citation))
    if body is None:
        return citation
    return Citation(
        citation.text,
        citation.kind,
        citation.number,
        body,
        citation.revised,
        citation.place,
        citation.year,
    )
