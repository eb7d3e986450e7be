"""Personas of the caseworker side: an organisation, its staff, witnesses."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from temoin.accounts import actions as account_actions
from temoin.accounts.models import OrganisationKey, Role, StaffMember
from temoin.cases.models import Case
from temoin.core import codenames, crypto
from temoin.intake import actions as intake_actions
from temoin.intake.models import Submission
from temoin.intake.witnesses import Witness
from tests.accounts.conftest import PASSWORD as STAFF_PASSWORD
from tests.accounts.conftest import Persona, log_in, make_persona


@dataclass
class Organisation:
    key: OrganisationKey
    secrets: crypto.OrgSecretKeys

    @property
    def public(self) -> crypto.OrgPublicKeys:
        return self.secrets.public()

    @property
    def keypair(self) -> crypto.KeyPair:
        return crypto.keypair_from_org(self.secrets)


@dataclass
class Staff:
    admin: StaffMember
    anna: StaffMember  # caseworker with a grant
    boris: StaffMember  # verifier with a grant
    pavel: StaffMember  # publisher with a grant
    nina: StaffMember  # caseworker without a grant: metadata only


@pytest.fixture
def org(db: None) -> Organisation:
    key, org_secrets = account_actions.do_create_organisation_keys()
    return Organisation(key, org_secrets)


def make_member(
    org: Organisation, name: str, roles: list[Role], grant: bool = True
) -> StaffMember:
    """A staff member with a password, a confirmed authenticator, and keys if
    ``grant``: ready to log in (see tests.accounts.conftest)."""
    return make_persona(org, name, roles, grant=grant).member  # type: ignore[arg-type]


def logged_in_client(member: StaffMember) -> Client:
    client = Client()
    log_in(client, Persona(member, STAFF_PASSWORD))
    return client


@pytest.fixture
def staff(org: Organisation) -> Staff:
    return Staff(
        admin=make_member(org, "admin", [Role.ADMIN]),
        anna=make_member(org, "anna", [Role.CASEWORKER]),
        boris=make_member(org, "boris", [Role.VERIFIER]),
        pavel=make_member(org, "pavel", [Role.PUBLISHER]),
        nina=make_member(org, "nina", [Role.CASEWORKER], grant=False),
    )


@dataclass
class StoredTestimony:
    submission: Submission
    witness: Witness

    @property
    def case(self) -> Case:
        return Case.objects.get(submission=self.submission)


MakeTestimony = Callable[..., StoredTestimony]


@pytest.fixture
def make_testimony(org: Organisation) -> MakeTestimony:
    def make(text: str, answers: dict[str, str] | None = None) -> StoredTestimony:
        codename = codenames.generate_codename("ru")
        witness_secrets = codenames.derive_witness_secrets(
            codename, secrets.token_bytes(16), crypto.KDF_TEST
        )
        submission = intake_actions.do_submit_testimony(
            intake_actions.NewTestimony(
                language="ru", text=text, answers=answers or {}
            ),
            [],
            org_public=org.public,
            witness=witness_secrets,
        )
        return StoredTestimony(submission, Witness(submission, witness_secrets.keypair))

    return make
