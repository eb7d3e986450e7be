"""`temoin init` and `temoin check` as real processes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import process_env, run_temoin

PRODUCTION = {"TEMOIN_TLS": "1"}


def test_it_initialises_once_and_prints_a_one_time_password(
    tmp_path: Path, process_database: dict[str, str]
) -> None:
    env = process_env(tmp_path / "data", **process_database)
    first = run_temoin("init", "--admin", "maria", env=env)
    assert first.returncode == 0, first.stderr
    assert "Admin account: maria" in first.stdout
    assert "One-time password: " in first.stdout
    # Running again keeps the keys and shows no password a second time.
    second = run_temoin("init", env=env)
    assert second.returncode == 0, second.stderr
    assert "One-time password" not in second.stdout
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0
    # and the installation passes the production checks
    checked = run_temoin("check", env={**env, **PRODUCTION})
    assert checked.returncode == 0, checked.stderr


def test_it_passes_check_on_a_configured_production_setup(
    initialised_dir: Path,
) -> None:
    result = run_temoin("check", env=process_env(initialised_dir, **PRODUCTION))
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout


def test_it_fails_check_when_debug_is_on(initialised_dir: Path) -> None:
    env = process_env(initialised_dir, TEMOIN_DEBUG="1", **PRODUCTION)
    result = run_temoin("check", env=env)
    assert result.returncode != 0
    assert "DEBUG is on" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_fails_check_when_the_secret_key_is_missing(
    initialised_dir: Path, tmp_path: Path
) -> None:
    # Given an installation whose secret key file was lost
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("temoin.sqlite3",):
        (copy / name).write_bytes((initialised_dir / name).read_bytes())
    result = run_temoin("check", env=process_env(copy, **PRODUCTION))
    assert result.returncode != 0
    assert "secret key is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_fails_check_when_the_organisation_keys_are_missing(tmp_path: Path) -> None:
    # Given a database that was migrated but never given keys
    env = process_env(tmp_path / "data", **PRODUCTION)
    assert run_temoin("init", env=env).returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "data" / "temoin.sqlite3") as db:
        db.execute("DELETE FROM accounts_keygrant")
        db.execute("DELETE FROM accounts_organisationkey")
    result = run_temoin("check", env=env)
    assert result.returncode != 0
    assert "organisation's keys are missing" in result.stderr


def test_it_fails_check_on_an_uninitialised_installation(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    env = process_env(tmp_path / "data", TEMOIN_SECRET_KEY="k" * 60, **PRODUCTION)
    result = run_temoin("check", env=env)
    assert result.returncode != 0
    assert "run `temoin init`" in result.stderr
    assert "Traceback" not in result.stderr
