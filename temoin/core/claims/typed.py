"""Claims typed by hand by a verifier: the same stored form as suggestions.

    typed_claim("unit", "в/ч 12345")            # -> UNIT {"code": "12345"}
    typed_claim("place", "Бахмут", when="с марта по май 2023")
    typed_claim("event", "shelling of a school", place="Avdiivka")

A typed place is resolved through the gazetteer (its id and coordinates, so it
corroborates like a suggested place); a place the gazetteer does not know is
still recorded, by name only, with ``"in_gazetteer": "no"``. Dates are read
like the testimony's (:func:`temoin.core.claims.dates.find_dates`), plus ISO
forms (``2022``, ``2022-03``, ``2022-03-15``, ``2022-03..2022-05``).

Errors are :class:`TypedClaimError` whose ``code`` names the problem; the
page that asked translates it.
"""

from __future__ import annotations

import datetime as dt
import re

from temoin.core.claims.dates import find_dates
from temoin.core.claims.model import Claim, ClaimKind
from temoin.core.claims.places import place_value
from temoin.core.claims.ranks import find_ranks
from temoin.core.claims.units import find_formations, find_units, normalise_unit_code
from temoin.core.gazetteer import Gazetteer, load_gazetteer

__all__ = [
    "MAX_TYPED_CHARS",
    "NOT_IN_GAZETTEER",
    "TYPED_KINDS",
    "TypedClaimError",
    "parse_when",
    "resolve_place",
    "typed_claim",
]

MAX_TYPED_CHARS = 500
NOT_IN_GAZETTEER = "no"
# The kinds a verifier types: "date" covers a date or a period.
TYPED_KINDS = (
    "unit",
    "formation",
    "rank",
    "branch",
    "place",
    "date",
    "event",
    "departure",
    "document",
)
# Which kinds take a separate place and a separate date or period.
TAKES_PLACE = frozenset({"unit", "formation", "event", "departure", "document"})
TAKES_WHEN = frozenset(set(TYPED_KINDS) - {"date"})

_UNIT_CODE = re.compile(r"^[А-ЯЁ]?\d{4,5}$")
_ISO = r"(?:19|20)\d{2}(?:-[01]\d(?:-[0-3]\d)?)?"
_ISO_DATE = re.compile(rf"^({_ISO})$")
_ISO_PERIOD = re.compile(rf"^({_ISO})\s*(?:\.\.|–|—|/|\s-\s|\bto\b)\s*({_ISO})$")


class TypedClaimError(ValueError):
    """A typed claim that cannot be recorded; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _valid_iso(iso: str) -> bool:
    parts = [int(p) for p in iso.split("-")]
    try:
        dt.date(
            parts[0],
            parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1,
        )
    except ValueError:
        return False
    return True


def parse_when(text: str) -> dict[str, str] | None:
    """A typed date or period as a claim value, or None when unreadable.

    ``{"date": "2022-03-15"}`` or ``{"from": "2023-03", "to": "2023-05"}``.
    """
    text = " ".join(text.split())
    if not text:
        return None
    iso = _ISO_DATE.match(text)
    if iso:
        return {"date": iso[1]} if _valid_iso(iso[1]) else None
    period = _ISO_PERIOD.match(text)
    if period:
        if _valid_iso(period[1]) and _valid_iso(period[2]):
            return {"from": period[1], "to": period[2]}
        return None
    found = find_dates(text)
    if len(found) != 1:
        return None
    claim = found[0]
    # The date must be most of what was typed, not a number lost in words.
    if len(claim.text) < len(text) * 0.6:
        return None
    return dict(claim.value)


def resolve_place(
    text: str, language: str = "ru", gazetteer: Gazetteer | None = None
) -> dict[str, str]:
    """A typed place name as a PLACE value: the gazetteer's place (id, name,
    coordinates) when it knows the name, else the name as typed, flagged."""
    gazetteer = gazetteer or load_gazetteer()
    name = " ".join(text.split())
    for candidate in (name, name[:1].upper() + name[1:], name.title()):
        matches = gazetteer.find(candidate)
        if matches:
            return place_value(matches[0].place, language)
    return {"name": name, "in_gazetteer": NOT_IN_GAZETTEER}


def _fact(kind: str, value: str) -> tuple[ClaimKind, dict[str, str]]:
    if kind == "unit":
        units = find_units(value)
        code = units[0].value["code"] if units else normalise_unit_code(value)
        if not _UNIT_CODE.match(code):
            raise TypedClaimError("unit")
        return ClaimKind.UNIT, {"code": code}
    if kind == "formation":
        formations = find_formations(value)
        if not formations:
            raise TypedClaimError("formation")
        return ClaimKind.FORMATION, dict(formations[0].value)
    if kind == "rank":
        ranks = find_ranks(value)
        return ClaimKind.RANK, {"rank": ranks[0].value["rank"] if ranks else value}
    if kind == "date":
        when = parse_when(value)
        if when is None:
            raise TypedClaimError("date")
        return (ClaimKind.PERIOD if "from" in when else ClaimKind.DATE), when
    simple = {
        "branch": (ClaimKind.BRANCH, "branch"),
        "event": (ClaimKind.EVENT, "event"),
        "departure": (ClaimKind.DEPARTURE, "route"),
        "document": (ClaimKind.DOCUMENT, "document"),
    }
    claim_kind, key = simple[kind]
    return claim_kind, {key: value}


def typed_claim(
    kind: str,
    value: str,
    *,
    place: str = "",
    when: str = "",
    note: str = "",
    language: str = "ru",
    gazetteer: Gazetteer | None = None,
) -> Claim:
    """A claim typed by a verifier, normalised like a suggested one.

    ``kind`` is one of :data:`TYPED_KINDS`; ``place`` and ``when`` are
    optional, for the kinds that take them; ``note`` is the verifier's
    evidence or note, kept with the claim. Raises :class:`TypedClaimError`.
    """
    if kind not in TYPED_KINDS:
        raise TypedClaimError("kind")
    value, place, when, note = (" ".join(s.split()) for s in (value, place, when, note))
    if not value:
        raise TypedClaimError("value")
    if max(len(value), len(place), len(when), len(note)) > MAX_TYPED_CHARS:
        raise TypedClaimError("too_long")
    if place and kind not in TAKES_PLACE:
        raise TypedClaimError("no_place")
    if when and kind not in TAKES_WHEN:
        raise TypedClaimError("no_when")
    if kind == "place":
        claim_kind, fact = ClaimKind.PLACE, resolve_place(value, language, gazetteer)
    else:
        claim_kind, fact = _fact(kind, value)
    if place:
        where = resolve_place(place, language, gazetteer)
        # Kept apart from a PLACE claim's keys: only PLACE claims are located.
        fact["place"] = where["name"]
        if "place_id" in where:
            fact["place_id"] = where["place_id"]
        else:
            fact["place_in_gazetteer"] = NOT_IN_GAZETTEER
    if when:
        period = parse_when(when)
        if period is None:
            raise TypedClaimError("when")
        fact.update(period)
    if note:
        fact["note"] = note
    return Claim(claim_kind, fact, text=value)
