"""align_clauses' shortcuts only skip work: with every bound and filter switched off, the
alignment is the same.

The shortcuts: a candidate whose sizes and shared-word bound cannot reach the threshold is not
scored (_State._may_reach); a split/merge neighbour that shares too few words with the single
clause is rejected before the sums over the group (_State._may_extend); extensions are proposed
only for groups with an unpaired clause within reach (_State._groups_near_free).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import revised_documents

from revdiff.align import Alignment, _State, align_clauses
from revdiff.load.text import parse_text_blocks
from revdiff.model import CompareOptions, Document
from revdiff.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` is not installed with the package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import Pool, load_bases, make_large_pair  # noqa: E402


def align_without_shortcuts(
    old: Document, new: Document, options: CompareOptions, monkeypatch: pytest.MonkeyPatch
) -> Alignment:
    with monkeypatch.context() as patch:
        patch.setattr(_State, "_may_reach", lambda self, i, j, shared, threshold: True)
        patch.setattr(_State, "_may_extend", lambda self, single, extra: True)
        patch.setattr(_State, "_groups_near_free", lambda self: list(range(len(self.groups))))
        return align_clauses(old, new, options)


@pytest.fixture(scope="module")
def generated_pairs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Document, Document]]:
    """Long generated revisions: enough clauses for words frequent among the candidates, the
    case the shared-word bound must get right."""
    bases, _ = load_bases()  # WTSA Res 1 from ../shared joins the Res 84 seed when present
    pool = Pool.from_bases(bases)
    pairs = []
    for size in (400, 900):
        folder = make_large_pair(pool, size, seed=size).write(tmp_path_factory.mktemp("pair"))
        pairs.append(tuple(read(folder / name) for name in ("old.txt", "new.txt")))
    return pairs  # type: ignore[return-value]


def read(path: Path) -> Document:
    return parse_structure(parse_text_blocks(path.read_text(encoding="utf-8"), str(path)))


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_shortcuts_change_no_pair_of_a_long_revision(
    generated_pairs: list[tuple[Document, Document]],
    threshold: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = CompareOptions(pair_threshold=threshold)
    for old, new in generated_pairs:
        fast = align_clauses(old, new, options)
        full = align_without_shortcuts(old, new, options, monkeypatch)
        assert fast.pairs == full.pairs
        assert fast.scored == full.scored  # skipped candidates still count as scored


@settings(max_examples=40, deadline=None)
@given(revised_documents(), st.sampled_from([0.0, 0.2, 0.5, 0.9]))
def test_shortcuts_change_no_pair_of_a_small_revision(
    pair: tuple[Document, Document], threshold: float
) -> None:
    old, new = pair
    options = CompareOptions(pair_threshold=threshold)
    with pytest.MonkeyPatch.context() as monkeypatch:
        full = align_without_shortcuts(old, new, options, monkeypatch)
    assert align_clauses(old, new, options).pairs == full.pairs
