"""Corroboration across testimonies, and inconsistencies within one.

Cases are indexed by keyed tokens of their claims (see
:mod:`temoin.core.blind_index`), so that the cases sharing a unit, a place
near another, or an overlapping period are found with an indexed query,
without decrypting any case. Only the candidates found that way are then
decrypted and compared claim by claim with :func:`compare`.

Tokens (namespace: value), each keyed:

- ``unit``: the unit code; ``formation``: «155 brigade»;
- ``unit-month``: code and month, for each month the case covers;
- ``place``: the gazetteer id; ``place-month``: id and month;
- ``cell-month``: a grid cell of about 50 km and a month. A case stores its
  own cells; a query asks for the 3×3 cells around each of its places, which
  finds places within a distance without storing any coordinates.

Months alone and cells alone are never tokens: they would match too many
cases to narrow anything, and say too much about a case by their frequency.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from temoin.core.blind_index import token
from temoin.core.claims import Claim, ClaimKind, formation_key, months_of
from temoin.core.gazetteer import haversine_km

__all__ = [
    "CELL_DEGREES",
    "NEAR_KM",
    "Comparison",
    "Finding",
    "compare",
    "find_inconsistencies",
    "index_tokens",
    "query_tokens",
]

NEAR_KM = 50.0  # places closer than this count as "the same area"
FAR_KM = 150.0  # the same unit this far apart in one month is a contradiction
CELL_DEGREES = 0.5  # grid cells: 0.5° of latitude (~55 km), longitude scaled


@dataclass(frozen=True)
class Finding:
    """One thing that agrees or contradicts, in words a verifier reads."""

    kind: str  # unit, formation, place, period, departure
    detail: str


@dataclass
class Comparison:
    """What two cases' claims have in common and where they disagree."""

    agreements: list[Finding] = field(default_factory=list)
    contradictions: list[Finding] = field(default_factory=list)

    @property
    def corroborates(self) -> bool:
        return bool(self.agreements)


@dataclass(frozen=True)
class _Located:
    place_id: str
    name: str
    lat: float
    lon: float
    months: frozenset[str]


def _units(claims: Iterable[Claim]) -> set[str]:
    return {
        c.value["code"]
        for c in claims
        if c.kind == ClaimKind.UNIT and c.value.get("code")
    }


def _formations(claims: Iterable[Claim]) -> set[str]:
    return {formation_key(c.value) for c in claims if c.kind == ClaimKind.FORMATION}


def _case_months(claims: Iterable[Claim]) -> set[str]:
    months: set[str] = set()
    for claim in claims:
        if claim.kind in (ClaimKind.DATE, ClaimKind.PERIOD):
            months.update(months_of(claim.value))
    return months


def _places(claims: Sequence[Claim]) -> list[_Located]:
    # A place claim may carry its own period; otherwise it takes the case's.
    default = frozenset(_case_months(claims))
    located = []
    for claim in claims:
        if claim.kind != ClaimKind.PLACE:
            continue
        try:
            lat, lon = float(claim.value["lat"]), float(claim.value["lon"])
        except (KeyError, ValueError):
            continue
        own = (
            months_of(claim.value)
            if ("from" in claim.value or "date" in claim.value)
            else []
        )
        located.append(
            _Located(
                claim.value.get("place_id", ""),
                claim.value.get("name", ""),
                lat,
                lon,
                frozenset(own) or default,
            )
        )
    return located


def _cell(lat: float, lon: float, dlat: int = 0, dlon: int = 0) -> str:
    row = math.floor(lat / CELL_DEGREES) + dlat
    # Longitude cells widen with latitude so that cells stay about square.
    width = CELL_DEGREES / max(0.2, math.cos(math.radians(lat)))
    column = math.floor(lon / width) + dlon
    return f"{row}:{column}"


def _tokens(key: bytes, claims: Sequence[Claim], *, query: bool) -> set[str]:
    found: set[str] = set()
    months = _case_months(claims)
    for code in _units(claims):
        found.add(token(key, "unit", code))
        found.update(token(key, "unit-month", f"{code}|{m}") for m in months)
    for formation in _formations(claims):
        found.add(token(key, "formation", formation))
    for place in _places(claims):
        if place.place_id:
            found.add(token(key, "place", place.place_id))
            found.update(
                token(key, "place-month", f"{place.place_id}|{m}") for m in place.months
            )
        shifts = [(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)] if query else [(0, 0)]
        for dlat, dlon in shifts:
            cell = _cell(place.lat, place.lon, dlat, dlon)
            found.update(token(key, "cell-month", f"{cell}|{m}") for m in place.months)
    return found


def index_tokens(key: bytes, claims: Sequence[Claim]) -> set[str]:
    """The tokens to store for a case's claims (``key``: the claims key)."""
    return _tokens(key, claims, query=False)


def query_tokens(key: bytes, claims: Sequence[Claim]) -> set[str]:
    """The tokens to look up to find cases that may corroborate these claims.

    A superset of :func:`index_tokens`: places also ask for the neighbouring
    grid cells, so places within about :data:`NEAR_KM` are found.
    """
    return _tokens(key, claims, query=True)


def _span(months: Iterable[str]) -> str:
    ordered = sorted(months)
    if not ordered:
        return ""
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}…{ordered[-1]}"


def compare(claims: Sequence[Claim], other: Sequence[Claim]) -> Comparison:
    """Compare two cases' decrypted claims: what agrees, what contradicts."""
    result = Comparison()
    shared_units = _units(claims) & _units(other)
    for code in sorted(shared_units):
        result.agreements.append(Finding("unit", code))
    mine, theirs = _formations(claims), _formations(other)
    for formation in sorted(mine & theirs):
        result.agreements.append(Finding("formation", formation))
    if shared_units and mine and theirs and not mine & theirs:
        result.contradictions.append(
            Finding(
                "formation",
                f"{', '.join(sorted(shared_units))}: {', '.join(sorted(mine))} ≠ "
                f"{', '.join(sorted(theirs))}",
            )
        )
    _compare_places(_places(claims), _places(other), bool(shared_units), result)
    return result


def _compare_places(
    mine: list[_Located], theirs: list[_Located], same_unit: bool, result: Comparison
) -> None:
    far_apart: list[tuple[_Located, _Located, frozenset[str]]] = []
    near_any = False
    for a in mine:
        for b in theirs:
            overlap = a.months & b.months
            distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
            if distance <= NEAR_KM:
                near_any = True
                where = a.name if a.place_id == b.place_id else f"{a.name} ~ {b.name}"
                if overlap:
                    result.agreements.append(
                        Finding("place", f"{where}, {_span(overlap)}")
                    )
                else:
                    result.agreements.append(Finding("place", where))
            elif overlap and distance >= FAR_KM:
                far_apart.append((a, b, overlap))
    # The same unit, in the same months, hundreds of kilometres apart, and
    # nowhere near each other at all: one of the two accounts is wrong.
    if same_unit and not near_any:
        for a, b, overlap in far_apart:
            distance = round(haversine_km(a.lat, a.lon, b.lat, b.lon))
            result.contradictions.append(
                Finding(
                    "place", f"{a.name} / {b.name} ({distance} km), {_span(overlap)}"
                )
            )


def find_inconsistencies(
    first: Sequence[Claim], later: Sequence[Claim]
) -> list[Finding]:
    """Where a witness's later messages disagree with their first answers.

    Flags a different unit code, a different formation, and a departure or
    place date that moved. These are questions for the verifier, not proofs:
    people misremember, and witnesses correct themselves.
    """
    found: list[Finding] = []
    units_a, units_b = _units(first), _units(later)
    if units_a and units_b and not units_a & units_b:
        found.append(
            Finding(
                "unit", f"{', '.join(sorted(units_a))} → {', '.join(sorted(units_b))}"
            )
        )
    formations_a, formations_b = _formations(first), _formations(later)
    if formations_a and formations_b and not formations_a & formations_b:
        found.append(
            Finding(
                "formation",
                f"{', '.join(sorted(formations_a))} → "
                f"{', '.join(sorted(formations_b))}",
            )
        )
    departures_a = _departure_months(first)
    departures_b = _departure_months(later)
    if departures_a and departures_b and not departures_a & departures_b:
        found.append(
            Finding("departure", f"{_span(departures_a)} → {_span(departures_b)}")
        )
    for a in _places(first):
        for b in _places(later):
            same_place = a.place_id and a.place_id == b.place_id
            if same_place and a.months and b.months and not a.months & b.months:
                moved = f"{a.name}: {_span(a.months)} → {_span(b.months)}"
                found.append(Finding("period", moved))
    return found


def _departure_months(claims: Iterable[Claim]) -> set[str]:
    months: set[str] = set()
    for claim in claims:
        if claim.kind == ClaimKind.DEPARTURE:
            months.update(months_of(claim.value))
    return months
