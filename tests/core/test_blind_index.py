"""Keyed tokens: equal for equal values, different across keys and purposes."""

from __future__ import annotations

import pytest

from temoin.core import crypto
from temoin.core.blind_index import (
    blind_index_key,
    normalise_text,
    normalise_value,
    token,
    tokens,
    words_of,
)


@pytest.fixture(scope="module")
def org() -> crypto.OrgSecretKeys:
    return crypto.generate_org_keys()


def test_it_gives_the_same_token_for_spelling_variants(
    org: crypto.OrgSecretKeys,
) -> None:
    key = blind_index_key(org, "claims")
    assert token(key, "place", "Ёлкино") == token(key, "place", "  ёлкино ")
    assert token(key, "place", "Запоріжжя") == token(key, "place", "ЗАПОРІЖЖЯ")
    assert token(key, "word", "Київ,") == token(key, "word", "київ")


def test_it_separates_namespaces_purposes_and_organisations(
    org: crypto.OrgSecretKeys,
) -> None:
    claims = blind_index_key(org, "claims")
    search = blind_index_key(org, "search")
    other = blind_index_key(crypto.generate_org_keys(), "claims")
    values = {
        token(claims, "unit", "12345"),
        token(claims, "year", "12345"),
        token(search, "unit", "12345"),
        token(other, "unit", "12345"),
    }
    assert len(values) == 4
    assert claims != search
    assert blind_index_key(org, "claims") == claims


def test_it_reveals_nothing_of_the_value(org: crypto.OrgSecretKeys) -> None:
    key = blind_index_key(org, "claims")
    value = token(key, "unit", "12345")
    assert len(value) == 32
    assert "12345" not in value
    assert int(value, 16) >= 0


def test_it_refuses_bad_keys_and_names(org: crypto.OrgSecretKeys) -> None:
    with pytest.raises(ValueError):
        blind_index_key(org, "")
    with pytest.raises(ValueError):
        blind_index_key(org, "clés")
    with pytest.raises(ValueError):
        token(b"short", "unit", "1")
    with pytest.raises(ValueError):
        token(blind_index_key(org, "x"), "", "1")


def test_it_normalises_words() -> None:
    assert normalise_text("Ёж  И\tЇжак") == "еж и іжак"
    assert words_of("«Под Авдеевкой», l’armée — 3-я рота!") == [
        "под",
        "авдеевкой",
        "l'armée",
        "3-я",
        "рота",
    ]
    assert normalise_value(" Нова   Каховка. ") == "нова каховка"


def test_it_makes_token_sets_without_empty_values(org: crypto.OrgSecretKeys) -> None:
    key = blind_index_key(org, "search")
    assert len(tokens(key, "word", ["a", "A", " ", "b"])) == 2
