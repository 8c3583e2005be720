"""One entry of a comparison, true or predicted, in terms of the clauses' lines in the files.

Kept apart and light: the baselines' whole-process timing imports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """One entry of a comparison, true or predicted: old clause lines, new clause lines, and
    what happened (kind, natures, moved, renumbered, as in revdiff.model.Change).

    In the truth, `natures` is None where the expected nature is not well defined (splits,
    merges, a rewording next to a punctuation fix) and `moved` is None where which clause
    "moved" is a matter of convention (a swap of two neighbours): those are left out of the
    accuracy figures. In a prediction, None means the method does not say.
    """

    kind: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    natures: tuple[str, ...] | None = ()
    moved: bool | None = False
    renumbered: bool = False

    @property
    def is_change(self) -> bool:
        return self.kind != "unchanged" or self.moved is not False or self.renumbered
