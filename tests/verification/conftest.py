"""Personas of verification: two verifiers, one person holding two roles."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from temoin.accounts.models import Role, StaffMember
from tests.cases.conftest import (  # noqa: F401 — fixtures reused as they are
    MakeTestimony,
    Organisation,
    make_member,
    make_testimony,
    org,
)


@dataclass
class Verifiers:
    boris: StaffMember  # verifier
    vera: StaffMember  # verifier
    olga: StaffMember  # verifier and admin: one person, two roles
    anna: StaffMember  # caseworker: no verification rights


@pytest.fixture
def verifiers(org: Organisation) -> Verifiers:  # noqa: F811
    return Verifiers(
        boris=make_member(org, "boris", [Role.VERIFIER]),
        vera=make_member(org, "vera", [Role.VERIFIER]),
        olga=make_member(org, "olga", [Role.VERIFIER, Role.ADMIN]),
        anna=make_member(org, "anna", [Role.CASEWORKER]),
    )
