"""`temoin staff`: the same actions as the admin pages, from a shell."""

from __future__ import annotations

import re

from click.testing import CliRunner

from temoin.accounts import actions
from temoin.accounts.models import KeyGrant, StaffMember
from temoin.audit.models import AuditEntry
from temoin.cli import main
from tests.accounts.conftest import Org, Persona


def test_it_creates_an_account_with_a_one_time_password(org: Org) -> None:
    result = CliRunner().invoke(
        main, ["staff", "create", "olena", "--role", "caseworker", "--role", "verifier"]
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"One-time password: (\S+)", result.output)
    assert password
    member = StaffMember.objects.get(user__username="olena")
    assert member.roles == ["caseworker", "verifier"]
    assert actions.open_member_keys(member, password.group(1)) is None  # no access yet
    assert AuditEntry.objects.filter(action="staff.created", actor=None).exists()


def test_it_refuses_a_taken_name_in_one_line(anna: Persona) -> None:
    result = CliRunner().invoke(main, ["staff", "create", "anna", "--role", "admin"])
    assert result.exit_code == 2
    assert "temoin: error: This user name is already taken." in result.output
    assert "Traceback" not in result.output


def test_it_refuses_an_unknown_role(org: Org) -> None:
    result = CliRunner().invoke(main, ["staff", "create", "olena", "--role", "king"])
    assert result.exit_code == 2
    assert "'king' is not one of" in result.output


def test_it_lists_staff(maria: Persona, ivan: Persona) -> None:
    result = CliRunner().invoke(main, ["staff", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("ivan") and "no keys" in line for line in lines)
    assert any(line.startswith("maria") and " keys" in line for line in lines)


def test_it_grants_with_the_admins_password_asked_hidden(
    org: Org, maria: Persona, ivan: Persona
) -> None:
    result = CliRunner().invoke(
        main, ["staff", "grant", "ivan", "--by", "maria"], input=maria.password + "\n"
    )
    assert result.exit_code == 0, result.output
    assert maria.password not in result.output  # the prompt does not echo it
    assert actions.open_member_grant(ivan.member, ivan.password) == org.secrets
    entry = AuditEntry.objects.get(action="keys.granted", object_id=str(ivan.member.pk))
    assert entry.actor == maria.member


def test_it_refuses_a_wrong_password_and_counts_it(
    maria: Persona, ivan: Persona
) -> None:
    result = CliRunner().invoke(
        main, ["staff", "grant", "ivan", "--by", "maria"], input="wrong\n"
    )
    assert result.exit_code == 2
    assert "wrong password for 'maria'" in result.output
    assert not KeyGrant.objects.filter(member=ivan.member).exists()
    maria.member.refresh_from_db()
    assert maria.member.failed_logins == 1


def test_it_refuses_a_granter_who_is_not_an_admin(anna: Persona, ivan: Persona) -> None:
    result = CliRunner().invoke(
        main, ["staff", "grant", "ivan", "--by", "anna"], input=anna.password + "\n"
    )
    assert result.exit_code == 2
    assert "'anna' is not an admin" in result.output
