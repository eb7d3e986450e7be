"""Places named in a testimony, through the gazetteer."""

from __future__ import annotations

from temoin.core.claims.model import Claim, ClaimKind
from temoin.core.gazetteer import Gazetteer, Place, load_gazetteer

MAX_ALTERNATIVES = 5


def place_value(place: Place, language: str = "ru") -> dict[str, str]:
    """The value of a PLACE claim for a gazetteer place."""
    return {
        "place_id": place.id,
        "name": place.name(language),
        "lat": f"{place.lat:.4f}",
        "lon": f"{place.lon:.4f}",
    }


def find_places(
    text: str, language: str = "ru", gazetteer: Gazetteer | None = None
) -> list[Claim]:
    """Places named in ``text``, in any grammatical case and spelling."""
    gazetteer = gazetteer or load_gazetteer()
    return [
        Claim(
            ClaimKind.PLACE,
            place_value(match.place, language),
            match.text,
            match.start,
            match.end,
            tuple(p.id for p in match.places[1 : 1 + MAX_ALTERNATIVES]),
        )
        for match in gazetteer.find(text)
    ]
