"""How an audit entry's hash is computed: the one definition the writer and
the verifier share."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from temoin.core.crypto import canonical_json

GENESIS_HASH = "0" * 64
# Prefix so that an entry hash can never be taken for a hash of anything else.
HASH_CONTEXT = b"temoin audit entry v1\n"


def format_time(at: datetime) -> str:
    """The instant as UTC ISO 8601 with microseconds, whatever the database."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    """SHA-256 (hex) over the canonical JSON of an entry's fields and prev_hash."""
    payload = {
        "seq": seq,
        "at": format_time(at),
        "actor": actor_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(HASH_CONTEXT + canonical_json(payload)).hexdigest()
