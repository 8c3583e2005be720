"""Symbol-font glyphs as Unicode: what a ``w:sym`` (or a private-use character in a Symbol or
Wingdings run or bullet) shows, for the loader, the redline writer and the PDF loader."""

from __future__ import annotations

# Symbol-font code points (the low byte of w:sym/@w:char, or of a U+F0xx private-use character)
# mapped to Unicode: the Adobe Symbol encoding for the glyphs that occur in ITU texts.
_SYMBOL_LOW = dict(
    zip(
        range(0x20, 0x7F),
        " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
        "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
        "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼",
        strict=True,
    )
)
_SYMBOL_HIGH = dict(
    zip(
        range(0xA1, 0xE6),
        "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑",
        strict=True,
    )
)
SYMBOL_FONT = {**_SYMBOL_LOW, **_SYMBOL_HIGH, 0xF1: "〉", 0xF2: "∫"}
WINGDINGS_FONT = {
    0x6C: "●",
    0x6E: "■",
    0x71: "❑",
    0x76: "❖",
    0x9F: "•",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xD8: "➢",
    0xE8: "➔",
    0xF0: "⇨",
    0xFB: "✗",
    0xFC: "✓",
}


def map_symbol(char: int, font: str | None) -> str | None:
    """The Unicode character a symbol-font glyph shows, or None when unknown.

    Word stores a symbol-font glyph as a private-use code point (U+F0xx, or its low byte) and
    the font name; only Symbol (the default when no font is named) and Wingdings are known.
    """
    low = char - 0xF000 if 0xF000 <= char <= 0xF0FF else char
    name = (font or "").lower()
    if "wingdings" in name:
        return WINGDINGS_FONT.get(low)
    if "symbol" in name or (not name and 0xF000 <= char <= 0xF0FF):
        return SYMBOL_FONT.get(low)
    if 0xE000 <= char <= 0xF8FF or not 0 < char < 0x110000 or 0xD800 <= char <= 0xDFFF:
        return None  # a private-use glyph of a font we do not know
    return chr(char)
