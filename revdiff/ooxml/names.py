"""The one table of WordprocessingML names: namespaces, relationship and content types, and the
element names the loader and the redline writer look at.

Word writes the transitional namespace (``W_NS``); a document saved as Strict Open XML uses
``W_STRICT`` for the same elements. The loader reads either (`tag_table`), the writer writes
transitional only (`w`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
WORD_NAMESPACES = (W_NS, W_STRICT)
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"

MAIN_PART = "word/document.xml"
CONTENT_TYPES_PART = "[Content_Types].xml"
PACKAGE_RELS_PART = "_rels/.rels"

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_COMMENTS = _REL + "comments"
REL_FOOTNOTES = _REL + "footnotes"
REL_STYLES = _REL + "styles"
REL_SETTINGS = _REL + "settings"
REL_OFFICE_DOCUMENT = _REL + "officeDocument"
# The main document's relationship in a transitional and in a Strict package.
OFFICE_DOCUMENT = (
    REL_OFFICE_DOCUMENT,
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
REL_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
REL_EXTENDED_PROPERTIES = _REL + "extended-properties"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_COMMENTS = _WML + ".comments+xml"
CT_MAIN = _WML + ".document.main+xml"
CT_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_STYLES = _WML + ".styles+xml"
CT_SETTINGS = _WML + ".settings+xml"
CT_FOOTNOTES = _WML + ".footnotes+xml"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
CT_EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"

# The document properties parts (docProps/core.xml, docProps/app.xml).
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

# The WordprocessingML elements the loader looks at, by local name (`tag_table`).
TAG_NAMES = (
    "body",
    "p",
    "pPr",
    "rPr",
    "pStyle",
    "numPr",
    "numId",
    "ilvl",
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "r",
    "t",
    "delText",
    "tab",
    "ptab",
    "br",
    "cr",
    "noBreakHyphen",
    "softHyphen",
    "sym",
    "footnoteReference",
    "endnoteReference",
    "fldChar",
    "instrText",
    "delInstrText",
    "fldSimple",
    "hyperlink",
    "smartTag",
    "customXml",
    "sdt",
    "sdtContent",
    "dir",
    "bdo",
    "tbl",
    "tr",
    "tc",
    "trPr",
    "pPrChange",
    "drawing",
    "pict",
    "object",
    "txbxContent",
    "rStyle",
    "vertAlign",
    "sectPr",
    "footnotePr",
    "endnotePr",
    "numRestart",
    "numStart",
    "numFmt",
    "footnote",
    "endnote",
    "footnoteRef",
    "endnoteRef",
    "val",
    "id",
)

# Inline wrappers whose runs belong to the paragraph as if they were its own (a content control's
# w:sdtContent is one too, inside its w:sdt).
INLINE_WRAPPERS = ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
# Block-level wrappers around paragraphs, table rows and cells.
BLOCK_WRAPPERS = ("sdt", "sdtContent", "customXml")


def w(tag: str) -> str:
    """The Clark name of a transitional WordprocessingML tag: ``w("p")`` -> ``{…/main}p``."""
    return f"{{{W_NS}}}{tag}"


@cache
def tag_table(namespace: str) -> Mapping[str, str]:
    """Every name of `TAG_NAMES` as a Clark name in `namespace` (transitional or Strict)."""
    return MappingProxyType({name: f"{{{namespace}}}{name}" for name in TAG_NAMES})


def namespace_of(element: etree._Element) -> str:
    """The namespace URI of an element's tag ("" when it has none)."""
    tag = element.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1 : tag.index("}")]
    return ""
