"""Walk the audit chain and name the first entry that breaks it.

Three kinds of tampering are told apart: an entry ``altered`` (its fields no
longer match its hash, or the next entry no longer links to it), ``removed``
(a number is missing, or the chain head is ahead of the last entry) and
``reordered`` (an entry's hash matches its fields at another position).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from temoin.audit.chain import GENESIS_HASH, entry_hash
from temoin.audit.models import AuditChainHead, AuditEntry

CHUNK = 2000
# How far from its place an entry is searched for when its hash fails.
REORDER_WINDOW = 5000

FIELDS = (
    "seq",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "details",
    "prev_hash",
    "hash",
)


@dataclass(frozen=True)
class Break:
    """The first bad entry: its number, the kind of damage, and a sentence."""

    seq: int
    kind: str
    reason: str


@dataclass(frozen=True)
class Anchor:
    """A hash recorded earlier, outside the database, for entry ``seq``."""

    seq: int
    hash: str


@dataclass(frozen=True)
class ChainReport:
    count: int
    last_seq: int
    last_hash: str
    first_at: datetime | None
    last_at: datetime | None
    problem: Break | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def entry_count() -> int:
    return AuditEntry.objects.count()


def verify_chain(
    anchor: Anchor | None = None, progress: Callable[[int], object] | None = None
) -> ChainReport:
    """Check every entry in order, then the chain head and the anchor."""
    expected, prev_hash, count = 1, GENESIS_HASH, 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    anchor_seen = False
    for row in _rows():
        seq = row["seq"]
        problem = _check_row(row, expected, prev_hash)
        if problem is not None:
            return ChainReport(
                count, expected - 1, prev_hash, first_at, last_at, problem
            )
        if anchor is not None and seq == anchor.seq:
            anchor_seen = True
            if row["hash"] != anchor.hash:
                problem = Break(
                    seq,
                    "rewritten",
                    "its hash differs from the anchor recorded earlier: the log "
                    "was rewritten from this entry on (or before it)",
                )
                return ChainReport(count, seq, prev_hash, first_at, last_at, problem)
        first_at = first_at or row["at"]
        last_at = row["at"]
        prev_hash, expected, count = row["hash"], expected + 1, count + 1
        if progress is not None:
            progress(1)
    problem = _check_end(count, prev_hash)
    if problem is None and anchor is not None and not anchor_seen:
        problem = Break(
            anchor.seq,
            "removed",
            "the anchored entry is no longer in the log: entries were removed",
        )
    return ChainReport(count, expected - 1, prev_hash, first_at, last_at, problem)


def _rows() -> Iterator[dict[str, Any]]:
    rows = AuditEntry.objects.order_by("seq").values(*FIELDS)
    yield from rows.iterator(chunk_size=CHUNK)


def _hash_at(row: dict[str, Any], seq: int) -> str:
    return entry_hash(
        seq=seq,
        at=row["at"],
        actor_id=row["actor_id"],
        action=row["action"],
        object_type=row["object_type"],
        object_id=row["object_id"],
        details=row["details"],
        prev_hash=row["prev_hash"],
    )


def _check_row(row: dict[str, Any], expected: int, prev_hash: str) -> Break | None:
    seq = row["seq"]
    if seq != expected:
        missing = f"{expected}" if seq == expected + 1 else f"{expected} to {seq - 1}"
        return Break(expected, "removed", f"entry {missing} is missing: removed")
    try:
        own = _hash_at(row, seq)
    except Exception:  # noqa: BLE001 — unreadable fields are an alteration too
        own = ""
    if own != row["hash"]:
        origin = _original_position(row, seq)
        if origin is not None:
            return Break(
                seq,
                "reordered",
                f"it was written as entry {origin}: entries were reordered",
            )
        return Break(seq, "altered", "its fields no longer match its hash")
    if row["prev_hash"] != prev_hash:
        if seq == 1:
            return Break(1, "altered", "it does not start the chain")
        return Break(
            seq - 1,
            "altered",
            f"entry {seq} no longer links to it: it was altered and its hash "
            "recomputed, or replaced",
        )
    return None


def _original_position(row: dict[str, Any], seq: int) -> int | None:
    """The position an entry's hash was computed for, if near its place now."""
    try:
        for distance in range(1, REORDER_WINDOW + 1):
            for candidate in (seq - distance, seq + distance):
                if candidate >= 1 and _hash_at(row, candidate) == row["hash"]:
                    return candidate
    except Exception:  # noqa: BLE001 — unreadable fields: not a mere reordering
        return None
    return None


def _check_end(count: int, last_hash: str) -> Break | None:
    head = AuditChainHead.objects.filter(pk=AuditChainHead.ROW_ID).first()
    if head is None:
        if count == 0:
            return None
        return Break(count, "altered", "the chain head is missing")
    if head.seq > count:
        missing = (
            f"{count + 1}" if head.seq == count + 1 else f"{count + 1} to {head.seq}"
        )
        return Break(
            count + 1, "removed", f"entry {missing} is missing: removed from the end"
        )
    if head.seq < count:
        return Break(
            head.seq + 1, "altered", "it was appended outside temoin (after the head)"
        )
    if head.hash != last_hash:
        return Break(count, "altered", "its hash differs from the chain head's")
    return None
