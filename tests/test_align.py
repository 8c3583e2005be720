"""align_clauses: content-based, global pairing; never by label or position."""

from __future__ import annotations

import random

from strategies import LETTERS, build_document

from revdiff.align import (
    GAP_FLOOR,
    MAX_CANDIDATES,
    POSITION_WINDOW,
    Alignment,
    ClausePair,
    align_clauses,
)
from revdiff.model import CompareOptions, Document

OPTIONS = CompareOptions()


def lettered(*texts: str) -> list[tuple[str | None, str]]:
    return [(f"{LETTERS[i]})", text) for i, text in enumerate(texts)]


def pairs_by_id(old: Document, new: Document, alignment: Alignment) -> dict[tuple, ClausePair]:
    o, n = old.clauses, new.clauses
    return {
        (tuple(o[i].id for i in p.old), tuple(n[j].id for j in p.new)): p for p in alignment.pairs
    }


def assert_partition(old: Document, new: Document, alignment: Alignment) -> None:
    olds = sorted(i for p in alignment.pairs for i in p.old)
    news = sorted(j for p in alignment.pairs for j in p.new)
    assert olds == list(range(len(old.clauses)))
    assert news == list(range(len(new.clauses)))


A = "that numbering resources are limited and must be managed fairly;"
B = "that misuse of international numbers continues to grow in several regions;"
C = "that some operators report fraudulent traffic within thirty days of allocation;"
D = "that regional cooperation helps administrations to detect misuse early;"
NEW = "that the number of complaints from consumers has doubled since 2016;"


def test_an_insertion_does_not_shift_the_pairing() -> None:
    old = build_document([("considering", lettered(A, B, C, D))])
    new = build_document([("considering", lettered(A, NEW, B, C, D))])
    alignment = align_clauses(old, new, OPTIONS)
    found = pairs_by_id(old, new, alignment)
    assert found[("considering/b",), ("considering/c",)].renumbered
    assert found[("considering/d",), ("considering/e",)].renumbered
    assert found[(), ("considering/b",)].evidence == ""
    assert not any(p.moved for p in alignment.pairs)
    assert_partition(old, new, alignment)


def test_clauses_at_the_same_place_with_unrelated_text_are_not_paired() -> None:
    old = build_document([("resolves", lettered(A, "to report to the Council every year;"))])
    new = build_document([("resolves", lettered(A, "to establish a focus group on AI;"))])
    found = pairs_by_id(old, new, align_clauses(old, new, OPTIONS))
    assert ("resolves/b",) in {key[0] for key in found if not key[1]}
    assert ("resolves/b",) in {key[1] for key in found if not key[0]}


def test_a_reworded_clause_pairs_with_its_old_version_wherever_it_is() -> None:
    reworded = "that many operators report fraudulent traffic within sixty days of allocation;"
    old = build_document([("considering", lettered(A, B, C)), ("noting", lettered(D))])
    new = build_document([("considering", lettered(A, B)), ("noting", lettered(D, reworded))])
    found = pairs_by_id(old, new, align_clauses(old, new, OPTIONS))
    pair = found[("considering/c",), ("noting/b",)]
    assert pair.evidence == "similar" and pair.moved and pair.renumbered


def test_a_clause_rewritten_in_place_pairs_when_its_neighbours_vouch_for_it() -> None:
    old_text = "that some operators report fraudulent traffic within thirty days of allocation;"
    rewritten = "that several regulators now detect fraudulent calls within a week of allocation;"
    old = build_document([("considering", lettered(A, old_text, D))])
    new = build_document([("considering", lettered(A, rewritten, D))])
    alignment = align_clauses(old, new, OPTIONS)
    pair = pairs_by_id(old, new, alignment)[("considering/b",), ("considering/b",)]
    assert pair.evidence == "in place" and GAP_FLOOR <= pair.score < OPTIONS.pair_threshold
    assert_partition(old, new, alignment)


def test_a_lone_gap_with_unrelated_texts_stays_a_deletion_and_an_addition() -> None:
    old = build_document([("resolves", lettered(A, "to report to the Council every year;", D))])
    new = build_document([("resolves", lettered(A, "to establish a focus group on AI;", D))])
    found = pairs_by_id(old, new, align_clauses(old, new, OPTIONS))
    assert (("resolves/b",), ()) in found and ((), ("resolves/b",)) in found


def test_a_shared_rare_citation_anchors_a_heavily_reworded_pair() -> None:
    old_text = (
        "Resolution 123 (Busan, 2014) of the Plenipotentiary Conference, on protecting "
        "consumers of international mobile roaming services;"
    )
    new_text = (
        "Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on fraud "
        "prevention and numbering misuse in developing countries;"
    )
    old = build_document([("recalling", lettered(old_text, A))])
    new = build_document([("recalling", lettered(new_text, A))])
    alignment = align_clauses(old, new, OPTIONS)
    pair = pairs_by_id(old, new, alignment)[("recalling/a",), ("recalling/a",)]
    assert pair.evidence == "citation"
    assert pair.score < OPTIONS.pair_threshold  # content alone would not have paired them


def test_duplicate_texts_pair_within_their_section_first() -> None:
    same = "to take the necessary measures;"
    old = build_document([("instructs", lettered(same, A)), ("invites", lettered(same))])
    new = build_document([("invites", lettered(same)), ("instructs", lettered(A, same))])
    found = pairs_by_id(old, new, align_clauses(old, new, OPTIONS))
    assert (("invites/a",), ("invites/a",)) in found
    assert (("instructs/a",), ("instructs/b",)) in found


def test_repeated_headings_pair_by_the_clauses_around_them() -> None:
    # WTSA Res 1 repeats "Definition" / "Deletion" under every numbered heading. When one
    # heading loses its "Definition", the others must stay with their own headings.
    def numbered(titles: list[str]) -> list[tuple[str | None, str]]:
        items: list[tuple[str | None, str]] = []
        for n, title in enumerate(titles, start=1):
            items.append((f"{n}", f"{title} procedures for study group work"))
            if title != "Second":
                items.append((f"{n}.1", "Definition"))
            items.append((f"{n}.2", "Deletion"))
        return items

    titles = ["First", "Second", "Third", "Fourth"]
    old = build_document([("section", numbered(["First", "Second*", "Third", "Fourth"]))])
    new = build_document([("section", numbered(titles))])
    alignment = align_clauses(old, new, OPTIONS)
    found = pairs_by_id(old, new, alignment)
    for n in (1, 3, 4):
        assert ((f"section/{n}.1",), (f"section/{n}.1",)) in found
        assert ((f"section/{n}.2",), (f"section/{n}.2",)) in found
    assert found[("section/2.1",), ()].evidence == ""  # the lost "Definition" is deleted
    assert not any(p.moved or p.renumbered for p in alignment.pairs)


SPLIT_OLD = (
    "to collect information on cases of misuse from Member States and to make this "
    "information available to the membership on the ITU-T website;"
)
SPLIT_NEW = (
    "to collect information on cases of misuse from Member States;",
    "to make this information available to the membership on the ITU-T website;",
)


def test_a_split_is_one_pair_of_one_old_and_several_new_clauses() -> None:
    old = build_document([("instructs", lettered(SPLIT_OLD, A))])
    new = build_document([("instructs", lettered(*SPLIT_NEW, A))])
    alignment = align_clauses(old, new, OPTIONS)
    found = pairs_by_id(old, new, alignment)
    assert found[("instructs/a",), ("instructs/a", "instructs/b")].evidence == "split"
    assert_partition(old, new, alignment)


def test_a_merge_is_the_mirror_of_a_split() -> None:
    old = build_document([("instructs", lettered(*SPLIT_NEW, A))])
    new = build_document([("instructs", lettered(SPLIT_OLD, A))])
    found = pairs_by_id(old, new, align_clauses(old, new, OPTIONS))
    assert found[("instructs/a", "instructs/b"), ("instructs/a",)].evidence == "merge"


def test_split_detection_can_be_turned_off() -> None:
    old = build_document([("instructs", lettered(SPLIT_OLD, A))])
    new = build_document([("instructs", lettered(*SPLIT_NEW, A))])
    alignment = align_clauses(old, new, CompareOptions(detect_splits=False))
    assert all(len(p.old) <= 1 and len(p.new) <= 1 for p in alignment.pairs)


def test_an_added_clause_next_to_a_pair_is_not_mistaken_for_a_split() -> None:
    old = build_document([("instructs", lettered(SPLIT_NEW[0], A))])
    new = build_document([("instructs", lettered(SPLIT_NEW[0], NEW, A))])
    alignment = align_clauses(old, new, OPTIONS)
    assert all(len(p.new) <= 1 for p in alignment.pairs)


def test_a_renamed_section_does_not_make_its_clauses_moved() -> None:
    old = build_document([("invites Member States", lettered(A, B, C))])
    new = build_document([("invites Member States and Sector Members", lettered(A, B, C))])
    alignment = align_clauses(old, new, OPTIONS)
    assert not any(p.moved or p.renumbered for p in alignment.pairs)


def test_a_thousand_identical_clauses_pair_in_order() -> None:
    items = [("resolves", [(f"{n})", "to take the necessary measures;") for n in range(1000)])]
    document = build_document(items)
    alignment = align_clauses(document, document, OPTIONS)
    assert all(p.old == p.new and p.evidence == "exact" for p in alignment.pairs)
    assert alignment.scored == 0


def test_candidate_scoring_grows_linearly_with_the_number_of_clauses() -> None:
    rng = random.Random(84)
    vocabulary = [f"w{n}" for n in range(3000)] + ["the", "of", "to", "and"] * 200

    def text() -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(12))

    count = 800
    old_texts = [text() for _ in range(count)]
    new_texts = [t + " " + rng.choice(vocabulary) for t in old_texts]  # every clause reworded
    rng.shuffle(new_texts)
    old = build_document([("resolves", [(f"{n})", t) for n, t in enumerate(old_texts)])])
    new = build_document([("resolves", [(f"{n})", t) for n, t in enumerate(new_texts)])])
    alignment = align_clauses(old, new, OPTIONS)
    per_clause = 2 * (MAX_CANDIDATES + 2 * POSITION_WINDOW) + 4  # both sides, plus split checks
    assert alignment.scored <= per_clause * count  # far below count × count
    paired = [p for p in alignment.pairs if p.old and p.new]
    assert len(paired) == count
    assert all(new.clauses[p.new[0]].text.startswith(old.clauses[p.old[0]].text) for p in paired)
