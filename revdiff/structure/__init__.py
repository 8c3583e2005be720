"""Structure: a loader's flat blocks → a `Document` (metadata, front matter, sections, clauses).

Pure. Paragraph styles decide where a .docx supplied them (``Res_No``, ``Call``, ``Section_No``,
``enumlev1``, …); plain text falls back to the patterns ITU resolutions are written in. The words
(*RESOLUTION*, *recalling*, *resolves*, the issuing bodies, …) are data, one file per language in
``revdiff/data/lang/``; this package is the structure, split by concept: `grammar` (the words),
`numberline` (the number line in every form), `metadata` (number line, title, history,
preamble), `labels`, `lines` (calls and headings), `proposal` (markers, reasons, a proposal
document's header), `footnotes` (typed marks), `builder` (nesting), `notices` (what was not
understood) and `window` (reading the blocks once, in order, without changing them).

Decisions worth knowing:

* Everything before the ``RESOLUTION N (…)`` line is front matter; without such a line there is
  none. The number line, the title (until the history line ``(Hammamet, 2016; …)``) and the
  preamble line ``The World … (…),`` are metadata, not clauses.
* Headings inside numbered sections (``1.13\\tVoting``, Word's Heading 2/3) are clauses labelled
  ``1.13`` whose text is the heading; the paragraphs under them are their children (``p1``…).
* Clause ids follow the label path: ``recalling/a``, ``section-1/1.3/b``, ``resolves/1/-2`` for
  the second indent under item 1, ``resolves/p1`` for an unlabelled paragraph. A dotted number
  is a path already, so ``1.3.1`` under ``1.3`` is ``section-1/1.3.1``, not ``…/1.3/1.3.1``.
* In a proposal document, a marker (``MOD ACP/64A1/1``) belongs to the provision after it and a
  ``Reasons:`` paragraph to the provision before it: neither is a clause. Header lines before the
  number line (``Agenda item 1.1``) are front matter and, two or more, the document's header.
* An empty input gives a document with no sections and a warning; an input with no recognisable
  structure gives one BODY section of its paragraphs, with a warning. What was not understood
  (no number line, no call, a label out of sequence, …) is a notice naming the line and what
  was expected, and one of the warnings; a clean resolution has none. Nothing here raises,
  except on a caller's clause limit (`max_clauses`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from revdiff.language import with_language
from revdiff.model import (
    Block,
    Document,
    LoadedText,
    Metadata,
    Proposal,
    ReportWarning,
    Section,
    SectionKind,
    SourceFormat,
)
from revdiff.structure.builder import Builder
from revdiff.structure.builder import Builder as _Builder  # noqa: F401  (tests patch it here)
from revdiff.structure.common import squash, style_role, words
from revdiff.structure.labels import join_label_cell
from revdiff.structure.lines import (
    annex_heading,
    is_call_line,
    is_plain,
    is_title_like,
    match_call,
    section_number,
)
from revdiff.structure.metadata import parse_metadata
from revdiff.structure.notices import (
    as_text,
    load_notices,
    no_call,
    no_number_line,
    number_line_not_understood,
    unknown_marks,
    unplaced_text,
    with_notes,
)
from revdiff.structure.proposal import read_header, read_note, split_marker
from revdiff.structure.window import Window

__all__ = ["parse_block_list", "parse_structure"]

SLUG_WORDS = 8  # call lines are long; their first words identify them across versions
NUMBER_LINE_WITHIN = 2000  # blocks searched for the number line; front matter is never longer


def parse_structure(
    loaded: LoadedText, *, max_clauses: int | None = None, lang: str | None = None
) -> Document:
    """Turn a loader's blocks into a Document: metadata, front matter, sections of clauses,
    footnotes and parse warnings. Pure; never raises on odd input.

    With `max_clauses`, an input of more clauses is refused (`InputError`) as soon as its
    clause after the last is found, without parsing the rest.
    """
    return parse_block_list(loaded, loaded.blocks, max_clauses=max_clauses, lang=lang)


def parse_block_list(
    loaded: LoadedText,
    blocks: Iterable[Block],
    *,
    max_clauses: int | None = None,
    lang: str | None = None,
) -> Document:
    """`parse_structure` of `blocks`, given apart from `loaded` (whose own blocks are ignored).
    `blocks` is read once, in order, and never changed: a caller that hands over an iterator
    that lets go of each block (`load_document`) frees it once its clause is made, so a large
    input never has all its blocks and all its clauses in memory at once. `lang` names the
    text's language (the Document says it); without it the language is told from the text. The
    grammar holds every language's words at once, so a text in any of them parses either way."""
    document = _parse_blocks(loaded, blocks, max_clauses=max_clauses)
    return with_language(document, lang)


def _parse_blocks(
    loaded: LoadedText, blocks: Iterable[Block], *, max_clauses: int | None = None
) -> Document:
    window = Window(blocks)
    warnings = list(loaded.warnings)

    def document(
        metadata: Metadata, sections: tuple[Section, ...], front: tuple[str, ...] = ()
    ) -> Document:
        return Document(
            source=loaded.source,
            format=loaded.format,
            metadata=metadata,
            sections=sections,
            front_matter=front,
            footnotes=window.footnotes(),
            warnings=tuple(warnings),
            view=loaded.view,
        )

    first_text = 0
    while (block := window.get(first_text)) is not None and not block.text.strip():
        first_text += 1
    top_line = block.location if block is not None else None  # where a number line belongs
    if block is None:
        warnings.append(f"{loaded.source}: the document is empty: no sections, no clauses")
        return document(Metadata(), ())

    found = parse_metadata(window, NUMBER_LINE_WITHIN)
    front: tuple[str, ...] = ()
    front_styles: list[tuple[str | None, str]] = []  # (style, text): a proposal's header
    if found is None:
        metadata, front, index = Metadata(), (), 0
    else:
        metadata, index = found.metadata, found.index
        before = [window[i] for i in range(found.start)]
        front = tuple(squash(b.text) for b in before if b.text.strip())
        front_styles = [(b.style, b.text) for b in before]

    place = "line" if loaded.format is SourceFormat.TEXT else "paragraph"
    builder = Builder(loaded.source, place, max_clauses)
    recognised = False
    seen_operative = False
    loose_notes: list[tuple[str, str]] = []  # reasons given for the whole text
    in_proposal = metadata.proposal is not None
    while (block := window.get(index)) is not None:
        window.release(index)
        index += 1
        if not block.text.strip():
            continue
        marked = split_marker(block.text) if not block.label else None
        if marked is not None:
            marker, proposal_id, rest = marked
            builder.propose(Proposal(marker, proposal_id), block)
            in_proposal = True
            if not rest:
                continue
            block = replace(block, text=rest)
        if block.in_table and (following := window.get(index)) is not None:
            joined = join_label_cell(block, following)
            if joined is not None:
                block, index = joined, index + 1
        # "Reasons:" and "References:" are a proposal's only in a proposal document.
        note = read_note(block.text) if in_proposal else None
        if note is not None:
            if not builder.add_note(*note):
                loose_notes.append(note)
            continue
        number = section_number(block)
        if number is not None:
            title, index = _read_title(window, index, "section-title")
            builder.open_section(
                f"section-{number.lower()}", squash(block.text), SectionKind.NUMBERED, title, block
            )
            recognised = True
            continue
        annex = annex_heading(block)
        if annex is not None:
            section_id, heading, title = annex
            while (following := window.get(index)) is not None and (
                style_role(following.style) == "annex-ref"
                or (is_plain(following) and squash(following.text).startswith("(to "))
            ):
                heading = f"{heading} {squash(following.text)}"
                index += 1
            if title is None:
                title, index = _read_title(window, index, "annex-title")
            builder.open_section(section_id, heading, SectionKind.ANNEX, title, block)
            recognised = True
            continue
        call = is_call_line(block)
        if call is not None:
            heading = squash(block.text)
            if match_call(heading) is None:
                call = SectionKind.OPERATIVE if seen_operative else SectionKind.PREAMBLE
            seen_operative = seen_operative or call is SectionKind.OPERATIVE
            slug = "-".join(words(heading)[:SLUG_WORDS])
            builder.open_section(slug, heading, call, None, block)
            recognised = True
            continue
        builder.add_block(block)

    builder.close_proposal()
    sections = builder.build_sections()
    builder.summarise_warnings()
    warnings.extend(f"{loaded.source}: {warning}" for warning in builder.warnings)
    found_line = found.line if found is not None else None
    first = sections[0].clauses[0].location.line if sections and sections[0].clauses else None
    stage: list[ReportWarning] = []
    if found is None:
        stage.append(no_number_line(loaded.source, top_line, NUMBER_LINE_WITHIN))
    elif metadata.number is None:
        stage.append(number_line_not_understood(loaded.source, metadata, found_line))
    if found is not None:
        stage.extend(unknown_marks(loaded.source, found.marks, window.footnotes(), found_line))
        metadata = with_notes(metadata, loose_notes)
    stage.extend(unplaced_text(loaded.source, sections))
    warnings.extend(as_text(notice, place) for notice in stage)
    notices = [*load_notices(loaded), *stage, *builder.notices]
    if not recognised and found is None:
        warnings.append(
            f"{loaded.source}: no resolution structure recognised (no RESOLUTION line, call "
            f"words or numbered sections); read as {sum(len(s.clauses) for s in sections)} "
            "paragraphs in one section"
        )
    elif not recognised:
        warnings.append(
            f"{loaded.source}: no call words (recalling, resolves, …) or numbered sections "
            "found; the text after the title is one section of paragraphs"
        )
        notices.append(no_call(loaded.source, first))
    header = read_header(front_styles) if found is not None else ()
    return replace(
        document(metadata, sections, front),
        header=header,
        notices=tuple(notices),
        detached_proposals=tuple(builder.detached),
    )


def _read_title(blocks: Window, index: int, role: str) -> tuple[str | None, int]:
    """The title line(s) under a section or annex heading, and the index after them."""
    block = blocks.get(index)
    if block is None:
        return None, index
    styled = style_role(block.style) == role
    if not styled and not (
        is_plain(block)
        and is_title_like(block)
        and is_call_line(block) is None
        and section_number(block) is None
        and annex_heading(block) is None
    ):
        return None, index
    parts = [squash(block.text)]
    index += 1
    # Plain-text extractions break long titles over lines ("Approval of … Recommendations" /
    # "using the traditional approval process"): a lowercase line continues the title.
    while (
        not styled
        and (following := blocks.get(index)) is not None
        and following.text.strip()[:1].islower()  # first: the cheapest test, and the usual "no"
        and is_plain(following)
        and is_title_like(following)
        and is_call_line(following) is None
    ):
        parts.append(squash(following.text))
        index += 1
    return " ".join(parts), index
