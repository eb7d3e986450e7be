"""Dates of birth: a date (or a year) that a birth word points at.

Other dates stay: «24 февраля 2022» dates an event, not a person.
"""

from __future__ import annotations

import re

from temoin.core.redact.spans import Label, Span

_MONTHS = (
    r"(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|"
    r"августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|"
    r"січ(?:ня|ень)|лют(?:ого|ий)|берез(?:ня|ень)|квіт(?:ня|ень)|трав(?:ня|ень)|"
    r"черв(?:ня|ень)|лип(?:ня|ень)|серп(?:ня|ень)|верес(?:ня|ень)|"
    r"жовт(?:ня|ень)|листопада?|груд(?:ня|ень)|"
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    r"octobre|novembre|décembre|decembre|"
    r"january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
_ORDINAL_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|twenty-\w+|thirtieth|thirty-first|"
    r"premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt(?:-\w+|\s+et\s+un)?|"
    r"trente(?:\s+et\s+un)?)"
)
_YEAR_WORDS = (
    r"(?:(?:deux\s+mille|mille\s+neuf\s+cent|two\s+thousand|nineteen)"
    r"(?:[\s-](?:et\s+)?[a-zéè-]+){0,3})"
)
_YEAR = rf"(?:(?:19|20)\d\d|{_YEAR_WORDS})"
_YEAR_SUFFIX = r"(?:\s?(?:года|год|г\.|г|року|рік|р\.|р|year))?"


def _date(year_suffix: str) -> str:
    return (
        r"(?:"
        r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d"
        r"|(?:19|20)\d\d-\d\d-\d\d"
        rf"|(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th|er|-?го|-?е)?|{_ORDINAL_WORDS})"
        rf"(?:\s+of)?\s+{_MONTHS},?\s+{_YEAR}{year_suffix}"
        rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
        rf"|{_YEAR}{year_suffix}"
        r")"
    )


_DATE = _date(_YEAR_SUFFIX)
_BIRTH_BEFORE = (
    r"(?:родил\w*|рожд\w*|д\.\s?р\.|др|народ\w*|нар\.|né|née|nés|naissance|"
    r"born|birth|dob|d\.o\.b\.?|date of birth|birthday|b\.)"
)
# What follows a date or year to say it is a birth: «1996 г.р.», «15.01.1979
# р. н.», «2000 года рождения».
_BIRTH_AFTER = re.compile(
    r"\s*(?:(?:года|год|г\.?|року|рік|р\.?)\s*)?(?:рождения|рожд\.|народження)"
    r"|\s*(?:г\.?\s?р\.?|р\.?\s?н\.?|р\.\s?нар\.?)(?!\w)",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    rf"(?<!\w){_BIRTH_BEFORE}(?!\w)[^\n.!]{{0,40}}?(?<!\w)({_DATE})(?!\w)",
    re.IGNORECASE,
)
_ANY_DATE = re.compile(rf"(?<![\w.]){_date('')}", re.IGNORECASE)


def find_birth_dates(text: str) -> list[Span]:
    """Birth dates and years, when a birth word comes before or after them."""
    spans: list[Span] = []
    for m in _BEFORE.finditer(text):
        spans.append(Span(m.start(1), m.end(1), Label.DATE_OF_BIRTH))
    for m in _ANY_DATE.finditer(text):
        after = _BIRTH_AFTER.match(text, m.end())
        if after is None:
            continue
        # «2000 года рождения» is one span; «15.01.1979 р. н.» is the date alone.
        words = after.group().lower()
        bare_year = m.group().isdigit()
        end = (
            after.end()
            if bare_year or "рожд" in words or "народж" in words
            else m.end()
        )
        spans.append(Span(m.start(), end, Label.DATE_OF_BIRTH))
    return spans
