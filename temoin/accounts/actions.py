"""State changes for staff accounts and keys; each is one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from temoin.accounts.models import KeyGrant, OrganisationKey, Role, StaffMember
from temoin.core import crypto

ONE_TIME_PASSWORD_BYTES = 15

KDF_BY_NAME = {
    "test": crypto.KDF_TEST,
    "interactive": crypto.KDF_INTERACTIVE,
    "moderate": crypto.KDF_MODERATE,
    "sensitive": crypto.KDF_SENSITIVE,
}


def staff_key_kdf() -> crypto.KdfParams:
    """The Argon2id parameters that wrap staff keys, named in settings."""
    return KDF_BY_NAME[settings.STAFF_KEY_KDF]


def generate_one_time_password() -> str:
    """A random password the member must replace at first login."""
    return secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES)


@transaction.atomic
def do_create_organisation_keys() -> tuple[OrganisationKey, crypto.OrgSecretKeys]:
    """Create the organisation's key pairs; return the secrets for granting.

    The caller must grant them to at least one staff member at once: they are
    never stored unwrapped, so keys nobody holds are lost for good.
    """
    secrets_ = crypto.generate_org_keys()
    public = secrets_.public()
    OrganisationKey.objects.update(is_current=False)
    key = OrganisationKey.objects.create(
        key_id=public.key_id,
        encryption_public=public.encryption,
        signing_public=public.signing,
        is_current=True,
    )
    return key, secrets_


@transaction.atomic
def do_create_staff_member(
    username: str, roles: Iterable[Role], password: str | None = None
) -> tuple[StaffMember, str]:
    """Create a staff account with its own key pair, wrapped by its password.

    Returns the member and the password (a one-time password when none is given).
    The member can read nothing until a key holder grants access.
    """
    chosen = password or generate_one_time_password()
    user = get_user_model().objects.create_user(username=username, password=chosen)
    keypair = crypto.generate_keypair()
    member = StaffMember.objects.create(
        user=user,
        roles=sorted({role.value for role in roles}),
        public_key=keypair.public,
        wrapped_secret_key=crypto.wrap_with_password(
            keypair.secret, chosen, staff_key_kdf()
        ),
        must_change_password=password is None,
    )
    return member, chosen


@transaction.atomic
def do_grant_access(
    member: StaffMember,
    organisation_key: OrganisationKey,
    org_secrets: crypto.OrgSecretKeys,
    granted_by: StaffMember | None,
) -> KeyGrant:
    """Seal the organisation's secret keys to a member's public key."""
    sealed = crypto.seal_grant(org_secrets, bytes(member.public_key))
    grant, _ = KeyGrant.objects.update_or_create(
        member=member,
        organisation_key=organisation_key,
        defaults={"sealed_secrets": sealed, "granted_by": granted_by},
    )
    return grant


def open_member_grant(member: StaffMember, password: str) -> crypto.OrgSecretKeys:
    """Unwrap a member's key with their password and open their current grant."""
    member_secret = crypto.unwrap_with_password(
        bytes(member.wrapped_secret_key), password
    )
    keypair = crypto.KeyPair(
        public=bytes(member.public_key), secret=crypto.SecretKey(member_secret)
    )
    grant = member.grants.select_related("organisation_key").get(
        organisation_key__is_current=True
    )
    return crypto.open_grant(bytes(grant.sealed_secrets), keypair)
