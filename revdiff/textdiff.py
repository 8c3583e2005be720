"""Word-level inline diff of two clause texts, over diff-match-patch.

Texts are cut into tokens (words, whitespace runs, single punctuation marks) that keep numbers
and citations whole ("196", "E.164", "1.3", "ITU‑T", "b)bis"). Each distinct token becomes one
private-use character, diff-match-patch diffs those strings, and the result is mapped back and
cleaned so that changes read as whole words and phrases. The edits rebuild both texts exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from revdiff import segment
from revdiff.model import EditOp, TextEdit

# Above this many token pairs (old tokens × new tokens) diff-match-patch's clock is not used:
# its bisection is O(N·D) in pure Python and would stop at the timeout with a result that depends
# on the machine's speed. Beyond the bound the bisection gets a budget of steps instead (see
# _StepBudget), which is deterministic, and long texts that mostly agree are still split quickly
# by diff-match-patch's half-match search. (difflib's matcher was the fallback once: it is
# quadratic on tokens that repeat, such as the spaces, and took hours on a 1 MB clause.)
# 1,000,000 is a clause of about 1,000 words on each side; real clauses are far smaller.
MAX_DMP_TOKEN_PAIRS = 1_000_000
# Bisection steps for a huge clause: about two seconds of work at worst; past it, the part not
# yet matched becomes one deletion and one insertion.
MAX_BISECT_STEPS = 1000

# A common run this short, with no word in it, between two changes is absorbed into them.
_MAX_ABSORBED_GAP = 3
# Short function words that are absorbed between two replacements ("[-x of a-]{+y of b+}").
_MAX_ABSORBED_WORD = 3

_PRIVATE_USE = [(0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)]
# A clause of more distinct tokens than that (a long run of numbers or codes) goes on with the
# other code points: the characters only stand for tokens inside this module and never leave it.
_PRIVATE_USE += [(0x0, 0xDFFF), (0xF900, 0xEFFFF)]
_PRIVATE_USE_SIZE = sum(high - low + 1 for low, high in _PRIVATE_USE)
_FIRST_RANGE_SIZE = _PRIVATE_USE[0][1] - _PRIVATE_USE[0][0] + 1


def tokenize(text: str) -> list[str]:
    """Cut `text` into words, whitespace runs and single other characters; ''.join() rebuilds it.

    >>> tokenize("Rec. ITU\\u2011T E.164, b)bis")
    ['Rec', '.', ' ', 'ITU‑T', ' ', 'E.164', ',', ' ', 'b)bis']

    Words keep their combining marks (Arabic vowel signs), and Chinese is cut into words:
    `revdiff.segment` says how.
    """
    return segment.tokenize(text)


def is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def diff_words(old: str, new: str, *, timeout: float = 2.0) -> tuple[TextEdit, ...]:
    """Diff two texts word by word; the edits rebuild `old` (= and -) and `new` (= and +).

    `timeout` bounds diff-match-patch's work, in seconds (0: no bound). Deterministic for any
    input below MAX_DMP_TOKEN_PAIRS, and always beyond it.

    >>> [(e.op.value, e.text) for e in diff_words("within thirty days", "within sixty days")]
    [('=', 'within '), ('-', 'thirty'), ('+', 'sixty'), ('=', ' days')]
    """
    if old == new:
        return (TextEdit(EditOp.EQUAL, old),) if old else ()
    # A deleted or added clause: the whole text goes, as the token diff would say, without
    # tokenising it (a tenth of the pairs of a long document).
    if not new:
        return (TextEdit(EditOp.DELETE, old),)
    if not old:
        return (TextEdit(EditOp.INSERT, new),)
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    runs = _diff_tokens(old_tokens, new_tokens, timeout)
    hunks = _absorb_gaps(_to_hunks(runs))
    hunks = _slide_lone_edits(hunks)
    # Sliding can empty a common run and leave two changes side by side: coalesce again.
    hunks = _to_hunks((e.op, [e.text]) for e in _to_edits(hunks))
    return tuple(_to_edits(hunks))


# --------------------------------------------------------------------------------------------
# Token diff


def _diff_tokens(
    old: Sequence[str], new: Sequence[str], timeout: float
) -> list[tuple[EditOp, list[str]]]:
    huge = len(old) * len(new) > MAX_DMP_TOKEN_PAIRS
    distinct = dict.fromkeys([*old, *new])
    if len(distinct) > _PRIVATE_USE_SIZE:  # more distinct tokens than characters to map to
        return _diff_tokens_difflib(old, new)
    codes = dict(zip(distinct, map(_code_point, range(len(distinct))), strict=True))
    old_chars = "".join(map(codes.__getitem__, old))  # map: no Python frame per token
    new_chars = "".join(map(codes.__getitem__, new))
    import diff_match_patch

    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 1.0 if huge else timeout  # positive: the half-match search is used
    deadline = _StepBudget(MAX_BISECT_STEPS) if huge else None
    diffs = dmp.diff_main(old_chars, new_chars, False, deadline)
    tokens = dict(zip(codes.values(), codes, strict=True))
    ops = {0: EditOp.EQUAL, -1: EditOp.DELETE, 1: EditOp.INSERT}
    return [(ops[op], list(map(tokens.__getitem__, chars))) for op, chars in diffs if chars]


class _StepBudget:
    """A deterministic stand-in for diff-match-patch's deadline. Its bisection checks
    ``time.time() > deadline`` once per step; this answers from a count of steps, not the clock,
    so that a huge clause gets the same diff on every machine."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def __lt__(self, now: float) -> bool:  # time.time() > budget asks budget < time
        self.left -= 1
        return self.left < 0

    def __gt__(self, now: float) -> bool:
        return self.left < 0


def _code_point(index: int) -> str:
    if index < _FIRST_RANGE_SIZE:  # almost every token of a clause: no loop over the ranges
        return chr(0xE000 + index)
    for low, high in _PRIVATE_USE:
        if index <= high - low:
            return chr(low + index)
        index -= high - low + 1
    raise ValueError("too many distinct tokens")


def _diff_tokens_difflib(old: Sequence[str], new: Sequence[str]) -> list[tuple[EditOp, list[str]]]:
    import difflib

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[tuple[EditOp, list[str]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append((EditOp.EQUAL, list(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append((EditOp.DELETE, list(old[i1:i2])))
        if j2 > j1:
            runs.append((EditOp.INSERT, list(new[j1:j2])))
    return runs


# --------------------------------------------------------------------------------------------
# Cleanup: the diff as alternating common runs and changes (deleted tokens, inserted tokens)


@dataclass
class _Hunk:
    """A common run (`equal`) or a change (`deleted` replaced by `inserted`)."""

    equal: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)

    @property
    def is_equal(self) -> bool:
        return bool(self.equal)


def _to_hunks(runs: Iterable[tuple[EditOp, list[str]]]) -> list[_Hunk]:
    """Coalesce runs: consecutive deletions and insertions between two common runs become one
    change, deletion first; consecutive common runs become one."""
    hunks: list[_Hunk] = []
    for op, tokens in runs:
        if not tokens:
            continue
        if op is EditOp.EQUAL:
            if hunks and hunks[-1].is_equal:
                hunks[-1].equal.extend(tokens)
            else:
                hunks.append(_Hunk(equal=list(tokens)))
            continue
        if not hunks or hunks[-1].is_equal:
            hunks.append(_Hunk())
        target = hunks[-1].deleted if op is EditOp.DELETE else hunks[-1].inserted
        target.extend(tokens)
    return hunks


def _absorbable(gap: list[str], before: _Hunk, after: _Hunk) -> bool:
    """Whether a common run between two changes reads better inside them.

    Punctuation and spacing ("within [-thirty-]{+sixty+} [-calendar-]{+working+} days" →
    "[-thirty calendar-]{+sixty working+}") always; one short word ("of", "the") only between
    two replacements, so that an insertion next to a kept word is not turned into a rewrite.
    """
    words = [t for t in gap if is_word(t)]
    if not words:
        return len("".join(gap)) <= _MAX_ABSORBED_GAP or all(t.isspace() for t in gap)
    if len(words) > 1 or len(words[0]) > _MAX_ABSORBED_WORD or any(is_number(w) for w in words):
        return False
    replacements = all(h.deleted and h.inserted for h in (before, after))
    return replacements and len(gap) <= 3


def is_number(token: str) -> bool:
    return token[:1].isdigit()


def _absorb_gaps(hunks: list[_Hunk]) -> list[_Hunk]:
    changed = True
    while changed:
        changed = False
        out: list[_Hunk] = []
        index = 0
        while index < len(hunks):
            hunk = hunks[index]
            if (
                hunk.is_equal
                and out
                and not out[-1].is_equal
                and index + 1 < len(hunks)
                and _absorbable(hunk.equal, out[-1], hunks[index + 1])
            ):
                following = hunks[index + 1]
                merged = out[-1]
                merged.deleted.extend(hunk.equal + following.deleted)
                merged.inserted.extend(hunk.equal + following.inserted)
                index += 2
                changed = True
                continue
            out.append(hunk)
            index += 1
        hunks = out
    return hunks


def _slide_lone_edits(hunks: list[_Hunk]) -> list[_Hunk]:
    """Slide a pure insertion or deletion along equal tokens to the most readable place:
    starting on a word and ending on a space ("within sixty {+working +}days")."""
    index = -1
    while index + 1 < len(hunks):
        index += 1
        hunk = hunks[index]
        if bool(hunk.deleted) == bool(hunk.inserted):  # common run, replacement, or emptied
            continue
        moving = hunk.deleted or hunk.inserted
        before = hunks[index - 1].equal if index > 0 else []
        after = hunks[index + 1].equal if index + 1 < len(hunks) else []
        if not before and not after:
            continue
        best_shift, best_score = 0, _edge_score(moving, before, after)
        for shift in _shift_range(moving, before, after):
            seq, b, a = _shifted(moving, before, after, shift)
            score = _edge_score(seq, b, a)
            if score > best_score:
                best_shift, best_score = shift, score
        if best_shift:
            seq, b, a = _shifted(moving, before, after, best_shift)
            if index > 0:
                hunks[index - 1].equal[:] = b
            elif b:
                hunks.insert(0, _Hunk(equal=b))
                index += 1
            if index + 1 < len(hunks):
                hunks[index + 1].equal[:] = a
            elif a:
                hunks.append(_Hunk(equal=a))
            if hunk.deleted:
                hunk.deleted[:] = seq
            else:
                hunk.inserted[:] = seq
    return [h for h in hunks if h.equal or h.deleted or h.inserted]


def _shift_range(moving: list[str], before: list[str], after: list[str]) -> list[int]:
    shifts = []
    seq, b, a, shift = list(moving), list(before), list(after), 0
    while b and b[-1] == seq[-1]:  # slide left
        a.insert(0, seq.pop())
        seq.insert(0, b.pop())
        shift -= 1
        shifts.append(shift)
    seq, b, a, shift = list(moving), list(before), list(after), 0
    while a and a[0] == seq[0]:  # slide right
        b.append(seq.pop(0))
        seq.append(a.pop(0))
        shift += 1
        shifts.append(shift)
    return shifts


def _shifted(
    moving: list[str], before: list[str], after: list[str], shift: int
) -> tuple[list[str], list[str], list[str]]:
    whole = [*before, *moving, *after]
    start = len(before) + shift
    end = start + len(moving)
    return whole[start:end], whole[:start], whole[end:]


def _edge_score(seq: list[str], before: list[str], after: list[str]) -> int:
    score = 0
    if not seq[0].isspace():
        score += 2
    if seq[-1].isspace() or not after:
        score += 1
    if not before or before[-1].isspace() or not is_word(before[-1]):
        score += 1
    return score


def _to_edits(hunks: Iterable[_Hunk]) -> Iterable[TextEdit]:
    for hunk in hunks:
        if hunk.equal:
            yield TextEdit(EditOp.EQUAL, "".join(hunk.equal))
            continue
        if hunk.deleted:
            yield TextEdit(EditOp.DELETE, "".join(hunk.deleted))
        if hunk.inserted:
            yield TextEdit(EditOp.INSERT, "".join(hunk.inserted))


def rebuild(edits: Iterable[TextEdit]) -> tuple[str, str]:
    """The old and the new text the edits describe."""
    old: list[str] = []
    new: list[str] = []
    for edit in edits:
        if edit.op is not EditOp.INSERT:
            old.append(edit.text)
        if edit.op is not EditOp.DELETE:
            new.append(edit.text)
    return "".join(old), "".join(new)
