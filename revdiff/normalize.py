"""Canonical forms of clause text: one for matching clauses, one for the editorial test.

Real ITU texts mix no-break spaces, non-breaking hyphens, curly quotes and en dashes with their
plain forms; these variants must neither stop two clauses from pairing nor count as a change of
substance. Pure functions, no state.
"""

from __future__ import annotations

import re

# Characters that are typographic variants of a space, a hyphen or a quote. Soft hyphens and
# zero-width characters are invisible in print, so they vanish.
_VARIANTS = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u3000": " ",
        "\t": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u2060": None,  # word joiner
        "\ufeff": None,
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\ufe63": "-",
        "\uff0d": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

# Each variant with its plain form ("" for the invisible ones). Most clause texts hold one or two
# of them: looking for each with `in` and replacing only those found is three times faster than
# translating the runs found by a pattern, and ten times faster than str.translate over the whole
# text, which looks every character up in the table. No plain form is itself a variant, so the
# order of the replacements does not matter.
_VARIANT_PAIRS = tuple((chr(code), plain or "") for code, plain in _VARIANTS.items())
# What a list item's end may carry without it mattering for matching: "…services; and".
_TRAILING_PUNCTUATION = ";,.: "
_TRAILING_WORDS = (" and", " or")
_WORD = re.compile(r"\w+")
# Every ASCII character that is not a word character (\w), mapped to a space: an ASCII text
# translated by it and split on whitespace gives the words _WORD finds, a third faster.
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)
# Runs of the characters str.isalnum() accepts: \w is exactly those and "_".
_ALNUM_RUNS = re.compile(r"[^\W_]+")


def unify_variants(text: str) -> str:
    """Replace typographic variants (no-break spaces, non-breaking hyphens, dashes, curly
    quotes) by their plain forms and drop invisible characters. Case and spacing are kept."""
    if text.isascii():  # a constant-time test: the tab is the only ASCII variant
        return text.replace("\t", " ")
    for variant, plain in _VARIANT_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def normalize_for_matching(text: str) -> str:
    """The form two clauses are matched on.

    >>> normalize_for_matching("Resolution\\u00a0196 (Busan, 2014) of the ITU\\u2011T;  and")
    'resolution 196 (busan, 2014) of the itu-t'
    """
    # Spaces folded: str.split() and re's \s agree on what whitespace is, and this is faster
    # than re.sub(r"\s+", " ", …).strip().
    folded = " ".join(unify_variants(text).casefold().split())
    # A loop, not a regular expression anchored at the end: that would be tried at every
    # position of a long text.
    while True:
        stripped = folded.rstrip(_TRAILING_PUNCTUATION)
        if not stripped.endswith(_TRAILING_WORDS):  # most texts: one pass is enough
            return stripped
        for word in _TRAILING_WORDS:
            if stripped.endswith(word):
                stripped = stripped[: -len(word)]
        if stripped == folded:
            return folded
        folded = stripped


def match_tokens(text: str) -> list[str]:
    """The words of the matching form, in order: what similarity between clauses counts."""
    return split_match_words(normalize_for_matching(text))


def split_match_words(normalized: str) -> list[str]:
    """The words of a text already in its matching form (see match_tokens)."""
    if normalized.isascii():  # most texts once normalised
        return normalized.translate(_ASCII_NON_WORD).split()
    return _WORD.findall(normalized)


def editorial_key(text: str) -> str:
    """The form two texts share when they differ only editorially.

    Case, spacing, punctuation and hyphen/quote/no-break variants disappear. A run of non-word
    characters between two digits leaves a mark, so that "1.3" and "13", or "2, 11" and "211",
    stay different: those are different numbers, not punctuation.

    >>> editorial_key("ITU\\u2011T Groups 2, 11;") == editorial_key("ITU-T groups 2,11")
    True
    >>> editorial_key("1.3") == editorial_key("13")
    False
    """
    out: list[str] = []
    previous = ""
    for run in _ALNUM_RUNS.findall(unify_variants(text).casefold()):
        if previous[-1:].isdigit() and run[0].isdigit():
            out.append("|")
        out.append(run)
        previous = run
    return "".join(out)


def editorially_equal(old: str, new: str) -> bool:
    """True if the texts differ at most in case, spacing, punctuation or typographic variants."""
    return editorial_key(old) == editorial_key(new)


def normalize_label(label: str | None) -> str:
    """A label without its typographic dressing: "b)", "(b)" and "b." are the same label (for
    pairing clauses; whether a label changed is `written_label`'s question)."""
    return written_label(label).casefold().strip("().")


def written_label(label: str | None) -> str:
    """A label as a reader sees it, spaces and typographic variants aside: "b )" is "b)", but
    "(b)", "B)" and "b)" differ, so that a label rewritten so is reported, not hidden."""
    if label is None:
        return ""
    return "".join(unify_variants(label).split())  # every space removed


# --------------------------------------------------------------------------------------------
# Shared small text forms (one definition each: the loaders, the parse and the redline use them)

_ROMAN_PARTS = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def to_roman(number: int) -> str:
    """``14`` -> ``xiv`` (lower case; numbers below 1 give "")."""
    parts = []
    for value, letters in _ROMAN_PARTS:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")
# Only these need the substitution: without them every run of spaces is a single space already.
_NEEDS_SQUASH = re.compile(r"[\t\n\r\f\v]|  ").search


def squash_whitespace(text: str) -> str:
    """One line of text: line breaks and runs of spaces or tabs become one space, and the ends
    are trimmed (no-break spaces inside are kept: they are characters a reader sees)."""
    if _NEEDS_SQUASH(text) is None:
        return text.strip()
    return _SPACES.sub(" ", text).strip()
