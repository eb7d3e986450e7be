"""`temoin init` and `temoin check`."""

from __future__ import annotations

import click

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError


@click.command()
@click.option(
    "--admin",
    "admin_name",
    default="admin",
    show_default=True,
    help="User name of the first admin account.",
)
def init(admin_name: str) -> None:
    """Create the database, the organisation's keys and a first admin account.

    Safe to run again: it only applies new migrations and creates what is
    missing. The admin's one-time password is printed once.

    Example: TEMOIN_DATA_DIR=/srv/temoin temoin init --admin maria
    """
    runtime.bring_up(create=True)
    runtime.migrate()
    from temoin.accounts.setup import initialise_organisation

    result = initialise_organisation(admin_name)
    from django.conf import settings

    click.echo(f"Data directory: {settings.DATA_DIR}")
    if result.created_keys:
        click.echo(f"Created the organisation's keys (key id {result.key_id}).")
    else:
        click.echo(f"The organisation's keys exist (key id {result.key_id}).")
    if result.admin_password:
        click.echo(f"Admin account: {result.admin_name}")
        click.echo(f"One-time password: {result.admin_password}")
        click.echo(
            "Write it down now: it is shown only once and must be changed "
            "at first login."
        )


@click.command()
def check() -> None:
    """Check that this installation is safe to run in production.

    Runs Django's deployment checks and temoin's own: the secret key is set,
    the organisation's keys exist and are held by someone, DEBUG is off.

    Example: TEMOIN_DATA_DIR=/srv/temoin temoin check
    """
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from temoin.accounts.setup import installation_problems

    problems = installation_problems()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True, fail_level="WARNING", verbosity=0)
    except SystemCheckError as exc:
        problems.extend(
            line.strip()
            for line in str(exc).splitlines()
            if line.strip().startswith("?:") or "(security." in line
        )
    if problems:
        for problem in problems:
            click.echo(f"  - {problem}", err=True)
        raise TemoinCLIError(
            f"{len(problems)} problem(s) found: fix them before going live"
        )
    click.echo("All checks passed.")
