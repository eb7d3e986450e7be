"""Keyed tokens ("blind indexes"): find equal values without storing them.

A token is a keyed BLAKE2b hash of a normalised value. The key is derived from
the organisation's secret key, so a copy of the database shows which rows share
a value but not what the value is, and nobody without the key can test a guess
("is any case about unit 12345?"). Every use gets its own key (its *purpose*):
tokens made for claim corroboration cannot be compared with tokens made for
staff full-text search, even for the same word.

Typical use::

    key = blind_index_key(org_secrets, "claims")
    token(key, "unit", "12345")          # -> 32 hex characters
    tokens(key, "word", words_of(text))  # -> a set, for full-text search

What a token still reveals, by design: equality (two rows with the same token
hold the same normalised value) and frequency (how many rows share it). Keep
token columns out of anything published, and prefer namespaces and combined
values (``"unit-month"``: ``"12345|2023-03"``) that are not too frequent.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from temoin.core.crypto import OrgSecretKeys

__all__ = [
    "TOKEN_BYTES",
    "blind_index_key",
    "normalise_text",
    "normalise_value",
    "token",
    "tokens",
    "words_of",
]

TOKEN_BYTES = 16
_KEY_BYTES = 32
_PERSON = b"temoin.blindidx1"  # BLAKE2b personalisation: 16 bytes at most
_MAX_PURPOSE = 64

_FOLD = str.maketrans({"ё": "е", "ї": "і", "’": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_SPACES = re.compile(r"\s+")


def blind_index_key(org: OrgSecretKeys, purpose: str) -> bytes:
    """Derive the 32-byte token key for one purpose from the organisation's keys.

    Keyed BLAKE2b (libsodium's ``crypto_kdf`` construction) over the purpose
    name, keyed with the organisation's X25519 secret: one key per purpose,
    independent of each other and of every other key made from that secret.
    ``purpose`` is a short ASCII name such as ``"claims"`` or ``"search"``.
    """
    if not purpose or len(purpose) > _MAX_PURPOSE or not purpose.isascii():
        raise ValueError("A blind-index purpose is a short ASCII name.")
    return hashlib.blake2b(
        purpose.encode("ascii"),
        key=bytes(org.encryption),
        person=_PERSON,
        digest_size=_KEY_BYTES,
    ).digest()


def normalise_text(text: str) -> str:
    """Fold case and spelling variants that should compare equal.

    NFKC, case folding, «ё» as «е», «ї» as «і», one kind of apostrophe, and
    runs of white space as one space.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return _SPACES.sub(" ", folded).strip()


def normalise_value(value: str) -> str:
    """:func:`normalise_text` without the punctuation around words."""
    return " ".join(words_of(value))


def words_of(text: str) -> list[str]:
    """The normalised words of ``text``, in order (hyphens, apostrophes kept)."""
    return _WORD.findall(normalise_text(text))


def token(key: bytes, namespace: str, value: str) -> str:
    """The keyed token of ``value`` in ``namespace``, as 32 hex characters.

    The value is normalised with :func:`normalise_value`; the namespace keeps
    equal strings of different kinds apart (a unit code and a year).
    """
    if len(key) != _KEY_BYTES:
        raise ValueError("A blind-index key is 32 bytes.")
    if not namespace or "\x00" in namespace:
        raise ValueError("A namespace is a non-empty name without NUL.")
    message = namespace.encode("utf-8") + b"\x00" + normalise_value(value).encode()
    return hashlib.blake2b(message, key=key, digest_size=TOKEN_BYTES).hexdigest()


def tokens(key: bytes, namespace: str, values: Iterable[str]) -> set[str]:
    """The set of tokens of several values in one namespace (empty ones skipped)."""
    return {token(key, namespace, value) for value in values if normalise_value(value)}
