"""The revision generator: real resolution texts revised in known ways, with the true clause pairs.

A case is a real parsed resolution (the base, written back as text: old.txt) and a revision of it
(new.txt) made by a few random operations of one type: rewording, citation updates, editorial
changes, insertions that reletter the items after them, ``bis`` insertions, deletions, moves
within and across sections, swaps, splits, merges, sections added and dropped, or a mix. Every
operation records what it did, so the true pairs (which old clauses became which new ones, with
kind, nature, moved and renumbered) are known. Clauses are identified by their line in the
files, which both revdiff's parser and the line-based baselines see. Everything is drawn from one
`random.Random(seed)`: the same seed gives the same cases, byte for byte.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import ROOT, SHARED
from benchmarks.draft import (
    Draft,
    Node,
    Part,
    Scheme,
    all_nodes,
    detect_scheme,
    draft_from_document,
    relabel,
    serialize_draft,
    suffix_of,
    walk,
)
from benchmarks.entry import Entry

NATURE_ORDER = ("editorial", "citation", "substantive")


@dataclass
class Case:
    """One generated revision: the two texts, the truth, and what was done."""

    id: str
    base: str
    type: str
    old_text: str
    new_text: str
    truth: list[Entry]
    operations: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> Path:
        """Write old.txt, new.txt and truth.json under folder/<id>/."""
        where = folder / self.id
        where.mkdir(parents=True, exist_ok=True)
        (where / "old.txt").write_text(self.old_text, encoding="utf-8")
        (where / "new.txt").write_text(self.new_text, encoding="utf-8")
        record = {
            "id": self.id,
            "base": self.base,
            "type": self.type,
            "operations": self.operations,
            "truth": [asdict(pair) for pair in self.truth],
        }
        (where / "truth.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return where


# --------------------------------------------------------------------------------------------
# Real texts


@dataclass
class Base:
    """A real resolution, parsed, and where it came from."""

    name: str
    draft: Draft
    note: str


def load_bases(*, with_shared: bool = True) -> tuple[list[Base], list[str]]:
    """The real texts: the Res 84 seeds (always) and WTSA Res 1 from ../shared when present.

    Returns the bases and notes on anything skipped. The 2016 seed is a reconstruction that
    differs from 2022 only in citations, so only the official 2022 text is a base.
    """
    from revdiff.load import load_document
    from revdiff.seeds import seed_paths

    notes: list[str] = []
    _, new_seed = seed_paths()
    bases = [
        Base(
            "res84-2022",
            draft_from_document(load_document(new_seed), "res84-2022"),
            "WTSA Res 84 (Rev. Geneva, 2022), official text (seeds/)",
        )
    ]
    res1 = SHARED / "itu-docx" / "wtsa-res1-hammamet-2016.extracted.txt"
    if not with_shared:
        pass
    elif res1.is_file():
        bases.append(
            Base(
                "res1-2016",
                draft_from_document(load_document(res1), "res1-2016"),
                "WTSA Res 1 (Rev. Hammamet, 2016), official text (../shared/itu-docx, "
                "plain-text extraction of ITU's Word file)",
            )
        )
    else:
        notes.append(f"WTSA Res 1 skipped: {res1} is absent")
    return bases, notes


_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


@dataclass
class Pool:
    """Real material to draw inserted clauses, phrases and words from."""

    texts: dict[str, list[str]]  # base name -> clause texts of at least 6 words
    words: list[str]
    titles: list[str]
    # For large pairs: real clauses kept out of the old version, varied, for insertions.
    reserved: list[str] | None = None

    @classmethod
    def from_bases(cls, bases: Sequence[Base]) -> Pool:
        texts: dict[str, list[str]] = {}
        words: set[str] = set()
        titles: list[str] = []
        for base in bases:
            own = []
            for node in all_nodes(base.draft):
                if len(node.text.split()) >= 6:
                    own.append(node.text)
                words.update(w.lower() for w in _WORD.findall(node.text))
            texts[base.name] = own
            titles.extend(p.title for p in base.draft.parts if p.title)
        return cls(texts, sorted(words), sorted(set(titles)) or ["General provisions"])

    def all_texts(self) -> list[str]:
        return [t for name in sorted(self.texts) for t in self.texts[name]]

    def foreign_text(self, rng: random.Random, base: str) -> str:
        """A real clause from another resolution than `base`. Without one (the CI guard reads
        only the in-repo seed), a new clause assembled from short phrases of several clauses of
        `base`: it must not resemble any one old clause, or the truth "added" would be moot."""
        if self.reserved:
            return _vary(rng.choice(self.reserved), rng, self.words)
        others = [t for name in sorted(self.texts) if name != base for t in self.texts[name]]
        if others:
            return rng.choice(others)
        sources = rng.sample(self.texts[base], min(5, len(self.texts[base])))
        phrases = []
        for text in sources:
            words = [w.strip(";,.:") for w in text.split(" ")]
            k = min(4, len(words))
            i = rng.randrange(0, len(words) - k + 1)
            phrases.append(" ".join(words[i : i + k]))
        return "that " + ", ".join(phrases) + ";"

    def phrase(self, rng: random.Random) -> list[str]:
        words = rng.choice(self.all_texts()).split(" ")
        k = rng.randint(2, min(4, len(words)))
        i = rng.randrange(0, len(words) - k + 1)
        return [w.strip(";,.:") for w in words[i : i + k]]


# --------------------------------------------------------------------------------------------
# Text revisions


def _loose(text: str) -> str:
    """Text with case, punctuation, hyphen/quote/space variants removed: equal means editorial."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.casefold()).split())


def reword(
    text: str, rng: random.Random, pool: Pool, *, share: float = 0.3, heavy: bool = False
) -> str:
    """Replace, insert or delete words: 1 to 3 edits within ~30% of the words; `heavy`, 3 to 6
    edits until at least 35% of the words differ (the provision is still the same one)."""
    original = _loose(text)
    edits = (3, 6) if heavy else (1, 3)
    for _ in range(30):
        tokens = text.split(" ")
        budget = max(1, int(len(tokens) * share))
        for _ in range(rng.randint(*edits)):
            if budget <= 0:
                break
            # Never the last word: it carries the item's closing punctuation.
            i = rng.randrange(0, max(1, len(tokens) - 1))
            k = rng.randint(1, min(4 if heavy else 3, budget))
            action = rng.choice(("replace", "insert", "delete"))
            if action == "replace":
                tokens[i : i + k] = rng.sample(pool.words, k)
            elif action == "insert":
                phrase = pool.phrase(rng)[:budget]
                tokens[i:i] = phrase
                k = len(phrase)
            elif len(tokens) - k >= 5:
                del tokens[i : i + k]
            budget -= k
        candidate = " ".join(tokens)
        if _loose(candidate) == original:
            continue
        if heavy:
            matcher = difflib.SequenceMatcher(None, text.split(" "), tokens, False)
            if matcher.ratio() > 0.65:
                continue
        return candidate
    return text + " " + " ".join(rng.sample(pool.words, 2))


EDITIONS = (
    ("Minneapolis", 1998),
    ("Marrakesh", 2002),
    ("Antalya", 2006),
    ("Guadalajara", 2010),
    ("Busan", 2014),
    ("Dubai", 2018),
    ("Bucharest", 2022),
    ("Florianópolis", 2004),
    ("Johannesburg", 2008),
    ("Dubai", 2012),
    ("Hammamet", 2016),
    ("Geneva", 2022),
    ("Hyderabad", 2010),
    ("Buenos Aires", 2017),
    ("Kigali", 2022),
)
_CITED = re.compile(
    r"(?<=Resolution[ \u00a0])(\d+[A-Z]?(?:bis)?) \((Rev\.[ \u00a0]?)?"
    r"([A-Z][\w\-]*(?: [A-Z][\w\-]*)?), ((?:19|20)\d\d)\)"
)


def update_citation(text: str, rng: random.Random) -> str | None:
    """Change the edition of one cited resolution: ``Resolution 196 (Busan, 2014)`` ->
    ``Resolution 196 (Rev. Dubai, 2018)``. None if the text cites no edition."""
    found = list(_CITED.finditer(text))
    if not found:
        return None
    match = rng.choice(found)
    old = (match.group(3), int(match.group(4)))
    place, year = rng.choice([e for e in EDITIONS if e != old])
    rev = match.group(2) or ("Rev. " if rng.random() < 0.5 else "")
    return f"{text[: match.start()]}{match.group(1)} ({rev}{place}, {year}){text[match.end() :]}"


def _editorial_variants(text: str) -> list[Callable[[random.Random], str]]:
    """Changes a reader calls editorial: spacing, punctuation, hyphen, quote, case."""
    variants: list[Callable[[random.Random], str]] = []
    spaces = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", text)]
    if spaces:

        def no_break(r: random.Random) -> str:
            i = r.choice(spaces)
            return text[:i] + "\u00a0" + text[i + 1 :]

        def double_space(r: random.Random) -> str:
            i = r.choice(spaces)
            return text[:i] + "  " + text[i + 1 :]

        def add_comma(r: random.Random) -> str:
            i = r.choice(spaces)
            return text[:i] + "," + text[i:]

        variants += [no_break, double_space, add_comma]
    hyphens = [m.start() for m in re.finditer(r"(?<=\w)[-\u2011](?=\w)", text)]
    if hyphens:

        def hyphen(r: random.Random) -> str:
            i = r.choice(hyphens)
            swap = "\u2011" if text[i] == "-" else "-"
            return text[:i] + swap + text[i + 1 :]

        variants.append(hyphen)
    if '"' in text:
        variants.append(lambda r: re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text, count=1))
    if text[:1].isalpha():
        variants.append(lambda r: text[0].swapcase() + text[1:])
    if text.rstrip()[-1:] in (";", ",", "."):
        t = text.rstrip()
        variants.append(lambda r: t[:-1] + r.choice([c for c in ";,." if c != t[-1]]))
    return variants


def edit_editorially(text: str, rng: random.Random) -> str | None:
    variants = _editorial_variants(text)
    if not variants:
        return None
    result = rng.choice(variants)(rng)
    return result if result != text else None


# --------------------------------------------------------------------------------------------
# Structural revisions on a draft


@dataclass
class Reviser:
    """Applies random revisions to `draft` (the new side) and keeps what the truth needs."""

    draft: Draft
    rng: random.Random
    pool: Pool
    base: str
    # Lists whose order was changed by more than one move or swap: moves there are ambiguous.
    reordered: dict[int, int] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)
    last: Node | None = None  # the clause the last move moved

    # -- choosing places --------------------------------------------------------------------

    def _lists(self, part: Part) -> list[list[Node]]:
        return [part.nodes] + [n.children for n in walk(part.nodes) if n.children]

    def _pick(
        self,
        accept: Callable[[list[Node], Scheme | None], bool],
        *,
        parts: Sequence[Part] | None = None,
    ) -> tuple[Part, list[Node], Scheme | None] | None:
        """A random sibling list that `accept`s, drawn part by part (cheap on huge drafts)."""
        parts = list(parts if parts is not None else self.draft.parts)
        weights = [len(p.nodes) + 1 for p in parts]
        for _ in range(40):
            part = self.rng.choices(parts, weights)[0]
            lists = self._lists(part)
            self.rng.shuffle(lists)
            for nodes in lists:
                scheme = detect_scheme(nodes)
                if accept(nodes, scheme):
                    return part, nodes, scheme
        return None

    @staticmethod
    def _free(node: Node) -> bool:
        return not node.touched and not node.children and not suffix_of(node.label)

    @staticmethod
    def _numbered(nodes: list[Node], scheme: Scheme | None) -> bool:
        """Lists we can renumber: a label scheme, or all unlabelled paragraphs."""
        return scheme is not None or all(n.label is None for n in nodes)

    def _relabel(self, nodes: list[Node], scheme: Scheme | None) -> None:
        if scheme is not None:
            relabel(nodes, scheme)

    def _note_reorder(self, nodes: list[Node]) -> None:
        self.reordered[id(nodes)] = self.reordered.get(id(nodes), 0) + 1
        if self.reordered[id(nodes)] > 1:
            for node in nodes:
                if node.moved is not False:
                    node.moved = None

    def _new_node(self, text: str, label: str | None = None) -> Node:
        return Node(self.draft.new_uid(), label, text, touched=True)

    # -- operations -------------------------------------------------------------------------

    def reword(self) -> bool:
        found = self._pick(
            lambda ns, s: any(self._free(n) and len(n.text.split()) >= 8 for n in ns)
        )
        if not found:
            return False
        _, nodes, _ = found
        node = self.rng.choice([n for n in nodes if self._free(n) and len(n.text.split()) >= 8])
        node.text = reword(node.text, self.rng, self.pool)
        self._mark(node, "substantive")
        self.operations.append(f"reword {node.label or 'paragraph'}")
        return True

    def reword_heavy(self) -> bool:
        def ok(n: Node) -> bool:
            return self._free(n) and len(n.text.split()) >= 10

        found = self._pick(lambda ns, s: any(map(ok, ns)))
        if not found:
            return False
        node = self.rng.choice([n for n in found[1] if ok(n)])
        node.text = reword(node.text, self.rng, self.pool, share=0.6, heavy=True)
        self._mark(node, "substantive")
        self.operations.append(f"reword heavily {node.label or 'paragraph'}")
        return True

    def move_reword(self) -> bool:
        """Move a clause (within or across sections) and reword it too."""
        self.last = None
        if not (self.move_across() if self.rng.random() < 0.5 else self.move_within()):
            return False
        node = self.last
        assert node is not None
        node.text = reword(node.text, self.rng, self.pool)
        self._mark(node, "substantive")
        self.operations[-1] += " and reword it"
        return True

    def _mark(self, node: Node, nature: str) -> None:
        node.touched = True
        if node.natures is not None:
            node.natures.add(nature)

    def cite(self) -> bool:
        def ok(n: Node) -> bool:
            return not n.touched and bool(_CITED.search(n.text))

        found = self._pick(lambda ns, s: any(ok(n) for n in ns))
        if not found:
            return False
        node = self.rng.choice([n for n in found[1] if ok(n)])
        updated = update_citation(node.text, self.rng)
        if updated is None:
            return False
        node.text = updated
        self._mark(node, "citation")
        self.operations.append(f"update a citation in {node.label or 'paragraph'}")
        return True

    def edit(self) -> bool:
        found = self._pick(lambda ns, s: any(not n.touched and len(n.text) > 10 for n in ns))
        if not found:
            return False
        node = self.rng.choice([n for n in found[1] if not n.touched and len(n.text) > 10])
        edited = edit_editorially(node.text, self.rng)
        if edited is None:
            return False
        node.text = edited
        self._mark(node, "editorial")
        self.operations.append(f"editorial change in {node.label or 'paragraph'}")
        return True

    def insert(self) -> bool:
        found = self._pick(
            lambda ns, s: self._numbered(ns, s) and (s is None or len(ns) < s.capacity())
        )
        if not found:
            return False
        _, nodes, scheme = found
        position = self.rng.randint(0, len(nodes))
        nodes.insert(position, self._new_node(self.pool.foreign_text(self.rng, self.base)))
        self._relabel(nodes, scheme)
        self.operations.append(f"insert at {position + 1} of {len(nodes)} (reletter after)")
        return True

    def insert_bis(self) -> bool:
        def ok(ns: list[Node], s: Scheme | None) -> bool:
            return s is not None and s.kind in ("letter", "number", "dotted")

        found = self._pick(ok)
        if not found:
            return False
        _, nodes, scheme = found
        spots = [
            i
            for i, n in enumerate(nodes)
            if not suffix_of(n.label) and (i + 1 == len(nodes) or not suffix_of(nodes[i + 1].label))
        ]
        if not spots:
            return False
        i = self.rng.choice(spots)
        nodes.insert(i + 1, self._new_node(self.pool.foreign_text(self.rng, self.base), "bis"))
        self._relabel(nodes, scheme)
        self.operations.append(f"insert {nodes[i + 1].label}")
        return True

    def delete(self) -> bool:
        found = self._pick(
            lambda ns, s: self._numbered(ns, s) and len(ns) >= 2 and any(map(self._free, ns))
        )
        if not found:
            return False
        _, nodes, scheme = found
        node = self.rng.choice([n for n in nodes if self._free(n)])
        nodes.remove(node)
        self._relabel(nodes, scheme)
        self.operations.append(f"delete {node.label or 'paragraph'} (reletter after)")
        return True

    def move_within(self) -> bool:
        found = self._pick(
            lambda ns, s: self._numbered(ns, s) and len(ns) >= 4 and any(map(self._free, ns))
        )
        if not found:
            return False
        _, nodes, scheme = found
        i = self.rng.choice([k for k, n in enumerate(nodes) if self._free(n)])
        node = nodes.pop(i)
        # At least two places away, so that exactly one clause breaks the order.
        j = self.rng.choice([k for k in range(len(nodes) + 1) if abs(k - i) >= 2])
        was = node.label
        nodes.insert(j, node)
        node.label = None if scheme is not None else node.label
        node.moved, node.touched = True, True
        self.last = node
        self._relabel(nodes, scheme)
        self._note_reorder(nodes)
        self.operations.append(f"move {was or 'paragraph'} from {i + 1} to {j + 1}")
        return True

    def _sample(self, parts: Sequence[Part], accept: Callable[[Part], bool]) -> Part | None:
        """A random part that `accept`s, by rejection (cheap on drafts of thousands)."""
        if not parts:
            return None
        for _ in range(40):
            part = self.rng.choice(parts)
            if accept(part):
                return part
        return None

    def move_across(self) -> bool:
        def top_numbered(p: Part) -> bool:
            return self._numbered(p.nodes, detect_scheme(p.nodes))

        source = self._sample(
            self.draft.parts,
            lambda p: len(p.nodes) >= 2 and any(map(self._free, p.nodes)) and top_numbered(p),
        )
        if source is None:
            return False
        others = [p for p in self.draft.parts if p is not source]
        like = [p for p in others if p.kind == source.kind]
        target = self._sample(like, top_numbered) or self._sample(others, top_numbered)
        if target is None:
            return False
        source_scheme, target_scheme = detect_scheme(source.nodes), detect_scheme(target.nodes)
        node = self.rng.choice([n for n in source.nodes if self._free(n)])
        was = node.label
        source.nodes.remove(node)
        position = self.rng.randint(0, len(target.nodes))
        target.nodes.insert(position, node)
        node.label = None
        node.moved, node.touched = True, True
        self.last = node
        self._relabel(source.nodes, source_scheme)
        if target_scheme is None and len(target.nodes) == 2:
            # A lone unlabelled paragraph with a newcomer: number both, as an editor would.
            target_scheme = Scheme("letter" if target.kind == "preamble" else "number", 1)
        self._relabel(target.nodes, target_scheme)
        if target_scheme is None:
            node.label = None
        self.operations.append(
            f"move {was or 'paragraph'} from {source.heading!r} to {target.heading!r}"
        )
        return True

    def swap(self) -> bool:
        def spots(ns: list[Node]) -> list[int]:
            return [
                i
                for i in range(len(ns) - 1)
                if self._free(ns[i])
                and self._free(ns[i + 1])
                and _loose(ns[i].text) != _loose(ns[i + 1].text)
            ]

        found = self._pick(lambda ns, s: s is not None and bool(spots(ns)))
        if not found:
            return False
        _, nodes, scheme = found
        i = self.rng.choice(spots(nodes))
        nodes[i], nodes[i + 1] = nodes[i + 1], nodes[i]
        for node in nodes[i : i + 2]:
            node.moved, node.touched = None, True
        self._relabel(nodes, scheme)
        self._note_reorder(nodes)
        self.operations.append(f"swap {nodes[i].label} and {nodes[i + 1].label}")
        return True

    @staticmethod
    def _split_point(text: str) -> tuple[int, int] | None:
        """Where to cut a clause in two: a "; ", ". ", ", and " or ", " near the middle."""
        n = len(text)
        for pattern in (r"; ", r"\. (?=[A-Z])", r",? and ", r", "):
            cuts = [m for m in re.finditer(pattern, text) if 0.25 * n <= m.start() <= 0.75 * n]
            if cuts:
                m = min(cuts, key=lambda m: abs(m.start() - n / 2))
                return m.start(), m.end()
        return None

    def split(self) -> bool:
        def ok(n: Node) -> bool:
            return self._free(n) and self._split_point(n.text) is not None

        found = self._pick(lambda ns, s: self._numbered(ns, s) and any(map(ok, ns)))
        if not found:
            return False
        _, nodes, scheme = found
        node = self.rng.choice([n for n in nodes if ok(n)])
        cut = self._split_point(node.text)
        assert cut is not None
        head, tail = node.text[: cut[0]], node.text[cut[1] :]
        if node.text[cut[0]] == ".":
            head += "."
        else:
            head = head.rstrip(",;") + ";"
        second = Node(self.draft.new_uid(), None, tail, origins=node.origins, touched=True)
        was = node.label
        node.text, node.touched = head, True
        node.natures = second.natures = None
        nodes.insert(nodes.index(node) + 1, second)
        self._relabel(nodes, scheme)
        self.operations.append(f"split {was or 'paragraph'} in two")
        return True

    def merge(self) -> bool:
        def spots(ns: list[Node]) -> list[int]:
            return [i for i in range(len(ns) - 1) if self._free(ns[i]) and self._free(ns[i + 1])]

        found = self._pick(lambda ns, s: self._numbered(ns, s) and bool(spots(ns)))
        if not found:
            return False
        _, nodes, scheme = found
        i = self.rng.choice(spots(nodes))
        a, b = nodes[i], nodes[i + 1]
        text = a.text.rstrip().rstrip(";,.") + ", and " + b.text
        merged = Node(self.draft.new_uid(), a.label, text, origins=a.origins + b.origins)
        merged.natures, merged.touched = None, True
        nodes[i : i + 2] = [merged]
        self._relabel(nodes, scheme)
        self.operations.append(f"merge {a.label or 'paragraph'} and {b.label or 'paragraph'}")
        return True

    PREAMBLE_CALLS = (
        "recalling further",
        "recognizing further",
        "considering further",
        "noting further",
        "bearing in mind",
        "taking into account",
        "emphasizing",
        "aware",
        "mindful",
        "welcoming",
    )
    OPERATIVE_CALLS = (
        "instructs the Director of the Telecommunication Standardization Bureau",
        "instructs the study groups",
        "requests the Secretary-General",
        "encourages Member States",
        "urges Member States",
        "decides",
        "resolves further",
    )

    def add_section(self) -> bool:
        parts = self.draft.parts
        count = self.rng.randint(2, 5)
        texts = [self.pool.foreign_text(self.rng, self.base) for _ in range(count)]
        numbered = [p for p in parts if p.kind == "numbered"]
        if numbered:
            values = [int(m.group(1)) for p in numbered if (m := re.search(r"(\d+)$", p.heading))]
            k = max(values, default=0) + 1
            title = self.rng.choice(self.pool.titles)
            nodes = [self._new_node(t, f"{k}.{j}") for j, t in enumerate(texts, 1)]
            part = Part(f"SECTION {k}", title, "numbered", nodes)
            at = parts.index(numbered[-1]) + 1
        else:
            preamble = self.rng.random() < 0.5
            calls = self.PREAMBLE_CALLS if preamble else self.OPERATIVE_CALLS
            present = {p.heading for p in parts}
            fresh = [c for c in calls if c not in present]
            if not fresh:
                return False
            scheme = Scheme("letter" if preamble else "number", 1)
            nodes = [self._new_node(t, scheme.format(j)) for j, t in enumerate(texts, 1)]
            part = Part(
                self.rng.choice(fresh), None, "preamble" if preamble else "operative", nodes
            )
            part.terminal = (";", ",")
            same = [i for i, p in enumerate(parts) if p.kind == part.kind]
            at = (self.rng.choice(same) + 1) if same else len(parts)
        parts.insert(at, part)
        self.operations.append(f"add section {part.heading!r} ({count} clauses)")
        return True

    def drop_section(self) -> bool:
        parts = self.draft.parts
        part = self._sample(parts, lambda p: not any(n.touched for n in walk(p.nodes)))
        if len(parts) < 3 or part is None:
            return False
        parts.remove(part)
        self.operations.append(f"drop section {part.heading!r}")
        return True

    # -- finishing --------------------------------------------------------------------------

    def fix_terminals(self) -> None:
        """Re-punctuate call sections (";" inside, "," or "." at the end) as editors do after
        items move: an untouched clause that changes this way is an editorial change."""
        for part in self.draft.parts:
            if part.terminal is None:
                continue
            for i, node in enumerate(part.nodes):
                want = part.terminal[1] if i == len(part.nodes) - 1 else part.terminal[0]
                text = node.text.rstrip()
                if not text or text[-1] not in ";,." or text[-1] == want:
                    continue
                node.text = text[:-1] + want
                if not node.origins or node.natures is None:
                    continue
                if node.natures and "substantive" in node.natures:
                    node.natures = None
                else:
                    node.natures.add("editorial")

    def revise_metadata(self) -> None:
        """Make the number, history and preamble lines those of a later revision."""
        place, year = "New Delhi", 2024
        lines = self.draft.metadata
        for i, line in enumerate(lines):
            if line.upper().startswith("RESOLUTION "):
                lines[i] = re.sub(r"\(.*\)", f"(Rev. {place}, {year})", line)
            elif re.fullmatch(r"\(.*\)\S*", line):
                lines[i] = re.sub(r"\)", f"; {place}, {year})", line, count=1)
            elif re.search(r"\((?:Rev\. )?[A-Z][\w ]+, \d{4}\),$", line):
                lines[i] = re.sub(r"\([^()]*\),$", f"({place}, {year}),", line)
        self.operations.append("revise the metadata lines")


OPERATIONS: dict[str, Callable[[Reviser], bool]] = {
    "reword": Reviser.reword,
    "reword-heavy": Reviser.reword_heavy,
    "citation": Reviser.cite,
    "editorial": Reviser.edit,
    "insert": Reviser.insert,
    "insert-bis": Reviser.insert_bis,
    "delete": Reviser.delete,
    "move-within": Reviser.move_within,
    "move-across": Reviser.move_across,
    "move-reword": Reviser.move_reword,
    "swap": Reviser.swap,
    "split": Reviser.split,
    "merge": Reviser.merge,
    "section-added": Reviser.add_section,
    "section-dropped": Reviser.drop_section,
}
CASE_TYPES = (*OPERATIONS, "mixed")


# --------------------------------------------------------------------------------------------
# Truth


def _label_key(label: str | None) -> str:
    return re.sub(r"[\s()]", "", label or "").casefold()


def snapshot(draft: Draft) -> dict[int, tuple[str | None, str]]:
    """Each node's label and text, by uid: what the truth compares the revision against."""
    return {n.uid: (n.label, n.text) for n in all_nodes(draft)}


def compute_truth(
    old: dict[int, tuple[str | None, str]],
    new: Draft,
    old_lines: dict[int, int],
    new_lines: dict[int, int],
) -> list[Entry]:
    """The true entries, in the new draft's order with deleted clauses after."""
    by_old: dict[int, list[Node]] = {}
    for node in all_nodes(new):
        for origin in node.origins:
            by_old.setdefault(origin, []).append(node)
    truth: list[Entry] = []
    done: set[int] = set()
    for node in all_nodes(new):
        line = new_lines[node.uid]
        if not node.origins:
            truth.append(Entry("added", (), (line,), None, False, False))
        elif len(node.origins) > 1:
            olds = tuple(old_lines[o] for o in node.origins)
            truth.append(Entry("merged", olds, (line,), None, None, False))
        elif len(by_old[node.origins[0]]) > 1:
            origin = node.origins[0]
            if origin not in done:
                done.add(origin)
                news = tuple(new_lines[n.uid] for n in by_old[origin])
                truth.append(Entry("split", (old_lines[origin],), news, None, None, False))
        else:
            origin = node.origins[0]
            before_label, before_text = old[origin]
            same = before_text == node.text
            natures: tuple[str, ...] | None = ()
            if not same:
                natures = (
                    None
                    if node.natures is None or not node.natures
                    else tuple(n for n in NATURE_ORDER if n in node.natures)
                )
            truth.append(
                Entry(
                    "unchanged" if same else "modified",
                    (old_lines[origin],),
                    (line,),
                    natures,
                    node.moved,
                    _label_key(before_label) != _label_key(node.label),
                )
            )
    for uid in old:
        if uid not in by_old:
            truth.append(Entry("deleted", (old_lines[uid],), (), None, False, False))
    return truth


# --------------------------------------------------------------------------------------------
# Cases


def revise(
    base: Draft,
    rng: random.Random,
    pool: Pool,
    kinds: Sequence[str],
    *,
    metadata: bool,
    in_place: bool = False,
) -> tuple[Draft, list[str]]:
    """A revised copy of `base` (or `base` itself if in_place) after one operation per kind
    (kinds that find no place are skipped)."""
    new = base if in_place else copy.deepcopy(base)
    reviser = Reviser(new, rng, pool, base.name)
    for kind in kinds:
        OPERATIONS[kind](reviser)
    reviser.fix_terminals()
    if metadata:
        reviser.revise_metadata()
    return new, reviser.operations


def make_case(
    case_id: str, base: Base, case_type: str, rng: random.Random, pool: Pool
) -> Case | None:
    """One case of `case_type` on `base`, or None if that revision finds no place there."""
    if case_type == "mixed":
        kinds = rng.choices(list(OPERATIONS), k=rng.randint(3, 6))
    else:
        kinds = [case_type] * rng.randint(1, 3)
    new, operations = revise(base.draft, rng, pool, kinds, metadata=rng.random() < 0.5)
    structural = [o for o in operations if o != "revise the metadata lines"]
    if not structural:
        return None
    old_text, old_lines = serialize_draft(base.draft)
    new_text, new_lines = serialize_draft(new)
    truth = compute_truth(snapshot(base.draft), new, old_lines, new_lines)
    return Case(case_id, base.name, case_type, old_text, new_text, truth, operations)


def generate_cases(
    bases: Sequence[Base], count: int, seed: int, *, types: Sequence[str] = CASE_TYPES
) -> list[Case]:
    """`count` cases cycling through `types`, each on a random base, from `seed`."""
    rng = random.Random(seed)
    pool = Pool.from_bases(bases)
    cases: list[Case] = []
    for turn in range(count * 3):
        if len(cases) >= count:
            break
        case_type = types[turn % len(types)]
        # Alternate the bases; a base where this revision finds no place yields to the next.
        order = [bases[(turn // len(types) + k) % len(bases)] for k in range(len(bases))]
        for base in order:
            case = make_case(f"{len(cases) + 1:04d}-{case_type}", base, case_type, rng, pool)
            if case is not None:
                cases.append(case)
                break
    return cases


# --------------------------------------------------------------------------------------------
# Large pairs for the speed run


def _vary(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """A real clause made distinct: two words replaced and its numbers redrawn."""
    tokens = text.split(" ")
    for _ in range(2):
        i = rng.randrange(len(tokens))
        if tokens[i].isalpha():
            tokens[i] = rng.choice(words)
    return re.sub(r"\b\d{1,3}\b", lambda m: str(rng.randint(1, 199)), " ".join(tokens))


def build_large_draft(
    pool: Pool, clauses: int, rng: random.Random, texts: Sequence[str] | None = None
) -> Draft:
    """A resolution of `clauses` clauses from real ones (`texts`, default all of the pool's):
    numbered sections of 10 to 40 items ``k.j``, a fifth of them with lettered sub-items, each
    text a varied real clause."""
    texts = list(texts) if texts is not None else pool.all_texts()
    draft = Draft("large", ["RESOLUTION 999 (Rev. Geneva, 2022)", "Rules of procedure"], [])
    draft.metadata += [
        "(Geneva, 2022)",
        "The World Telecommunication Standardization Assembly (Geneva, 2022),",
    ]
    made, k = 0, 0
    while made < clauses:
        k += 1
        nodes: list[Node] = []
        for j in range(1, rng.randint(10, 40) + 1):
            if made >= clauses:
                break
            uid = draft.new_uid()
            node = Node(uid, f"{k}.{j}", _vary(rng.choice(texts), rng, pool.words), origins=(uid,))
            made += 1
            if rng.random() < 0.2:
                for letter in range(min(rng.randint(2, 4), clauses - made)):
                    uid = draft.new_uid()
                    text = _vary(rng.choice(texts), rng, pool.words)
                    node.children.append(Node(uid, f"{chr(97 + letter)})", text, origins=(uid,)))
                    made += 1
            nodes.append(node)
        if nodes:
            draft.parts.append(Part(f"SECTION {k}", rng.choice(pool.titles), "numbered", nodes))
    return draft


def make_large_pair(pool: Pool, clauses: int, seed: int) -> Case:
    """A pair of `clauses` clauses with one revision per 25 clauses, drawn from the same
    operations as the quality cases."""
    rng = random.Random(seed)
    # A fifth of the real clauses never appear in the old version: insertions come from them,
    # so that an inserted clause is not a near copy of an old one (the truth "added" must hold).
    texts = pool.all_texts()
    rng.shuffle(texts)
    held = len(texts) // 5
    pool = dataclasses.replace(pool, reserved=texts[:held])
    old = build_large_draft(pool, clauses, rng, texts[held:])
    old_text, old_lines = serialize_draft(old)
    before = snapshot(old)
    kinds = rng.choices(list(OPERATIONS), k=max(2, clauses // 25))
    new, operations = revise(old, rng, pool, kinds, metadata=True, in_place=True)
    new_text, new_lines = serialize_draft(new)
    truth = compute_truth(before, new, old_lines, new_lines)
    return Case(f"large-{clauses}", "large", "mixed", old_text, new_text, truth, operations)


def default_work_folder() -> Path:
    return ROOT / "build" / "benchmarks"
