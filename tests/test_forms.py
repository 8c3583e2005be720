"""The forms a resolution circulates in (fixtures/forms/): number lines with body prefixes,
proposal markers, Sector forms and conference short forms; titles; proposal documents; plain-text
footnotes; items and calls. Each gives the outline a reader expects, with no warning; what is
not understood is said, naming the line and what was expected."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from revdiff.batch import document_identity
from revdiff.errors import RevdiffError
from revdiff.history import order_versions
from revdiff.load import load_document
from revdiff.load.text import parse_text_blocks
from revdiff.model import Block, Document, LoadedText, Proposal, SourceFormat, WarningCode
from revdiff.render.outline import render_outline_json
from revdiff.structure import parse_structure
from revdiff.structure.numberline import read_number_line

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "fixtures" / "forms"
SHARED = ROOT.parent / "shared"
GENEVA = "Rev. Geneva, 2022"
RES = "resolution"


def form(name: str) -> Document:
    return load_document(FORMS / name)


def parse(text: str) -> Document:
    return parse_structure(parse_text_blocks(text, "test.txt"))


def texts(document: Document) -> dict[str, str]:
    return {clause.id: clause.text for clause in document.clauses}


# --------------------------------------------------------------------------------------------
# Number lines


@pytest.mark.parametrize(
    ("name", "number", "year", "place", "instrument", "body", "revision", "sector"),
    [
        ("body-prefix-wtsa.txt", "84", 2022, "Geneva", RES, "WTSA", GENEVA, None),
        ("body-prefix-wtdc.txt", "30", 2010, "Hyderabad", RES, "WTDC", "Rev. Hyderabad, 2010",
         None),
        # No edition on the number line: the history line's last edition gives it.
        ("body-prefix-pp.txt", "130", 2018, "Dubai", RES, "PP", None, None),
        ("sector-itu-r-resolution.txt", "2", 2019, None, RES, "RA", "8", "ITU-R"),
        ("sector-itu-r-recommendation.txt", "SM.1138", 2023, None, "recommendation", "RA", "3",
         "ITU-R"),
        ("sector-itu-t.txt", "84", 2022, "Geneva", RES, "WTSA", GENEVA, "ITU-T"),
        ("decision.txt", "5", 2018, "Dubai", "decision", "PP", "Rev. Dubai, 2018", None),
        # Neither number line nor history: the preamble line's edition.
        ("opinion.txt", "4", 2013, "Geneva", "opinion", "WTPF", None, None),
        ("short-form-rev-wrc.txt", "155", 2019, None, RES, "WRC", "Rev.WRC-19", None),
        ("short-form-wrc.txt", "958", 2015, None, RES, "WRC", "WRC-15", None),
        ("footnotes-separator.txt", "84", 2022, "Geneva", RES, "WTSA", GENEVA, None),
        ("nbsp-fullwidth.txt", "84", 2022, "Geneva", RES, "WTSA", GENEVA, None),
        ("split-number-line.txt", "84", 2022, "Geneva", RES, "WTSA", GENEVA, None),
        ("title-after-dash.txt", "1", 2016, "Hammamet", RES, "WTSA", None, None),
        ("draft-revision.txt", "84", 2022, "Geneva", RES, "WTSA", None, None),
        ("proposal-marker-inline.txt", "95", 2007, None, RES, "WRC", "Rev.WRC-07", None),
        ("proposal-sup.txt", "12", 1994, "Kyoto", RES, "PP", None, None),
        ("proposal-wrc-draft-new.txt", "[ACP-A113-1]", 2019, None, RES, "WRC", "WRC-19", None),
        ("word-res-no.docx", "130", 2018, "Dubai", RES, "PP", "REV. DUBAI, 2018", None),
    ],
)  # fmt: skip
def test_every_number_line_form_gives_number_year_place_and_instrument(
    name: str,
    number: str,
    year: int,
    place: str | None,
    instrument: str,
    body: str,
    revision: str | None,
    sector: str | None,
) -> None:
    meta = form(name).metadata
    assert (meta.number, meta.year, meta.place, meta.instrument, meta.body, meta.revision) == (
        number,
        year,
        place,
        instrument,
        body,
        revision,
    )
    assert meta.sector == sector


@pytest.mark.parametrize(
    ("name", "number_line"),
    [
        ("body-prefix-wtsa.txt", "WTSA RESOLUTION 84 (Rev. Geneva, 2022)"),
        ("footnotes-separator.txt", "RESOLUTION 84 (Rev. Geneva, 2022)"),  # the * is a footnote
        ("split-number-line.txt", "RESOLUTION 84 (Rev. Geneva, 2022)"),
        ("title-after-dash.txt", "RESOLUTION 1"),
        ("proposal-marker-inline.txt", "RESOLUTION 95 (Rev.WRC-07)"),  # MOD ACP/64A1/1 apart
        ("proposal-wrc-draft-new.txt", "DRAFT NEW RESOLUTION [ACP-A113-1] (WRC-19)"),
        ("nbsp-fullwidth.txt", "RESOLUTION\u00a084 \uff08Rev.\u3000Geneva,\u00a02022\uff09"),
    ],
)
def test_the_number_line_keeps_what_it_says_and_nothing_else(name: str, number_line: str) -> None:
    assert form(name).metadata.number_line == number_line


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("title-after-dash.txt", "Rules of procedure of the ITU Telecommunication "
         "Standardization Sector"),
        ("two-line-title.txt", "Studies concerning the protection of users of "
         "telecommunication/information and communication technology services"),
        ("word-res-no.docx", "Strengthening the role of ITU in building confidence and security in "
         "the use of information and communication technologies"),
        ("sector-itu-r-recommendation.txt", "Determination of necessary bandwidths including "
         "examples for their calculation and associated examples for the designation of emissions"),
        ("short-form-rev-wrc.txt", "Regulatory provisions related to earth stations on board "
         "unmanned aircraft which operate with geostationary-satellite networks in the "
         "fixed-satellite service"),
    ],
)  # fmt: skip
def test_titles_are_whole(name: str, title: str) -> None:
    assert form(name).metadata.title == title


def test_two_line_title_without_history_stops_at_the_preamble() -> None:
    document = form("two-line-title.txt")
    assert document.metadata.history is None
    assert document.metadata.preamble == (
        "The World Telecommunication Standardization Assembly (Geneva, 2022),"
    )
    assert [s.id for s in document.sections] == ["recalling", "resolves"]


# --------------------------------------------------------------------------------------------
# Proposal documents


def test_a_proposal_document_keeps_markers_reasons_and_header_as_metadata() -> None:
    document = form("proposal-wtsa.txt")
    assert document.metadata.proposal == Proposal("MOD", "APT/37A1/1")
    assert dict(document.header) == {
        "document": "37-E",
        "original": "English",
        "source": "Asia-Pacific Telecommunity Member Administrations",
        "title": "Proposed modifications to Resolution 84",
        "abstract": "This contribution proposes modifications to WTSA Resolution 84 to take "
        "into account the latest developments.",
    }
    by_id = {clause.id: clause for clause in document.clauses}
    assert list(by_id) == [
        "recalling/a",
        "recalling/b",
        "resolves/1",
        "resolves/1bis",
        "resolves/2",
        "resolves/3",
    ]
    assert by_id["recalling/a"].proposal is None
    assert by_id["recalling/b"].proposal == Proposal("MOD")
    assert by_id["resolves/1bis"].proposal == Proposal("ADD", "APT/37A1/2")
    assert (
        by_id["resolves/1bis"].text
        == "to study the protection of users of digital financial services;"
    )
    assert by_id["resolves/3"].proposal == Proposal(
        "SUP",
        "APT/37A1/3",
        "To align the resolution with Resolution 196 (Rev. Dubai, 2018) and to remove an "
        "instruction that has been completed.",
    )
    assert not any("Reasons" in text or text in {"MOD", "ADD"} for text in texts(document).values())
    assert document.notices == ()


def test_reasons_and_references_after_a_new_resolution_belong_to_it() -> None:
    document = form("proposal-wrc-draft-new.txt")
    assert document.metadata.proposal == Proposal(
        "ADD",
        "ACP/64A1/12",
        "To enable the timely completion of the studies for IMT-2020.",
        "Resolution 238 (WRC-15).",
    )
    assert dict(document.header) == {
        "agenda_item": "1.13",
        "document": "64(Add.1)-E",
        "original": "English",
    }
    assert [s.id for s in document.sections] == ["considering", "resolves-to-invite-itu-r"]
    assert len(document.clauses) == 4


def test_a_marker_with_no_provision_after_it_is_warned_about() -> None:
    document = parse(
        "RESOLUTION 84 (Rev. Geneva, 2022)\nA title\n(Geneva, 2022)\nresolves\n"
        "1\tto act;\nMOD\tACP/1/1\nADD\tACP/1/2\n2\tto act again.\n"
    )
    (notice,) = document.notices
    assert notice.code is WarningCode.MARKER and notice.line == 6
    assert "'MOD'" in notice.message and "expected the provision" in notice.message
    assert document.clauses[-1].proposal == Proposal("ADD", "ACP/1/2")


# --------------------------------------------------------------------------------------------
# Footnotes in plain text


def test_footnotes_under_a_separator_leave_the_text_for_their_clause() -> None:
    document = form("footnotes-separator.txt")
    by_id = {clause.id: clause for clause in document.clauses}
    assert by_id["considering/a"].text.endswith("a key issue for developing countries;")
    assert [note.mark for note in by_id["considering/a"].footnotes] == ["1"]
    assert [note.mark for note in document.footnotes] == ["*", "1"]
    assert document.footnotes[0].text == (
        "This Resolution should be brought to the attention of the ITU Telecommunication "
        "Development Sector."
    )
    assert not any(
        "____" in text or text.startswith("These include") for text in texts(document).values()
    )


def test_footnotes_at_a_page_foot_and_glued_marks() -> None:
    document = form("footnotes-page-foot.txt")
    by_id = {clause.id: clause for clause in document.clauses}
    assert by_id["considering/b"].text == "that users need information on the quality of service,"
    assert by_id["considering/b"].footnotes[0].text == (
        "Including persons with disabilities and persons with specific needs, and users of "
        "services that are provided by more than one operator."
    )
    assert [s.id for s in document.sections] == ["considering", "resolves"]


def test_res1_typed_footnote_mark_leaves_the_clause() -> None:
    path = SHARED / "itu-docx" / "wtsa-res1-hammamet-2016.docx"
    if not path.exists():
        pytest.skip("needs ../shared/itu-docx (ITU Word files, not shipped in the package)")
    clause = next(c for c in load_document(path).clauses if c.id == "section-2/2.1.5")
    assert "group2" not in clause.text and "of the study group. In this case" in clause.text
    assert [note.mark for note in clause.footnotes] == ["2"]


# --------------------------------------------------------------------------------------------
# Items and calls


def test_items_labels_and_calls() -> None:
    document = form("items-and-calls.txt")
    ids = [clause.id for clause in document.clauses]
    assert ids[:2] == ["considering/A", "considering/B"]
    assert "resolves/1bis" in ids and "resolves/2ter" in ids  # not under 1.3
    assert "resolves/1.3/abis" in ids and "resolves/1.3/abis/ii" in ids
    by_id = {clause.id: clause for clause in document.clauses}
    assert by_id["resolves/p1"].text.startswith("333.2 million people")
    assert by_id["resolves/p2"].text.startswith("2.5 GHz is among")
    assert [s.heading for s in document.sections][2:] == [
        "invites Member States:",
        "instructs the Director of the Telecommunication Standardization Bureau, in "
        "consultation with the chairmen of the study groups,",
    ]
    assert document.notices == ()


def test_word_call_lines_without_the_call_style_and_labels_in_table_cells() -> None:
    document = form("word-res-no.docx")
    assert [(s.id, s.kind.value) for s in document.sections] == [
        ("recognizing", "preamble"),
        ("resolves", "operative"),
    ]
    table = form("word-table-labels.docx")
    assert [(c.id, c.label) for c in table.clauses] == [("resolves/1", "1"), ("resolves/2", "2")]
    assert table.clauses[0].text.startswith("that ITU-D shall continue")


# --------------------------------------------------------------------------------------------
# Warnings: what was not understood, and no false alarm


def test_no_number_line_names_the_first_line_and_what_was_expected() -> None:
    document = parse("recalling\na)\tsomething;\n")
    (notice,) = document.notices
    assert notice.code is WarningCode.NO_NUMBER_LINE and notice.line == 1
    assert "expected a line such as 'RESOLUTION 84" in notice.message
    assert any("no number line" in w for w in document.warnings)


def test_no_call_found() -> None:
    document = parse("RESOLUTION 5 (Geneva, 2022)\nA title\n(Geneva, 2022)\nSome text.\nMore.\n")
    assert [n.code for n in document.notices] == [WarningCode.NO_CALL]
    assert document.notices[0].line == 4


def test_label_skips_and_repeats() -> None:
    document = parse(
        "RESOLUTION 5 (Geneva, 2022)\nA title\n(Geneva, 2022)\nnoting\n"
        "a)\tone;\nc)\ttwo;\nc)\tthree,\n"
    )
    assert [(n.code, n.line) for n in document.notices] == [
        (WarningCode.LABEL_SEQUENCE, 6),
        (WarningCode.LABEL_SEQUENCE, 7),
    ]
    assert "'c)' follows 'a)'" in document.notices[0].message


def test_footnote_mark_without_text_and_text_without_mark() -> None:
    document = parse(
        "RESOLUTION 5 (Geneva, 2022)*\nA title\n(Geneva, 2022)\nresolves\n1\tto act.\n"
        "____\n2\tA note nobody cites.\n"
    )
    codes = [n.code for n in document.notices]
    assert WarningCode.FOOTNOTE_MARK in codes and WarningCode.FOOTNOTE_TEXT in codes
    mark = next(n for n in document.notices if n.code is WarningCode.FOOTNOTE_MARK)
    assert mark.line == 1 and "'*'" in mark.message


def test_text_after_the_last_item_is_warned_about() -> None:
    document = parse(
        "RESOLUTION 5 (Geneva, 2022)\nA title\n(Geneva, 2022)\nresolves\n1\tto act;\n"
        "2\tto report.\nHoulin Zhao, Secretary-General\n"
    )
    (notice,) = document.notices
    assert notice.code is WarningCode.UNPLACED_TEXT and notice.line == 7
    assert "'2'" in notice.message


def test_a_number_line_with_no_year_is_refused_by_history_with_what_it_found() -> None:
    document = parse("RESOLUTION ITU-R 2\nConference Preparatory Meeting\nresolves\n1\tto act.\n")
    with pytest.raises(RevdiffError) as refusal:
        order_versions([document, document])
    assert "no year in the number line 'RESOLUTION ITU-R 2'" in str(refusal.value)


def _clean_inputs() -> list[Path]:
    inputs = sorted((ROOT / "seeds").glob("*.txt"))
    inputs += sorted((ROOT / "fixtures" / "cases").glob("*/old.txt"))
    inputs += sorted((ROOT / "fixtures" / "cases").glob("*/new.txt"))
    inputs += sorted(FORMS.glob("*.txt")) + sorted(FORMS.glob("*.docx"))
    for name in ("wtsa-res1-hammamet-2016.docx", "wtsa-res1-hammamet-2016.extracted.txt"):
        if (SHARED / "itu-docx" / name).exists():
            inputs.append(SHARED / "itu-docx" / name)
    return inputs


@pytest.mark.parametrize("path", _clean_inputs(), ids=lambda path: path.name)
def test_clean_inputs_have_no_warning(path: Path) -> None:
    document = load_document(path)
    assert document.notices == ()
    assert document.warnings == ()


@pytest.mark.parametrize("path", _clean_inputs(), ids=lambda path: path.name)
def test_outlines_follow_the_shipped_outline_schema(path: Path) -> None:
    jsonschema = pytest.importorskip(
        "jsonschema", reason="needs jsonschema (pip install -e .[dev])"
    )
    schema = json.loads(
        resources.files("revdiff").joinpath("render", "schema", "outline-1.schema.json").read_text()
    )
    jsonschema.validate(json.loads(render_outline_json(load_document(path))), schema)


@pytest.mark.parametrize(
    "number_paragraph",
    [
        "RESOLUTION 84\n(Rev. Geneva, 2022)",
        "RESOLUTION 84 (Rev. Geneva, 2022)\nStudies concerning users",
    ],
)
def test_a_res_no_paragraph_with_a_line_break(number_paragraph: str) -> None:
    blocks = [Block(number_paragraph, 1, "Res_No")]
    if "Studies" not in number_paragraph:
        blocks.append(Block("Studies concerning users", 2, "Res_title"))
    blocks += [Block("resolves", 3, "Call"), Block("1\tto act.", 4)]
    document = parse_structure(LoadedText("r.docx", SourceFormat.DOCX, tuple(blocks)))
    meta = document.metadata
    assert (meta.number_line, meta.number, meta.year, meta.title) == (
        "RESOLUTION 84 (Rev. Geneva, 2022)",
        "84",
        2022,
        "Studies concerning users",
    )
    assert document.notices == ()


def test_header_labels_and_values_in_two_table_cells() -> None:
    document = parse(
        "Source:\nAsia-Pacific Telecommunity\nTitle:\nProposals on Resolution 84\n"
        "MOD\tAPT/1/1\nRESOLUTION 84 (Rev. Geneva, 2022)\nA title\n(Geneva, 2022)\n"
        "resolves\n1\tto act.\n"
    )
    assert dict(document.header) == {
        "source": "Asia-Pacific Telecommunity",
        "title": "Proposals on Resolution 84",
    }


def test_a_references_line_outside_a_proposal_stays_text() -> None:
    document = parse(
        "RESOLUTION 5 (Geneva, 2022)\nA title\n(Geneva, 2022)\nresolves\n1\tto act.\n"
        "ANNEX A\nNumbering resources\nReferences: Recommendation ITU-T E.164\n"
    )
    assert document.metadata.proposal is None
    assert document.clauses[-1].text == "References: Recommendation ITU-T E.164"


@pytest.mark.parametrize(
    ("name", "identity"),
    [
        ("proposal-marker-inline.txt", "WRC Resolution 95"),
        ("body-prefix-wtsa.txt", "WTSA Resolution 84"),
        ("sector-itu-r-recommendation.txt", "RA Recommendation SM.1138"),
        ("decision.txt", "PP Decision 5"),
        ("opinion.txt", "WTPF Opinion 4"),
    ],
)
def test_batch_pairs_every_form_by_body_instrument_and_number(name: str, identity: str) -> None:
    assert document_identity(form(name)) == identity


def test_a_title_of_two_res_title_paragraphs_without_a_history_line() -> None:
    blocks = (
        Block("RESOLUTION 84 (Rev. Geneva, 2022)", 1, "Res_No"),
        Block("Studies concerning the protection of users", 2, "Res_title"),
        Block("of telecommunication/ICT services", 3, "Res_title"),
        Block("The World Telecommunication Standardization Assembly (Geneva, 2022),", 4),
        Block("resolves", 5, "Call"),
        Block("1\tto act.", 6),
    )
    document = parse_structure(LoadedText("r.docx", SourceFormat.DOCX, blocks))
    assert document.metadata.title == (
        "Studies concerning the protection of users of telecommunication/ICT services"
    )
    assert document.metadata.preamble is not None and document.notices == ()


def test_numbers_set_apart_by_a_space_are_labels_only_in_sequence() -> None:
    document = parse(
        "RESOLUTION 5 (Geneva, 2022)\nA title\n(Geneva, 2022)\nSECTION 1\nGeneral\n"
        "1.1 The assembly shall meet.\n1.2 It shall elect a chairman.\n2.5 GHz is used.\n"
    )
    assert [(c.label, c.text) for c in document.clauses] == [
        ("1.1", "The assembly shall meet."),
        ("1.2", "It shall elect a chairman."),
        (None, "2.5 GHz is used."),
    ]


@pytest.mark.parametrize(
    ("name", "sections", "clauses", "marks"),
    [
        ("body-prefix-pp.txt", ["recognizing", "instructs-the-secretary-general"], 4, []),
        ("body-prefix-wtdc.txt", ["recalling", "resolves"], 4, []),
        ("body-prefix-wtsa.txt", ["recalling", "resolves"], 4, []),
        ("decision.txt", ["considering", "decides"], 4, []),
        ("draft-revision.txt", ["resolves"], 1, []),
        ("footnotes-page-foot.txt", ["considering", "resolves"], 3, ["1", "2"]),
        ("footnotes-separator.txt", ["considering", "resolves"], 3, ["*", "1"]),
        ("items-and-calls.txt", ["considering", "resolves", "invites-member-states",
         "instructs-the-director-of-the-telecommunication-standardization-bureau"], 17, []),
        ("nbsp-fullwidth.txt", ["resolves"], 1, []),
        ("opinion.txt", ["considering", "is-of-the-view", "invites"], 5, []),
        ("proposal-marker-inline.txt", ["resolves"], 1, []),
        ("proposal-sup.txt", ["resolves"], 1, []),
        ("proposal-wrc-draft-new.txt", ["considering", "resolves-to-invite-itu-r"], 4, []),
        ("proposal-wtsa.txt", ["recalling", "resolves"], 6, []),
        ("sector-itu-r-recommendation.txt", ["considering", "recommends"], 3, []),
        ("sector-itu-r-resolution.txt", ["considering", "resolves"], 4, []),
        ("sector-itu-t.txt", ["resolves"], 1, []),
        ("short-form-rev-wrc.txt", ["considering", "resolves"], 4, []),
        ("short-form-wrc.txt", ["considering",
         "resolves-to-invite-the-itu-radiocommunication-sector"], 3, []),
        ("split-number-line.txt", ["resolves"], 1, []),
        ("title-after-dash.txt", ["resolves"], 1, []),
        ("two-line-title.txt", ["recalling", "resolves"], 2, []),
        ("word-res-no.docx", ["recognizing", "resolves"], 4, []),
        ("word-table-labels.docx", ["resolves"], 2, []),
    ],
)  # fmt: skip
def test_every_form_gives_its_sections_clauses_and_footnotes(
    name: str, sections: list[str], clauses: int, marks: list[str]
) -> None:
    document = form(name)
    assert [s.id for s in document.sections] == sections
    assert len(document.clauses) == clauses
    assert [note.mark for note in document.footnotes] == marks
    if name.endswith(".txt") and not marks:
        # Each clause's text is a line of the file without its label, marker or id.
        lines = (FORMS / name).read_text(encoding="utf-8").splitlines()
        pieces = {piece.strip() for line in lines for piece in [line, *line.split("\t")[1:]]}
        assert all(clause.text in pieces for clause in document.clauses), name


@pytest.mark.parametrize(
    ("line", "number", "year", "body", "revision"),
    [
        ("WTDC-22 RESOLUTION 30", "30", 2022, "WTDC", None),
        ("RESOLUTION ITU-R 2-8", "2", None, None, "8"),
        ("RESOLUTION 35 (WRC-03)", "35", 2003, "WRC", "WRC-03"),
        ("ADD DRAFT NEW RESOLUTION [AFCP-1]", "[AFCP-1]", None, None, None),
        ("RESOLUTION 84 (Rev. Geneva, 2022)1, 1bis", "84", 2022, None, "Rev. Geneva, 2022"),
    ],
)
def test_number_lines_read_alone(
    line: str, number: str, year: int | None, body: str | None, revision: str | None
) -> None:
    found = read_number_line(line)
    assert found is not None
    assert (found.number, found.year, found.body, found.revision) == (number, year, body, revision)


@pytest.mark.parametrize("line", ["Res. 84", "Recommendation ITU-T G.8101/Y.1355 (2016-11)"])
def test_lines_that_only_look_like_number_lines(line: str) -> None:
    assert read_number_line(line) is None


def test_a_word_proposal_header_in_itu_styles() -> None:
    blocks = (
        Block("Asia-Pacific Telecommunity Member Administrations", 1, "Source"),
        Block("Proposed modifications to Resolution 84", 2, "Title 1"),
        Block("MOD\tAPT/37A1/1", 3, "Proposal"),
        Block("RESOLUTION 84 (Rev. Hammamet, 2016)", 4, "Res_No"),
        Block("Studies concerning the protection of users", 5, "Res_title"),
        Block("(Hammamet, 2016)", 6, "Res_ref"),
        Block("resolves", 7, "Call"),
        Block("1\tto continue studies;", 8),
        Block("ADD\tAPT/37A1/2", 9, "Proposal"),
        Block("1bis\tto study digital financial services.", 10),
        Block("Reasons:\tTo align the resolution.", 11, "Reasons"),
    )
    document = parse_structure(LoadedText("p.docx", SourceFormat.DOCX, blocks))
    assert dict(document.header) == {
        "source": "Asia-Pacific Telecommunity Member Administrations",
        "title": "Proposed modifications to Resolution 84",
    }
    assert document.metadata.proposal == Proposal("MOD", "APT/37A1/1")
    assert document.clauses[-1].proposal == Proposal(
        "ADD", "APT/37A1/2", "To align the resolution."
    )
    assert document.notices == ()
