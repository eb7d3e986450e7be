"""Bad configuration: one clear line on stderr, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import process_env, run_temoin


def assert_one_clear_line(stderr: str, expected: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("temoin: error: ")
    assert expected in lines[0]


def test_it_reports_an_unreachable_database(tmp_path: Path) -> None:
    env = process_env(
        tmp_path / "data",
        TEMOIN_DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere",
    )
    result = run_temoin("init", env=env)
    assert result.returncode != 0
    assert_one_clear_line(result.stderr, "cannot reach the database")


def test_it_reports_an_unwritable_data_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_temoin("init", env=process_env(blocker / "data"))
    assert result.returncode != 0
    assert_one_clear_line(result.stderr, "is not usable")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TEMOIN_DEBUG", "maybe", "TEMOIN_DEBUG must be true or false"),
        (
            "TEMOIN_SESSION_MINUTES",
            "ten",
            "TEMOIN_SESSION_MINUTES must be a whole number",
        ),
        ("TEMOIN_MAX_UPLOAD_MB", "0", "TEMOIN_MAX_UPLOAD_MB must be at least 1"),
        ("TEMOIN_DATABASE_URL", "nosuchdb://x/y", "TEMOIN_DATABASE_URL"),
    ],
)
def test_it_reports_a_malformed_variable(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    result = run_temoin("init", env=process_env(tmp_path / "data", **{variable: value}))
    assert result.returncode != 0
    assert_one_clear_line(result.stderr, expected)


def test_it_refuses_to_serve_an_uninitialised_installation(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    env = process_env(tmp_path / "data", TEMOIN_SECRET_KEY="k" * 60)
    result = run_temoin("serve", "--port", "1", env=env)
    assert result.returncode != 0
    assert_one_clear_line(result.stderr, "run `temoin init`")


def test_it_refuses_to_put_the_demo_over_a_real_installation(
    initialised_dir: Path,
) -> None:
    result = run_temoin("demo", "--no-serve", env=process_env(initialised_dir))
    assert result.returncode != 0
    assert_one_clear_line(result.stderr, "holds a real installation")
