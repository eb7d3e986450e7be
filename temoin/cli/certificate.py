"""`temoin certificate`: check certificates, print the published keys, and
give a verifier's signature from the command line.

Signatures go through the same actions as the web pages, so the two-person
rule holds here too: the verifier who asked for a certificate cannot approve
it, whatever roles or interface they use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from temoin.cli import runtime
from temoin.cli.errors import TemoinCLIError

MAX_FILE_BYTES = 64 * 1024


@click.group()
def certificate() -> None:
    """Verification certificates: verify, keys, approve, sign-verdict."""


def _bring_up() -> None:
    runtime.bring_up(create=False)
    runtime.require_migrated()
    from django.utils import translation

    translation.activate("en")


def _read_json(path: Path, what: str) -> Any:
    try:
        data = path.read_bytes()[: MAX_FILE_BYTES * 16]
        return json.loads(data)
    except (OSError, ValueError) as exc:
        raise TemoinCLIError(f"cannot read the {what} {path}: {exc}") from None


@certificate.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--keys",
    "keys_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A published keys.json: check offline, without the database.",
)
@click.option(
    "--revocations",
    "revocations_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A published revocations.json (with --keys).",
)
def verify(file: Path, keys_file: Path | None, revocations_file: Path | None) -> None:
    """Check a certificate: exit 0 if valid, 1 if not, with the reason on one line.

    Without --keys it checks against this installation's keys and revocations.

    Example: temoin certificate verify certificate.json --keys keys.json
    """
    from temoin.core import crypto
    from temoin.core.certificates import (
        keys_from_list,
        revoked_from_list,
        verify_certificate,
    )

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise TemoinCLIError(f"cannot read {file}: {exc.strerror}") from None
    if keys_file is not None:
        try:
            trusted = keys_from_list(_read_json(keys_file, "key list"))
            revoked: set[str] = set()
            if revocations_file is not None:
                revoked = revoked_from_list(
                    _read_json(revocations_file, "revocation list"), trusted
                )
        except (ValueError, crypto.CryptoError) as exc:
            raise TemoinCLIError(
                f"the published lists do not check out: {exc}"
            ) from None
    else:
        _bring_up()
        from temoin.verification import queries

        trusted, revoked = queries.trusted_keys(), queries.revoked_ids()
    result = verify_certificate(data, trusted, revoked)
    if result.is_valid and result.document is not None:
        issuer = result.document.get("issuer", {}).get("organisation", "")
        click.echo(
            f"valid: certificate {result.document['id']} issued by {issuer} "
            f"on {result.document['issued_at']}"
        )
        return
    click.echo(f"invalid: {result.status.value}: {result.reason}")
    raise SystemExit(1)


@certificate.command("keys")
def keys() -> None:
    """Print the published public key list (JSON, as served at /keys.json).

    Example: temoin certificate keys > keys.json
    """
    _bring_up()
    from temoin.verification import queries
    from temoin.verification.models import ListKind

    click.echo(queries.published_json(ListKind.KEYS))


def _verifier(name: str) -> tuple[Any, Any]:
    from temoin.accounts import actions, login

    password = click.prompt(f"Password of {name}", hide_input=True)
    member = login.do_check_password(name, password)
    if member is None:
        raise TemoinCLIError(
            f"wrong password for {name!r}, unknown account, or account locked"
        )
    org = actions.open_member_keys(member, password)
    if org is None:
        raise TemoinCLIError(f"{name!r} does not hold the organisation's keys")
    return member, org


@certificate.command("approve")
@click.argument("certificate_id")
@click.option("--as", "name", required=True, help="The approving verifier.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the signed certificate JSON here.",
)
def approve(certificate_id: str, name: str, out: Path | None) -> None:
    """Give the second signature to a requested certificate.

    Asks for the verifier's password. The verifier who requested it cannot.

    Example: temoin certificate approve 3f2a... --as vera --out certificate.json
    """
    _bring_up()
    from temoin.verification import actions, certificate_actions
    from temoin.verification.models import Certificate

    found = Certificate.objects.filter(certificate_id=certificate_id).first()
    if found is None:
        raise TemoinCLIError(f"no certificate {certificate_id!r}")
    member, org = _verifier(name)
    try:
        signed = certificate_actions.do_approve_certificate(
            found, actor=member, org=org
        )
    except actions.VerificationError as exc:
        raise TemoinCLIError(str(exc)) from None
    text = json.dumps(signed, ensure_ascii=False, indent=2)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    click.echo(f"certificate {certificate_id} issued")


@certificate.command("sign-verdict")
@click.argument("case_id", type=int)
@click.argument(
    "verdict",
    type=click.Choice(["unverified", "partly_corroborated", "verified", "rejected"]),
)
@click.option("--as", "name", required=True, help="The signing verifier.")
def sign_verdict(case_id: int, verdict: str, name: str) -> None:
    """Give a case its verdict; "verified" needs two different verifiers.

    Example: temoin certificate sign-verdict 42 verified --as boris
    """
    _bring_up()
    from temoin.cases.models import Case
    from temoin.verification import actions
    from temoin.verification.models import Verdict

    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        raise TemoinCLIError(f"no case {case_id}")
    member, _ = _verifier(name)
    try:
        done = actions.do_sign_verdict(case, Verdict(verdict), actor=member)
    except actions.VerificationError as exc:
        raise TemoinCLIError(str(exc)) from None
    if done:
        click.echo(f"case {case_id} is now {verdict}")
    else:
        click.echo(f"case {case_id}: {verdict} awaits a second verifier")
