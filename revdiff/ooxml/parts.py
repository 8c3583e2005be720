"""A whole Word package held in memory to be edited and written again (the redline's base).

Every part is kept in its zip order; XML parts are parsed on demand (with the safe parser of
`revdiff.ooxml.xml`) and written back only if they were asked for, so the others keep their exact
bytes. The zip is written with fixed timestamps and a fixed part order: the same inputs give the
same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from revdiff.errors import CorruptFileError
from revdiff.ooxml.names import (
    CONTENT_TYPES_PART,
    CT_NS,
    MAIN_PART,
    PACKAGE_RELS_PART,
    REL_OFFICE_DOCUMENT,
    RELS_NS,
    w,
)
from revdiff.ooxml.package import rels_name, resolve_target
from revdiff.ooxml.xml import parse_xml, serialize_xml

BASE_MAX_SIZE = 200 * 1024 * 1024  # every part of the base .docx, decompressed (as --max-size)

# A fixed timestamp for every zip entry (the earliest DOS date): the bytes must not depend on the
# clock, only on the inputs and the revision date.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".zip", ".mp4", ".mp3")


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
            self._xml[name] = parse_xml(self.parts[name], self.source, name)
        return self._xml[name]

    def set_xml(self, name: str, root: etree._Element) -> None:
        self._xml[name] = root
        self.parts.setdefault(name, b"")

    def to_bytes(self) -> bytes:
        """The zip: [Content_Types].xml first, then the parts in their original order, every
        entry with the same fixed date and attributes."""
        names = list(self.parts)
        if CONTENT_TYPES_PART in names:
            names.remove(CONTENT_TYPES_PART)
            names.insert(0, CONTENT_TYPES_PART)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                data = serialize_xml(self._xml[name]) if name in self._xml else self.parts[name]
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
        if self.has(PACKAGE_RELS_PART):
            for rel in self.xml(PACKAGE_RELS_PART).iter(f"{{{RELS_NS}}}Relationship"):
                if rel.get("Type") == REL_OFFICE_DOCUMENT:
                    return (rel.get("Target") or MAIN_PART).lstrip("/")
        return MAIN_PART

    def related_parts(self, part: str, kinds: Iterable[str]) -> list[str]:
        """The parts `part` relates to with a relationship whose type ends in one of `kinds`
        (``footnotes``, ``header``, …), in relationship order, each once."""
        wanted = set(kinds)
        names: list[str] = []
        rels = rels_name(part)
        if not self.has(rels):
            return names
        for rel in self.xml(rels).iter(f"{{{RELS_NS}}}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if kind not in wanted or rel.get("TargetMode") == "External":
                continue
            name = resolve_target(part, rel.get("Target") or "")
            if self.has(name) and name not in names:
                names.append(name)
        return names

    def related_part(self, part: str, rel_type: str) -> str | None:
        """The name of the part `part` relates to with `rel_type`, if any."""
        rels = rels_name(part)
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{RELS_NS}}}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                return resolve_target(part, rel.get("Target") or "")
        return None

    def relate(self, part: str, target: str, rel_type: str) -> None:
        """Add a relationship from `part` to the part `target` (a name in the package)."""
        rels = rels_name(part)
        if not self.has(rels):
            self.set_xml(rels, etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS}))
        root = self.xml(rels)
        taken = {rel.get("Id") for rel in root}
        number = 1
        while f"rIdRevdiff{number}" in taken:
            number += 1
        rel = etree.SubElement(root, f"{{{RELS_NS}}}Relationship")
        rel.set("Id", f"rIdRevdiff{number}")
        rel.set("Type", rel_type)
        folder = part.rpartition("/")[0]
        rel.set("Target", _relative(folder, target))

    def set_content_type(self, part: str, content_type: str) -> None:
        root = self.xml(CONTENT_TYPES_PART)
        name = "/" + part
        for override in root.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName") == name:
                override.set("ContentType", content_type)
                return
        override = etree.SubElement(root, f"{{{CT_NS}}}Override")
        override.set("PartName", name)
        override.set("ContentType", content_type)

    def content_type(self, part: str) -> str | None:
        """The content type the package overrides for `part` (None without an override)."""
        root = self.xml(CONTENT_TYPES_PART)
        return next((o.get("ContentType") for o in root if o.get("PartName") == "/" + part), None)

    def remove_part(self, name: str) -> None:
        self.parts.pop(name, None)
        self._xml.pop(name, None)
        root = self.xml(CONTENT_TYPES_PART)
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


def _relative(folder: str, target: str) -> str:
    if folder and target.startswith(folder + "/"):
        return target[len(folder) + 1 :]
    return "/" + target
