"""The shortcuts that make alignment and citation finding faster give the same results."""

from __future__ import annotations

import re

import pytest

from revdiff.citation_grammar import HYPHEN, SPACES, any_phrase
from revdiff.citations import find_citations
from revdiff.normalize import split_match_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One scan finds the cue words of every pattern; a cue word it cannot report because it
        # overlaps one it did ("STUDY" in "RESOLUCIONESTUDY") still lets its pattern run.
        ("RESOLUCIONESTUDY GROUP 3", [("Study Group", "3")]),
        ("RESOLUTIONSTUDY GROUPS 3 and 5", [("Study Group", "3"), ("Study Group", "5")]),
        ("ACUERDOCUMENT 12", [("Document", "12")]),
        (
            "Resolution 2 and Question 1/3 of Study Group 3",
            [("Resolution", "2"), ("Question", "1/3"), ("Study Group", "3")],
        ),
    ],
)
def test_a_cue_word_hidden_by_another_still_runs_its_pattern(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(c.kind, c.number) for c in find_citations(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "".join(map(chr, range(128))),
        "a_b c-d e.f 1,2 x\x1cy z\x7fw",
        "résolution 196 (busan, 2014) du pp",  # not ASCII: the pattern itself
        "",
    ],
)
def test_the_words_of_an_ascii_text_are_those_of_the_word_pattern(text: str) -> None:
    assert split_match_words(text) == re.findall(r"\w+", text)


@pytest.mark.parametrize(
    "phrases",
    [
        ["Resolution", "Resolutions", "Rés.", "Recommendation", "No.", "Nos.", "N"],
        ["ITU-R", "ITU-T", "ITU", "I", "UIT-R", "-1", ".5", "МСЭ-R", "第"],
        ["Study Group", "Study Groups", "Study", "St", "S"],
    ],
)
def test_an_alternation_grouped_by_first_letter_matches_as_the_flat_one(
    phrases: list[str],
) -> None:
    grouped = re.compile(any_phrase(phrases))
    alternatives = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts = [re.escape(word) for word in phrase.split()]
        alternatives.append(HYPHEN.join(SPACES.join(parts).split(r"\-")))
    flat = re.compile("(?:" + "|".join(alternatives) + ")")
    text = " ".join(phrases) + " " + "".join(phrases) + " Study\u00a0Groups ITU\u2011R Nos.5 Rés.No"
    for tail in ("", r"\d", "s", r"(?!\w)", r"\.?\s*\d*"):
        assert [m.span() for m in re.finditer(grouped.pattern + tail, text)] == [
            m.span() for m in re.finditer(flat.pattern + tail, text)
        ]
