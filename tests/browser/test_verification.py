"""Verification in real Chromium, without JavaScript, against the real server:
two verifiers take a case from unverified to verified and issue a
certificate; the public verify page accepts it and rejects a tampered copy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django_otp.oath import hotp

from tests.conftest import (
    REPO,
    RunningServer,
    process_env,
    run_temoin,
    start_server,
    stop_server,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "quartz-meadow-lantern-42"
TESTIMONY = (
    "Я служил в в/ч 12345, 64-я отдельная мотострелковая бригада. С марта по май "
    "2023 года стояли под Бахмутом. Ушёл 3 сентября 2023 года через Грузию."
)
SETUP = """
import json, secrets, sys, django
django.setup()
from django_otp.plugins.otp_totp.models import TOTPDevice
from temoin.accounts import actions, queries
from temoin.accounts.models import Role
from temoin.cases.models import Case
from temoin.core import codenames, crypto
from temoin.intake import actions as intake
admin = queries.member_by_name("maria")
org = actions.open_member_keys(admin, sys.argv[1])
key = queries.current_organisation_key()
out = {}
for name in ("boris", "vera"):
    member, _ = actions.do_create_staff_member(
        name, [Role.VERIFIER], password=sys.argv[2]
    )
    member.must_change_password = False
    member.save(update_fields=["must_change_password"])
    device = TOTPDevice.objects.create(user=member.user, name="phone", confirmed=True)
    out[name] = device.key
    actions.do_grant_access(member, key, org, granted_by=admin)
witness = codenames.derive_witness_secrets(
    codenames.generate_codename("ru"), secrets.token_bytes(16), crypto.KDF_TEST
)
submission = intake.do_submit_testimony(
    intake.NewTestimony(language="ru", text=sys.argv[3], answers={}),
    [], org_public=org.public(), witness=witness,
)
out["case"] = Case.objects.get(submission=submission).pk
print(json.dumps(out))
"""


class Verifier:
    """Page object: one verifier's browser, with their authenticator."""

    def __init__(
        self, browser: Any, server: RunningServer, name: str, key: str
    ) -> None:
        self.context = browser.new_context(java_script_enabled=False)
        self.page = self.context.new_page()
        self.server, self.name = server, name
        self.key, self.last_step = bytes.fromhex(key), -1
        self.problems: list[str] = []
        host = urlsplit(server.url).hostname
        self.page.on(
            "request",
            lambda r: (
                self.problems.append(r.url)
                if urlsplit(r.url).hostname != host
                else None
            ),
        )
        self.page.on(
            "response",
            lambda r: (
                self.problems.append(f"{r.status} {r.url}") if r.status >= 500 else None
            ),
        )

    def code(self) -> str:
        while True:
            now = int(time.time()) // 30
            for step in (now, now + 1):
                if step > self.last_step:
                    self.last_step = step
                    return f"{hotp(self.key, step):06d}"
            time.sleep(1)

    def log_in(self) -> None:
        self.page.goto(f"{self.server.url}/en/staff/")
        form = self.page.locator("form.staff-form")
        form.locator('[name="username"]').fill(self.name)
        form.locator('[name="password"]').fill(PASSWORD)
        form.locator('button[type="submit"]').click()
        form = self.page.locator("form.staff-form")
        form.locator('[name="code"]').fill(self.code())
        form.locator('button[type="submit"]').click()
        assert urlsplit(self.page.url).path == "/en/staff/"

    def open_case(self, case_id: int) -> None:
        self.page.goto(f"{self.server.url}/en/staff/verification/{case_id}/")

    def verdict(self) -> str:
        return self.page.locator("#verdict").get_attribute("data-verdict") or ""

    def sign_verified(self) -> None:
        form = self.page.locator("#verdict-form")
        form.locator('select[name="verdict"]').select_option("verified")
        form.locator('button[type="submit"]').click()


@pytest.fixture
def server_with_case(tmp_path: Path) -> Any:
    data_dir = tmp_path / "data"
    init = run_temoin("init", "--admin", "maria", env=process_env(data_dir))
    assert init.returncode == 0, init.stderr
    admin_password = re.search(r"One-time password: (\S+)", init.stdout)
    assert admin_password
    setup = subprocess.run(
        [sys.executable, "-c", SETUP, admin_password.group(1), PASSWORD, TESTIMONY],
        env=process_env(data_dir, DJANGO_SETTINGS_MODULE="temoin.settings"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    server = start_server(
        data_dir, tmp_path / "server.log", extra_env={"TEMOIN_DEVELOPMENT": "1"}
    )
    try:
        yield server, json.loads(setup.stdout.strip().splitlines()[-1])
    finally:
        stop_server(server)


def test_two_verifiers_certify_and_an_authority_checks_it(
    browser: Any, server_with_case: tuple[RunningServer, dict[str, Any]]
) -> None:
    server, made = server_with_case
    case_id = made["case"]
    boris = Verifier(browser, server, "boris", made["boris"])
    vera = Verifier(browser, server, "vera", made["vera"])
    # Given a new case, unverified, and Boris who records the suggested claims
    boris.log_in()
    boris.open_case(case_id)
    assert boris.verdict() == "unverified"
    assert "12345" in boris.page.locator("#claims").inner_text()
    boris.page.locator("#claims-form button[type=submit]").click()
    assert "Claims recorded." in boris.page.content()
    # When Boris signs "verified", it waits for a second verifier
    boris.sign_verified()
    assert boris.verdict() == "unverified"
    assert boris.page.locator("#awaiting").count() == 1
    # and he cannot give the second signature himself
    boris.sign_verified()
    assert "second, different verifier" in boris.page.content()
    assert boris.verdict() == "unverified"
    # When Vera signs too, the case is verified
    vera.log_in()
    vera.open_case(case_id)
    vera.sign_verified()
    assert vera.verdict() == "verified"
    # and she asks for a certificate, which Boris approves
    form = vera.page.locator("#certificate-form")
    form.locator('[name="statements"]').fill(
        "Served in military unit 12345 from March to May 2023.\nLeft in September 2023."
    )
    form.locator('input[value="interview"]').check()
    form.locator('input[value="military_documents"]').check()
    form.locator('[name="full_name"]').fill("Иван Сидоров")
    form.locator('button[type="submit"]').click()
    assert vera.page.locator("form.approve-form").count() == 1
    boris.open_case(case_id)
    boris.page.locator("form.approve-form button").click()
    assert "Certificate signed and issued." in boris.page.content()
    boris.page.screenshot(path=str(_artifact("verification-case.png")), full_page=True)
    link = boris.page.locator("a.certificate-json").get_attribute("href")
    download = boris.context.request.get(f"{server.url}{link}")
    assert download.status == 200
    certificate = download.text()
    # Then an authority's plain browser accepts it on the public page
    authority = browser.new_context(java_script_enabled=False)
    page = authority.new_page()
    page.goto(f"{server.url}/fr/verify/")
    page.locator("#id_certificate").fill(certificate)
    page.locator("form button[type=submit]").click()
    assert page.locator("#verify-result").get_attribute("data-status") == "valid"
    assert "Иван Сидоров" in page.locator("#verify-result").inner_text()
    page.screenshot(path=str(_artifact("verify-valid.png")), full_page=True)
    # and rejects a copy whose name was changed, saying it was tampered with
    tampered = json.loads(certificate)
    tampered["document"]["subject"]["full_name"] = "Пётр Петров"
    page.goto(f"{server.url}/en/verify/")
    page.locator("#id_certificate").fill(json.dumps(tampered))
    page.locator("form button[type=submit]").click()
    assert page.locator("#verify-result").get_attribute("data-status") == "tampered"
    assert "tampered" in page.locator("#verify-result").inner_text()
    keys = authority.request.get(f"{server.url}/keys.json").json()
    assert keys["signature"]["alg"] == "ed25519"
    assert boris.problems == [] and vera.problems == []
    for context in (boris.context, vera.context, authority):
        context.close()
    audit = run_temoin("audit", "verify", env=process_env(server.data_dir))
    assert audit.returncode == 0, audit.stderr


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
