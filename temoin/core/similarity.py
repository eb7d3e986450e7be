"""Near-duplicate and templated testimony: MinHash and LSH over keyed shingles.

A testimony is cut into overlapping word triples (*shingles*). Each shingle is
hashed with a blind-index key (keyed BLAKE2b) before MinHash sees it, so the
stored signature and band tokens are functions of keyed hashes only: without
the organisation's key they say nothing about the words, and nobody can test
whether a given sentence occurs in some testimony.

- :func:`signature` gives a testimony's MinHash (``datasketch``);
- :func:`band_tokens` cuts it into LSH bands, each reduced to one keyed token:
  stored beside the case, they find candidates with an indexed equality query;
- :func:`similarity` estimates the Jaccard similarity of two signatures, and
  :func:`classify` names what it means.

Two independent accounts of one event share names and dates but few word
triples (similarity under 0.15 in the tests); a copy with a few edits keeps
most of them (above 0.5).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from datasketch import LeanMinHash, MinHash, MinHashLSH

from temoin.core.blind_index import words_of

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "Likeness",
    "NearDuplicateIndex",
    "band_tokens",
    "classify",
    "shingles",
    "signature",
    "signature_from_bytes",
    "signature_to_bytes",
    "similarity",
]

NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 bands of 4: candidates from a similarity of about 0.4
SHINGLE_WORDS = 3
NEAR_DUPLICATE = 0.5
TEMPLATED = 0.3
_SEED = 1  # fixed: signatures made at different times must be comparable


class Likeness(StrEnum):
    """How alike two testimonies are."""

    NEAR_DUPLICATE = "near_duplicate"  # a copy with small edits
    TEMPLATED = "templated"  # the same skeleton with other details
    DISTINCT = "distinct"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The overlapping word ``size``-grams of a normalised text."""
    words = words_of(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _keyed_hash32(key: bytes) -> object:
    def hash32(data: bytes) -> int:
        digest = hashlib.blake2b(data, key=key, digest_size=4).digest()
        return int.from_bytes(digest, "little")

    return hash32


def signature(key: bytes, text: str) -> LeanMinHash:
    """The MinHash of a testimony's keyed shingles (``key``: a blind-index key)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_keyed_hash32(key))
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return LeanMinHash(minhash)


def signature_to_bytes(sig: LeanMinHash) -> bytes:
    """Serialise a signature for storage."""
    buffer = bytearray(sig.bytesize())
    sig.serialize(buffer)
    return bytes(buffer)


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """Read a signature stored with :func:`signature_to_bytes`."""
    return LeanMinHash.deserialize(bytearray(data))


def band_tokens(key: bytes, sig: LeanMinHash) -> list[str]:
    """One keyed token per LSH band: equal tokens make two testimonies candidates."""
    values = sig.hashvalues
    found = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        message = band.to_bytes(2, "big") + chunk
        found.append(hashlib.blake2b(message, key=key, digest_size=16).hexdigest())
    return found


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    """The estimated Jaccard similarity of two testimonies' shingles."""
    return float(a.jaccard(b))


def classify(score: float) -> Likeness:
    """What a similarity score means for a verifier."""
    if score >= NEAR_DUPLICATE:
        return Likeness.NEAR_DUPLICATE
    if score >= TEMPLATED:
        return Likeness.TEMPLATED
    return Likeness.DISTINCT


@dataclass(frozen=True)
class Match:
    """Another testimony that looks like the one being checked."""

    ident: str
    score: float
    likeness: Likeness


class NearDuplicateIndex:
    """An in-memory LSH index, for batch work inside a key holder's session."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
        self._signatures: dict[str, LeanMinHash] = {}

    def add(self, ident: str, sig: LeanMinHash) -> None:
        self._lsh.insert(ident, sig)
        self._signatures[ident] = sig

    def add_many(self, items: Iterable[tuple[str, LeanMinHash]]) -> None:
        with self._lsh.insertion_session() as session:
            for ident, sig in items:
                session.insert(ident, sig)
                self._signatures[ident] = sig

    def matches(self, sig: LeanMinHash, exclude: str | None = None) -> list[Match]:
        """Indexed testimonies at least templated-alike, most alike first."""
        found = []
        for ident in self._lsh.query(sig):
            if ident == exclude:
                continue
            score = similarity(sig, self._signatures[ident])
            likeness = classify(score)
            if likeness is not Likeness.DISTINCT:
                found.append(Match(ident, score, likeness))
        return sorted(found, key=lambda match: -match.score)
