"""Find place names in text whatever their grammatical case.

Russian and Ukrainian decline place names («Бахмут», «в Бахмуте», «под
Бахмутом»). Each word is reduced to a *key*: lower case, ё→е, ї→і, and the
longest inflectional ending removed. Names and text go through the same
reduction, so «Авдеевка» and «Авдеевкой» meet at «авдеевк». Where the stem
itself changes (Ukrainian «Харків» / «у Харкові», «Каховка» / «у Каховці»),
the dictionary forms given by pymorphy3 (Russian and Ukrainian dictionaries)
are tried as well.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from temoin.core.gazetteer import Place, PlaceMatch

_WORD = re.compile(r"[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_FOLD = str.maketrans({"ё": "е", "ї": "і", "’": "'", "ʼ": "'"})
_CYRILLIC = re.compile(r"[а-яіїєґё]", re.IGNORECASE)
MAX_WORDS = 4
MIN_STEM = 3

# Inflectional endings of Russian and Ukrainian nouns and adjectives, longest
# first. «ов»/«ев» are left out: they end too many names in the nominative.
_ENDINGS = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ими",
        "ыми",
        "ой",
        "ей",
        "ий",
        "ый",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ую",
        "юю",
        "ых",
        "их",
        "ым",
        "им",
        "ом",
        "ем",
        "ах",
        "ях",
        "ам",
        "ям",
        "ию",
        "ия",
        "ии",
        "ией",
        "ье",
        "ья",
        "ью",
        "ьи",
        "ьем",
        "ьям",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "и",
        "ы",
        "о",
        "ь",
        "й",
        "ою",
        "ею",
        "ої",
        "ій",
        "ів",
        "ові",
        "еві",
        "єві",
        "і",
        "є",
        "ія",
        "ії",
        "ією",
        "ою",
        "ям",
        "ями",
    ],
    key=len,
    reverse=True,
)
# Ukrainian closed-syllable «і» alternates with «о»/«е» in other cases:
# Харків / Харкова, Львів / Львові. The last «і» before final consonants
# is also indexed as each of these.
_UK_ALTERNATION = re.compile(r"і([^аеиоуяюєіыэ]+)$")

# Place names that are also everyday words: found only mid-sentence, where
# their capital letter says they are names.
_COMMON_WORDS = {"мирн", "побед", "свобод", "счасть", "щаст", "дружб", "слав", "заря"}


def stem(word: str) -> str:
    """The key of one word: folded, its inflectional ending removed."""
    parts = word.casefold().translate(_FOLD).split("-")
    return "-".join(_stem_part(part) for part in parts)


def _stem_part(part: str) -> str:
    for ending in _ENDINGS:
        if part.endswith(ending) and len(part) - len(ending) >= MIN_STEM:
            return part[: -len(ending)]
    return part


def _variants(key: str) -> set[str]:
    found = {key}
    match = _UK_ALTERNATION.search(key)
    if match:
        for vowel in "ое":
            found.add(key[: match.start()] + vowel + match.group(1))
    return found


@lru_cache(maxsize=2)
def _analyser(language: str) -> Any:
    try:
        import pymorphy3
    except ImportError:  # the stem matcher alone still handles most cases
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=language)
    except (ValueError, OSError, KeyError):
        return None


def _lemmas(word: str) -> set[str]:
    forms: set[str] = set()
    if not _CYRILLIC.search(word):
        return forms
    for language in ("ru", "uk"):
        analyser = _analyser(language)
        if analyser is not None:
            forms.update(parse.normal_form for parse in analyser.parse(word)[:4])
    return forms


def word_keys(word: str) -> set[str]:
    """Every key under which a word of a text is looked up."""
    keys = {stem(word)}
    if len(word) >= MIN_STEM:
        keys.update(stem(lemma) for lemma in _lemmas(word))
    return keys


class NameIndex:
    """Place names keyed by the tuple of their words' keys."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._names: dict[tuple[str, ...], list[Place]] = defaultdict(list)
        for place in places:
            for name in {place.ru, place.uk, place.en, *place.names}:
                for key in self._name_keys(name):
                    if place not in self._names[key]:
                        self._names[key].append(place)
        for candidates in self._names.values():
            candidates.sort(key=lambda p: (p.is_region, -p.population))
        self._first_words = {key[0] for key in self._names}

    @staticmethod
    def _name_keys(name: str) -> Iterator[tuple[str, ...]]:
        words = _WORD.findall(name)
        if not words or len(words) > MAX_WORDS:
            return
        keys = [stem(word) for word in words]
        if len("".join(keys)) < MIN_STEM:
            return
        for last in _variants(keys[-1]):
            yield (*keys[:-1], last)

    def find(self, text: str) -> list[PlaceMatch]:
        from temoin.core.gazetteer import PlaceMatch

        words = list(_WORD.finditer(text))
        keys = [
            word_keys(word.group()) if _capitalised(word.group()) else None
            for word in words
        ]
        found: list[PlaceMatch] = []
        index = 0
        while index < len(words):
            first = keys[index]
            match = None
            if first is not None and first & self._first_words:
                match = self._longest_at(words, keys, index)
            if match is None or _common_at_sentence_start(text, words[index]):
                index += 1
                continue
            length, places = match
            start, end = words[index].start(), words[index + length - 1].end()
            found.append(PlaceMatch(start, end, text[start:end], tuple(places)))
            index += length
        return found

    def _longest_at(
        self, words: list[re.Match[str]], keys: list[set[str] | None], index: int
    ) -> tuple[int, list[Place]] | None:
        for length in range(min(MAX_WORDS, len(words) - index), 0, -1):
            span = words[index : index + length]
            candidates = [keys[index] or set()]
            for word in span[1:]:
                candidates.append(word_keys(word.group()))
            for key in _product(candidates):
                if key in self._names:
                    return length, self._names[key]
        return None


def _product(options: list[set[str]]) -> Iterator[tuple[str, ...]]:
    if not options:
        yield ()
        return
    for head in options[0]:
        for tail in _product(options[1:]):
            yield (head, *tail)


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def _common_at_sentence_start(text: str, word: re.Match[str]) -> bool:
    if stem(word.group()) not in _COMMON_WORDS:
        return False
    before = text[: word.start()].rstrip(' \t«"(')
    return not before or before[-1] in ".!?\n"
