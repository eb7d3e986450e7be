"""The production settings themselves, not the test overrides."""

from __future__ import annotations

import importlib


def test_it_pins_the_production_costs_and_defaults() -> None:
    production = importlib.import_module("temoin.settings")
    assert production.STAFF_KEY_KDF == "moderate"
    assert production.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    ]
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.LANGUAGE_CODE == "ru"
    assert [code for code, _ in production.LANGUAGES] == ["ru", "uk", "fr", "en"]
    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for sources in directives.values():
        for source in sources:
            assert "://" not in source, "no third-party source may be allowed"
