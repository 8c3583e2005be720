"""Comparisons built by hand for the report tests: every kind of change, texts with Markdown and
HTML specials, a reconstructed old version. Independent of the loaders and the aligner."""

from __future__ import annotations

from collections.abc import Sequence

from revdiff.model import (
    Change,
    ChangeKind,
    Citation,
    CitationUpdate,
    Clause,
    Comparison,
    Document,
    EditOp,
    Marker,
    Metadata,
    MetadataChange,
    Nature,
    Section,
    SectionKind,
    SourceFormat,
    SourceLocation,
    TextEdit,
)

OLD_SOURCE = "fixtures/res99-2016.reconstructed.txt"
NEW_SOURCE = "fixtures/res99-2022.txt"


def clause(source: str, section: str, label: str | None, text: str, line: int = 1) -> Clause:
    slug = (label or f"p{line}").rstrip(")").replace(".", "-")
    return Clause(
        id=f"{section}/{slug}",
        section_id=section,
        label=label,
        text=text,
        location=SourceLocation(source, line),
    )


def document(
    source: str, metadata: Metadata, sections: Sequence[tuple[str, Sequence[Clause]]]
) -> Document:
    return Document(
        source=source,
        format=SourceFormat.TEXT,
        metadata=metadata,
        sections=tuple(
            Section(
                id=sid,
                heading=sid.replace("-", " "),
                kind=SectionKind.OPERATIVE if sid.startswith("resolves") else SectionKind.PREAMBLE,
                clauses=tuple(clauses),
            )
            for sid, clauses in sections
        ),
    )


def eq(text: str) -> TextEdit:
    return TextEdit(EditOp.EQUAL, text)


def de(text: str) -> TextEdit:
    return TextEdit(EditOp.DELETE, text)


def ins(text: str) -> TextEdit:
    return TextEdit(EditOp.INSERT, text)


OLD_META = Metadata(
    number_line="RESOLUTION 99 (Hammamet, 2016)",
    body="WTSA",
    number="99",
    revision="Hammamet, 2016",
    place="Hammamet",
    year=2016,
    title="Protection of *users* & <consumers>",
    history="(Hammamet, 2016)",
    preamble="The World Telecommunication Standardization Assembly (Hammamet, 2016),",
)
NEW_META = Metadata(
    number_line="RESOLUTION 99 (Rev. Geneva, 2022)",
    body="WTSA",
    number="99",
    revision="Rev. Geneva, 2022",
    place="Geneva",
    year=2022,
    title="Protection of *users* & <consumers>",
    history="(Hammamet, 2016; Geneva, 2022)",
    preamble="The World Telecommunication Standardization Assembly (Geneva, 2022),",
)

RES196_OLD = Citation(
    "Resolution 196 (Busan, 2014)", "Resolution", "196", "PP", False, "Busan", 2014
)
RES196_NEW = Citation(
    "Resolution 196 (Rev. Dubai, 2018)", "Resolution", "196", "PP", True, "Dubai", 2018
)


def sample_comparison(*, reconstructed: bool = True) -> Comparison:
    """A comparison with one change of every kind, in the new document's order."""
    o, n = (OLD_SOURCE if reconstructed else "fixtures/res99-2016.txt"), NEW_SOURCE
    old_a = clause(o, "recalling", "a)", "Resolution 196 (Busan, 2014) of the Plenipotentiary;")
    new_a = clause(
        n, "recalling", "a)", "Resolution 196 (Rev. Dubai, 2018) of the Plenipotentiary;"
    )
    old_b = clause(o, "recalling", "b)", "the International Telecommunication Regulations,")
    new_b = clause(n, "recalling", "c)", "the International Telecommunication Regulations,")
    new_added = clause(n, "recalling", "b)", "the *new* rules_of [Art. 5] | <b>bold</b> & co;")
    old_moved = clause(o, "considering", "a)", "that QoS matters for users;")
    new_moved = clause(n, "recognizing", "a)", "that QoS matters for all users;")
    old_split = clause(o, "considering", "b)", "that trust grows; that access must be open;")
    new_split_1 = clause(n, "considering", "a)", "that trust grows;")
    new_split_2 = clause(n, "considering", "b)", "that access must be open;")
    old_merge_1 = clause(o, "noting", "a)", "the importance of information;")
    old_merge_2 = clause(o, "noting", "b)", "the cost of access;")
    new_merged = clause(n, "noting", "a)", "the importance of information and the cost of access;")
    old_deleted = clause(o, "noting", "c)", "that landlocked countries pay more,")
    old_edit = clause(o, "resolves", "1", "to continue  developing ITU-T Recommendations;")
    new_edit = clause(n, "resolves", "1", "to continue developing ITU\u2011T Recommendations;")
    same = clause(o, "resolves", "2", "that study groups collaborate,")
    same_new = clause(n, "resolves", "2", "that study groups collaborate,")

    old = document(
        o,
        OLD_META,
        [
            ("recalling", [old_a, old_b]),
            ("considering", [old_moved, old_split]),
            ("noting", [old_merge_1, old_merge_2, old_deleted]),
            ("resolves", [old_edit, same]),
        ],
    )
    new = document(
        n,
        NEW_META,
        [
            ("recalling", [new_a, new_added, new_b]),
            ("recognizing", [new_moved]),
            ("considering", [new_split_1, new_split_2]),
            ("noting", [new_merged]),
            ("resolves", [new_edit, same_new]),
        ],
    )
    changes = (
        Change(
            ChangeKind.MODIFIED,
            (old_a,),
            (new_a,),
            (
                eq("Resolution 196 ("),
                de("Busan, 2014"),
                ins("Rev. Dubai, 2018"),
                eq(") of the Plenipotentiary;"),
            ),
            (Nature.CITATION,),
            Marker.MOD,
            similarity=0.81234567,
            citations=(CitationUpdate(RES196_OLD, RES196_NEW),),
        ),
        Change(
            ChangeKind.ADDED,
            (),
            (new_added,),
            (ins(new_added.text),),
            (Nature.SUBSTANTIVE,),
            Marker.ADD,
            similarity=0.0,
        ),
        Change(
            ChangeKind.UNCHANGED,
            (old_b,),
            (new_b,),
            (eq(old_b.text),),
            (),
            Marker.NOC,
            renumbered=True,
        ),
        Change(
            ChangeKind.MODIFIED,
            (old_moved,),
            (new_moved,),
            (eq("that QoS matters for "), ins("all "), eq("users;")),
            (Nature.SUBSTANTIVE,),
            Marker.MOD,
            moved=True,
            similarity=0.9,
        ),
        Change(
            ChangeKind.SPLIT,
            (old_split,),
            (new_split_1, new_split_2),
            (eq("that trust grows; that access must be open;"),),
            (Nature.EDITORIAL,),
            Marker.MOD_EDITORIAL,
            similarity=1.0,
        ),
        Change(
            ChangeKind.MERGED,
            (old_merge_1, old_merge_2),
            (new_merged,),
            (
                eq("the importance of information"),
                de(";"),
                eq(" "),
                ins("and "),
                eq("the cost of access;"),
            ),
            (Nature.SUBSTANTIVE,),
            Marker.MOD,
            similarity=0.88,
        ),
        Change(
            ChangeKind.DELETED,
            (old_deleted,),
            (),
            (de(old_deleted.text),),
            (Nature.SUBSTANTIVE,),
            Marker.SUP,
            similarity=0.0,
        ),
        Change(
            ChangeKind.MODIFIED,
            (old_edit,),
            (new_edit,),
            (
                eq("to continue "),
                de(" "),
                eq("developing ITU"),
                de("-"),
                ins("\u2011"),
                eq("T Recommendations;"),
            ),
            (Nature.EDITORIAL,),
            Marker.MOD_EDITORIAL,
            similarity=0.97,
        ),
        Change(ChangeKind.UNCHANGED, (same,), (same_new,), (eq(same.text),), (), Marker.NOC),
    )
    metadata = tuple(
        MetadataChange(
            field,
            getattr(OLD_META, field),
            getattr(NEW_META, field),
            natures=(Nature.CITATION,)
            if getattr(OLD_META, field) != getattr(NEW_META, field)
            else (),
        )
        for field in ("number_line", "title", "history", "preamble")
    )
    return Comparison(old=old, new=new, metadata=metadata, changes=changes)


def single_change_comparison(
    edits: Sequence[TextEdit], *, kind: ChangeKind = ChangeKind.MODIFIED
) -> Comparison:
    """One modified clause whose inline runs are `edits` (for property tests of the renderers)."""
    old_text = "".join(e.text for e in edits if e.op is not EditOp.INSERT)
    new_text = "".join(e.text for e in edits if e.op is not EditOp.DELETE)
    old_clause = clause("old.txt", "resolves", "1", old_text)
    new_clause = clause("new.txt", "resolves", "1", new_text)
    meta = Metadata(number_line="RESOLUTION 1")
    changed = old_text != new_text
    change = Change(
        kind if changed else ChangeKind.UNCHANGED,
        (old_clause,),
        (new_clause,),
        tuple(edits),
        (Nature.SUBSTANTIVE,) if changed else (),
        Marker.MOD if changed else Marker.NOC,
    )
    return Comparison(
        old=document("old.txt", meta, [("resolves", [old_clause])]),
        new=document("new.txt", meta, [("resolves", [new_clause])]),
        metadata=(),
        changes=(change,),
    )


def identical_comparison() -> Comparison:
    """Two identical one-clause documents: nothing differs."""
    return single_change_comparison([eq("that study groups collaborate,")])


def seed_comparison() -> Comparison:
    """The bundled Res 84 seeds compared, 2016 (reconstructed) → 2022, through the real stages."""
    from revdiff.compare import compare_documents
    from revdiff.load import load_document
    from revdiff.model import CompareOptions
    from revdiff.seeds import seed_paths

    old, new = seed_paths()
    return compare_documents(load_document(old), load_document(new), CompareOptions())


CONTROL_TEXT = "bell\x07 esc\x1b[2J csi\x9b31m del\x7f cr\r nul\x00 tab\tend"


def has_control(text: str, *, allowed: str = "\t\n") -> bool:
    """Whether `text` holds a C0, DEL or C1 control character other than `allowed`."""
    return any((ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) and ch not in allowed for ch in text)


def control_comparison() -> Comparison:
    """One clause whose old and new texts carry control characters."""
    return single_change_comparison([eq(CONTROL_TEXT), ins(" and\x1b]8;;x\x1b\\ more")])
