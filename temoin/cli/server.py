"""`temoin serve`, `temoin demo` and `temoin worker`."""

from __future__ import annotations

import os

import click

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError

DEMO_MARKER = ".temoin-demo"

host_option = click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
port_option = click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)


@click.command()
@host_option
@port_option
@click.option(
    "--workers",
    default=0,
    type=click.IntRange(0, 64),
    help="Worker processes (default: one per core).",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Threads per worker process.",
)
@click.option(
    "--no-access-log",
    is_flag=True,
    help="Do not log requests (the log never holds client data anyway).",
)
def serve(
    host: str, port: int, workers: int, threads: int, no_access_log: bool
) -> None:
    """Serve temoin with gunicorn, a production WSGI server.

    Example: temoin serve --host 127.0.0.1 --port 8000
    """
    runtime.bring_up(create=False)
    runtime.require_migrated()
    _serve(host, port, workers, threads, access_log=not no_access_log)


def _serve(host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    from django.db import connections

    from temoin.server import ServerOptions
    from temoin.server import serve as run_server

    # Forked workers must open their own database connections.
    connections.close_all()
    run_server(
        ServerOptions(
            host=host,
            port=port,
            workers=workers,
            threads=threads,
            access_log=access_log,
        )
    )


@click.command()
@host_option
@port_option
@click.option("--no-serve", is_flag=True, help="Prepare the demo data and stop.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Set up a demo installation with synthetic data, then serve it.

    Uses TEMOIN_DATA_DIR like every command, but refuses a directory that
    holds a real installation. Every run starts the demo afresh.

    Example: TEMOIN_DATA_DIR=/tmp/temoin-demo temoin demo --port 8000
    """
    os.environ.setdefault("TEMOIN_DEVELOPMENT", "1")
    from temoin.conf import data_dir

    directory = data_dir()
    _reset_demo_dir(directory)
    runtime.bring_up(create=True)
    (directory / DEMO_MARKER).write_text("temoin demo data\n", encoding="utf-8")
    runtime.migrate()
    from temoin.demo import load_demo_data

    summary = load_demo_data(progress=True)
    url = f"http://{host}:{port}/"
    click.echo("")
    click.echo(f"temoin demo is ready at {url}")
    click.echo(f"Staff login: {url}ru/staff/  (all demo passwords: {summary.password})")
    for line in summary.lines:
        click.echo(f"  {line}")
    if not no_serve:
        _serve(host, port, workers=0, threads=8, access_log=True)


def _reset_demo_dir(directory: os.PathLike[str]) -> None:
    """Empty a previous demo; never touch a directory holding real data."""
    import shutil
    from pathlib import Path

    path = Path(directory)
    if not path.exists() or not any(path.iterdir()):
        return
    if not (path / DEMO_MARKER).exists():
        raise TemoinCLIError(
            f"{path} holds a real installation, not a demo: "
            "set TEMOIN_DATA_DIR to another directory for the demo"
        )
    shutil.rmtree(path)


@click.command()
@click.option("--once", is_flag=True, help="Run the tasks waiting now, then stop.")
def worker(once: bool) -> None:
    """Run background tasks (attachment cleaning, redaction, purges).

    Example: temoin worker
    """
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from django.core.management import call_command

    from temoin.intake.keys import process_cleaning_keypair

    # This process's own cleaning key: uploads are sealed to it too, so that
    # they can be cleaned without the organisation's secret key.
    process_cleaning_keypair()
    args = ["--batch"] if once else []
    call_command("db_worker", *args)
