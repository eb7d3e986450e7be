"""Fixtures shared by the whole suite: processes, ports, personas."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TEMOIN = str(Path(sys.executable).with_name("temoin"))
# The server listens on one loopback address and clients speak from another,
# so a test can tell the client's address apart from the server's own.
SERVER_HOST = "127.0.0.2"
CLIENT_HOST = "127.0.0.3"


def free_port(host: str = SERVER_HOST) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def process_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a real `temoin` process (no test settings)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEMOIN_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["TEMOIN_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run_temoin(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TEMOIN, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    data_dir: Path
    # The database a process test points the server at ({} for SQLite).
    database_env: dict[str, str] = field(default_factory=dict)

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def wait_for_port(host: str, port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start within 60 s")


def start_server(
    data_dir: Path,
    log_path: Path,
    *,
    extra_env: dict[str, str] | None = None,
    serve_args: tuple[str, ...] = (),
) -> RunningServer:
    port = free_port()
    env = process_env(data_dir, TEMOIN_ALLOWED_HOSTS=SERVER_HOST, **(extra_env or {}))
    log = log_path.open("wb")
    process = subprocess.Popen(
        [TEMOIN, "serve", "--host", SERVER_HOST, "--port", str(port), *serve_args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=REPO,
    )
    wait_for_port(SERVER_HOST, port, process)
    return RunningServer(f"http://{SERVER_HOST}:{port}", process, log_path, data_dir)


def stop_server(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def initialised_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory where `temoin init` ran once (SQLite)."""
    data_dir = tmp_path_factory.mktemp("temoin-data")
    result = run_temoin("init", env=process_env(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def live_server_process(
    initialised_dir: Path, tmp_path: Path
) -> Iterator[RunningServer]:
    """`temoin serve` as a real gunicorn process on a loopback address."""
    server = start_server(
        initialised_dir, tmp_path / "server.log", extra_env={"TEMOIN_DEVELOPMENT": "1"}
    )
    try:
        yield server
    finally:
        stop_server(server)


def require_tool(name: str) -> str:
    """The path of a system tool the test needs; fail loudly when missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make system-deps`")
    return path


@pytest.fixture
def process_database(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Environment pointing a real process at a fresh database of the run's kind:
    SQLite in its data directory, or a new PostgreSQL database when the suite
    runs on PostgreSQL."""
    base_url = os.environ.get("TEMOIN_TEST_DATABASE_URL")
    if not base_url:
        yield {}
        return
    import secrets

    import psycopg

    name = f"temoin_proc_{secrets.token_hex(6)}"
    with psycopg.connect(base_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    prefix = base_url.rsplit("/", 1)[0]
    try:
        yield {"TEMOIN_DATABASE_URL": f"{prefix}/{name}"}
    finally:
        with psycopg.connect(base_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
