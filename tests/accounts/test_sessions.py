"""Staff sessions end when idle, when too old, and at once when access is
revoked or the account reset; a grant takes effect at the next login."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from temoin.accounts import sessions
from temoin.audit.models import AuditEntry
from tests.accounts.conftest import Persona, log_in


def _shift_session(client: Client, key: str, seconds: int) -> None:
    """Move a session timestamp back in time, as if that much time had passed."""
    store = SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    store[key] = int(time.time()) - seconds
    store.save()


def test_it_ends_a_session_idle_for_too_long(anna_client: Client) -> None:
    _shift_session(anna_client, sessions.SEEN_AT, settings.SESSION_COOKIE_AGE + 5)
    response = anna_client.get("/en/staff/")
    assert response["Location"].startswith("/en/staff/login/")
    assert anna_client.cookies["temoin_key"].value == ""


def test_it_keeps_an_active_session(anna_client: Client) -> None:
    _shift_session(anna_client, sessions.SEEN_AT, settings.SESSION_COOKIE_AGE - 60)
    assert anna_client.get("/en/staff/").status_code == 200
    # and the visit counts as activity
    assert anna_client.get("/en/staff/").status_code == 200


def test_it_ends_a_session_past_its_absolute_lifetime(anna_client: Client) -> None:
    # Active all along, but logged in too long ago
    _shift_session(
        anna_client, sessions.STARTED_AT, settings.STAFF_SESSION_MAX_SECONDS + 5
    )
    response = anna_client.get("/en/staff/")
    assert response["Location"].startswith("/en/staff/login/")


def test_it_lets_the_session_store_expire_idle_sessions(anna_client: Client) -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now())
    assert anna_client.get("/en/staff/")["Location"].startswith("/en/staff/login/")


def test_it_sets_the_idle_limit_from_the_settings() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.STAFF_SESSION_MAX_SECONDS == 12 * 60 * 60


def test_it_ends_every_session_at_once_when_access_is_revoked(
    maria_client: Client, anna: Persona
) -> None:
    # Given anna logged in twice, holding the keys
    first, second = Client(), Client()
    log_in(first, anna)
    log_in(second, anna)
    assert 'data-keys="held"' in first.get("/en/staff/").content.decode()
    # When maria revokes her access
    response = maria_client.post(f"/en/staff/people/{anna.member.pk}/revoke/")
    assert response.status_code == 302
    # Then both sessions are over at their very next request
    for client in (first, second):
        assert client.get("/en/staff/")["Location"].startswith("/en/staff/login/")
    # and logging in again gives no keys
    again = Client()
    log_in(again, anna)
    assert 'data-keys="none"' in again.get("/en/staff/").content.decode()
    assert AuditEntry.objects.filter(action="keys.revoked").count() == 1


def test_it_refuses_keys_to_a_session_whose_grant_was_deleted(
    anna_client: Client, anna: Persona
) -> None:
    from django.test import RequestFactory

    from temoin.accounts.keys import org_keys_for_request
    from temoin.accounts.models import KeyGrant

    def _keys_now() -> object:
        request = RequestFactory().get("/en/staff/")
        request.COOKIES.update({k: v.value for k, v in anna_client.cookies.items()})
        from django.contrib.auth import get_user
        from django_otp.middleware import OTPMiddleware

        request.session = SessionStore(
            session_key=anna_client.cookies[settings.SESSION_COOKIE_NAME].value
        )
        request.user = get_user(request)
        OTPMiddleware(lambda r: None)(request)
        return org_keys_for_request(request)

    assert _keys_now() is not None
    # Even if the grant disappears by another path than the revoke action
    KeyGrant.objects.filter(member=anna.member).delete()
    assert _keys_now() is None


def test_it_gives_the_keys_at_the_login_after_a_grant(
    maria: Persona, maria_client: Client, ivan: Persona
) -> None:
    ivan_client = Client()
    log_in(ivan_client, ivan)
    assert 'data-keys="none"' in ivan_client.get("/en/staff/").content.decode()
    response = maria_client.post(f"/en/staff/people/{ivan.member.pk}/grant/")
    assert response.status_code == 302
    # The grant is sealed to ivan's key; his password opens it at next login
    assert 'data-keys="granted"' in ivan_client.get("/en/staff/").content.decode()
    ivan_client.post("/en/staff/logout/")
    log_in(ivan_client, ivan)
    assert 'data-keys="held"' in ivan_client.get("/en/staff/").content.decode()
    entry = AuditEntry.objects.get(action="keys.granted", actor=maria.member)
    assert entry.object_id == str(ivan.member.pk)


def test_it_ends_sessions_when_two_factor_is_reset(
    maria_client: Client, anna_client: Client, anna: Persona
) -> None:
    maria_client.post(f"/en/staff/people/{anna.member.pk}/reset-two-factor/")
    assert anna_client.get("/en/staff/")["Location"].startswith("/en/staff/login/")
    client = Client()
    client.post("/en/staff/login/", {"username": "anna", "password": anna.password})
    # No authenticator any more: she must set up a new one
    assert client.get("/en/staff/")["Location"] == "/en/staff/two-factor/"
