"""Schema order: where a child goes among the children the schema allows, for the elements the
redline writer inserts into (paragraph properties, run properties, settings).

WordprocessingML elements are sequences: Word refuses a file whose ``w:pPr`` has its ``w:rPr``
before its ``w:pStyle``. These tuples list the children of CT_PPr, CT_ParaRPr and CT_Settings in
schema order.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from revdiff.ooxml.names import w

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
