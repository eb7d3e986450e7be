"""Logging staff in: passwords, second factors, and the lockout.

Failures are counted per account in the database (no client address is ever
known): after ``STAFF_LOCKOUT_FAILURES`` wrong passwords or codes in a row the
account is locked for ``STAFF_LOCKOUT_SECONDS``. An unknown user name, a wrong
password and a locked account all get the same answer, :data:`LOGIN_FAILED`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice

from temoin.accounts import queries, twofactor
from temoin.accounts.models import StaffMember
from temoin.audit.actions import record

LOGIN_FAILED = _(
    "The user name or password is wrong, or the account is locked after too "
    "many failed attempts. Try again later, or ask an admin."
)
CODE_FAILED = _("This code is wrong or has expired. Try the newest code.")


def do_check_password(username: str, password: str) -> StaffMember | None:
    """The member if the password is right and the account not locked.

    The password is checked even for a locked or unknown account, so that the
    time taken tells nothing either. Only a full login (password and code)
    resets the failure count: re-entering the password does not buy more code
    guesses.
    """
    member = queries.member_by_name(username)
    if member is None:
        make_password(password)  # the same work as checking a real password
        with transaction.atomic():
            record(None, "staff.login_failed", stage="password", reason="unknown_user")
        return None
    password_ok = member.user.check_password(password)
    if member.is_locked(timezone.now()) or not member.user.is_active:
        with transaction.atomic():
            record(None, "staff.login_refused", member, reason="locked")
        return None
    if not password_ok:
        do_register_failed_login(member, stage="password")
        return None
    return member


@transaction.atomic
def do_register_failed_login(member: StaffMember, *, stage: str) -> bool:
    """Count one failure; lock the account at the limit. True if now locked."""
    locked = StaffMember.objects.select_for_update().get(pk=member.pk)
    now = timezone.now()
    if locked.locked_until is not None and locked.locked_until <= now:
        locked.failed_logins, locked.locked_until = 0, None  # a lock served
    locked.failed_logins += 1
    newly_locked = (
        locked.failed_logins >= settings.STAFF_LOCKOUT_FAILURES
        and locked.locked_until is None
    )
    if newly_locked:
        locked.locked_until = now + timedelta(seconds=settings.STAFF_LOCKOUT_SECONDS)
    locked.save(update_fields=["failed_logins", "locked_until"])
    member.failed_logins, member.locked_until = (
        locked.failed_logins,
        locked.locked_until,
    )
    record(
        None, "staff.login_failed", member, stage=stage, failures=locked.failed_logins
    )
    if newly_locked:
        record(
            None,
            "staff.locked",
            member,
            failures=locked.failed_logins,
            seconds=settings.STAFF_LOCKOUT_SECONDS,
        )
    return locked.is_locked(now)


def do_verify_second_factor(member: StaffMember, code: str) -> Device | None:
    """The device that accepted the code, or None (the failure is counted)."""
    with transaction.atomic():
        member.refresh_from_db(fields=["failed_logins", "locked_until"])
        if member.is_locked(timezone.now()):
            record(None, "staff.login_refused", member, reason="locked")
            return None
        device = twofactor.verify_code(member, code)
    if device is None:
        do_register_failed_login(member, stage="code")
    return device


@transaction.atomic
def do_record_login(member: StaffMember, device: Device) -> None:
    """A full login (password and second factor): clear the failure count."""
    StaffMember.objects.filter(pk=member.pk).update(failed_logins=0, locked_until=None)
    member.failed_logins, member.locked_until = 0, None
    method = "recovery_code" if isinstance(device, StaticDevice) else "authenticator"
    details: dict[str, int | str] = {"method": method}
    if isinstance(device, StaticDevice):
        details["codes_left"] = device.token_set.count()
    record(member, "staff.logged_in", member, **details)


@transaction.atomic
def do_record_logout(member: StaffMember) -> None:
    record(member, "staff.logged_out", member)
