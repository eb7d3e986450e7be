"""Certificate uploads stay in memory: a certificate holds identity details,
so it must never land in a temporary file, and it is small."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from temoin.core.certificates import MAX_CERTIFICATE_BYTES


class TooLarge(Exception):
    """The upload is larger than a certificate can be."""


class SmallMemoryUploadHandler(FileUploadHandler):
    """Keep one small file in memory; stop reading past the size limit."""

    def __init__(self, request: Any = None, limit: int = MAX_CERTIFICATE_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self._buffer = io.BytesIO()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self._buffer.tell() + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self._buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self._buffer.seek(0)
        return InMemoryUploadedFile(
            self._buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )
