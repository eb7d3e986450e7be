from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only, hash-chained log of every staff action."""

    name = "temoin.audit"
    label = "audit"
