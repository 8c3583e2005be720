"""The one safe XML parser configuration for every part of a Word package, read whole or
streamed, by the loader and by the redline writer.

Every part is assumed hostile: entities are never resolved, no DTD is loaded, the network is
off, huge text nodes are refused, and a part that declares a DTD at all is refused outright
(Word never writes one). Comments and processing instructions are dropped.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, TypedDict

from revdiff.errors import CorruptFileError

if TYPE_CHECKING:
    from lxml import etree

DAMAGED = "the file is damaged or incomplete"
DAMAGED_FIX = "download it again or re-save it in Word"

# A DOCTYPE in any of the encodings an XML part may use (UTF-8 and UTF-16 of either byte order).
_DOCTYPE_MARKS = tuple(
    text.encode(encoding)
    for text in ("<!DOCTYPE", "<!doctype", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
# A mark may straddle two chunks of a streamed part: each chunk is scanned with this many bytes
# of the one before it.
DOCTYPE_OVERLAP = max(len(mark) for mark in _DOCTYPE_MARKS) - 1


# The settings' names and types, so that mypy checks them where both parsers below take them;
# the values follow once, in _SAFE_PARSING.
class _SafeParsing(TypedDict):
    resolve_entities: bool
    no_network: bool
    huge_tree: bool
    load_dtd: bool
    dtd_validation: bool
    remove_comments: bool
    remove_pis: bool


_SAFE_PARSING = _SafeParsing(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def safe_parser() -> etree.XMLParser:
    """A parser with the safe settings (one per parse: lxml parsers keep state)."""
    from lxml import etree

    return etree.XMLParser(**_SAFE_PARSING)


def parse_xml(data: bytes, source: str | None, part: str) -> etree._Element:
    """Parse one XML part safely; refuse a DTD and name the part when the XML is malformed."""
    from lxml import etree

    refuse_dtd(data, source, part)
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as error:
        raise _malformed(source, part, error.msg) from error
    if root is None:
        raise _malformed(source, part, None)
    # Belt and braces: an encoding the byte scan above cannot see (UTF-32, EBCDIC) still reaches
    # here with its DTD noted but unexpanded.
    _refuse_declared_dtd(root, source, part)
    return root


def serialize_xml(root: etree._Element) -> bytes:
    """A part's bytes as Word writes them: UTF-8 with a standalone declaration."""
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _malformed(source: str | None, part: str, why: str | None) -> CorruptFileError:
    """A part that XML cannot read (`why`, lxml's reason), or that holds nothing (None)."""
    if why is None:
        return CorruptFileError(source, f"the part {part} is empty", DAMAGED_FIX)
    return CorruptFileError(source, f"the part {part} is not well-formed XML ({why})", DAMAGED_FIX)


def _dtd_refused(source: str | None, part: str) -> CorruptFileError:
    return CorruptFileError(
        source,
        f"the part {part} contains a DTD/entity declarations, which Word never writes; "
        "refusing for safety",
        "ask the sender for a copy saved by Word itself",
    )


def refuse_dtd(data: bytes, source: str | None, part: str) -> None:
    """Refuse XML bytes that hold a DOCTYPE or an entity declaration, before any parsing."""
    if any(mark in data for mark in _DOCTYPE_MARKS):
        raise _dtd_refused(source, part)


def _refuse_declared_dtd(root: etree._Element, source: str | None, part: str) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _dtd_refused(source, part)


def stream_xml(
    chunks: Iterable[bytes],
    source: str,
    part: str,
    *,
    events: tuple[Literal["start", "end"], ...] = ("start", "end"),
    tags: Sequence[str] | None = None,
) -> Generator[tuple[str, etree._Element]]:
    """Parse one XML part from `chunks` with the same safe parser as `parse_xml`, yielding
    lxml's (event, element) pairs for the elements named in `tags` (all when None) as they are
    parsed. The caller clears what it has read: the tree is otherwise built as usual. A DTD is
    refused as by `parse_xml` (each chunk is scanned before it is parsed; the package reader
    scans chunks with an overlap, bytes given here in one piece are scanned too)."""
    from lxml import etree

    parser = etree.XMLPullParser(
        events=events,
        tag=list(tags) if tags is not None else None,
        **_SAFE_PARSING,
    )
    stream = iter(chunks)
    try:
        yield from _parse_stream(parser, stream, source, part)
    finally:
        # Closed at once, whatever happens: an abandoned chunk stream keeps the zip file open.
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _parse_stream(
    parser: etree.XMLPullParser, chunks: Iterator[bytes], source: str, part: str
) -> Iterator[tuple[str, etree._Element]]:
    from lxml import etree

    checked = False
    try:
        for chunk in chunks:
            refuse_dtd(chunk, source, part)
            parser.feed(chunk)
            for event, element in parser.read_events():
                if not checked:
                    _refuse_declared_dtd(element, source, part)
                    checked = True
                yield event, element
        root = parser.close()
        for event, element in parser.read_events():
            yield event, element
    except etree.XMLSyntaxError as error:
        raise _malformed(source, part, error.msg) from error
    if root is None:
        raise _malformed(source, part, None)
    _refuse_declared_dtd(root, source, part)
