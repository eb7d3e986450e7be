"""Decrypting a stream: a frame's plaintext is released once authenticated."""

from __future__ import annotations

from collections.abc import Iterator

import nacl.exceptions
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_init_pull,
    crypto_secretstream_xchacha20poly1305_pull,
    crypto_secretstream_xchacha20poly1305_state,
)

from temoin.core.crypto import (
    KeyPair,
    TamperedData,
    TruncatedStream,
    UnknownFormat,
    WrongKey,
    decrypt_record,
)
from temoin.core.streams._format import (
    _ABYTES,
    _ALG_SECRETSTREAM,
    _FLAG_EMBEDDED_KEY,
    _FORMAT_STREAM,
    _KEY_LENGTH,
    _PREFIX,
    _SS_HEADER_BYTES,
    _STREAM_KEY_CONTEXT,
    _TAG_FINAL,
    MAX_CHUNK_SIZE,
    Readable,
    Writable,
)

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
