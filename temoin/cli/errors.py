"""Turn expected failures into one clear line for the command line."""

from __future__ import annotations


class TemoinCLIError(Exception):
    """A failure the user can act on; its message is shown as it is."""

    exit_code = 2


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def describe(exc: BaseException) -> str | None:
    """A one-line description of a known failure, or None for a real bug."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from temoin.core.crypto import CryptoError

    if isinstance(exc, ImproperlyConfigured):
        return f"bad configuration: {one_line(str(exc))}"
    if isinstance(exc, DatabaseError):
        return f"database: {one_line(str(exc)) or type(exc).__name__}"
    if isinstance(exc, CryptoError):
        return one_line(str(exc))
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or one_line(str(exc))}{where}"
    return None
