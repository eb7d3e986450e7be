"""Reads about the organisation's keys and staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts.models import KeyGrant, OrganisationKey, Role, StaffMember
from temoin.core import crypto


def current_organisation_key() -> OrganisationKey | None:
    return OrganisationKey.objects.filter(is_current=True).first()


def public_keys(key: OrganisationKey) -> crypto.OrgPublicKeys:
    return crypto.OrgPublicKeys(
        encryption=bytes(key.encryption_public), signing=bytes(key.signing_public)
    )


def staff_count() -> int:
    return StaffMember.objects.count()


def key_holders() -> QuerySet[StaffMember]:
    """Staff members holding a grant to the current organisation key."""
    return StaffMember.objects.filter(
        grants__organisation_key__is_current=True
    ).distinct()


def key_holder_count() -> int:
    return key_holders().count()


def is_key_holder(member: StaffMember) -> bool:
    return KeyGrant.objects.filter(
        member=member, organisation_key__is_current=True
    ).exists()


def admin_count() -> int:
    return sum(
        1
        for roles in StaffMember.objects.values_list("roles", flat=True)
        if Role.ADMIN.value in roles
    )


def member_by_name(username: str) -> StaffMember | None:
    return (
        StaffMember.objects.select_related("user")
        .filter(user__username=username)
        .first()
    )


@dataclass(frozen=True)
class StaffRow:
    """One line of the staff list: state, never secrets."""

    member: StaffMember
    holds_keys: bool
    two_factor: bool
    locked: bool


def staff_rows() -> list[StaffRow]:
    now = timezone.now()
    holders = set(key_holders().values_list("pk", flat=True))
    enrolled = set(
        TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True)
    )
    return [
        StaffRow(
            member=member,
            holds_keys=member.pk in holders,
            two_factor=member.user_id in enrolled,
            locked=member.is_locked(now),
        )
        for member in StaffMember.objects.select_related("user").order_by(
            "user__username"
        )
    ]
