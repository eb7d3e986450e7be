"""A staff session's life: the login steps, and when it must end.

A login goes through steps, in this order, before any staff page opens:

1. ``LOGIN``: the password (Django's session starts here, not yet verified);
2. ``CODE``: a code from the authenticator or a recovery code, when the
   member has an authenticator;
3. ``PASSWORD``: a new password, when the current one is a one-time password;
4. ``ENROL``: setting up the authenticator, when the member has none (first
   login, or after an admin reset it).

A session ends when it has been idle for SESSION_COOKIE_AGE, when it is older
than STAFF_SESSION_MAX_SECONDS, or when the member's session generation
changes (access revoked, password changed or reset, two-factor reset).
"""

from __future__ import annotations

import time
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.models import Device

from temoin.accounts import keys, twofactor
from temoin.accounts.models import StaffMember

GENERATION = "temoin.staff.generation"
STARTED_AT = "temoin.staff.started_at"
SEEN_AT = "temoin.staff.seen_at"
NEXT_URL = "temoin.staff.next"


class Step(StrEnum):
    LOGIN = "accounts:login"
    CODE = "accounts:code"
    PASSWORD = "accounts:password"  # noqa: S105 — a URL name, not a password
    ENROL = "accounts:enrol"


def staff_member(request: HttpRequest) -> StaffMember | None:
    """The logged-in user's staff account (any step), or None."""
    user = getattr(request, "user", None)  # absent on error pages of bad requests
    if user is None or not user.is_authenticated:
        return None
    try:
        member: StaffMember = user.staff
    except StaffMember.DoesNotExist:
        return None
    return member


def is_verified(request: HttpRequest) -> bool:
    """True once a second factor was given in this session."""
    check = getattr(request.user, "is_verified", None)
    return bool(check is not None and check())


def next_step(request: HttpRequest) -> Step | None:
    """The step this session must take next; None when it may see staff pages."""
    member = staff_member(request)
    if member is None:
        return Step.LOGIN
    enrolled = twofactor.has_two_factor(member)
    verified = is_verified(request)
    if enrolled and not verified:
        return Step.CODE
    if member.must_change_password:
        return Step.PASSWORD
    if not enrolled:
        return Step.ENROL
    return None


def is_ready(request: HttpRequest) -> bool:
    return next_step(request) is None


def redirect_to_step(request: HttpRequest, step: Step) -> HttpResponseRedirect:
    url = reverse(step.value)
    if step is Step.LOGIN and request.method == "GET":
        return HttpResponseRedirect(f"{url}?next={request.get_full_path()}")
    return HttpResponseRedirect(url)


def after_login_url(request: HttpRequest) -> str:
    """Where to go once every step is done: the page first asked for, if ours."""
    wanted = request.session.pop(NEXT_URL, "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return str(wanted)
    return reverse("accounts:home")


def continue_login(request: HttpRequest) -> HttpResponseRedirect:
    step = next_step(request)
    if step is not None:
        return redirect_to_step(request, step)
    return HttpResponseRedirect(after_login_url(request))


def begin(request: HttpRequest, member: StaffMember, next_url: str = "") -> None:
    """Start a session after a right password (not yet verified)."""
    login(request, member.user)
    now = int(time.time())
    request.session[GENERATION] = member.session_generation
    request.session[STARTED_AT] = now
    request.session[SEEN_AT] = now
    if next_url:
        request.session[NEXT_URL] = next_url


def complete(request: HttpRequest, device: Device) -> None:
    """Mark the session verified by a second factor, under a new session id."""
    request.session.cycle_key()
    otp_login(request, device)


def keep_after_password_change(request: HttpRequest, member: StaffMember) -> None:
    """The member's own session survives their password change; others end."""
    update_session_auth_hash(request, member.user)
    request.session[GENERATION] = member.session_generation


def end(request: HttpRequest) -> None:
    """Log out: forget the keys, the session and the browser's key cookie."""
    keys.drop_org_keys(request)
    logout(request)


def end_reason(request: HttpRequest, member: StaffMember) -> str | None:
    """Why this session must end now ("revoked", "expired"), or None."""
    session = request.session
    if session.get(GENERATION) != member.session_generation:
        return "revoked"
    now = time.time()
    started = session.get(STARTED_AT)
    seen = session.get(SEEN_AT)
    if not isinstance(started, int) or not isinstance(seen, int):
        return "expired"
    if now - started > settings.STAFF_SESSION_MAX_SECONDS:
        return "expired"
    if now - seen > settings.SESSION_COOKIE_AGE:
        return "expired"
    return None


def touch(request: HttpRequest) -> None:
    request.session[SEEN_AT] = int(time.time())
