"""The public frame: languages, security headers, friendly errors."""

from __future__ import annotations

import pytest
from django.test import Client

LANGUAGE_SAMPLES = {
    "ru": "Свидетельства тех, кто отказывается воевать",
    "uk": "Свідчення тих, хто відмовляється воювати",
    "fr": "Témoignages de celles et ceux qui refusent de combattre",
    "en": "Testimony of those who refuse to fight",
}


@pytest.fixture
def client() -> Client:
    return Client()


def test_it_sends_witnesses_to_russian_whatever_the_browser_says(
    client: Client,
) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize("code", sorted(LANGUAGE_SAMPLES))
def test_it_shows_the_home_page_in_each_language(client: Client, code: str) -> None:
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert LANGUAGE_SAMPLES[code] in html


def test_it_links_to_every_language_without_javascript(client: Client) -> None:
    html = client.get("/fr/").content.decode()
    for code in LANGUAGE_SAMPLES:
        assert f'href="/{code}/"' in html
    assert "<script" not in html


def test_it_sets_strict_headers(client: Client) -> None:
    response = client.get("/ru/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "form-action 'self'" in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_it_shows_a_friendly_404_in_the_page_language(client: Client) -> None:
    response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Traceback" not in html


def test_it_accepts_csp_reports_and_rejects_other_methods(client: Client) -> None:
    assert (
        client.post(
            "/csp-report/", b"{}", content_type="application/csp-report"
        ).status_code
        == 204
    )
    assert client.get("/csp-report/").status_code == 405


def test_it_forgets_the_client_address_before_any_view_runs() -> None:
    from django.http import HttpRequest, HttpResponse

    from temoin.web.middleware import forget_client_middleware

    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen.update({k: str(v) for k, v in request.META.items()})
        return HttpResponse()

    request = HttpRequest()
    request.META.update(
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Phone",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    forget_client_middleware(view)(request)
    assert "203.0.113.9" not in seen.values()
    assert "HTTP_USER_AGENT" not in seen


def test_it_answers_a_failed_csrf_check_with_a_clear_page() -> None:
    from django.test import RequestFactory

    from temoin.web.views import csrf_failure

    page = csrf_failure(RequestFactory().post("/ru/"), reason="forged")
    assert page.status_code == 403
    assert "Traceback" not in page.content.decode()
