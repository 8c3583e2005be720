"""Shared Hypothesis strategies: clause-like texts and small resolutions built from model types.

Texts draw on a small vocabulary so that two draws share words, as two versions of a clause do,
plus the characters real ITU texts carry (no-break spaces, non-breaking hyphens, en dashes,
curly quotes, citations such as "Resolution 196 (Rev. Dubai, 2018)").
"""

from __future__ import annotations

from hypothesis import strategies as st

from revdiff.model import (
    Clause,
    Document,
    Metadata,
    Section,
    SectionKind,
    SourceFormat,
    SourceLocation,
)

WORDS = (
    "the",
    "of",
    "and",
    "to",
    "study",
    "groups",
    "users",
    "consumers",
    "telecommunication/ICT",
    "services",
    "protection",
    "quality",
    "within",
    "thirty",
    "sixty",
    "days",
    "ITU\u2011T",
    "ITU-T",
    "E.164",
    "1.3",
    "196",
    "2018",
    "b)bis",
    "Resolution\u00a0196 (Busan, 2014)",
    "Resolution 196 (Rev. Dubai, 2018)",
    "Study Group 3",
    "\u201cquoted\u201d",
    "e\u2011mail",
)
SEPARATORS = (" ", " ", " ", ", ", "; ", "\u00a0", "  ", "\t", " \u2013 ", "/", "")

words = st.sampled_from(WORDS)
separators = st.sampled_from(SEPARATORS)


@st.composite
def clause_texts(draw: st.DrawFn, max_words: int = 12) -> str:
    """A clause-like text from the shared vocabulary (may be empty)."""
    count = draw(st.integers(min_value=0, max_value=max_words))
    parts: list[str] = []
    for index in range(count):
        if index:
            parts.append(draw(separators))
        parts.append(draw(words))
    return "".join(parts) + draw(st.sampled_from(("", ";", ",", ".", "; and")))


# Anything at all, including private-use and astral characters (the diff maps tokens to
# private-use characters internally; input text using them must still round-trip).
any_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=60,
)


def mixed_texts() -> st.SearchStrategy[str]:
    return st.one_of(clause_texts(), any_texts)


SECTION_HEADINGS = ("recalling", "considering", "noting", "resolves", "instructs")


def build_document(
    sections: list[tuple[str, list[tuple[str | None, str]]]],
    *,
    source: str = "test.txt",
    metadata: Metadata | None = None,
) -> Document:
    """A Document from (heading, [(label, text), …]) lists, ids by label path as the parser
    makes them ("recalling/a"; unlabelled paragraphs "resolves/p1")."""
    built: list[Section] = []
    line = 1
    for heading, items in sections:
        section_id = heading.replace(" ", "-")
        line += 1
        clauses = []
        for position, (label, text) in enumerate(items, start=1):
            line += 1
            key = label.rstrip(").").strip("(") if label else f"p{position}"
            clauses.append(
                Clause(
                    id=f"{section_id}/{key}",
                    section_id=section_id,
                    label=label,
                    text=text,
                    location=SourceLocation(source, line),
                )
            )
        kind = (
            SectionKind.OPERATIVE
            if heading.startswith(("resolves", "instructs"))
            else (SectionKind.PREAMBLE)
        )
        built.append(Section(section_id, heading, kind, tuple(clauses)))
    return Document(source, SourceFormat.TEXT, metadata or Metadata(), tuple(built))


LETTERS = "abcdefghijklmnop"


@st.composite
def documents(draw: st.DrawFn, max_sections: int = 3, max_clauses: int = 6) -> Document:
    """A small resolution: lettered clauses under a few call headings."""
    headings = draw(
        st.lists(st.sampled_from(SECTION_HEADINGS), min_size=0, max_size=max_sections, unique=True)
    )
    sections = []
    for heading in headings:
        texts = draw(st.lists(clause_texts(), min_size=0, max_size=max_clauses))
        sections.append((heading, [(f"{LETTERS[i]})", t) for i, t in enumerate(texts)]))
    return build_document(sections)


@st.composite
def revised_documents(draw: st.DrawFn) -> tuple[Document, Document]:
    """A document and a revision of it: clauses reworded, inserted, deleted, moved, relettered."""
    headings = draw(
        st.lists(st.sampled_from(SECTION_HEADINGS), min_size=1, max_size=3, unique=True)
    )
    old_sections: list[tuple[str, list[str]]] = []
    for heading in headings:
        old_sections.append((heading, draw(st.lists(clause_texts(), min_size=0, max_size=5))))
    new_sections: list[tuple[str, list[str]]] = []
    for heading, texts in old_sections:
        revised: list[str] = []
        for text in texts:
            action = draw(st.sampled_from(("keep", "keep", "reword", "delete", "insert", "split")))
            if action == "keep":
                revised.append(text)
            elif action == "reword":
                revised.append(text + " " + draw(clause_texts(max_words=3)))
            elif action == "insert":
                revised.extend((draw(clause_texts()), text))
            elif action == "split":
                cut = len(text) // 2
                revised.extend((text[:cut], text[cut:]))
        new_sections.append((heading, revised))
    if draw(st.booleans()) and len(new_sections) > 1 and new_sections[0][1]:
        moved = new_sections[0][1].pop(0)
        new_sections[-1][1].append(moved)

    def lettered(spec: list[tuple[str, list[str]]]) -> Document:
        return build_document(
            [(h, [(f"{LETTERS[i % 16]})", t) for i, t in enumerate(ts)]) for h, ts in spec]
        )

    return lettered(old_sections), lettered(new_sections)
