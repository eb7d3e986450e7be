"""Envelope records: one data key per item, sealed to each recipient."""

from __future__ import annotations

import secrets
import struct
from collections.abc import Sequence

import nacl.exceptions
from nacl.public import PrivateKey, PublicKey, SealedBox

from temoin.core.crypto._base import (
    _ALG_V1,
    _FORMAT_RECORD,
    _NONCE_BYTES,
    _SEALED_KEY_BYTES,
    _TAG_BYTES,
    KEY_BYTES,
    KEY_ID_BYTES,
    _aead_decrypt,
    _aead_encrypt,
    _check_kind,
    _check_public_key,
    key_id,
)
from temoin.core.crypto.errors import (
    CryptoError,
    ItemShredded,
    TamperedData,
    WrongKey,
)
from temoin.core.crypto.keys import (
    KeyPair,
)

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
