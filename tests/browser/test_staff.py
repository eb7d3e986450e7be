"""The staff side in real Chromium, without JavaScript, against the real
server: an admin's first login (new password, authenticator), a new
caseworker who can read nothing, then a grant that gives them the keys."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django_otp.oath import hotp

from tests.conftest import (
    RunningServer,
    process_env,
    run_temoin,
    start_server,
    stop_server,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
STEP = 30


class Authenticator:
    """A phone's authenticator app: codes from the secret, each used once."""

    def __init__(self, secret_text: str) -> None:
        text = secret_text.replace(" ", "")
        self.key = b32decode(text + "=" * (-len(text) % 8))
        self.last_step = -1

    def code(self) -> str:
        while True:
            now = int(time.time()) // STEP
            for step in (now, now + 1):  # the server accepts one step ahead
                if step > self.last_step:
                    self.last_step = step
                    return f"{hotp(self.key, step):06d}"
            time.sleep(1)


class StaffPages:
    """Page object for the staff pages of one browser."""

    def __init__(self, browser: Any, server: RunningServer, lang: str) -> None:
        self.context = browser.new_context(java_script_enabled=False)
        self.page = self.context.new_page()
        self.base = f"{server.url}/{lang}/staff/"
        self.lang = lang
        self.host = urlsplit(server.url).hostname
        self.problems: list[str] = []
        self.page.on("request", self._check_request)
        self.page.on("console", self._check_console)
        self.page.on("response", self._check_response)

    def _check_request(self, request: Any) -> None:
        if urlsplit(request.url).hostname != self.host:
            self.problems.append(f"request left the server: {request.url}")

    def _check_console(self, message: Any) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(message.text)

    def _check_response(self, response: Any) -> None:
        if response.status >= 500:
            self.problems.append(f"{response.status} for {response.url}")

    def path(self) -> str:
        return str(urlsplit(self.page.url).path)

    def submit(self, fields: dict[str, str]) -> None:
        form = self.page.locator("form.staff-form")
        for name, value in fields.items():
            form.locator(f'[name="{name}"]').fill(value)
        form.locator('button[type="submit"]').click()

    def log_in(self, name: str, password: str) -> None:
        self.page.goto(self.base)
        assert self.path().endswith("/staff/login/")
        self.submit({"username": name, "password": password})

    def change_password(self, old: str, new: str) -> None:
        assert self.path().endswith("/staff/password/")
        self.submit({"current": old, "new": new, "repeat": new})

    def enrol(self) -> Authenticator:
        assert self.path().endswith("/staff/two-factor/")
        self.page.wait_for_load_state("load")
        qr = self.page.locator("img.qr")
        # The QR code is our own SVG, allowed by the CSP (img-src 'self')
        assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
        self.screenshot(f"staff-enrol-{self.lang}")
        phone = Authenticator(self.page.locator("#totp-secret").inner_text())
        self.submit({"code": phone.code()})
        codes = self.page.locator("#recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        self.page.locator("a.button").click()
        return phone

    def keys_state(self) -> str:
        self.page.goto(self.base)
        state = self.page.locator("[data-keys]").get_attribute("data-keys")
        assert state is not None
        return str(state)

    def log_out(self) -> None:
        self.page.locator("nav.staff form.inline button").click()
        assert self.path().endswith("/staff/login/")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def fresh_server(tmp_path: Path) -> Any:
    data_dir = tmp_path / "data"
    init = run_temoin("init", "--admin", "maria", env=process_env(data_dir))
    assert init.returncode == 0, init.stderr
    password = re.search(r"One-time password: (\S+)", init.stdout)
    assert password
    server = start_server(
        data_dir, tmp_path / "server.log", extra_env={"TEMOIN_DEVELOPMENT": "1"}
    )
    try:
        yield server, password.group(1)
    finally:
        stop_server(server)


def test_it_takes_a_new_caseworker_from_nothing_to_the_keys(
    browser: Any, fresh_server: tuple[RunningServer, str]
) -> None:
    server, init_password = fresh_server
    admin = StaffPages(browser, server, "en")
    # Given the admin's first login: a new password, then an authenticator
    admin.log_in("maria", init_password)
    admin.change_password(init_password, "granite-orchard-whistle-5")
    admin_phone = admin.enrol()
    assert admin.path().endswith("/en/staff/")
    assert "Admin" in admin.page.locator("#roles").inner_text()
    assert admin.keys_state() == "held"
    # When she creates a caseworker account
    admin.page.locator('nav.staff a[href$="/staff/people/"]').click()
    admin.page.locator('a[href$="/staff/people/new/"]').click()
    form = admin.page.locator("form.staff-form")
    form.locator('[name="username"]').fill("anna")
    form.locator('input[value="caseworker"]').check()
    form.locator('button[type="submit"]').click()
    one_time = admin.page.locator("#one-time-password").inner_text().strip()
    assert one_time
    # Then the caseworker logs in (in Russian), changes her password, enrols
    anna = StaffPages(browser, server, "ru")
    anna.log_in("anna", one_time)
    anna.change_password(one_time, "birch-lantern-rivers-81")
    anna_phone = anna.enrol()
    assert "Куратор дел" in anna.page.locator("#roles").inner_text()
    # and sees that she cannot read yet
    assert anna.keys_state() == "none"
    assert "Вы пока не можете читать свидетельства" in anna.page.content()
    anna.screenshot("staff-no-keys")
    # When the admin grants her access, from the admin's own session keys
    admin.page.goto(f"{server.url}/en/staff/people/")
    admin.page.get_by_role("link", name="anna").click()
    admin.page.get_by_role("button", name="Grant access").click()
    assert "Access granted" in admin.page.content()
    # Then at her next login the caseworker holds the keys
    assert anna.keys_state() == "granted"
    anna.log_out()
    anna.submit({"username": "anna", "password": "birch-lantern-rivers-81"})
    assert anna.path().endswith("/staff/login/code/")
    anna.submit({"code": anna_phone.code()})
    assert anna.keys_state() == "held"
    anna.screenshot("staff-keys-held")
    cookies = {cookie["name"]: cookie for cookie in anna.context.cookies()}
    assert cookies["temoin_key"]["httpOnly"] is True
    assert cookies["temoin_key"]["sameSite"] == "Strict"
    # And the admin's log shows every step, with no content
    admin.page.goto(f"{server.url}/en/staff/audit/")
    log = admin.page.locator("tbody").inner_text()
    for action in ("staff.created", "keys.granted", "staff.two_factor_enrolled"):
        assert action in log
    assert admin_phone.last_step > 0
    assert admin.problems == [] and anna.problems == []
    admin.context.close()
    anna.context.close()
    verify = run_temoin("audit", "verify", env=process_env(server.data_dir))
    assert verify.returncode == 0, verify.stderr
