"""The certificate PDF prints evidence categories and identity fields as
words in the certificate's language, never as codes (read with pdftotext)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from temoin.core import crypto
from temoin.core.certificate_pdf import render_certificate_pdf
from temoin.core.certificates import build_certificate
from tests.cases.conftest import Organisation

EXPECTED = {
    "en": ["Military documents", "Interview with the person", "Full name:", "Unit:"],
    "fr": ["Documents militaires", "Entretien avec la personne", "Nom complet"],
    "ru": ["Военные документы", "Беседа с человеком", "Полное имя:", "Звание:"],
    "uk": ["Військові документи", "Розмова з людиною", "Повне ім'я:", "Звання:"],
}
CODES = ["military_documents", "interview", "full_name", "date_of_birth"]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("language", ["en", "fr", "ru", "uk"])
def test_it_prints_human_labels_in_the_certificates_language(
    org: Organisation, tmp_path: Path, language: str
) -> None:
    document = build_certificate(
        organisation="Témoin",
        key_id=org.public.key_id,
        verdict="verified",
        statements=["Served in unit 12345."],
        evidence=["military_documents", "interview"],
        subject={
            "full_name": "Ivan Sidorov",
            "date_of_birth": "1994-05-02",
            "rank": "sergeant",
            "unit": "12345",
        },
        verifiers=2,
        language=language,
    )
    text = pdf_text(
        render_certificate_pdf(crypto.sign_document(document, org.secrets)), tmp_path
    )
    fixed = text.replace("’", "'")
    for label in EXPECTED[language]:
        assert label in fixed, (label, text)
    for code in CODES:
        assert code not in text
    assert "Ivan Sidorov" in text
