"""The XML layer of the redline: small builders for WordprocessingML revisions and comments, and a
deterministic reader/writer of the .docx zip package.

python-docx cannot write revisions (its maintainers declined the feature), so this module builds
the elements itself on lxml: ``w:ins``/``w:del`` (with ``w:delText``), ``w:moveFrom``/``w:moveTo``
inside named move ranges, tracked paragraph marks (``w:pPr/w:rPr/w:ins|w:del|…``), and the
comments part with its ranges and reference runs. Children are inserted in the order the schema
requires (CT_PPr, CT_ParaRPr, CT_Settings). Every ``w:id`` comes from one `Revisions` counter that
starts above every id already in the package, so revision, move-range and comment ids never
collide. The package is written with fixed zip timestamps and a fixed part order, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from revdiff.errors import CorruptFileError

BASE_MAX_SIZE = 200 * 1024 * 1024  # every part of the base .docx, decompressed (as --max-size)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
REL_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"

# A fixed timestamp for every zip entry (the earliest DOS date): the bytes must not depend on the
# clock, only on the inputs and the revision date.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".zip", ".mp4", ".mp3")


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W_NS}}}{tag}"


# --------------------------------------------------------------------------------------------
# Schema order of the children we insert into existing elements


PPR_ORDER = tuple(
    w(t)
    for t in (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)
RPR_ORDER = tuple(
    w(t)
    for t in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
        "rPrChange",
    )
)
# CT_Settings children that come before w:trackRevisions.
SETTINGS_BEFORE_TRACK = tuple(
    w(t)
    for t in (
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
    )
)
MARK_KINDS = ("ins", "del", "moveFrom", "moveTo")


def insert_in_order(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    """Insert `child` into `parent` where the schema sequence `order` puts it: after every
    existing child whose tag comes earlier in `order`, before the others (unknown tags, such as
    extensions, are treated as coming later)."""
    rank = {tag: index for index, tag in enumerate(order)}
    mine = rank.get(str(child.tag), len(order))
    position = 0
    for index, existing in enumerate(parent):
        if rank.get(str(existing.tag), len(order) + 1) <= mine:
            position = index + 1
    parent.insert(position, child)


def get_or_add(parent: etree._Element, tag: str, order: Sequence[str]) -> etree._Element:
    """The child `tag` of `parent`, created in schema order if missing."""
    found = parent.find(tag)
    if found is None:
        found = etree.Element(tag)
        insert_in_order(parent, found, order)
    return found


def paragraph_properties(p: etree._Element) -> etree._Element:
    """The ``w:pPr`` of a paragraph, created as its first child if missing."""
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    return p_pr


# --------------------------------------------------------------------------------------------
# Revisions


def format_revision_date(date: datetime) -> str:
    """``w:date`` as Word writes it: UTC, whole seconds, a trailing Z."""
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Revisions:
    """Author, date and the one id counter of a redline being built (lives for one build).

    Word wants every annotation id (insertion, deletion, move, move range, comment) to be unique;
    one counter for all of them, starting above every id the base package already uses, keeps
    them apart."""

    author: str
    date: datetime
    next_id: int = 1
    move_count: int = 0

    @property
    def date_text(self) -> str:
        return format_revision_date(self.date)

    def take_id(self) -> str:
        value = self.next_id
        self.next_id += 1
        return str(value)

    def take_move_name(self) -> str:
        self.move_count += 1
        return f"revdiffMove{self.move_count}"

    def stamp(self, element: etree._Element) -> etree._Element:
        """Give `element` a fresh w:id, the author and the date."""
        element.set(w("id"), self.take_id())
        element.set(w("author"), self.author)
        element.set(w("date"), self.date_text)
        return element

    def wrapper(self, kind: str) -> etree._Element:
        """A run-level revision container: ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo``."""
        if kind not in MARK_KINDS:
            raise ValueError(f"unknown revision kind {kind!r}")
        return self.stamp(etree.Element(w(kind)))


def mark_paragraph(p: etree._Element, kinds: Iterable[str], revisions: Revisions) -> None:
    """Track the paragraph MARK of `p` as inserted, deleted, moved from or moved to (``kinds``
    may hold both ``ins`` and ``del``: a mark that exists in neither view)."""
    wanted = [kind for kind in MARK_KINDS if kind in set(kinds)]
    if not wanted:
        return
    r_pr = get_or_add(paragraph_properties(p), w("rPr"), PPR_ORDER)
    for kind in wanted:
        existing = r_pr.find(w(kind))
        if existing is not None:
            r_pr.remove(existing)
        insert_in_order(r_pr, revisions.stamp(etree.Element(w(kind))), RPR_ORDER)


def paragraph_mark_kinds(p: etree._Element) -> tuple[str, ...]:
    """Which revision marks the paragraph mark of `p` carries."""
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    if r_pr is None:
        return ()
    return tuple(kind for kind in MARK_KINDS if r_pr.find(w(kind)) is not None)


def clear_paragraph_mark(p: etree._Element) -> None:
    r_pr = p.find(f"{w('pPr')}/{w('rPr')}")
    if r_pr is None:
        return
    for kind in MARK_KINDS:
        for found in r_pr.findall(w(kind)):
            r_pr.remove(found)


def move_range(kind: str, name: str, revisions: Revisions) -> tuple[etree._Element, etree._Element]:
    """The start and end of a named move range (``kind`` is ``moveFrom`` or ``moveTo``); the
    pair shares one id, and the source and destination ranges of a move share the name."""
    start = revisions.stamp(etree.Element(w(f"{kind}RangeStart")))
    start.set(w("name"), name)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), start.get(w("id")) or "")
    return start, end


# --------------------------------------------------------------------------------------------
# Runs


def text_element(text: str, *, deleted: bool) -> etree._Element:
    """``w:t`` (or ``w:delText`` inside a deletion) keeping every space."""
    element = etree.Element(w("delText" if deleted else "t"))
    element.text = text
    element.set(f"{{{XML_NS}}}space", "preserve")
    return element


_SPECIAL = re.compile("([\t\n\u2011])")


def text_run(
    text: str, r_pr: etree._Element | None = None, *, deleted: bool = False
) -> etree._Element:
    """A ``w:r`` showing `text`: tabs as ``w:tab``, newlines as ``w:br``, U+2011 as
    ``w:noBreakHyphen``, the rest in ``w:t`` (``w:delText`` when `deleted`)."""
    run = etree.Element(w("r"))
    if r_pr is not None and len(r_pr):
        run.append(copy.deepcopy(r_pr))
    for piece in _SPECIAL.split(text):
        if not piece:
            continue
        if piece == "\t":
            run.append(etree.Element(w("tab")))
        elif piece == "\n":
            run.append(etree.Element(w("br")))
        elif piece == "\u2011":
            run.append(etree.Element(w("noBreakHyphen")))
        else:
            run.append(text_element(piece, deleted=deleted))
    return run


def mark_run_deleted(run: etree._Element) -> None:
    """Turn the text of a run into deleted text (``w:t`` -> ``w:delText``, field codes ->
    ``w:delInstrText``), as the schema wants inside ``w:del``."""
    for child in run:
        if child.tag == w("t"):
            child.tag = w("delText")
        elif child.tag == w("instrText"):
            child.tag = w("delInstrText")


def make_paragraph(
    style_id: str | None = None, runs: Iterable[etree._Element] = ()
) -> etree._Element:
    """A plain ``w:p`` with an optional paragraph style."""
    p = etree.Element(w("p"))
    if style_id:
        p_pr = etree.SubElement(p, w("pPr"))
        etree.SubElement(p_pr, w("pStyle")).set(w("val"), style_id)
    for run in runs:
        p.append(run)
    return p


def make_run_properties(
    *, style: str | None = None, bold: bool = False, italic: bool = False
) -> etree._Element:
    """A ``w:rPr`` with the few properties the template needs, in schema order."""
    r_pr = etree.Element(w("rPr"))
    if style:
        etree.SubElement(r_pr, w("rStyle")).set(w("val"), style)
    if bold:
        etree.SubElement(r_pr, w("b"))
    if italic:
        etree.SubElement(r_pr, w("i"))
    return r_pr


# --------------------------------------------------------------------------------------------
# Comments


def comment_range_start(comment_id: str) -> etree._Element:
    element = etree.Element(w("commentRangeStart"))
    element.set(w("id"), comment_id)
    return element


def comment_range_end(comment_id: str) -> etree._Element:
    element = etree.Element(w("commentRangeEnd"))
    element.set(w("id"), comment_id)
    return element


def comment_reference_run(comment_id: str) -> etree._Element:
    """The run that anchors a comment in the text (Word shows the balloon from here)."""
    run = etree.Element(w("r"))
    reference = etree.SubElement(run, w("commentReference"))
    reference.set(w("id"), comment_id)
    return run


def make_comment(comment_id: str, text: str, revisions: Revisions) -> etree._Element:
    """One ``w:comment`` of the comments part, one paragraph of text."""
    comment = etree.Element(w("comment"))
    comment.set(w("id"), comment_id)
    comment.set(w("author"), revisions.author)
    comment.set(w("date"), revisions.date_text)
    comment.set(w("initials"), initials(revisions.author))
    p = etree.SubElement(comment, w("p"))
    mark = etree.SubElement(p, w("r"))
    etree.SubElement(mark, w("annotationRef"))
    p.append(text_run(text))
    return comment


def initials(author: str) -> str:
    letters = "".join(word[0] for word in author.split() if word)
    return (letters or "R")[:8]


def empty_comments_part() -> etree._Element:
    return etree.Element(w("comments"), nsmap={"w": W_NS})


# --------------------------------------------------------------------------------------------
# The package


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_part(name: str, data: bytes, source: str | None = None) -> etree._Element:
    """Parse one XML part without entities, DTDs or network, refusing any DOCTYPE."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise CorruptFileError(
            source,
            f"the part {name} contains a DTD or entity declarations, which Word never writes; "
            "refusing for safety",
            "re-save the file in Word",
        )
    try:
        return etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise CorruptFileError(
            source, f"the part {name} is not well-formed XML ({error})", "re-save it in Word"
        ) from error


def serialize_part(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass
class Package:
    """The parts of a .docx in their zip order; XML parts are parsed on demand and written back
    only if they were asked for (others keep their exact bytes)."""

    parts: dict[str, bytes]
    source: str | None = None
    _xml: dict[str, etree._Element] = field(default_factory=dict)

    @classmethod
    def from_bytes(
        cls, data: bytes, source: str | None = None, *, max_size: int = BASE_MAX_SIZE
    ) -> Package:
        """Every part of the .docx in `data`, refused past `max_size` bytes decompressed in all.

        The loader read only the parts it needed; this reads them all (images too), so it checks
        the declared sizes first (zipfile never inflates a part past its declared size, and a
        part that lies fails its CRC check)."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
                total = sum(info.file_size for info in infos)
                if total > max_size:
                    raise CorruptFileError(
                        source,
                        f"its parts decompress to {total:,} bytes, more than the {max_size:,} "
                        "bytes a redline is built from; it may be a zip bomb",
                        "remove or shrink the large parts (images) in Word, or ask for an HTML "
                        "report instead (--format html)",
                    )
                parts = {info.filename: archive.read(info) for info in infos}
        except (zipfile.BadZipFile, EOFError, ValueError, zlib.error, NotImplementedError) as error:
            raise CorruptFileError(
                source, "the Word file is damaged or incomplete", "download it again"
            ) from error
        except RuntimeError as error:  # a part encrypted with a zip password
            raise CorruptFileError(
                source, f"the Word file cannot be read ({error})", "download it again"
            ) from error
        return cls(parts, source)

    def has(self, name: str) -> bool:
        return name in self.parts or name in self._xml

    def xml(self, name: str) -> etree._Element:
        if name not in self._xml:
            self._xml[name] = parse_part(name, self.parts[name], self.source)
        return self._xml[name]

    def set_xml(self, name: str, root: etree._Element) -> None:
        self._xml[name] = root
        self.parts.setdefault(name, b"")

    def to_bytes(self) -> bytes:
        """The zip: [Content_Types].xml first, then the parts in their original order, every
        entry with the same fixed date and attributes."""
        names = list(self.parts)
        if "[Content_Types].xml" in names:
            names.remove("[Content_Types].xml")
            names.insert(0, "[Content_Types].xml")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                data = serialize_part(self._xml[name]) if name in self._xml else self.parts[name]
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                # Images are compressed already: stored, they cost no time to write.
                stored = name.lower().endswith(_COMPRESSED)
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                archive.writestr(info, data)
        return buffer.getvalue()

    # ---- relationships and content types ----------------------------------------------------

    def main_part(self) -> str:
        """The main document part named by the package relationships."""
        if self.has("_rels/.rels"):
            for rel in self.xml("_rels/.rels").iter(f"{{{PR_NS}}}Relationship"):
                if rel.get("Type") == REL_OFFICE_DOCUMENT:
                    return (rel.get("Target") or "word/document.xml").lstrip("/")
        return "word/document.xml"

    def rels_name(self, part: str) -> str:
        folder, _, base = part.rpartition("/")
        return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"

    def related_part(self, part: str, rel_type: str) -> str | None:
        """The name of the part `part` relates to with `rel_type`, if any."""
        rels = self.rels_name(part)
        if not self.has(rels):
            return None
        folder = part.rpartition("/")[0]
        for rel in self.xml(rels).iter(f"{{{PR_NS}}}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                if target.startswith("/"):
                    return target.lstrip("/")
                return _join(folder, target)
        return None

    def relate(self, part: str, target: str, rel_type: str) -> None:
        """Add a relationship from `part` to the part `target` (a name in the package)."""
        rels = self.rels_name(part)
        if not self.has(rels):
            self.set_xml(rels, etree.Element(f"{{{PR_NS}}}Relationships", nsmap={None: PR_NS}))
        root = self.xml(rels)
        taken = {rel.get("Id") for rel in root}
        number = 1
        while f"rIdRevdiff{number}" in taken:
            number += 1
        rel = etree.SubElement(root, f"{{{PR_NS}}}Relationship")
        rel.set("Id", f"rIdRevdiff{number}")
        rel.set("Type", rel_type)
        folder = part.rpartition("/")[0]
        rel.set("Target", _relative(folder, target))

    def set_content_type(self, part: str, content_type: str) -> None:
        root = self.xml("[Content_Types].xml")
        name = "/" + part
        for override in root.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName") == name:
                override.set("ContentType", content_type)
                return
        override = etree.SubElement(root, f"{{{CT_NS}}}Override")
        override.set("PartName", name)
        override.set("ContentType", content_type)

    def remove_part(self, name: str) -> None:
        self.parts.pop(name, None)
        self._xml.pop(name, None)
        root = self.xml("[Content_Types].xml")
        for override in list(root.iter(f"{{{CT_NS}}}Override")):
            if override.get("PartName") == "/" + name:
                root.remove(override)

    def max_annotation_id(self) -> int:
        """The largest numeric ``w:id`` in any XML part of the word/ folder (0 if none)."""
        largest = 0
        pattern = re.compile(rb'w:id="(-?\d+)"')
        for name in self.parts:
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            if name in self._xml:
                values: Iterable[str | None] = (
                    element.get(w("id")) for element in self._xml[name].iter()
                )
                numbers = [int(v) for v in values if v and v.lstrip("-").isdigit()]
            else:
                numbers = [int(m) for m in pattern.findall(self.parts[name])]
            if numbers:
                largest = max(largest, *numbers)
        return largest


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p] if folder else []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _relative(folder: str, target: str) -> str:
    if folder and target.startswith(folder + "/"):
        return target[len(folder) + 1 :]
    return "/" + target


def ensure_comments_part(package: Package, main: str) -> etree._Element:
    """The comments part of the main document, created (part, relationship, content type) if
    the package has none."""
    existing = package.related_part(main, REL_COMMENTS)
    if existing and package.has(existing):
        return package.xml(existing)
    name = "word/comments.xml"
    number = 1
    while package.has(name):
        number += 1
        name = f"word/comments{number}.xml"
    root = empty_comments_part()
    package.set_xml(name, root)
    package.relate(main, name, REL_COMMENTS)
    package.set_content_type(name, CT_COMMENTS)
    return root


def turn_on_track_changes(settings: etree._Element) -> None:
    """Add ``w:trackRevisions`` so that edits made to the redline are tracked too."""
    if settings.find(w("trackRevisions")) is not None:
        return
    insert_in_order(
        settings, etree.Element(w("trackRevisions")), (*SETTINGS_BEFORE_TRACK, w("trackRevisions"))
    )
