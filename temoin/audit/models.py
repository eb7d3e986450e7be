"""The audit log: one row per staff action, each linked to the one before.

An entry says who did what to which object, and when; never any content.
Rows are written only by temoin.audit.actions.record() and never changed:
``temoin audit verify`` detects any row edited, removed or reordered in the
database itself (docs/security/audit.md).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry through Django."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit entries are never changed")

    def delete(self) -> NoReturn:
        raise AppendOnly("audit entries are never deleted")


class AuditEntry(models.Model):
    """One staff action; ``hash`` covers every other field and ``prev_hash``."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    # PROTECT: a staff member with entries is never deleted, so that the log
    # keeps naming who acted (and deleting would rewrite rows of the chain).
    actor = models.ForeignKey(
        "accounts.StaffMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["action", "seq"], name="audit_action_seq")]

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit entries are never deleted")


class AuditChainHead(models.Model):
    """The last entry's number and hash, in one row that writers lock.

    Locking it serialises appends on PostgreSQL (SQLite serialises writers by
    itself), and comparing it with the last entry reveals entries removed
    from the end of the log.
    """

    ROW_ID = 1

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain head at {self.seq}"
