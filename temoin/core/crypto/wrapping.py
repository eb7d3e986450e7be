"""Secrets wrapped for a person: with a password, as a grant to a staff member,
and re-wrapped for one browser session."""

from __future__ import annotations

import base64
import binascii
import secrets
import struct
import unicodedata

import nacl.exceptions
import nacl.pwhash.argon2id
from nacl.public import PrivateKey, PublicKey, SealedBox

from temoin.core.crypto._base import (
    _ALG_V1,
    _FORMAT_GRANT,
    _FORMAT_PASSWORD_WRAP,
    _FORMAT_SESSION_WRAP,
    KEY_BYTES,
    SessionKey,
    _check_kind,
    _check_public_key,
    _open_checked,
    _seal_checked,
    key_id,
)
from temoin.core.crypto.errors import (
    CryptoError,
    TamperedData,
    WrongKey,
)
from temoin.core.crypto.kdf import (
    PASSWORD_KDF,
    KdfParams,
    derive_key,
)
from temoin.core.crypto.keys import (
    KeyPair,
    OrgPublicKeys,
    OrgSecretKeys,
)

# --- Secrets wrapped with a password ----------------------------------------

# The check value is kept out of the associated data on purpose: with the right
# key an altered check still decrypts, so it can be reported as tampering.
_PASSWORD_HEADER = struct.Struct(">BBII16s")  # format, alg, ops, mem KiB, salt


def wrap_with_password(
    secret: bytes, password: str, params: KdfParams = PASSWORD_KDF
) -> bytes:
    """Encrypt ``secret`` under a key derived from ``password`` with Argon2id.

    The result carries its format, the Argon2id parameters and the salt, so it
    can be opened later even after the default parameters change.
    """
    salt = secrets.token_bytes(nacl.pwhash.argon2id.SALTBYTES)
    header = _PASSWORD_HEADER.pack(
        _FORMAT_PASSWORD_WRAP, _ALG_V1, params.opslimit, params.memlimit // 1024, salt
    )
    master = derive_key(_password_bytes(password), salt, params)
    return _seal_checked(secret, header, master)


def unwrap_with_password(wrapped: bytes, password: str) -> bytes:
    """Open the output of :func:`wrap_with_password`; WrongKey on a bad password."""
    _check_kind(wrapped, _FORMAT_PASSWORD_WRAP, "password-wrapped key")
    if len(wrapped) < _PASSWORD_HEADER.size:
        raise TamperedData("The wrapped key is shorter than its header.")
    _, _, opslimit, mem_kib, salt = _PASSWORD_HEADER.unpack_from(wrapped)
    try:
        params = KdfParams(opslimit, mem_kib * 1024)
    except CryptoError:
        raise TamperedData("The wrapped key names impossible KDF costs.") from None
    master = derive_key(_password_bytes(password), salt, params)
    return _open_checked(
        wrapped, _PASSWORD_HEADER.size, master, "The password is wrong."
    )


def _password_bytes(password: str) -> bytes:
    # The same password typed on two devices can arrive composed or decomposed
    # (Cyrillic й is one code point or two): NFC makes them the same bytes.
    return unicodedata.normalize("NFC", password).encode("utf-8")


# --- Grants: the organisation's secrets sealed to one staff member ----------

_GRANT_HEADER = struct.Struct(">BB8s")  # format, alg, member key id


def seal_grant(org: OrgSecretKeys, member_public: bytes) -> bytes:
    """Seal the organisation's secret keys to a staff member's public key."""
    _check_public_key(member_public)
    header = _GRANT_HEADER.pack(_FORMAT_GRANT, _ALG_V1, key_id(member_public))
    return header + bytes(SealedBox(PublicKey(member_public)).encrypt(org.to_bytes()))


def open_grant(
    grant: bytes, member: KeyPair, *, expected: OrgPublicKeys | None = None
) -> OrgSecretKeys:
    """Open a grant with the member's key pair.

    A sealed box is anonymous: anyone can seal *some* keys to a member. Pass the
    organisation's known public keys as ``expected`` so that a forged grant is
    refused (WrongKey) instead of silently used.
    """
    _check_kind(grant, _FORMAT_GRANT, "grant")
    if len(grant) < _GRANT_HEADER.size:
        raise TamperedData("The grant is shorter than its header.")
    _, _, member_id = _GRANT_HEADER.unpack(grant[: _GRANT_HEADER.size])
    box = grant[_GRANT_HEADER.size :]
    try:
        org_bytes = SealedBox(PrivateKey(member.secret)).decrypt(box)
    except nacl.exceptions.CryptoError:
        if member_id != key_id(member.public):
            raise WrongKey("This grant was made for another staff member.") from None
        raise TamperedData("The grant was altered.") from None
    if member_id != key_id(member.public):
        raise TamperedData("The grant's member id was altered.")
    org = OrgSecretKeys.from_bytes(org_bytes)
    if expected is not None and org.public() != expected:
        raise WrongKey("The grant holds keys of another organisation.")
    return org


# --- Session re-wrap: the browser holds the key, the server the blob --------

_SESSION_HEADER = struct.Struct(">BB")  # format, alg


def wrap_for_session(org: OrgSecretKeys) -> tuple[SessionKey, bytes]:
    """Wrap the organisation keys with a fresh random session key.

    Give the key to the browser only (an HttpOnly, Secure, SameSite=Strict
    cookie) and keep the wrapped bytes in the server-side session: either one
    alone opens nothing.
    """
    session_key = SessionKey(secrets.token_bytes(KEY_BYTES))
    header = _SESSION_HEADER.pack(_FORMAT_SESSION_WRAP, _ALG_V1)
    return session_key, _seal_checked(org.to_bytes(), header, session_key)


def unwrap_session(session_key: SessionKey, wrapped: bytes) -> OrgSecretKeys:
    """Open the organisation keys wrapped by :func:`wrap_for_session`."""
    _check_kind(wrapped, _FORMAT_SESSION_WRAP, "session-wrapped key")
    if len(session_key) != KEY_BYTES:
        raise WrongKey("The session key is not 32 bytes long.")
    org_bytes = _open_checked(
        wrapped,
        _SESSION_HEADER.size,
        session_key,
        "The session key does not open these keys.",
    )
    return OrgSecretKeys.from_bytes(org_bytes)


def encode_session_key(session_key: SessionKey) -> str:
    """Encode a session key for a cookie (URL-safe base64, no padding)."""
    return base64.urlsafe_b64encode(session_key).rstrip(b"=").decode("ascii")


def decode_session_key(text: str) -> SessionKey:
    """Decode :func:`encode_session_key`'s output; WrongKey if it is not one."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise WrongKey("The session key is not valid base64.") from None
    if len(raw) != KEY_BYTES:
        raise WrongKey("The session key is not 32 bytes long.")
    return SessionKey(raw)
