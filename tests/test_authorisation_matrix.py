"""Every URL of the application, for every kind of visitor: the expected status.

The table below has one row per named URL pattern, found by walking
``get_resolver()``: a new URL without a row fails
:func:`test_it_has_an_expectation_for_every_url`. Each row says which HTTP
method to try and the status each persona must get. A persona that must not
see content gets a redirect, a 403 or a 404, and the page it gets never
carries the canary content of the case (testimony, note, journey stage).

Personas: an anonymous visitor; a witness logged in with their codename; a
staff member half logged in (password given, second factor not); a member
who never set up two-factor login; and fully logged-in admin, caseworker,
verifier, publisher, and a caseworker without a key grant.

To add a URL: add a row to ``expectations()`` with ``staff(...)`` (staff
pages: half-logged-in visitors are redirected to a login step) or
``public(...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from temoin.accounts.models import Role, StaffMember
from temoin.cases import actions as case_actions
from temoin.cases.models import Case, StageKind
from temoin.intake import actions as intake_actions
from temoin.intake.cleaning.clean import clean_attachment
from temoin.intake.models import Attachment
from temoin.intake.witnesses import new_witness
from tests.accounts.conftest import PASSWORD, fresh_code
from tests.cases.conftest import Organisation, make_member
from tests.cases.helpers import jpeg_bytes, with_file

CANARIES = ["CANARY-TESTIMONY-71942", "CANARY-NOTE-Zhytomyrska", "CANARY-STAGE-Gyumri"]

PERSONAS = [
    "anonymous",
    "witness",
    "unverified",
    "not_enrolled",
    "admin",
    "caseworker",
    "verifier",
    "publisher",
    "no_grant",
]
# Personas who may read case content: everyone else must never see a canary.
CONTENT_READERS = {"admin", "caseworker", "verifier"}
LOGGED_OUT = {"anonymous": 302, "witness": 302, "unverified": 302, "not_enrolled": 302}


@dataclass(frozen=True)
class Row:
    method: str
    expected: dict[str, int]
    # Sent last for each persona, since it changes the session (logout, leave).
    ends_session: bool = False
    data: dict[str, str] = field(default_factory=dict)


def staff(statuses: dict[str, int], method: str = "GET") -> Row:
    """A staff page: visitors not fully logged in go to a login step."""
    return Row(method, {**LOGGED_OUT, **statuses})


def public(statuses: dict[str, int], method: str = "GET", ends: bool = False) -> Row:
    return Row(method, statuses, ends_session=ends)


def everyone(status: int, **exceptions: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, status), **exceptions}


def team(
    admin: int, caseworker: int, verifier: int, publisher: int, no_grant: int
) -> dict[str, int]:
    """Statuses for the fully logged-in staff personas."""
    return {
        "admin": admin,
        "caseworker": caseworker,
        "verifier": verifier,
        "publisher": publisher,
        "no_grant": no_grant,
    }


def expectations() -> dict[str, Row]:
    """The matrix: URL name -> method and the status for each persona."""
    all_staff = team(200, 200, 200, 200, 200)
    admin_only = team(200, 403, 403, 403, 403)
    admin_post = team(302, 403, 403, 403, 403)
    cases_read = team(200, 200, 200, 403, 200)
    # An empty form: 400 for those allowed (the form is refused, nothing is
    # stored), 403 for the others; content needs the keys too.
    cases_change = team(400, 400, 403, 403, 400)
    cases_content = team(400, 400, 403, 403, 403)
    # An empty assignment or label set is valid: it clears them.
    cases_clear = team(302, 302, 403, 403, 302)
    return {
        # --- the public frame
        "root": public(everyone(302)),
        "csp-report": public(everyone(204), "POST"),
        "home": public(everyone(200)),
        # --- certificate checks (public by design)
        "verification:verify": public(everyone(200)),
        "keys-json": public(everyone(200)),
        "revocations-json": public(everyone(200)),
        # --- the witness side
        "intake:start": public(everyone(200)),
        "intake:new": public(everyone(200)),
        "intake:come-back": public(everyone(200)),
        "intake:conversation": public(everyone(302, witness=200)),
        "intake:reply": public(everyone(302, witness=400), "POST"),
        "intake:destroy-originals": public(everyone(302), "POST"),
        "intake:leave": public(everyone(302), "POST", ends=True),
        # --- staff accounts
        "accounts:login": public(
            {**everyone(200), **team(302, 302, 302, 302, 302)}
            | {"unverified": 302, "not_enrolled": 302}
        ),
        "accounts:code": public(everyone(302, unverified=200)),
        "accounts:logout": public(everyone(302), "POST", ends=True),
        "accounts:password": staff(all_staff),
        "accounts:enrol": public(everyone(302, not_enrolled=200)),
        "accounts:enrol-qr": public(everyone(404, not_enrolled=200)),
        "accounts:recovery-codes": staff(all_staff),
        "accounts:home": staff(all_staff),
        "accounts:people": staff(admin_only),
        "accounts:person-new": staff(admin_only),
        "accounts:person": staff(admin_only),
        "accounts:person-roles": staff(admin_post, "POST"),
        "accounts:person-grant": staff(admin_post, "POST"),
        "accounts:person-revoke": staff(admin_post, "POST"),
        "accounts:person-reset-password": staff({**admin_post, "admin": 200}, "POST"),
        "accounts:person-reset-two-factor": staff(admin_post, "POST"),
        "accounts:person-unlock": staff(admin_post, "POST"),
        # --- the audit log
        "audit:log": staff(admin_only),
        # --- the caseworker workspace
        "cases:inbox": staff(cases_read),
        "cases:labels": staff(cases_read),
        "cases:case": staff(cases_read),
        "cases:status": staff(cases_change, "POST"),
        "cases:assign": staff(cases_clear, "POST"),
        "cases:case-labels": staff(cases_clear, "POST"),
        "cases:reply": staff(cases_content, "POST"),
        "cases:note": staff(cases_content, "POST"),
        "cases:stage": staff(cases_content, "POST"),
        "cases:file": staff(team(200, 200, 200, 403, 403)),
        "cases:original": staff(team(403, 403, 200, 403, 403)),
        # --- verification (verifiers only); no certificate exists in this world
        "verification-staff:case": staff(verifiers(200)),
        "verification-staff:claims": staff(verifiers(302), "POST"),
        "verification-staff:add-claim": staff(verifiers(400), "POST"),
        "verification-staff:checklist": staff(verifiers(302), "POST"),
        "verification-staff:verdict": staff(verifiers(302), "POST"),
        "verification-staff:request-certificate": staff(verifiers(302), "POST"),
        "verification-staff:approve": staff(verifiers(404), "POST"),
        "verification-staff:revoke": staff(verifiers(404), "POST"),
        "verification-staff:file": staff(verifiers(404)),
    }


def verifiers(status: int) -> dict[str, int]:
    """A verification page: ``status`` for verifiers, 403 for other staff."""
    return team(403, 403, status, 403, 403)


# --- Walking the URL configuration ------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    arguments: tuple[str, ...]


def url_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            else:
                assert entry.name, f"a URL without a name: {entry.pattern}"
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(
                    Pattern(name, str(entry.pattern), tuple(entry.pattern.converters))
                )

    walk(get_resolver().url_patterns, "")
    return found


def test_it_has_an_expectation_for_every_url() -> None:
    names = {pattern.name for pattern in url_patterns()}
    table = expectations()
    missing = sorted(names - set(table))
    stale = sorted(set(table) - names)
    assert not missing, f"URLs with no expected statuses in the matrix: {missing}"
    assert not stale, f"rows for URLs that no longer exist: {stale}"
    for name, row in table.items():
        assert set(row.expected) == set(PERSONAS), f"{name}: persona missing"


# --- The world every persona visits ------------------------------------------


@dataclass
class World:
    ids: dict[str, int | str]
    codename: str


@pytest.fixture
def world(
    db: None,
    tmp_path: Path,
    settings: object,
    django_capture_on_commit_callbacks: object,
) -> World:
    settings.BLOB_DIR = tmp_path / "blobs"  # type: ignore[attr-defined]
    from temoin.accounts import actions as account_actions

    key, org_secrets = account_actions.do_create_organisation_keys()
    org = Organisation(key, org_secrets)
    members = {
        "admin": make_member(org, "admin", [Role.ADMIN]),
        "caseworker": make_member(org, "anna", [Role.CASEWORKER]),
        "verifier": make_member(org, "boris", [Role.VERIFIER]),
        "publisher": make_member(org, "pavel", [Role.PUBLISHER]),
        "no_grant": make_member(org, "nina", [Role.CASEWORKER], grant=False),
        "unverified": make_member(org, "ulyana", [Role.ADMIN]),
        "not_enrolled": make_member(org, "nikita", [Role.ADMIN]),
    }
    TOTPDevice.objects.filter(user=members["not_enrolled"].user).delete()
    # The account admins act upon in the matrix, never logged in.
    target = make_member(org, "target", [Role.CASEWORKER])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        testimony = with_file(org, "front.jpg", jpeg_bytes(), text=CANARIES[0])
    attachment = Attachment.objects.get(submission=testimony.submission)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        clean_attachment(attachment, org.keypair)
    case = Case.objects.get(submission=testimony.submission)
    worker = members["caseworker"]
    case_actions.do_add_note(case, CANARIES[1], actor=worker, org=org_secrets)
    case_actions.do_add_journey_stage(
        case,
        case_actions.NewStage(StageKind.THIRD_COUNTRY, None, CANARIES[2]),
        actor=worker,
        org=org_secrets,
    )
    codename, secrets = new_witness("ru")
    intake_actions.do_submit_testimony(
        intake_actions.NewTestimony(language="ru", text="witness's own words"),
        [],
        org_public=org.public,
        witness=secrets,
    )
    ids: dict[str, int | str] = {
        "case_id": case.pk,
        "attachment_id": attachment.pk,
        "member_id": target.pk,
        "certificate_id": "no-such-certificate",
        "kind": "json",
    }
    ids.update({f"member:{k}": v.pk for k, v in members.items()})
    return World(ids, codename)


def client_for(persona: str, world: World) -> Client:
    client = Client()
    if persona == "anonymous":
        return client
    if persona == "witness":
        response = client.post("/en/testimony/return/", {"codename": world.codename})
        assert response.status_code == 302
        return client
    member = StaffMember.objects.get(pk=world.ids[f"member:{persona}"])
    response = client.post(
        "/en/staff/login/", {"username": member.name, "password": PASSWORD}
    )
    assert response.status_code == 302
    if persona in ("unverified", "not_enrolled"):
        return client
    response = client.post("/en/staff/login/code/", {"code": fresh_code(member)})
    assert response.status_code == 302
    assert client.get("/en/staff/").status_code == 200
    return client


def visits(world: World) -> Iterator[tuple[str, str, Row]]:
    table = expectations()
    # URLs missing from the table fail test_it_has_an_expectation_for_every_url.
    known = [pattern for pattern in url_patterns() if pattern.name in table]
    patterns = sorted(known, key=lambda p: table[p.name].ends_session)
    for pattern in patterns:
        kwargs = {arg: world.ids[arg] for arg in pattern.arguments}
        url = reverse(pattern.name, kwargs=kwargs)
        if url.startswith("/ru/"):
            url = "/en/" + url[len("/ru/") :]
        yield pattern.name, url, table[pattern.name]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_gives_each_persona_exactly_the_expected_status(
    persona: str, world: World
) -> None:
    client = client_for(persona, world)
    wrong: list[str] = []
    for name, url, row in visits(world):
        if row.method == "POST":
            response = client.post(url, row.data)
        else:
            response = client.get(url)
        expected = row.expected[persona]
        if response.status_code != expected:
            wrong.append(
                f"{name} {row.method} {url}: {response.status_code} != {expected}"
            )
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        refused = response.status_code in (301, 302, 303, 403, 404, 405)
        if persona not in CONTENT_READERS or refused:
            leaked = [c for c in CANARIES if c.encode() in body]
            if leaked:
                wrong.append(f"{name} {url}: content leaked to {persona}: {leaked}")
    assert not wrong, "\n".join(wrong)


def test_it_keeps_every_staff_page_closed_without_two_factor(world: World) -> None:
    """No staff page answers 200 to a session that has not given a second factor,
    except the login steps themselves."""
    login_steps = {
        "accounts:login",
        "accounts:code",
        "accounts:enrol",
        "accounts:enrol-qr",
    }
    for persona in ("unverified", "not_enrolled"):
        client = client_for(persona, world)
        for name, url, row in visits(world):
            if "/staff/" not in url or name in login_steps or row.ends_session:
                continue
            response = (client.post if row.method == "POST" else client.get)(url)
            assert response.status_code in (302, 303, 404), (persona, name)
