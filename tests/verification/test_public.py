"""The public verify page and the published lists, through real requests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from temoin.core import crypto
from temoin.core.certificates import (
    build_certificate,
    keys_from_list,
    revoked_from_list,
)
from temoin.verification import certificate_actions
from temoin.verification.models import PublishedList
from tests.cases.conftest import Organisation


def _signed(org: crypto.OrgSecretKeys, **changes: Any) -> dict[str, Any]:
    document = build_certificate(
        organisation="Org",
        key_id=org.public().key_id,
        verdict="verified",
        statements=["Служил в в/ч 12345."],
        evidence=["interview"],
        subject={"full_name": "Иван Сидоров"},
        verifiers=2,
        language="ru",
    )
    document.update(changes)
    return crypto.sign_document(document, org)


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def _post(client: Client, lang: str = "en", **data: Any) -> Any:
    page = client.get(f"/{lang}/verify/")
    token = page.cookies["csrftoken"].value
    return client.post(f"/{lang}/verify/", {"csrfmiddlewaretoken": token, **data})


def test_it_shows_the_page_in_every_language(db: None, client: Client) -> None:
    titles = {
        "en": "Check a certificate",
        "fr": "Vérifier un certificat",
        "ru": "Проверить сертификат",
        "uk": "Перевірити сертифікат",
    }
    for lang, title in titles.items():
        response = client.get(f"/{lang}/verify/")
        assert response.status_code == 200
        assert title in response.content.decode()


def test_it_accepts_a_pasted_certificate(org: Organisation, client: Client) -> None:
    signed = _signed(org.secrets)
    response = _post(client, certificate=json.dumps(signed, indent=3))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="valid"' in body
    assert "Иван Сидоров" in body


def test_it_accepts_an_uploaded_file(org: Organisation, client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "certificate.json",
        json.dumps(_signed(org.secrets)).encode(),
        "application/json",
    )
    response = _post(client, lang="fr", file=upload)
    assert 'data-status="valid"' in response.content.decode()
    assert "Valide" in response.content.decode()


@pytest.mark.parametrize(
    ("make", "status", "words"),
    [
        (lambda o: {**_signed(o), "extra": 1}, "tampered", "tampered"),
        (lambda o: _signed(crypto.generate_org_keys()), "unknown_key", "unknown key"),
    ],
)
def test_it_rejects_with_the_reason(
    org: Organisation, client: Client, make: Any, status: str, words: str
) -> None:
    response = _post(client, certificate=json.dumps(make(org.secrets)))
    body = response.content.decode()
    assert f'data-status="{status}"' in body
    assert words in body


def test_it_rejects_a_changed_field(org: Organisation, client: Client) -> None:
    signed = _signed(org.secrets)
    signed["document"]["subject"]["full_name"] = "Пётр"
    body = _post(client, lang="ru", certificate=json.dumps(signed)).content.decode()
    assert 'data-status="tampered"' in body
    assert "Недействителен" in body


def test_it_explains_malformed_empty_and_oversized_input(
    db: None, client: Client
) -> None:
    response = _post(client, certificate="{not json")
    assert response.status_code == 400
    assert 'data-status="malformed"' in response.content.decode()
    response = _post(client, certificate="   ")
    assert response.status_code == 400
    assert "Paste the certificate" in response.content.decode()
    response = _post(client, certificate="x" * (65 * 1024))
    assert response.status_code == 413


def test_it_refuses_a_post_without_csrf_token(db: None, client: Client) -> None:
    response = client.post("/en/verify/", {"certificate": "{}"})
    assert response.status_code == 403


def test_it_publishes_signed_key_and_revocation_lists(
    org: Organisation, client: Client
) -> None:
    # Before any staff session signed them: the public keys, marked unsigned.
    unsigned = json.loads(client.get("/keys.json").content)
    assert unsigned["signature"] is None
    assert unsigned["keys"][0]["key_id"] == org.key.key_id
    certificate_actions.do_publish_lists(actor=None, org=org.secrets)
    response = client.get("/keys.json")
    assert response["Content-Type"].startswith("application/json")
    keys = keys_from_list(json.loads(response.content))
    assert keys == {org.key.key_id: bytes(org.key.signing_public)}
    revocations = json.loads(client.get("/revocations.json").content)
    assert revoked_from_list(revocations, keys) == set()
    assert PublishedList.objects.count() == 2
