"""Repeated failures lock an account for a while, whatever the client (no
address is known); the answer never tells a wrong password from an unknown
user or a locked account."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from temoin.accounts.models import StaffMember
from temoin.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, Persona, fresh_code, log_in

FAILED = "The user name or password is wrong, or the account is locked"


def _try(client: Client, username: str, password: str) -> tuple[int, str]:
    response = client.post(
        "/en/staff/login/", {"username": username, "password": password}
    )
    return response.status_code, response.content.decode()


def _error_text(html: str) -> str:
    start = html.index('<div class="warning" role="alert">')
    return html[start : html.index("</div>", start)]


def test_it_answers_unknown_users_and_wrong_passwords_alike(anna: Persona) -> None:
    client = Client()
    unknown = _try(client, "nobody", PASSWORD)
    wrong = _try(client, "anna", "not-her-password")
    assert unknown[0] == wrong[0] == 400
    assert FAILED in unknown[1]
    assert _error_text(unknown[1]) == _error_text(wrong[1])


def test_it_locks_after_repeated_wrong_passwords(anna: Persona) -> None:
    client = Client()
    for _ in range(settings.STAFF_LOCKOUT_FAILURES):
        assert _try(client, "anna", "guess")[0] == 400
    anna.member.refresh_from_db()
    assert anna.member.is_locked_now()
    # Even the right password is refused now, with the very same answer
    status, html = _try(Client(), "anna", PASSWORD)
    assert status == 400
    assert _error_text(html) == _error_text(_try(client, "nobody", "x")[1])
    assert AuditEntry.objects.filter(action="staff.locked").count() == 1
    assert AuditEntry.objects.filter(action="staff.login_refused").count() == 1


def test_it_counts_wrong_codes_too(anna: Persona) -> None:
    client = Client()
    _try(client, "anna", PASSWORD)
    for _ in range(settings.STAFF_LOCKOUT_FAILURES - 1):
        assert (
            client.post("/en/staff/login/code/", {"code": "000000"}).status_code == 400
        )
    # The last failure locks the account and ends the half-open session
    last = client.post("/en/staff/login/code/", {"code": "000000"})
    assert last["Location"] == "/en/staff/login/"
    assert client.get("/en/staff/").status_code == 302
    assert StaffMember.objects.get(pk=anna.member.pk).is_locked_now()
    # A right code no longer helps
    fresh = Client()
    assert _try(fresh, "anna", PASSWORD)[0] == 400


def test_it_does_not_reset_the_count_when_the_password_is_typed_again(
    anna: Persona,
) -> None:
    for _ in range(settings.STAFF_LOCKOUT_FAILURES):
        client = Client()
        _try(client, "anna", PASSWORD)
        client.post("/en/staff/login/code/", {"code": "000000"})
    assert StaffMember.objects.get(pk=anna.member.pk).is_locked_now()


def test_it_resets_the_count_after_a_full_login(anna: Persona) -> None:
    client = Client()
    for _ in range(settings.STAFF_LOCKOUT_FAILURES - 1):
        _try(client, "anna", "guess")
    log_in(Client(), anna)
    anna.member.refresh_from_db()
    assert anna.member.failed_logins == 0
    _try(client, "anna", "guess")
    anna.member.refresh_from_db()
    assert not anna.member.is_locked_now()


def test_it_unlocks_by_itself_when_the_period_is_over(anna: Persona) -> None:
    client = Client()
    for _ in range(settings.STAFF_LOCKOUT_FAILURES):
        _try(client, "anna", "guess")
    # Given the lock period has passed
    StaffMember.objects.filter(pk=anna.member.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    log_in(Client(), anna)
    # and a new failure starts a new count, without locking at once
    _try(client, "anna", "guess")
    member = StaffMember.objects.get(pk=anna.member.pk)
    assert member.failed_logins == 1 and not member.is_locked_now()


def test_it_lets_an_admin_unlock_an_account(
    maria_client: Client, anna: Persona
) -> None:
    for _ in range(settings.STAFF_LOCKOUT_FAILURES):
        _try(Client(), "anna", "guess")
    page = maria_client.get(f"/en/staff/people/{anna.member.pk}/")
    assert "Locked after too many failed logins" in page.content.decode()
    response = maria_client.post(f"/en/staff/people/{anna.member.pk}/unlock/")
    assert response.status_code == 302
    client = Client()
    client.post("/en/staff/login/", {"username": "anna", "password": PASSWORD})
    done = client.post("/en/staff/login/code/", {"code": fresh_code(anna.member)})
    assert done["Location"] == "/en/staff/"
    assert AuditEntry.objects.filter(action="staff.unlocked").count() == 1


def test_it_counts_a_wrong_current_password_on_the_change_page(
    anna_client: Client, anna: Persona
) -> None:
    for _ in range(settings.STAFF_LOCKOUT_FAILURES - 1):
        response = anna_client.post(
            "/en/staff/password/",
            {
                "current": "guess",
                "new": "quiet-river-87-stone",
                "repeat": "quiet-river-87-stone",
            },
        )
        assert response.status_code == 400
        assert "The current password is wrong" in response.content.decode()
    last = anna_client.post(
        "/en/staff/password/",
        {
            "current": "guess",
            "new": "quiet-river-87-stone",
            "repeat": "quiet-river-87-stone",
        },
    )
    assert last["Location"] == "/en/staff/login/"
    assert anna_client.get("/en/staff/").status_code == 302


def test_it_stores_no_client_address(anna: Persona) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.STAFF_LOCKOUT_FAILURES):
        _try(client, "anna", "guess")
    for entry in AuditEntry.objects.all():
        assert "203.0.113.7" not in str(entry.details)
