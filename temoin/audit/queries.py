"""Reading the audit log for the admin page."""

from __future__ import annotations

from django.db.models import QuerySet

from temoin.audit.models import AuditEntry


def entries(actor_id: int | None = None, action: str = "") -> QuerySet[AuditEntry]:
    """Newest first, optionally for one actor and one action."""
    found = AuditEntry.objects.select_related("actor__user").order_by("-seq")
    if actor_id is not None:
        found = found.filter(actor_id=actor_id)
    if action:
        found = found.filter(action=action)
    return found


def known_actions() -> list[str]:
    return list(
        AuditEntry.objects.order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
