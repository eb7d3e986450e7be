"""Phone numbers in any layout: international, national, split by spaces,
dots or dashes, one digit at a time, or written out in words."""

from __future__ import annotations

import re

import phonenumbers

from temoin.core.redact.numwords import find_number_word_runs
from temoin.core.redact.spans import Label, Span

# The countries witnesses and their families call from and flee to; a
# national number ("8 (916) …", "06 …") is only read against these.
REGIONS = ("RU", "UA", "FR", "BY", "KZ", "GE", "AM", "KG", "UZ", "TR", "RS", "DE")

_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+|00)?\s?\(?\d[\d\s().\-–]{6,22}\d(?![\w])",
)
_PHONE_WORDS = re.compile(
    r"(?:тел|phone|téléphone|telefon|номер|mobile|portable|whatsapp|signal|"
    r"viber|telegram|звон|дзвон|call|appel|joignable|reachable|контакт|"
    r"зв'яз|связ|contact|sms)",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_phone_number(candidate: str) -> bool:
    """Whether `candidate` (digits with any punctuation) reads as a phone number."""
    digits = _digits(candidate)
    if not 9 <= len(digits) <= 15:
        return False
    stripped = candidate.strip()
    if stripped.startswith(("+", "00")):
        try:
            number = phonenumbers.parse("+" + digits.removeprefix("00"), None)
        except phonenumbers.NumberParseException:
            return False
        return bool(phonenumbers.is_possible_number(number))
    for region in REGIONS:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True
    return False


def _looks_dictated(candidate: str) -> bool:
    # "0 9 7 5 5 1 2 0 3 8 4": digits typed one by one are a phone number far
    # more often than anything else, even when a digit is missing.
    groups = candidate.split()
    return len(groups) >= 7 and sum(len(g) == 1 for g in groups) >= 6


def find_phones(text: str) -> list[Span]:
    """Phone numbers: checked against numbering plans, or dictated digit by
    digit, or spelled out near a word such as «телефон» / «phone»."""
    spans: list[Span] = []
    for m in _CANDIDATE.finditer(text):
        candidate = m.group()
        # Trailing punctuation of the sentence is not part of the number.
        end = m.end()
        start = m.start() + (len(candidate) - len(candidate.lstrip()))
        if is_phone_number(candidate) or _looks_dictated(candidate):
            spans.append(Span(start, end, Label.CONTACT))
    for start, end in find_number_word_runs(text, min_words=5):
        before = text[max(0, start - 60) : start]
        words = len(text[start:end].split())
        if words >= 7 or _PHONE_WORDS.search(before):
            spans.append(Span(start, end, Label.CONTACT))
    return spans
