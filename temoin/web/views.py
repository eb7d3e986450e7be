"""The public frame: home page, CSP reports, friendly error pages."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

logger = logging.getLogger("temoin.csp")

CSP_REPORT_MAX_BYTES = 8 * 1024


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """Send visitors to the Russian pages: witnesses mostly write in Russian,
    and Tor Browser announces English whatever its user reads."""
    return HttpResponseRedirect("/ru/")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log a browser's Content-Security-Policy violation report (no client data)."""
    body = request.body[:CSP_REPORT_MAX_BYTES]
    logger.warning("CSP violation reported: %s", body.decode("utf-8", "replace"))
    return HttpResponse(status=204)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("This form has expired"),
        _("Please go back, reload the page and send the form again."),
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request,
        400,
        _("The request could not be understood"),
        _("Please go back and try again."),
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request, 403, _("Access denied"), _("You are not allowed to see this page.")
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("This address does not exist. Check it, or start from the home page."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("Nothing you sent was stored half-way. Please try again later."),
    )
