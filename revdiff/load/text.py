"""The plain-text loader: bytes → text → one `Block` per line, including Apache Tika's markup.

Tika's extraction of Word files marks bookmarks (``[bookmark: _Hlk1]``), footnote references
(``countries[footnoteRef:1]1``) and footnote bodies (``[1: 1\\tThese include …]``, written at the
end of the paragraph that cites them). This module turns those into `Footnote`s on the block and
leaves the text a reader sees. Structure (sections, labels) is `revdiff.structure`'s job.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from revdiff.errors import InputError, UnsupportedFormatError
from revdiff.load.layout import unwrap_lines
from revdiff.model import Block, Footnote, LoadedText, SourceFormat

BINARY_FIX = "give a .txt or .docx file (revdiff reads text and Word files)"

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# The displayed mark follows the reference: "countries[footnoteRef:1]1 in". Tika writes the mark
# as Word shows it, so it may be "1bis" or a symbol.
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]((?:\d+(?:bis|ter|quater)?|[*†‡§]+)?)")
_FOOTNOTE_BODY_START = re.compile(r"\[(\d+):\s")
# Displayed mark at the head of a footnote body, then a tab or spaces: "1 \tThese include …".
_BODY_MARK = re.compile(r"\s*(\S+?)\s*\t\s*|\s*(\d+(?:bis|ter|quater)?|[*†‡§]+)\s+")
# The trailer a plain-text extraction may end with: "[FOOTNOTES]" then "MARK\tTEXT" lines.
_FOOTNOTES_TRAILER = "[FOOTNOTES]"
_TRAILER_LINE = re.compile(r"(\d+(?:bis|ter|quater)?|[*†‡§]+)\s*(?:\t|\s)\s*(.*)")

# Soft hyphens are invisible line-break hints: a reader never sees them, so they never reach
# a clause. No-break spaces and non-breaking hyphens are visible characters and are kept; the
# compare stage treats them as editorial variants of a space and a hyphen. The same holds for the
# narrow no-break space (U+202F, before French punctuation); the structure parser accepts both
# no-break spaces between a label and its text.
#
# Control characters are never text a reader sees either. A stray NUL, a terminal escape
# sequence (ESC [2J) or a C1 code would reach the reports and the terminal, and a Word file cannot
# hold them at all. Vertical tab, form feed and NEL separate words, so they become spaces.
CONTROL_CHARACTERS: dict[str, str | None] = dict.fromkeys(
    map(chr, (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)))
) | {"\x0b": " ", "\x0c": " ", "\x85": " "}


def make_visible_filter(replacements: dict[str, str | None]) -> Callable[[str], str]:
    """A function that replaces (or, for None, removes) each character of `replacements` in a
    text. str.translate looks every character up in the table: searching first is ten times
    faster on the usual text that holds none of them (it matters for a 100 MB input)."""
    table = str.maketrans(replacements)
    search = re.compile("[" + "".join(map(re.escape, sorted(replacements))) + "]").search

    def visible(text: str) -> str:
        return text.translate(table) if search(text) else text

    return visible


_HIDDEN = CONTROL_CHARACTERS | {"\u00ad": None, "\ufeff": None, "\u200b": None}
_visible = make_visible_filter(_HIDDEN)

# The characters of `_HIDDEN` in UTF-8: an ASCII control, a byte pair for a C1 control or the
# soft hyphen, and three bytes for the byte-order mark and the zero-width space (each of these
# two with a byte that text seldom holds: when it is absent, so is the character).
_HIDDEN_ASCII = tuple(bytes([code]) for code in range(0x80) if chr(code) in _HIDDEN)
_HIDDEN_PAIR = re.compile(b"\xc2[\x80-\x9f\xad]").search
_HIDDEN_TRIPLES = ((b"\xef", b"\xef\xbb\xbf"), (b"\x8b", b"\xe2\x80\x8b"))


def _shows_every_byte(data: bytes, start: int) -> bool:
    """True when UTF-8 `data[start:]` holds no character `_visible` changes, as the usual file
    does: then its lines need no look one by one (searching each line costs five times as much
    as these searches of the bytes; a single byte is found as memchr finds it)."""
    return (
        not any(byte in data for byte in _HIDDEN_ASCII)
        and _HIDDEN_PAIR(data, start) is None
        and not any(
            rare in data and data.find(triple, start) >= 0 for rare, triple in _HIDDEN_TRIPLES
        )
    )


def decode_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Decode `data` as UTF-8 (with or without BOM), UTF-16/32 with a BOM, else cp1252 (or
    latin-1) with a warning; refuse binary data. Line ends come back as ``\\n``."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_strict(data, "utf-32", source)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_strict(data, "utf-16", source)
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _decode_strict(data, "utf-8-sig", source)
    else:
        _refuse_binary(data, source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                warnings.append(
                    f"{source}: not valid UTF-8; read as Windows-1252 (cp1252). "
                    "Check accented letters and quotes, or save the file as UTF-8"
                )
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                warnings.append(
                    f"{source}: neither UTF-8 nor Windows-1252; read as Latin-1. "
                    "Check accented letters and quotes, or save the file as UTF-8"
                )
    _refuse_control_heavy(text, source)
    return _normalise_line_ends(text), tuple(warnings)


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnsupportedFormatError(
            source,
            f"the file starts with a {encoding.upper()} byte-order mark but is not valid "
            f"{encoding.upper()} (at byte {error.start})",
            "save it again as UTF-8 text, or give the .docx",
        ) from None


def _refuse_binary(data: bytes, source: str) -> None:
    # Text without a BOM has no NUL bytes; a few per kilobyte already means binary or UTF-16
    # without a BOM, neither of which can be read reliably.
    sample = data[:65536]
    if sample.count(b"\x00") > max(1, len(sample) // 1000):
        raise UnsupportedFormatError(
            source,
            "this does not look like text (it contains NUL bytes: binary data, or UTF-16 "
            "without a byte-order mark)",
            BINARY_FIX + "; save text as UTF-8",
        )


# C0 controls but tab, line feed, vertical tab, form feed and carriage return; DEL and C1; U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]").findall


def _refuse_control_heavy(text: str, source: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROLS(sample))
    if controls > max(8, len(sample) // 20):
        raise UnsupportedFormatError(
            source, "this does not look like text (too many control characters)", BINARY_FIX
        )


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(slots=True)
class _Line:
    """One line with Tika markup being cleaned: its text so far and the footnote ids it cites."""

    number: int
    text: str
    refs: list[tuple[str, str]] = field(default_factory=list)  # (id, displayed mark)
    bodies: list[str] = field(default_factory=list)  # footnote ids whose body sat on this line


def parse_text_blocks(text: str, source: str) -> LoadedText:
    """Split `text` into one `Block` per non-blank line, with Tika markup resolved.

    Bookmarks are dropped; footnote references become `Footnote`s on their block (the marker and
    the displayed number leave the text); a footnote body found on a line is attached to the
    block that cites it. Soft hyphens are removed; blank lines (page breaks) are skipped.
    """
    text = _normalise_line_ends(text)
    return _parse_lines(iter(text.split("\n")), source, trailer_possible=_FOOTNOTES_TRAILER in text)


def _parse_lines(
    lines: Iterator[str], source: str, *, trailer_possible: bool, shown: bool = False
) -> LoadedText:
    """`parse_text_blocks` over lines (line ends removed) that may be decoded one at a time, so
    that a large file never needs its whole text and its lines in memory at once. `shown`:
    the lines are known to hold no character `_visible` changes."""
    warnings: list[str] = []
    # The layout stage rebuilds paragraphs of text wrapped at a fixed width; other text passes.
    lines, unwrapping = unwrap_lines(lines)
    bodies: dict[str, Footnote] = {}
    # A line without Tika markup (nearly every line) becomes its Block at once; a line with
    # markup waits as a `_Line` until every footnote body has been seen.
    entries: list[Block | _Line] = []
    trailer: list[str] | None = None
    notes_possible = False  # a "____" line or a "* note" seen: plain-text footnotes to find
    number = 0
    raw = next(lines, None)
    while raw is not None:
        number += 1
        if trailer_possible and raw.strip() == _FOOTNOTES_TRAILER:
            trailer = [line if shown else _visible(line) for line in lines]
            break
        current = raw if shown else _visible(raw)
        raw = next(lines, None)
        if "[" not in current:  # no bookmark, no footnote: the text is the line
            stripped = current.strip()
            if stripped:
                entries.append(Block(stripped, number))
                notes_possible = notes_possible or stripped[0] in "_*"
            continue
        current = _drop_bookmarks(current)
        line = _Line(number, "")
        # Footnote bodies may run over several lines (a footnote of several paragraphs).
        while True:
            start = _FOOTNOTE_BODY_START.search(current)
            if start is None:
                break
            end = _matching_bracket(current, start.start())
            while end is None and raw is not None:
                if trailer_possible and raw.strip() == _FOOTNOTES_TRAILER:
                    break
                number += 1
                current += "\n" + _drop_bookmarks(_visible(raw))
                raw = next(lines, None)
                end = _matching_bracket(current, start.start())
            if end is None:
                warnings.append(f"{source}:{line.number}: footnote {start.group(1)} is not closed")
                end = len(current) - 1
            note_id = start.group(1)
            body = current[start.end() : end]
            bodies[note_id] = _parse_body(body)
            line.bodies.append(note_id)
            current = current[: start.start()] + current[end + 1 :]
        for match in _FOOTNOTE_REF.finditer(current):
            line.refs.append((match.group(1), match.group(2) or match.group(1)))
        line.text = _FOOTNOTE_REF.sub("", current).strip()
        entries.append(line)

    blocks = _resolve_footnotes(entries, bodies, source, warnings)
    if notes_possible:
        blocks = _separated_footnotes(blocks, source, warnings)
    if trailer is not None:
        blocks = _attach_trailer_footnotes(blocks, trailer, source, warnings)
    warnings.extend(f"{source}: {note}" for note in unwrapping.notes())
    return LoadedText(
        source,
        SourceFormat.TEXT,
        tuple(blocks),
        tuple(warnings),
        dropped_furniture=unwrapping.dropped,
    )


def _resolve_footnotes(
    entries: list[Block | _Line], bodies: dict[str, Footnote], source: str, warnings: list[str]
) -> list[Block]:
    """The blocks of `entries`, each line with markup given the footnotes it cites."""
    marked = [entry for entry in entries if type(entry) is _Line]
    if not marked:
        return entries  # type: ignore[return-value]  # every entry is a Block
    cited = {note_id for line in marked for note_id, _ in line.refs}
    blocks: list[Block] = []
    for entry in entries:
        if type(entry) is Block:
            blocks.append(entry)
            continue
        assert isinstance(entry, _Line)
        line = entry
        footnotes: list[Footnote] = []
        for note_id, mark in line.refs:
            note = bodies.get(note_id)
            if note is None:
                warnings.append(f"{source}:{line.number}: footnote {mark} has no text")
                footnotes.append(Footnote(mark, ""))
            else:
                footnotes.append(Footnote(mark, note.text))
        # A body nobody cites still belongs to the paragraph it was written in.
        for note_id in line.bodies:
            if note_id not in cited:
                footnotes.append(bodies[note_id])
                warnings.append(
                    f"{source}:{line.number}: footnote {bodies[note_id].mark} is never cited; "
                    "attached to the paragraph it appears in"
                )
        if not line.text:
            if footnotes and blocks:
                last = blocks[-1]
                blocks[-1] = Block(
                    last.text, last.location, footnotes=last.footnotes + tuple(footnotes)
                )
            continue
        blocks.append(Block(line.text, line.number, footnotes=tuple(footnotes)))
    return blocks


def _drop_bookmarks(text: str) -> str:
    # Repeat: removing one marker may close up another ("[[bookmark: a]bookmark: b]").
    while True:
        cleaned = _BOOKMARK.sub("", text)
        if cleaned == text:
            return text
        text = cleaned


def _matching_bracket(text: str, open_at: int) -> int | None:
    """Index of the ``]`` closing the ``[`` at `open_at`, allowing nested brackets inside."""
    depth = 0
    for position in range(open_at, len(text)):
        if text[position] == "[":
            depth += 1
        elif text[position] == "]":
            depth -= 1
            if depth == 0:
                return position
    return None


def _parse_body(body: str) -> Footnote:
    match = _BODY_MARK.match(body)
    if match is None:
        return Footnote("", " ".join(body.split()))
    mark = match.group(1) or match.group(2) or ""
    return Footnote(mark, body[match.end() :].strip())


def _attach_trailer_footnotes(
    blocks: list[Block], trailer: list[str], source: str, warnings: list[str]
) -> list[Block]:
    """Attach footnotes listed after a ``[FOOTNOTES]`` line to the blocks that show their marks.

    Such extractions print marks as Word displays them, glued to the cited word
    (``countries4``, ``(Hammamet, 2016)1, 1bis``); the first block showing a mark that way
    receives the footnote, and the mark leaves its text.
    """
    notes = []
    for line in trailer:
        match = _TRAILER_LINE.match(line.strip())
        if match:
            notes.append(Footnote(match.group(1), match.group(2).strip()))
    return _attach_notes(blocks, notes, source, warnings)


# The line a page's footnotes start under in plain text: "____" (as Word's separator prints).
_SEPARATOR = re.compile(r"_{3,}")
# One footnote under it: "1 These include …", "1\tThese …", "1bis …", "* This Resolution …".
_NOTE_LINE = re.compile(
    r"(\d{1,2}(?:bis|ter|quater)?|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|\*{1,3}|[†‡])(?:\t\s*|\s+)(\S.*)", re.DOTALL
)
# Text copied from a PDF viewer may keep a mark raised: "users¹". The mark is the digit.
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A mark glued to what it annotates, as plain text shows it: "users*", "(…, 2022)*".
_GLUED_STAR = re.compile(r"\S\*{1,3}(?=[\s,.;:)]|$)")
_NOTE_ENDS = (".", ";", ":", "!", "?", ")")


def _separated_footnotes(blocks: list[Block], source: str, warnings: list[str]) -> list[Block]:
    """Footnotes as plain text prints them: a ``____`` line, then one note a line (``1 text``,
    ``1⇥text``, ``* text``; a note that does not end a sentence goes on on the next line), at
    a page's foot or at the end. Asterisk notes (``* This Resolution …``) are footnotes too
    when a ``*`` mark is glued to a word of the text. The notes leave the text and go to the
    blocks that show their marks."""
    starred = any(_GLUED_STAR.search(block.text) for block in blocks)
    kept: list[Block] = []
    notes: list[Footnote] = []
    in_notes = False
    previous: Block | None = None
    for block in blocks:
        text = block.text
        if _SEPARATOR.fullmatch(text):
            in_notes = True
            previous = block
            continue
        if in_notes and previous is not None and block.location > previous.location + 2:
            in_notes = False  # a page's notes stand together; after a gap the text goes on
        match = _NOTE_LINE.fullmatch(text)
        is_star = match is not None and match.group(1).startswith("*")
        if match is not None and (in_notes or (is_star and starred)):
            mark = match.group(1).translate(_FROM_SUPERSCRIPT)
            notes.append(Footnote(mark, match.group(2).strip()))
            in_notes = in_notes or is_star
        elif (
            in_notes
            and notes
            and previous is not None
            and block.location == previous.location + 1
            and not notes[-1].text.endswith(_NOTE_ENDS)
            and not _opens_a_part(text)
        ):
            notes[-1] = Footnote(notes[-1].mark, f"{notes[-1].text} {text}")
        else:
            in_notes = False
            kept.append(block)
        previous = block
    if not notes:
        return blocks
    return _attach_notes(kept, notes, source, warnings)


def _opens_a_part(text: str) -> bool:
    """True for a line that starts the text again after a page's footnotes: an item label, a
    capital, or a call line (``resolves``, ``instructs the Director …``)."""
    from revdiff.structure.grammar import call_phrases

    if not text[:1].islower():
        return True
    if re.match(r"\(?[a-z0-9]{1,5}[).]?\t", text):
        return True
    line = " ".join(text.lower().split())
    return len(line.split()) <= 12 and any(
        line == phrase or line.startswith(phrase + " ") for phrase in call_phrases()
    )


def _attach_notes(
    blocks: list[Block], notes: list[Footnote], source: str, warnings: list[str]
) -> list[Block]:
    """Give each note to the first block (after the previous note's) that shows its mark glued
    to a word, and take the mark out of that block's text."""
    marks = {note.mark for note in notes}
    result = list(blocks)
    start = 0
    attached_marks: set[str] = set()
    for note in notes:
        if note.mark in attached_marks:
            continue
        # Glued to a word or a closing bracket or quote, never to a digit or a dot: "1.2" and
        # "A.13" are numbers, not footnote marks.
        # A "*" may follow a digit too: "RESOLUTION 84*".
        before = r"(?<=\S)" if not note.mark[0].isdigit() else r"(?<=[^\W\d_]|[)\]\"”’'])"
        raised = note.mark.translate(_TO_SUPERSCRIPT)
        written = re.escape(note.mark) + (f"|{re.escape(raised)}" if raised != note.mark else "")
        glued = re.compile(
            before
            + f"(?:{written})"
            + r"(?:,\s*(?:"
            + "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
            + r"))*(?=[\s,.;:)]|$)"
        )
        for position in range(start, len(result)):
            block = result[position]
            found = glued.search(block.text)
            if found is None:
                continue
            extra = [m.strip() for m in found.group(0).split(",")[1:]]
            attached = [note] + [n for n in notes if n.mark in extra and n.mark != note.mark]
            attached_marks.update(n.mark for n in attached)
            # The same footnote cited again in this paragraph: drop those marks too.
            text = glued.sub("", block.text).strip()
            result[position] = Block(
                text, block.location, footnotes=block.footnotes + tuple(attached)
            )
            start = position
            break
        else:
            warnings.append(f"{source}: footnote {note.mark} is never cited in the text")
    return result


def read_text(path: Path, *, max_size: int) -> LoadedText:
    """Read a text file of at most `max_size` bytes and split it into blocks."""
    data = read_bounded(path, max_size)
    source = str(path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        # UTF-16 and UTF-32 (rare, and their line ends are not single bytes): decoded whole.
        text, warnings = decode_text(data, source)
        loaded = parse_text_blocks(text, source)
        del text
    else:
        # Decoded a line at a time: a 200 MB file never has its whole text (400 MB as a Python
        # string once it holds one non-ASCII letter) alive beside its lines and blocks.
        encoding, start, warnings = _choose_encoding(data, source)
        lines = _decode_lines(data, encoding, start)
        shown = encoding == "utf-8" and _shows_every_byte(data, start)
        loaded = _parse_lines(lines, source, trailer_possible=b"[FOOTNOTES]" in data, shown=shown)
    del data
    if not loaded.blocks:
        warnings += (f"{path}: the file holds no text",)
    return replace(loaded, warnings=warnings + loaded.warnings)


def _choose_encoding(data: bytes, source: str) -> tuple[str, int, tuple[str, ...]]:
    """What `decode_text` would decode `data` as (without a UTF-16/32 byte-order mark): the
    encoding, where the text starts (after a UTF-8 BOM) and the warnings. Refuses what
    `decode_text` refuses, with the same messages, but never builds the whole text."""
    warnings: tuple[str, ...] = ()
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, start = "utf-8", 3
        if not _decodes(data, encoding, start):
            _decode_strict(data, "utf-8-sig", source)  # raises, naming the bad byte
    else:
        _refuse_binary(data, source)
        start = 0
        if _decodes(data, "utf-8", 0):
            encoding = "utf-8"
        elif _decodes(data, "cp1252", 0):
            encoding = "cp1252"
            warnings = (
                f"{source}: not valid UTF-8; read as Windows-1252 (cp1252). "
                "Check accented letters and quotes, or save the file as UTF-8",
            )
        else:
            encoding = "latin-1"
            warnings = (
                f"{source}: neither UTF-8 nor Windows-1252; read as Latin-1. "
                "Check accented letters and quotes, or save the file as UTF-8",
            )
    # The first 64 Ki characters, as `_refuse_control_heavy` sees them: at most 4 bytes each.
    head = codecs.getincrementaldecoder(encoding)().decode(data[start : start + 4 * 65536])
    _refuse_control_heavy(head[:65536], source)
    return encoding, start, warnings


_DECODE_STEP = 1 << 20


def _decodes(data: bytes, encoding: str, start: int) -> bool:
    """True if `data[start:]` is valid in `encoding`; checked a megabyte at a time."""
    if data.isascii():
        return True
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for position in range(start, len(data), _DECODE_STEP):
            decoder.decode(view[position : position + _DECODE_STEP])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        view.release()
    return True


def _decode_lines(data: bytes, encoding: str, start: int) -> Iterator[str]:
    """The lines of `data[start:]`, decoded one at a time, split as `_normalise_line_ends` then
    ``split("\\n")`` would split the decoded text (in UTF-8, Windows-1252 and Latin-1, a line
    end is one byte that is never part of another character)."""
    has_cr = data.find(b"\r", start) >= 0
    position = start
    while True:
        newline = data.find(b"\n", position)
        piece = data[position:] if newline < 0 else data[position:newline]
        if has_cr and b"\r" in piece:
            if newline >= 0 and piece.endswith(b"\r"):
                piece = piece[:-1]  # "\r\n" is one line end
            for part in piece.split(b"\r"):
                yield part.decode(encoding)
        else:
            yield piece.decode(encoding)
        if newline < 0:
            return
        position = newline + 1


def read_bounded(path: Path, max_size: int) -> bytes:
    """The bytes of `path`, refusing a file larger than `max_size` without reading it all."""
    try:
        with path.open("rb") as handle:
            data = _read_at_most(handle, max_size)
    except OSError as error:
        raise InputError(
            str(path),
            f"cannot read the file ({error.strerror or error})",
            "check the path and its permissions",
        ) from None
    if data is None:
        raise InputError(
            str(path),
            f"the file is larger than the --max-size limit of {_describe_size(max_size)}",
            "if it really is a resolution, raise the limit, e.g. --max-size 500M "
            "(max_size= in the API)",
        )
    return data


def _read_at_most(handle: BinaryIO, max_size: int) -> bytes | None:
    """The bytes of `handle`, or None once they are more than `max_size`. Never asks for more
    than the file holds: ``read(max_size + 1)`` allocates that much up front, so a generous
    --max-size such as 1T would fail with MemoryError on a small file."""
    expected = os.fstat(handle.fileno()).st_size
    if expected > max_size:
        return None
    data = handle.read(expected + 1)
    if len(data) > expected:  # longer than its size said (still growing, or /proc): go on
        buffer = bytearray(data)
        while len(buffer) <= max_size:
            more = handle.read(min(1 << 20, max_size + 1 - len(buffer)))
            if not more:
                break
            buffer += more
        data = bytes(buffer)
    return None if len(data) > max_size else data


def _describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size / 1024:g} KB"
    return f"{size} byte" + ("" if size == 1 else "s")
