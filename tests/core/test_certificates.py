"""Certificates: every kind of tampering is caught with the right reason, a
reformatted copy stays valid, and the PDF renders."""

from __future__ import annotations

import base64
import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from temoin.core import crypto
from temoin.core.certificate_pdf import FontMissing, render_certificate_pdf
from temoin.core.certificates import (
    Status,
    build_certificate,
    build_key_list,
    build_revocation_list,
    fingerprint,
    keys_from_list,
    revoked_from_list,
    verify_certificate,
)
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def org() -> crypto.OrgSecretKeys:
    return crypto.generate_org_keys()


@pytest.fixture(scope="module")
def trusted(org: crypto.OrgSecretKeys) -> dict[str, bytes]:
    public = org.public()
    return {public.key_id: public.signing}


def _certificate(org: crypto.OrgSecretKeys, language: str = "ru") -> dict[str, Any]:
    document = build_certificate(
        organisation="Идите лесом / Go by the Forest",
        key_id=org.public().key_id,
        verdict="verified",
        statements=[
            "Служил в в/ч 12345 (64-я бригада) с марта по май 2023 года.",
            "Покинул армию в сентябре 2023 года через Грузию.",
        ],
        evidence=["interview", "military_documents", "corroborating_testimony"],
        subject={"full_name": "Иван Петрович Сидоров", "date_of_birth": "1994-02-11"},
        verifiers=2,
        language=language,
    )
    return crypto.sign_document(document, org)


def test_it_verifies_a_genuine_certificate(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    signed = _certificate(org)
    result = verify_certificate(json.dumps(signed), trusted)
    assert result.status is Status.VALID, result.reason
    assert result.document is not None
    assert result.document["subject"]["full_name"] == "Иван Петрович Сидоров"
    assert result.fingerprint == fingerprint(signed)


def test_it_ignores_white_space_and_key_order(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    signed = _certificate(org)
    pretty = json.dumps(signed, indent=4, ensure_ascii=True)
    reordered = {
        "signature": dict(reversed(list(signed["signature"].items()))),
        "document": dict(reversed(list(signed["document"].items()))),
    }
    shuffled = "\n\n  " + json.dumps(reordered, separators=(" ,  ", " :\t")) + "\r\n"
    for text in (pretty, shuffled):
        result = verify_certificate(text, trusted)
        assert result.status is Status.VALID, result.reason
        assert result.fingerprint == fingerprint(signed)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["document"]["subject"].update(full_name="Пётр Иванов"),
        lambda d: d["document"].update(verdict="verified!"),
        lambda d: d["document"]["statements"].append("Был генералом."),
        lambda d: d["document"].update(valid_until="2099-01-01"),
        lambda d: d["document"]["evidence"].pop(),
        lambda d: d["document"].update(verifiers=3),
        lambda d: d.update(note="added outside the signed part"),
        lambda d: d["signature"].update(
            value=base64.b64encode(bytes(64)).decode("ascii")
        ),
    ],
    ids=[
        "changed-name",
        "changed-verdict",
        "added-statement",
        "added-field",
        "removed-evidence",
        "changed-number",
        "added-top-level",
        "zeroed-signature",
    ],
)
def test_it_reports_tampering(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes], change: Any
) -> None:
    signed = copy.deepcopy(_certificate(org))
    change(signed)
    result = verify_certificate(json.dumps(signed, ensure_ascii=False), trusted)
    assert result.status is Status.TAMPERED


def test_it_reports_a_signature_from_another_key(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    forger = crypto.generate_org_keys()
    # Signed with the forger's own key id: not a published key.
    forged = crypto.sign_document(_certificate(org)["document"], forger)
    assert verify_certificate(json.dumps(forged), trusted).status is Status.UNKNOWN_KEY
    # Signed by the forger but claiming the organisation's key id: tampered.
    forged["signature"]["key_id"] = org.public().key_id
    assert verify_certificate(json.dumps(forged), trusted).status is Status.TAMPERED


def test_it_reports_a_revoked_certificate(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    signed = _certificate(org)
    revoked = {signed["document"]["id"]}
    assert verify_certificate(json.dumps(signed), trusted, revoked).status is (
        Status.REVOKED
    )
    # Revoking one certificate leaves the others valid.
    other = _certificate(org)
    assert verify_certificate(json.dumps(other), trusted, revoked).is_valid


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "{",
        "[]",
        '"a string"',
        '{"document": {}}',
        '{"document": 1, "signature": 2}',
        '{"document": {"a": NaN}, "signature": {}}',
        '{"document": {}, "document": {}, "signature": {}}',
        b"\xff\xfe\x00",
        "x" * (64 * 1024 + 1),
    ],
)
def test_it_reports_malformed_input(
    trusted: dict[str, bytes], text: str | bytes
) -> None:
    assert verify_certificate(text, trusted).status is Status.MALFORMED


def test_it_reports_a_duplicated_key_as_malformed(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    # A second "verdict" could be read by another parser: refuse it outright.
    text = json.dumps(_certificate(org), ensure_ascii=False)
    sneaky = text.replace(
        '"verdict": "verified"', '"verdict": "verified", "verdict": "x"'
    )
    assert sneaky != text
    assert verify_certificate(sneaky, trusted).status is Status.MALFORMED


def test_it_reports_a_signed_document_that_is_not_a_certificate(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    other = crypto.sign_document({"type": "something else"}, org)
    assert verify_certificate(json.dumps(other), trusted).status is Status.MALFORMED


def test_it_refuses_certificates_without_two_verifiers(
    org: crypto.OrgSecretKeys,
) -> None:
    with pytest.raises(ValueError):
        build_certificate(
            organisation="x",
            key_id="k",
            verdict="verified",
            statements=[],
            evidence=["interview"],
            subject={},
            verifiers=1,
            language="en",
        )
    with pytest.raises(ValueError):
        build_certificate(
            organisation="x",
            key_id="k",
            verdict="verified",
            statements=[],
            evidence=["rumours"],
            subject={},
            verifiers=2,
            language="en",
        )


def test_it_publishes_self_signed_key_and_revocation_lists(
    org: crypto.OrgSecretKeys, trusted: dict[str, bytes]
) -> None:
    public = org.public()
    keys = crypto.sign_document(
        build_key_list(
            "Org",
            [(public.key_id, public.signing, public.encryption, "2026-01-01", True)],
        ),
        org,
    )
    assert keys_from_list(json.loads(json.dumps(keys))) == trusted
    revocations = crypto.sign_document(
        build_revocation_list("Org", [("abc", "2026-02-01T00:00:00Z")]), org
    )
    assert revoked_from_list(revocations, trusted) == {"abc"}
    keys["document"]["keys"][0]["current"] = False
    with pytest.raises(crypto.TamperedData):
        keys_from_list(keys)


def test_it_renders_a_pdf_with_a_qr_code(
    org: crypto.OrgSecretKeys, tmp_path: Path
) -> None:
    pdftoppm = require_tool("pdftoppm")
    signed = _certificate(org, language="uk")
    pdf = render_certificate_pdf(signed, labels={"verified": "Перевірено"})
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.width * image.height  # text and QR code, not blank
    text = subprocess.run(
        [require_tool("pdftotext"), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "Сертифікат перевірки" in text
    assert "Иван Петрович Сидоров" in text
    assert fingerprint(signed)[:32] in text


def test_it_says_clearly_when_fonts_are_missing(
    org: crypto.OrgSecretKeys, tmp_path: Path
) -> None:
    with pytest.raises(FontMissing):
        render_certificate_pdf(_certificate(org), font_dir=tmp_path)
