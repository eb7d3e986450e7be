"""A caseworker's first case, in real Chromium without JavaScript, against the
real server: the admin creates the account, the caseworker sets up two-factor
login and is granted the keys, opens a new testimony, replies to the witness,
records two stages of the journey, and finds the case again by unit number."""

from __future__ import annotations

from typing import Any

from tests.browser.test_staff import StaffPages, fresh_server
from tests.conftest import RunningServer, process_env, run_temoin

__all__ = ["fresh_server"]  # the fixture, shared with the staff browser test

UNIT = "55443"


class CasePages(StaffPages):
    """Page object for the caseworker pages, on top of the login steps."""

    def open_inbox(self) -> None:
        self.page.locator("nav.cases-nav a").first.click()
        assert self.path().endswith("/staff/cases/")

    def case_links(self) -> list[str]:
        ids = self.page.locator("#cases li[data-case]").evaluate_all(
            "items => items.map(item => item.dataset.case)"
        )
        return [str(value) for value in ids]

    def open_case(self, case_id: str) -> None:
        self.page.locator(f'#cases li[data-case="{case_id}"] a').first.click()
        assert self.path().endswith(f"/staff/cases/{case_id}/")

    def status(self) -> str:
        return str(self.page.locator("#case-status").inner_text().strip())

    def reply(self, text: str) -> None:
        form = self.page.locator("form[action$='/reply/']")
        form.locator("textarea[name=text]").fill(text)
        self.send(form.locator("button[type=submit]"))

    def add_stage(self, kind: str, date: str = "", place: str = "") -> None:
        form = self.page.locator("form[action$='/journey/']")
        form.locator("select[name=kind]").select_option(kind)
        if date:
            form.locator("input[name=date]").fill(date)
        if place:
            form.locator("input[name=place]").fill(place)
        self.send(form.locator("button[type=submit]"))

    def stages(self) -> list[str]:
        kinds = self.page.locator("#journey li[data-stage]").evaluate_all(
            "items => items.map(item => item.dataset.stage)"
        )
        return [str(value) for value in kinds]

    def search(self, query: str) -> None:
        self.page.locator("input[name=q]").fill(query)
        self.send(self.page.locator("form[role=search] button[type=submit]"))

    def send(self, button: Any) -> None:
        """Click a submit button and wait for the page it leads to."""
        with self.page.expect_navigation():
            button.click()
        self.page.wait_for_load_state("load")


def submit_testimony(browser: Any, server: RunningServer) -> str:
    """A witness gives testimony from the public pages; returns the codename."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}/ru/testimony/")
    page.click("text=Начать")
    page.fill(
        "textarea[name=q_testimony]",
        f"Служил в в/ч {UNIT}, в марте ушёл из-под Бахмута. Сейчас прячусь.",
    )
    page.fill("input[name=q_branch]", "Сухопутные войска")
    page.check("input[name=q_consent][value=anonymised]")
    page.click("button[type=submit]")
    codename = str(page.inner_text("#codename")).strip()
    context.close()
    return codename


def witness_reads_replies(browser: Any, server: RunningServer, codename: str) -> str:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server.url}/ru/testimony/return/")
    page.fill("input[name=codename]", codename)
    page.click("button[type=submit]")
    text = str(page.content())
    context.close()
    return text


def test_it_takes_a_caseworker_through_a_first_case(
    browser: Any, fresh_server: tuple[RunningServer, str]
) -> None:
    server, init_password = fresh_server
    codename = submit_testimony(browser, server)
    other_codename = submit_testimony(browser, server)
    assert codename != other_codename
    # Given an admin who set up her login and holds the keys
    admin = CasePages(browser, server, "en")
    admin.log_in("maria", init_password)
    admin.change_password(init_password, "granite-orchard-whistle-5")
    admin.enrol()
    # When she creates a caseworker account
    admin.page.goto(f"{server.url}/en/staff/people/new/")
    form = admin.page.locator("form.staff-form")
    form.locator('[name="username"]').fill("anna")
    form.locator('input[value="caseworker"]').check()
    form.locator('button[type="submit"]').click()
    one_time = admin.page.locator("#one-time-password").inner_text().strip()
    # And the caseworker logs in, picks a password and sets up her authenticator
    anna = CasePages(browser, server, "en")
    anna.log_in("anna", one_time)
    anna.change_password(one_time, "birch-lantern-rivers-81")
    phone = anna.enrol()
    # Then without a grant, the inbox shows workflow details only, and says why
    anna.open_inbox()
    assert anna.page.locator("#keys-missing").count() == 1
    assert UNIT not in anna.page.content()
    # When the admin grants her access and she logs in again
    admin.page.goto(f"{server.url}/en/staff/people/")
    admin.page.get_by_role("link", name="anna").click()
    admin.page.get_by_role("button", name="Grant access").click()
    anna.log_out()
    anna.submit({"username": "anna", "password": "birch-lantern-rivers-81"})
    anna.submit({"code": phone.code()})
    # Then she sees both new cases, decrypted
    anna.open_inbox()
    assert anna.page.locator("#keys-missing").count() == 0
    cases = anna.case_links()
    assert len(cases) == 2
    assert UNIT in anna.page.content()
    anna.screenshot("cases-inbox")
    # When she opens the oldest one, it becomes open
    first = min(cases, key=int)
    anna.open_case(first)
    assert anna.status() == "Open"
    assert f"в/ч {UNIT}" in anna.page.locator("#testimony").inner_text()
    # And she replies to the witness: the case now waits for the witness
    anna.reply("Спасибо. Вы в безопасности? Где вы сейчас?")
    assert "Your reply was sent to the witness." in anna.page.content()
    assert anna.status() == "Waiting for the witness"
    # And records two stages of the person's journey
    anna.add_stage("in_hiding", date="2024-03-10")
    anna.add_stage("third_country", date="2024-04-02", place="Kazakhstan")
    assert anna.stages() == ["in_hiding", "third_country"]
    assert "Kazakhstan" in anna.page.locator("#journey").inner_text()
    # A stage that needs a place and has none is refused, with a clear message
    anna.add_stage("application")
    assert "Say which country" in anna.page.content()
    assert anna.stages() == ["in_hiding", "third_country"]
    # (the browser logs that 400 answer; it is the one expected here)
    expected_400 = [p for p in anna.problems if "status of 400" in p]
    assert len(expected_400) == 1
    anna.problems.remove(expected_400[0])
    anna.screenshot("cases-case-file")
    # When she searches the inbox for the unit number, or an inflected place
    anna.open_inbox()
    anna.search(UNIT)
    assert anna.case_links() == sorted(cases, key=int, reverse=True)
    anna.search(f"Kazakhstan {UNIT}")
    assert anna.case_links() == [first]
    anna.search("Бахмуте")
    assert set(anna.case_links()) == set(cases)
    anna.search("Берлин")
    assert anna.case_links() == []
    # Then the witness reads the reply with the codename
    assert "Где вы сейчас?" in witness_reads_replies(browser, server, codename)
    assert "Где вы сейчас?" not in witness_reads_replies(
        browser, server, other_codename
    )
    assert admin.problems == [] and anna.problems == []
    admin.context.close()
    anna.context.close()
    verify = run_temoin("audit", "verify", env=process_env(server.data_dir))
    assert verify.returncode == 0, verify.stderr
