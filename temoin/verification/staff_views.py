"""The verifier's pages for one case: claims (suggested and recorded),
corroboration, fabrication signals, checklist, verdict and certificates.

Thin views: parse, check access, call an action or a query, render.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from temoin.accounts import keys
from temoin.accounts.access import current_member, key_holder_required, role_required
from temoin.accounts.models import Role
from temoin.cases.access import get_case_for_reader
from temoin.cases.models import Case
from temoin.core import crypto
from temoin.core.certificate_pdf import render_certificate_pdf
from temoin.core.certificates import EVIDENCE_CATEGORIES
from temoin.core.claims import suggest_claims
from temoin.verification import actions, certificate_actions, queries
from temoin.verification.actions import ChecklistItem
from temoin.verification.certificate_actions import CertificateDraft
from temoin.verification.display import (
    EVIDENCE_LABELS,
    ChecklistKey,
    ChecklistStatus,
    describe_claim,
)
from temoin.verification.forms import TypedClaimForm
from temoin.verification.models import (
    Certificate,
    CertificateStatus,
    RevocationReason,
    Verdict,
)

CHECKLIST_KEYS = tuple(ChecklistKey.values)
CHECKLIST_STATUSES = tuple(ChecklistStatus.values)


def _org(request: HttpRequest) -> crypto.OrgSecretKeys:
    org = keys.org_keys_for_request(request)
    if org is None:
        raise PermissionError("no keys")  # key_holder_required ran first
    return org


def _back(case_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("verification-staff:case", args=[case_id]))


@require_GET
@role_required(Role.VERIFIER)
@key_holder_required
def case_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_reader(request, case_id)
    form = TypedClaimForm(language=get_language() or "en")
    return render(request, "verification/case.html", _case_context(request, case, form))


def _case_context(
    request: HttpRequest, case: Case, claim_form: TypedClaimForm
) -> dict[str, object]:
    org = _org(request)
    keypair = crypto.keypair_from_org(org)
    language = get_language() or "en"
    verification = actions.verification_for(case)
    claims = queries.open_claims(verification, keypair)
    text = queries.testimony_signature_text(case, keypair)
    certificates = list(case.certificates.all())
    suggestions = [c for c in suggest_claims(text, language) if c not in claims]
    return {
        "case": case,
        "verification": verification,
        "verdicts": Verdict.choices,
        "claims": claims,
        "claim_rows": [describe_claim(claim) for claim in claims],
        "claim_form": claim_form,
        "suggestions": suggestions,
        "corroboration": queries.corroborating_cases(case, claims, org),
        "duplicates": queries.near_duplicates(case),
        "inconsistencies": queries.inconsistencies(case, keypair, language),
        "suggestion_rows": [describe_claim(c) for c in suggestions],
        "checklist_rows": _checklist_rows(
            queries.open_checklist(verification, keypair)
        ),
        "evidence_choices": [
            (code, str(EVIDENCE_LABELS.get(code, code))) for code in EVIDENCE_CATEGORIES
        ],
        "certificates": certificates,
        "reasons": RevocationReason.choices,
        "me": current_member(request),
    }


def _checklist_rows(saved: list[ChecklistItem]) -> list[dict[str, object]]:
    """Each checklist item with its label, its saved state and the choices."""
    by_key = {item.key: item for item in saved}
    rows: list[dict[str, object]] = []
    for key, key_label in ChecklistKey.choices:
        item = by_key.get(key)
        rows.append(
            {
                "key": key,
                "label": key_label,
                "status": item.status if item else ChecklistStatus.NOT_CHECKED,
                "reason": item.reason if item else "",
                "evidence": set(item.evidence) if item else set(),
                "statuses": ChecklistStatus.choices,
            }
        )
    return rows


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def add_claim_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record one claim typed by the verifier; the page again, with the
    errors, when the form is wrong (nothing is stored then)."""
    case = get_case_for_reader(request, case_id)
    form = TypedClaimForm(request.POST, language=get_language() or "en")
    if form.is_valid():
        try:
            actions.do_add_claim(
                case,
                form.cleaned_data["claim"],
                actor=current_member(request),
                org=_org(request),
            )
        except actions.DuplicateClaimError:
            form.add_error(None, _("This claim is already recorded."))
        except actions.TooManyClaimsError:
            form.add_error(None, _("Too many claims on one case."))
        else:
            messages.success(request, _("Claim recorded."))
            return _back(case.pk)
    return render(
        request,
        "verification/case.html",
        _case_context(request, case, form),
        status=400,
    )


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def record_claims_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the chosen suggestions, keeping the claims already recorded."""
    case = get_case_for_reader(request, case_id)
    org = _org(request)
    keypair = crypto.keypair_from_org(org)
    language = get_language() or "en"
    text = queries.testimony_signature_text(case, keypair)
    chosen = set(request.POST.getlist("suggestion"))
    suggested = suggest_claims(text, language)
    kept = queries.open_claims(actions.verification_for(case), keypair)
    kept = [c for i, c in enumerate(kept) if str(i) not in request.POST.getlist("drop")]
    new = [c for i, c in enumerate(suggested) if str(i) in chosen and c not in kept]
    member = current_member(request)
    try:
        actions.do_record_claims(case, kept + new, actor=member, org=org)
    except actions.VerificationError as exc:
        messages.error(request, str(exc))
        return _back(case.pk)
    actions.do_index_testimony_text(case, text, org=org)
    messages.success(request, _("Claims recorded."))
    return _back(case.pk)


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def checklist_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_reader(request, case_id)
    items = []
    for key in CHECKLIST_KEYS:
        status = request.POST.get(f"{key}-status", "not_checked")
        if status not in CHECKLIST_STATUSES:
            messages.error(request, _("Unknown checklist status."))
            return _back(case.pk)
        evidence = [
            e
            for e in request.POST.getlist(f"{key}-evidence")
            if e in EVIDENCE_CATEGORIES
        ]
        reason = request.POST.get(f"{key}-reason", "")[: actions.MAX_TEXT]
        items.append(ChecklistItem(key, status, reason, tuple(evidence)))
    actions.do_update_checklist(
        case, items, actor=current_member(request), org=_org(request)
    )
    messages.success(request, _("Checklist saved."))
    return _back(case.pk)


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def verdict_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_reader(request, case_id)
    try:
        verdict = Verdict(request.POST.get("verdict", ""))
    except ValueError:
        messages.error(request, _("Choose a verdict."))
        return _back(case.pk)
    try:
        done = actions.do_sign_verdict(case, verdict, actor=current_member(request))
    except actions.TwoPersonRuleError:
        messages.error(
            request, _("A second, different verifier must sign this verdict.")
        )
        return _back(case.pk)
    except actions.VerificationError as exc:
        messages.error(request, str(exc))
        return _back(case.pk)
    if done:
        messages.success(request, _("Verdict recorded."))
    else:
        messages.info(request, _("Signed. A second verifier must now sign it too."))
    return _back(case.pk)


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def request_certificate_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_reader(request, case_id)
    statements = [
        line.strip()
        for line in request.POST.get("statements", "").splitlines()
        if line.strip()
    ]
    subject = {
        field: request.POST.get(field, "").strip()[:200]
        for field in ("full_name", "date_of_birth", "rank", "unit")
        if request.POST.get(field, "").strip()
    }
    language = request.POST.get("language", "en")
    if language not in ("ru", "uk", "fr", "en"):
        language = "en"
    draft = CertificateDraft(
        statements=tuple(statements[:20]),
        evidence=tuple(
            e for e in request.POST.getlist("evidence") if e in EVIDENCE_CATEGORIES
        ),
        subject=subject,
        language=language,
    )
    try:
        certificate_actions.do_request_certificate(
            case, draft, actor=current_member(request), org=_org(request)
        )
    except (actions.VerificationError, ValueError) as exc:
        messages.error(request, str(exc))
        return _back(case.pk)
    messages.info(
        request, _("Certificate requested: a second verifier must approve it.")
    )
    return _back(case.pk)


def _certificate(request: HttpRequest, certificate_id: str) -> Certificate:
    certificate = get_object_or_404(Certificate, certificate_id=certificate_id)
    get_case_for_reader(request, certificate.case_id)
    return certificate


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def approve_certificate_view(request: HttpRequest, certificate_id: str) -> HttpResponse:
    certificate = _certificate(request, certificate_id)
    try:
        certificate_actions.do_approve_certificate(
            certificate, actor=current_member(request), org=_org(request)
        )
    except actions.TwoPersonRuleError:
        messages.error(
            request, _("A second, different verifier must approve this certificate.")
        )
        return _back(certificate.case_id)
    except actions.VerificationError as exc:
        messages.error(request, str(exc))
        return _back(certificate.case_id)
    messages.success(request, _("Certificate signed and issued."))
    return _back(certificate.case_id)


@require_POST
@role_required(Role.VERIFIER)
@key_holder_required
def revoke_certificate_view(request: HttpRequest, certificate_id: str) -> HttpResponse:
    certificate = _certificate(request, certificate_id)
    try:
        reason = RevocationReason(request.POST.get("reason", ""))
        certificate_actions.do_revoke_certificate(
            certificate_id, reason, actor=current_member(request), org=_org(request)
        )
    except ValueError:
        messages.error(request, _("Choose a reason."))
        return _back(certificate.case_id)
    except actions.VerificationError as exc:
        messages.error(request, str(exc))
        return _back(certificate.case_id)
    messages.success(
        request, _("Certificate revoked and the revocation list published.")
    )
    return _back(certificate.case_id)


@require_GET
@role_required(Role.VERIFIER)
@key_holder_required
def certificate_file_view(
    request: HttpRequest, certificate_id: str, kind: str
) -> HttpResponse:
    certificate = _certificate(request, certificate_id)
    if certificate.status == CertificateStatus.REQUESTED:
        return HttpResponse(status=404)
    signed = queries.open_signed_certificate(
        certificate, crypto.keypair_from_org(_org(request))
    )
    if kind == "pdf":
        # Labels in the certificate's language come from the PDF module.
        response = HttpResponse(
            render_certificate_pdf(signed),
            content_type="application/pdf",
        )
        name = "certificate.pdf"
    else:
        response = HttpResponse(
            json.dumps(signed, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = "certificate.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
