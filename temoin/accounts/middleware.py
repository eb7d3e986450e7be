"""Ends staff sessions that must end, and hands the browser its key cookie."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from temoin.accounts import keys, sessions

Handler = Callable[[HttpRequest], HttpResponse]


def staff_session_middleware(get_response: Handler) -> Handler:
    """Check every staff request: generation, absolute age, idle time.

    Runs after Django's and django-otp's authentication middleware, so that
    a revoked or expired session is logged out before any view sees it.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        member = sessions.staff_member(request)
        if member is not None:
            reason = sessions.end_reason(request, member)
            if reason is not None:
                sessions.end(request)
                messages.info(
                    request, _("Your session has ended. Please log in again.")
                )
            else:
                sessions.touch(request)
        response = get_response(request)
        keys.apply_key_cookie(request, response)
        return response

    return middleware
