"""`temoin worker` as a real process: it takes the cleaning task that a real
upload to `temoin serve` queued, and cleans the file."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from tests.conftest import (
    REPO,
    TEMOIN,
    process_env,
    run_temoin,
    start_server,
    stop_server,
)
from tests.intake.test_seized_server import Browser, multipart

STATUS_SCRIPT = (
    "import django;django.setup()\n"
    "from temoin.intake.models import Attachment\n"
    "print(','.join(a.cleaning_status for a in Attachment.objects.order_by('id')))\n"
)


def attachment_statuses(env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", STATUS_SCRIPT],
        env={**env, "DJANGO_SETTINGS_MODULE": "temoin.settings"},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [status for status in result.stdout.strip().split(",") if status]


def a_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (120, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def test_it_cleans_an_upload_in_the_background(
    tmp_path: Path, process_database: dict[str, str]
) -> None:
    data_dir = tmp_path / "data"
    env = process_env(data_dir, **process_database)
    assert run_temoin("init", env=env).returncode == 0
    # Given a running worker (it registers its in-memory cleaning key first)
    worker_log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [TEMOIN, "worker"], env=env, cwd=REPO, stdout=worker_log, stderr=worker_log
    )
    server = start_server(
        data_dir,
        tmp_path / "server.log",
        extra_env={"TEMOIN_DEVELOPMENT": "1", **process_database},
    )
    try:
        deadline = time.monotonic() + 60
        while "cleaning key" not in _worker_ready(env) and time.monotonic() < deadline:
            time.sleep(0.5)
        # When a witness sends a testimony with a photo
        web = Browser(server.url)
        token = web.token("/ru/testimony/new/")
        body, content_type = multipart(
            {
                "csrfmiddlewaretoken": token,
                "q_testimony": "Тест фоновой очистки.",
                "q_consent": "none",
            },
            {"files": ("photo.jpg", a_photo())},
        )
        web.post("/ru/testimony/new/", body, content_type)
        assert attachment_statuses(env) != []
        # Then the worker cleans it, without the organisation's key
        deadline = time.monotonic() + 90
        while attachment_statuses(env) != ["cleaned"]:
            assert time.monotonic() < deadline, attachment_statuses(env)
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            time.sleep(0.5)
        # and it was the worker's doing: its log names the task it ran
        assert "clean_attachment_task" in (tmp_path / "worker.log").read_text()
    finally:
        stop_server(server)
        worker.terminate()
        worker.wait(timeout=30)


def _worker_ready(env: dict[str, str]) -> str:
    script = (
        "import django;django.setup()\n"
        "from temoin.intake.models import CleaningKey\n"
        "print('cleaning key' if CleaningKey.objects.exists() else 'none')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "temoin.settings"},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
