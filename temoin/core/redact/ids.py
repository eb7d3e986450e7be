"""Identity numbers: passports, military ID books, personal numbers, tax and
insurance numbers, bank cards, asylum and residence file numbers."""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.ru import inn as ru_inn
from stdnum.ua import rntrc as ua_rntrc

from temoin.core.redact.spans import Label, Span

# Series letters of Russian documents, and the Latin letters a witness types
# for them on a foreign keyboard.
_SERIES = r"[А-ЯЁІЇЄA-Z]{2}"
_PATTERNS = [
    # Military ID book («военный билет»): two series letters and 7 digits.
    re.compile(rf"(?<![\w-]){_SERIES}\s?(?:№\s?)?\d{{7}}(?!\d)"),
    # Personal token number («личный номер»): a letter, a dash, 6 digits.
    re.compile(r"(?<![\w-])[А-ЯЁA-Z]-\d{6}(?!\d)"),
    # Internal passport: series of 4 digits (often split 2+2), number of 6.
    re.compile(r"(?<![\d\w])\d{2}\s?\d{2}\s?(?:№\s?)?\d{6}(?![\d-])"),
    # Foreign passport: 2 + 7 digits.
    re.compile(r"(?<![\d\w])\d{2}\s?№?\s?\d{7}(?![\d-])"),
    # SNILS: 123-456-789 01.
    re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[\s-]\d{2}(?!\d)"),
]
_CARD = re.compile(r"(?<!\d)(?:\d{4}[\s-]?){3}\d{4}(?!\d)")
_TAX = re.compile(r"(?<!\d)(?:\d{10}|\d{12})(?!\d)")
# A number that follows a document word is a document number whatever its
# shape: residence permits, asylum files, receipts.
_DOC_WORD = re.compile(
    r"(?<!\w)(?:паспорт|загранпаспорт|військов\w*\s+квит\w*|военн\w*\s+билет\w*|"
    r"военник\w*|вийськов\w*|посвідч\w*|удостоверени\w*|личн\w+\s+номер\w*|"
    r"особист\w+\s+номер\w*|жетон\w*|инн|снилс|рнокпп|іпн|ипн|"
    r"passport|passeport|récépissé|recepisse|titre de séjour|carte de séjour|"
    r"dossier|file number|case number|residence permit|permis|"
    r"military id|id card|livret militaire|carte|card|картк\w*|карт\w*|"
    r"номер документа|document)",
    re.IGNORECASE,
)
_AFTER_WORD = re.compile(
    r"[^\n.]{0,30}?((?:[nN]°|№|[nN][oO]\.?|#)?\s?(?<!\w)[A-ZА-ЯЁІЇЄ]{0,3}[\s-]?"
    r"\d[\d\s-]{4,18}\d)"
)


def _valid_tax_number(digits: str) -> bool:
    return bool(ru_inn.is_valid(digits) or ua_rntrc.is_valid(digits))


def find_ids(text: str) -> list[Span]:
    """Document numbers by shape, by checksum, or by the word before them."""
    spans: list[Span] = []
    for pattern in _PATTERNS:
        spans.extend(
            Span(m.start(), m.end(), Label.ID_NUMBER) for m in pattern.finditer(text)
        )
    for m in _CARD.finditer(text):
        if luhn.is_valid(re.sub(r"\D", "", m.group())):
            spans.append(Span(m.start(), m.end(), Label.ID_NUMBER))
    for m in _TAX.finditer(text):
        if _valid_tax_number(m.group()):
            spans.append(Span(m.start(), m.end(), Label.ID_NUMBER))
    for word in _DOC_WORD.finditer(text):
        after = _AFTER_WORD.match(text, word.end())
        if after and sum(c.isdigit() for c in after.group(1)) >= 6:
            number = after.group(1).rstrip(" -")
            lead = len(after.group(1)) - len(after.group(1).lstrip())
            start = after.start(1) + lead
            spans.append(Span(start, after.start(1) + len(number), Label.ID_NUMBER))
    return spans
