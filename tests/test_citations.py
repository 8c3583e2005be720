"""Citations: parsed with body, number and edition; updates paired and described."""

from __future__ import annotations

import doctest

import revdiff.citations
from revdiff.citations import (
    describe_citation_update,
    find_citations,
    mask_assembly_editions,
    mask_citations,
    match_citation_updates,
)
from revdiff.model import Citation, CitationUpdate
from revdiff.normalize import editorially_equal


def only(text: str) -> Citation:
    (citation,) = find_citations(text)
    return citation


def test_a_plenipotentiary_resolution_with_its_edition() -> None:
    citation = only(
        "a)\tResolution\u00a0196 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on users;"
    )
    assert (citation.kind, citation.number, citation.body) == ("Resolution", "196", "PP")
    assert (citation.revised, citation.place, citation.year) == (True, "Dubai", 2018)
    assert citation.edition == "Rev. Dubai, 2018"
    assert citation.text.startswith("Resolution\u00a0196 (Rev. Dubai, 2018) of the Pleni")


def test_bodies_named_after_the_citation_or_before_it() -> None:
    wtdc = only(
        "Resolution 64 (Rev. Buenos Aires, 2017) of the World Telecommunication Development "
        "Conference"
    )
    assert (wtdc.body, wtdc.place, wtdc.year) == ("WTDC", "Buenos Aires", 2017)
    assert only("WTSA Resolution 1 (Rev. Hammamet, 2016)").body == "WTSA"
    assert only("Resolution 196 (Busan, 2014);").body is None
    assert only("Resolution 196 (Busan, 2014);").revised is False


def test_a_list_of_resolutions_gives_one_citation_each() -> None:
    citations = find_citations("Resolutions 2 and 3 (Rev. Hammamet, 2016)")
    assert [c.number for c in citations] == ["2", "3"]
    assert {c.edition for c in citations} == {"Rev. Hammamet, 2016"}


def test_recommendations_study_groups_and_questions() -> None:
    text = (
        "that ITU\u2011T Study Group\u00a03, with ITU\u2011T Study Groups\u00a02, 11, 12,\u00a017 "
        "and 20, apply Recommendation ITU\u2011T E.164 under Question 1/3"
    )
    found = [(c.kind, c.number) for c in find_citations(text)]
    assert found == [
        ("Study Group", "3"),
        ("Study Group", "2"),
        ("Study Group", "11"),
        ("Study Group", "12"),
        ("Study Group", "17"),
        ("Study Group", "20"),
        ("Recommendation", "ITU-T E.164"),
        ("Question", "1/3"),
    ]
    assert find_citations(text)[0].body == "ITU-T"


def test_articles_provisions_documents_opinions_and_decisions() -> None:
    text = (
        "Article 18 of the Constitution, No. 184A of the Convention, Document C18/45, "
        "Opinion 1 and Decision 5 (Rev. Dubai, 2018) of the Plenipotentiary Conference"
    )
    found = [(c.kind, c.number, c.body) for c in find_citations(text)]
    assert found == [
        ("Article", "18", "Constitution"),
        ("No.", "184A", "Convention"),
        ("Document", "C18/45", None),
        ("Opinion", "1", None),
        ("Decision", "5", "PP"),
    ]


def test_plain_prose_cites_nothing() -> None:
    assert find_citations("that the study groups concerned should expedite work;") == ()
    assert find_citations("this resolution, adopted in 2016, resolves") == ()


def test_an_edition_change_is_an_update_and_is_described() -> None:
    old = find_citations("Resolution 196 (Busan, 2014) of the Plenipotentiary Conference")
    new = find_citations("Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference")
    (update,) = match_citation_updates(old, new)
    assert describe_citation_update(update) == (
        "citation updated: PP Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)"
    )


def test_an_unchanged_citation_is_no_update() -> None:
    same = find_citations("Resolution 196 (Busan, 2014)")
    assert match_citation_updates(same, same) == ()


def test_a_changed_study_group_number_is_an_update() -> None:
    (update,) = match_citation_updates(
        find_citations("ITU-T Study Group 3 and Study Group 2"),
        find_citations("ITU-T Study Group 5 and Study Group 2"),
    )
    assert (update.old.number, update.new.number) == ("3", "5")
    assert describe_citation_update(update) == (
        "citation updated: ITU-T Study Group 3 → ITU-T Study Group 5"
    )


def test_a_different_resolution_cited_is_not_an_update() -> None:
    old = find_citations("Resolution 196 (Busan, 2014)")
    new = find_citations("Resolution 197 (Busan, 2014)")
    assert match_citation_updates(old, new) == ()


def test_masks_hide_exactly_what_an_update_changes() -> None:
    old = "to implement Resolution 196 (Busan, 2014) with ITU\u2011T Study Group 3;"
    new = "to implement Resolution 196 (Rev. Dubai, 2018) with ITU-T Study Group 5;"
    assert editorially_equal(mask_citations(old), mask_citations(new))
    assert not editorially_equal(
        mask_citations(old), mask_citations(new.replace("implement", "apply"))
    )
    assert not editorially_equal(
        mask_citations("Resolution 196 (Busan, 2014)"),
        mask_citations("Resolution 197 (Busan, 2014)"),
    )


def test_assembly_editions_in_metadata_lines_are_masked() -> None:
    assert mask_assembly_editions("(Hammamet, 2016)") == mask_assembly_editions(
        "(Hammamet, 2016; Geneva, 2022)"
    )
    assert mask_assembly_editions("RESOLUTION 84 (Hammamet, 2016)") == mask_assembly_editions(
        "RESOLUTION 84 (Rev. Geneva, 2022)"
    )


def test_description_without_a_body() -> None:
    update = CitationUpdate(
        only("Resolution 196 (Busan, 2014)"), only("Resolution 196 (Rev. Dubai, 2018)")
    )
    assert describe_citation_update(update) == (
        "citation updated: Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)"
    )


def test_docstring_examples() -> None:
    result = doctest.testmod(revdiff.citations)
    assert result.failed == 0 and result.attempted > 0
