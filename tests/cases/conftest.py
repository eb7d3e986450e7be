"""Personas of the caseworker side: an organisation, its staff, witnesses."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from temoin.accounts import actions as account_actions
from temoin.accounts.models import OrganisationKey, Role, StaffMember
from temoin.cases.models import Case
from temoin.core import codenames, crypto
from temoin.intake import actions as intake_actions
from temoin.intake.models import Submission
from temoin.intake.witnesses import Witness

PASSWORD = "correct horse battery staple"


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
    member, _ = account_actions.do_create_staff_member(name, roles, password=PASSWORD)
    if grant:
        account_actions.do_grant_access(member, org.key, org.secrets, granted_by=None)
    return member


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
class Testimony:
    submission: Submission
    witness: Witness

    @property
    def case(self) -> Case:
        return Case.objects.get(submission=self.submission)


MakeTestimony = Callable[..., Testimony]


@pytest.fixture
def make_testimony(org: Organisation) -> MakeTestimony:
    def make(text: str, answers: dict[str, str] | None = None) -> Testimony:
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
        return Testimony(submission, Witness(submission, witness_secrets.keypair))

    return make
