"""A seized server, after staff worked on a case: nothing readable, no key.

A real process (the production settings, its own data directory and
database) stores a testimony, and a caseworker logs in through the real login
steps, opens the case (which builds its search index), replies, writes a
note and records journey stages. Then the caseworker leaves without logging
out (the session stays in the store) and an admin logs in and out. The test
then reads what an adversary would image:

- on SQLite, every byte of every file in the data directory (database, WAL,
  shared memory, blobs, settings);
- on PostgreSQL, every row of every table (SELECT *, bytea as raw bytes) and
  the output of pg_dump.

None of the canary words may appear, in UTF-8 or JSON-escaped; the
organisation's secret keys may not appear; the wrapped keys in the dump open
with a staff password (so the test looks at the right bytes), and not with a
wrong one; the session's wrapped keys do not open without the browser's
cookie.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from temoin.core import crypto
from tests.conftest import REPO, process_env, require_tool

STAFF_PASSWORD = "seized-server-staff-password-1"
CANARIES = [
    "Zhytomyrska-канарейка",  # in the testimony
    "71942",  # a unit number in the testimony, searched for
    "Бахмуте",  # an inflected place in the testimony
    "Krasnogorovka-note",  # in a note
    "Gyumri-stage",  # a journey stage's place
    "Tbilisi-reply",  # a caseworker's reply
]


def build_world() -> None:
    """Run in the child process: the case, the staff, their work, a live session."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("migrate", verbosity=0)
    from temoin.accounts import actions
    from temoin.accounts.models import Role
    from temoin.cases.models import Case
    from temoin.intake import actions as intake_actions
    from temoin.intake.witnesses import new_witness

    key, org = actions.do_create_organisation_keys()
    members = {}
    for name, role in (("anna", Role.CASEWORKER), ("maria", Role.ADMIN)):
        member, _ = actions.do_create_staff_member(
            name, [role], password=STAFF_PASSWORD
        )
        member.must_change_password = False
        member.save(update_fields=["must_change_password"])
        TOTPDevice.objects.create(user=member.user, name="phone", confirmed=True)
        actions.do_grant_access(member, key, org, granted_by=None)
        members[name] = member
    _, witness = new_witness("ru")
    submission = intake_actions.do_submit_testimony(
        intake_actions.NewTestimony(
            language="ru",
            text=f"{CANARIES[0]}: служил в в/ч {CANARIES[1]}, был в {CANARIES[2]}.",
        ),
        [],
        org_public=org.public(),
        witness=witness,
    )
    case = Case.objects.get(submission=submission)

    def log_in(name: str) -> Client:
        client = Client()
        device = TOTPDevice.objects.get(user=members[name].user)
        response = client.post(
            "/en/staff/login/", {"username": name, "password": STAFF_PASSWORD}
        )
        assert response.status_code == 302, response.status_code
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
        code = f"{totp.token():06d}"
        response = client.post("/en/staff/login/code/", {"code": code})
        assert response.status_code == 302, response.status_code
        return client

    anna = log_in("anna")
    base = f"/en/staff/cases/{case.pk}/"
    assert anna.get(base).status_code == 200
    steps = [
        ("reply/", {"text": f"{CANARIES[5]}: are you safe?"}),
        ("notes/", {"text": f"{CANARIES[3]} contact"}),
        ("journey/", {"kind": "third_country", "place": CANARIES[4]}),
        ("journey/", {"kind": "in_hiding", "details": "с родственниками"}),
    ]
    for path, data in steps:
        assert anna.post(base + path, data).status_code == 302, path
    found = anna.get("/en/staff/cases/", {"q": f"Бахмут {CANARIES[1]}"})
    assert f'data-case="{case.pk}"' in found.content.decode()
    maria = log_in("maria")
    assert maria.get("/en/staff/cases/").status_code == 200
    assert maria.post("/en/staff/logout/").status_code == 302
    from django.db import connections

    connections.close_all()
    # Only the test learns the secrets, through the pipe: never on disk.
    print(
        json.dumps(
            {
                "encryption": org.encryption.hex(),
                "signing": org.signing.hex(),
                "case": case.pk,
            }
        )
    )


def run_child(
    data_dir: Path, secret_key: str, database: dict[str, str]
) -> dict[str, object]:
    env = process_env(
        data_dir,
        # The real settings with cheap key derivation (tests/settings.py).
        DJANGO_SETTINGS_MODULE="tests.settings",
        TEMOIN_ALLOWED_HOSTS="testserver",
        # The adversary has it too (it is in the server's settings): sessions
        # are signed with it, not encrypted.
        TEMOIN_SECRET_KEY=secret_key,
        **database,
    )
    env["PYTHONPATH"] = str(REPO)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tests.test_seized_server_staff import build_world; build_world()",
        ],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return output


def forms_of(text: str) -> list[bytes]:
    """The ways a word can sit in stored bytes: UTF-8, JSON-escaped, UTF-16."""
    escaped = json.dumps(text)[1:-1].encode("ascii")
    return [text.encode("utf-8"), escaped, text.encode("utf-16-le")]


def secret_forms(org: dict[str, object]) -> list[bytes]:
    forms = []
    for name in ("encryption", "signing"):
        raw = bytes.fromhex(str(org[name]))
        forms += [raw, raw.hex().encode(), base64.b64encode(raw)[:40]]
    return forms


def assert_nothing_readable(
    dump: bytes, org: dict[str, object], *, is_database: bool = True
) -> None:
    if is_database:
        # Metadata in the clear (a user name) shows these are the right bytes.
        assert b"anna" in dump
    for canary in CANARIES:
        for form in forms_of(canary):
            assert form not in dump, f"{canary!r} readable in the dump"
    for form in secret_forms(org):
        assert form not in dump, "an organisation secret key is in the dump"


def assert_keys_need_a_password(
    wrapped_member_keys: list[bytes],
    grants: list[bytes],
    member_publics: list[bytes],
    sessions: list[dict[str, object]],
    org: dict[str, object],
) -> None:
    assert wrapped_member_keys and grants
    for wrapped in wrapped_member_keys:
        with pytest.raises(crypto.WrongKey):
            crypto.unwrap_with_password(wrapped, "not the password")
    # The right password opens the dump's keys: the checks above looked at
    # the bytes that really guard the organisation's secret.
    opened = crypto.unwrap_with_password(wrapped_member_keys[0], STAFF_PASSWORD)
    keypair = crypto.keypair_from_secret(opened)
    grant = grants[member_publics.index(keypair.public)]
    org_secrets = crypto.open_grant(grant, keypair)
    assert org_secrets.encryption.hex() == org["encryption"]
    # A session left open holds the keys wrapped by a key only the browser
    # had (its cookie): no other key opens them.
    wrapped_keys = [
        str(s["temoin.keys.wrapped"]) for s in sessions if "temoin.keys.wrapped" in s
    ]
    assert wrapped_keys, "the caseworker's session should still be stored"
    for encoded in wrapped_keys:
        with pytest.raises(crypto.WrongKey):
            crypto.unwrap_session(
                crypto.SessionKey(secrets.token_bytes(32)), base64.b64decode(encoded)
            )
    for session in sessions:
        dumped = json.dumps(session, ensure_ascii=False).encode()
        assert_nothing_readable(dumped, org, is_database=False)


def decode_sessions(rows: list[str], secret_key: str) -> list[dict[str, object]]:
    """Session data as the adversary reads it: signed (and zlib-compressed)
    JSON, opened with the server's SECRET_KEY."""
    from django.contrib.sessions.serializers import JSONSerializer
    from django.core import signing

    return [
        signing.loads(
            row,
            key=secret_key,
            salt="django.contrib.sessions.SessionStore",
            serializer=JSONSerializer,
        )
        for row in rows
    ]


def every_file(directory: Path) -> bytes:
    return b"".join(
        path.read_bytes() for path in sorted(directory.rglob("*")) if path.is_file()
    )


def test_it_leaves_nothing_readable_in_a_seized_sqlite_data_directory(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    secret_key = "seized-" + secrets.token_hex(24)
    org = run_child(data_dir, secret_key, {})
    files = sorted(path for path in data_dir.rglob("*") if path.is_file())
    assert any(path.name == "temoin.sqlite3" for path in files)
    assert_nothing_readable(b"".join(path.read_bytes() for path in files), org)
    database = sqlite3.connect(data_dir / "temoin.sqlite3")
    try:
        members = database.execute(
            "SELECT wrapped_secret_key, public_key, id FROM accounts_staffmember"
        ).fetchall()
        grants = dict(
            database.execute("SELECT member_id, sealed_secrets FROM accounts_keygrant")
        )
        sessions = [
            r[0] for r in database.execute("SELECT session_data FROM django_session")
        ]
    finally:
        database.close()
    assert_keys_need_a_password(
        [bytes(m[0]) for m in members],
        [bytes(grants[m[2]]) for m in members],
        [bytes(m[1]) for m in members],
        decode_sessions(sessions, secret_key),
        org,
    )


def test_it_leaves_nothing_readable_in_a_seized_postgresql_database(
    tmp_path: Path,
) -> None:
    import psycopg

    pg_dump = require_tool("pg_dump")
    base_url = os.environ.get(
        "TEMOIN_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    name = f"temoin_seized_{secrets.token_hex(6)}"
    prefix = base_url.rsplit("/", 1)[0]
    url = f"{prefix}/{name}"
    with psycopg.connect(base_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        secret_key = "seized-" + secrets.token_hex(24)
        org = run_child(tmp_path / "data", secret_key, {"TEMOIN_DATABASE_URL": url})
        dumped = subprocess.run(
            [pg_dump, "--no-owner", url], capture_output=True, check=True, timeout=120
        ).stdout
        assert b"cases_searchtoken" in dumped
        assert_nothing_readable(dumped, org)
        with psycopg.connect(url) as connection:
            assert_nothing_readable(select_everything(connection), org)
            members = connection.execute(
                "SELECT wrapped_secret_key, public_key, id FROM accounts_staffmember"
            ).fetchall()
            grants: dict[int, bytes] = dict(
                connection.execute(
                    "SELECT member_id, sealed_secrets FROM accounts_keygrant"
                ).fetchall()
            )
            sessions = [
                r[0]
                for r in connection.execute("SELECT session_data FROM django_session")
            ]
        assert_keys_need_a_password(
            [bytes(m[0]) for m in members],
            [bytes(grants[m[2]]) for m in members],
            [bytes(m[1]) for m in members],
            decode_sessions(sessions, secret_key),
            org,
        )
        # The data directory (blobs) is part of the image too.
        files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
        assert_nothing_readable(
            b"".join(p.read_bytes() for p in files), org, is_database=False
        )
    finally:
        with psycopg.connect(base_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def select_everything(connection: object) -> bytes:
    """Every value of every row of every table, bytea as raw bytes."""
    import psycopg
    from psycopg import sql

    assert isinstance(connection, psycopg.Connection)
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    ]
    assert "cases_note" in tables and "cases_journeystage" in tables
    parts: list[bytes] = []
    for table in tables:
        for row in connection.execute(
            sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))
        ):
            for value in row:
                if isinstance(value, bytes | memoryview):
                    parts.append(bytes(value))
                else:
                    parts.append(str(value).encode("utf-8"))
    return b"\n".join(parts)
