"""Claims, corroboration, near-duplicates and the two-person rule, on the real
database."""

from __future__ import annotations

import json

import pytest

from temoin.audit.models import AuditEntry
from temoin.cases.models import Case
from temoin.core.certificates import Status, verify_certificate
from temoin.core.claims import suggest_claims
from temoin.verification import actions, certificate_actions, queries
from temoin.verification.actions import (
    TwoPersonRuleError,
    VerificationError,
)
from temoin.verification.certificate_actions import CertificateDraft
from temoin.verification.models import (
    Certificate,
    CertificateStatus,
    ClaimToken,
    ListKind,
    RevocationReason,
    Verdict,
)
from tests.cases.conftest import MakeTestimony, Organisation
from tests.verification.conftest import Verifiers

DRAFT = CertificateDraft(
    statements=("Served in military unit 12345 from March to May 2023.",),
    evidence=("interview", "military_documents"),
    subject={"full_name": "Ivan Sidorov"},
    language="en",
)


@pytest.fixture
def case(make_testimony: MakeTestimony) -> Case:
    return make_testimony("Служил в в/ч 12345 под Бахмутом в 2023 году.").case


def test_it_records_claims_sealed_with_keyed_tokens(
    case: Case, org: Organisation, verifiers: Verifiers
) -> None:
    claims = suggest_claims("в/ч 12345 под Бахмутом с марта по май 2023 года")
    verification = actions.do_record_claims(
        case, claims, actor=verifiers.boris, org=org.secrets
    )
    assert b"12345" not in bytes(verification.sealed_claims or b"")
    assert queries.open_claims(verification, org.keypair) == claims
    tokens = list(ClaimToken.objects.filter(case=case).values_list("token", flat=True))
    assert tokens and not any("12345" in t for t in tokens)
    assert AuditEntry.objects.filter(action="verification.claims_recorded").count() == 1


def test_it_finds_corroborating_cases_and_a_contradiction(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    texts = {
        "near": "в/ч 12345, в апреле 2023 года в Соледаре",
        "far": "в/ч 12345, с марта по май 2023 года в Мурманске",
        "other": "в/ч 77777, в ноябре 2022 года в Херсоне",
    }
    cases = {}
    for name, text in texts.items():
        cases[name] = make_testimony(text).case
        actions.do_record_claims(
            cases[name], suggest_claims(text), actor=verifiers.boris, org=org.secrets
        )
    new = make_testimony("x").case
    claims = suggest_claims("в/ч 12345 под Бахмутом с марта по май 2023 года")
    found = queries.corroborating_cases(new, claims, org.secrets)
    by_case = {item.case_id: item.comparison for item in found}
    assert set(by_case) == {cases["near"].pk, cases["far"].pk}
    assert by_case[cases["near"].pk].contradictions == []
    assert [f.kind for f in by_case[cases["far"].pk].contradictions] == ["place"]


def test_it_flags_a_copied_testimony(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    from tests.core.test_similarity import EDITED, INDEPENDENT, ORIGINAL

    ids = {}
    for name, text in (("original", ORIGINAL), ("independent", INDEPENDENT)):
        case = make_testimony(text).case
        actions.do_index_testimony_text(case, text, org=org.secrets)
        ids[name] = case.pk
    copy = make_testimony(EDITED).case
    actions.do_index_testimony_text(copy, EDITED, org=org.secrets)
    assert [item.case_id for item in queries.near_duplicates(copy)] == [ids["original"]]


def test_verified_needs_two_different_verifiers(
    case: Case, verifiers: Verifiers
) -> None:
    assert (
        actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.boris) is False
    )
    with pytest.raises(TwoPersonRuleError):
        actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.boris)
    assert actions.verification_for(case).verdict == Verdict.UNVERIFIED
    assert actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.vera) is True
    verification = actions.verification_for(case)
    assert verification.verdict == Verdict.VERIFIED
    assert set(verification.verified_by.all()) == {verifiers.boris, verifiers.vera}
    actions_logged = list(
        AuditEntry.objects.filter(action__startswith="verification.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions_logged == [
        "verification.verified_proposed",
        "verification.second_signature_refused",
        "verification.verified_confirmed",
    ]


def test_one_person_with_two_roles_cannot_sign_twice(
    case: Case, verifiers: Verifiers
) -> None:
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.olga)
    with pytest.raises(TwoPersonRuleError):
        actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.olga)
    assert actions.verification_for(case).verdict == Verdict.UNVERIFIED


def test_only_verifiers_sign(case: Case, verifiers: Verifiers) -> None:
    with pytest.raises(VerificationError):
        actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.anna)


def test_a_certificate_needs_two_verifiers_and_verifies(
    case: Case, org: Organisation, verifiers: Verifiers
) -> None:
    with pytest.raises(VerificationError):
        certificate_actions.do_request_certificate(
            case, DRAFT, actor=verifiers.boris, org=org.secrets
        )
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.boris)
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.olga)
    certificate = certificate_actions.do_request_certificate(
        case, DRAFT, actor=verifiers.olga, org=org.secrets
    )
    with pytest.raises(TwoPersonRuleError):
        certificate_actions.do_approve_certificate(
            certificate, actor=verifiers.olga, org=org.secrets
        )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REQUESTED
    signed = certificate_actions.do_approve_certificate(
        certificate, actor=verifiers.vera, org=org.secrets
    )
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED
    assert b"Ivan" not in bytes(certificate.sealed_signed or b"")
    assert queries.open_signed_certificate(certificate, org.keypair) == signed
    result = verify_certificate(
        json.dumps(signed), queries.trusted_keys(), queries.revoked_ids()
    )
    assert result.status is Status.VALID
    assert queries.latest_list(ListKind.KEYS) is not None

    certificate_actions.do_revoke_certificate(
        certificate.certificate_id,
        RevocationReason.NEW_EVIDENCE,
        actor=verifiers.boris,
        org=org.secrets,
    )
    result = verify_certificate(
        json.dumps(signed), queries.trusted_keys(), queries.revoked_ids()
    )
    assert result.status is Status.REVOKED
    assert certificate.certificate_id in (
        queries.latest_list(ListKind.REVOCATIONS) or ""
    )
    assert (
        Certificate.objects.get(pk=certificate.pk).status == CertificateStatus.REVOKED
    )
