"""Witness intake under load, against `temoin serve` as a real process.

Figures: sequential text-submission latency; submissions per second at 8 and
32 connections as a ratio to the bound the codename derivation sets (cores /
seconds per derivation), beside a trivial page; a 1 GiB upload as a ratio to
the same gunicorn configuration reading and discarding a 1 GiB body (a tiny
WSGI app served by ``temoin.server.ServerOptions``' own gunicorn config, run
by this script with ``--discard-server``), and the server's peak memory above
idle during the upload. Each baseline is measured right beside what it is
compared to, so that both see the same load on a shared machine; figures are
medians over a few rounds. Writes benchmarks/results/intake.json.

Run: .venv/bin/python benchmarks/intake.py
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import goal, write_results  # noqa: E402

HOST = "127.0.0.1"
TEMOIN = str(Path(sys.executable).with_name("temoin"))
UPLOAD_BYTES = 1024 * 1024 * 1024
PIECE = 1024 * 1024
SEQUENTIAL = 40
CONCURRENT_SECONDS = 8.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def rss_of_tree(pid: int) -> int:
    import psutil

    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += process.memory_info().rss
    return total


class Session:
    """One keep-alive connection with a CSRF cookie and token."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=600)
        self.connection.request("GET", "/ru/testimony/new/")
        response = self.connection.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie") or ""
        self.cookie = cookie.split(";")[0]
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, html[:300]
        self.token = match.group(1)
        self.origin = f"http://{HOST}:{port}"

    def submit(self) -> float:
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "q_testimony": "Я видел колонну техники у границы. " * 40,
                "q_consent": "anonymised",
            }
        ).encode()
        started = time.perf_counter()
        self.connection.request(
            "POST",
            "/ru/testimony/new/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": self.cookie,
                "Origin": self.origin,
            },
        )
        response = self.connection.getresponse()
        response.read()
        if response.status != 201:
            raise RuntimeError(f"submission answered {response.status}")
        return time.perf_counter() - started

    def home(self) -> float:
        started = time.perf_counter()
        self.connection.request("GET", "/ru/")
        response = self.connection.getresponse()
        response.read()
        return time.perf_counter() - started


def concurrent(
    port: int, connections: int, action: Callable[[Session], float]
) -> tuple[float, float, float]:
    """Requests per second, p50 and p99 latency over CONCURRENT_SECONDS."""
    sessions = [Session(port) for _ in range(connections)]
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + CONCURRENT_SECONDS

    def loop(session: Session) -> None:
        mine = []
        while time.monotonic() < stop_at:
            mine.append(action(session))
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return (
        len(latencies) / elapsed,
        latencies[len(latencies) // 2],
        latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    )


def upload_body(boundary: str, token: str) -> tuple[bytes, bytes, int]:
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
        f"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
        f'name="q_testimony"\r\n\r\nbenchmark\r\n--{boundary}\r\n'
        f'Content-Disposition: form-data; name="q_consent"\r\n\r\nnone\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="film.mp4"\r\nContent-Type: video/mp4\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head, tail, len(head) + UPLOAD_BYTES + len(tail)


def body_pieces(head: bytes, tail: bytes) -> Iterable[bytes]:
    yield head
    piece = bytearray(os.urandom(PIECE))
    piece[:12] = b"\0\0\0\x18ftypmp42"
    yield bytes(piece)
    filler = os.urandom(PIECE)
    for _ in range(UPLOAD_BYTES // PIECE - 1):
        yield filler
    yield tail


def timed_upload(
    port: int, path: str, headers: dict[str, str], head: bytes, tail: bytes, length: int
) -> tuple[float, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=3600)
    started = time.perf_counter()
    connection.putrequest("POST", path)
    for key, value in {**headers, "Content-Length": str(length)}.items():
        connection.putheader(key, value)
    connection.endheaders()
    for piece in body_pieces(head, tail):
        connection.send(piece)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed, response.status


def discard_app(
    environ: dict[str, Any], start_response: Callable[..., Any]
) -> list[bytes]:
    stream = environ["wsgi.input"]
    remaining = int(environ.get("CONTENT_LENGTH") or 0)
    while remaining > 0:
        data = stream.read(min(PIECE, remaining))
        if not data:
            break
        remaining -= len(data)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"discarded"]


def run_discard_server(port: int) -> None:
    from gunicorn.app.base import BaseApplication

    from temoin.server import ServerOptions

    class Discard(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = ServerOptions(host=HOST, port=port, access_log=False)
            for key, value in options.gunicorn_config().items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return discard_app

    Discard().run()


def derivation_seconds() -> float:
    from temoin.core import codenames, crypto

    codename = codenames.generate_codename("en")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        codenames.derive_witness_secrets(codename, b"s" * 16, crypto.CODENAME_KDF)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


ROUNDS = 3


def upload_round(port: int, server_pid: int) -> tuple[float, float]:
    """One 1 GiB upload: MB/s and the server's peak memory above idle (MiB)."""
    time.sleep(1)
    idle = rss_of_tree(server_pid)
    peak = [idle]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak[0] = max(peak[0], rss_of_tree(server_pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    upload = Session(port)
    head, tail, length = upload_body("benchboundary", upload.token)
    try:
        elapsed, status = timed_upload(
            port,
            "/ru/testimony/new/",
            {
                "Content-Type": "multipart/form-data; boundary=benchboundary",
                "Cookie": upload.cookie,
                "Origin": upload.origin,
            },
            head,
            tail,
            length,
        )
    finally:
        sampling.set()
        sampler.join()
    if status != 201:
        raise SystemExit(f"the upload answered {status}")
    return UPLOAD_BYTES / 1e6 / elapsed, (peak[0] - idle) / 2**20


def discard_round(port: int, head: bytes, tail: bytes, length: int) -> float:
    elapsed, status = timed_upload(
        port, "/", {"Content-Type": "application/octet-stream"}, head, tail, length
    )
    if status != 200:
        raise SystemExit(f"the discard server answered {status}")
    return UPLOAD_BYTES / 1e6 / elapsed


def _derive_many(count: int) -> None:
    from temoin.core import codenames, crypto

    codename = codenames.generate_codename("en")
    for _ in range(count):
        codenames.derive_witness_secrets(codename, b"s" * 16, crypto.CODENAME_KDF)


def parallel_derivations_per_s(threads: int, each: int = 4) -> float:
    """Derivations per second with ``threads`` deriving at once (GIL released).

    What the machine can really give to derivations right now: on a shared
    machine, less than cores / one derivation's time when the other cores
    are busy with other work.
    """
    workers = [
        threading.Thread(target=_derive_many, args=(each,)) for _ in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return threads * each / (time.perf_counter() - started)


def main() -> None:
    """Measure, interleaving every baseline with what it is compared to.

    Other work on the machine changes the figures from minute to minute, so
    each ratio is taken between runs made side by side: a derivation timing
    right before each concurrent run, a discard upload right after each real
    upload (both servers run all along, the idle one costs nothing). The
    figures are medians over ROUNDS rounds.
    """
    data_dir = Path(tempfile.mkdtemp(prefix="temoin-bench-intake-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEMOIN_")}
    env.update(TEMOIN_DATA_DIR=str(data_dir), TEMOIN_DEVELOPMENT="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    figures: dict[str, float] = {}
    server = discard = None
    try:
        subprocess.run([TEMOIN, "init"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [TEMOIN, "serve", "--host", HOST, "--port", str(port), "--no-access-log"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # A service runs in its own session, so the kernel's autogroup
            # scheduling does not make it share CPU with this load generator.
            start_new_session=True,
        )
        discard_port = free_port()
        discard = subprocess.Popen(
            [sys.executable, __file__, "--discard-server", str(discard_port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(port, server)
        wait_for(discard_port, discard)
        cores = os.cpu_count() or 1
        session = Session(port)
        for _ in range(3):
            session.submit()
        latencies = sorted(session.submit() for _ in range(SEQUENTIAL))
        figures["sequential_submission_p50_s"] = round(
            latencies[len(latencies) // 2], 4
        )
        derivations: list[float] = []
        parallel: list[float] = []
        per: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            for connections in (8, 32):
                derive = derivation_seconds()
                derivations.append(derive)
                capacity = parallel_derivations_per_s(cores)
                parallel.append(capacity)
                rate, p50, p99 = concurrent(port, connections, Session.submit)
                per.setdefault(
                    f"submissions_{connections}c_ratio_to_parallel_derivations", []
                ).append(rate / capacity)
                for name, value in (
                    (f"submissions_{connections}c_per_s", rate),
                    (f"submissions_{connections}c_p50_s", p50),
                    (f"submissions_{connections}c_p99_s", p99),
                    (
                        f"submissions_{connections}c_ratio_to_bound",
                        rate * derive / cores,
                    ),
                ):
                    per.setdefault(name, []).append(value)
        derive = statistics.median(derivations)
        figures["codename_derivation_s"] = round(derive, 4)
        figures["derivation_bound_per_s"] = round(cores / derive, 1)
        figures["parallel_derivations_per_s"] = round(statistics.median(parallel), 1)
        for connections in (8, 32):
            for name in (
                f"submissions_{connections}c_per_s",
                f"submissions_{connections}c_p50_s",
                f"submissions_{connections}c_p99_s",
                f"submissions_{connections}c_ratio_to_bound",
                f"submissions_{connections}c_ratio_to_parallel_derivations",
            ):
                figures[name] = round(statistics.median(per[name]), 4)
            rate, p50, p99 = concurrent(port, connections, Session.home)
            figures[f"trivial_page_{connections}c_per_s"] = round(rate, 1)

        uploads, discards, ratios, peaks = [], [], [], []
        for _ in range(ROUNDS):
            upload_mb_s, peak = upload_round(port, server.pid)
            head, tail, length = upload_body("benchboundary", "x" * 64)
            discard_mb_s = discard_round(discard_port, head, tail, length)
            uploads.append(upload_mb_s)
            discards.append(discard_mb_s)
            ratios.append(upload_mb_s / discard_mb_s)
            peaks.append(peak)
        figures["upload_1gib_mb_per_s"] = round(statistics.median(uploads), 1)
        figures["upload_peak_memory_above_idle_mib"] = round(max(peaks), 1)
        figures["discard_1gib_mb_per_s"] = round(statistics.median(discards), 1)
        figures["upload_ratio_to_discard"] = round(statistics.median(ratios), 3)
        figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    finally:
        for process in (server, discard):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)
        shutil.rmtree(data_dir, ignore_errors=True)
    goals = [
        goal(
            "sequential_submission_p50_s",
            figures["sequential_submission_p50_s"],
            0.3,
            "<=",
        ),
        goal(
            "submissions_8c_ratio_to_bound",
            figures["submissions_8c_ratio_to_bound"],
            0.7,
            ">=",
        ),
        goal(
            "submissions_32c_ratio_to_bound",
            figures["submissions_32c_ratio_to_bound"],
            0.7,
            ">=",
        ),
        goal("upload_ratio_to_discard", figures["upload_ratio_to_discard"], 0.5, ">="),
        goal(
            "upload_peak_memory_above_idle_mib",
            figures["upload_peak_memory_above_idle_mib"],
            100,
            "<=",
        ),
    ]
    write_results("intake", figures, goals)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--discard-server":
        run_discard_server(int(sys.argv[2]))
    else:
        main()
