"""The certificate as a PDF for people: what was verified, by whom, when, and a
QR code of the signed document's SHA-256 fingerprint.

The PDF is a convenience, not the proof: the signed JSON is the proof. It is
embedded in the PDF as an attachment (``certificate.json``) and its
fingerprint is printed and drawn as a QR code, so that a reader can check that
the JSON they verify is the one this page describes.

Text is set in DejaVu Sans (Debian's ``fonts-dejavu-core``), which covers
Cyrillic and French accents.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import segno
from fpdf import FPDF

from temoin.core.certificates import fingerprint
from temoin.core.crypto import canonical_json

__all__ = ["FONT_DIR", "FontMissing", "render_certificate_pdf"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_REGULAR, _BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Verification certificate",
        "issuer": "Issued by",
        "id": "Certificate",
        "issued_at": "Issued on",
        "verdict": "Verdict",
        "statements": "What was verified",
        "evidence": "Evidence examined",
        "subject": "Identity details disclosed by the person",
        "verifiers": "Signed off by verifiers",
        "fingerprint": "SHA-256 of the signed document",
        "how": (
            "This page describes a signed electronic certificate (certificate.json, "
            "attached to this PDF). Check it on the organisation's public verify page "
            "or with `temoin certificate verify`; the fingerprint above must match."
        ),
    },
    "fr": {
        "title": "Certificat de vérification",
        "issuer": "Délivré par",
        "id": "Certificat",
        "issued_at": "Délivré le",
        "verdict": "Conclusion",
        "statements": "Ce qui a été vérifié",
        "evidence": "Éléments examinés",
        "subject": "Identité communiquée par la personne",
        "verifiers": "Validé par des vérificateurs",
        "fingerprint": "SHA-256 du document signé",
        "how": (
            "Cette page décrit un certificat électronique signé (certificate.json, "
            "joint à ce PDF). Vérifiez-le sur la page publique de vérification de "
            "l'organisation ou avec `temoin certificate verify` ; l'empreinte "
            "ci-dessus doit correspondre."
        ),
    },
    "ru": {
        "title": "Сертификат проверки",
        "issuer": "Выдан",
        "id": "Сертификат",
        "issued_at": "Дата выдачи",
        "verdict": "Заключение",
        "statements": "Что проверено",
        "evidence": "Изученные доказательства",
        "subject": "Личные данные, раскрытые по желанию человека",
        "verifiers": "Подписали проверяющие",
        "fingerprint": "SHA-256 подписанного документа",
        "how": (
            "Эта страница описывает подписанный электронный сертификат "
            "(certificate.json, вложен в этот PDF). Проверьте его на публичной "
            "странице проверки организации или командой `temoin certificate "
            "verify`; отпечаток выше должен совпасть."
        ),
    },
    "uk": {
        "title": "Сертифікат перевірки",
        "issuer": "Видано",
        "id": "Сертифікат",
        "issued_at": "Дата видачі",
        "verdict": "Висновок",
        "statements": "Що перевірено",
        "evidence": "Досліджені докази",
        "subject": "Особисті дані, розкриті за бажанням людини",
        "verifiers": "Підписали перевіряльники",
        "fingerprint": "SHA-256 підписаного документа",
        "how": (
            "Ця сторінка описує підписаний електронний сертифікат "
            "(certificate.json, вкладено в цей PDF). Перевірте його на публічній "
            "сторінці перевірки організації або командою `temoin certificate "
            "verify`; відбиток вище має збігатися."
        ),
    },
}

# Evidence categories, identity fields and verdicts in each certificate
# language: the page prints these, never the codes of the signed JSON.
_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "interview": "Interview with the person",
        "military_documents": "Military documents",
        "identity_documents": "Identity documents",
        "photos_videos": "Photos and videos",
        "corroborating_testimony": "Corroborating testimony",
        "open_sources": "Open sources",
        "third_party": "Statements by third parties",
        "full_name": "Full name",
        "date_of_birth": "Date of birth",
        "place_of_birth": "Place of birth",
        "nationality": "Nationality",
        "document_number": "Document number",
        "rank": "Rank",
        "unit": "Unit",
        "service_period": "Period of service",
        "departure": "Departure",
        "verified": "Verified",
    },
    "fr": {
        "interview": "Entretien avec la personne",
        "military_documents": "Documents militaires",
        "identity_documents": "Documents d'identité",
        "photos_videos": "Photos et vidéos",
        "corroborating_testimony": "Témoignages concordants",
        "open_sources": "Sources ouvertes",
        "third_party": "Déclarations de tiers",
        "full_name": "Nom complet",
        "date_of_birth": "Date de naissance",
        "place_of_birth": "Lieu de naissance",
        "nationality": "Nationalité",
        "document_number": "Numéro de document",
        "rank": "Grade",
        "unit": "Unité",
        "service_period": "Période de service",
        "departure": "Départ",
        "verified": "Vérifié",
    },
    "ru": {
        "interview": "Беседа с человеком",
        "military_documents": "Военные документы",
        "identity_documents": "Документы, удостоверяющие личность",
        "photos_videos": "Фото и видео",
        "corroborating_testimony": "Подтверждающие свидетельства",
        "open_sources": "Открытые источники",
        "third_party": "Показания третьих лиц",
        "full_name": "Полное имя",
        "date_of_birth": "Дата рождения",
        "place_of_birth": "Место рождения",
        "nationality": "Гражданство",
        "document_number": "Номер документа",
        "rank": "Звание",
        "unit": "Воинская часть",
        "service_period": "Период службы",
        "departure": "Уход",
        "verified": "Проверено",
    },
    "uk": {
        "interview": "Розмова з людиною",
        "military_documents": "Військові документи",
        "identity_documents": "Документи, що посвідчують особу",
        "photos_videos": "Фото та відео",
        "corroborating_testimony": "Підтвердні свідчення",
        "open_sources": "Відкриті джерела",
        "third_party": "Свідчення третіх осіб",
        "full_name": "Повне ім'я",
        "date_of_birth": "Дата народження",
        "place_of_birth": "Місце народження",
        "nationality": "Громадянство",
        "document_number": "Номер документа",
        "rank": "Звання",
        "unit": "Військова частина",
        "service_period": "Період служби",
        "departure": "Вихід",
        "verified": "Перевірено",
    },
}


class FontMissing(RuntimeError):
    """The DejaVu fonts are not installed (Debian: fonts-dejavu-core)."""


def _fonts(font_dir: Path) -> tuple[Path, Path]:
    regular, bold = font_dir / _REGULAR, font_dir / _BOLD
    if not regular.is_file() or not bold.is_file():
        raise FontMissing(
            f"DejaVu fonts not found in {font_dir}: install fonts-dejavu-core."
        )
    return regular, bold


def _qr_png(text: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def render_certificate_pdf(
    signed: Mapping[str, Any],
    *,
    labels: Mapping[str, str] | None = None,
    font_dir: Path = FONT_DIR,
) -> bytes:
    """Render a signed certificate as a one-page A4 PDF (bytes).

    The page is in the certificate's language, evidence categories, identity
    fields and the verdict included (:data:`_NAMES`); ``labels`` may name
    codes those tables do not know.
    """
    document = signed["document"]
    language = str(document.get("language", "en"))
    text = _LABELS.get(language, _LABELS["en"])
    names = {**dict(labels or {}), **_NAMES.get(language, _NAMES["en"])}
    regular, bold = _fonts(font_dir)
    digest = fingerprint(signed)

    pdf = FPDF(format="A4")
    pdf.set_creator("temoin")
    pdf.set_title(text["title"])
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(width, 10, text["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    issuer = document.get("issuer", {})

    def row(label: str, value: str) -> None:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(55, 7, label)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(width - 55, 7, value, new_x="LMARGIN", new_y="NEXT")

    row(text["issuer"], str(issuer.get("organisation", "")))
    row(text["id"], str(document.get("id", "")))
    row(text["issued_at"], str(document.get("issued_at", "")))
    verdict = str(document.get("verdict", ""))
    row(text["verdict"], names.get(verdict, verdict))
    row(text["verifiers"], str(document.get("verifiers", "")))

    def section(title: str, lines: list[str]) -> None:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(width, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        for line in lines:
            pdf.multi_cell(width, 6, f"• {line}", new_x="LMARGIN", new_y="NEXT")

    section(text["statements"], [str(s) for s in document.get("statements", [])])
    section(
        text["evidence"],
        [names.get(str(c), str(c)) for c in document.get("evidence", [])],
    )
    subject = document.get("subject", {})
    section(text["subject"], [f"{names.get(k, k)}: {v}" for k, v in subject.items()])

    pdf.ln(4)
    top = pdf.get_y()
    pdf.image(_qr_png(digest), x=pdf.l_margin, y=top, w=42, h=42)
    pdf.set_xy(pdf.l_margin + 48, top)
    pdf.set_font("DejaVu", "B", 10)
    pdf.multi_cell(width - 48, 6, text["fingerprint"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 48)
    pdf.set_font("Courier", "", 9)
    pdf.multi_cell(
        width - 48, 5, f"{digest[:32]}\n{digest[32:]}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_x(pdf.l_margin + 48)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(width - 48, 4.5, text["how"], new_x="LMARGIN", new_y="NEXT")

    pdf.embed_file(
        basename="certificate.json",
        bytes=canonical_json(dict(signed)),
        desc="Signed certificate",
    )
    return bytes(pdf.output())
