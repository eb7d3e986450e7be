"""The verifier's page speaks the verifier's language: checklist items,
statuses, evidence categories and claims in words, never as raw codes
(the form values still carry the codes)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.cases.conftest import MakeTestimony, logged_in_client
from tests.verification.conftest import Verifiers

TEXT = "Служил в в/ч 12345 (64-я бригада) под Бахмутом с марта по май 2023 года."
RAW_CODES = ("military_documents", "corroborating_testimony", "not_checked", "code=")


def _visible_text(html: str) -> str:
    """The text a reader sees: no tags, so no attribute values."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        (
            "ru",
            (
                "в/ч 12345",
                "64-я бригада",
                "Бахмут",
                "Не проверено",
                "Военные документы",
                "Личность",
            ),
        ),
        (
            "fr",
            (
                "unité militaire 12345",
                "64e brigade",
                "Non vérifié",
                "Documents militaires",
                "Identité",
            ),
        ),
    ],
)
def test_it_shows_human_labels_not_codes_on_the_staff_page(
    make_testimony: MakeTestimony,
    verifiers: Verifiers,
    language: str,
    labels: tuple[str, ...],
) -> None:
    case = make_testimony(TEXT).case
    boris = logged_in_client(verifiers.boris)
    url = f"/{language}/staff/verification/{case.pk}/"
    # Given a recorded claim and a saved checklist item
    boris.post(f"{url}claims/", {"suggestion": ["0"]})
    boris.post(
        f"{url}checklist/",
        {"unit-status": "confirmed", "unit-evidence": ["military_documents"]},
    )
    page = boris.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    text = _visible_text(html)
    for wanted in labels:
        assert wanted in text, wanted
    for code in RAW_CODES:
        assert code not in text, code
    # the codes stay the submitted values, and every input has its label
    assert 'value="military_documents"' in html
    assert 'value="not_checked"' in html
    for input_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id
    assert html.count('<fieldset class="checklist-item"') == 6
