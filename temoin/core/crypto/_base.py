"""Sizes, format bytes, secret types and the small helpers every construction shares."""

from __future__ import annotations

import hashlib
import secrets
from typing import NewType

import nacl.exceptions
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
)

from temoin.core.crypto.errors import (
    CryptoError,
    TamperedData,
    UnknownFormat,
    WrongKey,
)

# --- Secrets have their own types, so that a signature says what it handles.

SecretKey = NewType("SecretKey", bytes)
"""An X25519 secret key (32 bytes)."""

SigningSecret = NewType("SigningSecret", bytes)
"""An Ed25519 secret seed (32 bytes)."""

SessionKey = NewType("SessionKey", bytes)
"""A random 32-byte key that only the staff member's browser keeps."""

KEY_BYTES = 32
KEY_ID_BYTES = 8
_NONCE_BYTES = 24
_TAG_BYTES = 16
_CHECK_BYTES = 16
_SEALED_KEY_BYTES = KEY_BYTES + 48  # a sealed box adds an ephemeral key and a MAC

# Format bytes: high nibble = kind of object, low nibble = version.
_FORMAT_RECORD = 0x11
_FORMAT_PASSWORD_WRAP = 0x21
_FORMAT_SESSION_WRAP = 0x31
_FORMAT_GRANT = 0x41
_FORMAT_ORG_SECRETS = 0x61
_ALG_V1 = 0x01


# --- Small helpers ----------------------------------------------------------


def key_id(public_key: bytes) -> bytes:
    """Return the 8-byte id of an X25519 public key (BLAKE2b), as used in records."""
    return hashlib.blake2b(public_key, digest_size=KEY_ID_BYTES).digest()


def _subkey(master: bytes, purpose: bytes, size: int = KEY_BYTES) -> bytes:
    # Keyed BLAKE2b with a personalisation per purpose (libsodium's crypto_kdf
    # construction): one master key yields independent keys for each use.
    return hashlib.blake2b(b"", key=master, person=purpose, digest_size=size).digest()


def _key_and_check(master: bytes) -> tuple[bytes, bytes]:
    # The check value lets a reader tell "wrong password/key" from "altered
    # ciphertext". It reveals nothing more than the AEAD tag already does.
    return (
        _subkey(master, b"temoin.aead-key"),
        _subkey(master, b"temoin.key-check", _CHECK_BYTES),
    )


def _seal_checked(plaintext: bytes, header: bytes, master: bytes) -> bytes:
    # Layout: header, key check, nonce, AEAD box (header as associated data).
    key, check = _key_and_check(master)
    return header + check + _aead_encrypt(plaintext, header, key)


def _open_checked(
    blob: bytes, header_size: int, master: bytes, wrong_key_message: str
) -> bytes:
    if len(blob) < header_size + _CHECK_BYTES + _NONCE_BYTES + _TAG_BYTES:
        raise TamperedData("The wrapped key is shorter than its format allows.")
    header = blob[:header_size]
    stored_check = blob[header_size : header_size + _CHECK_BYTES]
    key, check = _key_and_check(master)
    try:
        plaintext = _aead_decrypt(blob[header_size + _CHECK_BYTES :], header, key)
    except TamperedData:
        if secrets.compare_digest(check, stored_check):
            raise
        raise WrongKey(wrong_key_message) from None
    if not secrets.compare_digest(check, stored_check):
        raise TamperedData("The key check value was altered.")
    return plaintext


def _aead_encrypt(plaintext: bytes, header: bytes, key: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return nonce + crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext, header, nonce, key
    )


def _aead_decrypt(nonce_and_box: bytes, header: bytes, key: bytes) -> bytes:
    nonce, box = nonce_and_box[:_NONCE_BYTES], nonce_and_box[_NONCE_BYTES:]
    if len(nonce) != _NONCE_BYTES or len(box) < _TAG_BYTES:
        raise TamperedData("The encrypted data is shorter than its format allows.")
    try:
        return crypto_aead_xchacha20poly1305_ietf_decrypt(box, header, nonce, key)
    except nacl.exceptions.CryptoError:
        raise TamperedData("The encrypted data was altered.") from None


def _check_kind(blob: bytes, format_byte: int, what: str) -> None:
    if len(blob) < 2 or blob[0] != format_byte or blob[1] != _ALG_V1:
        raise UnknownFormat(f"These bytes are not a {what} this version can read.")


def _check_public_key(public_key: bytes) -> None:
    if not isinstance(public_key, bytes) or len(public_key) != KEY_BYTES:
        raise CryptoError("A public key must be 32 bytes.")
