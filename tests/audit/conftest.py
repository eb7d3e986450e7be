"""The staff personas (maria the admin, anna, ivan) for the audit tests."""

from tests.accounts.conftest import (  # noqa: F401 — fixtures, used by name
    anna,
    anna_client,
    ivan,
    maria,
    maria_client,
    org,
)
