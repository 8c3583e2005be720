"""A window over the blocks of an input: read on demand, let go once passed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from revdiff.model import Block, Footnote


class Window:
    """The blocks of an iterable, read on demand by absolute index, holding only those not yet
    passed: the parse looks a few blocks ahead and never back past `release`. Blocks without
    text or footnotes are skipped; the footnotes of every block read are collected in order."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self._source: Iterator[Block] = iter(blocks)
        self._held: list[Block] = []
        self._base = 0  # absolute index of self._held[0]
        self._footnotes: dict[Footnote, None] = {}  # a dict keeps the first of equal ones, in order

    def get(self, index: int) -> Block | None:
        """The block at `index`, or None past the end."""
        held = self._held  # changed in place only: read once, for every block of a text
        position = index - self._base
        while position >= len(held):
            block = next(self._source, None)
            if block is None:
                return None
            if block.text.strip() or block.footnotes:
                if block.footnotes:
                    self._footnotes.update(dict.fromkeys(block.footnotes))
                held.append(block)
        return held[position]

    def __getitem__(self, index: int) -> Block:
        block = self.get(index)
        if block is None:
            raise IndexError(index)
        return block

    def release(self, index: int) -> None:
        """Forget the blocks before `index`: the parse has gone past them."""
        drop = index - self._base
        if drop > 64 or drop >= len(self._held):  # a list trims cheaply in bulk
            del self._held[:drop]
            self._base = index

    def footnotes(self) -> tuple[Footnote, ...]:
        """The footnotes of every block read so far (read to the end first)."""
        while self.get(self._base + len(self._held)) is not None:
            self.release(self._base + len(self._held) - 1)
        return tuple(self._footnotes)
