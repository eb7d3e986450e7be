"""State changes for staff accounts and keys; each is one transaction that
writes its audit entry (temoin.audit.actions.record).

Keys follow DESIGN.md's "Keys": a member's secret key is wrapped with their
password; the organisation's secret keys reach a member only as a grant sealed
to the member's public key by an existing key holder.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts import queries
from temoin.accounts.models import KeyGrant, OrganisationKey, Role, StaffMember
from temoin.audit.actions import record
from temoin.core import crypto

logger = logging.getLogger("temoin.accounts")

ONE_TIME_PASSWORD_BYTES = 15
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")


class AccountError(Exception):
    """A refused change, with a message fit to show (translated, lazily)."""


def staff_key_kdf() -> crypto.KdfParams:
    """The Argon2id parameters that wrap staff keys, named in settings."""
    return crypto.KDF_BY_NAME[settings.STAFF_KEY_KDF]


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
    record(None, "keys.organisation_created", key, key_id=key.key_id)
    return key, secrets_


def _check_roles(roles: Iterable[Role | str]) -> list[str]:
    chosen = sorted({Role(role).value for role in roles})
    if not chosen:
        raise AccountError(_("Choose at least one role."))
    return chosen


@transaction.atomic
def do_create_staff_member(
    username: str,
    roles: Iterable[Role | str],
    password: str | None = None,
    *,
    created_by: StaffMember | None = None,
) -> tuple[StaffMember, str]:
    """Create a staff account with its own key pair, wrapped by its password.

    Returns the member and the password (a one-time password when none is
    given, which the member must change at first login). The member can read
    nothing until a key holder grants access (:func:`do_grant_access`).
    """
    role_values = _check_roles(roles)
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            _(
                "A user name has 2 to 40 letters, digits, dots, dashes or "
                "underscores, and starts with a letter or digit."
            )
        )
    users = get_user_model().objects
    if users.filter(username__iexact=username).exists():
        raise AccountError(_("This user name is already taken."))
    chosen = password or generate_one_time_password()
    user = users.create_user(username=username, password=chosen)
    keypair = crypto.generate_keypair()
    member = StaffMember.objects.create(
        user=user,
        roles=role_values,
        public_key=keypair.public,
        wrapped_secret_key=crypto.wrap_with_password(
            keypair.secret, chosen, staff_key_kdf()
        ),
        must_change_password=password is None,
    )
    record(created_by, "staff.created", member, roles=role_values)
    return member, chosen


@transaction.atomic
def do_grant_access(
    member: StaffMember,
    organisation_key: OrganisationKey,
    org_secrets: crypto.OrgSecretKeys,
    granted_by: StaffMember | None,
) -> KeyGrant:
    """Seal the organisation's secret keys to a member's public key.

    ``org_secrets`` come from the granting key holder's session
    (temoin.accounts.keys.org_keys_for_request) or from ``temoin init``;
    ``granted_by`` is None only for the system (init, demo).
    """
    if org_secrets.public() != queries.public_keys(organisation_key):
        raise AccountError(_("These are not the organisation's current keys."))
    sealed = crypto.seal_grant(org_secrets, bytes(member.public_key))
    grant, _created = KeyGrant.objects.update_or_create(
        member=member,
        organisation_key=organisation_key,
        defaults={"sealed_secrets": sealed, "granted_by": granted_by},
    )
    record(granted_by, "keys.granted", member, key_id=organisation_key.key_id)
    return grant


@transaction.atomic
def do_revoke_access(member: StaffMember, *, revoked_by: StaffMember | None) -> int:
    """Delete every grant of a member and end all of their sessions at once.

    Refused when the member is the last key holder: nobody could open the
    organisation's keys any more. Returns the number of grants deleted.
    """
    if queries.is_key_holder(member) and queries.key_holder_count() <= 1:
        raise AccountError(
            _(
                "This is the last person holding the keys: "
                "grant them to someone else first."
            )
        )
    deleted, _details = KeyGrant.objects.filter(member=member).delete()
    _end_sessions(member)
    record(revoked_by, "keys.revoked", member, grants=deleted)
    return deleted


@transaction.atomic
def do_change_roles(
    member: StaffMember, roles: Iterable[Role | str], *, changed_by: StaffMember | None
) -> None:
    """Replace a member's roles; the last admin always stays an admin."""
    role_values = _check_roles(roles)
    before = list(member.roles)
    if (
        Role.ADMIN.value in before
        and Role.ADMIN.value not in role_values
        and queries.admin_count() <= 1
    ):
        raise AccountError(_("This is the last admin: make someone else admin first."))
    member.roles = role_values
    member.save(update_fields=["roles"])
    record(changed_by, "staff.roles_changed", member, before=before, roles=role_values)


@transaction.atomic
def do_change_password(member: StaffMember, current: str, new: str) -> None:
    """Change a member's own password and re-wrap their secret key with it.

    Grants need not change: they are sealed to the member's public key, which
    stays the same. Every other session of the member ends.
    """
    try:
        member_secret = crypto.unwrap_with_password(
            bytes(member.wrapped_secret_key), current
        )
    except crypto.WrongKey:
        raise AccountError(_("The current password is wrong.")) from None
    member.wrapped_secret_key = crypto.wrap_with_password(
        member_secret, new, staff_key_kdf()
    )
    member.must_change_password = False
    member.save(update_fields=["wrapped_secret_key", "must_change_password"])
    member.user.set_password(new)
    member.user.save(update_fields=["password"])
    _end_sessions(member)
    record(member, "staff.password_changed", member)


@transaction.atomic
def do_reset_password(
    member: StaffMember,
    *,
    reset_by: StaffMember | None,
    org_secrets: crypto.OrgSecretKeys | None,
) -> str:
    """Give a member who forgot their password a new one-time password.

    The old secret key cannot be recovered without the old password, so the
    member gets a NEW key pair, wrapped with the one-time password; old grants
    are deleted. When the admin holds the keys (``org_secrets`` from their
    session), a new grant is sealed to the new public key; otherwise a key
    holder must grant access again. The organisation's keys are never shown
    to anyone. Returns the one-time password (show it once).
    """
    password = generate_one_time_password()
    keypair = crypto.generate_keypair()
    KeyGrant.objects.filter(member=member).delete()
    member.public_key = keypair.public
    member.wrapped_secret_key = crypto.wrap_with_password(
        keypair.secret, password, staff_key_kdf()
    )
    member.must_change_password = True
    member.failed_logins = 0
    member.locked_until = None
    member.save(
        update_fields=[
            "public_key",
            "wrapped_secret_key",
            "must_change_password",
            "failed_logins",
            "locked_until",
        ]
    )
    member.user.set_password(password)
    member.user.save(update_fields=["password"])
    _end_sessions(member)
    regranted = False
    key = queries.current_organisation_key()
    if org_secrets is not None and key is not None:
        do_grant_access(member, key, org_secrets, granted_by=reset_by)
        regranted = True
    record(reset_by, "staff.password_reset", member, regranted=regranted)
    return password


@transaction.atomic
def do_reset_two_factor(member: StaffMember, *, reset_by: StaffMember | None) -> None:
    """Remove a member's authenticator and recovery codes: they enrol again
    at their next login (with their password), and their sessions end."""
    TOTPDevice.objects.filter(user=member.user).delete()
    StaticDevice.objects.filter(user=member.user).delete()
    _end_sessions(member)
    record(reset_by, "staff.two_factor_reset", member)


@transaction.atomic
def do_unlock_member(member: StaffMember, *, unlocked_by: StaffMember | None) -> None:
    """Lift a lockout before it ends by itself."""
    member.failed_logins = 0
    member.locked_until = None
    member.save(update_fields=["failed_logins", "locked_until"])
    record(unlocked_by, "staff.unlocked", member)


def _end_sessions(member: StaffMember) -> None:
    # Every session remembers the generation it began with; the staff session
    # middleware ends those that no longer match (temoin.accounts.sessions).
    StaffMember.objects.filter(pk=member.pk).update(
        session_generation=F("session_generation") + 1
    )
    member.refresh_from_db(fields=["session_generation"])


def open_member_grant(member: StaffMember, password: str) -> crypto.OrgSecretKeys:
    """Unwrap a member's key with their password and open their current grant.

    Raises crypto.WrongKey for a wrong password, KeyGrant.DoesNotExist when the
    member holds no grant to the current key, and a CryptoError for a grant
    that holds other keys than the organisation's.
    """
    member_secret = crypto.unwrap_with_password(
        bytes(member.wrapped_secret_key), password
    )
    keypair = crypto.keypair_from_secret(member_secret)
    grant = member.grants.select_related("organisation_key").get(
        organisation_key__is_current=True
    )
    return crypto.open_grant(
        bytes(grant.sealed_secrets),
        keypair,
        expected=queries.public_keys(grant.organisation_key),
    )


def open_member_keys(member: StaffMember, password: str) -> crypto.OrgSecretKeys | None:
    """The organisation's secret keys for a member, or None without a usable
    grant (none, or one that does not open: logged, never fatal to a login)."""
    try:
        return open_member_grant(member, password)
    except KeyGrant.DoesNotExist:
        return None
    except crypto.CryptoError as error:
        logger.warning(
            "the grant of staff member %s does not open: %s", member.pk, error
        )
        return None
