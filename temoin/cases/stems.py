"""Crude word stems, so that «Бахмуте» finds «Бахмут» and "brigades" "brigade".

A light suffix stripper, not a real stemmer: it removes one common inflexion
ending (Russian, Ukrainian, French, English) when enough of the word stays.
The same function runs on the indexed text and on the query, so a rough
stem only has to be consistent, not linguistically right. Words with digits
(unit numbers, dates) are never touched.
"""

from __future__ import annotations

_CYRILLIC_ENDINGS = frozenset(
    [
        # adjectives and participles
        "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ый", "ий", "ой",
        "ая", "яя", "ое", "ее", "ую", "юю", "ым", "им",
        # nouns
        "ами", "ями", "ах", "ях", "ам", "ям", "ов", "ев", "ей", "ом", "ем",
        "ию", "ия", "ии", "ие", "ье", "ья", "ью",
        # Ukrainian
        "ів", "їв", "ою", "ею", "ві", "ій", "ії", "ія",
        # one letter
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "і", "ї", "й",
    ]
)  # fmt: skip
_LATIN_ENDINGS = frozenset(
    ["ements", "ement", "ations", "ation", "ings", "ing", "ies", "es", "ed", "s", "e"]
)
# Lengths to try, longest first, so that the longest matching ending goes.
_CYRILLIC_LENGTHS = sorted({len(e) for e in _CYRILLIC_ENDINGS}, reverse=True)
_LATIN_LENGTHS = sorted({len(e) for e in _LATIN_ENDINGS}, reverse=True)
MIN_STEM = 4


def stem(word: str) -> str:
    """Return a crude stem of a normalised (lower-case) word."""
    if any(char.isdigit() for char in word):
        return word
    if _is_cyrillic(word):
        endings, lengths = _CYRILLIC_ENDINGS, _CYRILLIC_LENGTHS
    else:
        endings, lengths = _LATIN_ENDINGS, _LATIN_LENGTHS
    # Two passes, so that stacked endings meet: «Иванова» and «Иванов» both
    # become «иван», «дезертиров» and «дезертиры» both «дезертир».
    for _ in range(2):
        word = _strip_one(word, endings, lengths)
    return word


def _strip_one(word: str, endings: frozenset[str], lengths: list[int]) -> str:
    for length in lengths:
        if len(word) - length >= MIN_STEM and word[-length:] in endings:
            return word[:-length]
    return word


def _is_cyrillic(word: str) -> bool:
    # The last letter decides: endings are all that this module looks at.
    return "\u0400" <= word[-1] <= "\u04ff"
