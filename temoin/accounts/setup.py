"""Setting an installation up, and checking that it is safe to run."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from temoin.accounts import actions, queries
from temoin.accounts.models import Role, StaffMember

MIN_SECRET_KEY_LENGTH = 50


@dataclass(frozen=True)
class InitResult:
    key_id: str
    created_keys: bool
    admin_name: str
    admin_password: str | None


@transaction.atomic
def initialise_organisation(admin_name: str) -> InitResult:
    """Create the organisation's keys and first admin, unless they exist.

    Keys and the admin's grant are created in one transaction: keys that no
    one holds would be unrecoverable, so they never exist alone.
    """
    key = queries.current_organisation_key()
    if key is not None:
        return InitResult(key.key_id, False, admin_name, None)
    if StaffMember.objects.filter(user__username=admin_name).exists():
        raise ValueError(f"a staff account named {admin_name!r} already exists")
    key, org_secrets = actions.do_create_organisation_keys()
    member, password = actions.do_create_staff_member(
        admin_name, [Role.ADMIN], password=None
    )
    actions.do_grant_access(member, key, org_secrets, granted_by=None)
    # Sign the public key list while the new keys are in hand, so that
    # authorities can check certificates from the first day.
    from temoin.verification.certificate_actions import do_publish_lists

    do_publish_lists(actor=None, org=org_secrets)
    return InitResult(key.key_id, True, admin_name, password)


def installation_problems() -> list[str]:
    """temoin's own production checks, as sentences naming what to fix."""
    problems: list[str] = []
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        secret_key = ""
    if not secret_key:
        problems.append(
            "the secret key is missing: set TEMOIN_SECRET_KEY or run `temoin init`"
        )
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        problems.append(
            f"the secret key is shorter than {MIN_SECRET_KEY_LENGTH} characters"
        )
    if settings.DEBUG:
        problems.append("DEBUG is on: unset TEMOIN_DEBUG in production")
    if settings.DEVELOPMENT:
        problems.append("development mode is on: unset TEMOIN_DEVELOPMENT")
    if queries.current_organisation_key() is None:
        problems.append("the organisation's keys are missing: run `temoin init`")
    elif queries.key_holder_count() == 0:
        problems.append("no staff member holds the organisation's keys")
    return problems
