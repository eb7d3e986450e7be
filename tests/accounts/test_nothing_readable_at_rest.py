"""While a key holder is logged in, and after they log out, nothing in the
database or the session store holds the organisation's secret keys in any
form (raw, hex, base64) a thief could use without the browser's cookie."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from temoin.core import crypto
from tests.accounts.conftest import Org, Persona, log_in


def _forms(secret: bytes) -> list[bytes]:
    """The ways a secret could be written down."""
    b64 = base64.b64encode(secret)
    url = base64.urlsafe_b64encode(secret)
    return [
        secret,
        secret.hex().encode(),
        secret.hex().upper().encode(),
        b64,
        b64.rstrip(b"="),
        url,
        url.rstrip(b"="),
    ]


def _decodings(text: str) -> Iterator[bytes]:
    """What a stored string could be hiding: base64, URL-safe base64, hex."""
    compact = text.strip()
    for decode in (base64.b64decode, base64.urlsafe_b64decode):
        with contextlib.suppress(binascii.Error, ValueError):
            yield decode(compact + "=" * (-len(compact) % 4))
    with contextlib.suppress(ValueError):
        yield bytes.fromhex(compact)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def database_image() -> bytes:
    """Every value of every table, each string also decoded, and every
    session decoded: what a thief of the database could read."""
    chunks: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # Table names come from the database's own catalogue.
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview | bytearray):
                        chunks.append(bytes(value))
                    elif value is not None:
                        text = str(value)
                        chunks.append(text.encode())
                        chunks.extend(_decodings(text))
            if table == "django_session":
                cursor.execute("SELECT session_data FROM django_session")
                for (data,) in cursor.fetchall():
                    decoded = SessionStore().decode(data)
                    chunks.append(json.dumps(decoded).encode())
                    for text in _strings(decoded):
                        chunks.append(text.encode())
                        chunks.extend(_decodings(text))
    return b"\n".join(chunks)


def _leaks(org: crypto.OrgSecretKeys, image: bytes) -> list[str]:
    found = []
    for name, secret in (
        ("encryption", org.encryption),
        ("signing", org.signing),
        ("both", org.to_bytes()),
    ):
        for form in _forms(secret):
            if form in image:
                found.append(f"{name} as {form[:12]!r}...")
    return found


def test_it_finds_a_secret_left_in_a_session(org: Org, anna_client: Client) -> None:
    # The search itself works: a secret planted in the session is found.
    store = SessionStore(session_key=anna_client.cookies["sessionid"].value)
    store["careless"] = base64.urlsafe_b64encode(org.secrets.signing).decode()
    store.save()
    assert _leaks(org.secrets, database_image())


def test_it_finds_a_secret_left_in_a_table(org: Org) -> None:
    from django.core.cache import cache

    cache.set("careless", org.secrets.encryption.hex())
    assert _leaks(org.secrets, database_image())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_it_keeps_no_organisation_secret_in_the_database(
    org: Org, maria: Persona, anna: Persona, lang: str
) -> None:
    # While two key holders are logged in (one also changed her password)
    anna_client, maria_client = Client(), Client()
    log_in(anna_client, anna, lang)
    log_in(maria_client, maria, lang)
    assert anna_client.get(f"/{lang}/staff/").status_code == 200
    new = "saffron-kettle-marches-3"
    anna_client.post(
        f"/{lang}/staff/password/",
        {"current": anna.password, "new": new, "repeat": new},
    )
    assert _leaks(org.secrets, database_image()) == []
    # and after they log out
    anna_client.post(f"/{lang}/staff/logout/")
    maria_client.post(f"/{lang}/staff/logout/")
    assert _leaks(org.secrets, database_image()) == []


def test_it_keeps_no_session_key_in_the_database(org: Org, anna_client: Client) -> None:
    # The browser's half is never stored: the wrapped keys stay closed.
    cookie = anna_client.cookies["temoin_key"].value
    session_key = crypto.decode_session_key(cookie)
    image = database_image()
    for form in _forms(session_key):
        assert form not in image
