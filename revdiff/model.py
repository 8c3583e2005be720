"""The vocabulary every stage shares: frozen dataclasses for documents and comparisons.

Loaders produce a `LoadedText` (a flat list of `Block`s). `parse_structure` turns it into a
`Document` (metadata, sections, clauses, footnotes). `compare` turns two Documents into a
`Comparison` (metadata changes and clause `Change`s with inline `TextEdit`s). Every renderer and the
redline writer read the same Comparison. Counts are derived, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from revdiff.records import quick_init

# The records below share a shape (a docstring, typed fields, defaults) and nothing else: each
# lists its own fields, so a run of them looks alike without any logic to share.

# --------------------------------------------------------------------------------------------
# Loading


class View(StrEnum):
    """Which state of a document that already carries tracked changes to read."""

    ACCEPTED = "accepted"  # every tracked change accepted (what the author meant)
    ORIGINAL = "original"  # every tracked change rejected (the text before revision)


class SourceFormat(StrEnum):
    TEXT = "text"
    DOCX = "docx"
    PDF = "pdf"


class WarningCode(StrEnum):
    """What a warning is about: the reason a report may not be the whole truth."""

    TRACKED_CHANGES = "tracked-changes"  # a Word input carries tracked changes; one view read
    EMPTY = "empty"  # an input holds no text
    NOT_A_RESOLUTION = "not-a-resolution"  # no resolution structure recognised
    DIFFERENT_RESOLUTIONS = "different-resolutions"  # OLD and NEW differ in body or number
    OLD_IS_NEWER = "old-is-newer"  # OLD's year is later than NEW's
    RECONSTRUCTION = "reconstruction"  # a labelled reconstruction, not the official text
    DIFFERENT_LANGUAGES = "different-languages"  # OLD and NEW are in different languages
    LOAD = "load"  # the loader read the file with a reservation (encoding, skipped content…)
    PARSE = "parse"  # the structure stage was unsure of part of the document
    # What the structure stage did not understand, one code each (a document's notices):
    NO_NUMBER_LINE = "no-number-line"  # no RESOLUTION N (…) line
    NO_CALL = "no-call"  # no call line (recalling, resolves, …) or numbered section
    LABEL_SEQUENCE = "label-sequence"  # a label skips or repeats
    FOOTNOTE_MARK = "footnote-mark"  # a footnote mark without a text
    FOOTNOTE_TEXT = "footnote-text"  # a footnote text without a mark
    UNPLACED_TEXT = "unplaced-text"  # text after the last clause that could not be placed
    MARKER = "marker"  # a proposal marker not followed by a provision


@dataclass(frozen=True, slots=True)
class ReportWarning:
    """A reservation about a comparison that every report shows: what and where, in words.

    `source` is the file it concerns, None when it concerns the pair (two different
    resolutions); `line` is a 1-based line or paragraph number when the warning has a place.
    """

    code: WarningCode
    source: str | None
    message: str
    line: int | None = None

    def __str__(self) -> str:
        place = self.source or ""
        if place and self.line is not None:
            place = f"{place}:{self.line}"
        return f"{place}: {self.message}" if place else self.message


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its displayed mark (``"1"``, ``"1bis"``) and its text, mark excluded."""

    mark: str
    text: str


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph as a loader read it, before any structure is recognised.

    `text` is the paragraph's text with footnote reference marks removed; a typed label stays in
    it (``"a)\\tthe United Nations…"``). When Word's automatic numbering supplied the label, it is
    in `label` and is not part of `text`. `style` is the ITU paragraph style name as Word shows it
    (``"Res_No"``, ``"Call"``, ``"enumlev1"``, ``"Heading 2"``) or None for plain text input.
    `location` is 1-based: the line number for text input, and for .docx the position of the
    paragraph among all ``w:p`` elements of the document body, in document order (table cells
    included), so that the redline writer can find the paragraph again.
    """

    text: str
    location: int
    style: str | None = None
    label: str | None = None
    footnotes: tuple[Footnote, ...] = ()
    in_table: bool = False


@dataclass(frozen=True, slots=True)
class LoadedText:
    """What a loader returns: the blocks of one input, with where it came from."""

    source: str
    format: SourceFormat
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    view: View = View.ACCEPTED
    # Page furniture the layout stage left out of a PDF or wrapped text: (what, how many lines),
    # page numbers counted together and each running head or reference by its text.
    dropped_furniture: tuple[tuple[str, int], ...] = ()


# --------------------------------------------------------------------------------------------
# Structure


class SectionKind(StrEnum):
    """What part of a resolution a section is."""

    PREAMBLE = "preamble"  # recalling, considering, noting, … (items end with ";")
    OPERATIVE = "operative"  # resolves, instructs …, invites …, requests …, decides …
    NUMBERED = "numbered"  # SECTION 1, 1bis, … in resolutions such as WTSA Res 1
    ANNEX = "annex"  # Annex A, Appendix I, Attachment …
    BODY = "body"  # unrecognised structure: paragraphs kept in order


@quick_init
@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a clause stands in its input: a 1-based line (text) or paragraph (docx) number."""

    source: str
    line: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposal to a conference about one provision (or the whole text): its marker (``MOD``,
    ``ADD``, ``SUP``, ``NOC``), the proposal id (``ACP/64A1/1``) and the reasons and references
    given under it."""

    marker: str
    id: str | None = None
    reasons: str | None = None
    references: str | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class Clause:
    """One provision: a lettered or numbered item, an indent, or an unlabelled paragraph.

    `id` is stable across versions when the label path is (``recalling/a``,
    ``section-1/1.3/b``, ``invites-the-director-of-the-tsb/2``). `text` excludes the label, the
    footnote reference marks and the text of child clauses. Nested items are clauses of their own,
    with `parent_id` naming the clause they sit under and `depth` counting from 0.
    """

    id: str
    section_id: str
    label: str | None
    text: str
    location: SourceLocation
    footnotes: tuple[Footnote, ...] = ()
    parent_id: str | None = None
    depth: int = 0
    style: str | None = None
    proposal: Proposal | None = None  # in a proposal document: MOD/ADD/SUP/NOC and why


@dataclass(frozen=True, slots=True)
class Section:
    """A run of clauses under one heading: a call (*recalling*), a numbered section or an annex."""

    id: str
    heading: str
    kind: SectionKind
    clauses: tuple[Clause, ...]
    title: str | None = None  # e.g. "World Telecommunication Standardization Assembly"
    location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """The lines before the first section: number line, title, history line and preamble line."""

    number_line: str | None = None  # "RESOLUTION 84 (Rev. Geneva, 2022)"
    body: str | None = None  # "WTSA", "PP", "WTDC", "WRC", …
    number: str | None = None  # "84"
    revision: str | None = None  # "Rev. Geneva, 2022" or "Hammamet, 2016"
    place: str | None = None  # "Geneva"
    year: int | None = None  # 2022
    title: str | None = None
    history: str | None = None  # "(Hammamet, 2016; Geneva, 2022)"
    preamble: str | None = None  # "The World Telecommunication Standardization Assembly (…),"
    instrument: str | None = None  # "resolution", "recommendation", "decision", "opinion"
    sector: str | None = None  # "ITU-R" of "RESOLUTION ITU-R 2-8"
    proposal: Proposal | None = None  # "MOD ACP/64A1/1 RESOLUTION 84": a proposal on the whole text


METADATA_FIELDS: tuple[str, ...] = ("number_line", "title", "history", "preamble")
"""The metadata lines compared and reported apart from the clauses, in document order."""


@dataclass(frozen=True, slots=True)
class Document:
    """A resolution, parsed: metadata, front matter, sections of clauses, and footnotes."""

    source: str
    format: SourceFormat
    metadata: Metadata
    sections: tuple[Section, ...]
    front_matter: tuple[str, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[str, ...] = ()
    view: View = View.ACCEPTED
    # A proposal document's header lines, as (key, value): ("document", "64(Add.1)-E"), …
    header: tuple[tuple[str, str], ...] = ()
    # What the structure stage did not understand, each also one of `warnings` (as text).
    notices: tuple[ReportWarning, ...] = ()
    # The language the text is written in ("en", "fr", "es", "ru", "ar", "zh"), as detected from
    # its words or as the user said (--lang); None when not determined.
    language: str | None = None
    # A proposal document's markers whose provision this view does not show, with their ids and
    # reasons: a SUP provision in the accepted view (its text deleted), an ADD one in the original.
    detached_proposals: tuple[Proposal, ...] = ()

    @property
    def clauses(self) -> tuple[Clause, ...]:
        """Every clause of every section, in document order."""
        return tuple(clause for section in self.sections for clause in section.clauses)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def is_reconstruction(self) -> bool:
        """True for a labelled reconstruction (its file name says "reconstructed"): every report
        that shows such a document must say it is not the official text."""
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return "reconstructed" in name.lower()


# --------------------------------------------------------------------------------------------
# Comparison


class EditOp(StrEnum):
    """The one vocabulary of inline change, shared by every renderer."""

    EQUAL = "="
    DELETE = "-"
    INSERT = "+"


@quick_init
@dataclass(frozen=True, slots=True)
class TextEdit:
    """A run of text that is kept, deleted or inserted. A clause's edits rebuild both texts:
    old = every EQUAL and DELETE text in order; new = every EQUAL and INSERT text in order."""

    op: EditOp
    text: str


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    DELETED = "deleted"
    SPLIT = "split"  # one old clause became several new ones
    MERGED = "merged"  # several old clauses became one new one


class Nature(StrEnum):
    EDITORIAL = "editorial"  # spacing, punctuation, hyphen, quote, no-break or case only
    CITATION = "citation"  # only references changed (revision of a resolution, a Rec. number…)
    SUBSTANTIVE = "substantive"  # anything else


class Marker(StrEnum):
    """ITU proposal markers. A change inside a provision is always MOD (or (MOD))."""

    NOC = "NOC"
    MOD = "MOD"
    MOD_EDITORIAL = "(MOD)"
    ADD = "ADD"
    SUP = "SUP"


@quick_init
@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to another ITU text, parsed: ``Resolution 196 (Rev. Dubai, 2018)``."""

    text: str  # as written
    kind: str  # "Resolution", "Recommendation", "Study Group", "Question", "Document", …
    number: str  # "196", "ITU-T E.164", "3"
    body: str | None = None  # "PP", "WTSA", "WTDC", … when the text says
    revised: bool = False  # "Rev." present
    place: str | None = None
    year: int | None = None
    conference: str | None = None  # "WRC-19" of "(Rev.WRC-19)": an edition named by its conference
    version: str | None = None  # "6" of "M.1036-6", "11/2010" of "E.164 (11/2010)"

    @property
    def edition(self) -> str:
        """Which edition is cited: ``Rev. Dubai, 2018``, ``Busan, 2014``, ``Rev.WRC-19``, or a
        version (``6`` of M.1036-6, ``11/2010`` of E.164 (11/2010)); empty if none."""
        if self.conference:
            return ("Rev." if self.revised else "") + self.conference
        if self.version and not self.place:
            return self.version
        parts = [p for p in (self.place, str(self.year) if self.year else None) if p]
        return ("Rev. " if self.revised else "") + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class CitationUpdate:
    """One citation whose edition changed between the paired clauses."""

    old: Citation
    new: Citation


@quick_init
@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the comparison: the clauses it involves on each side and how they differ.

    For ADDED, `old` is empty; for DELETED, `new` is empty; SPLIT has several `new`, MERGED several
    `old`. `edits` diff the old clauses' texts (joined by a single space) against the new
    clauses' texts joined the same way; labels are not part of the edits.
    """

    kind: ChangeKind
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    edits: tuple[TextEdit, ...]
    natures: tuple[Nature, ...] = ()
    marker: Marker = Marker.NOC
    moved: bool = False
    renumbered: bool = False
    similarity: float = 1.0
    citations: tuple[CitationUpdate, ...] = ()

    @property
    def old_labels(self) -> tuple[str | None, ...]:
        return tuple(c.label for c in self.old)

    @property
    def new_labels(self) -> tuple[str | None, ...]:
        return tuple(c.label for c in self.new)

    @property
    def is_change(self) -> bool:
        """True unless the clause is identical in text and place (label changes count)."""
        return self.kind is not ChangeKind.UNCHANGED or self.moved or self.renumbered


@dataclass(frozen=True, slots=True)
class MetadataChange:
    """One metadata line compared: number line, title, history line or preamble line."""

    field: str
    old: str | None
    new: str | None
    edits: tuple[TextEdit, ...] = ()
    natures: tuple[Nature, ...] = ()

    @property
    def changed(self) -> bool:
        return self.old != self.new


class HeadingPart(StrEnum):
    """Which line outside the clauses a HeadingChange is about."""

    HEADING = "heading"  # a call line (*resolves*), a SECTION or an Annex heading
    TITLE = "title"  # the title under a section or annex heading
    FRONT = "front"  # a paragraph of front matter before the number line (FOREWORD …)


@dataclass(frozen=True, slots=True)
class HeadingChange:
    """A changed heading, section title or front-matter paragraph, or a whole section added
    (ADDED: its heading and title) or removed (DELETED).

    `id` is stable: ``heading:<section id>`` and ``title:<section id>`` (the old section's id when
    the section is on both sides), ``front:<n>`` for the n-th front-matter paragraph. `edits`
    rebuild both texts like a clause's. `moved` is set when a section keeps its heading but
    stands elsewhere among the sections.
    """

    id: str
    part: HeadingPart
    kind: ChangeKind
    old: str | None
    new: str | None
    edits: tuple[TextEdit, ...] = ()
    natures: tuple[Nature, ...] = ()
    marker: Marker = Marker.NOC
    old_section: str | None = None
    new_section: str | None = None
    old_location: SourceLocation | None = None
    new_location: SourceLocation | None = None
    moved: bool = False

    @property
    def is_change(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED or self.moved


@dataclass(frozen=True, slots=True)
class FootnoteChange:
    """A footnote added, deleted or modified (text or mark). `id` is ``footnote:<mark>``, the
    old mark when the footnote is on both sides."""

    id: str
    kind: ChangeKind
    old: Footnote | None
    new: Footnote | None
    edits: tuple[TextEdit, ...] = ()
    natures: tuple[Nature, ...] = ()
    marker: Marker = Marker.NOC
    renumbered: bool = False  # the mark changed ("1" → "2")
    moved: bool = False  # its reference now stands in another clause, or in one more or fewer

    @property
    def is_change(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED or self.renumbered or self.moved


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a comparison's changes; always derived."""

    unchanged: int = 0
    modified: int = 0
    added: int = 0
    deleted: int = 0
    split: int = 0
    merged: int = 0
    moved: int = 0
    renumbered: int = 0


DEFAULT_MAX_SIZE = 200 * 1024 * 1024
"""Bytes of one input (or of one part inside a Word file) revdiff reads by default."""
# Far beyond any resolution (WTSA Resolution 1, one of the longest, has 339 clauses; a 100 MB
# text holds some 500,000), within which a comparison renders every report and writes the Word
# redline in about a minute and under 1.5 GB.
MAX_CLAUSES = 50_000


class OutputFormat(StrEnum):
    """What revdiff writes: a report (text, Markdown, HTML, JSON) or a Word redline. Every
    command and writer takes this one vocabulary; each command says which of them it makes."""

    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"
    DOCX = "docx"

    @property
    def extension(self) -> str:
        """The file extension of this format, without the dot: ``txt`` for text."""
        return "txt" if self is OutputFormat.TEXT else self.value

    @classmethod
    def from_extension(cls, suffix: str) -> OutputFormat | None:
        """The format a file name's extension (``.html``, ``.TXT``, ``.markdown``) asks for."""
        name = suffix.lower().removeprefix(".")
        return _FORMAT_BY_EXTENSION.get(name)


_FORMAT_BY_EXTENSION = {
    "txt": OutputFormat.TEXT,
    "text": OutputFormat.TEXT,
    "md": OutputFormat.MD,
    "markdown": OutputFormat.MD,
    "html": OutputFormat.HTML,
    "htm": OutputFormat.HTML,
    "json": OutputFormat.JSON,
    "docx": OutputFormat.DOCX,
}


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Everything that tunes a comparison, in one value that travels through the stages."""

    # Minimum similarity (0..1) for two clauses to be paired when neither anchors them.
    pair_threshold: float = 0.5
    # Upper bound on diff-match-patch's work for one clause, in seconds (0 means no bound).
    diff_timeout: float = 2.0
    # Detect one-to-many (split) and many-to-one (merge) pairings.
    detect_splits: bool = True
    # Loading: refuse an input (or a part inside a Word file) larger than this many bytes ...
    max_size: int = DEFAULT_MAX_SIZE
    # ... and a document of more clauses, as soon as its parse finds one too many.
    max_clauses: int = MAX_CLAUSES
    # Which state of each side's tracked changes to read (Word files only).
    old_view: View = View.ACCEPTED
    new_view: View = View.ACCEPTED
    # The language of both texts ("en", "fr", …); None: tell it from the text.
    lang: str | None = None
    # Which resolution of a file that holds several (a compilation) to compare; None: the only one.
    resolution: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two documents and every difference between them, in the new document's order."""

    old: Document
    new: Document
    metadata: tuple[MetadataChange, ...]
    changes: tuple[Change, ...]
    options: CompareOptions = field(default_factory=CompareOptions)
    heading_changes: tuple[HeadingChange, ...] = ()
    footnote_changes: tuple[FootnoteChange, ...] = ()
    warnings: tuple[ReportWarning, ...] = ()

    @property
    def summary(self) -> Summary:
        counts = {kind: 0 for kind in ChangeKind}
        for change in self.changes:
            counts[change.kind] += 1
        return Summary(
            unchanged=counts[ChangeKind.UNCHANGED],
            modified=counts[ChangeKind.MODIFIED],
            added=counts[ChangeKind.ADDED],
            deleted=counts[ChangeKind.DELETED],
            split=counts[ChangeKind.SPLIT],
            merged=counts[ChangeKind.MERGED],
            moved=sum(1 for c in self.changes if c.moved),
            renumbered=sum(1 for c in self.changes if c.renumbered),
        )

    @property
    def has_differences(self) -> bool:
        """Whether anything differs: metadata, a clause, a heading, a title or a footnote
        (warnings alone do not make a difference)."""
        return (
            any(m.changed for m in self.metadata)
            or any(c.is_change for c in self.changes)
            or any(h.is_change for h in self.heading_changes)
            or any(f.is_change for f in self.footnote_changes)
        )


# --------------------------------------------------------------------------------------------
# Batch


class BatchStatus(StrEnum):
    """What became of one resolution of a batch."""

    COMPARED = "compared"  # found in both folders and compared
    ADDED = "added"  # only in the new folder (ADD)
    SUPPRESSED = "suppressed"  # only in the old folder (SUP)
    ERROR = "error"  # could not be read or paired
    SKIPPED = "skipped"  # not a resolution (a README, notes): a warning, not an error


@dataclass(frozen=True, slots=True)
class BatchEntry:
    """One line of the index: a pair compared, a resolution added or suppressed, or an error."""

    identity: str | None
    old: Path | None
    new: Path | None
    status: BatchStatus
    report: str | None = None  # file name inside the output folder
    error: str | None = None
    summary: Summary | None = None
    has_differences: bool = False
    warnings: tuple[ReportWarning, ...] = ()  # the pair's report shows them; the CLI prints them


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Every entry of a batch, in index order, and where the reports went."""

    old_dir: Path
    new_dir: Path
    out_dir: Path
    entries: tuple[BatchEntry, ...]
    report_format: OutputFormat = OutputFormat.HTML

    @property
    def failed(self) -> bool:
        return any(e.status is BatchStatus.ERROR for e in self.entries)

    @property
    def has_differences(self) -> bool:
        return any(
            e.status in {BatchStatus.ADDED, BatchStatus.SUPPRESSED} or e.has_differences
            for e in self.entries
        )

    @property
    def exit_status(self) -> int:
        """2 if any file failed, else as for compare: 1 if anything differs, 0 if nothing does."""
        if self.failed:
            return 2
        return 1 if self.has_differences else 0

    def count(self, status: BatchStatus | str) -> int:
        return sum(1 for e in self.entries if e.status == status)
