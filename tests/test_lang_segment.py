"""Segmentation for the inline diff: Chinese words, Arabic words never split inside."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revdiff.model import EditOp
from revdiff.segment import has_spaceless_script, tokenize
from revdiff.textdiff import diff_words, rebuild


def _marked(old: str, new: str) -> tuple[str, str]:
    edits = diff_words(old, new)
    assert rebuild(edits) == (old, new)
    deleted = "".join(e.text for e in edits if e.op is EditOp.DELETE)
    inserted = "".join(e.text for e in edits if e.op is EditOp.INSERT)
    return deleted, inserted


# Edits of real Chinese ITU sentences (fixtures/lang/zh): the words a reader expects marked.
CHINESE_EDITS = [
    (
        "每个无线电通信研究组有责任建议英文中使用的术语和定义;",
        "每个无线电通信研究组有义务建议英文中使用的术语和定义;",
        "责任",
        "义务",
    ),
    ("在实施过程中需要保持一致,", "在实施过程中必须保持一致,", "需要", "必须"),
    (
        "国际电联理事会将各语文的编辑工作集中于总秘书处",
        "国际电联理事会将各语文的翻译工作集中于总秘书处",
        "编辑",
        "翻译",
    ),
    ("第154号决议(2006年,安塔利亚)", "第155号决议(2006年,安塔利亚)", "154", "155"),
    (
        "第154号决议(2006年,安塔利亚)",
        "第154号决议(2010年,瓜达拉哈拉)",
        "2006年,安塔利亚",
        "2010年,瓜达拉哈拉",
    ),
    ("由此缩小标准化工作差距。", "由此缩小发展中国家的标准化工作差距。", "", "发展中国家的"),
    (
        "要求各部门仅提供英文版的最终文本",
        "要求各部门提供英文版和法文版的最终文本",
        "仅",
        "和法文版",
    ),
    # A word changed in part is shown whole, not cut in half (characters gave 研究[-组-]).
    ("无线电通信研究组应遵循", "无线电通信工作组应遵循", "研究组", "工作组"),
]


@pytest.mark.parametrize(("old", "new", "deleted", "inserted"), CHINESE_EDITS)
def test_a_changed_chinese_word_is_marked_as_that_word(
    old: str, new: str, deleted: str, inserted: str
) -> None:
    assert _marked(old, new) == (deleted, inserted)


def test_a_chinese_sentence_is_cut_into_words_and_latin_inside_it_stays_whole() -> None:
    tokens = tokenize("请国际电联总秘书处审议(见ITU-R第36号决议)")
    assert "ITU-R" in tokens and "36" in tokens
    assert "".join(tokens) == "请国际电联总秘书处审议(见ITU-R第36号决议)"
    assert max(len(t) for t in tokens if has_spaceless_script(t)) <= 4


@pytest.mark.parametrize("word", ["المراجَع", "يذكّر", "وإذ", "مُراجَعة", "تُقبَل", "e\u0301tude"])
def test_a_word_with_combining_marks_is_one_token(word: str) -> None:
    assert tokenize(f"({word} 5)") == ["(", word, " ", "5", ")"]


def test_an_arabic_edit_marks_whole_words() -> None:
    old = "القرار 169 (المراجَع في بوخارست، 2022) تُقبَل الهيئات"
    new = "القرار 169 (المراجَع في دبي، 2018) تُقبَل الهيئات"
    deleted, inserted = _marked(old, new)
    assert deleted == "بوخارست، 2022" and inserted == "دبي، 2018"


@given(st.text(alphabet=st.sampled_from("研究组委员会的,a1 \u064eب\u0651ت()")))
def test_tokens_rebuild_any_text(text: str) -> None:
    assert "".join(tokenize(text)) == text
