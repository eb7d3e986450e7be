"""Synthetic demo data, so that a newcomer sees every feature at once.

Each area adds a step to DEMO_STEPS; every person, unit and story here is
invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from tqdm import tqdm

from temoin.accounts import actions, twofactor
from temoin.accounts.models import Role, StaffMember
from temoin.core import crypto

DEMO_PASSWORD = "demo-password-not-secret"  # noqa: S105 — a demo, shown on screen

DEMO_STAFF: list[tuple[str, list[Role]]] = [
    ("admin", [Role.ADMIN]),
    ("anna", [Role.CASEWORKER]),
    ("boris", [Role.VERIFIER]),
    ("chloe", [Role.VERIFIER, Role.PUBLISHER]),
    ("dmytro", [Role.CASEWORKER, Role.PUBLISHER]),
]


@dataclass
class DemoContext:
    """What the steps share: the organisation's secrets, held in memory only."""

    org_secrets: crypto.OrgSecretKeys
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DemoSummary:
    password: str
    lines: list[str]


def _staff(context: DemoContext) -> None:
    key, context.org_secrets = actions.do_create_organisation_keys()
    for name, roles in DEMO_STAFF:
        member, _ = actions.do_create_staff_member(name, roles, password=DEMO_PASSWORD)
        member.must_change_password = False
        member.save(update_fields=["must_change_password"])
        actions.do_grant_access(member, key, context.org_secrets, granted_by=None)
        secret, uri, codes = _enrol_demo_authenticator(member)
        with translation.override("en"):  # the summary is printed in English
            labels = ", ".join(str(role.label) for role in roles)
        context.lines.append(f"staff {name}: {labels}")
        context.lines.append(f"    authenticator secret: {secret}  ({uri})")
        context.lines.append(f"    recovery codes: {' '.join(codes)}")
    from temoin.verification.certificate_actions import do_publish_lists

    do_publish_lists(actor=None, org=context.org_secrets)


def _enrol_demo_authenticator(member: StaffMember) -> tuple[str, str, list[str]]:
    """DEMO ONLY: set up two-factor login the way a person would, by typing a
    code, and hand back the secret so that the summary can print it."""
    from django_otp.oath import totp

    device = twofactor.do_start_totp_enrolment(member)
    # The previous step's code (accepted within the tolerance) leaves the
    # current one unused, so a newcomer can log in at once.
    code = f"{totp(device.bin_key, drift=-1):06d}"
    codes = twofactor.do_confirm_totp_enrolment(member, code)
    if codes is None:
        raise RuntimeError("the demo authenticator refused its own code")
    device.refresh_from_db()
    return twofactor.secret_for_display(device), device.config_url, codes


DemoStep = Callable[[DemoContext], None]


def _testimonies(context: DemoContext) -> None:
    from temoin.intake.demo import create_demo_testimonies

    context.lines.extend(create_demo_testimonies(context.org_secrets))


def _cases(context: DemoContext) -> None:
    from temoin.cases.demo import create_demo_cases

    context.lines.extend(create_demo_cases(context.org_secrets))


def _verification(context: DemoContext) -> None:
    from temoin.verification.demo import create_demo_verification

    context.lines.extend(create_demo_verification(context.org_secrets))


DEMO_STEPS: list[tuple[str, DemoStep]] = [
    ("staff and keys", _staff),
    ("witness testimony", _testimonies),
    ("case work", _cases),
    ("verification", _verification),
]


def load_demo_data(progress: bool = False) -> DemoSummary:
    """Fill an empty, migrated database with the demo data set."""
    context = DemoContext(org_secrets=crypto.generate_org_keys())
    steps = tqdm(DEMO_STEPS, desc="demo data", unit="step", disable=not progress)
    for label, step in steps:
        steps.set_postfix_str(label)
        step(context)
    return DemoSummary(password=DEMO_PASSWORD, lines=context.lines)
