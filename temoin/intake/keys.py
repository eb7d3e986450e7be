"""Where intake finds the keys it encrypts to, and the codename salt.

The organisation's public keys are public information; intake reads them from
the ``accounts`` app through the app registry, so that the witness side never
imports a staff module.
"""

from __future__ import annotations

import datetime
import secrets
import threading

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from temoin.core import crypto
from temoin.intake.models import CleaningKey, Installation

SALT_BYTES = 16
# Originals are sealed to at most this many of the newest cleaning keys.
CLEANING_KEYS_USED = 4
CLEANING_KEY_MAX_AGE = datetime.timedelta(days=7)


class NotConfigured(Exception):
    """The organisation has no keys yet: testimony cannot be accepted."""


def codename_kdf() -> crypto.KdfParams:
    """The Argon2id cost of one codename derivation (settings.INTAKE_CODENAME_KDF)."""
    return crypto.KDF_BY_NAME[settings.INTAKE_CODENAME_KDF]


def current_org_public() -> crypto.OrgPublicKeys:
    """The organisation's current public keys; NotConfigured when there are none."""
    model = apps.get_model("accounts", "OrganisationKey")
    key = model.objects.filter(is_current=True).first()
    if key is None:
        raise NotConfigured("The organisation has no keys yet.")
    return crypto.OrgPublicKeys(
        encryption=bytes(key.encryption_public), signing=bytes(key.signing_public)
    )


def installation_salt() -> bytes:
    """The installation's codename salt, created once on first use."""
    row = Installation.objects.filter(pk=1).first()
    if row is not None:
        return bytes(row.codename_salt)
    try:
        with transaction.atomic():
            row = Installation.objects.create(
                pk=1, codename_salt=secrets.token_bytes(SALT_BYTES)
            )
    except IntegrityError:  # another process created it first
        row = Installation.objects.get(pk=1)
    return bytes(row.codename_salt)


# --- Cleaning keys: the secret half lives in this process's memory only -----

_cleaning_lock = threading.Lock()
_cleaning_keypair: crypto.KeyPair | None = None


def process_cleaning_keypair() -> crypto.KeyPair:
    """This process's cleaning key pair, created and registered on first use."""
    global _cleaning_keypair
    with _cleaning_lock:
        if _cleaning_keypair is None:
            _cleaning_keypair = crypto.generate_keypair()
        # Also a heartbeat: a live worker's key never ages out of the list.
        today = timezone.now().date()
        updated = CleaningKey.objects.filter(
            public_key=_cleaning_keypair.public
        ).update(registered_on=today)
        oldest = today - CLEANING_KEY_MAX_AGE
        CleaningKey.objects.filter(registered_on__lt=oldest).delete()
        if not updated:
            CleaningKey.objects.create(
                public_key=_cleaning_keypair.public, registered_on=today
            )
        return _cleaning_keypair


def cleaning_recipients() -> list[bytes]:
    """Public keys of the newest cleaning workers, to seal originals to."""
    oldest = timezone.now().date() - CLEANING_KEY_MAX_AGE
    rows = CleaningKey.objects.filter(registered_on__gte=oldest).order_by("-id")[
        :CLEANING_KEYS_USED
    ]
    return [bytes(row.public_key) for row in rows]


def original_recipients(org: crypto.OrgPublicKeys) -> list[bytes]:
    """Who can open an original: the organisation and live cleaning workers."""
    keys = [org.encryption]
    for public in cleaning_recipients():
        if public not in keys:
            keys.append(public)
    return keys
