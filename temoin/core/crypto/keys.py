"""Key pairs: X25519 for encryption, Ed25519 for signing; the organisation's pairs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import nacl.signing
from nacl.public import PrivateKey

from temoin.core.crypto._base import (
    _FORMAT_ORG_SECRETS,
    KEY_BYTES,
    SecretKey,
    SigningSecret,
)
from temoin.core.crypto.errors import (
    UnknownFormat,
)

# --- Key pairs --------------------------------------------------------------


@dataclass(frozen=True)
class KeyPair:
    """An X25519 key pair; its secret half never appears in a repr."""

    public: bytes
    secret: SecretKey = field(repr=False)


def generate_keypair() -> KeyPair:
    """Generate a random X25519 key pair (a staff member's personal keys)."""
    return keypair_from_secret(bytes(PrivateKey.generate()))


def keypair_from_secret(secret: bytes) -> KeyPair:
    """Rebuild the X25519 key pair from its 32-byte secret half."""
    if len(secret) != KEY_BYTES:
        raise UnknownFormat("An X25519 secret key must be 32 bytes.")
    return KeyPair(bytes(PrivateKey(secret).public_key), SecretKey(bytes(secret)))


@dataclass(frozen=True)
class OrgPublicKeys:
    """The organisation's public keys, published by the public site."""

    encryption: bytes
    signing: bytes

    @property
    def key_id(self) -> str:
        """A short hex id of both keys: the first 8 bytes of their BLAKE2b."""
        digest = hashlib.blake2b(self.encryption + self.signing, digest_size=8)
        return digest.hexdigest()


@dataclass(frozen=True)
class OrgSecretKeys:
    """The organisation's secret keys: X25519 for records, Ed25519 for signing."""

    encryption: SecretKey = field(repr=False)
    signing: SigningSecret = field(repr=False)

    def public(self) -> OrgPublicKeys:
        """Return the matching public keys."""
        return OrgPublicKeys(
            encryption=bytes(PrivateKey(self.encryption).public_key),
            signing=bytes(nacl.signing.SigningKey(self.signing).verify_key),
        )

    def to_bytes(self) -> bytes:
        """Serialise both secrets (65 bytes); only ever store the result wrapped."""
        return bytes([_FORMAT_ORG_SECRETS]) + self.encryption + self.signing

    @classmethod
    def from_bytes(cls, data: bytes) -> OrgSecretKeys:
        """Parse the output of :meth:`to_bytes`; raise UnknownFormat otherwise."""
        if len(data) != 1 + 2 * KEY_BYTES or data[0] != _FORMAT_ORG_SECRETS:
            raise UnknownFormat("These bytes are not organisation secret keys.")
        return cls(
            SecretKey(data[1 : 1 + KEY_BYTES]), SigningSecret(data[1 + KEY_BYTES :])
        )


def generate_org_keys() -> OrgSecretKeys:
    """Generate the organisation's X25519 and Ed25519 secret keys."""
    return OrgSecretKeys(
        SecretKey(bytes(PrivateKey.generate())),
        SigningSecret(bytes(nacl.signing.SigningKey.generate())),
    )


def keypair_from_org(org: OrgSecretKeys) -> KeyPair:
    """Return the organisation's X25519 key pair, to open records sealed to it."""
    return keypair_from_secret(org.encryption)
