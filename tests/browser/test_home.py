"""The home page in every language, in real Chromium: nothing leaves
127.0.0.0/8 and the Content-Security-Policy is never violated."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import RunningServer

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.parametrize("code", ["ru", "uk", "fr", "en"])
def test_it_renders_the_home_page_with_only_local_requests(
    browser: Any, live_server_process: RunningServer, code: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requested: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )
    # When the home page is loaded in this language
    response = page.goto(f"{live_server_process.url}/{code}/")
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{code}.png"), full_page=True)
    # Then the page is in that language and styled by our own stylesheet
    assert page.locator("html").get_attribute("lang") == code
    assert any(url.endswith("/static/temoin/temoin.css") for url in requested)
    # and no request left the loopback addresses, and nothing was blocked
    for url in requested:
        assert urlsplit(url).hostname == urlsplit(live_server_process.url).hostname, url
    assert problems == []
    context.close()


def test_it_switches_language_by_plain_links(
    browser: Any, live_server_process: RunningServer
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server_process.url}/")
    assert page.url.endswith("/ru/")
    page.get_by_role("link", name="Français").click()
    assert page.url.endswith("/fr/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Témoignages")
    context.close()
