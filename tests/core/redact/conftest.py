"""Models load once for the whole redaction suite."""

from __future__ import annotations

import pytest

from temoin.core.redact import load_models


@pytest.fixture(scope="session", autouse=True)
def models() -> None:
    load_models()
