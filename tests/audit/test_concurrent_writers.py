"""Several processes appending at once keep one unbroken chain, on SQLite and
on PostgreSQL; then real `temoin audit verify` processes judge the result,
before and after a row is edited with SQL."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import process_env, run_temoin

WORKERS = 4
ENTRIES_EACH = 40

WRITER = """
import sys, time, pathlib
import django
django.setup()
from temoin.audit.actions import record
go = pathlib.Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
for n in range(int(sys.argv[2])):
    record(None, "test.concurrent", ("worker", sys.argv[3]), n=n)
"""


def _count(verify_output: str) -> int:
    return int(verify_output.split("intact: ")[1].split(" entries")[0])


def _execute(env: dict[str, str], data_dir: Path, statement: str) -> None:
    url = env.get("TEMOIN_DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            db.execute(statement)
    else:
        with sqlite3.connect(data_dir / "temoin.sqlite3") as db:
            db.execute(statement)


def test_it_keeps_one_chain_under_concurrent_writers(
    tmp_path: Path, process_database: dict[str, str]
) -> None:
    data_dir = tmp_path / "data"
    env = process_env(data_dir, **process_database)
    init = run_temoin("init", env=env)
    assert init.returncode == 0, init.stderr
    before = _count(run_temoin("audit", "verify", env=env).stdout)
    writer_env = dict(env, DJANGO_SETTINGS_MODULE="temoin.settings")
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(go), str(ENTRIES_EACH), str(n)],
            env=writer_env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    time.sleep(1.0)  # let every writer start and wait at the line
    go.touch()
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    result = run_temoin("audit", "verify", env=env)
    assert result.returncode == 0, result.stderr
    assert _count(result.stdout) == before + WORKERS * ENTRIES_EACH
    # When one row is edited in the database itself
    _execute(
        env, data_dir, "UPDATE audit_auditentry SET object_id = '9' WHERE seq = 50"
    )
    broken = run_temoin("audit", "verify", env=env)
    assert broken.returncode == 1
    assert "audit log broken at entry 50: altered" in broken.stderr
    assert "Traceback" not in broken.stderr
