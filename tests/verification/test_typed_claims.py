"""Claims typed by hand on the verifier's page: each kind, bad forms, access,
corroboration with suggested claims, removal, and the audit entry."""

from __future__ import annotations

import pytest

from temoin.audit.models import AuditEntry
from temoin.cases.models import Case
from temoin.core.claims import ClaimKind
from temoin.verification import queries
from temoin.verification.models import CaseVerification, ClaimToken
from tests.cases.conftest import MakeTestimony, Organisation, logged_in_client
from tests.verification.conftest import Verifiers

TEXT = "Служил в в/ч 12345 под Бахмутом с марта по май 2023 года."
OTHER = "Рассказываю о себе: всё было тяжело, и я ушёл."


def url(case: Case, suffix: str = "claims/add/", lang: str = "en") -> str:
    return f"/{lang}/staff/verification/{case.pk}/{suffix}"


@pytest.mark.parametrize(
    ("form", "kind", "expected"),
    [
        ({"kind": "unit", "value": "в/ч 54321"}, ClaimKind.UNIT, {"code": "54321"}),
        (
            {"kind": "formation", "value": "155-я бригада"},
            ClaimKind.FORMATION,
            {"number": "155", "type": "brigade"},
        ),
        (
            {"kind": "rank", "value": "старший сержант"},
            ClaimKind.RANK,
            {"rank": "senior sergeant"},
        ),
        ({"kind": "branch", "value": "ВДВ"}, ClaimKind.BRANCH, {"branch": "ВДВ"}),
        (
            {"kind": "place", "value": "Авдеевка", "when": "в марте 2023"},
            ClaimKind.PLACE,
            {"name": "Avdiivka", "date": "2023-03"},  # named in the page's language
        ),
        (
            {"kind": "place", "value": "Малые Выселки"},
            ClaimKind.PLACE,
            {"name": "Малые Выселки", "in_gazetteer": "no"},
        ),
        (
            {"kind": "date", "value": "15.03.2022"},
            ClaimKind.DATE,
            {"date": "2022-03-15"},
        ),
        (
            {"kind": "date", "value": "с марта по май 2023"},
            ClaimKind.PERIOD,
            {"from": "2023-03", "to": "2023-05"},
        ),
        (
            {
                "kind": "event",
                "value": "обстрел колонны",
                "place": "Бахмут",
                "when": "2023-04-02",
                "note": "видео у свидетеля",
            },
            ClaimKind.EVENT,
            {
                "event": "обстрел колонны",
                "place": "Bakhmut",
                "place_id": "g713174",
                "date": "2023-04-02",
                "note": "видео у свидетеля",
            },
        ),
        (
            {
                "kind": "departure",
                "value": "через Грузию",
                "place": "Верхний Ларс",
                "when": "September 2023",
            },
            ClaimKind.DEPARTURE,
            {
                "route": "через Грузию",
                "place": "Верхний Ларс",
                "place_in_gazetteer": "no",
                "date": "2023-09",
            },
        ),
        (
            {"kind": "document", "value": "военный билет"},
            ClaimKind.DOCUMENT,
            {"document": "военный билет"},
        ),
    ],
)
def test_it_records_each_kind_typed_by_hand(
    make_testimony: MakeTestimony,
    org: Organisation,
    verifiers: Verifiers,
    form: dict[str, str],
    kind: ClaimKind,
    expected: dict[str, str],
) -> None:
    case = make_testimony(OTHER).case
    boris = logged_in_client(verifiers.boris)
    response = boris.post(url(case), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    claims = queries.open_claims(case.verification, org.keypair)
    assert len(claims) == 1
    assert claims[0].kind is kind
    assert expected.items() <= claims[0].value.items()
    assert claims[0].start == -1  # typed, not read from the testimony
    # Stored sealed: the plaintext is nowhere in the row.
    case.verification.refresh_from_db()
    sealed = bytes(case.verification.sealed_claims or b"")
    assert form["value"].encode() not in sealed
    entry = AuditEntry.objects.filter(action="verification.claim_added").get()
    assert form["value"] not in str(entry.__dict__)
    page = boris.get(url(case, ""))
    if "in_gazetteer" in expected or "place_in_gazetteer" in expected:
        assert "not in gazetteer" in page.content.decode()


def test_a_known_place_gets_its_gazetteer_id_and_coordinates(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    case = make_testimony(OTHER).case
    logged_in_client(verifiers.boris).post(
        url(case), {"kind": "place", "value": "бахмут"}
    )
    (claim,) = queries.open_claims(case.verification, org.keypair)
    assert claim.value["place_id"] == "g713174"
    assert {"lat", "lon"} <= claim.value.keys()


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"kind": "unit", "value": "  "}, "value", "Type the fact itself"),
        ({"kind": "tank", "value": "T-72"}, "kind", "Choose a kind of claim"),
        ({"kind": "date", "value": "32.13.2022"}, "value", "could not be read"),
        (
            {"kind": "place", "value": "Бахмут", "when": "someday soon"},
            "when",
            "could not be read",
        ),
        ({"kind": "unit", "value": "abc"}, "value", "A unit code is"),
        (
            {"kind": "rank", "value": "капитан", "place": "Бахмут"},
            "place",
            "no separate",
        ),
    ],
)
def test_a_bad_form_gives_a_clear_error_and_stores_nothing(
    make_testimony: MakeTestimony,
    verifiers: Verifiers,
    form: dict[str, str],
    field: str,
    message: str,
) -> None:
    case = make_testimony(OTHER).case
    response = logged_in_client(verifiers.boris).post(url(case), form)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'id="add-claim-form"' in body
    stored = CaseVerification.objects.filter(case=case, sealed_claims__isnull=False)
    assert not stored.exists()
    assert not ClaimToken.objects.filter(case=case).exists()
    assert not AuditEntry.objects.filter(action="verification.claim_added").exists()


def test_errors_are_translated(
    make_testimony: MakeTestimony, verifiers: Verifiers
) -> None:
    case = make_testimony(OTHER).case
    client = logged_in_client(verifiers.boris)
    expected = {
        "ru": "Не удалось прочитать дату",
        "uk": "Не вдалося прочитати дату",
        "fr": "Cette date n'a pas pu être lue",
    }
    for lang, text in expected.items():
        response = client.post(
            url(case, lang=lang), {"kind": "date", "value": "bientôt"}
        )
        assert response.status_code == 400
        assert text in response.content.decode().replace("&#x27;", "'")


def test_a_non_verifier_gets_403_and_nothing_is_stored(
    make_testimony: MakeTestimony, verifiers: Verifiers
) -> None:
    case = make_testimony(OTHER).case
    anna = logged_in_client(verifiers.anna)
    response = anna.post(url(case), {"kind": "unit", "value": "12345"})
    assert response.status_code == 403
    assert not ClaimToken.objects.filter(case=case).exists()


def test_the_form_needs_its_csrf_token(
    make_testimony: MakeTestimony, verifiers: Verifiers
) -> None:
    case = make_testimony(OTHER).case
    client = logged_in_client(verifiers.boris)
    client.handler.enforce_csrf_checks = True
    response = client.post(url(case), {"kind": "unit", "value": "12345"})
    assert response.status_code == 403
    assert not ClaimToken.objects.filter(case=case).exists()


def test_a_typed_unit_corroborates_another_cases_suggested_unit(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    suggested = make_testimony(TEXT).case
    typed = make_testimony(OTHER).case
    boris = logged_in_client(verifiers.boris)
    # Case 1: the suggested unit ticked (the first suggestion is в/ч 12345).
    boris.post(url(suggested, "claims/"), {"suggestion": ["0"]})
    (unit,) = queries.open_claims(suggested.verification, org.keypair)
    assert unit.value == {"code": "12345"} and unit.start >= 0
    # Case 2: the same unit typed by hand, with a Latin look-alike spelling.
    boris.post(url(typed), {"kind": "unit", "value": "в/ч 12345"})
    claims = queries.open_claims(typed.verification, org.keypair)
    found = queries.corroborating_cases(typed, claims, org.secrets)
    assert [item.case_id for item in found] == [suggested.pk]
    page = boris.get(url(typed, "")).content.decode()
    assert f"/staff/verification/{suggested.pk}/" in page
    # Both cases carry the same keyed unit token.
    mine = set(ClaimToken.objects.filter(case=typed).values_list("token", flat=True))
    theirs = set(
        ClaimToken.objects.filter(case=suggested).values_list("token", flat=True)
    )
    assert mine & theirs


def test_a_typed_claim_is_removed_like_a_suggested_one(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    case = make_testimony(TEXT).case
    boris = logged_in_client(verifiers.boris)
    boris.post(url(case, "claims/"), {"suggestion": ["0"]})
    boris.post(url(case), {"kind": "unit", "value": "А0224"})
    claims = queries.open_claims(case.verification, org.keypair)
    assert [c.value["code"] for c in claims] == ["12345", "А0224"]
    before = set(ClaimToken.objects.filter(case=case).values_list("token", flat=True))
    removed = boris.post(url(case, "claims/"), {"drop": ["1"]}, follow=True)
    assert removed.status_code == 200
    case.verification.refresh_from_db()
    claims = queries.open_claims(case.verification, org.keypair)
    assert [c.value["code"] for c in claims] == ["12345"]
    after = set(ClaimToken.objects.filter(case=case).values_list("token", flat=True))
    assert after < before


def test_the_same_claim_twice_is_refused(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    case = make_testimony(OTHER).case
    boris = logged_in_client(verifiers.boris)
    boris.post(url(case), {"kind": "branch", "value": "ВДВ"})
    again = boris.post(url(case), {"kind": "branch", "value": "ВДВ"})
    assert again.status_code == 400
    assert "already recorded" in again.content.decode()
    assert len(queries.open_claims(case.verification, org.keypair)) == 1
