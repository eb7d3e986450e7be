"""Claim suggestion: the structured facts a verifier can record, read from a
testimony's text in Russian, Ukrainian, French or English.

    suggest_claims("Служил в в/ч 12345 под Бахмутом с марта по май 2023 года")
    # -> unit 12345, place Bakhmut, period 2023-03..2023-05

Suggestions are only that: a verifier confirms, corrects or drops each one
before it is recorded on a case.
"""

from __future__ import annotations

from temoin.core.claims.dates import find_dates
from temoin.core.claims.model import Claim, ClaimKind
from temoin.core.claims.places import find_places, place_value
from temoin.core.claims.ranks import find_ranks
from temoin.core.claims.typed import TypedClaimError, parse_when, typed_claim
from temoin.core.claims.units import (
    find_formations,
    find_units,
    formation_key,
    normalise_unit_code,
)
from temoin.core.gazetteer import Gazetteer

__all__ = [
    "Claim",
    "ClaimKind",
    "TypedClaimError",
    "find_dates",
    "find_formations",
    "find_places",
    "find_ranks",
    "find_units",
    "formation_key",
    "months_of",
    "normalise_unit_code",
    "parse_when",
    "place_value",
    "suggest_claims",
    "typed_claim",
]


def suggest_claims(
    text: str, language: str = "ru", gazetteer: Gazetteer | None = None
) -> list[Claim]:
    """Every claim that can be read from ``text``, in the order of the text.

    ``language`` chooses the language of place names in the suggestions; the
    text itself may mix languages.
    """
    claims = (
        find_units(text)
        + find_formations(text)
        + find_ranks(text)
        + find_places(text, language, gazetteer)
        + find_dates(text)
    )
    return sorted(claims, key=lambda claim: (claim.start, claim.kind.value))


def months_of(value: dict[str, str], limit: int = 60) -> list[str]:
    """The months (``YYYY-MM``) a DATE or PERIOD value covers, at most ``limit``.

    A year alone covers its twelve months; a reversed period is read forwards.
    """
    if "date" in value:
        first = last = value["date"]
    else:
        first, last = value.get("from", ""), value.get("to", "")
    start, end = _month_range(first, low=True), _month_range(last, low=False)
    if start is None or end is None:
        return []
    if end < start:
        start, end = end, start
    months: list[str] = []
    current = start
    while current <= end and len(months) < limit:
        months.append(f"{current // 12:04d}-{current % 12 + 1:02d}")
        current += 1
    return months


def _month_range(iso: str, *, low: bool) -> int | None:
    parts = iso.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (1 if low else 12)
    except (ValueError, IndexError):
        return None
    if not 1 <= month <= 12:
        return None
    return year * 12 + month - 1
