"""Dates and periods in ru/uk/fr/en: «15 марта 2022», «15.03.2022», «у березні
2023», «du 3 au 12 mars 2023», «from March to May 2022».

Spans are found with a table of month names in every grammatical case; each
span is parsed by ``dateparser`` (offline: only its absolute-date parser, no
language detection, nothing fetched), with the table as a fallback for the
forms dateparser does not know (Russian and Ukrainian locatives: «в марте»,
«у березні»).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from temoin.core.claims.model import Claim, ClaimKind

_MONTHS: dict[int, str] = {
    1: r"январ[ьяеюё]\w*|січ(?:ень|ня|ні|нем)|janvier|janv\.?|january|jan\.?",
    2: r"феврал[ьяеюё]\w*|лют(?:ий|ого|ому|ім)|f[ée]vrier|f[ée]vr\.?|february|feb\.?",
    3: r"март(?:а|е|ом)?|берез(?:ень|ня|ні|нем)|mars|march|mar\.?",
    4: r"апрел[ьяеюё]\w*|квіт(?:ень|ня|ні|нем)|avril|april|apr\.?",
    5: r"ма(?:й|я|е|ем)|трав(?:ень|ня|ні|нем)|mai|may",
    6: r"июн[ьяеюё]\w*|черв(?:ень|ня|ні|нем)|juin|june|jun\.?",
    7: r"июл[ьяеюё]\w*|лип(?:ень|ня|ні|нем)|juillet|juil\.?|july|jul\.?",
    8: r"август(?:а|е|ом)?|серп(?:ень|ня|ні|нем)|ao[ûu]t|august|aug\.?",
    9: r"сентябр[ьяеюё]\w*|верес(?:ень|ня|ні|нем)|septembre|sept?\.?|september",
    10: r"октябр[ьяеюё]\w*|жовт(?:ень|ня|ні|нем)|octobre|oct\.?|october",
    11: r"ноябр[ьяеюё]\w*|листопад(?:а|і|ом)?|novembre|nov\.?|november",
    12: r"декабр[ьяеюё]\w*|груд(?:ень|ня|ні|нем)|d[ée]cembre|d[ée]c\.?|december|dec\.?",
}
_MONTH = "|".join(f"(?P<m{n}>{pattern})" for n, pattern in _MONTHS.items())
_DAY = r"(?P<day>[0-3]?\d)(?:-?(?:го|е|ое|ого|го|er|re|st|nd|rd|th))?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_YEAR_WORD = r"(?:\s*(?:г\.|гг\.|года|году|год|р\.|року|рік|year))?"
_WORDS_DATE = re.compile(
    rf"(?<!\w)(?:{_MONTH.replace('?P<m', '?P<n')})\s+(?P<eday>[0-3]?\d)"
    rf"(?:st|nd|rd|th)?,?\s+(?P<eyear>(?:19|20)\d{{2}})(?!\d)"
    rf"|(?<!\w)(?:{_DAY}\s+)?(?:{_MONTH})(?!\w)(?:,?\s+{_YEAR}{_YEAR_WORD})?",
    re.IGNORECASE,
)
# «с 3 по 12 марта»: the first day stands alone before the full date.
_DAY_BEFORE = re.compile(
    r"(?<!\w)(?:с|со|з|із|from|du|between|entre)\s+(?P<day>[0-3]?\d)"
    r"\s*(?:по|до|to|au|and|et|–|—|-)\s*$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"(?<![\w.])(?:(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d{2})"
    r"|(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?![\w.]\d)"
)
_YEAR_ALONE = re.compile(
    r"(?:(?<!\w)(?:в|у|in|en)\s+)?(?<![\d/-])(?P<year>(?:19|20)\d{2})(?!\d)"
    r"(?=\s*(?:г\.|года|году|год|року|рік)(?!\w))",
    re.IGNORECASE,
)
_PERIOD_OPEN = re.compile(
    r"(?:(?<!\w)(?:с|со|з|із|from|du|de|between|entre|depuis)\s+)$", re.IGNORECASE
)
_PERIOD_JOIN = re.compile(
    r"^\s*(?:по|до|to|until|till|au|à|a|and|et|–|—|-)\s*$", re.IGNORECASE
)
_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
LANGUAGES = ("ru", "uk", "fr", "en")


@dataclass
class PartialDate:
    """A date as precise as the text: a year, a month, or a day."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None = None

    def iso(self) -> str:
        if self.year is None:
            return ""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _month_of(match: re.Match[str], prefix: str) -> int | None:
    for number in _MONTHS:
        if match.group(f"{prefix}{number}"):
            return number
    return None


def _parse_with_dateparser(text: str) -> dt.datetime | None:
    import dateparser

    parsed: dt.datetime | None = dateparser.parse(
        text, languages=list(LANGUAGES), settings=_SETTINGS
    )
    return parsed


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _word_dates(text: str) -> list[PartialDate]:
    found = []
    for match in _WORDS_DATE.finditer(text):
        year: int | None
        day: int | None
        if match.group("eyear"):  # «March 3, 2022»
            month = _month_of(match, "n")
            year, day = int(match.group("eyear")), int(match.group("eday"))
        else:
            month = _month_of(match, "m")
            year = int(match.group("year")) if match.group("year") else None
            day = int(match.group("day")) if match.group("day") else None
        if month is None or (year is not None and not _valid(year, month, day)):
            continue
        if year is not None:
            parsed = _parse_with_dateparser(match.group())
            if parsed is not None and parsed.year == year:
                month = parsed.month
                day = parsed.day if day is not None else None
        found.append(PartialDate(match.start(), match.end(), year, month, day))
    return found


def _numeric_dates(text: str) -> list[PartialDate]:
    found = []
    for match in _NUMERIC_DATE.finditer(text):
        if match.group("y"):
            year, month, day = (int(match.group(g)) for g in ("y", "m", "d"))
        else:
            year, month, day = (int(match.group(g)) for g in ("iy", "im", "id"))
        if _valid(year, month, day):
            found.append(PartialDate(match.start(), match.end(), year, month, day))
    return found


def _years(text: str, taken: list[PartialDate]) -> list[PartialDate]:
    found = []
    for match in _YEAR_ALONE.finditer(text):
        start = match.start("year")
        if not any(d.start <= start < d.end for d in taken):
            found.append(
                PartialDate(match.start(), match.end(), int(match["year"]), None)
            )
    return found


def _lone_days(text: str, dates: list[PartialDate]) -> list[PartialDate]:
    found = []
    for date in dates:
        if date.day is None:
            continue
        match = _DAY_BEFORE.search(text[max(0, date.start - 24) : date.start])
        if match:
            offset = max(0, date.start - 24)
            start, end = offset + match.start("day"), offset + match.end("day")
            found.append(PartialDate(start, end, None, None, int(match["day"])))
    return found


def find_partial_dates(text: str) -> list[PartialDate]:
    """Every date-like expression in ``text``, in order, possibly incomplete."""
    dates = _word_dates(text) + _numeric_dates(text)
    dates += _years(text, dates)
    dates += _lone_days(text, dates)
    return sorted(dates, key=lambda d: d.start)


def _fill(first: PartialDate, second: PartialDate) -> None:
    # «с 3 по 12 марта 2023», «з березня по травень 2023»: the first end of a
    # period borrows what it leaves out from the second.
    if first.month is None and first.day is not None:
        first.month = second.month
    if first.year is None:
        first.year = second.year


def find_dates(text: str) -> list[Claim]:
    """Dates and periods in ``text`` as DATE and PERIOD claims."""
    dates = find_partial_dates(text)
    claims: list[Claim] = []
    index = 0
    while index < len(dates):
        current = dates[index]
        following = dates[index + 1] if index + 1 < len(dates) else None
        opener = _PERIOD_OPEN.search(text[max(0, current.start - 12) : current.start])
        if (
            following is not None
            and _PERIOD_JOIN.match(text[current.end : following.start])
            and (opener or following.year is not None)
        ):
            _fill(current, following)
            start = current.start - (len(opener.group()) if opener else 0)
            if current.iso() and following.iso():
                claims.append(
                    Claim(
                        ClaimKind.PERIOD,
                        {"from": current.iso(), "to": following.iso()},
                        text[start : following.end],
                        start,
                        following.end,
                    )
                )
            index += 2
            continue
        if current.iso():
            claims.append(
                Claim(
                    ClaimKind.DATE,
                    {"date": current.iso()},
                    text[current.start : current.end],
                    current.start,
                    current.end,
                )
            )
        index += 1
    return claims
