"""Words of a testimony as the name finder sees them: script, language,
capital letter, position in the sentence, and the evidence gathered on each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from temoin.core.redact import lexicon

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_UK_ONLY = re.compile(r"[іїєґ]", re.IGNORECASE)
_RU_ONLY = re.compile(r"[ыэъё]", re.IGNORECASE)
_ELIDED_CAPITAL = re.compile(r"[dl]['’][A-ZÀ-Ý]")  # d'Harcourt, l'OFPRA


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    cyrillic: bool
    capital: bool
    initial: bool
    lang: str
    name: float = 0.0
    place: float = 0.0
    ner_person: bool = False
    ner_other: bool = False
    person: bool = False


def tokenize(text: str, lang: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        cyrillic = bool(CYRILLIC.search(word))
        if cyrillic:
            if _UK_ONLY.search(word):
                tok_lang = "uk"
            elif _RU_ONLY.search(word):
                tok_lang = "ru"
            else:
                tok_lang = lang if lang in ("ru", "uk") else "ru"
        else:
            tok_lang = lang if lang in ("fr", "en") else "en"
        before = text[max(0, start - 3) : start].rstrip(' \t«"“„(')
        initial = not before or before[-1] in ".!?\n:;…—–-]"
        if tokens and before.endswith(".") and tokens[-1].end >= start - 3:
            # «M. Gonzague», «Ф. Р. Гарипов»: a title or an initial, not a full stop.
            prev = tokens[-1].text.lower()
            initial = not (len(prev) == 1 or prev in lexicon.TITLE_ABBREVIATIONS)
        tokens.append(
            Token(
                start=start,
                end=end,
                text=word,
                low=word.lower().replace("’", "'"),
                cyrillic=cyrillic,
                capital=is_capitalised(word),
                initial=initial,
                lang=tok_lang,
            )
        )
    return tokens


def is_capitalised(word: str) -> bool:
    if word[0].isupper():
        return len(word) == 1 or not word.isupper()  # ЧВК, OFPRA: acronyms
    return word[0] in "dl" and _ELIDED_CAPITAL.match(word) is not None


def is_lower_style(tokens: list[Token]) -> bool:
    """Messenger style: sentences and names start with a small letter."""
    starts = [t for t in tokens if t.initial]
    if not starts:
        return False
    lower = sum(t.text[0].islower() for t in starts)
    return lower / len(starts) >= 0.5
