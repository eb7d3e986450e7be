"""A seized server: after testimony with canaries arrived by every path (web
text, answers, files, messages; import), no canary is readable anywhere on
disk: database, blobs, temporary directories, logs."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from tests.conftest import (
    REPO,
    RunningServer,
    process_env,
    require_tool,
    run_temoin,
    start_server,
    stop_server,
)

CANARY = "CANARY" + uuid.uuid4().hex[:12]


def canary_png(tag: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"{CANARY}-{tag}")
    out = io.BytesIO()
    Image.new("RGB", (16, 16)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes]]
) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path) as response:
            return str(response.read().decode())

    def token(self, path: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path))
        assert match
        return match.group(1)

    def post(self, path: str, body: bytes, content_type: str) -> str:
        request = urllib.request.Request(  # noqa: S310 — http to 127.0.0.x
            self.base + path,
            data=body,
            headers={"Content-Type": content_type, "Origin": self.base},
        )
        with self.opener.open(request) as response:  # noqa: S310 — http to 127.0.0.x
            return str(response.read().decode())


def scan(paths: list[Path]) -> list[str]:
    needle = CANARY.encode()
    hits = []
    for root in paths:
        if not root.exists():
            continue
        for dirpath, _, filenames in os.walk(root):
            for filename in filenames:
                path = Path(dirpath) / filename
                try:
                    if path.is_symlink() or not path.is_file():
                        continue
                    if needle in path.read_bytes():
                        hits.append(str(path))
                except OSError:
                    continue
    return hits


@pytest.fixture
def seized_server(
    tmp_path: Path, process_database: dict[str, str]
) -> Iterator[RunningServer]:
    """A real server on the database of this run (SQLite, or PostgreSQL on
    the PostgreSQL run), initialised for this test alone."""
    data_dir = tmp_path / "data"
    initialised = run_temoin("init", env=process_env(data_dir, **process_database))
    assert initialised.returncode == 0, initialised.stderr
    server = start_server(
        data_dir,
        tmp_path / "server.log",
        extra_env={"TEMOIN_DEVELOPMENT": "1", **process_database},
    )
    server.database_env = process_database
    try:
        yield server
    finally:
        stop_server(server)


def postgres_files_and_dump(url: str) -> tuple[list[Path], bytes]:
    """What a seized PostgreSQL server gives away: its data directory (tables,
    write-ahead log) and a logical dump of the database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CHECKPOINT")
        row = connection.execute("SHOW data_directory").fetchone()
    assert row is not None
    dump = subprocess.run(
        [require_tool("pg_dump"), "--no-owner", url],
        capture_output=True,
        check=True,
    ).stdout
    assert b"CREATE TABLE" in dump  # the dump really holds the database
    return [Path(str(row[0]))], dump


@pytest.mark.slow
def test_it_leaves_no_canary_readable_on_a_seized_server(
    seized_server: RunningServer,
) -> None:
    server = seized_server
    database_env = server.database_env
    web = Browser(server.url)
    # Given testimony with canaries in the text, the answers and a file
    token = web.token("/ru/testimony/new/")
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": token,
            "q_testimony": f"{CANARY}-text",
            "q_unit": f"{CANARY}-answer",
            "q_consent": "none",
            "text": f"{CANARY}-free",
        },
        {"files": ("photo.png", canary_png("web-file"))},
    )
    receipt = web.post("/ru/testimony/new/", body, content_type)
    codename = re.search(r'id="codename">([^<]+)<', receipt)
    assert codename
    # and a caseworker's message and the witness's answer with a file
    env = process_env(
        server.data_dir, DJANGO_SETTINGS_MODULE="temoin.settings", **database_env
    )
    script = (
        "import django,sys;django.setup()\n"
        "from temoin.intake.actions import do_post_staff_reply\n"
        "from temoin.intake.keys import current_org_public\n"
        "from temoin.intake.models import Submission\n"
        "s=Submission.objects.order_by('-id').first()\n"
        "do_post_staff_reply(s, sys.argv[1], org_public=current_org_public())\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, f"{CANARY}-staff"],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    witness = Browser(server.url)
    token = witness.token("/ru/testimony/return/")
    witness.post(
        "/ru/testimony/return/",
        urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "codename": codename.group(1)}
        ).encode(),
        "application/x-www-form-urlencoded",
    )
    token = witness.token("/ru/testimony/conversation/")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token, "text": f"{CANARY}-reply"},
        {"files": ("more.png", canary_png("reply-file"))},
    )
    page = witness.post("/ru/testimony/conversation/reply/", body, content_type)
    assert f"{CANARY}-staff" in page and f"{CANARY}-reply" in page
    # and an import, whose source the operator then removes
    source = Path(tempfile.mkdtemp(prefix="import-source-"))
    (source / "photo.png").write_bytes(canary_png("import-file"))
    (source / "in.jsonl").write_text(
        json.dumps(
            {
                "text": f"{CANARY}-import",
                "answers": {"unit": f"{CANARY}-import-answer"},
                "attachments": ["photo.png"],
            }
        )
        + "\n"
    )
    result = run_temoin(
        "import",
        str(source / "in.jsonl"),
        "--no-progress",
        env=process_env(server.data_dir, **database_env),
    )
    assert result.returncode == 0, result.stderr
    assert "files cleaned 1" in result.stdout
    shutil.rmtree(source)
    # When the server is seized (stopped, its disk imaged)
    server.process.terminate()
    server.process.wait(timeout=30)
    logs = server.logs() + result.stdout + result.stderr
    # Then no canary is found in the data directory, temporary directories or logs
    places = [
        server.data_dir,
        Path("/tmp"),  # noqa: S108 — scanning it is the point
        Path("/dev/shm"),  # noqa: S108
        Path(tempfile.gettempdir()),
    ]
    if os.environ.get("TMPDIR"):
        places.append(Path(os.environ["TMPDIR"]))
    if database_env:
        database_files, dump = postgres_files_and_dump(
            database_env["TEMOIN_DATABASE_URL"]
        )
        places += database_files
        assert CANARY.encode() not in dump
    assert scan(places) == []
    assert CANARY not in logs
