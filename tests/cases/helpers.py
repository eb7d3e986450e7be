"""Attachments for the staff-side tests: real encrypted blobs, really cleaned."""

from __future__ import annotations

import io

from PIL import Image

from temoin.core import codenames, crypto
from temoin.intake import actions as intake_actions
from temoin.intake import blobs, keys, sniff
from temoin.intake.uploads import EncryptedUpload
from temoin.intake.witnesses import Witness
from tests.cases.conftest import Organisation, StoredTestimony

TEXT = "Служил в в/ч 55443 под Бахмутом, ушёл в марте."


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(org: Organisation, name: str, data: bytes) -> EncryptedUpload:
    writer = blobs.BlobWriter(keys.original_recipients(org.public))
    writer.write(data)
    stored, info = writer.close()
    file_type = sniff.sniff(data[:64])
    assert file_type is not None
    return EncryptedUpload(name, "image/jpeg", file_type, stored, info)


def with_file(
    org: Organisation, name: str, data: bytes, text: str = TEXT
) -> StoredTestimony:
    secrets = codenames.derive_witness_secrets(
        codenames.generate_codename("ru"), b"0" * 16, crypto.KDF_TEST
    )
    submission = intake_actions.do_submit_testimony(
        intake_actions.NewTestimony(language="ru", text=text),
        [upload(org, name, data)],
        org_public=org.public,
        witness=secrets,
    )
    return StoredTestimony(submission, Witness(submission, secrets.keypair))
