"""The inbox and the case file through HTTP, as each persona sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from temoin.audit.models import AuditEntry
from temoin.cases.models import CaseStatus, JourneyStage, Note
from temoin.intake import actions as intake_actions
from temoin.intake.cleaning.clean import clean_attachment
from temoin.intake.models import Attachment, CleaningStatus
from tests.cases.conftest import (
    MakeTestimony,
    Organisation,
    Staff,
    logged_in_client,
)
from tests.cases.helpers import jpeg_bytes, with_file

TEXT = "Служил в в/ч 55443 под Бахмутом, ушёл в марте."


@pytest.fixture(autouse=True)
def blob_dir(tmp_path: Path, settings: object) -> Path:
    directory = tmp_path / "blobs"
    settings.BLOB_DIR = directory  # type: ignore[attr-defined]
    return directory


def url(path: str = "", lang: str = "en") -> str:
    return f"/{lang}/staff/cases/{path}"


def page(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]


def test_it_lists_cases_with_a_decrypted_preview_for_a_key_holder(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    response = logged_in_client(staff.anna).get(url())
    assert response.status_code == 200
    assert f'data-case="{case.pk}"' in page(response)
    assert "55443" in page(response)
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_shows_metadata_only_and_says_why_to_a_member_without_keys(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    client = logged_in_client(staff.nina)
    for path in ["", f"{case.pk}/"]:
        response = client.get(url(path))
        assert response.status_code == 200
        assert 'id="keys-missing"' in page(response)
        assert "55443" not in page(response)
        assert "Бахмут" not in page(response)
    search = client.get(url(), {"q": "55443"})
    assert search.status_code == 403
    assert "Search needs the organisation" in page(search)


def test_it_refuses_the_inbox_to_a_publisher(staff: Staff) -> None:
    assert logged_in_client(staff.pavel).get(url()).status_code == 403


def test_it_decrypts_the_case_file_and_records_the_opening(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT, answers={"unit": "71718"})
    intake_actions.do_post_witness_reply(
        testimony.witness, "Я уже в Ереване", [], org_public=org.public
    )
    response = logged_in_client(staff.anna).get(url(f"{testimony.case.pk}/"))
    assert response.status_code == 200
    html = page(response)
    assert "55443" in html and "71718" in html and "Ереване" in html
    case = testimony.case
    assert case.status == CaseStatus.OPEN and not case.has_unread
    entry = AuditEntry.objects.filter(action="case.opened").get()
    assert entry.actor == staff.anna


def test_it_sends_a_reply_to_the_witness(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    response = logged_in_client(staff.anna).post(
        url(f"{case.pk}/reply/"), {"text": "Are you safe now?"}
    )
    assert response.status_code == 302
    assert response["Location"] == url(f"{case.pk}/") + "#conversation"
    from temoin.intake import queries as intake_queries

    [message] = intake_queries.witness_conversation(testimony.witness)
    assert message.text == "Are you safe now?"
    assert testimony.case.status == CaseStatus.WAITING


def test_it_shows_the_form_again_with_an_error_and_stores_nothing(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    client = logged_in_client(staff.anna)
    response = client.post(url(f"{case.pk}/reply/"), {"text": ""})
    assert response.status_code == 400
    assert 'class="errorlist"' in page(response)
    assert testimony.submission.messages.count() == 0
    response = client.post(
        url(f"{case.pk}/journey/"), {"kind": "third_country", "place": ""}
    )
    assert response.status_code == 400
    assert "Say which country" in page(response)
    response = client.post(
        url(f"{case.pk}/journey/"), {"kind": "in_hiding", "date": "2999-01-01"}
    )
    assert response.status_code == 400
    assert "in the future" in page(response)
    response = client.post(url(f"{case.pk}/status/"), {"status": "lost"})
    assert response.status_code == 400
    assert JourneyStage.objects.count() == 0
    assert testimony.case.status == CaseStatus.NEW


def test_it_adds_notes_and_journey_stages(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    client = logged_in_client(staff.anna)
    assert (
        client.post(url(f"{case.pk}/notes/"), {"text": "Сестра в Алматы"}).status_code
        == 302
    )
    response = client.post(
        url(f"{case.pk}/journey/"),
        {"kind": "third_country", "date": "2024-03-02", "place": "Kazakhstan"},
    )
    assert response.status_code == 302
    html = page(client.get(url(f"{case.pk}/")))
    assert "Сестра в Алматы" in html
    assert 'data-stage="third_country"' in html and "Kazakhstan" in html
    assert Note.objects.count() == 1


def test_it_lets_caseworkers_assign_label_and_close_cases(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    client = logged_in_client(staff.anna)
    assert client.post(url("labels/"), {"name": "urgent"}).status_code == 200
    from temoin.cases.models import Label

    label = Label.objects.get()
    client.post(url(f"{case.pk}/assign/"), {"assignee": staff.anna.pk})
    client.post(url(f"{case.pk}/labels/"), {"labels": [label.pk]})
    client.post(url(f"{case.pk}/status/"), {"status": "closed"})
    case.refresh_from_db()
    assert case.assignee == staff.anna and case.status == CaseStatus.CLOSED
    assert list(case.labels.all()) == [label]
    mine = page(client.get(url(), {"mine": "on", "status": "closed"}))
    assert f'data-case="{case.pk}"' in mine
    assert f'data-case="{case.pk}"' not in page(client.get(url()))
    by_label = page(client.get(url(), {"label": str(label.pk), "status": "closed"}))
    assert f'data-case="{case.pk}"' in by_label


def test_it_refuses_changes_by_a_verifier(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    client = logged_in_client(staff.boris)
    assert client.get(url(f"{case.pk}/")).status_code == 200
    for path, data in [
        ("reply/", {"text": "hello"}),
        ("notes/", {"text": "hello"}),
        ("status/", {"status": "closed"}),
        ("assign/", {"assignee": ""}),
    ]:
        assert client.post(url(f"{case.pk}/{path}"), data).status_code == 403, path
    assert has_no_notes(case.pk)


def has_no_notes(case_id: int) -> bool:
    return not Note.objects.filter(case_id=case_id).exists()


def test_it_finds_a_case_by_unit_number_and_inflected_place(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    wanted = make_testimony(TEXT).case
    other = make_testimony("Служил в Курске").case
    client = logged_in_client(staff.anna)
    client.get(url())  # the first inbox load indexes the new cases
    for query in ["55443", "Бахмут", "бахмуте 55443"]:
        html = page(client.get(url(), {"q": query}))
        assert f'data-case="{wanted.pk}"' in html, query
        assert f'data-case="{other.pk}"' not in html, query
    response = client.get(url(), {"q": "!!"})
    assert response.status_code == 400
    assert 'id="search-error"' in page(response)


def test_it_answers_a_bad_filter_with_a_clear_error(staff: Staff) -> None:
    response = logged_in_client(staff.anna).get(url(), {"status": "nope"})
    assert response.status_code == 400
    assert "not valid" in page(response)


def test_it_answers_404_for_a_case_that_does_not_exist(staff: Staff) -> None:
    client = logged_in_client(staff.anna)
    assert client.get(url("999999/")).status_code == 404
    assert client.post(url("999999/notes/"), {"text": "x"}).status_code == 404


def test_it_shows_every_page_in_each_language(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    client = logged_in_client(staff.anna)
    expected = {"ru": "Дела", "uk": "Справи", "fr": "Dossiers", "en": "Cases"}
    for lang, word in expected.items():
        response = client.get(url(lang=lang))
        assert response.status_code == 200
        assert f"<h1>{word}</h1>" in page(response), lang
        assert client.get(url(f"{case.pk}/", lang=lang)).status_code == 200


# --- Files ------------------------------------------------------------------


def test_it_streams_the_cleaned_copy_and_keeps_originals_for_verifiers(
    org: Organisation, staff: Staff, django_capture_on_commit_callbacks: object
) -> None:
    original = jpeg_bytes()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        testimony = with_file(org, "front.jpg", original)
    attachment = Attachment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assert clean_attachment(attachment, org.keypair) == CleaningStatus.CLEANED
    case = testimony.case
    anna = logged_in_client(staff.anna)
    html = page(anna.get(url(f"{case.pk}/")))
    assert "front.jpg" in html and "Download the cleaned copy" in html
    assert "original (evidence)" not in html
    response = anna.get(url(f"{case.pk}/files/{attachment.pk}/"))
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body.startswith(b"\xff\xd8") and body != b""
    assert response["Content-Type"] == "application/octet-stream"
    assert "cleaned-front.jpg" in response["Content-Disposition"]
    assert (
        anna.get(url(f"{case.pk}/files/{attachment.pk}/original/")).status_code == 403
    )
    boris = logged_in_client(staff.boris)
    response = boris.get(url(f"{case.pk}/files/{attachment.pk}/original/"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original  # type: ignore[attr-defined]
    copies = list(
        AuditEntry.objects.filter(action="case.file_opened").values_list(
            "details", flat=True
        )
    )
    assert [d["copy"] for d in copies] == ["original", "cleaned"]


def test_it_warns_that_a_file_could_not_be_cleaned(
    org: Organisation, staff: Staff, django_capture_on_commit_callbacks: object
) -> None:
    damaged = jpeg_bytes()[:200]  # a JPEG cut short: no cleaner can read it
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        testimony = with_file(org, "broken.jpg", damaged)
    attachment = Attachment.objects.get()
    assert clean_attachment(attachment, org.keypair) == CleaningStatus.NOT_CLEANED
    anna = logged_in_client(staff.anna)
    html = page(anna.get(url(f"{testimony.case.pk}/")))
    assert "Not cleaned: this file may still carry metadata" in html
    response = anna.get(url(f"{testimony.case.pk}/files/{attachment.pk}/"))
    assert response.status_code == 404
    assert "could not be cleaned" in page(response)
