"""Argon2id: named cost parameters and key derivation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import nacl.pwhash.argon2id

from temoin.core.crypto._base import KEY_BYTES
from temoin.core.crypto.errors import CryptoError

# --- Key derivation parameters ----------------------------------------------

# A wrapped blob carries its own parameters; these caps stop a forged blob from
# asking for terabytes of memory or hours of work.
_MAX_OPSLIMIT = 16
_MAX_MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_SENSITIVE


@dataclass(frozen=True)
class KdfParams:
    """Cost parameters of one Argon2id derivation."""

    opslimit: int
    memlimit: int
    name: str = "custom"

    def __post_init__(self) -> None:
        if not nacl.pwhash.argon2id.OPSLIMIT_MIN <= self.opslimit <= _MAX_OPSLIMIT:
            raise CryptoError(f"Argon2id opslimit {self.opslimit} is out of range.")
        if not (
            nacl.pwhash.argon2id.MEMLIMIT_MIN <= self.memlimit <= _MAX_MEMLIMIT
            and self.memlimit % 1024 == 0
        ):
            raise CryptoError(
                f"Argon2id memlimit {self.memlimit} is out of range or not whole KiB."
            )


KDF_INTERACTIVE = KdfParams(
    nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
    nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    "interactive",
)
KDF_MODERATE = KdfParams(
    nacl.pwhash.argon2id.OPSLIMIT_MODERATE,
    nacl.pwhash.argon2id.MEMLIMIT_MODERATE,
    "moderate",
)
KDF_SENSITIVE = KdfParams(
    nacl.pwhash.argon2id.OPSLIMIT_SENSITIVE,
    nacl.pwhash.argon2id.MEMLIMIT_SENSITIVE,
    "sensitive",
)
# The cheapest parameters libsodium accepts: for tests only, never for real data.
KDF_TEST = KdfParams(
    nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN, "test"
)

# For settings that name a parameter set ("moderate", or "test" in tests).
KDF_BY_NAME: Mapping[str, KdfParams] = MappingProxyType(
    {
        params.name: params
        for params in (KDF_TEST, KDF_INTERACTIVE, KDF_MODERATE, KDF_SENSITIVE)
    }
)

# Staff passwords are chosen by people and have little entropy, so each guess
# must be expensive (about half a second, 256 MiB).
PASSWORD_KDF = KDF_MODERATE
# A codename is 7 random words (over 90 bits): no guessing attack is feasible
# whatever the cost per guess, so the cheap setting only keeps submissions fast
# (one derivation per request is the budget).
CODENAME_KDF = KDF_INTERACTIVE


def derive_key(
    password: bytes, salt: bytes, params: KdfParams, size: int = KEY_BYTES
) -> bytes:
    """Derive ``size`` bytes from a password and a 16-byte salt with Argon2id."""
    return nacl.pwhash.argon2id.kdf(
        size, password, salt, opslimit=params.opslimit, memlimit=params.memlimit
    )
