"""Reads of verification data: sealed content opened for one request, the
published keys and revocations, corroborating and near-duplicate cases.

Corroboration and near-duplicate search first narrow the candidates with keyed
tokens (one indexed query), then open only those candidates' claims.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from temoin.accounts.models import OrganisationKey
from temoin.cases.models import Case
from temoin.core import crypto, similarity
from temoin.core.blind_index import blind_index_key
from temoin.core.claims import Claim, suggest_claims
from temoin.core.corroboration import (
    Comparison,
    Finding,
    compare,
    find_inconsistencies,
    query_tokens,
)
from temoin.intake import queries as intake_queries
from temoin.verification.actions import CLAIMS_PURPOSE, ChecklistItem
from temoin.verification.certificate_actions import CertificateDraft
from temoin.verification.models import (
    BandToken,
    CaseVerification,
    Certificate,
    ClaimToken,
    ListKind,
    PublishedList,
    Revocation,
    TextSignature,
)
from temoin.verification.sealing import (
    certificate_context,
    checklist_context,
    claims_context,
    open_fields,
    request_context,
)

MAX_CANDIDATES = 50


def open_claims(
    verification: CaseVerification | None, keypair: crypto.KeyPair
) -> list[Claim]:
    """The recorded claims of a case (empty when none are recorded)."""
    if verification is None or not verification.sealed_claims:
        return []
    fields = open_fields(
        bytes(verification.sealed_claims),
        keypair,
        context=claims_context(verification.case_id),
    )
    return [Claim.from_json(item) for item in fields.get("claims", [])]


def open_checklist(
    verification: CaseVerification | None, keypair: crypto.KeyPair
) -> list[ChecklistItem]:
    """The checklist items recorded on a case."""
    if verification is None or not verification.sealed_checklist:
        return []
    fields = open_fields(
        bytes(verification.sealed_checklist),
        keypair,
        context=checklist_context(verification.case_id),
    )
    return [
        ChecklistItem(
            str(item["key"]),
            str(item["status"]),
            str(item.get("reason", "")),
            tuple(str(e) for e in item.get("evidence", [])),
        )
        for item in fields.get("items", [])
    ]


def open_request(certificate: Certificate, keypair: crypto.KeyPair) -> CertificateDraft:
    """What the first verifier asked the certificate to say."""
    fields = open_fields(
        bytes(certificate.sealed_request),
        keypair,
        context=request_context(certificate.case_id),
    )
    return CertificateDraft(
        statements=tuple(str(s) for s in fields.get("statements", [])),
        evidence=tuple(str(e) for e in fields.get("evidence", [])),
        subject={str(k): str(v) for k, v in fields.get("subject", {}).items()},
        language=str(fields.get("language", "en")),
    )


def open_signed_certificate(
    certificate: Certificate, keypair: crypto.KeyPair
) -> dict[str, Any]:
    """The signed certificate, as given to the person."""
    if not certificate.sealed_signed:
        raise crypto.UnknownFormat("This certificate is not signed yet.")
    fields = open_fields(
        bytes(certificate.sealed_signed),
        keypair,
        context=certificate_context(certificate.case_id),
    )
    signed: dict[str, Any] = fields["signed"]
    return signed


def trusted_keys() -> dict[str, bytes]:
    """Every signing key the organisation ever published, by key id."""
    return {
        key.key_id: bytes(key.signing_public) for key in OrganisationKey.objects.all()
    }


def revoked_ids() -> set[str]:
    return set(Revocation.objects.values_list("certificate_id", flat=True))


def latest_list(kind: ListKind) -> str | None:
    """The newest signed list of this kind, as JSON text, or None."""
    found = PublishedList.objects.filter(kind=kind).first()
    return found.body if found else None


def unsigned_key_list() -> dict[str, Any]:
    """The key list before any staff session signed one (public keys only)."""
    return {
        "keys": [
            {
                "key_id": key.key_id,
                "signing_public": base64.b64encode(bytes(key.signing_public)).decode(),
                "current": key.is_current,
            }
            for key in OrganisationKey.objects.order_by("created_at")
        ],
        "signature": None,
    }


@dataclass(frozen=True)
class Corroboration:
    case_id: int
    shared_tokens: int
    comparison: Comparison


def corroborating_cases(
    case: Case, claims: list[Claim], org: crypto.OrgSecretKeys
) -> list[Corroboration]:
    """Other cases whose claims share a unit, a nearby place or a period with
    ``claims``, with what agrees and what contradicts; candidates only are
    decrypted."""
    wanted = query_tokens(blind_index_key(org, CLAIMS_PURPOSE), claims)
    if not wanted:
        return []
    rows = (
        ClaimToken.objects.filter(token__in=wanted)
        .exclude(case_id=case.pk)
        .values("case_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "case_id")[:MAX_CANDIDATES]
    )
    shared = {row["case_id"]: row["shared"] for row in rows}
    keypair = crypto.keypair_from_org(org)
    found = []
    for verification in CaseVerification.objects.filter(case_id__in=shared):
        other = open_claims(verification, keypair)
        found.append(
            Corroboration(
                verification.case_id,
                shared[verification.case_id],
                compare(claims, other),
            )
        )
    return sorted(found, key=lambda c: (-len(c.comparison.agreements), c.case_id))


@dataclass(frozen=True)
class Likeness:
    case_id: int
    score: float
    likeness: similarity.Likeness


def near_duplicates(case: Case) -> list[Likeness]:
    """Other testimonies near-duplicate or templated alike, from stored
    signatures (no decryption needed: they are keyed already)."""
    own = TextSignature.objects.filter(case=case).first()
    if own is None:
        return []
    bands = list(BandToken.objects.filter(case=case).values_list("token", flat=True))
    ids = (
        BandToken.objects.filter(token__in=bands)
        .exclude(case_id=case.pk)
        .values_list("case_id", flat=True)
        .distinct()[: MAX_CANDIDATES * 4]
    )
    sig = similarity.signature_from_bytes(bytes(own.signature))
    found = []
    for other in TextSignature.objects.filter(case_id__in=list(ids)):
        score = similarity.similarity(
            sig, similarity.signature_from_bytes(bytes(other.signature))
        )
        likeness = similarity.classify(score)
        if likeness is not similarity.Likeness.DISTINCT:
            found.append(Likeness(other.case_id, score, likeness))
    return sorted(found, key=lambda item: -item.score)


def testimony_signature_text(case: Case, keypair: crypto.KeyPair) -> str:
    """The text whose signature is stored: the testimony and its answers."""
    testimony = intake_queries.open_testimony(case.submission, keypair)
    return "\n".join([testimony.text, *testimony.answers.values()])


def inconsistencies(
    case: Case, keypair: crypto.KeyPair, language: str
) -> list[Finding]:
    """Where the witness's later messages disagree with the first testimony."""
    testimony = intake_queries.open_testimony(case.submission, keypair)
    first = suggest_claims(
        "\n".join([testimony.text, *testimony.answers.values()]), language
    )
    messages = intake_queries.open_messages(case.submission, keypair)
    later_text = "\n".join(m.text for m in messages if m.author == "witness")
    if not later_text:
        return []
    return find_inconsistencies(first, suggest_claims(later_text, language))


def published_json(kind: ListKind) -> str:
    """The body served for a published list (never raises)."""
    body = latest_list(kind)
    if body is not None:
        return body
    if kind == ListKind.KEYS:
        return json.dumps(unsigned_key_list(), indent=2)
    return json.dumps({"revoked": [], "signature": None}, indent=2)
