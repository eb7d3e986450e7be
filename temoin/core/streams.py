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

import hashlib
import queue
import struct
import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import nacl.exceptions
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_ABYTES,
    crypto_secretstream_xchacha20poly1305_HEADERBYTES,
    crypto_secretstream_xchacha20poly1305_init_pull,
    crypto_secretstream_xchacha20poly1305_init_push,
    crypto_secretstream_xchacha20poly1305_keygen,
    crypto_secretstream_xchacha20poly1305_pull,
    crypto_secretstream_xchacha20poly1305_push,
    crypto_secretstream_xchacha20poly1305_state,
    crypto_secretstream_xchacha20poly1305_TAG_FINAL,
)

from temoin.core.crypto import (
    CryptoError,
    KeyPair,
    TamperedData,
    TruncatedStream,
    UnknownFormat,
    WrongKey,
    decrypt_record,
    encrypt_record,
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


# --- Encryption -------------------------------------------------------------


class StreamEncryptor:
    """Encrypt a stream pushed in pieces of any size (an upload handler's chunks).

    Write :meth:`header` first, then every :meth:`update` result, then the
    bytes :meth:`finalize` returns. Memory stays bounded by a few chunks and
    the SHA-256 batches, whatever the size of the stream.
    """

    def __init__(
        self,
        recipients: Sequence[bytes],
        chunk_size: int = CHUNK_SIZE,
        *,
        embed_key: bool = False,
    ) -> None:
        """Start a stream to ``recipients`` (X25519 public keys).

        With ``embed_key`` the sealed key is also written into the file header,
        for self-contained exports; such a file is only shredded by deleting it.
        """
        if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
            raise CryptoError(f"A chunk size must be between 1 and {MAX_CHUNK_SIZE}.")
        key = crypto_secretstream_xchacha20poly1305_keygen()
        self._sealed_key_blob = encrypt_record(
            key, recipients, context=_STREAM_KEY_CONTEXT
        )
        flags = _FLAG_EMBEDDED_KEY if embed_key else 0
        prefix = _PREFIX.pack(_FORMAT_STREAM, _ALG_SECRETSTREAM, flags, chunk_size)
        if embed_key:
            blob = self._sealed_key_blob
            prefix += _KEY_LENGTH.pack(len(blob)) + blob
        self._state = crypto_secretstream_xchacha20poly1305_state()
        self._header = prefix + crypto_secretstream_xchacha20poly1305_init_push(
            self._state, key
        )
        self._chunk_size = chunk_size
        self._pending = bytearray()
        self._size = 0
        self._sha256 = _Sha256InBackground()
        self._header_written = False
        self._writable = False  # until the header is taken, after finalize()

    @property
    def sealed_key_blob(self) -> bytes:
        """The stream key sealed to the recipients (also in finalize()'s info)."""
        return self._sealed_key_blob

    def header(self) -> bytes:
        """Return the file header, to write before anything else."""
        if not self._header_written:
            self._header_written = self._writable = True
        return self._header

    def update(self, data: bytes | bytearray | memoryview) -> bytes:
        """Take plaintext; return the ciphertext of every chunk now complete."""
        if not self._writable:
            self._refuse_writes()
        if not data:
            return b""
        if type(data) is not bytes:
            # The hashing thread keeps a reference: take an immutable copy.
            data = bytes(data)
        self._sha256.update(data)
        self._size += len(data)
        size = self._chunk_size
        if not self._pending and len(data) == size:
            # The usual case (a reader or upload handler using CHUNK_SIZE): no
            # copy, and as little Python as possible around the C call.
            return crypto_secretstream_xchacha20poly1305_push(
                self._state, data, self._header
            )
        view = memoryview(data)
        frames = []
        if self._pending:
            taken = min(size - len(self._pending), len(view))
            self._pending += view[:taken]
            view = view[taken:]
            if len(self._pending) < size:
                return b""
            frames.append(self._push(bytes(self._pending)))
            self._pending.clear()
        while len(view) >= size:
            frames.append(self._push(bytes(view[:size])))
            view = view[size:]
        self._pending += view
        return frames[0] if len(frames) == 1 else b"".join(frames)

    def finalize(self) -> tuple[bytes, EncryptedStreamInfo]:
        """Encrypt what remains as the final frame; return it and the file's info."""
        if not self._writable:
            self._refuse_writes()
        self._writable = False
        # The final frame always holds less than a chunk (maybe nothing), so a
        # reader knows any full-size frame is not the last one.
        last = self._push(bytes(self._pending), _TAG_FINAL)
        self._pending.clear()
        info = EncryptedStreamInfo(
            sealed_key_blob=self._sealed_key_blob,
            plaintext_size=self._size,
            sha256=self._sha256.hexdigest(),
        )
        return last, info

    def _push(self, chunk: bytes, tag: int = 0) -> bytes:
        return crypto_secretstream_xchacha20poly1305_push(
            self._state, chunk, self._header, tag
        )

    def _refuse_writes(self) -> None:
        if self._header_written:
            raise CryptoError("This stream is already finalised.")
        raise CryptoError("Write the header before the first chunk.")


class _Sha256InBackground:
    """SHA-256 of a stream, computed by a helper thread while this one encrypts.

    Hashing in line would cost about 40 % of the encryption throughput. The
    pieces (immutable bytes, never copied) are handed over in batches of a few
    MiB; the helper hashes one batch while this thread fills the next, and
    this thread waits only if the helper falls a whole batch behind, so memory
    stays at two batches whatever the stream's size. An abandoned stream stops
    its helper when it is collected.
    """

    _BATCH_BYTES = 4 * 1024 * 1024

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._batch: list[bytes] = []
        self._batch_bytes = 0
        self._todo: queue.SimpleQueue[list[bytes] | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._stop_worker: weakref.finalize[Any, Any] | None = None

    def update(self, data: bytes) -> None:
        self._batch.append(data)
        self._batch_bytes += len(data)
        if self._batch_bytes >= self._BATCH_BYTES:
            if self._worker is None:
                self._worker = threading.Thread(
                    target=_hash_batches,
                    args=(self._hash, self._todo, self._done),
                    daemon=True,
                )
                self._worker.start()
                self._stop_worker = weakref.finalize(self, self._todo.put, None)
            else:
                self._done.get()  # the previous batch is hashed
            self._todo.put(self._batch)
            self._batch, self._batch_bytes = [], 0

    def hexdigest(self) -> str:
        if self._stop_worker is not None and self._worker is not None:
            self._stop_worker()
            self._worker.join()
        for piece in self._batch:
            self._hash.update(piece)
        self._batch, self._batch_bytes = [], 0
        return self._hash.hexdigest()


def _hash_batches(
    digest: hashlib._Hash,
    todo: queue.SimpleQueue[list[bytes] | None],
    done: queue.SimpleQueue[bool],
) -> None:
    while (batch := todo.get()) is not None:
        for piece in batch:
            digest.update(piece)
        done.put(True)


def encrypt_stream(
    src: Readable,
    dst: Writable,
    recipients: Sequence[bytes],
    *,
    chunk_size: int = CHUNK_SIZE,
    embed_key: bool = False,
) -> EncryptedStreamInfo:
    """Encrypt ``src`` into ``dst`` for ``recipients``; return what to store."""
    encryptor = StreamEncryptor(recipients, chunk_size, embed_key=embed_key)
    dst.write(encryptor.header())
    while data := src.read(chunk_size):
        frames = encryptor.update(data)
        if frames:
            dst.write(frames)
    last, info = encryptor.finalize()
    dst.write(last)
    return info


# --- Decryption -------------------------------------------------------------


class _Opener:
    """The pull state of one stream, set up from its parsed header."""

    def __init__(
        self, header: bytes, chunk_size: int, keypair: KeyPair, sealed_key_blob: bytes
    ) -> None:
        key = decrypt_record(sealed_key_blob, keypair, context=_STREAM_KEY_CONTEXT)
        self.header = header
        self.frame_size = chunk_size + _ABYTES
        self.finished = False
        self._state = crypto_secretstream_xchacha20poly1305_state()
        crypto_secretstream_xchacha20poly1305_init_pull(
            self._state, header[-_SS_HEADER_BYTES:], key
        )

    def open(self, frame: bytes) -> bytes:
        """Authenticate and decrypt one frame; note whether it was the last."""
        if len(frame) < _ABYTES:
            raise TruncatedStream("The stream ends inside a chunk.")
        try:
            plaintext, tag = crypto_secretstream_xchacha20poly1305_pull(
                self._state, frame, self.header
            )
        except nacl.exceptions.CryptoError:
            raise TamperedData(
                "The stream was altered, or its key belongs to another file."
            ) from None
        self.finished = tag == _TAG_FINAL
        return plaintext


def _check_format(start: bytes) -> None:
    if len(start) >= 1 and start[0] != _FORMAT_STREAM:
        raise UnknownFormat("This file is not an encrypted stream this version reads.")
    if len(start) >= 2 and start[1] != _ALG_SECRETSTREAM:
        raise UnknownFormat("This stream uses an algorithm this version does not know.")


def _parse_prefix(prefix: bytes) -> tuple[int, bool]:
    """Return (chunk size, key embedded?) from the fixed start of a header."""
    _check_format(prefix)
    if len(prefix) < _PREFIX.size:
        raise TruncatedStream("The stream ends inside its header.")
    _, _, flags, chunk_size = _PREFIX.unpack(prefix)
    if flags & ~_FLAG_EMBEDDED_KEY:
        raise UnknownFormat("The stream header has flags this version does not know.")
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise TamperedData("The stream header names an impossible chunk size.")
    return chunk_size, bool(flags & _FLAG_EMBEDDED_KEY)


def _choose_key(given: bytes | None, embedded: bytes | None) -> bytes:
    if given is not None:
        return given
    if embedded is not None:
        return embedded
    raise WrongKey("This file does not carry its key: pass its sealed key blob.")


def _read_exactly(src: Readable, size: int) -> bytes:
    # Buffered files return everything at once; pipes and sockets may not.
    data = src.read(size)
    if len(data) == size or not data:
        return data
    pieces = [data]
    missing = size - len(data)
    while missing and (more := src.read(missing)):
        pieces.append(more)
        missing -= len(more)
    return b"".join(pieces)


def _open_from_file(
    src: Readable, keypair: KeyPair, sealed_key_blob: bytes | None
) -> _Opener:
    prefix = _read_exactly(src, _PREFIX.size)
    chunk_size, embedded = _parse_prefix(prefix)
    header = prefix
    embedded_blob = None
    if embedded:
        length_bytes = _read_exactly(src, _KEY_LENGTH.size)
        if len(length_bytes) < _KEY_LENGTH.size:
            raise TruncatedStream("The stream ends inside its header.")
        (length,) = _KEY_LENGTH.unpack(length_bytes)
        embedded_blob = _read_exactly(src, length)
        header += length_bytes + embedded_blob
    ss_header = _read_exactly(src, _SS_HEADER_BYTES)
    header += ss_header
    if len(ss_header) < _SS_HEADER_BYTES:
        raise TruncatedStream("The stream ends inside its header.")
    blob = _choose_key(sealed_key_blob, embedded_blob)
    return _Opener(header, chunk_size, keypair, blob)


def iter_decrypted(
    src: Readable, keypair: KeyPair, sealed_key_blob: bytes | None = None
) -> Iterator[bytes]:
    """Yield the plaintext of ``src`` chunk by chunk (for streaming downloads).

    Each piece is authenticated before it is yielded; a truncation or
    alteration later in the stream raises then, after the earlier pieces.
    """
    opener = _open_from_file(src, keypair, sealed_key_blob)
    while not opener.finished:
        frame = _read_exactly(src, opener.frame_size)
        if not frame:
            raise TruncatedStream("The stream ends before its final chunk.")
        plaintext = opener.open(frame)
        if not opener.finished and len(frame) < opener.frame_size:
            raise TruncatedStream("The stream ends before its final chunk.")
        if opener.finished and src.read(1):
            raise TamperedData("Bytes follow the final chunk of the stream.")
        if plaintext:
            yield plaintext


def decrypt_stream(
    src: Readable,
    dst: Writable,
    keypair: KeyPair,
    sealed_key_blob: bytes | None = None,
) -> int:
    """Decrypt ``src`` into ``dst``; return the number of plaintext bytes written.

    ``sealed_key_blob`` is the one :class:`EncryptedStreamInfo` returned; leave
    it out only for files encrypted with ``embed_key``. On an error, ``dst``
    already holds the authenticated chunks before it: discard it.
    """
    written = 0
    for plaintext in iter_decrypted(src, keypair, sealed_key_blob):
        dst.write(plaintext)
        written += len(plaintext)
    return written


class StreamDecryptor:
    """Decrypt a stream pushed in pieces of any size; the mirror of StreamEncryptor."""

    def __init__(self, keypair: KeyPair, sealed_key_blob: bytes | None = None) -> None:
        """Prepare to decrypt with ``keypair`` and the file's sealed key blob."""
        self._keypair = keypair
        self._sealed_key_blob = sealed_key_blob
        self._buffer = bytearray()
        self._opener: _Opener | None = None

    def update(self, data: bytes | bytearray | memoryview) -> bytes:
        """Take ciphertext; return the plaintext of every frame now complete."""
        opener = self._opener
        if opener is not None and opener.finished:
            if data:
                raise TamperedData("Bytes follow the final chunk of the stream.")
            return b""
        self._buffer += data
        if opener is None:
            opener = self._opener = self._try_open()
            if opener is None:
                return b""
        # A full-size frame is never the final one, except in a forged stream
        # whose final tag then ends it: so full frames can be opened at once
        # and only the short remainder waits for finalize().
        frame_size = opener.frame_size
        if len(self._buffer) < frame_size:
            return b""
        pieces = []
        view = memoryview(self._buffer)
        offset = 0
        try:
            while len(view) - offset >= frame_size and not opener.finished:
                pieces.append(opener.open(bytes(view[offset : offset + frame_size])))
                offset += frame_size
        finally:
            view.release()
        del self._buffer[:offset]
        if opener.finished and self._buffer:
            raise TamperedData("Bytes follow the final chunk of the stream.")
        return b"".join(pieces)

    def finalize(self) -> bytes:
        """Open the final frame; raise TruncatedStream if the stream is cut short."""
        opener = self._opener
        if opener is None:
            raise TruncatedStream("The stream ends inside its header.")
        if opener.finished:
            return b""
        if not self._buffer:
            raise TruncatedStream("The stream ends before its final chunk.")
        plaintext = opener.open(bytes(self._buffer))
        self._buffer.clear()
        if not opener.finished:
            raise TruncatedStream("The stream ends before its final chunk.")
        return plaintext

    def _try_open(self) -> _Opener | None:
        prefix = bytes(self._buffer[: _PREFIX.size])
        if len(prefix) < _PREFIX.size:
            _check_format(prefix)  # refuse a foreign file as early as possible
            return None
        chunk_size, embedded = _parse_prefix(prefix)
        size = _PREFIX.size
        embedded_blob = None
        if embedded:
            if len(self._buffer) < size + _KEY_LENGTH.size:
                return None
            (length,) = _KEY_LENGTH.unpack_from(self._buffer, size)
            size += _KEY_LENGTH.size
            embedded_blob = bytes(self._buffer[size : size + length])
            size += length
        size += _SS_HEADER_BYTES
        if len(self._buffer) < size:
            return None
        header = bytes(self._buffer[:size])
        del self._buffer[:size]
        blob = _choose_key(self._sealed_key_blob, embedded_blob)
        return _Opener(header, chunk_size, self._keypair, blob)
