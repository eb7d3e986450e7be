"""The verifier's pages: two verifiers take a case to verified and issue a
certificate; one verifier alone cannot; others cannot open the pages."""

from __future__ import annotations

import json

from temoin.core.certificates import Status, verify_certificate
from temoin.verification import queries
from temoin.verification.models import Certificate, Verdict
from tests.cases.conftest import MakeTestimony, Organisation, logged_in_client
from tests.verification.conftest import Verifiers

TEXT = "Служил в в/ч 12345 (64-я бригада) под Бахмутом с марта по май 2023 года."


def test_two_verifiers_verify_and_certify_through_the_pages(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    case = make_testimony(TEXT).case
    boris, vera = logged_in_client(verifiers.boris), logged_in_client(verifiers.vera)
    page = boris.get(f"/en/staff/verification/{case.pk}/")
    assert page.status_code == 200
    assert "12345" in page.content.decode()  # suggested from the testimony
    response = boris.post(
        f"/en/staff/verification/{case.pk}/claims/",
        {"suggestion": ["0", "1", "2", "3"]},
    )
    assert response.status_code == 302
    assert len(queries.open_claims(case.verification, org.keypair)) == 4
    boris.post(f"/en/staff/verification/{case.pk}/verdict/", {"verdict": "verified"})
    again = boris.post(
        f"/en/staff/verification/{case.pk}/verdict/",
        {"verdict": "verified"},
        follow=True,
    )
    assert "second, different verifier" in again.content.decode()
    case.verification.refresh_from_db()
    assert case.verification.verdict == Verdict.UNVERIFIED
    vera.post(f"/en/staff/verification/{case.pk}/verdict/", {"verdict": "verified"})
    case.verification.refresh_from_db()
    assert case.verification.verdict == Verdict.VERIFIED
    vera.post(
        f"/en/staff/verification/{case.pk}/certificate/",
        {
            "statements": "Served in unit 12345.\nLeft in September 2023.",
            "evidence": ["interview", "military_documents"],
            "full_name": "Ivan Sidorov",
            "language": "ru",
        },
    )
    certificate = Certificate.objects.get(case=case)
    refused = vera.post(
        f"/en/staff/verification/certificates/{certificate.certificate_id}/approve/",
        follow=True,
    )
    assert "second, different verifier" in refused.content.decode()
    boris.post(
        f"/en/staff/verification/certificates/{certificate.certificate_id}/approve/"
    )
    certificate.refresh_from_db()
    assert certificate.status == "issued"
    download = boris.get(
        f"/en/staff/verification/certificates/{certificate.certificate_id}/json/"
    )
    signed = json.loads(download.content)
    result = verify_certificate(signed, queries.trusted_keys(), queries.revoked_ids())
    assert result.status is Status.VALID
    pdf = boris.get(
        f"/en/staff/verification/certificates/{certificate.certificate_id}/pdf/"
    )
    assert pdf.content.startswith(b"%PDF-")


def test_other_roles_cannot_open_the_pages(
    make_testimony: MakeTestimony, verifiers: Verifiers
) -> None:
    case = make_testimony(TEXT).case
    anna = logged_in_client(verifiers.anna)
    assert anna.get(f"/en/staff/verification/{case.pk}/").status_code == 403
    assert (
        anna.post(
            f"/en/staff/verification/{case.pk}/verdict/", {"verdict": "rejected"}
        ).status_code
        == 403
    )
