"""Guess the language of a testimony: ru, uk, fr or en.

Only four languages are in scope and they split cleanly by script and a few
letters, so counting is enough; a statistical identifier trained on a
hundred languages would be slower and no more right on messenger-style text
written without punctuation or capitals.
"""

from __future__ import annotations

import re

LANGUAGES = ("ru", "uk", "fr", "en")

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_LATIN = re.compile(r"[a-zàâçéèêëîïôûùüÿœæ]", re.IGNORECASE)
# Letters that exist in one of the two Cyrillic alphabets only.
_UK_LETTERS = re.compile(r"[іїєґ]", re.IGNORECASE)
_RU_LETTERS = re.compile(r"[ыэъё]", re.IGNORECASE)
_FR_LETTERS = re.compile(r"[àâçéèêëîôûùœ]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

_UK_WORDS = frozenset(
    [
        "що",
        "це",
        "як",
        "але",
        "або",
        "та",
        "його",
        "її",
        "мене",
        "мені",
        "ви",
        "ми",
        "вони",
        "він",
        "вона",
        "також",
        "тому",
        "щоб",
        "коли",
        "був",
        "була",
        "були",
        "є",
        "немає",
        "дуже",
        "зараз",
        "вже",
        "ще",
        "цей",
        "ця",
        "після",
        "через",
        "привіт",
        "дякую",
    ]
)
_RU_WORDS = frozenset(
    [
        "что",
        "это",
        "как",
        "но",
        "или",
        "его",
        "её",
        "меня",
        "мне",
        "вы",
        "мы",
        "они",
        "он",
        "она",
        "также",
        "потому",
        "чтобы",
        "когда",
        "был",
        "была",
        "были",
        "есть",
        "нет",
        "очень",
        "сейчас",
        "уже",
        "ещё",
        "этот",
        "эта",
        "после",
        "через",
        "привет",
        "спасибо",
    ]
)
_FR_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "est",
        "il",
        "elle",
        "je",
        "nous",
        "vous",
        "ils",
        "sont",
        "pour",
        "dans",
        "sur",
        "avec",
        "pas",
        "que",
        "qui",
        "au",
        "aux",
        "ce",
        "cette",
        "mais",
        "ou",
        "donc",
        "chez",
        "son",
        "sa",
        "ses",
        "mon",
        "ma",
        "mes",
        "été",
        "avoir",
        "être",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "is",
        "are",
        "was",
        "were",
        "he",
        "she",
        "i",
        "we",
        "you",
        "they",
        "for",
        "in",
        "on",
        "with",
        "not",
        "that",
        "who",
        "to",
        "of",
        "at",
        "this",
        "but",
        "or",
        "so",
        "his",
        "her",
        "my",
        "me",
        "have",
        "has",
        "be",
        "been",
        "from",
        "its",
        "im",
        "dont",
    ]
)


def detect_language(text: str) -> str:
    """The most likely of ru, uk, fr and en for `text` (ru when unsure).

    Mixed text (a French note quoting a Russian document number) gets the
    language of most of its letters.
    """
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    words = [w.lower() for w in _WORD.findall(text)]
    if cyrillic >= latin:
        uk = 3 * len(_UK_LETTERS.findall(text)) + sum(w in _UK_WORDS for w in words)
        ru = 3 * len(_RU_LETTERS.findall(text)) + sum(w in _RU_WORDS for w in words)
        return "uk" if uk > ru else "ru"
    fr = 2 * len(_FR_LETTERS.findall(text)) + sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "fr" if fr > en else "en"
