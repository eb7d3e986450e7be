"""No staff page opens without a second factor given in this session: every
URL of the accounts and audit apps, by GET and by POST, for a visitor, for
someone who knows only the password, and for someone not yet enrolled."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern

from temoin.accounts import actions
from temoin.accounts import urls as accounts_urls
from temoin.accounts.models import Role
from temoin.audit import urls as audit_urls
from temoin.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, Org, Persona

# The login page itself is the only staff page open to anyone.
PUBLIC = {"accounts:login"}
# The steps a session without a second factor may reach, each only at its turn.
ENROLMENT_STEP = {"accounts:enrol", "accounts:enrol-qr"}


def _staff_urls() -> list[tuple[str, str]]:
    found = []
    for module in (accounts_urls, audit_urls):
        for pattern in module.urlpatterns:
            assert isinstance(pattern, URLPattern)
            name = f"{module.app_name}:{pattern.name}"
            route = str(pattern.pattern).replace("<int:member_id>", "{member_id}")
            prefix = "/en/staff/" + ("audit/" if module is audit_urls else "")
            found.append((name, prefix + route))
    return found


STAFF_URLS = [item for item in _staff_urls() if item[0] not in PUBLIC]


def test_it_knows_every_staff_url() -> None:
    # A guard on the list itself: a new URL is tested without being listed here.
    names = {name for name, _ in STAFF_URLS}
    assert {"accounts:home", "accounts:people", "audit:log", "accounts:code"} <= names
    assert len(STAFF_URLS) >= 15


def _assert_closed(response_status: int, location: str, expected: str) -> None:
    # 302: sent to the step to take; 405: wrong method; 404: the enrolment
    # QR image exists only while enrolling.
    assert response_status in (302, 404, 405), response_status
    if response_status == 302:
        assert location.split("?")[0] == expected, location


@pytest.mark.parametrize(("name", "route"), STAFF_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_closes_every_staff_page_to_visitors(
    maria: Persona, anna: Persona, name: str, route: str, method: str
) -> None:
    client = Client()
    response = getattr(client, method)(route.format(member_id=anna.member.pk))
    if name == "accounts:logout":  # logging out a visitor changes nothing
        assert response.status_code in (302, 405)
        return
    _assert_closed(
        response.status_code, response.get("Location", ""), "/en/staff/login/"
    )


@pytest.mark.parametrize(("name", "route"), STAFF_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_closes_every_staff_page_to_a_password_without_a_code(
    maria: Persona, anna: Persona, name: str, route: str, method: str
) -> None:
    # Given the admin's password, but no code from her authenticator
    client = Client()
    client.post("/en/staff/login/", {"username": "maria", "password": PASSWORD})
    before = AuditEntry.objects.count()
    response = getattr(client, method)(route.format(member_id=anna.member.pk))
    if name == "accounts:code":
        assert response.status_code in (200, 400)  # the code step itself
        return
    if name == "accounts:logout":
        assert response.status_code in (302, 405)
        return
    _assert_closed(
        response.status_code, response.get("Location", ""), "/en/staff/login/code/"
    )
    # and nothing was changed on the way
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(("name", "route"), STAFF_URLS)
def test_it_sends_a_member_without_an_authenticator_to_enrolment(
    org: Org, anna: Persona, name: str, route: str
) -> None:
    # Given an admin whose password is set but who has no authenticator yet
    member, _ = actions.do_create_staff_member("nadia", [Role.ADMIN], PASSWORD)
    member.must_change_password = False
    member.save(update_fields=["must_change_password"])
    client = Client()
    client.post("/en/staff/login/", {"username": "nadia", "password": PASSWORD})
    client.get("/en/staff/two-factor/")  # the QR image exists from this visit on
    response = client.get(route.format(member_id=anna.member.pk))
    if name in ENROLMENT_STEP:
        assert response.status_code == 200
        return
    if name == "accounts:logout":
        assert response.status_code == 405
        return
    _assert_closed(
        response.status_code, response.get("Location", ""), "/en/staff/two-factor/"
    )
