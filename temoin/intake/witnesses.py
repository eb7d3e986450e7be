"""Codenames: making one, and finding a submission again from one.

One Argon2id derivation per submission or per attempt. A wrong codename costs
the same work and gets the same answer whatever was wrong with it. Guessing is
limited per lookup token and for the whole site, in the shared cache, never by
client address (which the server does not know).
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from temoin.core import codenames, crypto
from temoin.intake.keys import codename_kdf, installation_salt
from temoin.intake.models import Submission

GUESS_WINDOW_SECONDS = 15 * 60
GLOBAL_WINDOW_SECONDS = 60
# A codename-shaped string that is never handed out: malformed input is
# derived from this instead, so that it costs exactly the same work.
_PLACEHOLDER_LANGUAGE = "en"
_placeholder: str | None = None
_CLOSEST_WORDLIST = {"uk": "ru", "fr": "en"}


class TooManyGuesses(Exception):
    """Too many wrong codenames recently, for this codename or for everyone."""


@dataclass(frozen=True)
class Witness:
    submission: Submission
    keypair: crypto.KeyPair


def new_witness(language: str) -> tuple[str, codenames.WitnessSecrets]:
    """A fresh codename in the witness's language, and what it derives."""
    try:
        codename = codenames.generate_codename(language)
    except crypto.CryptoError:  # no word list in this language
        codename = codenames.generate_codename(_CLOSEST_WORDLIST.get(language, "en"))
    return codename, derive(codename)


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# Derivations at once in one process: as many as the cores it may use.
# Argon2id runs in C without the GIL, so one process can derive on every core
# while its other threads serve requests. One at a time per process (a lock)
# left a core idle after each derivation until the next queued request got
# the GIL back to start its own; under a burst it capped the server at about
# half its derivation bound (docs/intake.md, Benchmark). The bound still
# caps memory in a flood (cores x the KDF's memory, 64 MiB per derivation for
# "interactive") instead of one derivation per server thread.
_derivations = threading.BoundedSemaphore(_usable_cores())


def derive(codename: str) -> codenames.WitnessSecrets:
    """The lookup token and key pair of a codename (one Argon2id derivation)."""
    salt = installation_salt()
    with _derivations:
        return codenames.derive_witness_secrets(codename, salt, codename_kdf())


def _placeholder_codename() -> str:
    global _placeholder
    if _placeholder is None:
        _placeholder = codenames.generate_codename(_PLACEHOLDER_LANGUAGE)
    return _placeholder


def _counter(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _count(key: str) -> int:
    value = cache.get(key)
    return int(value) if isinstance(value, int) else 0


def _global_key() -> str:
    return "intake:guesses:all"


def _token_key(token: bytes) -> str:
    # A hash of the token: the cache never holds what opens the database row.
    return "intake:guesses:" + hashlib.blake2b(token, digest_size=16).hexdigest()


def find_witness(text: str) -> Witness | None:
    """The submission and key pair a codename opens, or None.

    Raises TooManyGuesses when guessing is being limited. Malformed, unknown
    and correct codenames all cost one derivation and one lookup.
    """
    if _count(_global_key()) >= settings.INTAKE_GUESSES_PER_MINUTE:
        raise TooManyGuesses
    try:
        codename = codenames.normalise_codename(text)
        well_formed = True
    except crypto.MalformedCodename:
        codename = _placeholder_codename()
        well_formed = False
    secrets = derive(codename)
    token_key = _token_key(secrets.lookup_token)
    submission = Submission.objects.filter(lookup_token=secrets.lookup_token).first()
    if _count(token_key) >= settings.INTAKE_GUESSES_PER_CODENAME:
        raise TooManyGuesses
    if submission is None or not well_formed:
        _counter(_global_key(), GLOBAL_WINDOW_SECONDS)
        _counter(token_key, GUESS_WINDOW_SECONDS)
        return None
    return Witness(submission, secrets.keypair)
