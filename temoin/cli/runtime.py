"""Bring Django up for a command, with clear errors for bad configuration."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from temoin.cli.errors import TemoinCLIError, one_line


def prepare_data_dir(path: Path) -> None:
    """Create the data directory (owner-only) and prove it is writable."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise TemoinCLIError(
            f"data directory {path} is not usable: {exc.strerror or exc}"
        ) from None


def ensure_secret_key(path: Path) -> None:
    """Write a random Django secret key into the data directory, once."""
    if os.environ.get("TEMOIN_SECRET_KEY") or os.environ.get("TEMOIN_SECRET_KEY_FILE"):
        return
    if path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(50))


def setup_django() -> None:
    """Load the settings and the apps; configuration errors become one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "temoin.settings")
    import django

    django.setup()


def check_database() -> None:
    """Connect once, so an unreachable database fails here, clearly."""
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        raise TemoinCLIError(
            f"cannot reach the database: {one_line(str(exc)) or type(exc).__name__}"
        ) from None


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def require_migrated() -> None:
    """Refuse to serve a database that `temoin init` has not prepared."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise TemoinCLIError(
            "the database is not initialised or not up to date: run `temoin init`"
        )


def bring_up(*, create: bool) -> None:
    """Data directory, settings, database: in that order, each checked."""
    from temoin.conf import data_dir

    directory = data_dir()
    if create:
        prepare_data_dir(directory)
        ensure_secret_key(directory / "secret_key")
    elif not directory.is_dir():
        raise TemoinCLIError(
            f"data directory {directory} does not exist: run `temoin init`"
        )
    setup_django()
    check_database()
