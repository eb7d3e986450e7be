"""Cyrillic to Latin transliteration in the ways witnesses and their
helpers write Russian and Ukrainian names: English (passport/BGN style),
French («Tchoumakov», «Ovtchinnikov») and the Ukrainian national system."""

from __future__ import annotations

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "'": "", "’": "",
}  # fmt: skip
_ENGLISH_IOTATED = {"ья": "ya", "ье": "ye", "ьи": "yi", "ью": "yu", "ьё": "yo"}
_FRENCH = {
    "ж": "j", "й": "ï", "у": "ou", "ч": "tch", "ш": "ch", "щ": "chtch",
    "ю": "iou", "я": "ia", "ё": "io", "ы": "y", "х": "kh", "ц": "ts",
}  # fmt: skip
_UKRAINIAN = {"г": "h", "и": "y", "і": "i", "й": "i", "ю": "iu", "я": "ia", "є": "ie"}
_ENDINGS = {"ий": ("iy", "y", "ii", "i", "iy"), "ый": ("y", "yi", "iy")}
_VOWELS = set("аеёиоуыэюяіїє")


def _apply(word: str, table: dict[str, str], french: bool) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        latin = table.get(ch, _COMMON.get(ch, ch))
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if french and ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            latin = "ss"  # «Vassilissa»: a single s between vowels sounds [z]
        if french and ch == "е" and i == len(word) - 1:
            latin = "e"
        out.append(latin)
    return "".join(out)


def latin_variants(word: str) -> set[str]:
    """Common Latin spellings of a Cyrillic name (lower case)."""
    word = word.lower()
    variants = {
        _apply(word, {}, french=False),
        _apply(word, _FRENCH, french=True),
        _apply(word, _UKRAINIAN, french=False),
    }
    english = word
    for cyr, lat in _ENGLISH_IOTATED.items():
        english = english.replace(cyr, lat)
    variants.add(_apply(english, {}, french=False))
    variants.add(_apply(english, {"я": "ia", "ю": "iu"}, french=False))
    if word.startswith("е"):
        variants.update("ye" + v[1:] for v in list(variants) if v.startswith("e"))
    for ending, latin_endings in _ENDINGS.items():
        if word.endswith(ending):
            stem = _apply(word[: -len(ending)], {}, french=False)
            variants.update(stem + e for e in latin_endings)
    return {v for v in variants if v.isascii() or any(c in v for c in "ïé")}
