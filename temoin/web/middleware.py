"""Middleware that keeps requests anonymous and responses locked down."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]

# Request data that identifies a person or a device. Removing it before any
# view runs means no code path (logging, errors, models) can keep it.
IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_VIA",
)


def forget_client_middleware(get_response: Handler) -> Handler:
    """Drop the client's address and user agent from every request."""

    def middleware(request: HttpRequest) -> HttpResponse:
        for key in IDENTIFYING_META:
            request.META.pop(key, None)
        # Django's code expects REMOTE_ADDR to exist; a fixed documentation
        # address carries no information about the client.
        request.META["REMOTE_ADDR"] = "192.0.2.0"
        return get_response(request)

    return middleware


def security_headers_middleware(get_response: Handler) -> Handler:
    """Add the headers Django's SecurityMiddleware does not set."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Permitted-Cross-Domain-Policies", "none")
        # Pages carry testimony and codenames: never cache them anywhere.
        if not request.path.startswith(settings.STATIC_URL):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware
