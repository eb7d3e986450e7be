"""A witness submits testimony on the web; staff read it with the org's key."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from temoin.core import crypto
from temoin.intake import queries
from temoin.intake.models import Attachment, Submission
from tests.intake.conftest import csrf_token
from tests.intake.helpers import make_jpeg

NEW = "/ru/testimony/new/"


def submit(
    client: Client, files: list[SimpleUploadedFile] | None = None, **fields: str
) -> object:
    token = csrf_token(client, NEW)
    data: dict[str, object] = {
        "csrfmiddlewaretoken": token,
        "q_testimony": "Я видел колонну техники.",
        "q_consent": "anonymised",
    }
    data.update(fields)
    if files:
        data["files"] = files
    return client.post(NEW, data)


def codename_of(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    match = re.search(r'id="codename">([^<]+)<', html)
    assert match, html
    return match.group(1).strip()


def test_it_shows_the_questionnaire_in_russian_by_default(
    org: object, client: Client
) -> None:
    html = client.get(NEW).content.decode()
    assert "Что вы видели и что делали?" in html
    assert 'enctype="multipart/form-data"' in html
    assert "<script" not in html


def test_it_shows_the_questionnaire_in_each_language(
    org: object, client: Client
) -> None:
    for code, label in {
        "uk": "Що ви бачили",
        "fr": "Qu'avez-vous vu",
        "en": "What did you see",
    }.items():
        html = client.get(f"/{code}/testimony/new/").content.decode()
        assert label in html.replace("&#x27;", "'")


def test_it_stores_a_testimony_sealed_to_the_organisation(
    org: crypto.OrgSecretKeys, org_keypair: crypto.KeyPair, client: Client
) -> None:
    response = submit(client, q_unit="CANARY-UNIT-9")
    assert response.status_code == 201  # type: ignore[attr-defined]
    codename = codename_of(response)
    assert len(codename.split()) == 7
    submission = Submission.objects.get()
    assert b"CANARY-UNIT-9" not in bytes(submission.sealed_content)
    testimony = queries.open_testimony(submission, org_keypair)
    assert testimony.answers["unit"] == "CANARY-UNIT-9"
    assert testimony.language == "ru"
    assert submission.received_on is not None
    labels = dict(queries.open_answers(submission, org_keypair, "en"))
    assert labels["May we publish your testimony?"] == "Yes, anonymised only"


def test_it_refuses_an_empty_testimony_and_stores_nothing(
    org: object, client: Client
) -> None:
    response = submit(client, q_testimony="")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert Submission.objects.count() == 0


def test_it_encrypts_files_as_they_arrive_and_keeps_their_hash(
    org: object,
    org_keypair: crypto.KeyPair,
    client: Client,
    tmp_path: Path,
    blob_dir: Path,
) -> None:
    jpeg = make_jpeg(tmp_path / "photo.jpg")
    upload = SimpleUploadedFile("photo.jpg", jpeg.read_bytes(), "image/jpeg")
    response = submit(client, [upload])
    assert response.status_code == 201  # type: ignore[attr-defined]
    attachment = Attachment.objects.get()
    details = queries.open_attachment_details(attachment, org_keypair)
    import hashlib

    assert details.sha256 == hashlib.sha256(jpeg.read_bytes()).hexdigest()
    assert details.name == "photo.jpg"
    assert attachment.family == "image"
    stored = blob_dir / attachment.original_blob
    assert stored.exists()
    assert jpeg.read_bytes()[:200] not in stored.read_bytes()
    assert not list(blob_dir.glob(".incoming-*"))
    original = b"".join(queries.iter_original(attachment, org_keypair))
    assert original == jpeg.read_bytes()
