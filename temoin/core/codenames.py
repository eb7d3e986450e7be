"""Witness codenames: random words shown once, and the secrets derived from them.

A codename is the witness's only identity. It is 7 words drawn uniformly with
``secrets`` from a list of 7,776 (over 90 bits), so it cannot be guessed even
by someone holding the database and any amount of computing power. One Argon2id
derivation turns it, with the installation's salt, into both the lookup token
that the server stores and the X25519 key pair to which replies are sealed.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from nacl.public import PrivateKey

from temoin.core.crypto import (
    CODENAME_KDF,
    CryptoError,
    KdfParams,
    KeyPair,
    MalformedCodename,
    SecretKey,
    derive_key,
)

__all__ = [
    "LANGUAGES",
    "WORDS_PER_CODENAME",
    "WitnessSecrets",
    "codename_entropy_bits",
    "derive_witness_secrets",
    "generate_codename",
    "load_wordlist",
    "normalise_codename",
]

Language = Literal["ru", "en"]
LANGUAGES: tuple[Language, ...] = ("ru", "en")
WORDS_PER_CODENAME = 7  # 7 * log2(7776) = 90.5 bits >= 80
WORDLIST_SIZE = 7776
_MIN_SALT_BYTES = 16

# Witnesses copy codenames from paper or another app: accept any run of spaces,
# dashes, underscores or punctuation between words.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.,;:·/]+")
_CYRILLIC = re.compile(r"[а-я]")
# Latin letters that look like Cyrillic ones once typed or lower-cased, for a
# Russian word typed partly on a Latin keyboard.
_LATIN_LOOKALIKES = str.maketrans("abcehkmoptxy", "авсенкмортху")


@functools.cache
def load_wordlist(lang: Language) -> tuple[str, ...]:
    """Return the 7,776 words of the ``lang`` list, sorted (cached)."""
    if lang not in LANGUAGES:
        raise CryptoError(f"There is no codename word list for {lang!r}.")
    text = resources.files("temoin.core.wordlists").joinpath(f"{lang}.txt")
    words = tuple(text.read_text(encoding="utf-8").split())
    if len(words) != WORDLIST_SIZE or len(set(words)) != WORDLIST_SIZE:
        raise CryptoError(f"The {lang} word list is damaged.")
    return words


@functools.cache
def _word_set(lang: Language) -> frozenset[str]:
    return frozenset(load_wordlist(lang))


def generate_codename(lang: str = "ru") -> str:
    """Return a new random codename: words from the ``lang`` list, spaced."""
    words = load_wordlist(_language(lang))
    return " ".join(secrets.choice(words) for _ in range(WORDS_PER_CODENAME))


def normalise_codename(text: str) -> str:
    """Return the one spelling of a codename, or raise MalformedCodename.

    Case, ё/е, Unicode forms, Latin look-alike letters in Russian words and the
    separators between words do not matter. The error says which word is
    wrong by position only: an error message may be logged, and the words of a
    codename are a secret.
    """
    folded = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    words = [_fix_script(word) for word in _SEPARATORS.split(folded) if word]
    if len(words) != WORDS_PER_CODENAME:
        raise MalformedCodename(
            f"A codename has {WORDS_PER_CODENAME} words; this one has {len(words)}."
        )
    # The list with the most words in common is the codename's language.
    lang = max(LANGUAGES, key=lambda lang: sum(w in _word_set(lang) for w in words))
    for position, word in enumerate(words, start=1):
        if word not in _word_set(lang):
            raise MalformedCodename(f"Word {position} is not in the word list.")
    return " ".join(words)


def _fix_script(word: str) -> str:
    if _CYRILLIC.search(word):
        return word.translate(_LATIN_LOOKALIKES)
    return word


def codename_entropy_bits(lang: str) -> float:
    """Return the entropy of a random codename from the ``lang`` list, in bits."""
    return WORDS_PER_CODENAME * math.log2(len(load_wordlist(_language(lang))))


def _language(lang: str) -> Language:
    for known in LANGUAGES:
        if lang == known:
            return known
    raise CryptoError(f"There is no codename word list for {lang!r}.")


@dataclass(frozen=True)
class WitnessSecrets:
    """What a codename opens: the server's lookup token and the witness's keys."""

    lookup_token: bytes = field(repr=False)  # 32 bytes, stored by the server
    keypair: KeyPair = field(repr=False)


def derive_witness_secrets(
    codename: str, installation_salt: bytes, params: KdfParams = CODENAME_KDF
) -> WitnessSecrets:
    """Derive the lookup token and X25519 key pair of a codename.

    One Argon2id derivation (64 bytes) per call, the whole budget of a
    submission: the first half gives the lookup token, the second the key
    pair's seed, so knowing the token reveals nothing about the keys. The
    ``installation_salt`` (16 bytes or more, from the settings) makes
    precomputed tables useless across installations.
    """
    if len(installation_salt) < _MIN_SALT_BYTES:
        raise CryptoError("The installation salt must be at least 16 bytes.")
    salt = hashlib.blake2b(
        installation_salt, digest_size=16, person=b"temoin.codename"
    ).digest()
    normalised = normalise_codename(codename).encode("utf-8")
    derived = derive_key(normalised, salt, params, size=64)
    token = hashlib.blake2b(
        derived[:32], digest_size=32, person=b"temoin.lookup"
    ).digest()
    private = PrivateKey.from_seed(derived[32:])
    keypair = KeyPair(bytes(private.public_key), SecretKey(bytes(private)))
    return WitnessSecrets(lookup_token=token, keypair=keypair)
