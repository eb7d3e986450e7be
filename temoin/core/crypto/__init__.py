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

from temoin.core.crypto._base import (
    KEY_BYTES,
    KEY_ID_BYTES,
    SecretKey,
    SessionKey,
    SigningSecret,
    key_id,
)
from temoin.core.crypto.errors import (
    CryptoError,
    ItemShredded,
    MalformedCodename,
    TamperedData,
    TruncatedStream,
    UnknownFormat,
    WrongKey,
)
from temoin.core.crypto.kdf import (
    CODENAME_KDF,
    KDF_BY_NAME,
    KDF_INTERACTIVE,
    KDF_MODERATE,
    KDF_SENSITIVE,
    KDF_TEST,
    PASSWORD_KDF,
    KdfParams,
    derive_key,
)
from temoin.core.crypto.keys import (
    KeyPair,
    OrgPublicKeys,
    OrgSecretKeys,
    generate_keypair,
    generate_org_keys,
    keypair_from_org,
    keypair_from_secret,
)
from temoin.core.crypto.records import (
    decrypt_record,
    encrypt_record,
    shred_record,
)
from temoin.core.crypto.signing import (
    SIGNATURE_ALG,
    SIGNING_CONTEXT,
    canonical_json,
    sign_document,
    verify_document,
)
from temoin.core.crypto.wrapping import (
    decode_session_key,
    encode_session_key,
    open_grant,
    seal_grant,
    unwrap_session,
    unwrap_with_password,
    wrap_for_session,
    wrap_with_password,
)

__all__ = [
    "KEY_BYTES",
    "KEY_ID_BYTES",
    "SIGNATURE_ALG",
    "SIGNING_CONTEXT",
    "derive_key",
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
