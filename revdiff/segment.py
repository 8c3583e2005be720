"""Segmentation for the inline diff: the tokens `textdiff` diffs, in every script ITU writes.

Two scripts need more than "letters between spaces":

* **Chinese** (and any run of Han or kana characters) has no spaces: a whole sentence would be one
  token, and a changed word would show as the whole sentence replaced. A run of such characters is
  cut into words by jieba's dictionary (`rjieba`, the Rust port, loaded only when such a run is
  met). Characters alone were measured against it and lose on words changed in part
  ("研究[-组-]{+委员会+}" instead of "[-研究组-]{+研究委员会+}"): see fixtures/lang/SEGMENTATION.md.
* **Arabic** writes vowel signs and the shadda as combining marks, which ``\\w`` does not match:
  "المراجَع" would be cut in three inside the word. Combining marks (and the zero-width joiners)
  are word characters here, so no word is ever split inside.

Pure; ``"".join(tokenize(text)) == text`` for every text.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable

# Combining marks of the scripts ITU texts are written in, and the joiners used inside words.
# (Python's re has no \p{M}; these ranges are the marks that occur in Latin, Cyrillic, Arabic and
# CJK text, decomposed or not.)
_MARKS = (
    "\u0300-\u036f"  # combining diacritics (a decomposed "é")
    "\u0483-\u0489"  # Cyrillic
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Arabic
    "\u08d3-\u08e1\u08e3-\u08ff"  # Arabic extended
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"  # combining supplements
    "\u200c\u200d"  # zero-width non-joiner and joiner
    "\u302a-\u302f\u3099\u309a"  # CJK and kana marks
    "\ufe00-\ufe0f\ufe20-\ufe2f"  # variation selectors, half marks
)
_W = rf"[\w{_MARKS}]"

# A word: letters/digits (with their marks) joined by ".", hyphens (incl. U+2010/U+2011) or,
# between digits, "/". "E.164", "1.3", "ITU‑T", "1/3" stay whole; "users/consumers" is two words.
# "b)bis" is one. Then whitespace runs, then any other single character.
TOKEN = re.compile(
    rf"{_W}+\)(?:bis|ter|quater)(?!{_W})"
    rf"|{_W}+(?:(?:[.\-\u2010\u2011]|(?<=\d)/(?=\d)){_W}+)*"
    r"|\s+"
    r"|.",
    re.DOTALL,
)

# Han ideographs (with the compatibility and supplementary blocks) and kana: written without spaces.
_SPACELESS = (
    "\u3040-\u30ff\u31f0-\u31ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)


# Compiled when first needed (some 4 ms for both, in a process that may never meet such a text).
@functools.cache
def _spaceless() -> re.Pattern[str]:
    return re.compile(f"[{_SPACELESS}]")


@functools.cache
def _spaceless_runs() -> re.Pattern[str]:
    return re.compile(f"[{_SPACELESS}]+|[^{_SPACELESS}]+")


def tokenize(text: str) -> list[str]:
    """Cut `text` into words, whitespace runs and single other characters; ''.join() rebuilds it.

    >>> tokenize("第154号决议(2006年,安塔利亚)")
    ['第', '154', '号', '决议', '(', '2006', '年', ',', '安塔利亚', ')']
    >>> tokenize("القرار 5 (المراجَع)")
    ['القرار', ' ', '5', ' ', '(', 'المراجَع', ')']
    """
    tokens: list[str] = TOKEN.findall(text)
    if not has_spaceless_script(text):
        return tokens
    spaceless = _spaceless().search
    out: list[str] = []
    for token in tokens:
        if spaceless(token) is None:
            out.append(token)
            continue
        for run in _spaceless_runs().findall(token):
            if spaceless(run) is None:
                out.append(run)  # digits or Latin inside a Chinese run: "ITU-R第36号" keeps "ITU-R"
            else:
                out.extend(_cut_words(run))
    return out


def has_spaceless_script(text: str) -> bool:
    """True when `text` holds Han or kana characters (a script written without spaces)."""
    return not text.isascii() and _spaceless().search(text) is not None


@functools.lru_cache(maxsize=8192)  # clause texts repeat between the two versions compared
def _cut_words(run: str) -> tuple[str, ...]:
    words = tuple(_segmenter()(run))
    # The segmenter's words must rebuild the run exactly; if they ever did not, characters do.
    return words if "".join(words) == run else tuple(run)


@functools.cache
def _segmenter() -> Callable[[str], list[str]]:
    # Imported on first use: loading jieba's dictionary takes ~0.1 s, and most texts need none.
    module = importlib.import_module("rjieba")
    cut: Callable[[str], list[str]] = module.cut
    return cut
