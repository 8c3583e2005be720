"""Synthetic revisions of real texts in each language, compared: relettering must be relettering,
a citation update citation, and an edit found at its clause (changed-clause pair F1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from revdiff.compare import compare_documents, load_input
from revdiff.language import language
from revdiff.model import ChangeKind, CompareOptions, Comparison, Nature, View

LANG = Path(__file__).parent.parent / "fixtures" / "lang"


@dataclass(frozen=True)
class Case:
    code: str  # language
    base: str  # fixture under fixtures/lang
    inserted: str  # an item to insert second in the first lettered list
    word: tuple[str, str, str]  # (label, text, the same text with a word inserted)
    citation: tuple[str, str, str]  # (label, edition as written, the updated edition)
    extra: tuple[str, str] | None = None  # (after this line, add this one) to the base


CASES = [
    Case(
        "fr",
        "fr/uit-r-38-3.txt",
        "que la Conférence de plénipotentiaires a examiné ces questions;",
        ("c)", "un travail très utile", "un travail très utile et reconnu"),
        ("b)", "(Résolution UIT-R 38)", "(Résolution UIT-R 38-1)"),
    ),
    Case(
        "es",
        "es/uit-r-38-4.txt",
        "que la Conferencia de Plenipotenciarios ha examinado estos asuntos;",
        ("c)", "una valiosa labor", "una valiosa y reconocida labor"),
        ("b)", "(Resolución UIT-R 38)", "(Resolución UIT-R 38-1)"),
    ),
    Case(
        "ru",
        "ru/council-dec-495.txt",
        "сокращение расходов на перевод;",
        ("b)", "на всех официальных языках Союза", "на всех шести официальных языках Союза"),
        ("c)", "(Пересм. Пусан, 2014 г.)", "(Пересм. Дубай, 2018 г.)"),
        # A real Russian citation (fixtures/lang/ru/pp-18-citations.txt) as a third item.
        (
            "b)\tпубликацию документов Совета на всех официальных языках Союза,",
            "c)\tпредложение по пересмотру Резолюции 21 (Пересм. Пусан, 2014 г.),",
        ),
    ),
    Case(
        "zh",
        "zh/uit-r-34-2.txt",
        "理事会已审议这些指导原则;",
        ("b)", "国际电联理事会将各语文的编辑工作", "国际电联理事会将各语文的翻译工作"),
        ("a)", "(2006年,安塔利亚)", "(2022年,布加勒斯特,修订版)"),
    ),
    Case(
        "ar",
        "synthetic/ar-lettered.txt",
        "تعزيز التعاون بين القطاعات؛",
        ("أ)", "تُقبَل الهيئات الأكاديمية", "تُقبَل الهيئات الأكاديمية والجامعات"),
        ("ب)", "(غوادالاخارا، 2010)", "(بوسان، 2014)"),
    ),
]


def _base(case: Case) -> str:
    text = (LANG / case.base).read_text(encoding="utf-8")
    if case.extra:
        after, line = case.extra
        text = text.replace(after + "\n", after + "\n" + line + "\n", 1)
    return text


def _reletter(case: Case, text: str) -> str:
    """`text` with `case.inserted` as the second item of its first lettered list and the items
    after it lettered one further, in the language's own letter order."""
    letters = language(case.code).letters
    lines = text.split("\n")
    label = re.compile(r"^(\S{1,2})\)\t")
    first = next(i for i, line in enumerate(lines) if line.startswith(letters[0] + ")\t"))
    end = first + 1
    while end < len(lines) and label.match(lines[end]):
        end += 1
    shifted = [
        letters[letters.index(label.match(line).group(1)) + 1] + line[line.index(")") :]  # type: ignore[union-attr]
        for line in lines[first + 1 : end]
    ]
    new_item = f"{letters[1]})\t{case.inserted}"
    return "\n".join([*lines[: first + 1], new_item, *shifted, *lines[end:]])


def _compare(tmp_path: Path, old: str, new: str) -> Comparison:
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    options = CompareOptions()
    documents = [load_input(tmp_path / n, options, View.ACCEPTED) for n in ("old.txt", "new.txt")]
    return compare_documents(*documents, options)


def _changed_pairs(
    comparison: Comparison,
) -> set[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
    """What a reviewer checks: every text change at its labels, every relettering."""
    found = set()
    for change in comparison.changes:
        if change.kind is not ChangeKind.UNCHANGED:
            found.add((change.kind.value, change.old_labels, change.new_labels))
        elif change.renumbered:
            found.add(("relettered", change.old_labels, change.new_labels))
    return found


def _expected_reletter(
    case: Case, comparison: Comparison
) -> set[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
    letters = language(case.code).letters
    old_labels = [c.label for c in comparison.old.clauses if c.label and c.label[:-1] in letters]
    first_list = []
    for label in old_labels:
        if first_list and label == letters[0] + ")":
            break
        first_list.append(label)
    expected: set[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]] = {
        ("added", (), (letters[1] + ")",))
    }
    for label in first_list[1:]:
        following = letters[letters.index(label[:-1]) + 1] + ")"
        expected.add(("relettered", (label,), (following,)))
    return expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_relettering_is_relettering(case: Case, tmp_path: Path) -> None:
    base = _base(case)
    comparison = _compare(tmp_path, base, _reletter(case, base))
    expected = _expected_reletter(case, comparison)
    found = _changed_pairs(comparison)
    assert found == expected
    substantive = [c for c in comparison.changes if Nature.SUBSTANTIVE in c.natures]
    assert [c.kind for c in substantive] == [ChangeKind.ADDED]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_an_inserted_word_is_found_at_its_clause(case: Case, tmp_path: Path) -> None:
    label, before, after = case.word
    base = _base(case)
    assert before in base
    comparison = _compare(tmp_path, base, base.replace(before, after, 1))
    found = _changed_pairs(comparison)
    assert found == {("modified", (label,), (label,))}
    (change,) = [c for c in comparison.changes if c.is_change]
    assert change.natures == (Nature.SUBSTANTIVE,)
    inserted = "".join(e.text for e in change.edits if e.op.value == "+").strip()
    deleted = "".join(e.text for e in change.edits if e.op.value == "-").strip()
    # The word, not the sentence: no more than the words that differ.
    assert len(inserted) + len(deleted) <= len(after) - len(before) + 2 * len(before) // 3


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.code)
def test_a_citation_update_is_citation(case: Case, tmp_path: Path) -> None:
    label, before, after = case.citation
    base = _base(case)
    assert before in base
    comparison = _compare(tmp_path, base, base.replace(before, after, 1))
    found = _changed_pairs(comparison)
    assert found == {("modified", (label,), (label,))}
    (change,) = [c for c in comparison.changes if c.is_change]
    assert change.natures == (Nature.CITATION,)


@pytest.mark.parametrize("code", [c.code for c in CASES])
def test_the_language_was_read(code: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.code == code)
    comparison = _compare(tmp_path, _base(case), _base(case))
    assert comparison.old.language == comparison.new.language == code
    assert not comparison.has_differences
