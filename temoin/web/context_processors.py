from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def languages(request: HttpRequest) -> dict[str, object]:
    """Links to this page in every language, so switching needs no JavaScript."""
    current = get_language()
    return {
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }
