"""The organisation's secret keys during a staff session.

At login the server opens the member's grant with their password, then wraps
the organisation's secret keys with a random session key
(``crypto.wrap_for_session``). The session key goes ONLY to the browser, in an
HttpOnly, SameSite=Strict cookie (Secure unless settings.DEVELOPMENT); the
server-side session keeps ONLY the wrapped bytes. Either half alone opens
nothing, so a copy of the database or session store is useless.

For views: call :func:`org_keys_for_request` (or :func:`require_org_keys`)
each time keys are needed and let the result go out of scope. Never keep the
keys in module state, a cache or the session.
"""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from temoin.accounts import queries
from temoin.accounts.models import KeyGrant, StaffMember
from temoin.core import crypto

WRAPPED_KEYS = "temoin.keys.wrapped"
# The session key to send to the browser in this response ("" deletes it).
_PENDING_COOKIE = "_temoin_key_cookie"


def hold_org_keys(request: HttpRequest, org: crypto.OrgSecretKeys) -> None:
    """Wrap the keys for this session: wrapped bytes in the session, the
    session key in the browser's cookie (set on the response by the staff
    session middleware)."""
    session_key, wrapped = crypto.wrap_for_session(org)
    request.session[WRAPPED_KEYS] = base64.b64encode(wrapped).decode("ascii")
    setattr(request, _PENDING_COOKIE, crypto.encode_session_key(session_key))


def drop_org_keys(request: HttpRequest) -> None:
    """Forget the wrapped keys and delete the browser's key cookie."""
    request.session.pop(WRAPPED_KEYS, None)
    setattr(request, _PENDING_COOKIE, "")


def org_keys_for_request(request: HttpRequest) -> crypto.OrgSecretKeys | None:
    """The organisation's secret keys for this request, or None.

    None unless the request comes from a fully logged-in staff member (second
    factor given, password changed) who holds a grant to the current key right
    now and whose browser sent the matching key cookie. Keys revoked a moment
    ago are refused even if the session still held them.
    """
    from temoin.accounts.sessions import is_ready, staff_member

    member = staff_member(request)
    if member is None or not is_ready(request):
        return None
    return _unwrap(request, member)


def require_org_keys(request: HttpRequest) -> crypto.OrgSecretKeys:
    """Like :func:`org_keys_for_request`, but PermissionDenied without keys."""
    org = org_keys_for_request(request)
    if org is None:
        raise PermissionDenied("this staff member holds no keys")
    return org


def holds_keys(request: HttpRequest) -> bool:
    return org_keys_for_request(request) is not None


def _unwrap(request: HttpRequest, member: StaffMember) -> crypto.OrgSecretKeys | None:
    wrapped_text = request.session.get(WRAPPED_KEYS)
    cookie = getattr(request, _PENDING_COOKIE, None) or request.COOKIES.get(
        settings.STAFF_KEY_COOKIE_NAME
    )
    key = queries.current_organisation_key()
    if not wrapped_text or not cookie or key is None:
        return None
    if not KeyGrant.objects.filter(member=member, organisation_key=key).exists():
        return None
    try:
        wrapped = base64.b64decode(wrapped_text, validate=True)
        org = crypto.unwrap_session(crypto.decode_session_key(cookie), wrapped)
    except (crypto.CryptoError, binascii.Error, ValueError):
        return None
    if org.public() != queries.public_keys(key):
        return None
    return org


def apply_key_cookie(request: HttpRequest, response: HttpResponse) -> None:
    """Set or delete the browser's key cookie as this request decided.

    A key cookie that arrives with no keys in the session is stale (the
    session ended): it is deleted too.
    """
    name = settings.STAFF_KEY_COOKIE_NAME
    pending = getattr(request, _PENDING_COOKIE, None)
    if pending:
        response.set_cookie(
            name,
            pending,
            httponly=True,
            secure=not settings.DEVELOPMENT,
            samesite="Strict",
            path="/",
        )  # no max_age: the browser forgets it when it closes
        return
    session = getattr(request, "session", None)
    stale = name in request.COOKIES and (session is None or WRAPPED_KEYS not in session)
    if pending == "" or stale:
        response.delete_cookie(name, path="/", samesite="Strict")
