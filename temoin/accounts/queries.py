"""Reads about the organisation's keys and staff."""

from __future__ import annotations

from temoin.accounts.models import OrganisationKey, StaffMember


def current_organisation_key() -> OrganisationKey | None:
    return OrganisationKey.objects.filter(is_current=True).first()


def staff_count() -> int:
    return StaffMember.objects.count()


def key_holder_count() -> int:
    """Staff members holding a grant to the current organisation key."""
    return (
        StaffMember.objects.filter(grants__organisation_key__is_current=True)
        .distinct()
        .count()
    )
