"""The organisation's keys: only grants and wrapped forms are stored; a
password change re-wraps the member's key; an admin's reset never shows the
organisation's keys to anyone."""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from temoin.accounts import actions, keys
from temoin.accounts.models import KeyGrant, StaffMember
from temoin.core import crypto
from tests.accounts.conftest import Org, Persona, log_in

NEW_PASSWORD = "copper-lighthouse-sings-19"


def test_it_rewraps_the_members_key_when_the_password_changes(
    org: Org, anna: Persona, anna_client: Client
) -> None:
    old_wrapped = bytes(anna.member.wrapped_secret_key)
    response = anna_client.post(
        "/en/staff/password/",
        {"current": anna.password, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member = StaffMember.objects.get(pk=anna.member.pk)
    # The old password no longer unwraps the stored key; the new one does
    with pytest.raises(crypto.WrongKey):
        crypto.unwrap_with_password(bytes(member.wrapped_secret_key), anna.password)
    assert crypto.unwrap_with_password(
        bytes(member.wrapped_secret_key), NEW_PASSWORD
    ) == crypto.unwrap_with_password(old_wrapped, anna.password)
    # and the unchanged grant opens with the new password
    assert actions.open_member_grant(member, NEW_PASSWORD) == org.secrets
    with pytest.raises(crypto.WrongKey):
        actions.open_member_grant(member, anna.password)
    # Her own session goes on, with the keys
    assert 'data-keys="held"' in anna_client.get("/en/staff/").content.decode()


def test_it_ends_other_sessions_when_the_password_changes(anna: Persona) -> None:
    this, other = Client(), Client()
    log_in(this, anna)
    log_in(other, anna)
    this.post(
        "/en/staff/password/",
        {"current": anna.password, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    assert this.get("/en/staff/").status_code == 200
    assert other.get("/en/staff/")["Location"].startswith("/en/staff/login/")


def test_it_resets_a_forgotten_password_without_exposing_the_keys(
    org: Org, maria: Persona, maria_client: Client, anna: Persona
) -> None:
    old_secret = crypto.unwrap_with_password(
        bytes(anna.member.wrapped_secret_key), anna.password
    )
    # When an admin resets anna's password
    response = maria_client.post(f"/en/staff/people/{anna.member.pk}/reset-password/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="one-time-password">') + len('id="one-time-password">')
    one_time = html[start : html.index("<", start)].strip()
    # Then the page shows a one-time password, and nothing of the keys
    for secret in (org.secrets.encryption, org.secrets.signing):
        for form in (secret.hex(), base64.b64encode(secret).decode()):
            assert form not in html
    member = StaffMember.objects.get(pk=anna.member.pk)
    assert member.must_change_password
    assert bytes(member.public_key) != crypto.keypair_from_secret(old_secret).public
    # and nothing stored opens without the new password: not the old password,
    with pytest.raises(crypto.WrongKey):
        crypto.unwrap_with_password(bytes(member.wrapped_secret_key), anna.password)
    # not the old personal key (which a thief of her old password could rebuild),
    grant = KeyGrant.objects.get(member=member)
    with pytest.raises(crypto.CryptoError):
        crypto.open_grant(
            bytes(grant.sealed_secrets), crypto.keypair_from_secret(old_secret)
        )
    # while the new one-time password does
    assert actions.open_member_grant(member, one_time) == org.secrets
    # Every grant in the database belongs to a current public key
    for grant in KeyGrant.objects.select_related("member"):
        assert grant.sealed_secrets[2:10] == crypto.key_id(
            bytes(grant.member.public_key)
        )


def test_it_resets_without_a_grant_when_the_admin_holds_no_keys(
    org: Org, anna: Persona
) -> None:
    actions.do_reset_password(anna.member, reset_by=None, org_secrets=None)
    assert not KeyGrant.objects.filter(member=anna.member).exists()


def test_it_gives_the_browser_the_key_in_a_strict_cookie(anna_client: Client) -> None:
    cookie = anna_client.cookies[settings.STAFF_KEY_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["secure"] is True  # not in development mode
    assert cookie["samesite"] == "Strict"
    assert cookie["max-age"] == ""  # gone when the browser closes
    assert len(crypto.decode_session_key(cookie.value)) == 32


def test_it_keeps_only_the_wrapped_keys_in_the_session(
    org: Org, anna_client: Client
) -> None:
    store = SessionStore(
        session_key=anna_client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    wrapped = base64.b64decode(store[keys.WRAPPED_KEYS])
    # The session alone opens nothing; with the browser's key it does
    with pytest.raises(crypto.CryptoError):
        crypto.unwrap_session(crypto.SessionKey(bytes(32)), wrapped)
    cookie = anna_client.cookies[settings.STAFF_KEY_COOKIE_NAME].value
    assert (
        crypto.unwrap_session(crypto.decode_session_key(cookie), wrapped) == org.secrets
    )


def test_it_refuses_keys_without_the_browsers_cookie(anna_client: Client) -> None:
    anna_client.cookies[settings.STAFF_KEY_COOKIE_NAME] = crypto.encode_session_key(
        crypto.SessionKey(bytes(32))
    )
    html = anna_client.get("/en/staff/").content.decode()
    assert 'data-keys="granted"' in html  # granted, but not open in this session
    del anna_client.cookies[settings.STAFF_KEY_COOKIE_NAME]
    assert 'data-keys="granted"' in anna_client.get("/en/staff/").content.decode()


def test_it_holds_no_keys_for_a_member_without_a_grant(ivan: Persona) -> None:
    client = Client()
    log_in(client, ivan)
    assert settings.STAFF_KEY_COOKIE_NAME not in client.cookies
    assert 'data-keys="none"' in client.get("/en/staff/").content.decode()


def test_it_refuses_a_grant_of_other_keys(org: Org, ivan: Persona) -> None:
    with pytest.raises(actions.AccountError):
        actions.do_grant_access(
            ivan.member, org.key, crypto.generate_org_keys(), granted_by=None
        )
    assert not KeyGrant.objects.filter(member=ivan.member).exists()


def test_it_pins_the_production_key_cookie() -> None:
    import importlib

    production = importlib.import_module("temoin.settings")
    assert production.STAFF_KEY_COOKIE_NAME == "temoin_key"
    assert production.STAFF_LOCKOUT_FAILURES == 5
    assert production.OTP_TOTP_THROTTLE_FACTOR == 0


def test_it_logs_in_without_keys_when_a_grant_was_tampered_with(
    org: Org, anna: Persona
) -> None:
    grant = KeyGrant.objects.get(member=anna.member)
    forged = crypto.seal_grant(
        crypto.generate_org_keys(), bytes(anna.member.public_key)
    )
    KeyGrant.objects.filter(pk=grant.pk).update(sealed_secrets=forged)
    client = Client()
    log_in(client, anna)
    # A grant holding other keys than the organisation's is never used
    assert 'data-keys="granted"' in client.get("/en/staff/").content.decode()
