"""Grammar-aware fuzzing: resolution-like texts built line by line from the real vocabulary
(number lines, call words of the six languages, labels of every shape, footnotes, sections,
proposal markers, citations), run through the parse, the comparison, every report, the outline,
the Word redline and the command line. The only allowed outcomes are a result or a RevdiffError.

tests/test_fuzz.py mutates bytes and seldom builds a line such as "VV)\ttext" (which crashed every
command until 6c3d70b); these strategies build such lines on purpose.

Bounded: a few dozen examples per property and no deadline, so the whole file runs in well under a
minute. REVDIFF_FUZZ_EXAMPLES=2000 fuzzes longer, by hand.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from bad_fixtures import check_document, cli_runner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from revdiff.cli import app
from revdiff.errors import RevdiffError
from revdiff.language import language_tables
from revdiff.load.text import parse_text_blocks
from revdiff.model import CompareOptions, Comparison, Document
from revdiff.structure import parse_structure

EXAMPLES = int(os.environ.get("REVDIFF_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPTIONS = CompareOptions(diff_timeout=0.5)

# --------------------------------------------------------------------------------------------
# The vocabulary: read from the language files, as the parser reads it


def _language_files() -> list[dict[str, Any]]:
    return [table for _, table in language_tables()]


def _gather(*keys: str) -> list[str]:
    """Every string under `keys` in every language file: a list's items or a table's keys."""
    found: list[str] = []
    for table in _language_files():
        value: object = table
        for key in keys:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if isinstance(value, list):
            found += [v for v in value if isinstance(v, str)]
        elif isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, list):
                    found += [v for v in item if isinstance(v, str)]
                else:
                    found.append(name)
    return sorted(set(found)) or ["x"]


def _gather_each(table: str, keys: list[str]) -> list[list[str]]:
    """`_gather(table, key)` for each of `keys`."""
    return [_gather(table, key) for key in keys]


# The vocabulary, table by table of the language files.
INSTRUMENTS, QUALIFIERS, REVISIONS, SECTORS = _gather_each(
    "number_line", ["instruments", "qualifiers", "revision", "sectors"]
)
PREFIXES, SHORT_FORMS, BODY_NAMES = _gather_each("bodies", ["prefixes", "short_forms", "names"])
PLACES = [*_gather("places"), "Geneva", "Dubai", "Busan", "Hammamet", "Kyoto", "Johannesburg"]
OPENERS = _gather("preamble", "openers")
CALLS = _gather("calls", "preamble") + _gather("calls", "operative")
SECTION_WORDS, ANNEX_WORDS, ANNEX_TO = _gather_each("sections", ["section", "annex", "annex_to"])
MARKERS, REASONS, REFERENCES, HEADERS = _gather_each(
    "proposal", ["markers", "reasons", "references", "header"]
)
CONTINUED = _gather("footnotes", "continued")
SUFFIXES, FIRST_LETTERS, SECOND_LETTERS, LOOKALIKES = _gather_each(
    "labels", ["suffixes", "letters", "second_letters", "lookalikes"]
)
CITATION_KINDS, CITATION_INSTRUMENTS = _gather_each("citations", ["kinds", "instruments"])

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "that",
    "study",
    "groups",
    "users/consumers",
    "telecommunication/ICT",
    "ITU\u2011T",
    "ITU-R",
    "E.164",
    "§ 13 e)",
    "No. 5.516B",
    "2.5 GHz",
    "(QoS)",
    "«quoted»",
    "\u201cquoted\u201d",
    "e\u2011mail",
    "para\u00adgraph",
    "résolution",
    "учитывая",
    "القرار",
    "决议",
    "1)",
    "a)",
    ";",
    ",",
    ":",
    ".",
    "Resolution 196 (Rev. Dubai, 2018)",
    "Resolution\u00a0196 (Busan, 2014)",
    "Recommendation ITU-T E.164",
    "Resolutions 64, 69 and 72",
    "Resolution 1380 (modified 2017) of the Council",
    "Article 5 of the Radio Regulations",
    "(Rev.WRC-19)",
    "Decision 5 (Rev. Dubai, 2018)",
    "Пересм. Дубай, 2018 г.",
]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\u00a0", "\u202f", "\u00ad", ", ", "; ", " \u2013 ", ""]
ODD_CHARS = [
    "\u200b",
    "\ufeff",
    "\u2028",
    "\u202e",
    "\u0301",
    "\x00",
    "\x1b",
    "\u0640",
    "\uf02d",
    "\U0001f600",
    "\ufffd",
    "¹",
    "²",
    "⁽¹⁾",
    "*",
    "†",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "<",
    "&",
]

years = st.integers(1865, 2099).map(str) | st.sampled_from(["19", "0", "99999", "2O22", ""])
numbers = st.integers(0, 2000).map(str) | st.sampled_from(
    ["84", "1bis", "12ter", "2-8", "E.164", "X.509", "A", "0", "007", "99999999999999999999"]
)


@st.composite
def words(draw: st.DrawFn, min_size: int = 0, max_size: int = 14) -> str:
    """Clause-like words, with the odd character, a very long word or random unicode."""
    count = draw(st.integers(min_size, max_size))
    parts: list[str] = []
    for _ in range(count):
        kind = draw(st.integers(0, 19))
        if kind < 14:
            parts.append(draw(st.sampled_from(WORDS + CALLS[:10] + PLACES[:10])))
        elif kind < 16:
            parts.append(draw(st.sampled_from(ODD_CHARS)))
        elif kind == 16:
            parts.append(
                draw(st.sampled_from(["a", "x", "ш", "ب", "中"])) * draw(st.integers(50, 600))
            )
        elif kind == 17:
            parts.append(draw(citations()))
        else:
            parts.append(draw(st.text(max_size=8)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


@st.composite
def editions(draw: st.DrawFn) -> str:
    """The brackets after a number: "(Rev. Geneva, 2022)", "(Hammamet, 2016)", "(Rev.WRC-19)"."""
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return (
            f"({draw(st.sampled_from(REVISIONS))} {draw(st.sampled_from(PLACES))}, {draw(years)})"
        )
    if kind == 1:
        return f"({draw(st.sampled_from(PLACES))}, {draw(years)})"
    if kind == 2:
        sep = draw(st.sampled_from(["", " ", "-"]))
        short = draw(st.sampled_from(SHORT_FORMS))
        return f"({draw(st.sampled_from(REVISIONS))}{sep}{short}-{draw(years)})"
    if kind == 3:
        return f"({draw(years)})"
    if kind == 4:
        return "(" + draw(words(max_size=3))
    return ""


@st.composite
def citations(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(CITATION_KINDS))
    tail = draw(
        st.sampled_from(["", " of the Plenipotentiary Conference", " of the Council", " of WTSA"])
        | st.sampled_from(CITATION_INSTRUMENTS).map(lambda x: " of the " + x)
    )
    sector = draw(st.sampled_from(["", *(s + " " for s in SECTORS)]))
    return f"{kind} {sector}{draw(numbers)} {draw(editions())}{tail}"


# --------------------------------------------------------------------------------------------
# Labels of every shape

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ODD_LABEL_CORES = [
    "VV",
    "XL",
    "ZZ",
    "IIII",
    "II",
    "IV",
    "MM",
    "CC",
    "LL",
    "xl",
    "iiii",
    "vv",
    "ll",
    "cd",
    "ivxlc",
    "xxxx",
    "viiii",
    "0",
    "00",
    "999",
    "а",
    "б",
    "я",
    "ё",
    "أ",
    "ب",
    "هـ",
    "ي",
    "ـ",
]


@st.composite
def labels(draw: st.DrawFn) -> str:
    """A label as typed: "a)", "b)bis", "(iv)", "A)", "VV)", "1.2.3", "12ter", "–", "а)", …"""
    kind = draw(st.integers(0, 6))
    if kind <= 2:
        core = draw(
            st.sampled_from(
                list(LETTERS.upper()) + ODD_LABEL_CORES + FIRST_LETTERS + SECOND_LETTERS
            )
            | st.sampled_from(LOOKALIKES)
            | st.text(alphabet="abcivxlAIVXZабأهـ", min_size=1, max_size=4)
            | st.integers(0, 1200).map(str)
        )
        opened = draw(st.booleans())
        suffix = draw(st.sampled_from(["", "", *SUFFIXES]))
        before = draw(st.booleans())
        space = draw(st.sampled_from(["", "", " "]))
        body = core + space + (suffix + ")" if before else ")" + suffix)
        return ("(" if opened else "") + body
    if kind == 3:
        parts = draw(
            st.lists(
                st.integers(0, 1500).map(str) | st.sampled_from(["1bis", "12ter", "2quater", "0"]),
                min_size=1,
                max_size=5,
            )
        )
        return ".".join(parts) + draw(st.sampled_from(["", "", "."]))
    if kind == 4:
        return draw(st.sampled_from(["–", "—", "-", "−", "•", "·", "▪", "◦", "\uf02d", "*"]))
    if kind == 5:
        return draw(st.sampled_from(["2.5 GHz", "1.", "1)", "(1)", "§ 3", "NOTE 2 –", "No. 5"]))
    return draw(st.text(min_size=1, max_size=4))


# --------------------------------------------------------------------------------------------
# Lines


@st.composite
def number_lines(draw: st.DrawFn) -> str:
    qualifier = draw(st.sampled_from(["", "", *(q + " " for q in QUALIFIERS)]))
    prefix = draw(st.sampled_from(["", "", *(p + " " for p in PREFIXES)]))
    instrument = draw(st.sampled_from(INSTRUMENTS))
    sector = draw(st.sampled_from(["", "", *(s + " " for s in SECTORS)]))
    space = draw(st.sampled_from([" ", "\u00a0", "  ", "\t", " "]))
    line = f"{qualifier}{prefix}{instrument}{space}{sector}{draw(numbers)} {draw(editions())}"
    return draw(st.sampled_from(["", " "])) + line + draw(st.sampled_from(["", " ", "*", "¹"]))


@st.composite
def proposal_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        marker = draw(st.sampled_from(MARKERS))
        ident = draw(
            st.sampled_from(["XX/64A1/3", "ACP/64A1/1", "EUR/1/2", "", "RCC/", "/"])
            | st.text(max_size=10)
        )
        gap = draw(st.sampled_from(["\t", " ", ""]))
        return f"{marker}{gap}{ident}"
    if kind == 1:
        colon = draw(st.sampled_from([":", ":", "", "："]))
        return f"{draw(st.sampled_from(REASONS + REFERENCES))}{colon}\t{draw(words())}"
    if kind == 2:
        return f"{draw(st.sampled_from(HEADERS))}: {draw(words(max_size=4))}"
    if kind == 3:
        return draw(st.sampled_from(["Document 64(Add.1)-E", "Addendum 1 to", "Document C22/1-E"]))
    return f"{draw(st.sampled_from(MARKERS))}\t{draw(number_lines())}"


@st.composite
def footnote_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    mark = draw(
        st.sampled_from(["1", "2", "1bis", "*", "**", "†", "¹", "²", "12", "0", "99999"])
        | st.integers(1, 30).map(str)
    )
    if kind == 0:
        return "_" * draw(st.integers(1, 40))
    if kind == 1:
        gap = draw(st.sampled_from(["\t", " ", "  ", "\u00a0"]))
        return f"{mark}{gap}{draw(words())}"
    if kind == 2:
        ref = draw(st.integers(0, 5))
        return f"{draw(words(max_size=4))}[footnoteRef:{ref}]{mark} {draw(words(max_size=3))}"
    if kind == 3:
        ref = draw(st.integers(0, 5))
        close = draw(st.sampled_from(["]", "] ", "", "]]"]))
        return f"{draw(words(max_size=3))} [{ref}: {mark} \t{draw(words(max_size=5))}{close}"
    if kind == 4:
        return "[FOOTNOTES]"
    if kind == 5:
        return f"{draw(words(max_size=4))}{mark} {draw(st.sampled_from(CONTINUED))}"
    return f"[bookmark: {draw(st.text(max_size=6))}]{draw(words(max_size=3))}"


@st.composite
def section_lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{draw(st.sampled_from(SECTION_WORDS))} {draw(numbers | labels())}"
    word = draw(st.sampled_from(ANNEX_WORDS))
    name = draw(st.sampled_from(["A", "1", "I", "", "2 bis", "B", "IV", "١"]))
    if kind == 1:
        return f"{word} {name}".strip()
    if kind == 2:
        link = draw(st.sampled_from(ANNEX_TO))
        return f"{word} {name} {link} {draw(st.sampled_from(INSTRUMENTS))} {draw(numbers)} " + draw(
            editions()
        )
    return f"{word.title()} {name} (to {draw(citations())})"


@st.composite
def call_lines(draw: st.DrawFn) -> str:
    call = draw(st.sampled_from(CALLS))
    tail = draw(
        st.sampled_from(
            ["", "", ":", " the Director of the Telecommunication Standardization Bureau"]
        )
        | words(max_size=5).map(lambda w: " " + w)
    )
    return call + tail


@st.composite
def preamble_lines(draw: st.DrawFn) -> str:
    opener = draw(st.sampled_from(OPENERS))
    body = draw(st.sampled_from(BODY_NAMES))
    edition = f"({draw(st.sampled_from(PLACES))}, {draw(years)})"
    return f"{opener} {body} {edition}{draw(st.sampled_from([',', '', ':']))}"


@st.composite
def clause_lines(draw: st.DrawFn) -> str:
    sep = draw(st.sampled_from(["\t", "\t", " ", "\u00a0", "\u202f", "", "\t\t", "  "]))
    return f"{draw(labels())}{sep}{draw(words(min_size=1))}"


LINE_KINDS = [
    (clause_lines(), 10),
    (call_lines(), 4),
    (number_lines(), 2),
    (preamble_lines(), 1),
    (proposal_lines(), 2),
    (footnote_lines(), 3),
    (section_lines(), 2),
    (words(), 2),
    (st.just(""), 2),
    (st.text(max_size=40), 1),
    (
        st.sampled_from(
            ["(Hammamet, 2016; Geneva, 2022)", "FOREWORD", "\ufeff", " ", "\t", "__", "¹"]
        ),
        1,
    ),
]
one_line = st.one_of(*[strategy for strategy, weight in LINE_KINDS for _ in range(weight)])


@st.composite
def resolution_lines(draw: st.DrawFn, max_size: int = 40) -> list[str]:
    """A resolution's lines: a structured one, or a number line, a title and a preamble line
    then lines of any kind."""
    if draw(st.booleans()):
        return draw(structured_lines())
    head: list[str] = []
    if draw(st.integers(0, 4)):
        head.append(draw(number_lines()))
        head.append(draw(words(max_size=8)))
        if draw(st.booleans()):
            head.append(draw(preamble_lines()))
    return head + draw(st.lists(one_line, max_size=max_size))


def _roman(number: int) -> str:
    from revdiff.normalize import to_roman

    return to_roman(number) or "i"


def _letters(number: int, alphabet: str | list[str]) -> str:
    """The `number`th item letter of `alphabet`, doubled past its end ("z)", "aa)", "bb)")."""
    count = len(alphabet)
    return alphabet[(number - 1) % count] * ((number - 1) // count + 1)


CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
ARABIC = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع"]
# How the nth item of a list is written, for each style of list.
STYLES: dict[str, Callable[[int], str]] = {
    "letter": lambda n: _letters(n, LETTERS) + ")",
    "(letter)": lambda n: "(" + _letters(n, LETTERS) + ")",
    "LETTER": lambda n: _letters(n, LETTERS.upper()) + ")",
    "roman": lambda n: _roman(n) + ")",
    "(roman)": lambda n: "(" + _roman(n) + ")",
    "ROMAN": lambda n: _roman(n).upper() + ")",
    "num": str,
    "num.": lambda n: f"{n}.",
    "num)": lambda n: f"{n})",
    "cyrillic": lambda n: _letters(n, CYRILLIC) + ")",
    "arabic": lambda n: _letters(n, ARABIC) + ")",
    "indent": lambda n: "–",
}


@st.composite
def item_sequences(draw: st.DrawFn, prefix: str = "") -> list[str]:
    """The labelled items of one part: a list in one style (a) b) c)…, 1 2 3, i) ii), A) B)…,
    VV) after Z)), with items skipped, repeated, given a "bis" or a stray label of another
    style, and numbered sub-items ("1.1", "2bis.3")."""
    style = draw(st.sampled_from(sorted(STYLES)))
    start = draw(st.sampled_from([1, 1, 1, 2, 20, 25, 26, 27, 39, 48, 52, 53, 99, 0]))
    count = draw(st.integers(1, 32))
    items: list[str] = []
    n = start
    for _ in range(count):
        label = STYLES[style](n) if n > 0 or style.startswith("num") else STYLES[style](1)
        if style.startswith("num"):
            label = prefix + label
        twist = draw(st.integers(0, 12))
        if twist == 0:
            label += draw(st.sampled_from(SUFFIXES))
        elif twist == 1:
            label = draw(labels())
        elif twist == 2:
            n += draw(st.integers(1, 5))
        elif twist == 3:
            n -= 1
        gap = draw(st.sampled_from(["\t", "\t", " "]))
        items.append(f"{label}{gap}{draw(words(min_size=1))}")
        if style.startswith("num") and draw(st.integers(0, 6)) == 0 and len(prefix) < 12:
            items += draw(item_sequences(prefix=f"{prefix}{n}."))
        n += 1
    return items


@st.composite
def structured_lines(draw: st.DrawFn) -> list[str]:
    """A resolution as ITU writes one: number line, title, preamble, then parts opened by a call
    line, each with its list of items; sometimes sections, annexes, footnotes and proposal
    markers between them."""
    lines = [draw(number_lines()), draw(words(max_size=8)), draw(preamble_lines())]
    for _ in range(draw(st.integers(1, 8))):
        extra = draw(st.integers(0, 9))
        if extra == 0:
            lines.append(draw(section_lines()))
        elif extra == 1:
            lines += [draw(proposal_lines()), draw(proposal_lines())]
        elif extra == 2:
            lines.append(draw(footnote_lines()))
        lines.append(draw(call_lines()))
        if draw(st.integers(0, 5)):
            lines += draw(item_sequences())
        else:
            lines.append(draw(words(min_size=1)))
    if draw(st.booleans()):
        lines += ["_" * draw(st.integers(1, 20))]
        lines += [draw(footnote_lines()) for _ in range(draw(st.integers(1, 3)))]
    return lines


def text_of(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw: st.DrawFn, lines: list[str]) -> list[str]:
    """`lines` with lines deleted, moved, relabelled, reworded, duplicated, added, split in two
    or merged."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(
                ["delete", "move", "relabel", "reword", "copy", "add", "split", "merge"]
            )
        )
        if not lines:
            lines.append(draw(one_line))
            continue
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[at]
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif kind == "relabel":
            head, tab, rest = lines[at].partition("\t")
            lines[at] = f"{draw(labels())}\t{rest if tab else head}"
        elif kind == "reword":
            words_of = lines[at].split(" ")
            spot = draw(st.integers(0, len(words_of)))
            words_of[spot:spot] = [draw(words(min_size=1, max_size=3))]
            if len(words_of) > 2 and draw(st.booleans()):
                del words_of[draw(st.integers(0, len(words_of) - 1))]
            lines[at] = " ".join(words_of)
        elif kind == "copy":
            lines.insert(at, lines[at])
        elif kind == "split":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at : at + 1] = [lines[at][:cut], draw(labels()) + "\t" + lines[at][cut:]]
        elif kind == "merge" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + " " + lines[at + 1].partition("\t")[2]]
        else:
            lines.insert(at, draw(one_line))
    return lines


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Two texts: independent ones, or one and a mutated copy of it."""
    old = draw(resolution_lines())
    new = draw(mutated(old)) if draw(st.integers(0, 3)) else draw(resolution_lines())
    return text_of(old), text_of(new)


# --------------------------------------------------------------------------------------------
# The pipeline, with a RevdiffError as the only allowed failure


def parse(text: str, name: str = "fuzz.txt") -> Document | None:
    try:
        document = parse_structure(parse_text_blocks(text, name))
    except RevdiffError:
        return None
    check_document(document)
    return document


def compare(old: Document, new: Document) -> Comparison | None:
    from revdiff.compare import compare_documents

    try:
        comparison = compare_documents(old, new, OPTIONS)
    except RevdiffError:
        return None
    seen_old = sorted(c.id for change in comparison.changes for c in change.old)
    seen_new = sorted(c.id for change in comparison.changes for c in change.new)
    assert seen_old == sorted(c.id for c in old.clauses)
    assert seen_new == sorted(c.id for c in new.clauses)
    return comparison


def words_of(document: Document) -> list[list[str]]:
    """Each clause's label and words, in order."""
    return [[clause.label or "", *clause.text.split()] for clause in document.clauses]


def render_all(comparison: Comparison) -> None:
    from revdiff.render import render_comparison

    for fmt in ("text", "md", "html", "json"):
        assert render_comparison(comparison, fmt, show_all=True, color=False, width=100)
    assert render_comparison(comparison, "text", color=True, width=40)


def outline(document: Document) -> None:
    from revdiff.render.outline import render_outline_json, render_outline_text

    assert render_outline_json(document)
    assert render_outline_text(document)


@FUZZ
@given(resolution_lines(max_size=60))
def test_a_grammar_text_parses_and_outlines(lines: list[str]) -> None:
    document = parse(text_of(lines))
    if document is not None:
        outline(document)


@FUZZ
@given(text_pairs())
def test_two_grammar_texts_compare_and_render(pair: tuple[str, str]) -> None:
    old, new = parse(pair[0], "old.txt"), parse(pair[1], "new.txt")
    if old is None or new is None:
        return
    comparison = compare(old, new)
    if comparison is not None:
        if words_of(old) != words_of(new):
            assert comparison.has_differences, "a changed clause was reported as no difference"
        render_all(comparison)
        # The stages are pure: comparing and rendering leave both documents as parsed.
        assert (old, new) == (parse(pair[0], "old.txt"), parse(pair[1], "new.txt"))


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))
@given(text_pairs())
def test_a_redline_of_two_grammar_texts_is_built(pair: tuple[str, str]) -> None:
    from revdiff.redline import build_redline

    old, new = parse(pair[0], "old.txt"), parse(pair[1], "new.txt")
    if old is None or new is None:
        return
    comparison = compare(old, new)
    if comparison is None:
        return
    try:
        redline = build_redline(comparison, base=None, author="fuzz", markers=True)
    except RevdiffError:
        return
    check_word_package(redline)


def check_word_package(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        etree.fromstring(archive.read("word/document.xml"))


@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))
@given(
    resolution_lines(max_size=30).flatmap(
        lambda base: st.tuples(st.just(base), st.lists(mutated(base), min_size=1, max_size=3))
    )
)
def test_proposals_made_from_a_grammar_text_compile_in_every_format(
    texts: tuple[list[str], list[list[str]]],
) -> None:
    from revdiff.compilation import NamedProposal, compile_proposals
    from revdiff.model import OutputFormat
    from revdiff.write import compilation_bytes

    base = parse(text_of(texts[0]), "base.txt")
    proposals = [parse(text_of(lines), f"p{i}.txt") for i, lines in enumerate(texts[1])]
    if base is None or any(p is None for p in proposals):
        return
    named = [NamedProposal(f"P{i}", p) for i, p in enumerate(proposals) if p is not None]
    comparisons = [compare(base, p.document) for p in named]
    if any(c is None for c in comparisons):
        return
    try:
        compilation = compile_proposals(base, named, [c for c in comparisons if c is not None])
    except RevdiffError:
        return
    for fmt in OutputFormat:
        data = compilation_bytes(compilation, fmt)
        if fmt is OutputFormat.DOCX:
            check_word_package(data)
        else:
            assert data.decode("utf-8")


runner = cli_runner()
COMMANDS = [
    ["show", "{old}"],
    ["show", "{old}", "--format", "json"],
    ["compare", "{old}", "{new}", "--all"],
    ["compare", "{old}", "{new}", "--format", "json"],
    ["compare", "{old}", "{new}", "-o", "{out}/r.html"],
    ["compare", "{old}", "{new}", "-o", "{out}/r.md"],
    ["redline", "{old}", "{new}", "-o", "{out}/r.docx"],
    ["history", "{old}", "{new}", "{old}"],
    ["parity", "{old}", "{new}"],
    ["propose", "{old}", "{new}", "-o", "{out}/p.docx"],
    ["compile", "{old}", "{new}", "{old}"],
    ["compile", "{old}", "{new}", "-o", "{out}/c.docx"],
    ["compare", "{old}", "{new}", "-o", "{out}/r.docx", "--markers", "--no-comments"],
    ["compare", "{old}", "{new}", "--lang", "ar", "--format", "md", "--all"],
    ["compare", "{old}", "{new}", "--lang", "zh", "--strict"],
    ["show", "{old}", "--lang", "ru"],
    ["show", "{new}", "--lang", "fr", "--format", "json"],
    ["history", "{old}", "{new}", "--format", "html", "-o", "{out}/h.html"],
    ["history", "{old}", "{new}", "--format", "json"],
    ["parity", "{old}", "{new}", "--format", "json"],
]


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))
@given(text_pairs(), st.sampled_from(COMMANDS))
def test_the_command_line_answers_grammar_texts(
    tmp_path_factory: pytest.TempPathFactory, pair: tuple[str, str], command: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    # A NUL makes the file binary, refused at once: kept out here, where the commands are fuzzed.
    (folder / "old.txt").write_text(pair[0].replace("\x00", ""), encoding="utf-8")
    (folder / "new.txt").write_text(pair[1].replace("\x00", ""), encoding="utf-8")
    names = {"old": folder / "old.txt", "new": folder / "new.txt", "out": folder}
    args = [arg.format(**names) for arg in command]
    result = runner.invoke(app, args)
    assert "internal error" not in result.stderr, result.stderr[-3000:]
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr[-3000:])
    if result.exit_code == 2:
        assert "Traceback" not in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
