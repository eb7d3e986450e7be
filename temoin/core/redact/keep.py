"""Public entities that must stay readable: places, public figures,
organisations. The default list ships in `data/keep.txt`; an installation
adds its own entries through the `keep` argument of the engine."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from temoin.core.redact.models import parse

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def lemmas(word: str) -> set[str]:
    """Lower-case dictionary forms of a word (itself for Latin script)."""
    low = word.lower()
    if not _CYRILLIC.search(low):
        return {low.removesuffix("'s").removesuffix("’s")}
    forms = {low}
    for lang in ("ru", "uk"):
        forms.update(p.normal_form for p in parse(lang, low)[:4])
    return forms


@dataclass(frozen=True)
class KeepList:
    """Words (in any case form) and phrases that are never redacted."""

    words: frozenset[str]
    phrases: tuple[re.Pattern[str], ...]
    # For each phrase, lower-case text every match contains: a phrase whose
    # text is absent is not searched for.
    phrase_keys: tuple[str, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> KeepList:
        """A keep-list from entries such as «Путин», «Idite Lessom»."""
        words: set[str] = set()
        phrases: list[re.Pattern[str]] = []
        keys: list[str] = []
        for entry in entries:
            entry = entry.strip()
            if not entry or entry.startswith("#"):
                continue
            tokens = _WORD.findall(entry)
            if len(tokens) == 1:
                words.add(tokens[0].lower())
                if _CYRILLIC.search(tokens[0]):
                    words.update(_main_lemmas(tokens[0]))
            elif tokens:
                phrases.append(_phrase_pattern(tokens))
                keys.append(_stem(tokens[0]).lower())
        return cls(frozenset(words), tuple(phrases), tuple(keys))

    def extended(self, extra: Iterable[str]) -> KeepList:
        """This list plus `extra` entries."""
        more = KeepList.from_entries(extra)
        return KeepList(
            self.words | more.words,
            self.phrases + more.phrases,
            self.phrase_keys + more.phrase_keys,
        )

    def keeps_word(self, word: str) -> bool:
        """Whether `word`, in whatever case form, is a keep entry."""
        return bool(lemmas(word) & self.words)

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        """Where multi-word keep entries occur in `text`."""
        if not self.phrases:
            return []
        low = text.lower()
        if len(self.phrase_keys) != len(self.phrases):  # built by hand
            return [m.span() for p in self.phrases for m in p.finditer(text)]
        return [
            m.span()
            for key, p in zip(self.phrase_keys, self.phrases, strict=True)
            if key in low
            for m in p.finditer(text)
        ]


def _main_lemmas(word: str) -> set[str]:
    # Only the likeliest reading of a keep entry: «Путин» must not also keep
    # every word whose rarer reading shares its lemma.
    low = word.lower()
    return {parse(lang, low)[0].normal_form for lang in ("ru", "uk")}


def _phrase_pattern(tokens: list[str]) -> re.Pattern[str]:
    # Cyrillic words are inflected (Министерству обороны): match the stem.
    parts = []
    for token in tokens:
        if _CYRILLIC.search(token) and len(token) > 4:
            parts.append(re.escape(_stem(token)) + r"\w*")
        else:
            parts.append(re.escape(token))
    return re.compile(
        r"(?<!\w)" + r"[\s«»\"“”„'’-]+".join(parts) + r"(?!\w)", re.IGNORECASE
    )


def _stem(token: str) -> str:
    """What every case form of a phrase's word starts with."""
    if _CYRILLIC.search(token) and len(token) > 4:
        return token[: len(token) - 2]
    return token


@functools.cache
def default_keep_list() -> KeepList:
    """The keep-list shipped with temoin (`data/keep.txt`)."""
    path = resources.files("temoin.core.redact").joinpath("data/keep.txt")
    return KeepList.from_entries(path.read_text(encoding="utf-8").splitlines())
