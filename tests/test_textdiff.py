"""diff_words: word-level edits that rebuild both texts and read as whole words and phrases."""

from __future__ import annotations

import doctest
import itertools

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import clause_texts, mixed_texts

import revdiff.normalize
import revdiff.textdiff
from revdiff.model import EditOp, TextEdit
from revdiff.textdiff import MAX_DMP_TOKEN_PAIRS, diff_words, rebuild, tokenize


def marked(edits: tuple[TextEdit, ...]) -> str:
    """git word-diff notation: [-deleted-]{+inserted+}."""
    out = []
    for edit in edits:
        if edit.op is EditOp.EQUAL:
            out.append(edit.text)
        elif edit.op is EditOp.DELETE:
            out.append(f"[-{edit.text}-]")
        else:
            out.append(f"{{+{edit.text}+}}")
    return "".join(out)


def test_a_replaced_word_reads_as_one_word() -> None:
    edits = diff_words("within thirty days", "within sixty days")
    assert marked(edits) == "within [-thirty-]{+sixty+} days"


def test_neighbouring_replacements_merge_into_one_phrase() -> None:
    edits = diff_words("within thirty calendar days", "within sixty working days")
    assert marked(edits) == "within [-thirty calendar-]{+sixty working+} days"


def test_an_edition_update_reads_as_one_replacement() -> None:
    edits = diff_words(
        "Resolution 196 (Busan, 2014) of the Plenipotentiary Conference",
        "Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary Conference",
    )
    assert marked(edits) == (
        "Resolution 196 ([-Busan, 2014-]{+Rev. Dubai, 2018+}) of the Plenipotentiary Conference"
    )


def test_numbers_and_citations_are_never_split() -> None:
    assert marked(diff_words("see E.164 now", "see E.165 now")) == "see [-E.164-]{+E.165+} now"
    assert marked(diff_words("clause 1.3 here", "clause 1.4 here")) == (
        "clause [-1.3-]{+1.4+} here"
    )
    assert marked(diff_words("in 2016,", "in 2018,")) == "in [-2016-]{+2018+},"
    assert marked(diff_words("ITU\u2011T", "ITU\u2011R")) == "[-ITU\u2011T-]{+ITU\u2011R+}"


def test_tokens_keep_citations_and_numbers_whole() -> None:
    tokens = tokenize("Rec. ITU\u2011T E.164, b)bis Question 1/3 users/consumers 196")
    for whole in ("ITU\u2011T", "E.164", "b)bis", "1/3", "196"):
        assert whole in tokens
    assert "users" in tokens and "consumers" in tokens


def test_an_inserted_word_starts_on_a_word_and_carries_its_space() -> None:
    edits = diff_words("within sixty days", "within sixty working days")
    assert marked(edits) == "within sixty {+working +}days"


def test_identical_and_empty_texts() -> None:
    assert diff_words("same text", "same text") == (TextEdit(EditOp.EQUAL, "same text"),)
    assert diff_words("", "") == ()
    assert diff_words("", "new") == (TextEdit(EditOp.INSERT, "new"),)
    assert diff_words("old", "") == (TextEdit(EditOp.DELETE, "old"),)


def test_huge_clauses_use_the_deterministic_fallback_and_still_rebuild() -> None:
    count = int(MAX_DMP_TOKEN_PAIRS**0.5) // 2 + 10  # words; tokens ≈ twice that, per side
    old = " ".join(f"w{i}" for i in range(count))
    new = " ".join(f"w{i}" if i % 97 else f"x{i}" for i in range(count))
    edits = diff_words(old, new)
    assert rebuild(edits) == (old, new)
    assert edits == diff_words(old, new)
    assert marked(edits).startswith("[-w0-]{+x0+} w1 ")


def assert_well_formed(edits: tuple[TextEdit, ...]) -> None:
    assert all(edit.text for edit in edits), "no empty edit"
    for first, second in itertools.pairwise(edits):
        assert first.op is not second.op, "runs of the same op are coalesced"
        assert (first.op, second.op) != (EditOp.INSERT, EditOp.DELETE), "deletion comes first"


def test_every_short_text_pair_rebuilds() -> None:
    # Exhaustive over short texts of words, spaces and punctuation: where sliding and gap
    # absorption meet text edges.
    pieces = ("x", " ", "y", ",", "")
    texts = {"".join(p) for p in itertools.product(pieces, repeat=3)}
    for old in texts:
        for new in texts:
            edits = diff_words(old, new)
            assert rebuild(edits) == (old, new)
            assert_well_formed(edits)


@settings(max_examples=300, deadline=None)
@given(mixed_texts(), mixed_texts())
def test_edits_rebuild_both_texts(old: str, new: str) -> None:
    edits = diff_words(old, new)
    assert rebuild(edits) == (old, new)
    assert_well_formed(edits)


@settings(max_examples=100, deadline=None)
@given(clause_texts(), clause_texts())
def test_diff_is_deterministic(old: str, new: str) -> None:
    assert diff_words(old, new) == diff_words(old, new)


@settings(max_examples=150, deadline=None)
@given(clause_texts(), st.integers(min_value=0, max_value=12), clause_texts(max_words=3))
def test_an_insertion_never_deletes_the_words_around_it(text: str, at: int, added: str) -> None:
    tokens = tokenize(text)
    at = min(at, len(tokens))
    new_tokens = tokens[:at] + tokenize(added) + tokens[at:]
    new = "".join(new_tokens)
    assume(tokenize(new) == new_tokens)  # the insertion does not glue onto a neighbour
    edits = diff_words(text, new)
    assert rebuild(edits) == (text, new)
    assert all(edit.op is not EditOp.DELETE for edit in edits)


def test_docstring_examples() -> None:
    for module in (revdiff.textdiff, revdiff.normalize):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0
