"""The stream file format: sizes, format bytes, and what callers store."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Protocol

from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_ABYTES,
    crypto_secretstream_xchacha20poly1305_HEADERBYTES,
    crypto_secretstream_xchacha20poly1305_TAG_FINAL,
)

CHUNK_SIZE = 64 * 1024
# A reader allocates one chunk: the cap stops a forged header from asking for
# gigabytes.
MAX_CHUNK_SIZE = 16 * 1024 * 1024

_FORMAT_STREAM = 0x51
_ALG_SECRETSTREAM = 0x01
_FLAG_EMBEDDED_KEY = 0x01
_PREFIX = struct.Struct(">BBBI")  # format, alg, flags, chunk size
_KEY_LENGTH = struct.Struct(">H")
_ABYTES = crypto_secretstream_xchacha20poly1305_ABYTES
_SS_HEADER_BYTES = crypto_secretstream_xchacha20poly1305_HEADERBYTES
_TAG_FINAL = crypto_secretstream_xchacha20poly1305_TAG_FINAL
# Authenticated with the sealed stream key, so that the key of a file can never
# be passed off as a record of the same length (or the reverse).
_STREAM_KEY_CONTEXT = b"temoin stream key v1"


class Readable(Protocol):
    """What the stream functions read from: a binary file, an upload, a pipe."""

    def read(self, size: int = -1, /) -> bytes: ...


class Writable(Protocol):
    """What the stream functions write to: a binary file, a socket, a hash."""

    def write(self, data: bytes, /) -> object: ...


@dataclass(frozen=True)
class EncryptedStreamInfo:
    """What the caller stores next to an encrypted file."""

    sealed_key_blob: bytes  # the stream key as a record: store it, shred it
    plaintext_size: int
    sha256: str  # hex digest of the plaintext, for the chain of custody
