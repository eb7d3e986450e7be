"""Copied testimony is flagged; independent accounts of one event are not."""

from __future__ import annotations

import pytest

from temoin.core import crypto
from temoin.core.blind_index import blind_index_key
from temoin.core.similarity import (
    BANDS,
    Likeness,
    NearDuplicateIndex,
    band_tokens,
    classify,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    similarity,
)

ORIGINAL = (
    "Меня мобилизовали в сентябре 2022 года и отправили в в/ч 12345. Две недели "
    "нас учили на полигоне под Ростовом, потом на грузовиках повезли под Бахмут. "
    "Командир роты сказал, что назад дороги нет и что отступающих будут "
    "расстреливать. В первую же ночь нашу позицию накрыла артиллерия, погибли "
    "трое ребят из моего взвода. Еды не хватало, воду приносили раз в два дня. "
    "В январе меня ранило в ногу, и из госпиталя в Луганске я ушёл через "
    "Россию в Казахстан, а потом в Армению, где попросил помощи."
)
# The same story with a few words changed: what a fabricator does.
EDITED = (
    "Меня мобилизовали в октябре 2022 года и отправили в в/ч 54321. Две недели "
    "нас учили на полигоне под Ростовом, потом на грузовиках повезли под Бахмут. "
    "Командир батальона сказал, что назад дороги нет и что отступающих будут "
    "расстреливать. В первую же ночь нашу позицию накрыла артиллерия, погибли "
    "четверо ребят из моего взвода. Еды не хватало, воду приносили раз в три дня. "
    "В феврале меня ранило в руку, и из госпиталя в Луганске я ушёл через "
    "Россию в Казахстан, а потом в Армению, где попросил помощи."
)
# Another man, same unit, same place, same months: his own words.
INDEPENDENT = (
    "Осенью 2022-го я попал в ту же часть, 12345, нас бросили к Бахмуту почти "
    "без подготовки. Ротный грозил, что за отход расстреляют на месте. Под "
    "обстрелами мы сидели в подвале разрушенного дома, сухпаёк выдали один раз. "
    "Из нашего отделения уцелели двое. В январе я воспользовался отпуском по "
    "ранению, доехал до Луганска, оттуда через Россию в Казахстан."
)


@pytest.fixture(scope="module")
def key() -> bytes:
    return blind_index_key(crypto.generate_org_keys(), "similarity")


def test_it_flags_a_copy_with_small_edits(key: bytes) -> None:
    score = similarity(signature(key, ORIGINAL), signature(key, EDITED))
    assert score >= 0.45
    assert classify(score) is not Likeness.DISTINCT


def test_it_does_not_flag_independent_accounts_of_one_event(key: bytes) -> None:
    score = similarity(signature(key, ORIGINAL), signature(key, INDEPENDENT))
    assert score < 0.15
    assert classify(score) is Likeness.DISTINCT


def test_it_finds_the_copy_through_lsh_bands(key: bytes) -> None:
    original, edited, independent = (
        signature(key, text) for text in (ORIGINAL, EDITED, INDEPENDENT)
    )
    assert set(band_tokens(key, original)) & set(band_tokens(key, edited))
    assert not set(band_tokens(key, original)) & set(band_tokens(key, independent))
    index = NearDuplicateIndex()
    index.add_many([("a", original), ("c", independent)])
    assert [match.ident for match in index.matches(edited)] == ["a"]
    assert index.matches(original, exclude="a") == []


def test_it_stores_nothing_that_reveals_the_words(key: bytes) -> None:
    sig = signature(key, ORIGINAL)
    stored = signature_to_bytes(sig) + "".join(band_tokens(key, sig)).encode()
    for word in ("Бахмут", "12345", "мобилизовали"):
        assert word.encode() not in stored
    # Another organisation's key gives unrelated signatures and tokens.
    other = blind_index_key(crypto.generate_org_keys(), "similarity")
    assert similarity(sig, signature(other, ORIGINAL)) < 0.2
    assert not set(band_tokens(key, sig)) & set(
        band_tokens(other, signature(other, ORIGINAL))
    )


def test_it_round_trips_signatures(key: bytes) -> None:
    sig = signature(key, ORIGINAL)
    again = signature_from_bytes(signature_to_bytes(sig))
    assert similarity(sig, again) == 1.0
    assert len(band_tokens(key, again)) == BANDS


def test_it_cuts_text_into_word_triples() -> None:
    assert shingles("Раз, два три  четыре!") == {"раз два три", "два три четыре"}
    assert shingles("один") == {"один"}
    assert shingles("") == set()
