"""parse_structure: metadata, sections, clause labels, nesting, ids, footnotes and warnings."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revdiff.errors import RevdiffError
from revdiff.load import load_document
from revdiff.load.text import parse_text_blocks
from revdiff.model import Block, Document, LoadedText, SectionKind, SourceFormat
from revdiff.seeds import seed_paths
from revdiff.structure import parse_structure

ITU_DOCX = Path(__file__).resolve().parents[2] / "shared" / "itu-docx"
RES1_TEXT = ITU_DOCX / "wtsa-res1-hammamet-2016.extracted.txt"
RES1_STYLES = ITU_DOCX / "wtsa-res1-hammamet-2016.styles.tsv"
needs_res1 = pytest.mark.skipif(
    not RES1_TEXT.is_file(), reason=f"needs {ITU_DOCX} (ITU Word files, not shipped in the package)"
)

RES84_SECTIONS = [
    ("recalling", SectionKind.PREAMBLE, 5),
    ("recognizing", SectionKind.PREAMBLE, 3),
    ("considering", SectionKind.PREAMBLE, 10),
    ("noting", SectionKind.PREAMBLE, 3),
    ("resolves", SectionKind.OPERATIVE, 5),
    (
        "invites-the-director-of-the-telecommunication-standardization-bureau",
        SectionKind.OPERATIVE,
        3,
    ),
    ("invites-member-states", SectionKind.OPERATIVE, 1),
    ("invites-member-states-sector-members-associates-and-academia", SectionKind.OPERATIVE, 2),
]
DIRECTOR = "invites-the-director-of-the-telecommunication-standardization-bureau"


def parse(text: str) -> Document:
    return parse_structure(parse_text_blocks(text, "test.txt"))


def ids(document: Document) -> list[str]:
    return [clause.id for clause in document.clauses]


def inner_warnings(document: Document) -> tuple[str, ...]:
    """The warnings of a fragment, but the one every fragment has: no number line."""
    return tuple(w for w in document.warnings if "no number line" not in w)


# --------------------------------------------------------------------------------------------
# The Res 84 seeds


@pytest.fixture(scope="module", params=["old", "new"])
def res84(request: pytest.FixtureRequest) -> Document:
    old, new = seed_paths()
    return load_document(old if request.param == "old" else new)


def test_each_res84_seed_has_8_sections_and_32_clauses(res84: Document) -> None:
    assert [(s.id, s.kind, len(s.clauses)) for s in res84.sections] == RES84_SECTIONS
    assert len(res84.clauses) == 32
    assert res84.warnings == ()


def test_res84_footnote_is_on_invites_the_director_item_2(res84: Document) -> None:
    with_notes = [c for c in res84.clauses if c.footnotes]
    assert [c.id for c in with_notes] == [f"{DIRECTOR}/2"]
    (note,) = with_notes[0].footnotes
    assert note.mark == "1"
    assert note.text.startswith("These include the least developed countries")
    assert res84.footnotes == (note,)
    assert "footnoteRef" not in with_notes[0].text and "countries in the" in with_notes[0].text


def test_res84_clause_ids_follow_section_and_label(res84: Document) -> None:
    assert ids(res84)[:5] == [f"recalling/{x}" for x in "abcde"]
    assert res84.section("invites-member-states").clauses[0].id == "invites-member-states/p1"  # type: ignore[union-attr]
    assert all(c.depth == 0 and c.parent_id is None for c in res84.clauses)


def test_res84_2022_metadata() -> None:
    document = load_document(seed_paths()[1])
    meta = document.metadata
    assert meta.number_line == "RESOLUTION 84 (Rev.\u00a0Geneva, 2022)"
    assert (meta.body, meta.number, meta.revision, meta.place, meta.year) == (
        "WTSA",
        "84",
        "Rev. Geneva, 2022",
        "Geneva",
        2022,
    )
    assert meta.title == (
        "Studies concerning the protection of users of telecommunication/information and "
        "communication technology services"
    )
    assert meta.history == "(Hammamet, 2016; Geneva, 2022)"
    assert meta.preamble == "The World Telecommunication Standardization Assembly (Geneva, 2022),"
    assert document.front_matter[0] == "FOREWORD"
    assert len(document.front_matter) == 5
    assert not document.is_reconstruction


def test_res84_2016_reconstruction_metadata() -> None:
    document = load_document(seed_paths()[0])
    meta = document.metadata
    assert (meta.number, meta.revision, meta.place, meta.year) == (
        "84",
        "Hammamet, 2016",
        "Hammamet",
        2016,
    )
    assert meta.history == "(Hammamet, 2016)"
    assert document.is_reconstruction


@pytest.mark.parametrize(
    ("number_line", "number", "revision", "place", "year"),
    [
        ("RESOLUTION 84 (Hammamet, 2016)", "84", "Hammamet, 2016", "Hammamet", 2016),
        ("RESOLUTION 64 (Rev. Buenos Aires, 2017)", "64", "Rev. Buenos Aires, 2017", "Buenos Aires",
         2017),
        # A place in capitals is given as a name.
        ("RESOLUTION 1 (REV. HAMMAMET, 2016)", "1", "REV. HAMMAMET, 2016", "Hammamet", 2016),
        # Without an edition on the number line, the history line's last one says it.
        ("RESOLUTION 7", "7", None, "Somewhere", 2000),
    ],
)  # fmt: skip
def test_the_number_line_gives_number_revision_place_and_year(
    number_line: str, number: str, revision: str | None, place: str | None, year: int | None
) -> None:
    meta = parse(f"{number_line}\nA title\n(Somewhere, 2000)\nresolves\n1\tto act.\n").metadata
    assert (meta.number_line, meta.number, meta.revision, meta.place, meta.year) == (
        number_line,
        number,
        revision,
        place,
        year,
    )


@pytest.mark.parametrize(
    ("preamble", "body"),
    [
        ("The World Telecommunication Standardization Assembly (Geneva, 2022),", "WTSA"),
        ("The Plenipotentiary Conference of the International Telecommunication Union "
         "(Bucharest, 2022),", "PP"),
        ("The World Telecommunication Development Conference (Kigali, 2022),", "WTDC"),
        ("The World Radiocommunication Conference (Dubai, 2023),", "WRC"),
        ("The ITU Radiocommunication Assembly,", "RA"),
    ],
)  # fmt: skip
def test_the_issuing_body_comes_from_the_preamble_line(preamble: str, body: str) -> None:
    meta = parse(
        f"RESOLUTION 9 (X, 2020)\nA title\n(X, 2020)\n{preamble}\nnoting\na)\tx,\n"
    ).metadata
    assert (meta.preamble, meta.body) == (preamble, body)


def test_clause_text_keeps_no_break_characters_and_drops_the_label() -> None:
    document = load_document(seed_paths()[1])
    first = document.clauses[0]
    assert first.label == "a)"
    assert first.text.startswith("Resolution\u00a0196 (Rev. Dubai, 2018)")
    assert "ITU\u2011T" in document.section("resolves").clauses[0].text  # type: ignore[union-attr]
    assert first.location.line == 11 and first.location.source.endswith(
        "res84-geneva-2022.tika.txt"
    )


# --------------------------------------------------------------------------------------------
# Labels


@pytest.mark.parametrize(
    ("line", "label", "text"),
    [
        ("a)\tthe Union;", "a)", "the Union;"),
        ("a)  the Union;", "a)", "the Union;"),
        ("a)Resolution 196;", "a)", "Resolution 196;"),
        ("a)\u00a0the Union;", "a)", "the Union;"),
        ("1\u202fto report;", "1", "to report;"),
        ("b)bis\tthat the ITRs;", "b)bis", "that the ITRs;"),
        ("(c)\tthe third;", "(c)", "the third;"),
        ("1\tto continue;", "1", "to continue;"),
        ("1 to continue;", "1", "to continue;"),
        ("1.3\tWTSA shall;", "1.3", "WTSA shall;"),
        ("1bis.2.1\tDefinition", "1bis.2.1", "Definition"),
        ("4.3bis \tWTSA shall appoint;", "4.3bis", "WTSA shall appoint;"),
        ("–\tan indent;", "–", "an indent;"),
    ],
)
def test_labels_split_from_their_text(line: str, label: str, text: str) -> None:
    document = parse(f"resolves\n{line}\n")
    (clause,) = document.clauses
    assert (clause.label, clause.text) == (label, text)


@pytest.mark.parametrize(
    "line",
    ["70 per cent of replies support it.", "2016 was the year.", "a) ", "(to Resolution 1)"],
)
def test_text_that_only_looks_like_a_label_stays_text(line: str) -> None:
    document = parse(f"resolves\n{line}\n")
    (clause,) = document.clauses
    assert clause.label is None
    assert clause.text == line.strip()


def test_a_space_separated_number_is_a_label_when_the_sequence_agrees() -> None:
    document = parse("resolves\n1 to do one thing;\n2 to do another;\n70 per cent agree.\n")
    assert [c.label for c in document.clauses] == ["1", "2", None]


def test_roman_numerals_and_letters_are_told_apart_by_context() -> None:
    letters = "".join(f"{ch})\titem {ch};\n" for ch in "abcdefghij")
    document = parse(
        f"considering\n{letters}resolves\n1\tdo:\na)\tfirst:\ni)\tone;\nii)\ttwo;\n"
        "iii)\tthree;\niv)\tfour;\nv)\tfive;\nvi)\tsix;\nb)\tsecond.\n"
    )
    considering = document.section("considering")
    assert considering is not None
    assert [c.id for c in considering.clauses][-3:] == [
        "considering/h",
        "considering/i",
        "considering/j",
    ]
    assert all(c.depth == 0 for c in considering.clauses)
    resolves = ids(document)[10:]
    assert resolves == [
        "resolves/1",
        "resolves/1/a",
        "resolves/1/a/i",
        "resolves/1/a/ii",
        "resolves/1/a/iii",
        "resolves/1/a/iv",
        "resolves/1/a/v",
        "resolves/1/a/vi",
        "resolves/1/b",
    ]
    assert inner_warnings(document) == ()


def test_indents_nest_under_their_item_with_positional_ids() -> None:
    document = parse("resolves\n1\tto study:\n–\tone;\n–\ttwo;\n2\tto report.\n")
    clauses = document.clauses
    assert [(c.id, c.parent_id, c.depth) for c in clauses] == [
        ("resolves/1", None, 0),
        ("resolves/1/-1", "resolves/1", 1),
        ("resolves/1/-2", "resolves/1", 1),
        ("resolves/2", None, 0),
    ]
    assert clauses[0].text == "to study:"  # a clause's text excludes its children


def test_duplicate_labels_get_unique_ids_and_a_warning() -> None:
    document = parse("noting\na)\tone;\na)\tagain;\n")
    assert ids(document) == ["noting/a", "noting/a-2"]
    assert any("duplicate label 'a)'" in w for w in document.warnings)


def test_a_gap_in_a_lettered_list_is_warned() -> None:
    document = parse("noting\na)\tone;\nc)\tthree;\n")
    assert ids(document) == ["noting/a", "noting/c"]
    assert any("'c)' follows 'a)'" in w for w in document.warnings)


def test_repeated_call_lines_get_suffixed_section_ids() -> None:
    document = parse("resolves\n1\tone;\nresolves\n1\ttwo;\n")
    assert [s.id for s in document.sections] == ["resolves", "resolves-2"]
    assert ids(document) == ["resolves/1", "resolves-2/1"]


# --------------------------------------------------------------------------------------------
# Calls as data


def test_call_words_ship_as_package_data_and_all_open_sections() -> None:
    raw = resources.files("revdiff").joinpath("data", "lang", "en.toml").read_text(encoding="utf-8")
    calls = tomllib.loads(raw)["calls"]
    for key, kind in (("preamble", SectionKind.PREAMBLE), ("operative", SectionKind.OPERATIVE)):
        for phrase in calls[key]:
            document = parse(f"{phrase}\nsomething here;\n")
            assert [s.kind for s in document.sections] == [kind], phrase


def test_a_long_call_line_gets_a_short_stable_id() -> None:
    document = parse(
        "invites the Director of the Telecommunication Standardization Bureau, in collaboration "
        "with the Director of the Telecommunication Development Bureau\n1\tto act;\n"
    )
    (section,) = document.sections
    assert section.id == "invites-the-director-of-the-telecommunication-standardization-bureau"
    assert section.heading.endswith("Telecommunication Development Bureau")


def test_a_paragraph_starting_with_a_call_word_is_not_a_call_line() -> None:
    document = parse("resolves\n1\tone;\nnoting that the text goes on for a while.\n")
    assert [s.id for s in document.sections] == ["resolves"]


@pytest.mark.parametrize(
    ("lines", "section_id", "heading", "title"),
    [
        (
            "Annex A\nGuidelines for study groups",
            "annex-a",
            "Annex A",
            "Guidelines for study groups",
        ),
        (
            "Annex A – Guidelines for study groups",
            "annex-a",
            "Annex A",
            "Guidelines for study groups",
        ),
        (
            "Appendix II\n(to Resolution 1 (Rev. Hammamet, 2016))\nSuggested text",
            "appendix-ii",
            "Appendix II (to Resolution 1 (Rev. Hammamet, 2016))",
            "Suggested text",
        ),
        ("ANNEX (to Resolution 84)", "annex", "ANNEX (to Resolution 84)", None),
        ("ANNEX TO RESOLUTION 84 (Rev. Geneva, 2022)", "annex", None, None),
    ],
)
def test_annexes_and_appendices_open_annex_sections(
    lines: str, section_id: str, heading: str | None, title: str | None
) -> None:
    document = parse(f"resolves\n1\tto act.\n{lines}\n1\tFirst item of the annex.\n")
    annex = document.sections[-1]
    assert (annex.id, annex.kind, annex.title) == (section_id, SectionKind.ANNEX, title)
    assert annex.heading == (heading or lines)
    assert [c.id for c in annex.clauses] == [f"{section_id}/1"]


def test_running_text_that_starts_like_an_annex_is_a_paragraph() -> None:
    document = parse(
        "resolves\nAnnex A – as amended, applies to every study group in the Sector.\n"
    )
    assert [s.id for s in document.sections] == ["resolves"]


def test_word_styles_and_automatic_numbering_labels_are_used() -> None:
    """Blocks as the .docx loader makes them: ITU style names, labels from w:numPr apart."""
    blocks = (
        Block("FOREWORD", 1, "Normal"),
        Block("RESOLUTION 84 (Rev. Geneva, 2022)", 2, "Res_No"),
        Block("Studies concerning users", 3, "Res_title"),
        Block("(Hammamet, 2016; Geneva, 2022)", 4, "Res_ref"),
        Block("The World Telecommunication Standardization Assembly (Geneva, 2022),", 5,
              "Normal after title"),
        Block("recalling", 6, "Call"),
        Block("Resolution 196 of the Plenipotentiary Conference;", 7, "Normal", label="a)"),
        Block("the International Telecommunication Regulations,", 8, "Normal", label="b)"),
        Block("resolves further", 9, "Call"),
        Block("to study:", 10, "Normal", label="1"),
        Block("quality;", 11, "enumlev1", label="–"),
        Block("and security.", 12, "enumlev1"),
        Block("Section 1bis", 13, "Section_No"),
        Block("Documentation", 14, "Section_title"),
        Block("General principles", 15, "Heading 2", label="1bis.1"),
        Block("In this section, texts are defined.", 16, "Normal"),
    )  # fmt: skip
    document = parse_structure(LoadedText("r.docx", SourceFormat.DOCX, blocks))
    assert document.front_matter == ("FOREWORD",)
    assert document.metadata.history == "(Hammamet, 2016; Geneva, 2022)"
    assert [(s.id, s.kind, s.title) for s in document.sections] == [
        ("recalling", SectionKind.PREAMBLE, None),
        ("resolves-further", SectionKind.OPERATIVE, None),
        ("section-1bis", SectionKind.NUMBERED, "Documentation"),
    ]
    assert [(c.id, c.label, c.parent_id) for c in document.clauses] == [
        ("recalling/a", "a)", None),
        ("recalling/b", "b)", None),
        ("resolves-further/1", "1", None),
        ("resolves-further/1/-1", "–", "resolves-further/1"),
        ("resolves-further/1/-1/p1", None, "resolves-further/1/-1"),
        ("section-1bis/1bis.1", "1bis.1", None),
        ("section-1bis/1bis.1/p1", None, "section-1bis/1bis.1"),
    ]
    assert document.clauses[0].style == "Normal"
    assert document.warnings == ()


def test_a_call_styled_line_with_unknown_words_is_still_a_call() -> None:
    blocks = (
        Block("resolves", 1, "Call"),
        Block("something", 2, "Normal", label="1"),
        Block("proclaims solemnly", 3, "Call"),
        Block("something else", 4, "Normal", label="1"),
    )
    document = parse_structure(LoadedText("r.docx", SourceFormat.DOCX, blocks))
    assert [(s.id, s.kind) for s in document.sections] == [
        ("resolves", SectionKind.OPERATIVE),
        ("proclaims-solemnly", SectionKind.OPERATIVE),
    ]


def test_warnings_name_paragraphs_for_word_input() -> None:
    blocks = (
        Block("noting", 1, "Call"),
        Block("one;", 2, "Normal", label="a)"),
        Block("three;", 3, "Normal", label="c)"),
    )
    document = parse_structure(LoadedText("r.docx", SourceFormat.DOCX, blocks))
    assert inner_warnings(document) == ("r.docx: paragraph 3: label 'c)' follows 'a)' "
                                 "(a label missing or out of order?)",)  # fmt: skip


def test_a_problem_repeated_thousands_of_times_is_warned_about_a_few_times() -> None:
    document = parse("considering\na)\tx;\n" * 500)
    assert len(document.sections) == 500
    assert len(inner_warnings(document)) == 11
    assert inner_warnings(document)[-1].endswith(
        "… and 489 more warnings like these (repeated headings)"
    )


def test_deep_nesting_does_not_recurse() -> None:
    labels = ["1" + ".1" * level for level in range(1100)]  # past Python's recursion limit
    document = parse("resolves\n" + "".join(f"{label}\tlevel;\n" for label in labels))
    assert document.clauses[-1].depth == 1099
    assert document.clauses[-1].parent_id == document.clauses[-2].id


# --------------------------------------------------------------------------------------------
# Edge cases


def test_empty_input_gives_an_empty_document_with_a_warning() -> None:
    document = parse("\n\n  \n")
    assert document.sections == ()
    assert any("empty" in w for w in document.warnings)


def test_text_without_structure_is_one_body_section_with_a_warning() -> None:
    document = parse("Dear colleagues,\nPlease find the minutes attached.\nRegards\n")
    (section,) = document.sections
    assert section.kind is SectionKind.BODY
    assert ids(document) == ["body/p1", "body/p2", "body/p3"]
    assert any("no resolution structure" in w for w in document.warnings)


def test_front_matter_stays_apart_from_the_resolution() -> None:
    document = parse(
        "FOREWORD\n© ITU 2022\nRESOLUTION 7 (Rev. Dubai, 2012)\nA title\n(Dubai, 2012)\n"
        "The Plenipotentiary Conference of the International Telecommunication Union "
        "(Dubai, 2012),\n"
        "noting\na)\tone,\nresolves\n1\tto act.\n"
    )
    assert document.front_matter == ("FOREWORD", "© ITU 2022")
    assert document.metadata.body == "PP"
    assert document.metadata.title == "A title"
    assert [s.id for s in document.sections] == ["noting", "resolves"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "recalling",
                "resolves",
                "invites Member States",
                "SECTION 1",
                "Annex A",
                "RESOLUTION 9 (Rev. X, 2020)",
                "(X, 2020)",
                "a)\tone;",
                "b)bis\tx",
                "i)\ty",
                "ii)\tz",
                "1\tdo",
                "1.3\tthing:",
                "1.3.1\tsub",
                "–\tdash",
                "• bullet",
                "plain text.",
                "Title line",
                "",
                "v)\tv",
                "c)x",
                "2 two",
                "(a) z",
            ]
        ),
        max_size=25,
    ).map("\n".join)
)
def test_any_sequence_of_lines_parses_into_consistent_clauses(text: str) -> None:
    try:
        document = parse(text)
    except RevdiffError:
        return
    seen: dict[str, int] = {}
    for clause in document.clauses:
        assert clause.id not in seen
        if clause.parent_id is not None:
            assert clause.parent_id in seen
            assert clause.depth == seen[clause.parent_id] + 1
        else:
            assert clause.depth == 0
        assert clause.id.startswith(clause.section_id + "/")
        seen[clause.id] = clause.depth
    assert len({s.id for s in document.sections}) == len(document.sections)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    try:
        document = parse(text)
    except RevdiffError:
        return
    lines = [line for line in text.splitlines() if line.strip()]
    headings = [s for s in document.sections if s.location is not None]
    assert len(document.clauses) + len(headings) <= len(lines)
    assert all(clause.text == clause.text.strip() for clause in document.clauses)


# --------------------------------------------------------------------------------------------
# WTSA Resolution 1 (a real ITU text: numbered sections, sub-items, appendices)


@pytest.fixture(scope="module")
def res1() -> Document:
    if not RES1_TEXT.is_file():
        pytest.skip(f"needs {ITU_DOCX} (ITU Word files, not shipped in the package)")
    return load_document(RES1_TEXT)


@needs_res1
def test_res1_sections_are_preamble_numbered_and_appendices(res1: Document) -> None:
    assert [(s.id, s.kind) for s in res1.sections] == [
        ("considering", SectionKind.PREAMBLE),
        ("resolves", SectionKind.OPERATIVE),
        ("section-1", SectionKind.NUMBERED),
        ("section-1bis", SectionKind.NUMBERED),
        *[(f"section-{n}", SectionKind.NUMBERED) for n in range(2, 10)],
        ("appendix-i", SectionKind.ANNEX),
        ("appendix-ii", SectionKind.ANNEX),
    ]
    section_9 = res1.section("section-9")
    assert section_9 is not None
    assert section_9.title == (
        "Approval of new and revised Recommendations using the traditional approval process"
    )
    appendix = res1.section("appendix-i")
    assert appendix is not None
    assert appendix.heading == "Appendix I (to Resolution 1 (Rev. Hammamet, 2016))"
    assert appendix.title == "Information for submission of a Question"
    assert res1.warnings == ()


@needs_res1
def test_res1_metadata_and_front_matter(res1: Document) -> None:
    meta = res1.metadata
    assert (meta.body, meta.number, meta.place, meta.year) == ("WTSA", "1", "Hammamet", 2016)
    assert meta.title == "Rules of procedure of the ITU Telecommunication Standardization Sector"
    assert meta.history == "(Hammamet, 2016)"
    assert "FOREWORD" in res1.front_matter and res1.front_matter[-1].startswith("All rights")
    assert [f.mark for f in res1.footnotes] == ["1", "1bis", "2", "3", "4", "5"]


@needs_res1
def test_res1_keeps_b_bis_as_a_label(res1: Document) -> None:
    considering = res1.section("considering")
    assert considering is not None
    assert [c.label for c in considering.clauses] == [
        "a)",
        "b)",
        "b)bis",
        "c)",
        "d)",
        "e)",
        "f)",
        "g)",
        "h)",
        "i)",
    ]
    assert considering.clauses[2].id == "considering/bbis"


@needs_res1
def test_res1_sub_items_nest_under_their_provision(res1: Document) -> None:
    by_id = {c.id: c for c in res1.clauses}
    assert [c.id for c in res1.clauses if c.parent_id == "section-1/1.3"] == [
        f"section-1/1.3/{x}" for x in "abcd"
    ]
    assert by_id["section-1/1.5/b/v/-2"].parent_id == "section-1/1.5/b/v"
    assert by_id["section-1/1.5/b/v"].depth == 2
    assert by_id["section-1/1.11.2"].parent_id == "section-1/1.11"
    assert by_id["section-1bis/1bis.1.1.1"].parent_id == "section-1bis/1bis.1.1"
    heading = by_id["section-1/1.13"]
    assert (heading.label, heading.text) == ("1.13", "Voting")
    assert by_id["section-1/1.13/p1"].text.startswith("Should there be a need for a vote")
    assert by_id["section-4/4.3bis"].parent_id is None
    assert by_id["section-7/7.1.11"].footnotes[0].mark == "4"


@needs_res1
def test_res1_parses_the_same_from_word_styles_as_from_text(res1: Document) -> None:
    """Blocks carrying Res 1's real paragraph style ids give the clause tree the text gives."""
    blocks = []
    lines = RES1_STYLES.read_text(encoding="utf-8").split("\n")[1:]
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("FOOTNOTE-"):
            continue
        style, text = line.split("\t", 1)
        text = text.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
        in_table = style == "TABLE-ROW"
        blocks.append(Block(text, number, None if in_table else style, in_table=in_table))
    styled = parse_structure(LoadedText("res1.docx", SourceFormat.DOCX, tuple(blocks)))
    assert styled.metadata.title == res1.metadata.title
    assert [(s.id, s.title) for s in styled.sections] == [(s.id, s.title) for s in res1.sections]
    # The text extraction splits the figure title "… TAP / – Sequence of events" over two lines.
    from_text = [(c.id, c.label, c.parent_id) for c in res1.clauses if c.id != "section-9/9.8.2/-1"]
    assert [(c.id, c.label, c.parent_id) for c in styled.clauses] == from_text


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [("VV)\ttext", "LETTER)", 48), ("IIII)\ttext", "ROMAN)", None), ("XX)\ttext", "ROMAN)", 20)],
)
def test_capital_letters_that_are_no_numeral_still_make_a_label(
    line: str, kind: str, value: int | None
) -> None:
    """ "VV)" crashed the parser (ord() of two letters): it is the doubled letter after "Z)", as
    "vv)" is after "z)"; a longer run of I, V and X that is no numeral is a label of no value."""
    from revdiff.structure.labels import split_label

    found = split_label(line)
    assert found is not None
    label, text = found
    assert (label.kind, label.value, text) == (kind, value, "text")


@given(st.from_regex(r"\(?[IVXLCivxlcA-Za-z]{1,7}\)(bis|ter)?", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_any_letter_label_parses_without_error(label: str) -> None:
    from revdiff.structure.labels import split_label

    split_label(f"{label}\tthe Council,")  # a label or plain text, never an exception
    document = parse_structure(parse_text_blocks(f"considering\n{label}\tthe Council;\n", "t.txt"))
    assert document.clauses
