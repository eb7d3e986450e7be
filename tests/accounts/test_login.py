"""Logging in: password, then a second factor; a first login with a one-time
password goes through a new password and enrolment before anything else."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts import actions, twofactor
from temoin.accounts.models import Role, StaffMember
from temoin.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, Org, Persona, fresh_code, log_in

NEW_PASSWORD = "amber-meadow-compass-42"


def _secret_from_page(html: str) -> bytes:
    from base64 import b32decode

    match = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', html)
    assert match, "the enrolment page shows the secret"
    text = match.group(1).replace(" ", "")
    return b32decode(text + "=" * (-len(text) % 8))


def test_it_logs_in_with_a_password_and_a_code(anna: Persona) -> None:
    client = Client()
    log_in(client, anna)
    response = client.get("/en/staff/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Caseworker" in html
    assert 'data-keys="held"' in html
    assert AuditEntry.objects.filter(action="staff.logged_in").count() == 1


def test_it_asks_for_a_code_before_anything_else(anna: Persona) -> None:
    client = Client()
    response = client.post(
        "/en/staff/login/", {"username": "anna", "password": PASSWORD}
    )
    assert response["Location"] == "/en/staff/login/code/"
    # The password alone opens no staff page
    for path in ("/en/staff/", "/en/staff/password/", "/en/staff/two-factor/"):
        assert client.get(path)["Location"] == "/en/staff/login/code/"


def test_it_refuses_a_wrong_code_with_a_clear_message(anna: Persona) -> None:
    client = Client()
    client.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    response = client.post("/en/staff/login/code/", {"code": "000000"})
    assert response.status_code == 400
    assert "This code is wrong or has expired" in response.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_it_accepts_each_code_only_once(anna: Persona) -> None:
    code = fresh_code(anna.member)
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    assert first.post("/en/staff/login/code/", {"code": code}).status_code == 302
    assert second.post("/en/staff/login/code/", {"code": code}).status_code == 400


def test_it_accepts_a_recovery_code_once(anna: Persona) -> None:
    codes = twofactor.do_regenerate_recovery_codes(anna.member)
    client = Client()
    client.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    spaced = codes[0].upper().replace("-", " ")
    assert client.post("/en/staff/login/code/", {"code": spaced}).status_code == 302
    assert client.get("/en/staff/").status_code == 200
    again = Client()
    again.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    assert again.post("/en/staff/login/code/", {"code": codes[0]}).status_code == 400
    entry = AuditEntry.objects.get(action="staff.logged_in")
    assert entry.details == {"method": "recovery_code", "codes_left": 9}


def test_it_stores_no_recovery_code_in_the_clear(anna: Persona) -> None:
    from django_otp.plugins.otp_static.models import StaticToken

    codes = twofactor.do_regenerate_recovery_codes(anna.member)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == len(codes) == 10
    for code in codes:
        assert code not in stored
        assert twofactor.normalise_code(code) not in stored


def test_it_walks_a_first_login_through_password_and_enrolment(
    org: Org, maria: Persona
) -> None:
    # Given an account just created by an admin, with a one-time password
    member, one_time = actions.do_create_staff_member(
        "olena", [Role.VERIFIER], created_by=maria.member
    )
    client = Client()
    # When olena logs in, she must first choose a password
    response = client.post(
        "/fr/staff/login/", {"username": "olena", "password": one_time}
    )
    assert response["Location"] == "/fr/staff/password/"
    for path in ("/fr/staff/", "/fr/staff/two-factor/", "/fr/staff/people/"):
        assert client.get(path)["Location"] == "/fr/staff/password/"
    response = client.post(
        "/fr/staff/password/",
        {"current": one_time, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
    )
    # then set up her authenticator
    assert response["Location"] == "/fr/staff/two-factor/"
    assert client.get("/fr/staff/")["Location"] == "/fr/staff/two-factor/"
    page = client.get("/fr/staff/two-factor/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="/fr/staff/two-factor/qr.svg"' in html
    qr = client.get("/fr/staff/two-factor/qr.svg")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<?xml") and b"<svg" in qr.content
    assert b"<script" not in qr.content
    # (reloading shows the same secret, so a scanned code stays valid)
    secret = _secret_from_page(html)
    assert (
        _secret_from_page(client.get("/fr/staff/two-factor/").content.decode())
        == secret
    )
    wrong = client.post("/fr/staff/two-factor/", {"code": "123"})
    assert wrong.status_code == 400
    done = client.post("/fr/staff/two-factor/", {"code": f"{totp(secret):06d}"})
    # Then she sees her recovery codes once, and reaches the staff pages
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9-]{19})</code>", done.content.decode())
    assert len(codes) == 10
    home = client.get("/fr/staff/")
    assert home.status_code == 200
    assert 'data-keys="none"' in home.content.decode()
    # and the QR code is gone once enrolled
    assert client.get("/fr/staff/two-factor/qr.svg").status_code == 404
    member.refresh_from_db()
    assert member.must_change_password is False
    actions_seen = list(
        AuditEntry.objects.filter(actor=member)
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions_seen == [
        "staff.password_changed",
        "staff.two_factor_enrolment_started",
        "staff.two_factor_enrolled",
        "staff.logged_in",
    ]


def test_it_rejects_a_weak_or_mismatched_new_password(org: Org) -> None:
    member, one_time = actions.do_create_staff_member("petro", [Role.PUBLISHER])
    client = Client()
    client.post("/en/staff/login/", {"username": "petro", "password": one_time})
    short = client.post(
        "/en/staff/password/", {"current": one_time, "new": "short", "repeat": "short"}
    )
    assert short.status_code == 400
    assert "too short" in short.content.decode()
    differ = client.post(
        "/en/staff/password/",
        {"current": one_time, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD + "x"},
    )
    assert differ.status_code == 400
    assert "The two new passwords differ" in differ.content.decode()
    member.refresh_from_db()
    assert member.must_change_password is True


def test_it_logs_out_and_forgets_the_keys(anna_client: Client, anna: Persona) -> None:
    assert anna_client.cookies["temoin_key"].value
    response = anna_client.post("/en/staff/logout/")
    assert response["Location"] == "/en/staff/login/"
    assert anna_client.cookies["temoin_key"].value == ""
    assert anna_client.get("/en/staff/").status_code == 302
    assert AuditEntry.objects.filter(action="staff.logged_out").count() == 1


def test_it_refuses_logout_by_get(anna_client: Client) -> None:
    assert anna_client.get("/en/staff/logout/").status_code == 405
    assert anna_client.get("/en/staff/").status_code == 200


def test_it_returns_to_the_page_first_asked_for(anna: Persona) -> None:
    client = Client()
    response = client.get("/en/staff/two-factor/recovery-codes/")
    assert response["Location"] == (
        "/en/staff/login/?next=/en/staff/two-factor/recovery-codes/"
    )
    client.post(response["Location"], {"username": "anna", "password": PASSWORD})
    done = client.post("/en/staff/login/code/", {"code": fresh_code(anna.member)})
    assert done["Location"] == "/en/staff/two-factor/recovery-codes/"


def test_it_never_sends_a_login_to_another_site(anna: Persona) -> None:
    client = Client()
    client.post(
        "/en/staff/login/?next=https://evil.example/",
        {"username": "anna", "password": PASSWORD},
    )
    done = client.post("/en/staff/login/code/", {"code": fresh_code(anna.member)})
    assert done["Location"] == "/en/staff/"


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("ru", "Вход для сотрудников"),
        ("uk", "Вхід для працівників"),
        ("fr", "Connexion du personnel"),
        ("en", "Staff login"),
    ],
)
def test_it_shows_the_login_page_in_each_language(
    db: None, lang: str, title: str
) -> None:
    response = Client().get(f"/{lang}/staff/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert "<script" not in html


def test_it_regenerates_recovery_codes_and_drops_the_old_ones(
    anna_client: Client, anna: Persona
) -> None:
    old = twofactor.do_regenerate_recovery_codes(anna.member)
    page = anna_client.get("/en/staff/two-factor/recovery-codes/")
    assert "10 unused recovery codes" in page.content.decode()
    response = anna_client.post("/en/staff/two-factor/recovery-codes/")
    new = re.findall(r"<code>([a-z2-9-]{19})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client = Client()
    client.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    assert client.post("/en/staff/login/code/", {"code": old[0]}).status_code == 400


def test_it_keeps_an_unconfirmed_device_from_counting(org: Org) -> None:
    member, _ = actions.do_create_staff_member("unused", [Role.CASEWORKER], "x" * 20)
    TOTPDevice.objects.create(user=member.user, confirmed=False)
    member = StaffMember.objects.get(pk=member.pk)
    assert twofactor.has_two_factor(member) is False
