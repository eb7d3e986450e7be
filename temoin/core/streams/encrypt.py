"""Encrypting a stream: push mode for uploads, pull mode for files."""

from __future__ import annotations

import hashlib
import queue
import threading
import weakref
from collections.abc import Sequence
from typing import Any

from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_init_push,
    crypto_secretstream_xchacha20poly1305_keygen,
    crypto_secretstream_xchacha20poly1305_push,
    crypto_secretstream_xchacha20poly1305_state,
)

from temoin.core.crypto import (
    CryptoError,
    encrypt_record,
)
from temoin.core.streams._format import (
    _ALG_SECRETSTREAM,
    _FLAG_EMBEDDED_KEY,
    _FORMAT_STREAM,
    _KEY_LENGTH,
    _PREFIX,
    _STREAM_KEY_CONTEXT,
    _TAG_FINAL,
    CHUNK_SIZE,
    MAX_CHUNK_SIZE,
    EncryptedStreamInfo,
    Readable,
    Writable,
)

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
