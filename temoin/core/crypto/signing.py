"""Canonical JSON and documents signed with the organisation's Ed25519 key."""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Mapping
from typing import Any

import nacl.exceptions
import nacl.signing

from temoin.core.crypto._base import (
    KEY_BYTES,
)
from temoin.core.crypto.errors import (
    CryptoError,
    TamperedData,
    UnknownFormat,
    WrongKey,
)
from temoin.core.crypto.keys import (
    OrgSecretKeys,
)

# --- Canonical JSON and signed documents ------------------------------------

SIGNATURE_ALG = "ed25519"
# Signatures cover this prefix and the canonical JSON, so that a signature made
# for a document can never be taken for a signature over anything else.
SIGNING_CONTEXT = b"temoin signed document v1\n"


def canonical_json(obj: Any) -> bytes:
    """Serialise ``obj`` as canonical JSON: sorted keys, no spaces, UTF-8.

    Raises UnknownFormat for what has no single JSON form: NaN and infinities,
    non-string keys, lone surrogates and non-JSON types.
    """
    _check_canonical(obj)
    try:
        text = json.dumps(
            obj,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as error:
        raise UnknownFormat("This value has no canonical JSON form.") from error


def _check_canonical(obj: Any) -> None:
    # json.dumps silently turns int keys into strings and tuples into lists;
    # either would make a verifier recompute different bytes, so refuse them.
    if isinstance(obj, dict):
        for key, value in obj.items():
            if not isinstance(key, str):
                raise UnknownFormat("JSON object keys must be strings.")
            _check_canonical(value)
    elif isinstance(obj, list):
        for value in obj:
            _check_canonical(value)
    elif isinstance(obj, float):
        if not math.isfinite(obj):
            raise UnknownFormat("NaN and infinities have no JSON form.")
    elif obj is not None and not isinstance(obj, str | int | bool):
        raise UnknownFormat(f"A {type(obj).__name__} has no canonical JSON form.")


def sign_document(doc: dict[str, Any], org: OrgSecretKeys) -> dict[str, Any]:
    """Sign a JSON document with the organisation's Ed25519 key.

    Returns ``{"document": doc, "signature": {"alg", "key_id", "value"}}`` where
    ``value`` is the base64 signature over ``SIGNING_CONTEXT`` followed by the
    document's canonical JSON.
    """
    message = canonical_json(doc)
    signature = nacl.signing.SigningKey(org.signing).sign(SIGNING_CONTEXT + message)
    return {
        # A fresh copy of what was signed, so later changes to ``doc`` by the
        # caller cannot make the returned certificate disagree with its signature.
        "document": json.loads(message),
        "signature": {
            "alg": SIGNATURE_ALG,
            "key_id": org.public().key_id,
            "value": base64.b64encode(signature.signature).decode("ascii"),
        },
    }


def verify_document(
    signed: dict[str, Any], trusted_signing_keys: Mapping[str, bytes]
) -> dict[str, Any]:
    """Check a signed document and return the document.

    ``trusted_signing_keys`` maps key ids to Ed25519 public keys. Raises WrongKey
    for a key id not in it, TamperedData for a bad signature, UnknownFormat for
    a structure that is not a signed document.
    """
    if not isinstance(signed, dict) or set(signed) != {"document", "signature"}:
        raise UnknownFormat("A signed document has exactly a document and a signature.")
    doc, signature = signed["document"], signed["signature"]
    if not isinstance(doc, dict) or not isinstance(signature, dict):
        raise UnknownFormat("The document and its signature must be JSON objects.")
    if set(signature) != {"alg", "key_id", "value"}:
        raise UnknownFormat("A signature has exactly alg, key_id and value.")
    if signature["alg"] != SIGNATURE_ALG:
        raise UnknownFormat("The signature algorithm is not ed25519.")
    value, signer = signature["value"], signature["key_id"]
    if not isinstance(value, str) or not isinstance(signer, str):
        raise UnknownFormat("The signature's key_id and value must be strings.")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise UnknownFormat("The signature value is not base64.") from None
    # Base64 has several spellings of the same bytes (unused low bits): accept
    # one only, so that a signed document has exactly one valid form.
    if base64.b64encode(raw).decode("ascii") != value:
        raise UnknownFormat("The signature value is not in canonical base64.")
    if signer not in trusted_signing_keys:
        raise WrongKey(f"The signing key {signer!r} is not a trusted key.")
    message = SIGNING_CONTEXT + canonical_json(doc)
    trusted_key = trusted_signing_keys[signer]
    if len(trusted_key) != KEY_BYTES:
        raise CryptoError(f"The trusted signing key {signer!r} is not 32 bytes.")
    try:
        nacl.signing.VerifyKey(trusted_key).verify(message, raw)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise TamperedData("The signature does not match the document.") from None
    return doc
