"""Personas and helpers for the witness side: an organisation with keys, a
blob directory per test, fixture files generated with the real tools."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from temoin.accounts.actions import do_create_organisation_keys
from temoin.core import crypto


@pytest.fixture
def blob_dir(tmp_path: Path, settings: object) -> Path:
    directory = tmp_path / "blobs"
    settings.BLOB_DIR = directory  # type: ignore[attr-defined]
    return directory


@pytest.fixture
def org(transactional_db: None, blob_dir: Path) -> Iterator[crypto.OrgSecretKeys]:
    """The organisation (its secrets, as a logged-in key holder would have them)."""
    cache.clear()
    # Transactional tests flush every table, data migrations' rows included.
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "temoin.intake.migrations.0002_default_questionnaire"
    )
    migration.create(apps, None)
    _, secrets = do_create_organisation_keys()
    yield secrets
    cache.clear()


@pytest.fixture
def org_keypair(org: crypto.OrgSecretKeys) -> crypto.KeyPair:
    return crypto.keypair_from_org(org)


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf_token(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return str(response.cookies["csrftoken"].value)
