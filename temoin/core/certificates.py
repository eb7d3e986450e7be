"""Verification certificates: canonical JSON signed with the organisation's
Ed25519 key, and the published key and revocation lists that check them.

A certificate is ``{"document": {...}, "signature": {...}}`` as made by
:func:`temoin.core.crypto.sign_document`. Anyone holding the organisation's
public key list and revocation list can check one with
:func:`verify_certificate`, which answers with one of five reasons:

- VALID: signed by a published key, unaltered, not revoked;
- TAMPERED: a field was changed, added or removed after signing;
- UNKNOWN_KEY: signed by a key that is not in the published list;
- REVOKED: genuine, but the organisation has revoked it;
- MALFORMED: not JSON, or not a certificate at all.

White space and the order of keys do not matter: the signature covers the
canonical JSON of the document, which :func:`verify_certificate` recomputes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from temoin.core import crypto

__all__ = [
    "CERTIFICATE_TYPE",
    "EVIDENCE_CATEGORIES",
    "KEY_LIST_TYPE",
    "MAX_CERTIFICATE_BYTES",
    "REVOCATION_LIST_TYPE",
    "Status",
    "Verification",
    "build_certificate",
    "build_key_list",
    "build_revocation_list",
    "fingerprint",
    "keys_from_list",
    "parse_signed",
    "revoked_from_list",
    "verify_certificate",
]

CERTIFICATE_TYPE = "temoin.verification-certificate"
KEY_LIST_TYPE = "temoin.public-keys"
REVOCATION_LIST_TYPE = "temoin.revocations"
VERSION = 1
MAX_CERTIFICATE_BYTES = 64 * 1024

EVIDENCE_CATEGORIES = (
    "interview",  # the person was heard by the verifiers
    "military_documents",  # military ID, orders, contract, pay slips
    "identity_documents",
    "photos_videos",  # with their original metadata, kept as evidence
    "corroborating_testimony",  # other cases that agree
    "open_sources",  # published reports, satellite images, unit histories
    "third_party",  # statements by people who know the person
)
SUBJECT_FIELDS = (
    "full_name",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "document_number",
    "rank",
    "unit",
    "service_period",
    "departure",
)
_DOCUMENT_FIELDS = {
    "type",
    "version",
    "id",
    "issued_at",
    "issuer",
    "verdict",
    "statements",
    "evidence",
    "subject",
    "verifiers",
    "language",
}


class Status(StrEnum):
    """The answer of a certificate check."""

    VALID = "valid"
    TAMPERED = "tampered"
    UNKNOWN_KEY = "unknown_key"
    REVOKED = "revoked"
    MALFORMED = "malformed"


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify_certificate`."""

    status: Status
    reason: str  # one English sentence; views translate by status
    document: dict[str, Any] | None = None
    fingerprint: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return self.status is Status.VALID


def _utc_now() -> str:
    return (
        dt.datetime.now(dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z")
    )


def build_certificate(
    *,
    organisation: str,
    key_id: str,
    verdict: str,
    statements: Sequence[str],
    evidence: Sequence[str],
    subject: Mapping[str, str],
    verifiers: int,
    language: str,
    certificate_id: str | None = None,
    issued_at: str | None = None,
) -> dict[str, Any]:
    """The certificate document, ready for :func:`crypto.sign_document`.

    ``subject`` holds only the identity details the person chose to disclose
    (keys from :data:`SUBJECT_FIELDS`); ``evidence`` names categories from
    :data:`EVIDENCE_CATEGORIES`, never the evidence itself.
    """
    unknown = set(evidence) - set(EVIDENCE_CATEGORIES)
    if unknown:
        raise ValueError(f"Unknown evidence categories: {', '.join(sorted(unknown))}.")
    extra = set(subject) - set(SUBJECT_FIELDS)
    if extra:
        raise ValueError(f"Unknown identity fields: {', '.join(sorted(extra))}.")
    if verifiers < 2:
        raise ValueError("A certificate needs two verifiers.")
    return {
        "type": CERTIFICATE_TYPE,
        "version": VERSION,
        "id": certificate_id or uuid.uuid4().hex,
        "issued_at": issued_at or _utc_now(),
        "issuer": {"organisation": organisation, "key_id": key_id},
        "verdict": verdict,
        "statements": [str(s) for s in statements],
        "evidence": sorted(set(evidence)),
        "subject": {k: str(v) for k, v in subject.items() if str(v).strip()},
        "verifiers": verifiers,
        "language": language,
    }


def fingerprint(signed: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the signed certificate's canonical JSON: the QR code's
    content, the same for every copy whatever its white space or key order."""
    return hashlib.sha256(crypto.canonical_json(dict(signed))).hexdigest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            # Two parsers could keep different values: refuse the ambiguity.
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_signed(text: str | bytes) -> dict[str, Any]:
    """Parse a signed JSON document strictly; ValueError says what is wrong."""
    if len(text) > MAX_CERTIFICATE_BYTES:
        raise ValueError("The document is larger than 64 KiB.")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("The document is not UTF-8 text.") from None
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants
        )
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"The document is not valid JSON ({exc}).") from None
    if not isinstance(data, dict):
        raise ValueError("The document is not a JSON object.")
    return data


def verify_certificate(
    text: str | bytes | Mapping[str, Any],
    trusted_keys: Mapping[str, bytes],
    revoked: Collection[str] = (),
) -> Verification:
    """Check a certificate against the published keys and revocations."""
    try:
        signed = dict(text) if isinstance(text, Mapping) else parse_signed(text)
    except ValueError as exc:
        return Verification(Status.MALFORMED, str(exc))
    if not {"document", "signature"} <= set(signed):
        return Verification(Status.MALFORMED, "This is not a signed certificate.")
    if set(signed) != {"document", "signature"}:
        return Verification(
            Status.TAMPERED, "Fields were added outside the signed document."
        )
    try:
        document = crypto.verify_document(signed, trusted_keys)
    except crypto.WrongKey:
        return Verification(
            Status.UNKNOWN_KEY, "It is signed by a key that is not published."
        )
    except crypto.TamperedData:
        return Verification(
            Status.TAMPERED, "The signature does not match: it was altered."
        )
    except crypto.CryptoError as exc:  # UnknownFormat, bad key sizes
        return Verification(Status.MALFORMED, str(exc))
    digest = fingerprint(signed)
    if (
        document.get("type") != CERTIFICATE_TYPE
        or not set(document) >= _DOCUMENT_FIELDS
    ):
        return Verification(
            Status.MALFORMED, "The signed document is not a certificate.", document
        )
    if document["id"] in revoked:
        return Verification(
            Status.REVOKED, "The organisation has revoked it.", document, digest
        )
    return Verification(Status.VALID, "Genuine and unaltered.", document, digest)


# --- Published lists ---------------------------------------------------------


def build_key_list(
    organisation: str, keys: Sequence[tuple[str, bytes, bytes, str, bool]]
) -> dict[str, Any]:
    """The public key list document: (key_id, signing, encryption, created, current)."""
    return {
        "type": KEY_LIST_TYPE,
        "version": VERSION,
        "organisation": organisation,
        "published_at": _utc_now(),
        "keys": [
            {
                "key_id": key_id,
                "signing_public": base64.b64encode(signing).decode("ascii"),
                "encryption_public": base64.b64encode(encryption).decode("ascii"),
                "created_at": created_at,
                "current": current,
            }
            for key_id, signing, encryption, created_at, current in keys
        ],
    }


def build_revocation_list(
    organisation: str, revocations: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """The revocation list document: (certificate id, revoked at) pairs."""
    return {
        "type": REVOCATION_LIST_TYPE,
        "version": VERSION,
        "organisation": organisation,
        "published_at": _utc_now(),
        "revoked": [
            {"id": certificate_id, "revoked_at": revoked_at}
            for certificate_id, revoked_at in revocations
        ],
    }


def keys_from_list(signed: Mapping[str, Any]) -> dict[str, bytes]:
    """The signing keys of a published key list, after checking its signature.

    The list must be signed by one of the keys it lists. Raises ValueError when
    it is not a key list, or crypto.CryptoError when its signature is wrong.
    """
    document = signed.get("document") if isinstance(signed, Mapping) else None
    if not isinstance(document, dict) or document.get("type") != KEY_LIST_TYPE:
        raise ValueError("This is not a temoin public key list.")
    keys: dict[str, bytes] = {}
    for entry in document.get("keys", []):
        try:
            keys[str(entry["key_id"])] = base64.b64decode(
                entry["signing_public"], validate=True
            )
        except (KeyError, TypeError, binascii.Error):
            raise ValueError("The key list has a malformed entry.") from None
    crypto.verify_document(dict(signed), keys)
    return keys


def revoked_from_list(
    signed: Mapping[str, Any], trusted_keys: Mapping[str, bytes]
) -> set[str]:
    """The revoked certificate ids of a published revocation list, checked."""
    document = crypto.verify_document(dict(signed), trusted_keys)
    if document.get("type") != REVOCATION_LIST_TYPE:
        raise ValueError("This is not a temoin revocation list.")
    return {str(entry["id"]) for entry in document.get("revoked", [])}
