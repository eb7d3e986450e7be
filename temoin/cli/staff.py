"""`temoin staff`: staff accounts from the command line.

Thin wrappers over temoin.accounts.actions, the same functions the admin pages
call, so every change is audited the same way.
"""

from __future__ import annotations

import click

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError

ROLE_NAMES = ["admin", "caseworker", "verifier", "publisher"]


@click.group()
def staff() -> None:
    """Manage staff accounts: create, list, grant access.

    Example: temoin staff list
    """


@staff.command("create")
@click.argument("name")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(ROLE_NAMES),
    help="A role of the new account; repeat for several.",
)
def create(name: str, roles: tuple[str, ...]) -> None:
    """Create a staff account and print its one-time password once.

    The account can read nothing until a key holder grants it access
    (`temoin staff grant`, or the admin pages).

    Example: temoin staff create anna --role caseworker --role verifier
    """
    _bring_up()
    from temoin.accounts import actions

    try:
        member, password = actions.do_create_staff_member(name, roles)
    except actions.AccountError as error:
        raise TemoinCLIError(str(error)) from None
    click.echo(f"Staff account: {member.name} ({', '.join(member.roles)})")
    click.echo(f"One-time password: {password}")
    click.echo("It is shown only once and must be changed at first login.")


@staff.command("list")
def list_staff() -> None:
    """List staff accounts: roles, access to the keys, two-factor, state.

    Example: temoin staff list
    """
    _bring_up()
    from temoin.accounts import queries

    rows = queries.staff_rows()
    if not rows:
        click.echo("No staff account yet: run `temoin init`.")
        return
    width = max(len(row.member.name) for row in rows)
    for row in rows:
        state = (
            "locked"
            if row.locked
            else "one-time password"
            if row.member.must_change_password
            else "active"
        )
        click.echo(
            f"{row.member.name:<{width}}  {','.join(row.member.roles):<28}  "
            f"{'keys' if row.holds_keys else 'no keys':<7}  "
            f"{'2fa' if row.two_factor else 'no 2fa':<6}  {state}"
        )


@staff.command("grant")
@click.argument("name")
@click.option(
    "--by",
    "admin_name",
    required=True,
    help="The admin who grants, and who holds the keys.",
)
def grant(name: str, admin_name: str) -> None:
    """Grant a staff account access to the organisation's keys.

    Asks for the granting admin's password (never on the command line), opens
    the admin's keys with it and seals them to NAME's own key.

    Example: temoin staff grant anna --by maria
    """
    _bring_up()
    from temoin.accounts import actions, login, queries
    from temoin.accounts.models import Role

    member = queries.member_by_name(name)
    if member is None:
        raise TemoinCLIError(f"no staff account named {name!r}")
    key = queries.current_organisation_key()
    if key is None:
        raise TemoinCLIError("the organisation has no keys: run `temoin init`")
    password = click.prompt(f"Password of {admin_name}", hide_input=True)
    admin = login.do_check_password(admin_name, password)
    if admin is None:
        raise TemoinCLIError(
            f"wrong password for {admin_name!r}, unknown account, or account locked"
        )
    if not admin.has_role(Role.ADMIN):
        raise TemoinCLIError(f"{admin_name!r} is not an admin")
    org = actions.open_member_keys(admin, password)
    if org is None:
        raise TemoinCLIError(f"{admin_name!r} does not hold the organisation's keys")
    actions.do_grant_access(member, key, org, granted_by=admin)
    click.echo(f"{name} now holds the organisation's keys (from their next login).")


def _bring_up() -> None:
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from django.utils import translation

    translation.activate("en")
