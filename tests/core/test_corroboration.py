"""Corroboration finds the right cases by keyed tokens and flags contradictions."""

from __future__ import annotations

import pytest

from temoin.core import crypto
from temoin.core.blind_index import blind_index_key
from temoin.core.claims import Claim, ClaimKind, suggest_claims
from temoin.core.corroboration import (
    compare,
    find_inconsistencies,
    index_tokens,
    query_tokens,
)

NEW_CASE = (
    "Служил в в/ч 12345, 64-я мотострелковая бригада, под Бахмутом с марта по "
    "май 2023 года."
)
STORED = {
    # Same unit, Soledar is 15 km from Bakhmut, April 2023: corroborates.
    "same-unit-nearby": (
        "В/ч 12345, 64-я бригада. В апреле 2023 года стояли в Соледаре."
    ),
    # Another unit, same town, same months: corroborates the place and time.
    "same-place": "Я из в/ч 54321. Под Бахмутом в мае 2023 года.",
    # Same unit, same months, but 1,000 km away: contradicts.
    "same-unit-far": (
        "Моя часть — в/ч 12345. С марта по май 2023 года мы были в Мурманске."
    ),
    # Nothing in common.
    "unrelated": "В/ч 77777, в Херсоне в ноябре 2022 года.",
    # Same place, a year earlier: no overlap in time, no shared unit.
    "other-year": "Из в/ч 99999. В Бахмуте в марте 2022 года.",
}


@pytest.fixture(scope="module")
def key() -> bytes:
    return blind_index_key(crypto.generate_org_keys(), "claims")


def _candidates(
    key: bytes, claims: list[Claim], stored: dict[str, list[Claim]]
) -> list[str]:
    # What the database does: rank stored cases by the tokens they share.
    wanted = query_tokens(key, claims)
    shared = {
        name: len(index_tokens(key, other) & wanted) for name, other in stored.items()
    }
    return sorted((n for n, count in shared.items() if count), key=lambda n: -shared[n])


def test_it_finds_the_cases_that_share_a_unit_a_place_or_a_period(key: bytes) -> None:
    stored = {name: suggest_claims(text) for name, text in STORED.items()}
    found = _candidates(key, suggest_claims(NEW_CASE), stored)
    assert set(found) == {
        "same-unit-nearby",
        "same-place",
        "same-unit-far",
        "other-year",
    }
    assert found[0] == "same-unit-nearby"


def test_it_says_what_agrees_and_what_contradicts(key: bytes) -> None:
    claims = suggest_claims(NEW_CASE)
    nearby = compare(claims, suggest_claims(STORED["same-unit-nearby"]))
    assert ("unit", "12345") in [(f.kind, f.detail) for f in nearby.agreements]
    assert ("formation", "64 brigade") in [
        (f.kind, f.detail) for f in nearby.agreements
    ]
    assert any(f.kind == "place" and "2023-04" in f.detail for f in nearby.agreements)
    assert nearby.contradictions == []

    far = compare(claims, suggest_claims(STORED["same-unit-far"]))
    assert [f.kind for f in far.contradictions] == ["place"]
    assert "Мурманск" in far.contradictions[0].detail

    assert not compare(claims, suggest_claims(STORED["unrelated"])).corroborates


def test_it_flags_a_unit_given_two_formations(key: bytes) -> None:
    a = suggest_claims("в/ч 12345, 64-я бригада")
    b = suggest_claims("в/ч 12345, 155-я бригада")
    assert [f.kind for f in compare(a, b).contradictions] == ["formation"]


def test_it_stores_no_plain_value_in_tokens(key: bytes) -> None:
    stored = " ".join(index_tokens(key, suggest_claims(NEW_CASE)))
    for value in ("12345", "Бахмут", "2023", "g713174"):
        assert value not in stored
    assert index_tokens(key, suggest_claims(NEW_CASE)) <= query_tokens(
        key, suggest_claims(NEW_CASE)
    )


def test_it_flags_answers_that_disagree_with_later_messages() -> None:
    answers = suggest_claims("Служил в в/ч 12345 под Бахмутом в марте 2023 года.")
    answers.append(Claim(ClaimKind.DEPARTURE, {"date": "2023-06"}))
    later = suggest_claims("Вообще-то я был в в/ч 54321, под Бахмутом в мае 2024 года.")
    later.append(Claim(ClaimKind.DEPARTURE, {"date": "2023-09"}))
    kinds = {finding.kind for finding in find_inconsistencies(answers, later)}
    assert kinds == {"unit", "departure", "period"}
    assert find_inconsistencies(answers, answers) == []
