"""Keeping a witness logged in without keeping their key on the server.

After a codename login, the witness's X25519 secret is sealed to a random key
that only the browser keeps (an HttpOnly, SameSite=Strict cookie). The server
session holds the sealed form and the submission id: a copy of the session
store opens nothing. Sessions end after a few idle minutes, or at "Leave".
"""

from __future__ import annotations

import base64
import binascii
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from temoin.core import crypto
from temoin.intake.models import Submission
from temoin.intake.witnesses import Witness

COOKIE_NAME = "temoin_witness"
SESSION_KEY = "intake_witness"
_CONTEXT = b"intake.witness-session"


def start_witness_session(
    request: HttpRequest, response: HttpResponse, witness: Witness
) -> None:
    """Log the witness in: the session gets the sealed key, the browser the key."""
    browser_key = crypto.generate_keypair()
    sealed = crypto.encrypt_record(
        witness.keypair.secret, [browser_key.public], context=_CONTEXT
    )
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "submission": witness.submission.pk,
        "sealed": base64.b64encode(sealed).decode("ascii"),
        "seen": int(time.time()),
    }
    response.set_cookie(
        COOKIE_NAME,
        base64.urlsafe_b64encode(browser_key.secret).decode("ascii"),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
        path="/",
    )


def current_witness(request: HttpRequest) -> Witness | None:
    """The logged-in witness, or None (no session, idle too long, bad cookie)."""
    state = request.session.get(SESSION_KEY)
    cookie = request.COOKIES.get(COOKIE_NAME, "")
    if not isinstance(state, dict) or not cookie:
        return None
    if time.time() - int(state.get("seen", 0)) > settings.INTAKE_WITNESS_IDLE_SECONDS:
        request.session.pop(SESSION_KEY, None)
        return None
    try:
        browser_secret = base64.urlsafe_b64decode(cookie.encode("ascii"))
        browser_key = crypto.keypair_from_secret(browser_secret)
        secret = crypto.decrypt_record(
            base64.b64decode(state["sealed"]), browser_key, context=_CONTEXT
        )
        keypair = crypto.keypair_from_secret(secret)
    except (crypto.CryptoError, binascii.Error, ValueError, KeyError, TypeError):
        return None
    submission_id = state.get("submission")
    if not isinstance(submission_id, int):
        return None
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or bytes(submission.witness_public_key or b"") != (
        keypair.public
    ):
        return None
    state["seen"] = int(time.time())
    request.session[SESSION_KEY] = state
    return Witness(submission, keypair)


def end_witness_session(request: HttpRequest, response: HttpResponse) -> None:
    """Forget the witness: the session is flushed and the browser key deleted."""
    request.session.flush()
    response.delete_cookie(COOKIE_NAME, path="/", samesite="Strict")
