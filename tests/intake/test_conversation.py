"""Coming back with the codename: replies, answers, rate limits, sessions."""

from __future__ import annotations

import re
import time

from django.test import Client

from temoin.core import crypto
from temoin.intake import actions, queries
from temoin.intake.keys import current_org_public
from temoin.intake.models import Author, Submission
from tests.intake.conftest import csrf_token
from tests.intake.test_submission import codename_of, submit

RETURN = "/ru/testimony/return/"
CONVERSATION = "/ru/testimony/conversation/"


def log_in(client: Client, codename: str) -> object:
    token = csrf_token(client, RETURN)
    return client.post(RETURN, {"csrfmiddlewaretoken": token, "codename": codename})


def test_it_shows_a_caseworkers_reply_and_takes_the_answer(
    org: object, org_keypair: crypto.KeyPair, client: Client
) -> None:
    codename = codename_of(submit(client))
    submission = Submission.objects.get()
    actions.do_post_staff_reply(
        submission, "Где вы сейчас находитесь?", org_public=current_org_public()
    )
    witness_client = Client(enforce_csrf_checks=True)
    response = log_in(witness_client, codename.upper())
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = witness_client.get(CONVERSATION).content.decode()
    assert "Где вы сейчас находитесь?" in page
    token = witness_client.cookies["csrftoken"].value
    response = witness_client.post(
        "/ru/testimony/conversation/reply/",
        {"csrfmiddlewaretoken": token, "text": "В Казахстане."},
    )
    assert response.status_code == 302
    messages = queries.open_messages(submission, org_keypair)
    assert [(m.author, m.text) for m in messages] == [
        (Author.STAFF, "Где вы сейчас находитесь?"),
        (Author.WITNESS, "В Казахстане."),
    ]


def test_it_keeps_no_witness_secret_usable_without_the_browser(
    org: object, client: Client
) -> None:
    codename = codename_of(submit(client))
    witness_client = Client(enforce_csrf_checks=True)
    log_in(witness_client, codename)
    # The session store alone (a stolen database) does not open the conversation.
    thief = Client()
    thief.cookies["sessionid"] = witness_client.cookies["sessionid"].value
    assert thief.get(CONVERSATION).status_code == 302
    assert witness_client.get(CONVERSATION).status_code == 200
    # Leaving ends it for good.
    token = witness_client.cookies["csrftoken"].value
    witness_client.post("/ru/testimony/leave/", {"csrfmiddlewaretoken": token})
    assert witness_client.get(CONVERSATION).status_code == 302


def test_it_ends_an_idle_witness_session(
    org: object, client: Client, settings: object
) -> None:
    codename = codename_of(submit(client))
    witness_client = Client(enforce_csrf_checks=True)
    log_in(witness_client, codename)
    settings.INTAKE_WITNESS_IDLE_SECONDS = -1  # type: ignore[attr-defined]
    assert witness_client.get(CONVERSATION).status_code == 302


def test_it_answers_every_wrong_codename_alike(org: object, client: Client) -> None:
    codename = codename_of(submit(client))
    words = codename.split()
    unknown = " ".join([words[1], words[0], *words[2:]])
    pages = []
    timings = []
    for attempt in ("not a codename", unknown):
        started = time.perf_counter()
        response = log_in(Client(enforce_csrf_checks=True), attempt)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 403  # type: ignore[attr-defined]
        html = response.content.decode()  # type: ignore[attr-defined]
        pages.append(re.sub(r'value="[^"]*"', "", html))
    assert pages[0] == pages[1]
    # Same work for both (one derivation and one lookup): no timing oracle.
    assert abs(timings[0] - timings[1]) < 0.25
    assert "кодовое имя не открывает" in pages[0]


def test_it_limits_guessing_per_codename_and_globally(
    org: object, client: Client, settings: object
) -> None:
    codename = codename_of(submit(client))
    for _ in range(5):
        assert log_in(Client(enforce_csrf_checks=True), "wrong " * 7).status_code == 403  # type: ignore[attr-defined]
    assert log_in(Client(enforce_csrf_checks=True), "wrong " * 7).status_code == 429  # type: ignore[attr-defined]
    settings.INTAKE_GUESSES_PER_MINUTE = 5  # type: ignore[attr-defined]
    response = log_in(Client(enforce_csrf_checks=True), codename)
    assert response.status_code == 429  # type: ignore[attr-defined]


def test_it_seals_staff_replies_to_an_imported_testimony_to_the_org_only(
    org: object, org_keypair: crypto.KeyPair
) -> None:
    submission = actions.do_submit_testimony(
        actions.NewTestimony(language="fr", text="Témoignage"),
        [],
        org_public=current_org_public(),
        witness=None,
    )
    actions.do_post_staff_reply(submission, "Merci.", org_public=current_org_public())
    assert [m.text for m in queries.open_messages(submission, org_keypair)] == [
        "Merci."
    ]
