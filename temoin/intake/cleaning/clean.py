"""Clean one attachment: decrypt into memory, extract evidence, clean, store.

The plaintext exists only in anonymous memory files and in this process's
memory. The cleaned copy is checked by exiftool before it is kept; anything
that cannot be cleaned, or keeps identifying tags, is marked "not cleaned".
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from temoin.core import crypto, streams
from temoin.intake import blobs
from temoin.intake.cleaning import errors
from temoin.intake.cleaning.errors import CleaningFailed
from temoin.intake.cleaning.images import clean_image
from temoin.intake.cleaning.inspect import extract_metadata, identifying_tags
from temoin.intake.cleaning.media import clean_media
from temoin.intake.cleaning.memory import MemoryFile
from temoin.intake.cleaning.office import clean_office
from temoin.intake.cleaning.pdf import clean_pdf
from temoin.intake.keys import current_org_public
from temoin.intake.models import Attachment, CleaningStatus
from temoin.intake.sealing import metadata_context, seal_fields
from temoin.intake.sniff import SNIFF_BYTES, sniff

logger = logging.getLogger("temoin.intake.cleaning")
_WRITE_PIECE = 1024 * 1024


def _decrypt_original(attachment: Attachment, keypair: crypto.KeyPair) -> MemoryFile:
    target = MemoryFile("original")
    try:
        with blobs.open_blob(attachment.original_blob).open("rb") as src:
            for piece in streams.iter_decrypted(
                src, keypair, bytes(attachment.original_sealed_key)
            ):
                target.write(piece)
    except BaseException:
        target.close()
        raise
    return target


def _clean(original: MemoryFile) -> tuple[MemoryFile, str]:
    file_type = sniff(original.read_at(SNIFF_BYTES))
    if file_type is None:
        raise CleaningFailed(errors.UNSUPPORTED)
    if file_type.family == "image":
        data, extension = clean_image(original.read_all())
        return MemoryFile("cleaned", data), extension
    if file_type.family in ("video", "audio"):
        return clean_media(original, file_type.extension)
    if file_type.family == "pdf":
        return MemoryFile("cleaned", clean_pdf(original.read_all())), "pdf"
    if file_type.mime == "application/zip":
        data, extension = clean_office(original.read_all())
        return MemoryFile("cleaned", data), extension
    raise CleaningFailed(errors.UNSUPPORTED)


def _pieces(source: MemoryFile) -> Iterator[bytes]:
    offset, size = 0, source.size()
    while offset < size:
        piece = source.read_at(min(_WRITE_PIECE, size - offset), offset)
        if not piece:
            break
        offset += len(piece)
        yield piece


def clean_attachment(attachment: Attachment, keypair: crypto.KeyPair) -> str:
    """Clean one attachment with a key pair that opens its original.

    ``keypair`` is this worker's cleaning key pair or the organisation's (the
    staff side may call this with ``crypto.keypair_from_org(org_secrets)``).
    Stores the cleaned copy (sealed to the organisation) and the original's
    metadata (sealed to the organisation, for verifiers); returns the new
    cleaning status. Raises CryptoError if ``keypair`` does not open it.
    """
    if attachment.cleaning_status != CleaningStatus.PENDING:
        return attachment.cleaning_status
    if attachment.original_destroyed:
        return _record(attachment, None, None, errors.UNREADABLE)
    org = current_org_public()
    metadata: list[dict[str, Any]] | None = None
    with _decrypt_original(attachment, keypair) as original:
        try:
            metadata = extract_metadata(original)
        except CleaningFailed:
            metadata = None
        try:
            cleaned, extension = _clean(original)
        except CleaningFailed as failure:
            return _record(attachment, metadata, None, failure.code)
    with cleaned:
        left = identifying_tags(extract_metadata(cleaned))
        if left:
            logger.warning("a cleaned copy kept %d identifying tags", len(left))
            return _record(attachment, metadata, None, errors.RESIDUE)
        writer = blobs.BlobWriter([org.encryption])
        try:
            for piece in _pieces(cleaned):
                writer.write(piece)
        except BaseException:
            writer.abort()
            raise
        stored, info = writer.close()
    return _record(attachment, metadata, (stored, info, extension), "")


def _record(
    attachment: Attachment,
    metadata: list[dict[str, Any]] | None,
    cleaned: tuple[blobs.StoredBlob, streams.EncryptedStreamInfo, str] | None,
    problem: str,
) -> str:
    org = current_org_public()
    stored = [cleaned[0]] if cleaned else []
    with blobs.blobs_discarded_on_error(stored), transaction.atomic():
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if locked.cleaning_status != CleaningStatus.PENDING:
            for blob in stored:
                blob.discard()
            return locked.cleaning_status
        if metadata is not None:
            locked.sealed_metadata = seal_fields(
                {"exiftool": metadata},
                to=[org.encryption],
                context=metadata_context(locked.submission_id),
            )
        if cleaned is not None:
            blob, info, extension = cleaned
            locked.cleaned_blob = blob.name
            locked.cleaned_sealed_key = info.sealed_key_blob
            locked.cleaning_status = CleaningStatus.CLEANED
            locked.cleaning_problem = ""
            locked.cleaned_extension = extension
            blob.publish_on_commit()
        else:
            locked.cleaning_status = CleaningStatus.NOT_CLEANED
            locked.cleaning_problem = problem
        locked.save()
    attachment.refresh_from_db()
    return attachment.cleaning_status


def clean_pending(keypair: crypto.KeyPair) -> dict[str, int]:
    """Clean every waiting attachment this key pair opens; count the outcomes.

    The staff side calls this with the organisation's key pair (for files no
    live worker could open); a worker calls it with its own key pair.
    """
    counts: dict[str, int] = {}
    for attachment in Attachment.objects.filter(cleaning_status=CleaningStatus.PENDING):
        try:
            status = clean_attachment(attachment, keypair)
        except crypto.WrongKey:
            status = "skipped"
        counts[status] = counts.get(status, 0) + 1
    return counts
