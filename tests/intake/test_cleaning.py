"""exiftool is the judge: cleaned copies, decrypted from storage, carry nothing
that identifies a person or a device. Fixtures are made here by the real tools."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from temoin.core import crypto
from temoin.intake import actions, queries
from temoin.intake.blobs import BlobWriter
from temoin.intake.cleaning.clean import clean_attachment
from temoin.intake.keys import (
    current_org_public,
    original_recipients,
    process_cleaning_keypair,
)
from temoin.intake.models import Attachment, CleaningStatus, SubmissionSource
from temoin.intake.sniff import sniff
from temoin.intake.tasks import clean_attachment_task
from temoin.intake.uploads import EncryptedUpload
from tests.conftest import require_tool
from tests.intake import helpers

FORBIDDEN = (
    "gps",
    "serial",
    "author",
    "creator",
    "artist",
    "thumbnail",
    "previewimage",
    "make",
    "model",
    "software",
    "producer",
    "lastmodifiedby",
)
CANARIES = (
    "Ivan Petrov",
    "CAM-SERIAL-4242",
    "SecretWriter",
    "PhotoTool",
    "48.8566",
    "48 deg",
)


def store(path: Path) -> Attachment:
    """Submit ``path`` through the same pipeline as the web form."""
    process_cleaning_keypair()  # a worker is running
    org = current_org_public()
    data = path.read_bytes()
    writer = BlobWriter(original_recipients(org))
    writer.write(data)
    blob, info = writer.close()
    file_type = sniff(data[:4096])
    assert file_type is not None
    upload = EncryptedUpload(path.name, "", file_type, blob, info)
    submission = actions.do_submit_testimony(
        actions.NewTestimony(language="en", text="text"),
        [upload],
        org_public=org,
        witness=None,
        source=SubmissionSource.IMPORT,
    )
    return submission.attachments.get()


def judge(data: bytes, tmp_path: Path, extension: str) -> dict[str, object]:
    out = tmp_path / f"judged.{extension}"
    out.write_bytes(data)
    tool = require_tool("exiftool")
    result = subprocess.run(
        [tool, "-j", "-a", "-G1", "-ee", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    tags: dict[str, object] = json.loads(result.stdout)[0]
    bad = [
        name
        for name in tags
        if not name.startswith(("ExifTool:", "System:", "SourceFile"))
        and any(word in name.split(":")[-1].lower() for word in FORBIDDEN)
    ]
    assert not bad, {name: tags[name] for name in bad}
    text = json.dumps(tags, ensure_ascii=False)
    for canary in CANARIES:
        assert canary not in text
    return tags


def cleaned_copy(attachment: Attachment, keypair: crypto.KeyPair) -> bytes:
    attachment.refresh_from_db()
    assert attachment.cleaning_status == CleaningStatus.CLEANED, (
        attachment.cleaning_problem
    )
    return b"".join(queries.iter_cleaned_copy(attachment, keypair))


def _jpeg(tmp: Path) -> Path:
    return helpers.make_jpeg(tmp / "photo.jpg")


def _png(tmp: Path) -> Path:
    return helpers.make_png(tmp / "photo.png")


def _webp(tmp: Path) -> Path:
    return helpers.make_webp(tmp / "photo.webp")


def _heic(tmp: Path) -> Path:
    return helpers.make_heic(tmp / "photo.heic")


def _pdf(tmp: Path) -> Path:
    return helpers.make_pdf(tmp / "report.pdf", helpers.make_jpeg(tmp / "inner.jpg"))


def _docx(tmp: Path) -> Path:
    return helpers.make_docx(tmp / "report.docx", helpers.make_jpeg(tmp / "inner.jpg"))


def _mp4(tmp: Path) -> Path:
    return helpers.make_mp4(tmp / "film.mp4")


def _mp3(tmp: Path) -> Path:
    return helpers.make_mp3(tmp / "voice.mp3", helpers.make_jpeg(tmp / "cover.jpg"))


MAKERS: dict[str, Callable[[Path], Path]] = {
    "jpg": _jpeg,
    "png": _png,
    "webp": _webp,
    "heic": _heic,
    "pdf": _pdf,
    "docx": _docx,
    "mp4": _mp4,
    "mp3": _mp3,
}


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_it_removes_identifying_metadata(
    kind: str, org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    # Given a file whose metadata names a person, a device and a place
    original = MAKERS[kind](tmp_path)
    before = json.dumps(
        json.loads(helpers.exiftool("-j", "-a", "-G1", "-ee", str(original)))
    )
    assert "Ivan Petrov" in before or "48" in before
    attachment = store(original)
    # When the worker cleans it with its own in-memory key
    assert clean_attachment_task.call(attachment.pk) == CleaningStatus.CLEANED
    # Then the stored cleaned copy passes the judge, and the evidence is kept
    attachment.refresh_from_db()
    data = cleaned_copy(attachment, org_keypair)
    judge(data, tmp_path, attachment.cleaned_extension)
    metadata = queries.open_original_metadata(attachment, org_keypair)
    assert metadata is not None
    assert json.dumps(metadata) != "[]"


def test_it_keeps_the_original_byte_for_byte(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    original = helpers.make_jpeg(tmp_path / "photo.jpg")
    attachment = store(original)
    clean_attachment(attachment, process_cleaning_keypair())
    assert (
        b"".join(queries.iter_original(attachment, org_keypair))
        == original.read_bytes()
    )
    metadata = queries.open_original_metadata(attachment, org_keypair)
    assert metadata and metadata[0].get("ExifIFD:SerialNumber") == "CAM-SERIAL-4242"


def test_it_marks_a_decompression_bomb_not_cleaned(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path, settings: object
) -> None:
    settings.INTAKE_MAX_IMAGE_PIXELS = 1000  # type: ignore[attr-defined]
    path = tmp_path / "bomb.png"
    Image.new("1", (4000, 4000)).save(path, "PNG")
    attachment = store(path)
    assert clean_attachment(attachment, org_keypair) == CleaningStatus.NOT_CLEANED
    assert attachment.cleaning_problem == "bomb"
    assert not attachment.cleaned_blob


def test_it_marks_a_zip_bomb_not_cleaned(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (64 * 1024 * 1024))
    attachment = store(path)
    assert clean_attachment(attachment, org_keypair) == CleaningStatus.NOT_CLEANED
    assert attachment.cleaning_problem == "bomb"


def test_it_marks_a_package_it_cannot_unpack_not_cleaned(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    # Given a document whose member claims an encryption zipfile cannot undo
    path = tmp_path / "locked.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(path.read_bytes())
    # zipfile writes no encrypted member: set the flag in both headers by hand
    name = b"word/document.xml"
    local = data.find(b"PK\x03\x04\x14\x00\x00\x00", data.find(name) - 40)
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as check:
        assert check.getinfo("word/document.xml").flag_bits & 0x1
    attachment = store(path)
    assert clean_attachment(attachment, org_keypair) == CleaningStatus.NOT_CLEANED
    assert attachment.cleaning_problem == "damaged"


def test_it_marks_an_unknown_package_not_cleaned(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("a.txt", "hello")
    attachment = store(path)
    assert clean_attachment(attachment, org_keypair) == CleaningStatus.NOT_CLEANED
    assert attachment.cleaning_problem == "unsupported"
    with pytest.raises(FileNotFoundError):
        list(queries.iter_cleaned_copy(attachment, org_keypair))


def test_it_waits_for_a_key_holder_when_no_worker_key_opens_the_original(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path
) -> None:
    from temoin.intake.models import CleaningKey

    attachment = store(helpers.make_png(tmp_path / "photo.png"))
    # The worker restarted since the upload: its new key does not open it.
    import temoin.intake.keys as keys

    keys._cleaning_keypair = None
    CleaningKey.objects.all().delete()
    assert clean_attachment_task.call(attachment.pk) == "waiting"
    assert clean_attachment(attachment, org_keypair) == CleaningStatus.CLEANED


def test_it_destroys_an_original_by_crypto_shredding(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path, blob_dir: Path
) -> None:
    attachment = store(helpers.make_jpeg(tmp_path / "photo.jpg"))
    clean_attachment(attachment, org_keypair)
    blob = blob_dir / attachment.original_blob
    assert actions.do_request_original_destruction(attachment.submission) == 1
    assert [a.pk for a in queries.originals_to_destroy()] == [attachment.pk]
    actions.do_destroy_original(attachment)
    assert not blob.exists()
    assert attachment.original_destroyed
    with pytest.raises(crypto.ItemShredded):
        crypto.decrypt_record(
            bytes(attachment.original_sealed_key),
            org_keypair,
            context=b"temoin stream key v1",
        )
    with pytest.raises(FileNotFoundError):
        list(queries.iter_original(attachment, org_keypair))
    assert b"".join(queries.iter_cleaned_copy(attachment, org_keypair))
