"""The upload handler: files are encrypted as they stream in, never stored plain.

Django hands each chunk of the request body to :class:`EncryptingUploadHandler`,
which hashes nothing itself (the stream encryptor computes the SHA-256 of the
plaintext), sniffs the real type from the first bytes, enforces the size limit
and passes the chunk to a :class:`~temoin.intake.blobs.BlobWriter` thread that
encrypts and writes it. A refused, oversized, cut-off or otherwise failed
request leaves no file behind: every temporary blob is removed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

from temoin.core import streams
from temoin.intake.blobs import BlobWriter, StoredBlob
from temoin.intake.sniff import SNIFF_BYTES, FileType, sniff

# Bigger pieces mean fewer Python calls per GiB; the parser reads this much.
UPLOAD_CHUNK_BYTES = 1024 * 1024


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc
        return None
    return trim


_malloc_trim = _find_malloc_trim()


def release_upload_memory() -> None:
    """Hand the freed buffers of a large upload back to the system.

    glibc keeps freed memory of the reading and encrypting threads for reuse,
    so after a big upload the worker's memory stays as high as the pipeline's
    buffers, and the codename derivation that follows (64 MiB) would come on
    top of it. Call once the files are written and their writers stopped.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


class UploadProblem:
    TOO_LARGE = "too_large"
    TOO_MANY = "too_many"
    REFUSED_TYPE = "refused_type"
    INTERRUPTED = "interrupted"


@dataclass
class EncryptedUpload:
    """One received file: encrypted on disk under a temporary name."""

    file_name: str
    declared_type: str
    file_type: FileType
    blob: StoredBlob
    info: streams.EncryptedStreamInfo

    @property
    def size(self) -> int:
        return self.info.plaintext_size


@dataclass
class _Current:
    writer: BlobWriter
    file_name: str
    declared_type: str
    head: bytearray = field(default_factory=bytearray)
    file_type: FileType | None = None


class EncryptingUploadHandler(FileUploadHandler):
    """Encrypt every uploaded file to ``recipients`` while it arrives."""

    chunk_size = UPLOAD_CHUNK_BYTES

    def __init__(
        self,
        request: HttpRequest,
        recipients: Sequence[bytes],
        *,
        max_bytes: int,
        max_files: int,
    ) -> None:
        super().__init__(request)
        self.recipients = list(recipients)
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.uploads: list[EncryptedUpload] = []
        self.problem: str | None = None
        self.received_files = 0
        self._current: _Current | None = None

    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)  # type: ignore[arg-type]
        self.received_files += 1
        if len(self.uploads) >= self.max_files:
            self._stop(UploadProblem.TOO_MANY)
        self._current = _Current(
            writer=BlobWriter(self.recipients),
            file_name=str(self.file_name or ""),
            declared_type=str(self.content_type or ""),
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        current = self._current
        if current is None:
            return None
        if start + len(raw_data) > self.max_bytes:
            self._stop(UploadProblem.TOO_LARGE)
        if current.file_type is None and len(current.head) < SNIFF_BYTES:
            current.head += raw_data[: SNIFF_BYTES - len(current.head)]
            if len(current.head) >= SNIFF_BYTES:
                self._decide_type(current)
        current.writer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> EncryptedUpload | None:  # type: ignore[override]
        current = self._current
        if current is None:
            return None
        self._current = None
        if current.file_type is None:
            current.file_type = sniff(bytes(current.head))
        if current.file_type is None or file_size == 0:
            current.writer.abort()
            self.problem = self.problem or UploadProblem.REFUSED_TYPE
            return None
        blob, info = current.writer.close()
        upload = EncryptedUpload(
            current.file_name, current.declared_type, current.file_type, blob, info
        )
        self.uploads.append(upload)
        return upload

    def upload_interrupted(self) -> None:
        self.problem = self.problem or UploadProblem.INTERRUPTED
        self._abort_current()

    def discard(self) -> None:
        """Remove every file of this request: call whenever it is not stored."""
        self._abort_current()
        for upload in self.uploads:
            upload.blob.discard()
        self.uploads.clear()

    def _decide_type(self, current: _Current) -> None:
        current.file_type = sniff(bytes(current.head))
        if current.file_type is None:
            self._stop(UploadProblem.REFUSED_TYPE)

    def _stop(self, problem: str) -> None:
        self.problem = problem
        self._abort_current()
        # Read (and drop) the rest of the body so the browser sees our page.
        raise StopUpload(connection_reset=False)

    def _abort_current(self) -> None:
        if self._current is not None:
            self._current.writer.abort()
            self._current = None
