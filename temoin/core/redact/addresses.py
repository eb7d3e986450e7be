"""Street-level addresses: «г. Курск, ул. Ленина, д. 5, кв. 12»,
«12 rue des Lilas, 14000 Caen», «Sayat-Nova Ave 24, apt 15»."""

from __future__ import annotations

import re

from temoin.core.redact.spans import Label, Span

_CAP = r"[A-ZА-ЯЁІЇЄҐ]"
_NAME_WORD = rf"(?:{_CAP}[\w'’-]*|\d+-?[а-яa-z]{{0,3}})"
# «г. Тула, », «с. Велика Димерка, », «м. Мукачево, »
_SETTLEMENT = (
    rf"(?:(?:г|гор|м|с|село|пгт|смт|п|пос|д|дер|станица|ст-ца)\.?\s+"
    rf"{_CAP}[\w'’-]+(?:\s+{_CAP}[\w'’-]+)?,\s*)"
)
_STREET_RU = (
    r"(?:ул|улица|вул|вулиця|пр|пр-т|просп|проспект|пер|переулок|пров|провулок|"
    r"пл|площадь|площа|б-р|бул|бульвар|ш|шоссе|наб|набережная|набережна|"
    r"мкр|мкрн|мікрорайон|микрорайон|проезд|проїзд|тупик|линия|лінія)"
)
_HOUSE_RU = (
    r"(?:,?\s*(?:д|дом|буд|будинок)\.?)?\s*,?\s*\d+\s?[а-яa-z]?(?:/\d+)?"
    r"(?:,?\s*(?:корп|к|стр|строение|корпус)\.?\s*\d+)?"
    r"(?:,?\s*(?:кв|квартира|к-ра|оф|офис)\.?\s*\d+)?"
)
_RU = re.compile(
    rf"(?<!\w){_SETTLEMENT}?{_STREET_RU}\.?\s+(?:{_NAME_WORD}\s+){{0,3}}?{_NAME_WORD}"
    rf"{_HOUSE_RU}",
)
# Transliterated: «ul. Lenina 5-12», «Prospekt Stroiteley 12, kv 88, Penza».
_STREET_LAT = (
    r"(?i:ul|ulitsa|ulica|vul|vulytsia|vulitsa|prospekt|prosp|pr-t|pereulok|per|"
    r"provulok|bulvar|shosse|naberezhnaya|street|st|avenue|ave|av|road|rd|"
    r"lane|ln|boulevard|blvd|drive|dr|square|sq|place|pl|way|court|ct|"
    r"terrace|highway|hwy|kv|apt|flat)"
)
_EN_TAIL = (
    r"(?:,?\s*(?i:apt|apartment|flat|kv|unit|suite|#)\.?\s*\d+[a-z]?)?"
    r"(?:,\s*(?:\d{4,6}\s+)?[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?(?![\w-]))?"
)
_EN = re.compile(
    # «12 Baker Street», «Sayat-Nova Ave 24», «Prospekt Stroiteley 12»
    rf"(?<![\w-])(?:\d+[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}{_STREET_LAT}\.?"
    rf"|(?:{_STREET_LAT}\.?\s+(?:[A-Z][\w'-]*\s+){{1,3}}|(?:[A-Z][\w'-]*\s+){{1,3}}"
    rf"{_STREET_LAT}\.?\s+)\d+[a-z]?(?:[/-]\d+)?)"
    rf"{_EN_TAIL}",
)
_FR = re.compile(
    r"(?<![\w-])\d{1,4}(?:\s?(?:bis|ter))?,?\s+"
    r"(?i:rue|avenue|av\.|boulevard|bd|place|impasse|allée|chemin|route|quai|"
    r"cours|square|passage|résidence|rés\.|cité|sentier|voie|rond-point|"
    r"faubourg|lotissement|hameau|parvis|esplanade)\s+"
    r"(?:(?:de\s+la|de\s+l'|du|des|de|d'|l'|la|le|les|aux|au)\s*|"
    r"[A-ZÉÈÀ][\w'’-]*\s*){1,6}?"
    r"(?:[A-ZÉÈÀ][\w'’-]*)"
    r"(?:,?\s*(?:\d{5}\s+)?[A-ZÉÈÀ][\w'’-]*(?:[\s-][A-ZÉÈÀ][\w'’-]*)*)?"
    r"(?:,\s*(?:\d{5}\s+)?[A-ZÉÈÀ][\w'’-]*(?:[\s-][A-ZÉÈÀ][\w'’-]*)*)?"
)


def find_addresses(text: str) -> list[Span]:
    """Addresses that name a street (a city named alone is not an address)."""
    spans: list[Span] = []
    for pattern in (_RU, _EN, _FR):
        for m in pattern.finditer(text):
            spans.append(Span(m.start(), m.end(), Label.ADDRESS))
    return spans
