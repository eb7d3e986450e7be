"""The crypto core of temoin: keys, key wrapping, grants, sessions, records, signing.

Every construction is one of libsodium's, used as it is through PyNaCl:

- X25519 sealed boxes (``crypto_box_seal``) to give a key to a public key;
- XChaCha20-Poly1305-IETF (AEAD) for every symmetric encryption;
- Argon2id (``crypto_pwhash``) to turn a password into a key;
- keyed BLAKE2b (``crypto_generichash``) for key ids and sub-keys;
- Ed25519 for signatures.

Every byte string this module produces starts with a format byte (high nibble:
the kind of object, low nibble: its version) and an algorithm id, so that a
blob of the wrong kind or of a future version is refused with
:class:`UnknownFormat` instead of being misread. ``docs/security/crypto.md``
gives the byte layouts and the reasons behind them.

Failures raise one exception family, :class:`CryptoError`; no exception from
PyNaCl escapes this module.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import secrets
import struct
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NewType

import nacl.exceptions
import nacl.pwhash.argon2id
import nacl.signing
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
)
from nacl.public import PrivateKey, PublicKey, SealedBox

__all__ = [
    "CODENAME_KDF",
    "KDF_BY_NAME",
    "KDF_INTERACTIVE",
    "KDF_MODERATE",
    "KDF_SENSITIVE",
    "KDF_TEST",
    "PASSWORD_KDF",
    "CryptoError",
    "ItemShredded",
    "KdfParams",
    "KeyPair",
    "MalformedCodename",
    "OrgPublicKeys",
    "OrgSecretKeys",
    "SecretKey",
    "SessionKey",
    "SigningSecret",
    "TamperedData",
    "TruncatedStream",
    "UnknownFormat",
    "WrongKey",
    "canonical_json",
    "decode_session_key",
    "decrypt_record",
    "encode_session_key",
    "encrypt_record",
    "generate_keypair",
    "generate_org_keys",
    "key_id",
    "keypair_from_org",
    "keypair_from_secret",
    "open_grant",
    "seal_grant",
    "shred_record",
    "sign_document",
    "unwrap_session",
    "unwrap_with_password",
    "verify_document",
    "wrap_for_session",
    "wrap_with_password",
]

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


# --- Exceptions -------------------------------------------------------------


class CryptoError(Exception):
    """Base of every error raised by the crypto core; its message is one sentence."""


class WrongKey(CryptoError):
    """The key, password or codename given does not open this item."""


class ItemShredded(WrongKey):
    """The item was crypto-shredded: its data key is destroyed for good."""


class TamperedData(CryptoError):
    """Authentication failed: the bytes were altered, cut short or extended."""


class TruncatedStream(TamperedData):
    """A stream ended before its final tag.

    A cut-short stream is altered data, so this is a kind of
    :class:`TamperedData`: a caller that only asks "was it altered?" catches both.
    """


class UnknownFormat(CryptoError):
    """An unknown format byte or algorithm id, or a structure that is not ours."""


class MalformedCodename(CryptoError):
    """A codename has the wrong number of words or a word not in the list."""


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


# --- Records: one data key per item, sealed to each recipient ---------------

_RECORD_PREFIX = struct.Struct(">BBB")  # format, alg, number of recipients
_SLOT_BYTES = KEY_ID_BYTES + _SEALED_KEY_BYTES
_SHREDDED_SLOT = bytes(_SEALED_KEY_BYTES)


def encrypt_record(
    plaintext: bytes, recipients: Sequence[bytes], *, context: bytes = b""
) -> bytes:
    """Encrypt ``plaintext`` under a fresh data key sealed to every recipient.

    ``recipients`` are X25519 public keys (the organisation's, and for example a
    witness's). ``context``, if given, is authenticated but not stored: the
    same bytes must be passed to :func:`decrypt_record`, which binds a record to
    its place (say ``b"testimony:42:body"``) so it cannot be moved to another.
    """
    if not 1 <= len(recipients) <= 255:
        raise CryptoError("A record needs between 1 and 255 recipients.")
    for public_key in recipients:
        _check_public_key(public_key)
    if len({bytes(public_key) for public_key in recipients}) != len(recipients):
        raise CryptoError("A record's recipients must be distinct.")
    data_key = secrets.token_bytes(KEY_BYTES)
    slots = b"".join(
        key_id(public_key) + bytes(SealedBox(PublicKey(public_key)).encrypt(data_key))
        for public_key in recipients
    )
    header = _RECORD_PREFIX.pack(_FORMAT_RECORD, _ALG_V1, len(recipients)) + slots
    return header + _aead_encrypt(plaintext, header + context, data_key)


def decrypt_record(blob: bytes, keypair: KeyPair, *, context: bytes = b"") -> bytes:
    """Decrypt a record with one recipient's key pair.

    Raises WrongKey if the key pair is not a recipient, ItemShredded (a WrongKey)
    if the record was shredded, TamperedData if any byte was altered, and
    UnknownFormat if the bytes are not a record.
    """
    header, data_key = _open_record_header(blob, keypair)
    return _aead_decrypt(blob[len(header) :], header + context, data_key)


def _open_record_header(blob: bytes, keypair: KeyPair) -> tuple[bytes, bytes]:
    _check_kind(blob, _FORMAT_RECORD, "record")
    if len(blob) < _RECORD_PREFIX.size:
        raise TamperedData("The record is shorter than its header.")
    count = blob[2]
    header_size = _RECORD_PREFIX.size + count * _SLOT_BYTES
    if count == 0 or len(blob) < header_size + _NONCE_BYTES + _TAG_BYTES:
        raise TamperedData("The record is shorter than its header says.")
    header = blob[:header_size]
    slots = [
        header[offset : offset + _SLOT_BYTES]
        for offset in range(_RECORD_PREFIX.size, header_size, _SLOT_BYTES)
    ]
    own_id = key_id(keypair.public)
    box = SealedBox(PrivateKey(keypair.secret))
    ours = [slot for slot in slots if slot[:KEY_ID_BYTES] == own_id]
    # The key id is a hint for speed; when it fails, try every slot so that an
    # altered key id is reported as tampering, not as "not a recipient".
    for slot in ours + [slot for slot in slots if slot not in ours]:
        sealed = slot[KEY_ID_BYTES:]
        if sealed == _SHREDDED_SLOT:
            if slot in ours:
                raise ItemShredded("This item was shredded and can never be opened.")
            continue
        try:
            return header, box.decrypt(sealed)
        except nacl.exceptions.CryptoError:
            if slot in ours:
                raise TamperedData(
                    "The record's sealed data key was altered."
                ) from None
    if _id_beyond_header(blob, header_size, own_id):
        raise TamperedData("The record's recipient count was altered.")
    raise WrongKey("This item is not encrypted to this key.")


def _id_beyond_header(blob: bytes, header_size: int, own_id: bytes) -> bool:
    # A lowered recipient count hides the last slots: look for this key's id
    # where those slots would be, to report tampering rather than a wrong key.
    offsets = range(header_size, len(blob) - _SLOT_BYTES + 1, _SLOT_BYTES)
    return any(blob[offset : offset + KEY_ID_BYTES] == own_id for offset in offsets)


def shred_record(blob: bytes) -> bytes:
    """Return the record with every sealed data key zeroed (crypto-shredding).

    Nobody, whatever keys they hold, can open the result: the data key existed
    only inside the sealed slots. Shredding holds only if no other copy of the
    original blob survives (backups, replicas, database free pages).
    """
    _check_kind(blob, _FORMAT_RECORD, "record")
    if len(blob) < _RECORD_PREFIX.size:
        raise TamperedData("The record is shorter than its header.")
    count = blob[2]
    header_size = _RECORD_PREFIX.size + count * _SLOT_BYTES
    if count == 0 or len(blob) < header_size:
        raise TamperedData("The record is shorter than its header says.")
    shredded = bytearray(blob)
    for offset in range(_RECORD_PREFIX.size, header_size, _SLOT_BYTES):
        start = offset + KEY_ID_BYTES
        shredded[start : start + _SEALED_KEY_BYTES] = _SHREDDED_SLOT
    return bytes(shredded)


# --- Canonical JSON and signed documents ------------------------------------

SIGNATURE_ALG = "ed25519"
# Signatures cover this prefix and the canonical JSON, so that a signature made
# for a document can never be taken for a signature over anything else.
SIGNING_CONTEXT = b"temoin signed document v1\n"


def canonical_json(obj: Any) -> bytes:
    """Serialise ``obj`` as canonical JSON: sorted keys, no spaces, UTF-8.

    Raises UnknownFormat for what has no single JSON form: NaN and infinities,
    non-string keys, lone surrogates and non-JSON types.
    """
    _check_canonical(obj)
    try:
        text = json.dumps(
            obj,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as error:
        raise UnknownFormat("This value has no canonical JSON form.") from error


def _check_canonical(obj: Any) -> None:
    # json.dumps silently turns int keys into strings and tuples into lists;
    # either would make a verifier recompute different bytes, so refuse them.
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise UnknownFormat("JSON object keys must be strings.")
            _check_canonical(value)
    elif isinstance(obj, list):
        for value in obj:
            _check_canonical(value)
    elif isinstance(obj, float):
        if not math.isfinite(obj):
            raise UnknownFormat("NaN and infinities have no JSON form.")
    elif obj is not None and not isinstance(obj, str | int | bool):
        raise UnknownFormat(f"A {type(obj).__name__} has no canonical JSON form.")


def sign_document(doc: dict[str, Any], org: OrgSecretKeys) -> dict[str, Any]:
    """Sign a JSON document with the organisation's Ed25519 key.

    Returns ``{"document": doc, "signature": {"alg", "key_id", "value"}}`` where
    ``value`` is the base64 signature over ``SIGNING_CONTEXT`` followed by the
    document's canonical JSON.
    """
    message = canonical_json(doc)
    signature = nacl.signing.SigningKey(org.signing).sign(SIGNING_CONTEXT + message)
    return {
        # A fresh copy of what was signed, so later changes to ``doc`` by the
        # caller cannot make the returned certificate disagree with its signature.
        "document": json.loads(message),
        "signature": {
            "alg": SIGNATURE_ALG,
            "key_id": org.public().key_id,
            "value": base64.b64encode(signature.signature).decode("ascii"),
        },
    }


def verify_document(
    signed: dict[str, Any], trusted_signing_keys: Mapping[str, bytes]
) -> dict[str, Any]:
    """Check a signed document and return the document.

    ``trusted_signing_keys`` maps key ids to Ed25519 public keys. Raises WrongKey
    for a key id not in it, TamperedData for a bad signature, UnknownFormat for
    a structure that is not a signed document.
    """
    if not isinstance(signed, dict) or set(signed) != {"document", "signature"}:
        raise UnknownFormat("A signed document has exactly a document and a signature.")
    doc, signature = signed["document"], signed["signature"]
    if not isinstance(doc, dict) or not isinstance(signature, dict):
        raise UnknownFormat("The document and its signature must be JSON objects.")
    if set(signature) != {"alg", "key_id", "value"}:
        raise UnknownFormat("A signature has exactly alg, key_id and value.")
    if signature["alg"] != SIGNATURE_ALG:
        raise UnknownFormat("The signature algorithm is not ed25519.")
    value, signer = signature["value"], signature["key_id"]
    if not isinstance(value, str) or not isinstance(signer, str):
        raise UnknownFormat("The signature's key_id and value must be strings.")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise UnknownFormat("The signature value is not base64.") from None
    # Base64 has several spellings of the same bytes (unused low bits): accept
    # one only, so that a signed document has exactly one valid form.
    if base64.b64encode(raw).decode("ascii") != value:
        raise UnknownFormat("The signature value is not in canonical base64.")
    if signer not in trusted_signing_keys:
        raise WrongKey(f"The signing key {signer!r} is not a trusted key.")
    message = SIGNING_CONTEXT + canonical_json(doc)
    trusted_key = trusted_signing_keys[signer]
    if len(trusted_key) != KEY_BYTES:
        raise CryptoError(f"The trusted signing key {signer!r} is not 32 bytes.")
    try:
        nacl.signing.VerifyKey(trusted_key).verify(message, raw)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise TamperedData("The signature does not match the document.") from None
    return doc
