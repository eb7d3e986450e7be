"""The `temoin` command. Each subcommand is a thin wrapper over the same
actions the web application calls.

Errors are one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from temoin.cli.errors import TemoinCLIError, describe


class TemoinGroup(click.Group):
    """A click group that turns every expected failure into one clear line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TemoinCLIError as exc:
            click.echo(f"temoin: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:  # noqa: BLE001 — anything else is reported, not dumped
            message = describe(exc)
            if message is None:
                raise
            click.echo(f"temoin: error: {message}", err=True)
            ctx.exit(2)


@click.group(cls=TemoinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="temoin")
def main() -> None:
    """temoin: collect, verify and publish testimony, safely.

    All state lives in TEMOIN_DATA_DIR. Start with `temoin init`, then
    `temoin serve`; or try everything at once with `temoin demo`.
    """


def _register() -> None:
    from temoin.cli import audit, certificate, importer, redact, server, setup, staff

    for command in (
        setup.init,
        setup.check,
        server.serve,
        server.demo,
        server.worker,
        staff.staff,
        audit.audit,
        importer.import_testimony,
        certificate.certificate,
        redact.redact,
    ):
        main.add_command(command)


_register()
