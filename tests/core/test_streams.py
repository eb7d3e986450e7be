"""Tests of temoin.core.streams: round trips, damage of every kind, constant memory.

Run as a script (``python tests/core/test_streams.py --gigabyte N``), this file
is also the child process that measures peak memory over a 1 GiB stream.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from temoin.core import crypto, streams
from temoin.core.crypto import (
    CryptoError,
    ItemShredded,
    KeyPair,
    TamperedData,
    TruncatedStream,
    UnknownFormat,
    WrongKey,
)
from temoin.core.streams import StreamDecryptor, StreamEncryptor

ORG = crypto.generate_keypair()
WITNESS = crypto.generate_keypair()
STRANGER = crypto.generate_keypair()
SMALL_CHUNK = 16
HEADER_SIZE = 7 + 24
FRAME = SMALL_CHUNK + 17

fast = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def encrypt(
    plaintext: bytes,
    chunk_size: int = SMALL_CHUNK,
    embed_key: bool = False,
    recipients: tuple[bytes, ...] = (ORG.public,),
) -> tuple[bytes, streams.EncryptedStreamInfo]:
    dst = io.BytesIO()
    info = streams.encrypt_stream(
        io.BytesIO(plaintext),
        dst,
        recipients,
        chunk_size=chunk_size,
        embed_key=embed_key,
    )
    return dst.getvalue(), info


def decrypt(ciphertext: bytes, blob: bytes | None, keypair: KeyPair = ORG) -> bytes:
    """Decrypt with the pull API, failing the test if it returns short."""
    out = io.BytesIO()
    written = streams.decrypt_stream(io.BytesIO(ciphertext), out, keypair, blob)
    assert written == len(out.getvalue())
    return out.getvalue()


def decrypt_pushed(ciphertext: bytes, blob: bytes | None, piece: int = 7) -> bytes:
    """Decrypt with the push API, fed in pieces of ``piece`` bytes."""
    decryptor = StreamDecryptor(ORG, blob)
    out = [
        decryptor.update(ciphertext[i : i + piece])
        for i in range(0, len(ciphertext), piece)
    ]
    return b"".join(out) + decryptor.finalize()


def expect(error: type[CryptoError], action: Any) -> None:
    with pytest.raises(error):
        result = action()
        pytest.fail(f"A damaged stream was accepted and gave {result!r}.")


PLAINTEXT = bytes(random.Random(1).randbytes(5 * SMALL_CHUNK + 5))
CIPHERTEXT, INFO = encrypt(PLAINTEXT)


# --- Round trips ---------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 64, 100])
def test_it_round_trips_streams_of_every_shape(size: int) -> None:
    plaintext = os.urandom(size)
    ciphertext, info = encrypt(plaintext)
    assert info.plaintext_size == size
    assert info.sha256 == hashlib.sha256(plaintext).hexdigest()
    assert decrypt(ciphertext, info.sealed_key_blob) == plaintext
    assert decrypt_pushed(ciphertext, info.sealed_key_blob) == plaintext


def test_it_round_trips_with_the_default_chunk_size() -> None:
    plaintext = os.urandom(3 * streams.CHUNK_SIZE + 1234)
    ciphertext, info = encrypt(plaintext, chunk_size=streams.CHUNK_SIZE)
    assert decrypt(ciphertext, info.sealed_key_blob) == plaintext
    pieces = list(
        streams.iter_decrypted(io.BytesIO(ciphertext), ORG, info.sealed_key_blob)
    )
    assert [len(piece) for piece in pieces] == [streams.CHUNK_SIZE] * 3 + [1234]


def test_it_hashes_large_streams_on_a_helper_thread_correctly() -> None:
    # Past the 4 MiB batch, the SHA-256 is computed by a helper thread.
    plaintext = random.Random(2).randbytes(9 * 1024 * 1024 + 3)
    ciphertext, info = encrypt(plaintext, chunk_size=streams.CHUNK_SIZE)
    assert info.sha256 == hashlib.sha256(plaintext).hexdigest()
    assert decrypt(ciphertext, info.sealed_key_blob) == plaintext


@given(
    plaintext=st.binary(max_size=300),
    cuts=st.lists(st.integers(0, 300), max_size=12),
    piece=st.integers(1, 80),
)
@fast
def test_it_gives_the_same_stream_whatever_the_pieces_pushed(
    plaintext: bytes, cuts: list[int], piece: int
) -> None:
    encryptor = StreamEncryptor([ORG.public], SMALL_CHUNK)
    parts = [encryptor.header()]
    bounds = sorted({0, len(plaintext), *(cut for cut in cuts if cut < len(plaintext))})
    for start, end in zip(bounds, bounds[1:], strict=False):
        parts.append(encryptor.update(bytearray(plaintext[start:end])))
    last, info = encryptor.finalize()
    ciphertext = b"".join(parts) + last
    assert info.sha256 == hashlib.sha256(plaintext).hexdigest()
    assert len(ciphertext) == HEADER_SIZE + (
        len(plaintext) // SMALL_CHUNK + 1
    ) * 17 + len(plaintext)
    assert decrypt(ciphertext, info.sealed_key_blob) == plaintext
    assert decrypt_pushed(ciphertext, info.sealed_key_blob, piece) == plaintext


def test_it_reads_from_pipes_that_return_short_reads() -> None:
    plaintext = os.urandom(200_000)
    ciphertext, info = encrypt(plaintext, chunk_size=streams.CHUNK_SIZE)
    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb", buffering=0) as pipe:
            for start in range(0, len(ciphertext), 1000):
                pipe.write(ciphertext[start : start + 1000])

    feeder = threading.Thread(target=feed)
    feeder.start()
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        out = io.BytesIO()
        streams.decrypt_stream(pipe, out, ORG, info.sealed_key_blob)
    feeder.join()
    assert out.getvalue() == plaintext


def test_it_lays_out_a_file_as_documented() -> None:
    assert CIPHERTEXT[:7] == bytes([0x51, 0x01, 0x00]) + SMALL_CHUNK.to_bytes(4, "big")
    frames = len(PLAINTEXT) // SMALL_CHUNK + 1
    assert len(CIPHERTEXT) == HEADER_SIZE + len(PLAINTEXT) + frames * 17


def test_it_keeps_the_key_out_of_the_file() -> None:
    # Crypto-shredding works on the database row alone: the file has no key.
    assert INFO.sealed_key_blob not in CIPHERTEXT
    expect(WrongKey, partial(decrypt, CIPHERTEXT, None))


@given(plaintext=st.binary(min_size=12, max_size=200))
@fast
def test_it_never_writes_the_plaintext(plaintext: bytes) -> None:
    ciphertext, _ = encrypt(plaintext)
    assert plaintext not in ciphertext
    assert plaintext[:12] not in ciphertext


def test_it_opens_for_every_recipient() -> None:
    ciphertext, info = encrypt(PLAINTEXT, recipients=(ORG.public, WITNESS.public))
    assert decrypt(ciphertext, info.sealed_key_blob, WITNESS) == PLAINTEXT
    assert decrypt(ciphertext, info.sealed_key_blob, ORG) == PLAINTEXT


def test_it_can_embed_the_key_for_self_contained_exports() -> None:
    ciphertext, info = encrypt(PLAINTEXT, embed_key=True)
    assert ciphertext[2] == 0x01
    assert info.sealed_key_blob in ciphertext
    assert decrypt(ciphertext, None) == PLAINTEXT
    assert decrypt_pushed(ciphertext, None) == PLAINTEXT
    expect(WrongKey, partial(decrypt, ciphertext, None, STRANGER))


# --- Keys -------------------------------------------------------------------------


def test_it_refuses_a_key_pair_that_is_not_a_recipient() -> None:
    expect(WrongKey, partial(decrypt, CIPHERTEXT, INFO.sealed_key_blob, STRANGER))


def test_it_cannot_open_a_shredded_stream() -> None:
    shredded = crypto.shred_record(INFO.sealed_key_blob)
    expect(ItemShredded, partial(decrypt, CIPHERTEXT, shredded))
    expect(ItemShredded, partial(decrypt_pushed, CIPHERTEXT, shredded))


def test_it_refuses_the_key_of_another_file() -> None:
    _, other = encrypt(PLAINTEXT)
    expect(TamperedData, partial(decrypt, CIPHERTEXT, other.sealed_key_blob))


def test_it_does_not_take_a_stream_key_for_a_record() -> None:
    # The sealed stream key carries its own context: it is no record.
    expect(TamperedData, partial(crypto.decrypt_record, INFO.sealed_key_blob, ORG))


# --- Damage ---------------------------------------------------------------------


def stream_error(position: int, bit: int) -> type[CryptoError]:
    if position < 2:
        return UnknownFormat
    if position == 2 and bit != 0:
        return UnknownFormat  # a flag this version does not know
    return TamperedData  # includes TruncatedStream


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(CIPHERTEXT) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = bytearray(CIPHERTEXT)
    damaged[position] ^= 1 << bit
    error = stream_error(position, bit)
    expect(error, partial(decrypt, bytes(damaged), INFO.sealed_key_blob))
    expect(error, partial(decrypt_pushed, bytes(damaged), INFO.sealed_key_blob))


@given(length=st.integers(0, len(CIPHERTEXT) - 1))
@fast
def test_it_refuses_a_truncated_stream(length: int) -> None:
    damaged = CIPHERTEXT[:length]
    expect(TamperedData, partial(decrypt, damaged, INFO.sealed_key_blob))
    expect(TamperedData, partial(decrypt_pushed, damaged, INFO.sealed_key_blob))


@pytest.mark.parametrize("frames", range(6))
def test_it_calls_a_stream_cut_at_a_frame_boundary_truncated(frames: int) -> None:
    damaged = CIPHERTEXT[: HEADER_SIZE + frames * FRAME]
    expect(TruncatedStream, partial(decrypt, damaged, INFO.sealed_key_blob))
    expect(TruncatedStream, partial(decrypt_pushed, damaged, INFO.sealed_key_blob))


@pytest.mark.parametrize("length", [0, 1, 6, 7, 30])
def test_it_calls_a_stream_cut_in_its_header_truncated(length: int) -> None:
    expect(TruncatedStream, partial(decrypt, CIPHERTEXT[:length], INFO.sealed_key_blob))
    expect(
        TruncatedStream,
        partial(decrypt_pushed, CIPHERTEXT[:length], INFO.sealed_key_blob),
    )


@given(extra=st.binary(min_size=1, max_size=100))
@fast
def test_it_refuses_bytes_after_the_final_frame(extra: bytes) -> None:
    damaged = CIPHERTEXT + extra
    # Appended bytes are tampering, and not a mere truncation.
    for action in (decrypt, decrypt_pushed):
        with pytest.raises(TamperedData) as raised:
            action(damaged, INFO.sealed_key_blob)
        assert not isinstance(raised.value, TruncatedStream)


def frames_of(ciphertext: bytes) -> list[bytes]:
    body = ciphertext[HEADER_SIZE:]
    return [body[i : i + FRAME] for i in range(0, len(body), FRAME)]


@given(order=st.permutations(range(6)))
@fast
def test_it_refuses_reordered_frames(order: list[int]) -> None:
    frames = frames_of(CIPHERTEXT)
    assume(order != sorted(order))
    damaged = CIPHERTEXT[:HEADER_SIZE] + b"".join(frames[i] for i in order)
    expect(TamperedData, partial(decrypt, damaged, INFO.sealed_key_blob))
    expect(TamperedData, partial(decrypt_pushed, damaged, INFO.sealed_key_blob))


@pytest.mark.parametrize("index", range(5))
def test_it_refuses_dropped_and_replayed_frames(index: int) -> None:
    frames = frames_of(CIPHERTEXT)
    dropped = CIPHERTEXT[:HEADER_SIZE] + b"".join(frames[:index] + frames[index + 1 :])
    replayed = CIPHERTEXT[:HEADER_SIZE] + b"".join(frames[: index + 1] + frames[index:])
    for damaged in (dropped, replayed):
        expect(TamperedData, partial(decrypt, damaged, INFO.sealed_key_blob))


def test_it_refuses_frames_from_another_stream() -> None:
    other, _ = encrypt(PLAINTEXT)
    spliced = CIPHERTEXT[: HEADER_SIZE + 2 * FRAME] + other[HEADER_SIZE + 2 * FRAME :]
    expect(TamperedData, partial(decrypt, spliced, INFO.sealed_key_blob))


@pytest.mark.parametrize(
    "garbage",
    [b"PK\x03\x04" + bytes(100), b"\x51\x02" + bytes(100), b"\x52\x01" + bytes(100)],
)
def test_it_calls_foreign_files_an_unknown_format(garbage: bytes) -> None:
    expect(UnknownFormat, partial(decrypt, garbage, INFO.sealed_key_blob))
    expect(UnknownFormat, partial(decrypt_pushed, garbage, INFO.sealed_key_blob))


def test_it_refuses_an_impossible_chunk_size() -> None:
    damaged = (
        CIPHERTEXT[:3]
        + (streams.MAX_CHUNK_SIZE + 1).to_bytes(4, "big")
        + CIPHERTEXT[7:]
    )
    expect(TamperedData, partial(decrypt, damaged, INFO.sealed_key_blob))


# --- Push API misuse and clean-up ---------------------------------------------------


def test_it_wants_the_header_first_and_one_finalize() -> None:
    encryptor = StreamEncryptor([ORG.public])
    with pytest.raises(CryptoError):
        encryptor.update(b"data")
    encryptor.header()
    encryptor.finalize()
    with pytest.raises(CryptoError):
        encryptor.finalize()
    with pytest.raises(CryptoError):
        encryptor.update(b"more")


def test_it_refuses_a_silly_chunk_size() -> None:
    for size in (0, streams.MAX_CHUNK_SIZE + 1):
        with pytest.raises(CryptoError):
            StreamEncryptor([ORG.public], size)


def test_it_refuses_bytes_pushed_after_the_end() -> None:
    decryptor = StreamDecryptor(ORG, INFO.sealed_key_blob)
    assert decryptor.update(CIPHERTEXT) + decryptor.finalize() == PLAINTEXT
    with pytest.raises(TamperedData):
        decryptor.update(b"x")


def helper_threads_since(before: set[threading.Thread]) -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread not in before}


def test_it_leaves_no_thread_behind_an_abandoned_upload() -> None:
    before = set(threading.enumerate())
    encryptor = StreamEncryptor([ORG.public])
    encryptor.header()
    for _ in range(200):  # 12.5 MiB: the hashing helper has started
        encryptor.update(bytes(streams.CHUNK_SIZE))
    helpers = helper_threads_since(before)
    assert helpers
    del encryptor
    gc.collect()
    for helper in helpers:
        helper.join(timeout=10)
        assert not helper.is_alive()


def test_it_leaves_no_thread_behind_a_finished_stream() -> None:
    before = set(threading.enumerate())
    encrypt(bytes(9 * 1024 * 1024), chunk_size=streams.CHUNK_SIZE)
    assert not helper_threads_since(before)


# --- One gibibyte in constant memory -----------------------------------------

GIBIBYTE = 1024**3


@pytest.mark.slow
def test_it_streams_a_gibibyte_in_constant_memory() -> None:
    # A fresh process, so that ru_maxrss (the kernel's own peak) measures this
    # stream and nothing that ran before it.
    script = Path(__file__).resolve()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(script), "--gigabyte", str(GIBIBYTE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(report, f"{time.monotonic() - started:.1f} s")
    for path in ("pull", "push"):
        assert report[path]["size"] == GIBIBYTE
        assert report[path]["info_sha256"] == report[path]["source_sha256"]
        assert report[path]["decrypted_sha256"] == report[path]["source_sha256"]
    assert report["peak_rss_growth_mib"] < 64


class PatternSource:
    """``size`` pseudo-random bytes made on the fly (never all in memory), hashed."""

    def __init__(self, size: int, seed: int = 0) -> None:
        self._block = random.Random(seed).randbytes(1024 * 1024)
        self._offset = 0
        self._left = size
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        size = min(size, len(self._block) - self._offset)
        piece = self._block[self._offset : self._offset + size]
        self._offset += size
        self._left -= size
        if self._offset == len(self._block):
            # Rotate, so that no two mebibytes of the stream are the same.
            self._block = self._block[7:] + self._block[:7]
            self._offset = 0
        self.sha256.update(piece)
        return piece


class HashingSink:
    """A writable stream that keeps only a SHA-256 and a byte count."""

    def __init__(self) -> None:
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def stream_pull(size: int, keypair: KeyPair) -> dict[str, Any]:
    """The pull API through a pipe: encrypt_stream on a thread, decrypt_stream here."""
    read_end, write_end = os.pipe()
    source, sink = PatternSource(size, seed=1), HashingSink()
    # The key travels apart from the file; embed it here so the reader can
    # start before the writer has finished.
    infos: list[streams.EncryptedStreamInfo] = []

    def produce() -> None:
        with os.fdopen(write_end, "wb") as pipe:
            infos.append(
                streams.encrypt_stream(source, pipe, [keypair.public], embed_key=True)
            )

    producer = threading.Thread(target=produce)
    producer.start()
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        written = streams.decrypt_stream(pipe, sink, keypair)
    producer.join()
    assert written == sink.size
    return {
        "size": sink.size,
        "source_sha256": source.sha256.hexdigest(),
        "info_sha256": infos[0].sha256,
        "decrypted_sha256": sink.sha256.hexdigest(),
    }


def stream_push(size: int, keypair: KeyPair) -> dict[str, Any]:
    """The push API: an encryptor feeding a decryptor, as an upload then a download."""
    source, sink = PatternSource(size, seed=2), HashingSink()
    encryptor = StreamEncryptor([keypair.public])
    decryptor = StreamDecryptor(keypair, encryptor.sealed_key_blob)
    sink.write(decryptor.update(encryptor.header()))
    while piece := source.read(streams.CHUNK_SIZE):
        sink.write(decryptor.update(encryptor.update(piece)))
    last, info = encryptor.finalize()
    sink.write(decryptor.update(last))
    sink.write(decryptor.finalize())
    return {
        "size": sink.size,
        "source_sha256": source.sha256.hexdigest(),
        "info_sha256": info.sha256,
        "decrypted_sha256": sink.sha256.hexdigest(),
    }


def measure_gigabyte(size: int) -> dict[str, Any]:
    """Stream ``size`` bytes through both APIs; report hashes and peak RSS growth."""
    keypair = crypto.generate_keypair()
    stream_push(1024 * 1024, keypair)  # warm up lazily allocated state
    baseline = peak_rss_mib()
    report: dict[str, Any] = {
        "pull": stream_pull(size, keypair),
        "push": stream_push(size, keypair),
    }
    report["peak_rss_growth_mib"] = peak_rss_mib() - baseline
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Measure a large stream's memory.")
    parser.add_argument("--gigabyte", type=int, required=True, metavar="BYTES")
    print(json.dumps(measure_gigabyte(parser.parse_args().gigabyte)))
