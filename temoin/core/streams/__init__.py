"""Streaming encryption of files (attachments, exports) in constant memory.

A file is encrypted with libsodium's secretstream (XChaCha20-Poly1305) in
fixed-size chunks, under a random stream key. The stream key is sealed to the
recipients as a record (see :func:`temoin.core.crypto.encrypt_record`) and
returned to the caller, who stores it in the database next to the file's
name: shredding that record (or deleting it) makes the file unreadable for
good, without touching the file itself.

File layout (version 1)::

    format 0x51 | alg 0x01 | flags | chunk size (u32, big-endian)
    [if flags & 1: sealed key length (u16) | sealed key record]
    secretstream header (24 bytes)
    frames: chunk_size + 17 bytes each, and a shorter final frame
            (0 to chunk_size - 1 bytes of plaintext) tagged TAG_FINAL

Every frame is authenticated with the whole file header as associated data.
secretstream itself detects altered, reordered, dropped and replayed frames;
a missing final frame raises :class:`TruncatedStream` and bytes after the
final frame raise :class:`TamperedData`.

Plaintext of a frame is released only after that frame is authenticated, but
the frames before a truncation or alteration have already been released when
the error is raised: a caller streaming to a client must abort the response
when that happens.
"""

from __future__ import annotations

from temoin.core.streams._format import (
    CHUNK_SIZE,
    MAX_CHUNK_SIZE,
    EncryptedStreamInfo,
    Readable,
    Writable,
)
from temoin.core.streams.decrypt import (
    StreamDecryptor,
    decrypt_stream,
    iter_decrypted,
)
from temoin.core.streams.encrypt import (
    StreamEncryptor,
    encrypt_stream,
)

__all__ = [
    "CHUNK_SIZE",
    "MAX_CHUNK_SIZE",
    "EncryptedStreamInfo",
    "Readable",
    "StreamDecryptor",
    "StreamEncryptor",
    "Writable",
    "decrypt_stream",
    "encrypt_stream",
    "iter_decrypted",
]
