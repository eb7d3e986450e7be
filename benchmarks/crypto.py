"""Benchmark the crypto core: streams against raw secretstream, records, Argon2id.

Run: ``.venv/bin/python benchmarks/crypto.py [--size BYTES] [--rounds N]``.
Writes benchmarks/results/crypto.json.

Streams: 1 GiB generated in memory (an 8 MiB random block served in slices)
goes through temoin.core.streams into a sink that discards it, and, in the
same run, on the same data and chunk size, through PyNaCl's secretstream
called in a bare loop. Decryption reads each path's own ciphertext back from a
temporary file (in the page cache). The ratios compare the two: temoin's
stream also computes the plaintext's SHA-256 (on a helper thread) and seals
the stream key. Each throughput is the best of ``--rounds`` runs, raw and
temoin interleaved, because other processes share this machine's two cores.

Every stream figure comes with the process CPU time per GiB (all threads),
which other processes hardly move: the SHA-256 shows there as extra CPU.
The 1-minute load average at the end tells how busy the machine was.

Peak RSS growth is the kernel's peak (ru_maxrss) after the streams minus
before them: the streams run first, so nothing earlier set the peak.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_ABYTES,
    crypto_secretstream_xchacha20poly1305_init_pull,
    crypto_secretstream_xchacha20poly1305_init_push,
    crypto_secretstream_xchacha20poly1305_keygen,
    crypto_secretstream_xchacha20poly1305_pull,
    crypto_secretstream_xchacha20poly1305_push,
    crypto_secretstream_xchacha20poly1305_state,
    crypto_secretstream_xchacha20poly1305_TAG_FINAL,
)

from temoin.core import crypto, streams

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import goal, write_results  # noqa: E402

MB = 1_000_000
MIB = 1024 * 1024
GIB = 1024 * MIB
CHUNK = streams.CHUNK_SIZE


class GeneratedSource:
    """``size`` bytes served from one random block, as an upload would arrive."""

    def __init__(self, block: bytes, size: int) -> None:
        self._view = memoryview(block)
        self._left = size
        self._offset = 0

    def read(self, size: int = -1) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        size = min(size, len(self._view) - self._offset)
        piece = self._view[self._offset : self._offset + size].tobytes()
        self._offset = (self._offset + size) % len(self._view)
        self._left -= size
        return piece


class DiscardSink:
    """A writable stream that throws everything away."""

    def write(self, data: bytes) -> int:
        return len(data)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(action: Callable[[], object], cpu: list[float]) -> float:
    """Run ``action``; return its wall time and append its process CPU time."""
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started


def raw_encrypt(src: GeneratedSource, dst: streams.Writable, key: bytes) -> None:
    state = crypto_secretstream_xchacha20poly1305_state()
    dst.write(crypto_secretstream_xchacha20poly1305_init_push(state, key))
    while data := src.read(CHUNK):
        dst.write(crypto_secretstream_xchacha20poly1305_push(state, data))
    dst.write(
        crypto_secretstream_xchacha20poly1305_push(
            state, b"", tag=crypto_secretstream_xchacha20poly1305_TAG_FINAL
        )
    )


def raw_decrypt(path: Path, dst: streams.Writable, key: bytes) -> None:
    state = crypto_secretstream_xchacha20poly1305_state()
    frame = CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES
    with path.open("rb") as src:
        crypto_secretstream_xchacha20poly1305_init_pull(state, src.read(24), key)
        while data := src.read(frame):
            plaintext, _ = crypto_secretstream_xchacha20poly1305_pull(state, data)
            dst.write(plaintext)


def bench_streams(size: int, rounds: int, workdir: Path) -> dict[str, float]:
    block = os.urandom(8 * MIB)
    org = crypto.generate_keypair()
    raw_key = crypto_secretstream_xchacha20poly1305_keygen()
    ours_file, raw_file = workdir / "ours.bin", workdir / "raw.bin"
    baseline = peak_rss_mib()

    def source() -> GeneratedSource:
        return GeneratedSource(block, size)

    names = ("enc", "raw_enc", "dec", "raw_dec")
    times: dict[str, list[float]] = {key: [] for key in names}
    cpu: dict[str, list[float]] = {key: [] for key in names}

    def run(name: str, action: Callable[[], object]) -> None:
        times[name].append(timed(action, cpu[name]))

    for _ in range(rounds):
        run("raw_enc", lambda: raw_encrypt(source(), DiscardSink(), raw_key))
        run(
            "enc", lambda: streams.encrypt_stream(source(), DiscardSink(), [org.public])
        )

    # The ciphertexts to decrypt, written once, untimed.
    with ours_file.open("wb") as dst:
        info = streams.encrypt_stream(source(), dst, [org.public])
    with raw_file.open("wb") as dst:
        raw_encrypt(source(), dst, raw_key)

    def decrypt_ours() -> None:
        with ours_file.open("rb") as src:
            streams.decrypt_stream(src, DiscardSink(), org, info.sealed_key_blob)

    for _ in range(rounds):
        run("raw_dec", lambda: raw_decrypt(raw_file, DiscardSink(), raw_key))
        run("dec", decrypt_ours)

    best = {key: min(values) for key, values in times.items()}
    # CPU seconds per GiB: unlike wall time, hardly moved by other processes.
    cpu_per_gib = {key: min(values) * GIB / size for key, values in cpu.items()}
    return {
        "stream_size_mib": size / MIB,
        "stream_encrypt_mb_per_s": round(size / best["enc"] / MB, 1),
        "raw_secretstream_encrypt_mb_per_s": round(size / best["raw_enc"] / MB, 1),
        "stream_encrypt_ratio": round(best["raw_enc"] / best["enc"], 3),
        "stream_decrypt_mb_per_s": round(size / best["dec"] / MB, 1),
        "raw_secretstream_decrypt_mb_per_s": round(size / best["raw_dec"] / MB, 1),
        "stream_decrypt_ratio": round(best["raw_dec"] / best["dec"], 3),
        "stream_encrypt_cpu_s_per_gib": round(cpu_per_gib["enc"], 3),
        "raw_secretstream_encrypt_cpu_s_per_gib": round(cpu_per_gib["raw_enc"], 3),
        "stream_decrypt_cpu_s_per_gib": round(cpu_per_gib["dec"], 3),
        "raw_secretstream_decrypt_cpu_s_per_gib": round(cpu_per_gib["raw_dec"], 3),
        "stream_peak_rss_growth_mib": round(peak_rss_mib() - baseline, 1),
        "load_average_1min_after_streams": os.getloadavg()[0],
    }


def bench_records(seconds: float = 1.5) -> dict[str, float]:
    org = crypto.generate_keypair()
    record = os.urandom(4096)
    blobs = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        blobs.append(crypto.encrypt_record(record, [org.public]))
    encrypt_rate = len(blobs) / (time.perf_counter() - started)
    started = time.perf_counter()
    for blob in blobs:
        crypto.decrypt_record(blob, org)
    decrypt_rate = len(blobs) / (time.perf_counter() - started)
    return {
        "record_4kib_encryptions_per_s": round(encrypt_rate),
        "record_4kib_decryptions_per_s": round(decrypt_rate),
    }


def bench_argon2id() -> dict[str, float]:
    figures = {}
    repeats = {"test": 50, "interactive": 5, "moderate": 2, "sensitive": 1}
    for name, count in repeats.items():
        params = crypto.KDF_BY_NAME[name]
        salt = os.urandom(16)
        started = time.perf_counter()
        for _ in range(count):
            crypto.derive_key(b"a password of no importance", salt, params)
        seconds = (time.perf_counter() - started) / count
        figures[f"argon2id_{name}_s_per_derivation"] = round(seconds, 6)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1024 * MIB, help="stream bytes")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each stream")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="temoin-bench-") as workdir:
        figures = bench_streams(args.size, args.rounds, Path(workdir))
    figures |= bench_records()
    figures |= bench_argon2id()
    goals = [
        goal(
            "stream encryption vs raw secretstream",
            figures["stream_encrypt_ratio"],
            0.9,
            ">=",
        ),
        goal(
            "stream decryption vs raw secretstream",
            figures["stream_decrypt_ratio"],
            0.9,
            ">=",
        ),
        goal(
            "stream peak RSS growth (MiB)",
            figures["stream_peak_rss_growth_mib"],
            64,
            "<=",
        ),
    ]
    write_results("crypto", figures, goals)


if __name__ == "__main__":
    main()
