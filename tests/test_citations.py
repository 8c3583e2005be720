"""Citations: parsed with body, number and edition; updates paired and described."""

from __future__ import annotations

import doctest
import functools
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_docx_loader import load_make_docx

import revdiff
import revdiff.citations
from revdiff.citations import (
    describe_citation_update,
    find_citations,
    mask_assembly_editions,
    mask_citations,
    match_citation_updates,
)
from revdiff.classify import classify_natures
from revdiff.model import Change, ChangeKind, Citation, CitationUpdate, Marker, Nature
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


def test_a_different_number_is_a_different_text_not_an_update() -> None:
    for old, new in (
        ("ITU-T Study Group 3 and Study Group 2", "ITU-T Study Group 5 and Study Group 2"),
        ("Resolution 196 (Busan, 2014)", "Resolution 197 (Busan, 2014)"),
        ("Recommendation ITU-T E.164", "Recommendation ITU-T E.118"),
        ("No. 5.516B of the Radio Regulations", "No. 5.516C of the Radio Regulations"),
    ):
        assert match_citation_updates(find_citations(old), find_citations(new)) == (), old


def test_masks_hide_editions_and_nothing_else() -> None:
    old = "to implement Resolution 196 (Busan, 2014) with ITU\u2011T Study Group 3;"
    new = "to implement Resolution 196 (Rev. Dubai, 2018) with ITU-T Study Group 3;"
    assert editorially_equal(mask_citations(old), mask_citations(new))
    assert not editorially_equal(
        mask_citations(old), mask_citations(new.replace("implement", "apply"))
    )
    for old, new in (
        ("Resolution 196 (Busan, 2014)", "Resolution 197 (Busan, 2014)"),
        ("ITU-T Study Group 3", "ITU-T Study Group 5"),
        ("Recommendation ITU-R M.1036-6", "Recommendation ITU-R M.1037-6"),
    ):
        assert not editorially_equal(mask_citations(old), mask_citations(new)), old
    # An edition written or not: the same text is cited.
    assert mask_citations("Recommendation ITU-T E.164;") == mask_citations(
        "Recommendation ITU-T E.164 (11/2010);"
    )


def test_assembly_editions_in_metadata_lines_are_masked() -> None:
    assert mask_assembly_editions("(Hammamet, 2016)") == mask_assembly_editions(
        "(Hammamet, 2016; Geneva, 2022)"
    )
    assert mask_assembly_editions("RESOLUTION 84 (Hammamet, 2016)") == mask_assembly_editions(
        "RESOLUTION 84 (Rev. Geneva, 2022)"
    )


def test_itu_r_versions_and_years_in_metadata_lines_are_masked(tmp_path: Path) -> None:
    old = (
        "RESOLUTION ITU-R 2-7\nConference Preparatory Meeting\n(1993-1995-2000-2012-2015)\n"
        "The ITU Radiocommunication Assembly,\nconsidering\n"
        "a)\tthat the Conference Preparatory Meeting prepares a consolidated report,\n"
    )
    new = old.replace("2-7", "2-8").replace("2015)", "2015-2019)")
    (tmp_path / "old.txt").write_text(old, "utf-8")
    (tmp_path / "new.txt").write_text(new, "utf-8")
    comparison = revdiff.compare(tmp_path / "old.txt", tmp_path / "new.txt")
    changed = {m.field: m.natures for m in comparison.metadata if m.changed}
    assert changed == {"number_line": (Nature.CITATION,), "history": (Nature.CITATION,)}
    assert mask_assembly_editions("RESOLUTION ITU-R 2-7") != mask_assembly_editions(
        "RESOLUTION ITU-R 3-7"
    )


def test_description_without_a_body() -> None:
    update = CitationUpdate(
        only("Resolution 196 (Busan, 2014)"), only("Resolution 196 (Rev. Dubai, 2018)")
    )
    assert describe_citation_update(update) == (
        "citation updated: Resolution 196 (Busan, 2014) → (Rev. Dubai, 2018)"
    )


def test_every_form_parses_with_its_edition() -> None:
    forms = {
        "Resolution 27 (Rev.WRC-12)": ("Resolution", "27", "WRC", "Rev.WRC-12"),
        "Resolution 1 (WRC\u201119)": ("Resolution", "1", "WRC", "WRC-19"),
        "Recommendation ITU-R SM.1138-2": ("Recommendation", "ITU-R SM.1138", None, "2"),
        "Resolution ITU\u2011R 2\u20117": ("Resolution", "ITU-R 2", None, "7"),
        "ITU-T Recommendation E.164 (11/2010)": ("Recommendation", "ITU-T E.164", None, "11/2010"),
        "Recommendation ITU-T G.8261/Y.1361": ("Recommendation", "ITU-T G.8261/Y.1361", None, ""),
        "Recommendation 7 (Rev.WRC-97)": ("Recommendation", "7", "WRC", "Rev.WRC-97"),
        "No.\u00a05.516B of the Radio Regulations": ("No.", "5.516B", "Radio Regulations", ""),
        "Appendix 30B (Rev.WRC-15)": ("Appendix", "30B", None, "Rev.WRC-15"),
        "Decision 5 (Rev. Busan, 2014)": ("Decision", "5", None, "Rev. Busan, 2014"),
        "Resolution 71 (Rev. PP-18)": ("Resolution", "71", "PP", "Rev.PP-18"),
        "Council Resolution 1305 (2009)": ("Resolution", "1305", "Council", "2009"),
        "Resolution 1380 (modified 2017) of the Council": (
            "Resolution",
            "1380",
            "Council",
            "modified 2017",
        ),
    }
    for text, expected in forms.items():
        citation = only(text)
        assert (citation.kind, citation.number, citation.body, citation.edition) == expected, text


def test_each_number_of_a_list_keeps_its_own_edition_or_the_next_one() -> None:
    citations = find_citations(
        "Resolutions 130 (Rev. Busan, 2014), 174 and 179 (Busan, 2014) of the Plenipotentiary "
        "Conference"
    )
    assert [(c.number, c.edition, c.body) for c in citations] == [
        ("130", "Rev. Busan, 2014", "PP"),
        ("174", "Busan, 2014", "PP"),
        ("179", "Busan, 2014", "PP"),
    ]
    recommendations = find_citations("Recommendations ITU-R SM.1138-2 and SM.1139")
    assert [(c.number, c.edition) for c in recommendations] == [
        ("ITU-R SM.1138", "2"),
        ("ITU-R SM.1139", ""),
    ]
    articles = find_citations("Articles 5 and 21 of the Radio Regulations")
    assert [(c.kind, c.number, c.body) for c in articles] == [
        ("Article", "5", "Radio Regulations"),
        ("Article", "21", "Radio Regulations"),
    ]


def test_other_languages_cite_with_their_own_words() -> None:
    updates = {
        "Résolutions 64, 69 et 72 (Rév. Hammamet, 2016) de l'Assemblée": "Rév. Genève, 2022",
        "Résolution 27 (Rév.CMR\u201112)": "Rév.CMR\u201119",
        "la Resolución 196 (Busán, 2014) de la Conferencia": "Rev. Dubái, 2018",
        "Резолюция 196 (Пересм. Пусан, 2014 г.)": "Пересм. Дубай, 2018 г.",
    }
    for text, edition in updates.items():
        old_edition = text[text.index("(") + 1 : text.index(")")]
        new = text.replace(old_edition, edition)
        assert find_citations(text), text
        assert classify_natures(text, new) == (Nature.CITATION,), text
    articles = find_citations("los Artículos 17, 18 y 20 de la Constitución")
    assert [(c.kind, c.number, c.body) for c in articles] == [
        ("Article", "17", "Constitución"),
        ("Article", "18", "Constitución"),
        ("Article", "20", "Constitución"),
    ]
    assert only("Статья 5 Регламента радиосвязи").body == "Регламента радиосвязи"


def test_a_list_may_repeat_the_sector_and_cite_two_editions_of_one_text() -> None:
    old = "Recommendations ITU-R P.527-3 and ITU-R P.527-4 apply"
    new = "Recommendations ITU-R P.527-3 and ITU-R P.527-5 apply"
    assert [(c.number, c.edition) for c in find_citations(old)] == [
        ("ITU-R P.527", "3"),
        ("ITU-R P.527", "4"),
    ]
    (update,) = match_citation_updates(find_citations(old), find_citations(new))
    assert describe_citation_update(update) == (
        "citation updated: Recommendation ITU-R P.527-4 → Recommendation ITU-R P.527-5"
    )
    assert classify_natures(old, new) == (Nature.CITATION,)


def test_the_same_update_cited_twice_is_told_once() -> None:
    old = find_citations("Resolution 196 (Busan, 2014), as Resolution 196 (Busan, 2014) says")
    new = find_citations("Resolution 196 (Rev. Dubai, 2018), as Resolution 196 (Rev. Dubai, 2018)")
    assert len(match_citation_updates(old, new)) == 1


def test_a_heading_in_capitals_cites_and_prose_does_not() -> None:
    old = "ANNEX A TO RESOLUTION 1 (REV. HAMMAMET, 2016)"
    assert classify_natures(old, old.replace("HAMMAMET, 2016", "GENEVA, 2022")) == (
        Nature.CITATION,
    )
    assert classify_natures(old, old.replace("RESOLUTION 1", "RESOLUTION 2")) == (
        Nature.SUBSTANTIVE,
    )
    assert find_citations("that this resolution 1 (Hammamet, 2016) be kept") == ()


def test_a_range_is_not_a_version() -> None:
    assert [(c.number, c.edition) for c in find_citations("Resolutions 1-5 apply")] == [("1", "")]


# -- the public API on real wordings ------------------------------------------------------

FORMS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "citations"
FORMS: list[dict[str, Any]] = tomllib.loads((FORMS_DIR / "forms.toml").read_text("utf-8"))["form"]


def _entry(comparison: revdiff.Comparison, form: dict[str, Any]) -> Any:
    """The report's entry for the line `form` edits: a metadata line, heading, footnote or
    clause."""
    where = form["clause"]
    if where.startswith("metadata:"):
        (line,) = [m for m in comparison.metadata if m.field == where.split(":", 1)[1]]
        return line
    if where.startswith("heading:"):
        (heading,) = [h for h in comparison.heading_changes if h.id == where]
        return heading
    if where.startswith("footnote:"):
        (footnote,) = [f for f in comparison.footnote_changes if f.id == where]
        return footnote
    (change,) = [c for c in comparison.changes if [x.id for x in c.new] == [where]]
    return change


def _check(entry: Any, form: dict[str, Any]) -> None:
    assert [n.value for n in entry.natures] == form["natures"], form["name"]
    if "marker" in form:
        assert entry.kind is ChangeKind.MODIFIED, form["name"]
        assert entry.marker is Marker(form["marker"]), form["name"]
    if isinstance(entry, Change):
        described = [describe_citation_update(u) for u in entry.citations]
        assert described == form["citations"], form["name"]


def test_the_fixture_new_text_makes_every_edit() -> None:
    text = (FORMS_DIR / "old.txt").read_text("utf-8")
    for form in FORMS:
        assert text.count(form["old"]) == 1, form["name"]
        text = text.replace(form["old"], form["new"])
    assert text == (FORMS_DIR / "new.txt").read_text("utf-8")


def test_every_form_at_once() -> None:
    comparison = revdiff.compare(FORMS_DIR / "old.txt", FORMS_DIR / "new.txt")
    for form in FORMS:
        _check(_entry(comparison, form), form)
    changed = [c for c in comparison.changes if c.is_change]
    assert len(changed) == sum(1 for f in FORMS if ":" not in f["clause"])


_make_docx = functools.cache(load_make_docx)


def _write(text: str, path: Path) -> Path:
    """`text` as `path`: a text file, or for .docx the Word file ITU's styles would give (the
    layout that fixtures/make_docx.py draws wants a history line under the title)."""
    if path.suffix == ".txt":
        path.write_text(text, "utf-8")
    else:
        text = text.replace(
            "Radio Regulations\nThe World", "Radio Regulations\n(Geneva, 2015)\nThe World"
        )
        path.write_bytes(_make_docx().render_resolution_docx(text))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
@pytest.mark.parametrize("form", FORMS, ids=[f["name"] for f in FORMS])
def test_each_form_alone(form: dict[str, Any], suffix: str, tmp_path: Path) -> None:
    text = (FORMS_DIR / "old.txt").read_text("utf-8")
    old = _write(text, tmp_path / f"old{suffix}")
    new = _write(text.replace(form["old"], form["new"]), tmp_path / f"new{suffix}")
    comparison = revdiff.compare(old, new)
    assert comparison.has_differences
    entry = _entry(comparison, form)
    _check(entry, form)
    others = [c for c in comparison.changes if c.is_change and c is not entry]
    assert others == [], form["name"]
    # The other way round: the same natures and marker, each update reversed.
    back = _entry(revdiff.compare(new, old), form)
    assert back.natures == entry.natures, form["name"]
    if isinstance(entry, Change) and isinstance(back, Change):
        assert back.marker is entry.marker
        assert [(u.new, u.old) for u in back.citations] == [(u.old, u.new) for u in entry.citations]


# -- properties ----------------------------------------------------------------------------

_PLACES = ("Busan", "Dubai", "Buenos Aires", "Sharm el-Sheikh", "Hammamet", "Geneva")
_editions = st.one_of(
    st.builds(
        lambda rev, place, year: f"{rev}{place}, {year}",
        st.sampled_from(("", "Rev. ")),
        st.sampled_from(_PLACES),
        st.integers(1990, 2030),
    ),
    st.builds(
        lambda rev, body, year: f"{rev}{body}-{year:02d}",
        st.sampled_from(("", "Rev.")),
        st.sampled_from(("WRC", "PP", "WTSA", "WTDC", "RA")),
        st.integers(0, 99),
    ),
)
_nouns = st.sampled_from(("Resolution", "Decision", "Opinion", "Appendix"))
_numbers = st.integers(1, 999).map(str)
_sentences = st.sampled_from(
    ("that {} applies;", "recalling {} of the Plenipotentiary Conference,", "{}")
)


@given(_sentences, _nouns, _numbers, _editions, _editions)
def test_an_edition_change_of_the_same_text_is_citation_only(
    sentence: str, noun: str, number: str, old_edition: str, new_edition: str
) -> None:
    old = sentence.format(f"{noun} {number} ({old_edition})")
    new = sentence.format(f"{noun} {number} ({new_edition})")
    expected = () if old == new else (Nature.CITATION,)
    updates = match_citation_updates(find_citations(old), find_citations(new))
    assert classify_natures(old, new, updates) == expected
    assert classify_natures(new, old) == expected
    assert len(updates) == (old != new)


@given(_sentences, _nouns, _numbers, _numbers, _editions, _editions)
def test_citing_another_number_is_never_citation_only(
    sentence: str, noun: str, old_number: str, new_number: str, old_ed: str, new_ed: str
) -> None:
    if old_number == new_number:
        new_number += "0"
    old = sentence.format(f"{noun} {old_number} ({old_ed})")
    new = sentence.format(f"{noun} {new_number} ({new_ed})")
    assert Nature.SUBSTANTIVE in classify_natures(old, new)


def _cited_list(numbers: list[str], editions: list[str | None]) -> str:
    items = [f"{n} ({e})" if e else n for n, e in zip(numbers, editions, strict=True)]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return f"recalling Resolutions {listed} of the Plenipotentiary Conference;"


_lists = st.lists(_numbers, min_size=1, max_size=4, unique=True).flatmap(
    lambda numbers: st.tuples(
        st.just(numbers),
        st.lists(st.none() | _editions, min_size=len(numbers), max_size=len(numbers)),
        st.lists(st.none() | _editions, min_size=len(numbers), max_size=len(numbers)),
    )
)


@given(_lists, st.data())
def test_a_list_with_other_editions_is_citation_and_another_number_is_not(
    cited: tuple[list[str], list[str | None], list[str | None]], data: st.DataObject
) -> None:
    numbers, old_editions, new_editions = cited
    old = _cited_list(numbers, old_editions)
    new = _cited_list(numbers, new_editions)
    assert classify_natures(old, new) == (() if old == new else (Nature.CITATION,))
    changed = list(numbers)
    index = data.draw(st.integers(0, len(numbers) - 1))
    changed[index] = str(int(changed[index]) + 1000)
    assert Nature.SUBSTANTIVE in classify_natures(old, _cited_list(changed, new_editions))


@given(st.integers(1900, 2100), st.integers(1900, 2100), st.sampled_from(_PLACES))
def test_a_year_outside_a_citation_is_substance(old_year: int, new_year: int, place: str) -> None:
    old = f"that the meeting held in {place}, in {old_year}, agreed"
    new = f"that the meeting held in {place}, in {new_year}, agreed"
    assert mask_citations(old) == old
    assert classify_natures(old, new) == (() if old_year == new_year else (Nature.SUBSTANTIVE,))


@given(st.text(alphabet=st.sampled_from("abcdefgh ,;.()-0123456789"), max_size=60))
def test_text_without_a_cited_noun_cites_nothing(text: str) -> None:
    assert find_citations(text) == ()
    assert mask_citations(text) == text


def test_docstring_examples() -> None:
    result = doctest.testmod(revdiff.citations)
    assert result.failed == 0 and result.attempted > 0
