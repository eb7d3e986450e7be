"""A witness in real Chromium with JavaScript disabled: testimony with files,
the codename receipt, coming back, reading a caseworker's reply, answering."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, RunningServer, process_env
from tests.intake import helpers

REPLY_SCRIPT = """
import sys, django
django.setup()
from temoin.intake.actions import do_post_staff_reply
from temoin.intake.keys import current_org_public
from temoin.intake.models import Submission
submission = Submission.objects.order_by("-id").first()
do_post_staff_reply(submission, sys.argv[1], org_public=current_org_public())
print(submission.attachments.count(), submission.messages.count())
"""


def staff_reply(server: RunningServer, text: str) -> str:
    """Post a caseworker's reply through the action, against the server's data."""
    env = process_env(server.data_dir, DJANGO_SETTINGS_MODULE="temoin.settings")
    result = subprocess.run(
        [sys.executable, "-c", REPLY_SCRIPT, text],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.slow
def test_it_takes_testimony_and_holds_a_conversation_without_javascript(
    browser: Any, live_server_process: RunningServer, tmp_path: Path
) -> None:
    # Given files that carry a location, a camera serial and an author
    jpeg = helpers.make_jpeg(tmp_path / "photo.jpg")
    pdf = helpers.make_pdf(tmp_path / "order.pdf")
    mp4 = helpers.make_mp4(tmp_path / "film.mp4")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    base = live_server_process.url
    # When the witness reads the explanation and fills in the questionnaire
    page.goto(f"{base}/ru/")
    page.click("a[href='/ru/testimony/']")
    assert "Риски" in page.content()
    page.click("text=Начать")
    page.fill("textarea[name=q_testimony]", "Я видел, как колонна шла к границе.")
    page.fill("input[name=q_branch]", "Сухопутные войска")
    page.check("input[name=q_consent][value=anonymised]")
    page.set_input_files("input[name=files]", [str(jpeg), str(pdf), str(mp4)])
    page.click("button[type=submit]")
    # Then the receipt shows the codename once
    assert "Ваше свидетельство получено" in page.content()
    codename = page.inner_text("#codename").strip()
    assert len(codename.split()) == 7
    assert staff_reply(live_server_process, "Спасибо. Где вы сейчас?") == "3 1"
    # When the witness comes back with the codename, in a new browser
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/ru/testimony/return/")
    page.fill("input[name=codename]", codename)
    page.click("button[type=submit]")
    # Then the caseworker's reply is there, and the witness can answer
    assert "Спасибо. Где вы сейчас?" in page.content()
    page.fill("textarea[name=text]", "В Казахстане, в безопасности.")
    page.click("form[action$='reply/'] button[type=submit]")
    assert "В Казахстане, в безопасности." in page.content()
    page.screenshot(path=str(tmp_path / "conversation.png"), full_page=True)
    # And leaving ends the session
    page.click("text=Выйти")
    page.goto(f"{base}/ru/testimony/conversation/")
    assert "/testimony/return/" in page.url
    context.close()
