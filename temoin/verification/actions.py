"""Every state change of verification, each one transaction with its audit
entry (ids, kinds and counts only, never content).

The two-person rule lives here (verdicts) and in ``certificate_actions``
(certificates), with the helpers below: the verdict "verified" and every
certificate need two different staff accounts holding the verifier role.
Views and the CLI call these functions; nothing else writes a verdict or
signs a certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from temoin.accounts.models import Role, StaffMember
from temoin.audit.actions import record
from temoin.cases.models import Case
from temoin.core import crypto, similarity
from temoin.core.blind_index import blind_index_key
from temoin.core.claims import Claim
from temoin.core.corroboration import index_tokens
from temoin.verification.models import (
    BandToken,
    CaseVerification,
    ClaimToken,
    TextSignature,
    Verdict,
)
from temoin.verification.sealing import (
    checklist_context,
    claims_context,
    seal_fields,
)

CLAIMS_PURPOSE = "claims"
SIMILARITY_PURPOSE = "similarity"
MAX_CLAIMS = 200
MAX_TEXT = 2_000


class VerificationError(Exception):
    """A refused step; its message is one sentence for the user."""


class TwoPersonRuleError(VerificationError):
    """The same person tried to give both signatures."""


class DuplicateClaimError(VerificationError):
    """The claim is already recorded on the case."""


class TooManyClaimsError(VerificationError):
    """A case holds at most MAX_CLAIMS claims."""


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the verification checklist."""

    key: str  # identity, service, unit, places, departure, documents, consistency
    status: str  # confirmed, doubtful, contradicted, not_checked
    reason: str = ""
    evidence: tuple[str, ...] = ()


def organisation_name() -> str:
    """The organisation's name as certificates print it."""
    return str(getattr(settings, "ORGANISATION_NAME", "") or "temoin")


def _require_verifier(member: StaffMember) -> None:
    if not member.has_role(Role.VERIFIER):
        raise VerificationError("Only verifiers can do this.")


def _same_person(a: StaffMember | None, b: StaffMember) -> bool:
    # One person may hold several roles, never several accounts' worth of
    # signatures: compare the account and its login, not the role used.
    return a is not None and (a.pk == b.pk or a.user_id == b.user_id)


def verification_for(case: Case) -> CaseVerification:
    """The case's verification record, created unverified on first use."""
    found, _ = CaseVerification.objects.get_or_create(
        case=case, defaults={"updated_on": timezone.localdate()}
    )
    return found


def _org_public(org: crypto.OrgSecretKeys) -> bytes:
    return org.public().encryption


@transaction.atomic
def do_record_claims(
    case: Case,
    claims: Sequence[Claim],
    *,
    actor: StaffMember,
    org: crypto.OrgSecretKeys,
) -> CaseVerification:
    """Record a case's claims (sealed) and refresh their keyed tokens."""
    _require_verifier(actor)
    verification = _store_claims(case, claims, org)
    record(actor, "verification.claims_recorded", case, count=len(claims))
    return verification


@transaction.atomic
def do_add_claim(
    case: Case,
    claim: Claim,
    *,
    actor: StaffMember,
    org: crypto.OrgSecretKeys,
) -> CaseVerification:
    """Add one claim typed by a verifier to a case's recorded claims.

    Sealed and indexed exactly as recorded suggestions are; the audit entry
    names the kind of claim, never its content.
    """
    from temoin.verification.queries import open_claims

    _require_verifier(actor)
    locked = CaseVerification.objects.select_for_update().get(
        pk=verification_for(case).pk
    )
    claims = open_claims(locked, crypto.keypair_from_org(org))
    if claim in claims:
        raise DuplicateClaimError("This claim is already recorded.")
    verification = _store_claims(case, [*claims, claim], org)
    record(actor, "verification.claim_added", case, kind=claim.kind.value)
    return verification


def _store_claims(
    case: Case, claims: Sequence[Claim], org: crypto.OrgSecretKeys
) -> CaseVerification:
    if len(claims) > MAX_CLAIMS:
        raise TooManyClaimsError("Too many claims on one case.")
    verification = verification_for(case)
    verification.sealed_claims = seal_fields(
        {"claims": [claim.to_json() for claim in claims]},
        to=[_org_public(org)],  # the organisation only: never the witness
        context=claims_context(case.pk),
    )
    verification.updated_on = timezone.localdate()
    verification.save(update_fields=["sealed_claims", "updated_on"])
    tokens = index_tokens(blind_index_key(org, CLAIMS_PURPOSE), claims)
    ClaimToken.objects.filter(case=case).delete()
    ClaimToken.objects.bulk_create(ClaimToken(case=case, token=t) for t in tokens)
    return verification


@transaction.atomic
def do_index_testimony_text(
    case: Case, text: str, *, org: crypto.OrgSecretKeys
) -> None:
    """Store the MinHash signature and LSH band tokens of a testimony's text.

    Runs inside a key holder's session (it needs the organisation's key to
    key the shingles); no plaintext is stored.
    """
    key = blind_index_key(org, SIMILARITY_PURPOSE)
    sig = similarity.signature(key, text)
    TextSignature.objects.update_or_create(
        case=case, defaults={"signature": similarity.signature_to_bytes(sig)}
    )
    BandToken.objects.filter(case=case).delete()
    BandToken.objects.bulk_create(
        BandToken(case=case, token=t) for t in set(similarity.band_tokens(key, sig))
    )


@transaction.atomic
def do_update_checklist(
    case: Case,
    items: Sequence[ChecklistItem],
    *,
    actor: StaffMember,
    org: crypto.OrgSecretKeys,
) -> CaseVerification:
    """Record the checklist: each item's status, reason and evidence (sealed)."""
    _require_verifier(actor)
    verification = verification_for(case)
    verification.sealed_checklist = seal_fields(
        {
            "items": [
                {
                    "key": item.key,
                    "status": item.status,
                    "reason": item.reason[:MAX_TEXT],
                    "evidence": list(item.evidence),
                }
                for item in items
            ]
        },
        to=[_org_public(org)],  # the organisation only
        context=checklist_context(case.pk),
    )
    verification.updated_on = timezone.localdate()
    verification.save(update_fields=["sealed_checklist", "updated_on"])
    record(actor, "verification.checklist_updated", case, items=len(items))
    return verification


_REFUSED = "refused"


def do_sign_verdict(case: Case, verdict: Verdict, *, actor: StaffMember) -> bool:
    """Give a verdict; return True when it took effect.

    Any verifier may set unverified, partly corroborated or rejected. The
    verdict "verified" takes two: the first call proposes it (False), and it
    takes effect when a different verifier signs it too (True). The same
    person signing twice, under any role, raises TwoPersonRuleError (and the
    refusal stays in the audit log).
    """
    outcome = _sign_verdict(case, verdict, actor=actor)
    if outcome == _REFUSED:
        raise TwoPersonRuleError(
            "A second, different verifier must confirm this verdict."
        )
    return outcome is True


@transaction.atomic
def _sign_verdict(case: Case, verdict: Verdict, *, actor: StaffMember) -> bool | str:
    _require_verifier(actor)
    verification = CaseVerification.objects.select_for_update().get(
        pk=verification_for(case).pk
    )
    today = timezone.localdate()
    if verdict != Verdict.VERIFIED:
        verification.verdict = verdict
        verification.proposed_by = None
        verification.updated_on = today
        verification.save(update_fields=["verdict", "proposed_by", "updated_on"])
        verification.verified_by.clear()
        record(actor, "verification.verdict_set", case, verdict=verdict.value)
        return True
    if verification.verdict == Verdict.VERIFIED:
        raise VerificationError("This case is already verified.")
    first = verification.proposed_by
    if first is None:
        verification.proposed_by = actor
        verification.updated_on = today
        verification.save(update_fields=["proposed_by", "updated_on"])
        record(actor, "verification.verified_proposed", case)
        return False
    if _same_person(first, actor):
        record(actor, "verification.second_signature_refused", case)
        return _REFUSED
    verification.verdict = Verdict.VERIFIED
    verification.proposed_by = None
    verification.updated_on = today
    verification.save(update_fields=["verdict", "proposed_by", "updated_on"])
    verification.verified_by.set([first, actor])
    record(actor, "verification.verified_confirmed", case, first_signer=first.pk)
    return True
