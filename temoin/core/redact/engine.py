"""The redaction engine: find identifying details in a testimony and
replace them.

    >>> find_spans("Позвоните мне: +7 921 552 88 50")
    [Span(start=15, end=31, label=<Label.CONTACT: 'CONTACT'>)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from temoin.core.redact.addresses import find_addresses
from temoin.core.redact.contacts import find_contacts
from temoin.core.redact.dates import find_birth_dates
from temoin.core.redact.ids import find_ids
from temoin.core.redact.keep import KeepList, default_keep_list, lemmas
from temoin.core.redact.language import LANGUAGES, detect_language
from temoin.core.redact.military import find_military_units
from temoin.core.redact.persons import find_persons
from temoin.core.redact.phones import find_phones
from temoin.core.redact.pseudonyms import replace_spans
from temoin.core.redact.spans import Span, resolve_overlaps
from temoin.core.redact.vehicles import find_vehicles

MODES = ("pseudonym", "mask")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class RedactionResult:
    """A redacted text, what was redacted in the original, and its language."""

    text: str
    spans: list[Span]
    lang: str


def _keep_list(keep: Iterable[str] | KeepList | None) -> KeepList:
    if keep is None:
        return default_keep_list()
    if isinstance(keep, KeepList):
        return keep
    return default_keep_list().extended(keep)


def find_spans(
    text: str, lang: str | None = None, keep: Iterable[str] | KeepList | None = None
) -> list[Span]:
    """Spans of `text` to redact, sorted and not overlapping.

    `lang` is "ru", "uk", "fr" or "en", guessed when None. `keep` adds
    entries (places, public figures, organisations) to the default keep-list.
    """
    if lang is None:
        lang = detect_language(text)
    elif lang not in LANGUAGES:
        raise ValueError(
            f"unsupported language: {lang!r} (use one of {', '.join(LANGUAGES)})"
        )
    keep_list = _keep_list(keep)
    spans: list[Span] = []
    for detector in (
        find_contacts,
        find_phones,
        find_ids,
        find_military_units,
        find_addresses,
        find_birth_dates,
        find_vehicles,
    ):
        spans.extend(detector(text))
    spans.extend(find_persons(text, lang, keep_list))
    return [s for s in resolve_overlaps(_trimmed(text, spans)) if s.end > s.start]


def _trimmed(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for s in spans:
        start, end = s.start, s.end
        while start < end and not text[start].isalnum() and text[start] not in "+@(":
            start += 1
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ")":
            end -= 1
        if end > start:
            out.append(Span(start, end, s.label))
    return out


def _person_key(piece: str) -> frozenset[str]:
    keys: set[str] = set()
    for word in _WORD.findall(piece):
        if len(word) > 2:
            keys |= lemmas(word)
            low = word.lower()
            if low.endswith(("ova", "eva", "ina", "yna")):
                keys.add(low[:-1])
    return frozenset(keys)


def redact(
    text: str,
    lang: str | None = None,
    mode: str = "pseudonym",
    keep: Iterable[str] | KeepList | None = None,
) -> RedactionResult:
    """Redact `text`: pseudonyms («[ИМЯ 1]») or bare labels (mode="mask")."""
    if mode not in MODES:
        raise ValueError(f"unknown redaction mode: {mode!r} (use pseudonym or mask)")
    if lang is None:
        lang = detect_language(text)
    spans = find_spans(text, lang, keep)
    redacted = replace_spans(text, spans, lang, mode, person_key=_person_key)
    return RedactionResult(text=redacted, spans=spans, lang=lang)
