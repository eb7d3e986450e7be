"""Licence plates: Russian, Ukrainian and French formats."""

from __future__ import annotations

import re

from temoin.core.redact.spans import Label, Span

# Plates use only the Cyrillic letters that look like Latin ones; witnesses
# type them in either script.
_PLATE_LETTER = "[АВЕКМНОРСТУХABEKMHOPCTYXІI]"
_PATTERNS = [
    # Russia: Х 515 ОР 750
    re.compile(
        rf"(?<![\w-]){_PLATE_LETTER}\s?\d{{3}}\s?{_PLATE_LETTER}{{2}}\s?\d{{2,3}}(?![\w-])"
    ),
    # Ukraine: АІ 7702 КН
    re.compile(
        rf"(?<![\w-]){_PLATE_LETTER}{{2}}\s?\d{{4}}\s?{_PLATE_LETTER}{{2}}(?![\w-])"
    ),
    # France: AB-123-CD
    re.compile(r"(?<![\w-])[A-Z]{2}[\s-]\d{3}[\s-][A-Z]{2}(?![\w-])"),
]


def find_vehicles(text: str) -> list[Span]:
    """Licence plates."""
    return [
        Span(m.start(), m.end(), Label.VEHICLE)
        for pattern in _PATTERNS
        for m in pattern.finditer(text)
    ]
