"""`temoin certificate`: verify with exit codes, and the two-person rule holds
from the command line too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from temoin.cli import main
from temoin.verification import actions, certificate_actions
from temoin.verification.models import Certificate, ListKind, Verdict
from temoin.verification.queries import latest_list
from tests.accounts.conftest import PASSWORD
from tests.cases.conftest import MakeTestimony, Organisation
from tests.conftest import process_env, run_temoin
from tests.verification.conftest import Verifiers
from tests.verification.test_actions import DRAFT


@pytest.fixture
def issued(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> tuple[Certificate, dict[str, object]]:
    case = make_testimony("в/ч 12345").case
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.boris)
    actions.do_sign_verdict(case, Verdict.VERIFIED, actor=verifiers.vera)
    certificate = certificate_actions.do_request_certificate(
        case, DRAFT, actor=verifiers.boris, org=org.secrets
    )
    signed = certificate_actions.do_approve_certificate(
        certificate, actor=verifiers.vera, org=org.secrets
    )
    return certificate, signed


def test_it_verifies_against_the_installation(
    issued: tuple[Certificate, dict[str, object]], tmp_path: Path
) -> None:
    _, signed = issued
    good = tmp_path / "good.json"
    good.write_text(json.dumps(signed, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["certificate", "verify", str(good)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: certificate ")
    bad = tmp_path / "bad.json"
    document = dict(signed["document"])  # type: ignore[call-overload]
    document["verdict"] = "rejected"
    bad.write_text(json.dumps({**signed, "document": document}), encoding="utf-8")
    result = CliRunner().invoke(main, ["certificate", "verify", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "invalid: tampered: The signature does not match: it was altered."
    ]
    keys = CliRunner().invoke(main, ["certificate", "keys"])
    assert keys.exit_code == 0 and '"temoin.public-keys"' in keys.output


def test_it_verifies_offline_in_a_real_process(
    issued: tuple[Certificate, dict[str, object]], tmp_path: Path
) -> None:
    # Given only what the public site publishes and the certificate
    _, signed = issued
    (tmp_path / "keys.json").write_text(latest_list(ListKind.KEYS) or "", "utf-8")
    (tmp_path / "rev.json").write_text(latest_list(ListKind.REVOCATIONS) or "", "utf-8")
    (tmp_path / "cert.json").write_text(json.dumps(signed), "utf-8")
    (tmp_path / "junk.json").write_text("{oops", "utf-8")
    env = process_env(tmp_path / "no-such-data-dir")
    offline = [
        "--keys",
        str(tmp_path / "keys.json"),
        "--revocations",
        str(tmp_path / "rev.json"),
    ]
    # When temoin checks them without any database
    ok = run_temoin(
        "certificate", "verify", str(tmp_path / "cert.json"), *offline, env=env
    )
    junk = run_temoin(
        "certificate", "verify", str(tmp_path / "junk.json"), *offline, env=env
    )
    # Then the genuine one is valid and the junk invalid, each on one line
    assert ok.returncode == 0, ok.stderr
    assert junk.returncode == 1
    assert junk.stdout.startswith("invalid: malformed:")
    assert len(junk.stdout.strip().splitlines()) == 1


def test_the_cli_cannot_bypass_the_two_person_rule(
    make_testimony: MakeTestimony, org: Organisation, verifiers: Verifiers
) -> None:
    case = make_testimony("в/ч 12345").case
    runner = CliRunner()
    sign = ["certificate", "sign-verdict", str(case.pk), "verified", "--as", "olga"]
    first = runner.invoke(main, sign, input=f"{PASSWORD}\n")
    assert first.exit_code == 0, first.output
    assert "awaits a second verifier" in first.output
    again = runner.invoke(main, sign, input=f"{PASSWORD}\n")
    assert again.exit_code != 0
    assert "second, different verifier" in again.output
    assert actions.verification_for(case).verdict == Verdict.UNVERIFIED
    second = runner.invoke(main, [*sign[:-1], "vera"], input=f"{PASSWORD}\n")
    assert second.exit_code == 0, second.output
    assert actions.verification_for(case).verdict == Verdict.VERIFIED

    certificate = certificate_actions.do_request_certificate(
        case, DRAFT, actor=verifiers.olga, org=org.secrets
    )
    approve = ["certificate", "approve", certificate.certificate_id, "--as", "olga"]
    refused = runner.invoke(main, approve, input=f"{PASSWORD}\n")
    assert refused.exit_code != 0
    assert "second, different verifier" in refused.output
    certificate.refresh_from_db()
    assert certificate.status == "requested"
    approved = runner.invoke(main, [*approve[:-1], "boris"], input=f"{PASSWORD}\n")
    assert approved.exit_code == 0, approved.output
    certificate.refresh_from_db()
    assert certificate.status == "issued"


def test_it_refuses_a_wrong_password(
    make_testimony: MakeTestimony, verifiers: Verifiers
) -> None:
    case = make_testimony("x").case
    result = CliRunner().invoke(
        main,
        ["certificate", "sign-verdict", str(case.pk), "rejected", "--as", "boris"],
        input="wrong\n",
    )
    assert result.exit_code != 0
    assert "wrong password" in result.output
