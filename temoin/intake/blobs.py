"""Encrypted files in ``settings.BLOB_DIR``.

A blob is written under a temporary name (``.incoming-<name>``), encrypted as
it arrives, fsynced, and renamed to its final name only when the database
transaction that records it commits. A failure at any point removes the
temporary file. Only ciphertext ever touches the disk.
"""

from __future__ import annotations

import contextlib
import os
import queue
import secrets
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from temoin.core import streams

INCOMING_PREFIX = ".incoming-"
# How many chunks (of up to 1 MiB from the upload handler) may wait between
# the reader and the encrypting writer: enough to ride out a scheduling hiccup,
# few enough that a 1 GiB upload adds well under 100 MiB to a worker.
QUEUE_CHUNKS = 8
_STOP = object()


def blob_dir() -> Path:
    directory = Path(settings.BLOB_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def blob_path(name: str) -> Path:
    if not name or "/" in name or name.startswith("."):
        raise ValueError("not a blob name")
    return blob_dir() / name


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class StoredBlob:
    """A fully written, fsynced blob still under its temporary name."""

    name: str

    @property
    def temp_path(self) -> Path:
        return blob_dir() / f"{INCOMING_PREFIX}{self.name}"

    def publish_on_commit(self) -> None:
        """Rename to the final name when the current transaction commits.

        Call inside the transaction that records the blob. The caller discards
        the blob if that transaction fails (see ``blobs_discarded_on_error``).
        """
        transaction.on_commit(self.publish)

    def publish(self) -> None:
        os.replace(self.temp_path, blob_path(self.name))
        _fsync_dir(blob_dir())

    def discard(self) -> None:
        """Remove the blob, under its temporary or (if published) final name."""
        with contextlib.suppress(FileNotFoundError):
            self.temp_path.unlink()
        with contextlib.suppress(FileNotFoundError):
            blob_path(self.name).unlink()


@contextlib.contextmanager
def blobs_discarded_on_error(blobs: Sequence[StoredBlob]) -> Iterator[None]:
    """Remove ``blobs`` if the block (a transaction recording them) fails."""
    try:
        yield
    except BaseException:
        for blob in blobs:
            blob.discard()
        raise


class BlobWriter:
    """Encrypt pieces of a file to ``recipients`` and write them, in a thread.

    The caller (an upload handler, the importer, the cleaner) keeps reading
    while a writer thread encrypts and writes: reading, encrypting and writing
    overlap. Memory is bounded by QUEUE_CHUNKS pieces.
    """

    def __init__(self, recipients: Sequence[bytes]) -> None:
        self.name = secrets.token_hex(20)
        self._path = blob_dir() / f"{INCOMING_PREFIX}{self.name}"
        fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._file = os.fdopen(fd, "wb", buffering=0)
        self._encryptor = streams.StreamEncryptor(recipients)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=QUEUE_CHUNKS)
        self._error: BaseException | None = None
        self._closed = False
        self._file.write(self._encryptor.header())
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._error is not None:
                continue
            try:
                assert isinstance(item, bytes)
                ciphertext = self._encryptor.update(item)
                if ciphertext:
                    self._file.write(ciphertext)
            except BaseException as exc:  # noqa: BLE001 — reported to the caller
                self._error = exc

    def write(self, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        if data:
            self._queue.put(bytes(data))

    def close(self) -> tuple[StoredBlob, streams.EncryptedStreamInfo]:
        """Finish the stream, fsync it, and return the blob and its info."""
        self._stop_thread()
        try:
            if self._error is not None:
                raise self._error
            tail, info = self._encryptor.finalize()
            self._file.write(tail)
            os.fsync(self._file.fileno())
            self._file.close()
        except BaseException:
            self.abort()
            raise
        return StoredBlob(self.name), info

    def abort(self) -> None:
        """Stop and remove the temporary file; safe to call more than once."""
        self._stop_thread()
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()

    def _stop_thread(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._thread.join()


def delete_blob(name: str) -> None:
    """Remove a published blob (after its record was shredded or deleted)."""
    if name:
        with contextlib.suppress(FileNotFoundError):
            blob_path(name).unlink()
        _fsync_dir(blob_dir())


def open_blob(name: str) -> Path:
    return blob_path(name)


def sweep_incoming(known_names: set[str], older_than_seconds: float = 3600) -> int:
    """Finish or remove what a crash left: temporary blobs of past requests.

    A temporary blob whose final name is recorded (``known_names``) was
    committed just before a crash: publish it. Any other one is removed.
    Returns how many files were removed.
    """
    import time

    removed = 0
    now = time.time()
    for path in blob_dir().glob(f"{INCOMING_PREFIX}*"):
        name = path.name[len(INCOMING_PREFIX) :]
        try:
            if now - path.stat().st_mtime < older_than_seconds:
                continue
        except FileNotFoundError:
            continue
        if name in known_names:
            StoredBlob(name).publish()
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed
