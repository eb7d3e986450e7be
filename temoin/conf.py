"""Typed readers for TEMOIN_* environment variables.

Each reader raises ImproperlyConfigured with a message naming the variable, so a
bad value gives one clear line instead of a traceback deep inside Django.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PREFIX = "TEMOIN_"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    """Return TEMOIN_<name>, or the contents of the file named by TEMOIN_<name>_FILE."""
    file_var = os.environ.get(f"{PREFIX}{name}_FILE")
    if file_var:
        try:
            return Path(file_var).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{PREFIX}{name}_FILE: cannot read {file_var}: {exc.strerror}"
            ) from None
    return os.environ.get(f"{PREFIX}{name}", default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(f"{PREFIX}{name}")
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{PREFIX}{name} must be true or false (1/0, yes/no), not {raw!r}"
    )


def envint(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(f"{PREFIX}{name}")
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"{PREFIX}{name} must be a whole number, not {raw!r}"
        ) from None
    if value < minimum:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be at least {minimum}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(f"{PREFIX}{name}")
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def default_data_dir() -> Path:
    """Per-user default: $XDG_DATA_HOME/temoin, else ~/.local/share/temoin."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "temoin"


def data_dir() -> Path:
    raw = os.environ.get(f"{PREFIX}DATA_DIR")
    path = Path(raw).expanduser() if raw else default_data_dir()
    return path.resolve()
