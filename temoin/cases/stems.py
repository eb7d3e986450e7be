"""Crude word stems, so that «Бахмуте» finds «Бахмут» and "brigades" "brigade".

A light suffix stripper, not a real stemmer: it removes one common inflexion
ending (Russian, Ukrainian, French, English) when enough of the word stays.
The same function runs on the indexed text and on the query, so a rough
stem only has to be consistent, not linguistically right. Words with digits
(unit numbers, dates) are never touched.
"""

from __future__ import annotations

# Longest first within each script, so the longest matching ending is removed.
_CYRILLIC_ENDINGS = sorted(
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
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_LATIN_ENDINGS = sorted(
    ["ements", "ement", "ations", "ation", "ings", "ing", "ies", "es", "ed", "s", "e"],
    key=len,
    reverse=True,
)
MIN_STEM = 4


def stem(word: str) -> str:
    """Return a crude stem of a normalised (lower-case) word."""
    if any(char.isdigit() for char in word):
        return word
    endings = _CYRILLIC_ENDINGS if _is_cyrillic(word) else _LATIN_ENDINGS
    # Two passes, so that stacked endings meet: «Иванова» and «Иванов» both
    # become «иван», «дезертиров» and «дезертиры» both «дезертир».
    for _ in range(2):
        word = _strip_one(word, endings)
    return word


def _strip_one(word: str, endings: list[str]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in word)
