"""Demo data for verification: claims recorded on every demo case, one case
verified by two verifiers, and a certificate issued and published."""

from __future__ import annotations

from temoin.accounts.models import StaffMember
from temoin.cases.models import Case
from temoin.core import crypto
from temoin.core.claims import suggest_claims
from temoin.verification import actions, certificate_actions, queries
from temoin.verification.models import Verdict


def create_demo_verification(org: crypto.OrgSecretKeys) -> list[str]:
    """Verify the demo cases as the demo verifiers boris and chloe would."""
    first = StaffMember.objects.filter(user__username="boris").first()
    second = StaffMember.objects.filter(user__username="chloe").first()
    if first is None or second is None:
        return ["verification: no demo verifiers, skipped"]
    keypair = crypto.keypair_from_org(org)
    cases = list(Case.objects.select_related("submission").order_by("id"))
    for case in cases:
        text = queries.testimony_signature_text(case, keypair)
        claims = suggest_claims(text, "ru")
        actions.do_record_claims(case, claims, actor=first, org=org)
        actions.do_index_testimony_text(case, text, org=org)
    if not cases:
        return ["verification: no demo cases, skipped"]
    case = cases[0]
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=first)
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=second)
    certificate = certificate_actions.do_request_certificate(
        case,
        certificate_actions.CertificateDraft(
            statements=(
                "Served in the unit and places named in the testimony, in the "
                "months given (invented demo data).",
            ),
            evidence=("interview", "corroborating_testimony"),
            subject={"full_name": "Demo Person"},
            language="en",
        ),
        actor=first,
        org=org,
    )
    certificate_actions.do_approve_certificate(certificate, actor=second, org=org)
    return [
        f"verification: claims on {len(cases)} cases; case {case.pk} verified by "
        f"boris and chloe; certificate {certificate.certificate_id} issued"
    ]
