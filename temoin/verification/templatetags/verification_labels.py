"""Labels for verification codes in templates: ``{{ code|evidence_label }}``."""

from __future__ import annotations

from django import template

from temoin.verification.display import EVIDENCE_LABELS, FINDING_LABELS, label

register = template.Library()


@register.filter
def evidence_label(code: str) -> str:
    """An evidence category's label in the page's language."""
    return label(EVIDENCE_LABELS, str(code))


@register.filter
def finding_label(kind: str) -> str:
    """A corroboration or inconsistency finding's kind, in words."""
    return label(FINDING_LABELS, str(kind))
