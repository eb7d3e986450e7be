"""`temoin demo` prepares a fresh demo installation."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import process_env, run_temoin


def test_it_prepares_the_demo_and_starts_afresh_each_time(tmp_path: Path) -> None:
    env = process_env(tmp_path / "demo")
    first = run_temoin("demo", "--no-serve", env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "temoin demo is ready at http://127.0.0.1:8000/" in first.stdout
    assert "staff anna: Caseworker" in first.stdout
    assert (tmp_path / "demo" / ".temoin-demo").exists()
    second = run_temoin("demo", "--no-serve", env=env, timeout=300)
    assert second.returncode == 0, second.stderr
