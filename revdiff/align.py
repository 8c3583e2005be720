"""Clause alignment: which clauses of the old version became which clauses of the new one.

Global and content-based, never by label or position: labels change when items are inserted
("b)" becomes "c)") and positions change when clauses move. The stages, each on what the
previous ones left unpaired:

1. exact anchors: identical normalised text (texts unique on both sides, then duplicates,
   each placed where the anchors around it say it belongs);
2. citation anchors: the only two clauses citing the same resolution or recommendation;
3. similarity: candidates from an inverted index of rare words (and a small positional window),
   scored by an idf-weighted Dice coefficient on word bags, paired greedily best first;
4. splits and merges: an unpaired clause near a paired one, made of the rest of its
   partner's text, joins the pair;
5. moved (section changed, or out of order) and renumbered (label changed), per pair.

Every step is sub-quadratic: anchors use dictionaries, candidates per clause are capped.

One module of some 800 lines on purpose: the steps share one pairing state (`_State`) and its
invariants (a clause is in at most one pair; later steps see only what earlier ones left), and
cutting them apart would spread that state over modules that each need all of it.
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from revdiff.citations import find_citations, mask_citations
from revdiff.model import Clause, CompareOptions, Document
from revdiff.normalize import (
    match_tokens,
    normalize_for_matching,
    normalize_label,
    split_match_words,
    written_label,
)
from revdiff.records import quick_init

# A word in at most this many unpaired clauses of the other side indexes candidates.
RARE_WORD_LIMIT = 16
# Candidates kept per clause (by shared rare-word weight), on each side.
MAX_CANDIDATES = 50
# A candidate must share at least this fraction of the best candidate's rare-word weight: the
# true partner shares most rare words, a clause sharing a tenth of them is noise.
CANDIDATE_FLOOR = 0.25
# Clauses this near in relative position are always scored too (they must still match on
# content: this only makes sure a clause made of common words is compared with its neighbours).
POSITION_WINDOW = 3
# Citation anchors need this much similarity besides the shared citation.
CITATION_ANCHOR_FLOOR = 0.3
# Ties between equally similar candidates go to the same section, then the same label.
SAME_SECTION_BONUS = 0.01
SAME_LABEL_BONUS = 0.005
# A split or merge: the group must cover this much of the single clause's words; the added
# clause must add at least half of its own weight in coverage (at most SPLIT_GAIN, at least
# SPLIT_MIN_GAIN, so that a short part such as "the International Telecommunication
# Regulations," can still join), and this much of the added clause must come from the single
# clause's words that the group does not cover yet.
SPLIT_COVERAGE = 0.6
SPLIT_GAIN = 0.2
SPLIT_MIN_GAIN = 0.05
SPLIT_PRECISION = 0.6
# How far (in clauses of its side) a part may stand from the group: 2 lets a merge skip over a
# clause that was deleted or moved away between the two merged ones.
SPLIT_REACH = 2
# A clause rewritten in place (a third to a half of its words changed) can fall below
# pair_threshold. When it is the only unpaired clause on each side between the same two pairs,
# in the same section, this lower floor of content similarity is enough to pair it: the
# neighbours vouch for the place, the shared words for the content.
GAP_FLOOR = 0.2
# Kinds of citation that identify a text well enough to anchor a pair.
ANCHOR_KINDS = frozenset({"Resolution", "Recommendation", "Opinion", "Decision", "Question"})


@quick_init
@dataclass(frozen=True, slots=True)
class ClausePair:
    """Old clauses and the new clauses they became: 1:1, 1:n (split), n:1 (merge), or one
    side empty (deleted, added). Indices point into `Document.clauses`, ascending."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float = 0.0  # the content similarity that paired them (1.0 for exact anchors)
    evidence: str = ""  # "exact", "citation", "similar", "split", "merge"; "" when unpaired
    moved: bool = False
    renumbered: bool = False


@dataclass(frozen=True)
class Alignment:
    """Every clause of both documents in exactly one pair."""

    pairs: tuple[ClausePair, ...]
    scored: int = 0  # candidate pairs whose similarity was computed (bounded, not n × m)


@quick_init
@dataclass(frozen=True, slots=True)
class _Profile:
    norm: str
    bag: Counter[str]
    keys: frozenset[tuple[str, str]]  # citations that can anchor


def align_clauses(old: Document, new: Document, options: CompareOptions) -> Alignment:
    """Pair the clauses of two versions of a resolution (see the module docstring)."""
    old_clauses, new_clauses = old.clauses, new.clauses
    # Profiled once per distinct text: the two versions share most of their clauses exactly,
    # and long documents repeat some ("to take the necessary measures;"). A profile is never
    # mutated, so clauses with the same text share one.
    by_text: dict[str, _Profile] = {}
    old_profiles = [_profile(c.text, by_text) for c in old_clauses]
    new_profiles = [_profile(c.text, by_text) for c in new_clauses]
    weights = _idf_weights(old_profiles, new_profiles)
    size_by_text = _SizeByText(by_text, weights)
    state = _State(old_clauses, new_clauses, old_profiles, new_profiles, weights, size_by_text)

    state.pair_exact()
    state.pair_citations()
    state.pair_similar(options.pair_threshold)
    if options.detect_splits:
        state.extend_groups()
    state.pair_gaps(GAP_FLOOR)
    pairs = state.pairs()
    pairs = _mark_moves(pairs, old, new)
    return Alignment(pairs=tuple(pairs), scored=state.scored)


def _profile(text: str, by_text: dict[str, _Profile]) -> _Profile:
    """The profile of `text`, from `by_text` when an earlier clause had the same text."""
    profile = by_text.get(text)
    if profile is None:
        profile = by_text[text] = _text_profile(text)
    return profile


_NO_KEYS: frozenset[tuple[str, str]] = frozenset()


def _text_profile(text: str) -> _Profile:
    norm = normalize_for_matching(text)
    citations = find_citations(text)
    if not citations:  # most texts: no keys, and the words are those of the matching form
        return _Profile(norm, Counter(split_match_words(norm)), _NO_KEYS)
    keys = frozenset((c.kind, c.number) for c in citations if c.kind in ANCHOR_KINDS)
    # Editions are masked, so that an updated citation does not count against a pair; a text
    # citing no edition is its own mask.
    if any(c.edition for c in citations):
        tokens = match_tokens(mask_citations(text))
    else:
        tokens = split_match_words(norm)
    return _Profile(norm, Counter(tokens), keys)


class _SizeByText(dict[str, float]):
    """The weighted size of each text's bag (see bag_size), computed when first read: only the
    clauses the exact anchors leave unpaired, and their neighbours, are ever scored (on the
    10,000-clause benchmark, a fifth of the texts)."""

    def __init__(self, by_text: dict[str, _Profile], weights: dict[str, float]) -> None:
        super().__init__()
        self.by_text, self.weights = by_text, weights

    def __missing__(self, text: str) -> float:
        size = self[text] = bag_size(self.by_text[text].bag, self.weights)
        return size


class _ClauseSizes(dict[int, float]):
    """The weighted size of each clause's bag, by the clause's index, read from `size_by_text`
    when first needed."""

    def __init__(self, clauses: Sequence[Clause], size_by_text: Mapping[str, float]) -> None:
        super().__init__()
        self.clauses, self.size_by_text = clauses, size_by_text

    def __missing__(self, index: int) -> float:
        size = self[index] = self.size_by_text[self.clauses[index].text]
        return size


def _idf_weights(*sides: Sequence[_Profile]) -> dict[str, float]:
    """Rare words weigh more: log(1 + N / document frequency) over the clauses of both sides."""
    # Clauses with the same text share a profile: each distinct bag's words are counted once
    # (a bag iterates over its words once each), then times the number of clauses that have it.
    clauses_of = Counter(map(id, chain.from_iterable(sides)))
    profile_of = {id(p): p for profiles in sides for p in profiles}
    bags_by_clauses: dict[int, list[Counter[str]]] = defaultdict(list)
    for key, clauses in clauses_of.items():
        bags_by_clauses[clauses].append(profile_of[key].bag)
    frequency: Counter[str] = Counter()
    for clauses, bags in bags_by_clauses.items():
        for token, count in Counter(chain.from_iterable(bags)).items():
            frequency[token] += count * clauses
    total = sum(len(profiles) for profiles in sides)
    return {token: math.log(1 + total / count) for token, count in frequency.items()}


def weighted_dice(
    a: Counter[str],
    b: Counter[str],
    weights: dict[str, float],
    sizes: tuple[float, float] | None = None,
) -> float:
    """2·|A ∩ B| / (|A| + |B|) on word bags, each word counted with its weight. `sizes`, the
    bags' weighted sizes, may be given when known."""
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    if sizes is None:
        sizes = bag_size(a, weights), bag_size(b, weights)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    common = _common_weight(small, large, weights)
    total = sizes[0] + sizes[1]
    return 2 * common / total if total else 0.0


def bag_size(bag: Counter[str], weights: dict[str, float]) -> float:
    """The weighted number of words in `bag`: each count times its word's weight, summed in the
    bag's order (the order weighted_dice and coverage sum in)."""
    size: float = sum(map(operator.mul, bag.values(), map(weights.__getitem__, bag)))
    return size


def _common_weight(bag: Counter[str], other: Counter[str], weights: dict[str, float]) -> float:
    """The weighted words `bag` shares with `other`: each shared word's lower count times its
    weight, summed in the bag's order. (sum() over a list, not a generator: faster, and the
    same sum, compensated or not as the Python version's sum() does it.)"""
    common: float = sum(
        [
            (count if count <= other_count else other_count) * weights[token]
            for token, count in bag.items()
            if (other_count := other.get(token)) is not None
        ]
    )
    return common


def coverage(target: Counter[str], cover: Counter[str], weights: dict[str, float]) -> float:
    """How much of `target`'s weighted words `cover` contains."""
    total = bag_size(target, weights)
    if not total:
        return 1.0
    return _common_weight(target, cover, weights) / total


class _State:
    """The pairing under construction. Lives for one call of align_clauses only."""

    def __init__(
        self,
        old_clauses: Sequence[Clause],
        new_clauses: Sequence[Clause],
        old_profiles: list[_Profile],
        new_profiles: list[_Profile],
        weights: dict[str, float],
        size_by_text: Mapping[str, float],
    ) -> None:
        self.old_clauses, self.new_clauses = old_clauses, new_clauses
        self.old_profiles, self.new_profiles = old_profiles, new_profiles
        self.weights = weights
        # The weighted size of each clause's bag (see bag_size), read when first needed.
        self.old_sizes = _ClauseSizes(old_clauses, size_by_text)
        self.new_sizes = _ClauseSizes(new_clauses, size_by_text)
        # group id of each clause (None: unpaired); groups hold (old indices, new indices)
        self.old_group: list[int | None] = [None] * len(old_clauses)
        self.new_group: list[int | None] = [None] * len(new_clauses)
        self.groups: list[tuple[list[int], list[int], float, str]] = []
        self.scored = 0

    # -- helpers -------------------------------------------------------------------------

    def _pair(self, i: int, j: int, score: float, evidence: str) -> None:
        self.old_group[i] = self.new_group[j] = len(self.groups)
        self.groups.append(([i], [j], score, evidence))

    def _free_old(self) -> list[int]:
        return [i for i, g in enumerate(self.old_group) if g is None]

    def _free_new(self) -> list[int]:
        return [j for j, g in enumerate(self.new_group) if g is None]

    def _displacement(self, i: int, j: int) -> float:
        return abs((i + 0.5) / len(self.old_clauses) - (j + 0.5) / len(self.new_clauses))

    def _similarity(self, i: int, j: int) -> float:
        self.scored += 1
        return weighted_dice(
            self.old_profiles[i].bag,
            self.new_profiles[j].bag,
            self.weights,
            (self.old_sizes[i], self.new_sizes[j]),
        )

    def _may_reach(self, i: int, j: int, shared: float, threshold: float) -> bool:
        """False when clauses i and j cannot be `threshold` alike: their similarity is at most
        2·min(|A|, |B|, shared) / (|A| + |B|), `shared` bounding the weight of the words they
        have in common. Most candidates share one rare word and little else, or differ much in
        size; this spares computing their similarity. The margin keeps rounding from ever
        dropping a pair at the threshold."""
        old_size, new_size = self.old_sizes[i], self.new_sizes[j]
        total = old_size + new_size
        return not total or 2 * min(old_size, new_size, shared) >= (threshold - 1e-9) * total

    def _bonus(self, i: int, j: int) -> float:
        old, new = self.old_clauses[i], self.new_clauses[j]
        bonus = SAME_SECTION_BONUS if old.section_id == new.section_id else 0.0
        if normalize_label(old.label) == normalize_label(new.label):
            bonus += SAME_LABEL_BONUS
        return bonus

    # -- 1. exact anchors ----------------------------------------------------------------

    def pair_exact(self) -> None:
        """Identical normalised texts: first those unique on both sides (the anchors), then
        duplicates ("Definition", "Deletion" under every numbered heading of WTSA Res 1).

        Duplicates pair within the same section first, then across sections, each time as an
        order-keeping matching that puts every occurrence nearest to where the anchors before
        it say it should be; the same whichever side is called old."""
        old_by_text: dict[str, list[int]] = defaultdict(list)
        new_by_text: dict[str, list[int]] = defaultdict(list)
        for i, profile in enumerate(self.old_profiles):
            old_by_text[profile.norm].append(i)
        for j, profile in enumerate(self.new_profiles):
            new_by_text[profile.norm].append(j)
        duplicates = []
        for text, olds in old_by_text.items():
            news = new_by_text.get(text)
            if not news:
                continue
            if len(olds) == 1 and len(news) == 1:
                self._pair(olds[0], news[0], 1.0, "exact")
            else:
                duplicates.append((olds, news))
        if not duplicates:
            return
        old_expected = self._expected_positions(
            self.old_group, self.new_group, len(self.new_clauses)
        )
        new_expected = self._expected_positions(
            self.new_group, self.old_group, len(self.old_clauses)
        )

        def cost(i: int, j: int) -> int:
            return abs(old_expected[i] - j) + abs(new_expected[j] - i)

        for olds, news in duplicates:
            by_section_old: dict[str, list[int]] = defaultdict(list)
            by_section_new: dict[str, list[int]] = defaultdict(list)
            for i in olds:
                by_section_old[self.old_clauses[i].section_id].append(i)
            for j in news:
                by_section_new[self.new_clauses[j].section_id].append(j)
            for section, section_olds in by_section_old.items():
                section_news = by_section_new.get(section)
                if section_news:
                    for i, j in _match_in_order(section_olds, section_news, cost):
                        self._pair(i, j, 1.0, "exact")
            rest_old = [i for i in olds if self.old_group[i] is None]
            rest_new = [j for j in news if self.new_group[j] is None]
            for i, j in _match_in_order(rest_old, rest_new, cost):
                self._pair(i, j, 1.0, "exact")

    def _expected_positions(
        self, groups: list[int | None], other_groups: list[int | None], other_count: int
    ) -> list[int]:
        """Where each clause should be on the other side, judging by the nearest clause before
        it that is already paired: that clause's partner, plus the same distance."""
        partner_of_group: dict[int, int] = {}
        for index, group in enumerate(other_groups):
            if group is not None:
                partner_of_group.setdefault(group, index)
        expected = []
        anchor, anchor_partner = -1, -1
        for index, group in enumerate(groups):
            expected.append(min(anchor_partner + index - anchor, other_count))
            if group is not None:
                anchor, anchor_partner = index, partner_of_group[group]
        return expected

    # -- 2. citation anchors -------------------------------------------------------------

    def pair_citations(self) -> None:
        """Two unpaired clauses that are the only ones on their side to cite a given text."""
        old_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        new_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in self._free_old():
            for key in self.old_profiles[i].keys:
                old_by_key[key].append(i)
        for j in self._free_new():
            for key in self.new_profiles[j].keys:
                new_by_key[key].append(j)
        shared: Counter[tuple[int, int]] = Counter()
        for key, olds in old_by_key.items():
            news = new_by_key.get(key, [])
            if len(olds) == 1 and len(news) == 1:
                shared[olds[0], news[0]] += 1
        candidates = []
        for (i, j), count in shared.items():
            score = self._similarity(i, j)
            if score >= CITATION_ANCHOR_FLOOR:
                rank = (-count, -score, self._displacement(i, j), min(i, j), max(i, j))
                candidates.append((rank, i, j, score))
        candidates.sort()
        for _, i, j, score in candidates:
            if self.old_group[i] is None and self.new_group[j] is None:
                self._pair(i, j, score, "citation")

    # -- 3. similarity -------------------------------------------------------------------

    def pair_similar(self, threshold: float) -> None:
        free_old, free_new = self._free_old(), self._free_new()
        if not free_old or not free_new:
            return
        # Each candidate with a bound on the weight of the words it shares (the lower bound of
        # the two sides' estimates: both hold).
        candidates: dict[tuple[int, int], float] = {}
        found = self._candidates(free_new, free_old, self.new_profiles, self.old_profiles)
        for j, i, shared in found:
            candidates[i, j] = shared
        for i, j, shared in self._candidates(
            free_old, free_new, self.old_profiles, self.new_profiles
        ):
            candidates[i, j] = min(shared, candidates.get((i, j), shared))
        ranked = []
        for (i, j), shared in candidates.items():
            if not self._may_reach(i, j, shared, threshold):
                self.scored += 1
                continue
            score = self._similarity(i, j)
            if score >= threshold:
                key = (-(score + self._bonus(i, j)), self._displacement(i, j), min(i, j), max(i, j))
                ranked.append((key, i, j, score))
        ranked.sort()
        for _, i, j, score in ranked:
            if self.old_group[i] is None and self.new_group[j] is None:
                self._pair(i, j, score, "similar")

    def _candidates(
        self,
        sources: list[int],
        targets: list[int],
        source_profiles: list[_Profile],
        target_profiles: list[_Profile],
    ) -> list[tuple[int, int, float]]:
        """For each source clause, up to MAX_CANDIDATES target clauses sharing rare words with
        it, plus the few nearest in relative position; each with a bound on the weight of the
        words the two share (what weighted_dice calls their common weight)."""
        index: dict[str, list[int]] = defaultdict(list)
        for t in targets:
            for token in target_profiles[t].bag:
                index[token].append(t)
        source_total = len(source_profiles)
        target_total = len(target_profiles)
        # Locals: read for every word of every source.
        weights, postings_of = self.weights, index.get
        out: list[tuple[int, int, float]] = []
        for s in sources:
            weight_by_target: dict[int, float] = defaultdict(float)
            # What the source can share with any target beyond the rare words counted in
            # weight_by_target: its words found in many targets, with their counts; and the
            # highest count of its rare words, by which a rare word's weight may be shared.
            frequent_weight, rare_count = 0.0, 0
            for token, count in source_profiles[s].bag.items():
                postings = postings_of(token)
                if not postings:
                    continue
                if len(postings) <= RARE_WORD_LIMIT:
                    weight = weights[token]
                    for t in postings:
                        weight_by_target[t] += weight
                    if count > rare_count:
                        rare_count = count
                else:
                    frequent_weight += count * weights[token]
            position = (s + 0.5) / source_total
            floor = CANDIDATE_FLOOR * max(weight_by_target.values(), default=0.0)
            # A target below the floor is never chosen and ranks after every target above it:
            # only those above are ranked, and only when they are more than MAX_CANDIDATES.
            ranked = [t for t, weight in weight_by_target.items() if weight >= floor]
            if len(ranked) > MAX_CANDIDATES:
                ranked.sort(
                    key=lambda t: (
                        -weight_by_target[t],
                        abs((t + 0.5) / target_total - position),
                        t,
                    )
                )
                del ranked[MAX_CANDIDATES:]
            chosen = set(ranked)
            at = bisect.bisect_left(targets, int(position * target_total))
            chosen.update(targets[max(0, at - POSITION_WINDOW) : at + POSITION_WINDOW])
            out.extend(
                (s, t, weight_by_target.get(t, 0.0) * rare_count + frequent_weight) for t in chosen
            )
        return out

    # -- 4. splits and merges ------------------------------------------------------------

    def extend_groups(self) -> None:
        """Grow 1:1 pairs into splits (one old, several adjacent new clauses) and merges
        (several adjacent old clauses, one new), while an unpaired neighbour covers what the
        group still misses of the single clause. Rounds apply the best extensions first."""
        while True:
            proposals = self._extension_proposals()
            if not proposals:
                return
            proposals.sort()
            taken_groups: set[int] = set()
            taken_clauses: set[tuple[str, int]] = set()
            applied = False
            for _key, group_id, side, index in proposals:
                if group_id in taken_groups or (side, index) in taken_clauses:
                    continue
                taken_groups.add(group_id)
                taken_clauses.add((side, index))
                olds, news, score, _evidence = self.groups[group_id]
                if side == "new":
                    news.append(index)
                    news.sort()
                    self.new_group[index] = group_id
                    self.groups[group_id] = (olds, news, score, "split")
                else:
                    olds.append(index)
                    olds.sort()
                    self.old_group[index] = group_id
                    self.groups[group_id] = (olds, news, score, "merge")
                applied = True
            if not applied:
                return

    def _extension_proposals(self) -> list[tuple[tuple[float, int, int], int, str, int]]:
        proposals = []
        for group_id in self._groups_near_free():
            olds, news, _score, _evidence = self.groups[group_id]
            if len(olds) == 1:  # a 1:1 pair or a split: try adding a new clause nearby
                proposals += self._extensions_of(group_id, olds[0], news, "new")
            if len(news) == 1:  # a 1:1 pair or a merge: try adding an old clause nearby
                proposals += self._extensions_of(group_id, news[0], olds, "old")
        return proposals

    def _extensions_of(
        self, group_id: int, single: int, parts: list[int], side: str
    ) -> list[tuple[tuple[float, int, int], int, str, int]]:
        """Proposals to add to a group an unpaired clause of `side` near `parts`, the group's
        clauses on that side; `single` is the group's one clause on the other side."""
        if side == "new":
            single_profiles, single_sizes = self.old_profiles, self.old_sizes
            part_profiles, part_sizes, group_of = self.new_profiles, self.new_sizes, self.new_group
        else:
            single_profiles, single_sizes = self.new_profiles, self.new_sizes
            part_profiles, part_sizes, group_of = self.old_profiles, self.old_sizes, self.old_group
        bag, size = single_profiles[single].bag, single_sizes[single]
        bags = [part_profiles[k].bag for k in parts]
        found = []
        for k in _free_near(parts, group_of):
            gain = self._gain(bag, size, bags, part_profiles[k].bag, part_sizes[k])
            if gain is not None:
                found.append(((-gain, min(single, k), max(single, k)), group_id, side, k))
        return found

    def _may_extend(self, single: Counter[str], extra: Counter[str]) -> bool:
        """False when `extra` cannot reach SPLIT_PRECISION against `single`: it covers no more of
        what a group misses of `single` than of all of `single`. Most neighbours share too few
        words for that; this rejects them before the sums over the group. The margin keeps
        rounding from deciding."""
        return coverage(extra, single, self.weights) >= SPLIT_PRECISION - 1e-9

    def _groups_near_free(self) -> list[int]:
        """The groups with an unpaired clause at most SPLIT_REACH places from one of theirs, on
        either side: the only ones an extension can grow (most groups have none)."""
        near: set[int] = set()
        for group_of in (self.old_group, self.new_group):
            for index, group in enumerate(group_of):
                if group is None:
                    for other in group_of[max(0, index - SPLIT_REACH) : index + SPLIT_REACH + 1]:
                        if other is not None:
                            near.add(other)
        return sorted(near)

    def _gain(
        self,
        single: Counter[str],
        single_size: float,
        parts: list[Counter[str]],
        extra: Counter[str],
        extra_size: float,
    ) -> float | None:
        """The coverage of `single` that `extra` adds to `parts`, if it makes a split/merge."""
        self.scored += 1
        if not single_size or not extra_size:
            return None
        if not self._may_extend(single, extra):
            return None
        joined: Counter[str] = Counter()
        for part in parts:
            joined.update(part)
        before = coverage(single, joined, self.weights)
        after = coverage(single, joined + extra, self.weights)
        precision = coverage(extra, single - joined, self.weights)
        needed = max(SPLIT_MIN_GAIN, min(SPLIT_GAIN, 0.5 * extra_size / single_size))
        if after >= SPLIT_COVERAGE and after - before >= needed and precision >= SPLIT_PRECISION:
            return after - before
        return None

    # -- result --------------------------------------------------------------------------

    # -- 5. clauses rewritten in place ---------------------------------------------------

    def pair_gaps(self, floor: float) -> None:
        """Pair the lone unpaired new clause and the lone unpaired old clause that stand between
        the same two pairs, in the same section, when their content is at least `floor` alike."""
        old_count, new_count = len(self.old_clauses), len(self.new_clauses)
        j = 0
        while j < new_count:
            if self.new_group[j] is not None:
                j += 1
                continue
            start = j
            while j < new_count and self.new_group[j] is None:
                j += 1
            if j - start != 1:
                continue
            before = self.new_group[start - 1] if start > 0 else None
            after = self.new_group[j] if j < new_count else None
            low = max(self.groups[before][0]) if before is not None else -1
            high = min(self.groups[after][0]) if after is not None else old_count
            if high - low != 2:  # exactly one old clause between the two pairs
                continue
            i = low + 1
            if self.old_group[i] is not None:
                continue
            if self.old_clauses[i].section_id != self.new_clauses[start].section_id:
                continue
            score = self._similarity(i, start)
            if score >= floor:
                self._pair(i, start, score, "in place")

    def pairs(self) -> list[ClausePair]:
        out = [
            ClausePair(tuple(olds), tuple(news), score, evidence)
            for olds, news, score, evidence in self.groups
        ]
        out.extend(ClausePair((i,), ()) for i in self._free_old())
        out.extend(ClausePair((), (j,)) for j in self._free_new())
        return out


def _free_near(indices: list[int], group_of: list[int | None]) -> list[int]:
    """Unpaired clauses at most SPLIT_REACH places before or after a group's clauses."""
    near = []
    for distance in range(1, SPLIT_REACH + 1):
        for index in (indices[0] - distance, indices[-1] + distance):
            if 0 <= index < len(group_of) and group_of[index] is None and index not in near:
                near.append(index)
    return near


# Above this many (old × new) occurrences of one duplicated text, duplicates pair in order.
DUPLICATE_MATCHING_LIMIT = 40_000


def _match_in_order(
    olds: list[int], news: list[int], cost: Callable[[int, int], int]
) -> list[tuple[int, int]]:
    """An order-keeping matching of as many `olds` to `news` as possible, of least total cost
    (ties: least sum of positions, which is the same whichever side is old)."""
    if not olds or not news:
        return []
    if len(olds) * len(news) > DUPLICATE_MATCHING_LIMIT:
        return list(zip(olds, news, strict=False))
    rows, cols = len(olds), len(news)
    # best[a][b]: (−pairs, cost, position sum) of the best matching of olds[:a] with news[:b]
    best = [[(0, 0, 0)] * (cols + 1) for _ in range(rows + 1)]
    for a in range(1, rows + 1):
        for b in range(1, cols + 1):
            left, up, diagonal = best[a][b - 1], best[a - 1][b], best[a - 1][b - 1]
            i, j = olds[a - 1], news[b - 1]
            matched = (diagonal[0] - 1, diagonal[1] + cost(i, j), diagonal[2] + i + j)
            best[a][b] = min(matched, up, left)
    pairs = []
    a, b = rows, cols
    while a and b:
        i, j = olds[a - 1], news[b - 1]
        diagonal = best[a - 1][b - 1]
        if best[a][b] == (diagonal[0] - 1, diagonal[1] + cost(i, j), diagonal[2] + i + j):
            pairs.append((i, j))
            a, b = a - 1, b - 1
        elif best[a][b] == best[a - 1][b]:
            a -= 1
        else:
            b -= 1
    pairs.reverse()
    return pairs


# --------------------------------------------------------------------------------------------
# 5. moved and renumbered


def _mark_moves(pairs: list[ClausePair], old: Document, new: Document) -> list[ClausePair]:
    old_clauses, new_clauses = old.clauses, new.clauses
    paired = [p for p in pairs if p.old and p.new]
    section_map = _map_sections(paired, old, new)
    in_order = _in_order(paired, old_clauses)
    # Documents hold thousands of clauses but a few dozen distinct labels ("a)", "1", "2bis").
    label_of = functools.cache(written_label)
    out = []
    for pair in pairs:
        if not (pair.old and pair.new):
            out.append(pair)
            continue
        first_old, first_new = old_clauses[pair.old[0]], new_clauses[pair.new[0]]
        section_moved = section_map.get(first_old.section_id) != first_new.section_id
        moved = section_moved or (pair.old[0], pair.new[0]) not in in_order
        renumbered = label_of(first_old.label) != label_of(first_new.label)
        if moved == pair.moved and renumbered == pair.renumbered:  # most pairs: kept as they are
            out.append(pair)
        else:
            out.append(ClausePair(pair.old, pair.new, pair.score, pair.evidence, moved, renumbered))
    return out


def _map_sections(pairs: list[ClausePair], old: Document, new: Document) -> dict[str, str]:
    """Which new section each old section became: the same id, else the same heading, else
    the new section most of its clauses went to."""
    new_ids = {s.id for s in new.sections}
    new_by_heading = {normalize_for_matching(s.heading): s.id for s in new.sections}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    old_clauses, new_clauses = old.clauses, new.clauses
    for pair in pairs:
        votes[old_clauses[pair.old[0]].section_id][new_clauses[pair.new[0]].section_id] += 1
    mapping = {}
    for section in old.sections:
        if section.id in new_ids:
            mapping[section.id] = section.id
        elif normalize_for_matching(section.heading) in new_by_heading:
            mapping[section.id] = new_by_heading[normalize_for_matching(section.heading)]
        elif votes[section.id]:
            mapping[section.id] = min(votes[section.id], key=lambda s: (-votes[section.id][s], s))
    return mapping


def _in_order(pairs: list[ClausePair], old_clauses: Sequence[Clause]) -> set[tuple[int, int]]:
    """The pairs that keep their relative order: a heaviest increasing subsequence of old
    positions taken in new order, weighted by text length, so that when two clauses swap the
    shorter one is the one reported as moved."""
    ordered = sorted(pairs, key=lambda p: p.new[0])
    ranks = {i: rank for rank, i in enumerate(sorted(p.old[0] for p in ordered))}
    size = len(ordered)
    lengths = [len(old_clauses[p.old[0]].text) for p in ordered]
    # Length only breaks ties between chains of equal count: its share stays below 1.
    total_length = 1 + sum(lengths)
    # Fenwick tree over old ranks holding (best chain weight, index of its last pair).
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    previous = [-1] * size
    best_end, best_weight = -1, 0.0
    for position, pair in enumerate(ordered):
        rank = ranks[pair.old[0]]
        found = (0.0, -1)
        k = rank  # query prefix [0, rank)
        while k > 0:
            if tree[k] > found:
                found = tree[k]
            k -= k & -k
        weight = found[0] + 1.0 + lengths[position] / total_length
        previous[position] = found[1]
        entry = (weight, position)
        if entry > (best_weight, best_end):
            best_weight, best_end = entry
        k = rank + 1
        while k <= size:
            if not entry > tree[k]:
                # Each node further on covers this one's range, so holds at least as much.
                break
            tree[k] = entry
            k += k & -k
    chain: set[tuple[int, int]] = set()
    while best_end >= 0:
        pair = ordered[best_end]
        chain.add((pair.old[0], pair.new[0]))
        best_end = previous[best_end]
    return chain
