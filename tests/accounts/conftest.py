"""Personas for the staff tests, on the real database.

- maria: admin, holds the keys (the one who grants);
- anna: caseworker, holds the keys;
- ivan: caseworker without access (the one who must see nothing).

Everyone has a password and a confirmed authenticator; tests compute codes
from the authenticator's secret, as a phone would.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts import actions
from temoin.accounts.models import OrganisationKey, Role, StaffMember
from temoin.core import crypto

PASSWORD = "violet-harbour-lantern-7"


@dataclass
class Org:
    key: OrganisationKey
    secrets: crypto.OrgSecretKeys


@dataclass
class Persona:
    member: StaffMember
    password: str

    @property
    def name(self) -> str:
        return self.member.name


def fresh_code(member: StaffMember) -> str:
    """The code the authenticator shows now, or the next one if the current
    one was already used (codes are accepted once, within one step either side)."""
    while True:
        device = TOTPDevice.objects.get(user=member.user, confirmed=True)
        now = int(time.time() - device.t0) // device.step + device.drift
        for t in (now, now + 1):
            if t > device.last_t:
                return f"{hotp(device.bin_key, t, digits=device.digits):06d}"
        time.sleep(1)


def make_persona(
    org: Org, name: str, roles: list[Role], *, grant: bool = True
) -> Persona:
    member, _ = actions.do_create_staff_member(name, roles, password=PASSWORD)
    member.must_change_password = False
    member.save(update_fields=["must_change_password"])
    TOTPDevice.objects.create(user=member.user, name="phone", confirmed=True)
    if grant:
        actions.do_grant_access(member, org.key, org.secrets, granted_by=None)
    return Persona(member, PASSWORD)


def log_in(client: Client, persona: Persona, lang: str = "en") -> None:
    """Password, then a code: the full login, as a browser does it."""
    response = client.post(
        f"/{lang}/staff/login/",
        {"username": persona.name, "password": persona.password},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"/{lang}/staff/login/code/"
    response = client.post(
        f"/{lang}/staff/login/code/", {"code": fresh_code(persona.member)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def org(db: None) -> Org:
    key, secrets = actions.do_create_organisation_keys()
    return Org(key, secrets)


@pytest.fixture
def maria(org: Org) -> Persona:
    return make_persona(org, "maria", [Role.ADMIN])


@pytest.fixture
def anna(org: Org) -> Persona:
    return make_persona(org, "anna", [Role.CASEWORKER])


@pytest.fixture
def ivan(org: Org) -> Persona:
    return make_persona(org, "ivan", [Role.CASEWORKER], grant=False)


@pytest.fixture
def maria_client(maria: Persona) -> Client:
    client = Client()
    log_in(client, maria)
    return client


@pytest.fixture
def anna_client(anna: Persona) -> Client:
    client = Client()
    log_in(client, anna)
    return client
