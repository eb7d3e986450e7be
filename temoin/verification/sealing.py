"""Where verification content is sealed (always to the organisation only)."""

from __future__ import annotations

from temoin.intake.sealing import open_fields, seal_fields

__all__ = [
    "certificate_context",
    "checklist_context",
    "claims_context",
    "open_fields",
    "request_context",
    "seal_fields",
]


def claims_context(case_id: int) -> str:
    return f"verification.claims:{case_id}"


def checklist_context(case_id: int) -> str:
    return f"verification.checklist:{case_id}"


def request_context(case_id: int) -> str:
    return f"verification.request:{case_id}"


def certificate_context(case_id: int) -> str:
    return f"verification.certificate:{case_id}"
