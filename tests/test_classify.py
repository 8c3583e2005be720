"""Classification: kind, natures (editorial, citation, substantive), ITU marker, similarity;
and the normal forms the editorial test and the matching rest on."""

from __future__ import annotations

from pathlib import Path

import revdiff
from revdiff.classify import classify_change, classify_natures, compare_metadata, edit_similarity
from revdiff.model import (
    Change,
    ChangeKind,
    Clause,
    EditOp,
    Marker,
    Metadata,
    MetadataChange,
    Nature,
    SourceLocation,
)
from revdiff.normalize import (
    editorially_equal,
    match_tokens,
    normalize_for_matching,
    normalize_label,
    written_label,
)
from revdiff.textdiff import diff_words

E, C, S = Nature.EDITORIAL, Nature.CITATION, Nature.SUBSTANTIVE
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"


def clause(text: str, label: str | None = "a)", clause_id: str = "recalling/a") -> Clause:
    return Clause(clause_id, clause_id.split("/")[0], label, text, SourceLocation("t.txt", 1))


# -- normal forms --------------------------------------------------------------------------


def test_matching_form_ignores_case_variants_and_list_endings() -> None:
    assert normalize_for_matching("That ITU\u2011T  Study\u00a0Group 3;  and") == (
        "that itu-t study group 3"
    )
    assert normalize_for_matching("\u201cquoted\u201d text,") == '"quoted" text'
    assert match_tokens("Resolution\u00a0196 (Busan, 2014);") == [
        "resolution",
        "196",
        "busan",
        "2014",
    ]


def test_editorial_equality_covers_spacing_punctuation_case_and_variants() -> None:
    assert editorially_equal("ITU-T Study Group 3,", "ITU\u2011T study group\u00a03;")
    assert editorially_equal("capacity building", "capacity-building")
    assert editorially_equal("\u2018a\u2019 \u2013 b", "'a' - b")
    assert not editorially_equal("clause 1.3", "clause 13")
    assert not editorially_equal("Study Groups 2, 11", "Study Groups 211")
    assert not editorially_equal("within thirty days", "within sixty days")


def test_labels_compare_without_their_dressing() -> None:
    assert normalize_label("b)") == normalize_label("(b)") == normalize_label("b.") == "b"
    assert normalize_label("b)bis") != normalize_label("b)")
    assert normalize_label(None) == ""


def test_a_label_rewritten_in_another_dress_or_case_is_a_change_a_reader_sees() -> None:
    # Pairing ignores the dressing; whether the label changed does not (it made "No
    # differences" of a list relabelled from "A)" to "(a)", found by the grammar fuzzing).
    assert written_label("b )") == written_label("b)") == "b)"
    assert len({written_label(label) for label in ("b)", "(b)", "b.", "B)")}) == 4
    assert written_label(None) == ""


# -- natures -------------------------------------------------------------------------------


def test_natures_of_text_differences() -> None:
    assert classify_natures("same", "same") == ()
    assert classify_natures("ITU-T Study Group 3;", "ITU\u2011T Study Group\u00a03,") == (E,)
    assert classify_natures(
        "Resolution 196 (Busan, 2014) of the PP", "Resolution 196 (Rev. Dubai, 2018) of the PP"
    ) == (C,)
    assert classify_natures(
        "Recommendation ITU-R M.1036-6 applies", "Recommendation ITU-R M.1036-7 applies"
    ) == (C,)
    assert classify_natures("within thirty days", "within sixty days") == (S,)


def test_a_citation_update_with_a_punctuation_change_is_both() -> None:
    assert classify_natures(
        "Resolution 196 (Busan, 2014) of the PP, on users;",
        "Resolution 196 (Rev. Dubai, 2018) of the PP on users;",
    ) == (E, C)


def test_a_citation_update_inside_a_rewording_is_noted_with_it() -> None:
    change = classify_change(
        [clause("to implement Resolution 196 (Busan, 2014);")],
        [clause("to implement and review Resolution 196 (Rev. Dubai, 2018);")],
    )
    assert change.natures == (C, S)
    assert change.marker is Marker.MOD
    assert len(change.citations) == 1


def test_citing_another_text_is_substantive() -> None:
    assert classify_natures("Resolution 196 (Busan, 2014)", "Resolution 197 (Busan, 2014)") == (S,)
    assert classify_natures(
        "Recommendation ITU-T E.164 applies", "Recommendation ITU-T E.118 applies"
    ) == (S,)
    assert classify_natures(
        "that ITU-T Study Group 2 should", "that ITU-T Study Group 12 should"
    ) == (S,)


# -- kinds and markers ---------------------------------------------------------------------


def test_markers_follow_itu_practice() -> None:
    same = classify_change([clause("text;")], [clause("text;")])
    assert (same.kind, same.marker, same.natures, same.similarity) == (
        ChangeKind.UNCHANGED,
        Marker.NOC,
        (),
        1.0,
    )
    relettered = classify_change(
        [clause("text;")], [clause("text;", "c)", "recalling/c")], renumbered=True
    )
    assert (relettered.kind, relettered.marker) == (ChangeKind.UNCHANGED, Marker.MOD_EDITORIAL)
    assert relettered.is_change
    moved = classify_change([clause("text;")], [clause("text;")], moved=True)
    assert moved.marker is Marker.MOD_EDITORIAL
    editorial = classify_change([clause("ITU-T text;")], [clause("ITU\u2011T text,")])
    assert (editorial.kind, editorial.marker) == (ChangeKind.MODIFIED, Marker.MOD_EDITORIAL)
    reworded = classify_change([clause("within thirty days;")], [clause("within sixty days;")])
    assert (reworded.kind, reworded.marker) == (ChangeKind.MODIFIED, Marker.MOD)
    added = classify_change([], [clause("new text;")])
    assert (added.kind, added.marker, added.natures) == (ChangeKind.ADDED, Marker.ADD, (S,))
    deleted = classify_change([clause("old text;")], [])
    assert (deleted.kind, deleted.marker, deleted.similarity) == (
        ChangeKind.DELETED,
        Marker.SUP,
        0.0,
    )


def test_a_split_joins_its_new_texts_with_one_space_and_is_mod() -> None:
    split = classify_change(
        [clause("to collect and to publish;")],
        [clause("to collect;"), clause("to publish;", "b)", "recalling/b")],
    )
    assert split.kind is ChangeKind.SPLIT and split.marker is Marker.MOD
    new_text = "".join(e.text for e in split.edits if e.op.value != "-")
    assert new_text == "to collect; to publish;"


def test_a_split_or_merge_follows_the_marker_rule_of_a_modification() -> None:
    one = [clause("to collect information; to publish it;")]
    two = [clause("to collect information;"), clause("to publish it;", "b)", "recalling/b")]
    for old, new, kind in ((one, two, ChangeKind.SPLIT), (two, one, ChangeKind.MERGED)):
        # Only the paragraphs were cut or joined: editorial.
        cut = classify_change(old, new)
        assert (cut.kind, cut.natures, cut.marker) == (kind, (E,), Marker.MOD_EDITORIAL)
    retyped = classify_change(
        [clause("to collect information, to publish it;")],
        [clause("to collect information;"), clause("to publish it.", "b)", "recalling/b")],
    )
    assert (retyped.natures, retyped.marker) == ((E,), Marker.MOD_EDITORIAL)
    cited = classify_change(
        [clause("to apply Resolution 1 (Rev.WRC-12); to report;")],
        [clause("to apply Resolution 1 (Rev.WRC-19);"), clause("to report;", "b)", "recalling/b")],
    )
    assert (cited.natures, cited.marker, len(cited.citations)) == ((C,), Marker.MOD, 1)
    reworded = classify_change(
        [clause("to collect information;"), clause("to publish it;", "b)", "recalling/b")],
        [clause("to collect and to publish information;")],
    )
    assert (reworded.kind, reworded.natures, reworded.marker) == (
        ChangeKind.MERGED,
        (S,),
        Marker.MOD,
    )


def test_similarity_counts_kept_characters() -> None:
    assert edit_similarity(diff_words("abc def", "abc xyz")) == 2 * len("abc ") / 14
    assert edit_similarity(()) == 1.0


# -- metadata ------------------------------------------------------------------------------


def test_metadata_lines_are_all_reported_with_their_natures() -> None:
    old = Metadata(
        number_line="RESOLUTION 84 (Hammamet, 2016)",
        title="Studies concerning users",
        history="(Hammamet, 2016)",
        preamble="The World Telecommunication Standardization Assembly (Hammamet, 2016),",
    )
    new = Metadata(
        number_line="RESOLUTION 84 (Rev. Geneva, 2022)",
        title="Studies concerning users",
        history="(Hammamet, 2016; Geneva, 2022)",
        preamble="The World Telecommunication Standardization Assembly (Geneva, 2022),",
    )
    lines = {m.field: m for m in compare_metadata(old, new)}
    assert list(lines) == ["number_line", "title", "history", "preamble"]
    assert not lines["title"].changed and lines["title"].natures == ()
    for field in ("number_line", "history", "preamble"):
        assert lines[field].natures == (C,), field
    renamed = compare_metadata(old, Metadata(title="Studies concerning consumers"))
    by_field = {m.field: m for m in renamed}
    assert by_field["title"].natures == (S,)
    assert by_field["history"].new is None and by_field["history"].natures == (S,)


def test_a_space_changed_in_metadata_is_editorial_as_in_a_clause() -> None:
    for old, new in (
        ("Studies concerning users", "Studies\u00a0concerning users"),
        ("Studies concerning users", "Studies\u2009concerning users"),
        ("(Hammamet, 2016)", "(Hammamet,\u00a02016)"),
    ):
        (line,) = [
            m for m in compare_metadata(Metadata(title=old), Metadata(title=new)) if m.changed
        ]
        assert line.natures == (E,)
        assert "".join(e.text for e in line.edits if e.op.value != "+") == old
        assert classify_natures(old, new) == line.natures


def test_a_no_break_space_shows_alike_in_metadata_and_in_a_clause(tmp_path: Path) -> None:
    """Word's Compare reports white space by default: a no-break space typed for a space is
    shown, as an editorial change with its inline diff, wherever it is."""
    old = (CASES / "citation-only" / "old.txt").read_text("utf-8")
    (tmp_path / "old.txt").write_text(old, "utf-8")
    edits = {
        "Protection of numbering": "Protection\u00a0of numbering",  # the title
        "numbering resources are limited": "numbering\u202fresources are limited",  # a clause
    }
    for before, after in edits.items():
        (tmp_path / "new.txt").write_text(old.replace(before, after), "utf-8")
        comparison = revdiff.compare(tmp_path / "old.txt", tmp_path / "new.txt")
        assert comparison.has_differences, after
        entries: list[Change | MetadataChange] = [m for m in comparison.metadata if m.changed]
        entries += [c for c in comparison.changes if c.is_change]
        (entry,) = entries
        assert entry.natures == (E,), after
        assert any(e.op is EditOp.INSERT and e.text in ("\u00a0", "\u202f") for e in entry.edits)
        if isinstance(entry, Change):
            assert entry.marker is Marker.MOD_EDITORIAL


def test_a_split_or_merge_of_paragraphs_alone_is_editorial_through_the_api(tmp_path: Path) -> None:
    """The split case, its old clause already holding both sentences: only the paragraph was
    cut (and the clause after it renumbered); and the other way round, joined."""
    old = (CASES / "split" / "old.txt").read_text("utf-8")
    (tmp_path / "old.txt").write_text(
        old.replace("Member States and to make", "Member States; to make"), "utf-8"
    )
    comparison = revdiff.compare(tmp_path / "old.txt", CASES / "split" / "new.txt")
    (split,) = [c for c in comparison.changes if c.kind is ChangeKind.SPLIT]
    assert (split.natures, split.marker) == ((E,), Marker.MOD_EDITORIAL)
    back = revdiff.compare(CASES / "split" / "new.txt", tmp_path / "old.txt")
    (merge,) = [c for c in back.changes if c.kind is ChangeKind.MERGED]
    assert (merge.natures, merge.marker) == ((E,), Marker.MOD_EDITORIAL)
