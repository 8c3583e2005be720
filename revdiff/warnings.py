"""The warnings of a comparison: what the reader must know before trusting a report.

Pure: Documents in, ReportWarnings out. A document brings its own (the loader's and the
structure stage's: tracked changes and the view read, an empty file, text that is not a
resolution, parse doubts) and whether it is a labelled reconstruction; the pair brings more
(two different resolutions, an OLD newer than NEW). A warning never stops a comparison: the
report is made, and says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from revdiff.language import language_name
from revdiff.model import Comparison, Document, ReportWarning, WarningCode

# Words of the loaders' and the structure stage's messages that say what a warning is about.
# A message may come as text (older stages) or already as a ReportWarning.
_CODES_BY_WORDS: tuple[tuple[re.Pattern[str], WarningCode], ...] = (
    (re.compile(r"tracked changes"), WarningCode.TRACKED_CHANGES),
    (re.compile(r"document is empty|holds no text"), WarningCode.EMPTY),
    (re.compile(r"no resolution structure"), WarningCode.NOT_A_RESOLUTION),
    (
        re.compile(
            r"not valid UTF-8|neither UTF-8|macros|text box|symbol|footnote"
            r"|page furniture left out|joined into paragraphs|images but no text"
        ),
        WarningCode.LOAD,
    ),
)
_LINE = re.compile(r"(?:line )?(\d+): ")


def document_warnings(document: Document) -> tuple[ReportWarning, ...]:
    """The warnings one document brings, each once, in the order they arose; a labelled
    reconstruction says so first."""
    found: list[ReportWarning] = []
    if document.is_reconstruction:
        found.append(reconstruction_warning(document))
    # The structure stage's notices carry their own codes; their text copies in `warnings`
    # are read back to them, so that each is said once, with its code.
    notices = {notice.message: notice for notice in document.notices}
    for item in document.warnings:
        warning = as_report_warning(document.source, item)
        found.append(notices.pop(warning.message, warning))
    found.extend(notices.values())
    return _unique(found)


def reconstruction_warning(document: Document) -> ReportWarning:
    return ReportWarning(
        WarningCode.RECONSTRUCTION,
        document.source,
        "this version is a labelled reconstruction, not the official text",
    )


def report_warnings(comparison: Comparison) -> tuple[ReportWarning, ...]:
    """The warnings a report shows: the comparison's, and a reconstruction's even when the
    Comparison was put together without them (a report never hides that)."""
    found = list(comparison.warnings)
    for document in (comparison.old, comparison.new):
        said = any(
            w.code is WarningCode.RECONSTRUCTION and w.source == document.source for w in found
        )
        if document.is_reconstruction and not said:
            found.append(reconstruction_warning(document))
    return tuple(found)


def history_warnings(
    comparisons: Iterable[Comparison], extra: Iterable[str] = ()
) -> tuple[ReportWarning | str, ...]:
    """The warnings of a history: its own (`extra`: the versions are not all one resolution),
    then each version's and each step's once. A step between two different resolutions is
    left out when the history already says so."""
    found: list[ReportWarning | str] = [*extra]
    said_identity = bool(found)
    for comparison in comparisons:
        for warning in report_warnings(comparison):
            if not (said_identity and warning.code is WarningCode.DIFFERENT_RESOLUTIONS):
                found.append(warning)
    return tuple(dict.fromkeys(found))


def as_report_warning(source: str, item: ReportWarning | str) -> ReportWarning:
    """A warning as the model holds it; a text message (``"file:12: footnote 3 …"``) is given a
    code from its words, its line number and no repeated file name."""
    if isinstance(item, ReportWarning):
        return item
    message, line = item, None
    if message.startswith(f"{source}:"):
        message = message[len(source) + 1 :]
        match = _LINE.match(message.lstrip())
        if match:
            line, message = int(match.group(1)), message.lstrip()[match.end() :]
        message = message.strip()
    code = next((c for pattern, c in _CODES_BY_WORDS if pattern.search(message)), None)
    return ReportWarning(code or WarningCode.PARSE, source, message, line)


def pair_warnings(old: Document, new: Document) -> tuple[ReportWarning, ...]:
    """Warnings about the pair: OLD and NEW are different resolutions (another body or number),
    or OLD is dated after NEW. The comparison is made all the same, as diff(1) would."""
    found: list[ReportWarning] = []
    a, b = old.metadata, new.metadata
    if a.number and b.number and _plain(a.number) != _plain(b.number):
        found.append(
            ReportWarning(
                WarningCode.DIFFERENT_RESOLUTIONS,
                None,
                f"OLD and NEW are different resolutions ({old.source}: {_identity(old)}; "
                f"{new.source}: {_identity(new)}); compared all the same",
            )
        )
    elif a.body and b.body and _plain(a.body) != _plain(b.body):
        found.append(
            ReportWarning(
                WarningCode.DIFFERENT_RESOLUTIONS,
                None,
                f"OLD and NEW come from different bodies ({old.source}: {_identity(old)}; "
                f"{new.source}: {_identity(new)}); compared all the same",
            )
        )
    if old.language and new.language and old.language != new.language:
        found.append(
            ReportWarning(
                WarningCode.DIFFERENT_LANGUAGES,
                None,
                f"OLD is in {language_name(old.language)} and NEW in "
                f"{language_name(new.language)}: the comparison is across languages (for two "
                "language versions of one text, use revdiff parity)",
            )
        )
    if a.year is not None and b.year is not None and a.year > b.year:
        found.append(
            ReportWarning(
                WarningCode.OLD_IS_NEWER,
                old.source,
                f"OLD is dated {a.year}, after NEW ({new.source}, {b.year}): the arguments may "
                "be the wrong way round (added and deleted would be swapped)",
            )
        )
    return tuple(found)


def comparison_warnings(old: Document, new: Document) -> tuple[ReportWarning, ...]:
    """Every warning of a comparison: the pair's first, then OLD's, then NEW's."""
    return _unique([*pair_warnings(old, new), *document_warnings(old), *document_warnings(new)])


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _identity(document: Document) -> str:
    metadata = document.metadata
    shown = metadata.number_line or " ".join(p for p in (metadata.body, metadata.number) if p)
    return shown or "no number line"


def _unique(warnings: Iterable[ReportWarning]) -> tuple[ReportWarning, ...]:
    """Each warning once; an empty file says so once, though loader and parser both notice."""
    seen: set[tuple[WarningCode, str | None]] = set()
    out: list[ReportWarning] = []
    for warning in dict.fromkeys(warnings):
        if warning.code is WarningCode.EMPTY:
            if (warning.code, warning.source) in seen:
                continue
            seen.add((warning.code, warning.source))
        out.append(warning)
    return tuple(out)
