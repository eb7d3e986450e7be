"""Hostile input: a clear page in the page's language, the right status, and
nothing stored (no record, no blob, no temporary file)."""

from __future__ import annotations

import io
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from temoin.intake.models import Attachment, Submission
from tests.conftest import RunningServer
from tests.intake.conftest import csrf_token
from tests.intake.test_submission import NEW, submit


def nothing_stored(blob_dir: Path) -> None:
    assert Submission.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not blob_dir.exists() or not any(blob_dir.iterdir())


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")
    return out.getvalue()


def test_it_refuses_an_oversized_file(
    org: object, client: Client, blob_dir: Path, settings: object
) -> None:
    settings.MAX_UPLOAD_BYTES = 100_000  # type: ignore[attr-defined]
    big = SimpleUploadedFile("film.mp4", b"\0\0\0\x18ftypmp42" + b"x" * 300_000)
    response = submit(client, [big])
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert "Файл слишком большой" in response.content.decode()  # type: ignore[attr-defined]
    nothing_stored(blob_dir)


def test_it_refuses_a_body_declared_too_large_before_reading_it(
    org: object, client: Client, blob_dir: Path, settings: object
) -> None:
    settings.MAX_UPLOAD_BYTES = 1000  # type: ignore[attr-defined]
    response = client.post(
        "/fr/testimony/new/",
        b"x",
        content_type="multipart/form-data; boundary=b",
        CONTENT_LENGTH="999999999",
    )
    assert response.status_code == 413
    assert "Un fichier est trop grand" in response.content.decode()
    nothing_stored(blob_dir)


def test_it_handles_a_file_by_its_real_type_whatever_its_name(
    org: object, client: Client, blob_dir: Path
) -> None:
    response = submit(
        client, [SimpleUploadedFile("photo.jpg", png_bytes(), "image/jpeg")]
    )
    assert response.status_code == 201  # type: ignore[attr-defined]
    assert Attachment.objects.get().family == "image"


def test_it_refuses_a_file_whose_real_type_is_not_accepted(
    org: object, client: Client, blob_dir: Path
) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\0" * 5000, "image/jpeg")
    response = submit(client, [fake])
    assert response.status_code == 415  # type: ignore[attr-defined]
    assert "Такой тип файла не принимается" in response.content.decode()  # type: ignore[attr-defined]
    nothing_stored(blob_dir)


def test_it_refuses_a_malformed_multipart_body(
    org: object, client: Client, blob_dir: Path
) -> None:
    csrf_token(client, NEW)
    response = client.post(
        "/uk/testimony/new/",
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.jpg"\r\n\r\n'
        + b"\xff\xd8\xff"
        + b"x" * 10_000,
        content_type="multipart/form-data; boundary=b",
    )
    assert response.status_code == 400
    assert "Форма надійшла не повністю" in response.content.decode()
    nothing_stored(blob_dir)


def test_it_refuses_a_forged_csrf_token_after_discarding_the_files(
    org: object, client: Client, blob_dir: Path
) -> None:
    csrf_token(client, NEW)
    response = client.post(
        NEW,
        {
            "csrfmiddlewaretoken": "forged" * 10,
            "q_testimony": "x",
            "q_consent": "none",
            "files": [SimpleUploadedFile("a.png", png_bytes())],
        },
    )
    assert response.status_code == 403
    assert "<h1>" in response.content.decode()
    nothing_stored(blob_dir)


def _multipart_head(boundary: str, token: str) -> bytes:
    return (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
        f"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="files"; filename="film.mp4"\r\nContent-Type: video/mp4\r\n\r\n'
    ).encode()


@pytest.mark.slow
def test_it_leaves_nothing_when_the_client_disconnects_mid_body(
    live_server_process: RunningServer,
) -> None:
    # Given the real gunicorn server and a valid form page
    url = urlsplit(live_server_process.url)
    host, port = url.hostname or "", url.port or 80
    sock = socket.create_connection((host, port))
    sock.sendall(f"GET /ru/testimony/new/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    page = b""
    while b"</html>" not in page:
        page += sock.recv(65536)
    sock.close()
    cookie = re.search(rb"csrftoken=([^;]+)", page)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert cookie and token
    blob_dir = live_server_process.data_dir / "blobs"
    before = set(blob_dir.iterdir()) if blob_dir.exists() else set()
    # When a client sends half of a 50 MB upload and disconnects
    boundary = "cutcutcut"
    head = _multipart_head(boundary, token.group(1).decode())
    declared = len(head) + 50_000_000
    sock = socket.create_connection((host, port))
    sock.sendall(
        (
            f"POST /ru/testimony/new/ HTTP/1.1\r\nHost: {host}\r\n"
            f"Cookie: csrftoken={cookie.group(1).decode()}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {declared}\r\nOrigin: http://{host}:{port}\r\n\r\n"
        ).encode()
        + head
        + b"\0\0\0\x18ftypmp42"
    )
    chunk = b"CANARY-CUT-UPLOAD" * 4096
    sent = 0
    while sent < 25_000_000:
        sock.sendall(chunk)
        sent += len(chunk)
    time.sleep(0.5)
    sock.close()
    # Then, once the server notices, no temporary or final blob remains
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        now = set(blob_dir.iterdir()) if blob_dir.exists() else set()
        if now == before:
            break
        time.sleep(0.2)
    assert now == before
    assert "Traceback" not in live_server_process.logs()
