"""Tests of temoin.core.codenames: word lists, normalisation, derived secrets."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from temoin.core import codenames, crypto
from temoin.core.crypto import KDF_TEST, MalformedCodename

SALT = b"installation-salt-0123456789abcdef"
RU = "море лето река окно книга утро снег"
REPO = Path(__file__).resolve().parents[2]


def test_it_ships_two_lists_of_7776_distinct_words() -> None:
    for lang, letters in (("ru", r"[а-я]{4,8}"), ("en", r"[a-z]{4,8}")):
        words = codenames.load_wordlist(lang)
        assert len(words) == len(set(words)) == 7776
        assert list(words) == sorted(words)
        assert all(re.fullmatch(letters, word) for word in words)
    assert not any("ё" in word for word in codenames.load_wordlist("ru"))


def test_it_keeps_incriminating_words_out_of_the_lists() -> None:
    ru = set(codenames.load_wordlist("ru"))
    en = set(codenames.load_wordlist("en"))
    assert not {"война", "армия", "дезертир", "солдат", "путин", "побег"} & ru
    assert not {"army", "soldier", "deserter", "kill", "putin", "fuck"} & en


def test_it_generates_codenames_of_seven_listed_words() -> None:
    for lang in codenames.LANGUAGES:
        codename = codenames.generate_codename(lang)
        words = codename.split(" ")
        assert len(words) == codenames.WORDS_PER_CODENAME
        assert set(words) <= set(codenames.load_wordlist(lang))
        assert codenames.normalise_codename(codename) == codename
    assert codenames.generate_codename() != codenames.generate_codename()


def test_it_refuses_an_unknown_language() -> None:
    with pytest.raises(crypto.CryptoError):
        codenames.generate_codename("xx")
    with pytest.raises(crypto.CryptoError):
        codenames.codename_entropy_bits("fr")


def test_it_computes_the_entropy_of_a_codename() -> None:
    assert codenames.codename_entropy_bits("ru") == pytest.approx(90.47, abs=0.01)


@pytest.mark.parametrize(
    "typed",
    [
        "МОРЕ ЛЕТО РЕКА ОКНО КНИГА УТРО СНЕГ",
        "  море   лето\tрека\nокно книга утро снег  ",
        "море-лето-река-окно-книга-утро-снег",
        "море – лето — река_окно, книга. утро снег",
        "море лето река окно книга утро снёг",
        "Море Лето Река Окно Книга Утро СНЁГ",
        unicodedata.normalize("NFD", "море лето река окно книга утро снёг"),
        "море лето река oкно книга yтро снег",  # Latin o and y typed by mistake
    ],
)
def test_it_normalises_what_a_witness_types(typed: str) -> None:
    assert codenames.normalise_codename(typed) == RU


def test_it_normalises_english_codenames() -> None:
    codename = codenames.generate_codename("en")
    assert codenames.normalise_codename(codename.upper().replace(" ", "-")) == codename


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "this one has 0"),
        ("море лето река", "this one has 3"),
        (RU + " дом", "this one has 8"),
        ("море лето река окно книга утро xyzzy", "Word 7 "),
        ("море лето щщщщ окно книга утро снег", "Word 3 "),
        ("море лето река окно book утро снег", "Word 5 "),
    ],
)
def test_it_says_what_is_wrong_with_a_codename(typed: str, message: str) -> None:
    with pytest.raises(MalformedCodename, match=message) as raised:
        codenames.normalise_codename(typed)
    # The message names a position, never a word: it may end up in a log.
    for word in typed.split():
        assert word not in str(raised.value)


@given(text=st.text(max_size=80))
@settings(deadline=None)
def test_it_accepts_or_refuses_any_text_cleanly(text: str) -> None:
    try:
        normalised = codenames.normalise_codename(text)
    except MalformedCodename:
        return
    assert codenames.normalise_codename(normalised) == normalised


def test_it_derives_the_same_secrets_from_the_same_codename() -> None:
    first = codenames.derive_witness_secrets(RU, SALT, KDF_TEST)
    again = codenames.derive_witness_secrets(
        "МОРЕ лето-река окно книга утро снёг", SALT, KDF_TEST
    )
    assert first == again
    assert len(first.lookup_token) == 32
    assert crypto.keypair_from_secret(first.keypair.secret) == first.keypair


def test_it_derives_other_secrets_from_another_codename_or_salt() -> None:
    first = codenames.derive_witness_secrets(RU, SALT, KDF_TEST)
    other_salt = codenames.derive_witness_secrets(RU, SALT + b"!", KDF_TEST)
    other_name = codenames.derive_witness_secrets(
        RU.replace("снег", "дождь"), SALT, KDF_TEST
    )
    for other in (other_salt, other_name):
        assert other.lookup_token != first.lookup_token
        assert other.keypair.public != first.keypair.public


def test_it_keeps_the_token_apart_from_the_keys() -> None:
    secrets_ = codenames.derive_witness_secrets(RU, SALT, KDF_TEST)
    assert secrets_.lookup_token != secrets_.keypair.secret
    assert secrets_.lookup_token != secrets_.keypair.public
    assert secrets_.lookup_token.hex() not in repr(secrets_)


def test_it_seals_replies_readable_with_the_codename_only() -> None:
    witness = codenames.derive_witness_secrets(RU, SALT, KDF_TEST)
    reply = crypto.encrypt_record(b"We can meet you.", [witness.keypair.public])
    again = codenames.derive_witness_secrets(RU.upper(), SALT, KDF_TEST)
    assert crypto.decrypt_record(reply, again.keypair) == b"We can meet you."
    stranger = codenames.derive_witness_secrets(
        codenames.generate_codename(), SALT, KDF_TEST
    )
    with pytest.raises(crypto.WrongKey):
        crypto.decrypt_record(reply, stranger.keypair)


def test_it_refuses_a_short_installation_salt() -> None:
    with pytest.raises(crypto.CryptoError):
        codenames.derive_witness_secrets(RU, b"short", KDF_TEST)


def test_it_refuses_a_malformed_codename_before_deriving() -> None:
    with pytest.raises(MalformedCodename):
        codenames.derive_witness_secrets("море лето", SALT, KDF_TEST)


def test_the_build_script_documents_its_filters() -> None:
    script = (REPO / "scripts" / "build_wordlists.py").read_text(encoding="utf-8")
    assert "wordfreq" in script and "7,776" in script
