"""Writing the audit log.

Every state change made by staff calls :func:`record` inside the same
transaction as the change (STYLE.md: one ``do_<verb>_<noun>()`` = one
transaction with its audit entry), so a change and its entry are committed,
or rolled back, together. Call it as the last write of the action: it locks
the chain head until the transaction ends.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from temoin.audit.chain import GENESIS_HASH, entry_hash
from temoin.audit.models import AuditChainHead, AuditEntry

if TYPE_CHECKING:
    from temoin.accounts.models import StaffMember

ACTION_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
DETAIL_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_DETAIL_TEXT = 120
MAX_DETAIL_ITEMS = 20

Scalar = str | int | bool | None
ObjectRef = models.Model | tuple[str, str | int] | None


class BadAuditEntry(ValueError):
    """An entry that would break the log's rules (a programming error)."""


def record(
    actor: StaffMember | None, action: str, obj: ObjectRef = None, **details: Any
) -> AuditEntry:
    """Append one entry to the audit log and return it.

    ``actor`` is the staff member who acted (None: the system, or someone not
    logged in). ``action`` is ``area.verb``, for example ``keys.granted``.
    ``obj`` is the model instance acted upon, or a ``(type, id)`` pair.
    ``details`` are short identifiers and numbers (roles, counts, reasons):
    NEVER testimony, messages, names of witnesses, codenames or any other
    content: the log is not encrypted.
    """
    if not ACTION_PATTERN.match(action):
        raise BadAuditEntry(f"audit action {action!r} is not of the form area.verb")
    clean = _check_details(details)
    object_type, object_id = _describe(obj)
    with transaction.atomic(savepoint=False):
        head = _lock_head()
        seq = head.seq + 1
        at = timezone.now()
        digest = entry_hash(
            seq=seq,
            at=at,
            actor_id=actor.pk if actor is not None else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=clean,
            prev_hash=head.hash,
        )
        entry = AuditEntry.objects.create(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=clean,
            prev_hash=head.hash,
            hash=digest,
        )
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return entry


def _lock_head() -> AuditChainHead:
    """The chain head, locked for this transaction; created on first use."""
    heads = AuditChainHead.objects.select_for_update()
    try:
        return heads.get(pk=AuditChainHead.ROW_ID)
    except AuditChainHead.DoesNotExist:
        pass
    last = AuditEntry.objects.order_by("-seq").first()
    try:
        with transaction.atomic():
            return AuditChainHead.objects.create(
                pk=AuditChainHead.ROW_ID,
                seq=last.seq if last else 0,
                hash=last.hash if last else GENESIS_HASH,
            )
    except IntegrityError:  # another writer created it first: use theirs
        return heads.get(pk=AuditChainHead.ROW_ID)


def _describe(obj: ObjectRef) -> tuple[str, str]:
    if obj is None:
        return "", ""
    if isinstance(obj, tuple):
        kind, ident = obj
        return str(kind), str(ident)
    if obj.pk is None:
        raise BadAuditEntry("record the entry after the object is saved")
    return obj._meta.label_lower, str(obj.pk)


def _check_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Short, flat values only: a long text is most likely content."""
    clean: dict[str, Any] = {}
    for key, value in details.items():
        if not DETAIL_KEY_PATTERN.match(key):
            raise BadAuditEntry(f"audit detail name {key!r} is not an identifier")
        if isinstance(value, list | tuple):
            if len(value) > MAX_DETAIL_ITEMS:
                raise BadAuditEntry(f"audit detail {key!r} has too many items")
            clean[key] = [_check_scalar(key, item) for item in value]
        else:
            clean[key] = _check_scalar(key, value)
    return clean


def _check_scalar(key: str, value: Any) -> Scalar:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)  # a plain int, as the database gives it back
    if isinstance(value, str):
        if len(value) > MAX_DETAIL_TEXT or "\n" in value:
            raise BadAuditEntry(f"audit detail {key!r} looks like content")
        return str.__str__(value)  # a plain str, even for an enum member
    raise BadAuditEntry(f"audit detail {key!r} must be text, a number or a flag")
