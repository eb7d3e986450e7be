"""The one way intake content is encrypted: ``seal_fields`` and ``open_fields``.

Every call names its recipients (the organisation, and the witness when the
witness must be able to read it back) and a context that binds the record to
its place, so a record copied to another row does not open there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from temoin.core import crypto


def seal_fields(fields: dict[str, Any], *, to: Sequence[bytes], context: str) -> bytes:
    """Encrypt a JSON object to the public keys in ``to``."""
    plaintext = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return crypto.encrypt_record(
        plaintext.encode("utf-8"), list(to), context=context.encode("utf-8")
    )


def open_fields(
    blob: bytes, keypair: crypto.KeyPair, *, context: str
) -> dict[str, Any]:
    """Decrypt what :func:`seal_fields` sealed; raise CryptoError if it cannot."""
    plaintext = crypto.decrypt_record(
        bytes(blob), keypair, context=context.encode("utf-8")
    )
    value = json.loads(plaintext.decode("utf-8"))
    if not isinstance(value, dict):
        raise crypto.UnknownFormat("A sealed record does not hold a JSON object.")
    return value


def submission_context() -> str:
    return "intake.submission"


def message_context(submission_id: int) -> str:
    return f"intake.message:{submission_id}"


def attachment_context(submission_id: int) -> str:
    return f"intake.attachment:{submission_id}"


def metadata_context(submission_id: int) -> str:
    return f"intake.metadata:{submission_id}"
