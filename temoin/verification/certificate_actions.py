"""Certificates: requested by one verifier, signed by a second, revocable; and
the signed public key and revocation lists. Each change is one transaction with
its audit entry (ids only, never content). The two-person rule for certificates
is enforced here, with the helpers of ``temoin.verification.actions``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from temoin.accounts.models import OrganisationKey, StaffMember
from temoin.audit.actions import record
from temoin.cases.models import Case
from temoin.core import crypto
from temoin.core.certificates import (
    build_certificate,
    build_key_list,
    build_revocation_list,
    fingerprint,
)
from temoin.verification.actions import (
    TwoPersonRuleError,
    VerificationError,
    _org_public,
    _require_verifier,
    _same_person,
    organisation_name,
    verification_for,
)
from temoin.verification.models import (
    Certificate,
    CertificateStatus,
    ListKind,
    PublishedList,
    Revocation,
    RevocationReason,
    Verdict,
)
from temoin.verification.sealing import (
    certificate_context,
    request_context,
    seal_fields,
)


@dataclass(frozen=True)
class CertificateDraft:
    """What a certificate will say, chosen by the first verifier."""

    statements: tuple[str, ...]
    evidence: tuple[str, ...]
    subject: dict[str, str]  # only what the person chose to disclose
    language: str


@transaction.atomic
def do_request_certificate(
    case: Case,
    draft: CertificateDraft,
    *,
    actor: StaffMember,
    org: crypto.OrgSecretKeys,
) -> Certificate:
    """First signature: a verifier asks for a certificate of a verified case."""
    _require_verifier(actor)
    if verification_for(case).verdict != Verdict.VERIFIED:
        raise VerificationError("Only a verified case gets a certificate.")
    # Fails early on unknown categories or fields, before anything is stored.
    build_certificate(
        organisation=organisation_name(),
        key_id="-",
        verdict=Verdict.VERIFIED.value,
        statements=draft.statements,
        evidence=draft.evidence,
        subject=draft.subject,
        verifiers=2,
        language=draft.language,
    )
    if not draft.statements or not draft.evidence:
        raise VerificationError("Say what was verified and with which evidence.")
    certificate = Certificate.objects.create(
        case=case,
        certificate_id=uuid.uuid4().hex,
        requested_by=actor,
        requested_on=timezone.localdate(),
        sealed_request=seal_fields(
            {
                "statements": list(draft.statements),
                "evidence": list(draft.evidence),
                "subject": dict(draft.subject),
                "language": draft.language,
            },
            to=[_org_public(org)],  # the organisation only
            context=request_context(case.pk),
        ),
    )
    record(actor, "verification.certificate_requested", certificate)
    return certificate


def do_approve_certificate(
    certificate: Certificate, *, actor: StaffMember, org: crypto.OrgSecretKeys
) -> dict[str, object]:
    """Second signature: a different verifier approves; the certificate is
    signed with the organisation's key, sealed, and its fingerprint kept.

    Returns the signed certificate (to give to the person). The person who
    asked for it cannot approve it: TwoPersonRuleError, logged.
    """
    signed = _approve_certificate(certificate, actor=actor, org=org)
    if signed is None:
        raise TwoPersonRuleError(
            "A second, different verifier must approve this certificate."
        )
    return signed


@transaction.atomic
def _approve_certificate(
    certificate: Certificate, *, actor: StaffMember, org: crypto.OrgSecretKeys
) -> dict[str, object] | None:
    from temoin.verification.queries import open_request

    _require_verifier(actor)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != CertificateStatus.REQUESTED:
        raise VerificationError("This certificate is not awaiting approval.")
    if _same_person(certificate.requested_by, actor):
        record(actor, "verification.second_signature_refused", certificate)
        return None
    case = certificate.case
    if verification_for(case).verdict != Verdict.VERIFIED:
        raise VerificationError("Only a verified case gets a certificate.")
    draft = open_request(certificate, crypto.keypair_from_org(org))
    key_id = org.public().key_id
    if not OrganisationKey.objects.filter(key_id=key_id).exists():
        raise VerificationError("The organisation's signing key is not published.")
    document = build_certificate(
        organisation=organisation_name(),
        key_id=key_id,
        verdict=Verdict.VERIFIED.value,
        statements=draft.statements,
        evidence=draft.evidence,
        subject=draft.subject,
        verifiers=2,
        language=draft.language,
        certificate_id=certificate.certificate_id,
    )
    signed = crypto.sign_document(document, org)
    certificate.status = CertificateStatus.ISSUED
    certificate.approved_by = actor
    certificate.issued_on = timezone.localdate()
    certificate.key_id = key_id
    certificate.fingerprint = fingerprint(signed)
    certificate.sealed_signed = seal_fields(
        {"signed": signed},
        to=[_org_public(org)],  # the organisation only; the person gets a copy
        context=certificate_context(case.pk),
    )
    certificate.save()
    _publish(org)
    record(
        actor,
        "verification.certificate_issued",
        certificate,
        first_signer=certificate.requested_by_id,
    )
    return signed


@transaction.atomic
def do_revoke_certificate(
    certificate_id: str,
    reason: RevocationReason,
    *,
    actor: StaffMember,
    org: crypto.OrgSecretKeys,
) -> Revocation:
    """Revoke a certificate and publish the new revocation list.

    One verifier is enough: revoking can only make the archive more cautious.
    """
    _require_verifier(actor)
    certificate = Certificate.objects.filter(certificate_id=certificate_id).first()
    if certificate is None or certificate.status == CertificateStatus.REQUESTED:
        raise VerificationError("No issued certificate has this id.")
    if Revocation.objects.filter(certificate_id=certificate_id).exists():
        raise VerificationError("This certificate is already revoked.")
    revocation = Revocation.objects.create(
        certificate_id=certificate_id,
        reason=reason,
        revoked_at=timezone.now().replace(microsecond=0),
        revoked_by=actor,
    )
    certificate.status = CertificateStatus.REVOKED
    certificate.save(update_fields=["status"])
    _publish(org)
    record(actor, "verification.certificate_revoked", certificate, reason=reason.value)
    return revocation


@transaction.atomic
def do_publish_lists(*, actor: StaffMember | None, org: crypto.OrgSecretKeys) -> None:
    """Sign and publish the public key list and the revocation list now."""
    _publish(org)
    record(actor, "verification.lists_published")


def _publish(org: crypto.OrgSecretKeys) -> None:
    now = timezone.now()
    keys = [
        (
            key.key_id,
            bytes(key.signing_public),
            bytes(key.encryption_public),
            key.created_at.date().isoformat(),
            key.is_current,
        )
        for key in OrganisationKey.objects.order_by("created_at")
    ]
    revoked = [
        (r.certificate_id, r.revoked_at.isoformat().replace("+00:00", "Z"))
        for r in Revocation.objects.order_by("revoked_at", "id")
    ]
    for kind, document in (
        (ListKind.KEYS, build_key_list(organisation_name(), keys)),
        (ListKind.REVOCATIONS, build_revocation_list(organisation_name(), revoked)),
    ):
        signed = crypto.sign_document(document, org)
        PublishedList.objects.create(
            kind=kind,
            body=json.dumps(signed, ensure_ascii=False, indent=2),
            published_at=now,
        )
