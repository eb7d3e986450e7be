"""The admin pages: create accounts, roles, grants, revocation, resets.
Only admins reach them, and every change is audited."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from temoin.accounts import actions
from temoin.accounts.models import KeyGrant, Role, StaffMember
from temoin.audit.models import AuditEntry
from tests.accounts.conftest import Org, Persona, log_in

ADMIN_PAGES = [
    ("get", "/en/staff/people/"),
    ("get", "/en/staff/people/new/"),
    ("post", "/en/staff/people/new/"),
    ("get", "/en/staff/people/{id}/"),
    ("post", "/en/staff/people/{id}/roles/"),
    ("post", "/en/staff/people/{id}/grant/"),
    ("post", "/en/staff/people/{id}/revoke/"),
    ("post", "/en/staff/people/{id}/reset-password/"),
    ("post", "/en/staff/people/{id}/reset-two-factor/"),
    ("post", "/en/staff/people/{id}/unlock/"),
    ("get", "/en/staff/audit/"),
]


@pytest.mark.parametrize(("method", "path"), ADMIN_PAGES)
def test_it_keeps_admin_pages_from_other_roles(
    anna_client: Client, ivan: Persona, method: str, path: str
) -> None:
    before = AuditEntry.objects.count()
    response = getattr(anna_client, method)(path.format(id=ivan.member.pk))
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_it_creates_an_account_and_shows_its_password_once(
    maria: Persona, maria_client: Client
) -> None:
    response = maria_client.post(
        "/en/staff/people/new/",
        {"username": "olena", "roles": ["verifier", "publisher"]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    password = re.search(r'id="one-time-password">\s*([^<\s]+)', html)
    assert password
    member = StaffMember.objects.get(user__username="olena")
    assert member.roles == ["publisher", "verifier"]
    assert member.must_change_password
    assert not KeyGrant.objects.filter(member=member).exists()
    # The password is nowhere to be seen again
    assert (
        password.group(1)
        not in maria_client.get(f"/en/staff/people/{member.pk}/").content.decode()
    )
    assert password.group(1) not in member.user.password
    entry = AuditEntry.objects.get(action="staff.created", object_id=str(member.pk))
    assert entry.actor == maria.member
    assert entry.details == {"roles": ["publisher", "verifier"]}


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": "anna", "roles": ["caseworker"]}, "already taken"),
        ({"username": "ANNA", "roles": ["caseworker"]}, "already taken"),
        ({"username": "x y", "roles": ["caseworker"]}, "2 to 40 letters"),
        ({"username": "zoya"}, "Choose at least one role"),
        ({"username": "zoya", "roles": ["king"]}, "Select a valid choice"),
    ],
)
def test_it_refuses_a_bad_new_account_clearly(
    maria_client: Client, anna: Persona, form: dict[str, object], message: str
) -> None:
    count = StaffMember.objects.count()
    response = maria_client.post("/en/staff/people/new/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert StaffMember.objects.count() == count


def test_it_changes_roles_but_keeps_the_last_admin(
    maria: Persona, maria_client: Client, anna: Persona
) -> None:
    maria_client.post(
        f"/en/staff/people/{anna.member.pk}/roles/",
        {"roles": ["caseworker", "verifier"]},
    )
    anna.member.refresh_from_db()
    assert anna.member.roles == ["caseworker", "verifier"]
    response = maria_client.post(
        f"/en/staff/people/{maria.member.pk}/roles/",
        {"roles": ["publisher"]},
        follow=True,
    )
    assert "This is the last admin" in response.content.decode()
    maria.member.refresh_from_db()
    assert maria.member.roles == ["admin"]
    entry = AuditEntry.objects.get(action="staff.roles_changed")
    assert entry.details == {
        "before": ["caseworker"],
        "roles": ["caseworker", "verifier"],
    }


def test_it_never_revokes_the_last_key_holder(
    org: Org, maria: Persona, maria_client: Client
) -> None:
    response = maria_client.post(
        f"/en/staff/people/{maria.member.pk}/revoke/", follow=True
    )
    assert "last person holding the keys" in response.content.decode()
    assert KeyGrant.objects.filter(member=maria.member).exists()


def test_it_lets_only_a_key_holder_grant(
    org: Org, maria: Persona, ivan: Persona
) -> None:
    # Given an admin without the keys
    nadia, _ = actions.do_create_staff_member("nadia", [Role.ADMIN], maria.password)
    nadia.must_change_password = False
    nadia.save()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=nadia.user, confirmed=True)
    client = Client()
    log_in(client, Persona(nadia, maria.password))
    page = client.get(f"/en/staff/people/{ivan.member.pk}/").content.decode()
    assert "Only someone who holds the keys can grant access" in page
    response = client.post(f"/en/staff/people/{ivan.member.pk}/grant/")
    assert response.status_code == 403
    assert not KeyGrant.objects.filter(member=ivan.member).exists()


def test_it_refuses_to_reset_ones_own_account_here(
    maria: Persona, maria_client: Client
) -> None:
    response = maria_client.post(
        f"/en/staff/people/{maria.member.pk}/reset-password/", follow=True
    )
    assert "Use your own account pages" in response.content.decode()
    assert not AuditEntry.objects.filter(action="staff.password_reset").exists()


def test_it_answers_404_for_an_unknown_account(maria_client: Client) -> None:
    assert maria_client.get("/en/staff/people/99999/").status_code == 404
    assert maria_client.post("/en/staff/people/99999/revoke/").status_code == 404


def test_it_lists_staff_with_their_state(
    maria_client: Client, anna: Persona, ivan: Persona
) -> None:
    html = maria_client.get("/en/staff/people/").content.decode()
    assert "anna" in html and "ivan" in html
    assert html.count("holds the keys") == 2  # maria and anna
    assert "no access" in html


def test_it_records_every_admin_change_with_who_and_what(
    maria: Persona, maria_client: Client, anna: Persona, ivan: Persona
) -> None:
    maria_client.post(f"/en/staff/people/{ivan.member.pk}/grant/")
    maria_client.post(f"/en/staff/people/{ivan.member.pk}/revoke/")
    maria_client.post(f"/en/staff/people/{anna.member.pk}/reset-two-factor/")
    maria_client.post(f"/en/staff/people/{anna.member.pk}/reset-password/")
    maria_client.post(f"/en/staff/people/{anna.member.pk}/unlock/")
    done = list(
        AuditEntry.objects.filter(actor=maria.member)
        .order_by("seq")
        .values_list("action", "object_id")
    )
    assert done[-6:] == [
        ("keys.granted", str(ivan.member.pk)),
        ("keys.revoked", str(ivan.member.pk)),
        ("staff.two_factor_reset", str(anna.member.pk)),
        ("keys.granted", str(anna.member.pk)),
        ("staff.password_reset", str(anna.member.pk)),
        ("staff.unlocked", str(anna.member.pk)),
    ]


def test_it_rolls_back_a_change_whose_audit_entry_fails(
    org: Org, maria: Persona
) -> None:
    from temoin.audit.actions import BadAuditEntry

    before = AuditEntry.objects.count()
    with pytest.raises(BadAuditEntry):
        from django.db import transaction

        from temoin.audit.actions import record

        with transaction.atomic():
            actions.do_unlock_member(maria.member, unlocked_by=maria.member)
            record(maria.member, "not an action")
    assert AuditEntry.objects.count() == before
