"""Claim suggestions from testimony texts in Russian, Ukrainian, French, English."""

from __future__ import annotations

from temoin.core.claims import Claim, ClaimKind, months_of, suggest_claims

RUSSIAN = (
    "Я, старший сержант, служил в в/ч 12345 (64-я отдельная мотострелковая "
    "бригада). С марта по май 2023 года стояли под Бахмутом, 15.06.2023 нас "
    "перебросили под Авдеевку. Ушёл 3 сентября 2023 года через Грузию."
)
UKRAINIAN = (
    "Я служив у військовій частині А0224, 93-тя окрема механізована бригада. "
    "З 3 по 12 квітня 2023 року ми були у Запоріжжі, у березні 2023 — в Оріхові."
)
FRENCH = (
    "J'étais caporal dans l'unité militaire 54321, la 155e brigade d'infanterie "
    "de marine, près de Vuhledar du 2 au 20 janvier 2023, puis à Marioupol."
)
ENGLISH = (
    "I was mobilised into the 3rd Motor Rifle Division (military unit 19612) and "
    "sent near Kupiansk from March to May 2022; I left on 14 February 2023."
)


def _by_kind(claims: list[Claim], kind: ClaimKind) -> list[dict[str, str]]:
    return [claim.value for claim in claims if claim.kind == kind]


def test_it_suggests_russian_claims() -> None:
    claims = suggest_claims(RUSSIAN)
    assert _by_kind(claims, ClaimKind.UNIT) == [{"code": "12345"}]
    assert _by_kind(claims, ClaimKind.FORMATION) == [
        {"number": "64", "type": "brigade"}
    ]
    assert _by_kind(claims, ClaimKind.RANK) == [{"rank": "senior sergeant"}]
    places = [value["name"] for value in _by_kind(claims, ClaimKind.PLACE)]
    assert places[:2] == ["Бахмут", "Авдеевка"]
    assert _by_kind(claims, ClaimKind.PERIOD) == [{"from": "2023-03", "to": "2023-05"}]
    assert _by_kind(claims, ClaimKind.DATE) == [
        {"date": "2023-06-15"},
        {"date": "2023-09-03"},
    ]


def test_it_suggests_ukrainian_claims() -> None:
    claims = suggest_claims(UKRAINIAN, language="uk")
    assert _by_kind(claims, ClaimKind.UNIT) == [{"code": "А0224"}]
    assert _by_kind(claims, ClaimKind.FORMATION) == [
        {"number": "93", "type": "brigade"}
    ]
    places = [value["name"] for value in _by_kind(claims, ClaimKind.PLACE)]
    assert places == ["Запоріжжя", "Оріхів"]
    assert _by_kind(claims, ClaimKind.PERIOD) == [
        {"from": "2023-04-03", "to": "2023-04-12"}
    ]
    assert _by_kind(claims, ClaimKind.DATE) == [{"date": "2023-03"}]


def test_it_suggests_french_claims() -> None:
    claims = suggest_claims(FRENCH, language="fr")
    assert _by_kind(claims, ClaimKind.UNIT) == [{"code": "54321"}]
    assert _by_kind(claims, ClaimKind.FORMATION) == [
        {"number": "155", "type": "brigade"}
    ]
    assert _by_kind(claims, ClaimKind.RANK) == [{"rank": "corporal"}]
    places = [value["name"] for value in _by_kind(claims, ClaimKind.PLACE)]
    assert places == ["Vuhledar", "Mariupol"]
    assert _by_kind(claims, ClaimKind.PERIOD) == [
        {"from": "2023-01-02", "to": "2023-01-20"}
    ]


def test_it_suggests_english_claims() -> None:
    claims = suggest_claims(ENGLISH, language="en")
    assert _by_kind(claims, ClaimKind.UNIT) == [{"code": "19612"}]
    assert _by_kind(claims, ClaimKind.FORMATION) == [
        {"number": "3", "type": "division"}
    ]
    assert _by_kind(claims, ClaimKind.RANK) == [{"rank": "mobilised"}]
    assert [v["name"] for v in _by_kind(claims, ClaimKind.PLACE)] == ["Kupiansk"]
    assert _by_kind(claims, ClaimKind.PERIOD) == [{"from": "2022-03", "to": "2022-05"}]
    assert _by_kind(claims, ClaimKind.DATE) == [{"date": "2023-02-14"}]


def test_it_locates_each_suggestion_in_the_text() -> None:
    for claim in suggest_claims(RUSSIAN):
        assert RUSSIAN[claim.start : claim.end] == claim.text


def test_it_normalises_unit_codes_written_with_latin_letters() -> None:
    latin = suggest_claims("в/ч A0224")  # a Latin A
    cyrillic = suggest_claims("в/ч А0224")
    assert _by_kind(latin, ClaimKind.UNIT) == _by_kind(cyrillic, ClaimKind.UNIT)


def test_it_does_not_take_numbers_for_units_or_dates() -> None:
    claims = suggest_claims("Нас было 12345 человек, 3 роты ушли за 2 часа.")
    assert _by_kind(claims, ClaimKind.UNIT) == []
    assert _by_kind(claims, ClaimKind.DATE) == []


def test_it_round_trips_claims_through_json() -> None:
    for claim in suggest_claims(ENGLISH, language="en"):
        assert Claim.from_json(claim.to_json()) == claim


def test_it_expands_periods_into_months() -> None:
    assert months_of({"from": "2022-11", "to": "2023-01"}) == [
        "2022-11",
        "2022-12",
        "2023-01",
    ]
    assert months_of({"date": "2023-06-15"}) == ["2023-06"]
    assert len(months_of({"date": "2022"})) == 12
    assert months_of({"date": "someday"}) == []
