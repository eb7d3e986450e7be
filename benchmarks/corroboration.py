"""Corroboration and near-duplicate search among 100,000 synthetic cases, on
SQLite and on PostgreSQL.

Each synthetic case has sealed claims (a unit, a formation, one to three
places near the front with a period of one to four months) and a testimony of
about 150 words. What is stored is what temoin stores: keyed claim tokens,
claims sealed to the organisation, MinHash signatures of keyed shingles and
their LSH band tokens, in tables shaped like the verification app's.

Timed, for new cases that are not in the set:

- corroboration: query tokens, one indexed query for the 50 best candidates,
  fetching and decrypting only their claims, comparing claim by claim;
- near-duplicates: signing the new testimony, one indexed query on its band
  tokens, comparing signatures.

    .venv/bin/python benchmarks/corroboration.py [--cases 100000]
        [--postgres postgres://postgres@127.0.0.1:5432/test]

PostgreSQL runs in a scratch database created and dropped by the script.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import goal, write_results  # noqa: E402
from temoin.core import crypto, similarity  # noqa: E402
from temoin.core.blind_index import blind_index_key  # noqa: E402
from temoin.core.claims import Claim, ClaimKind  # noqa: E402
from temoin.core.corroboration import compare, index_tokens, query_tokens  # noqa: E402
from temoin.core.gazetteer import load_gazetteer  # noqa: E402

CANDIDATES = 50
QUERIES = 200
GOAL_P95_MS = 200.0
FRONT = (46.0, 52.0, 31.0, 40.5)  # lat and lon bounds of the places used

_TOKENS = "(id {pk}, case_id BIGINT NOT NULL, token VARCHAR(32) NOT NULL)"
SCHEMA = [
    f"CREATE TABLE claim_token {_TOKENS}",
    f"CREATE TABLE band_token {_TOKENS}",
    "CREATE TABLE sealed_claims (case_id BIGINT PRIMARY KEY, sealed {blob} NOT NULL)",
    "CREATE TABLE text_signature "
    "(case_id BIGINT PRIMARY KEY, signature {blob} NOT NULL)",
]
INDEXES = [
    "CREATE UNIQUE INDEX claim_token_unique ON claim_token (token, case_id)",
    "CREATE UNIQUE INDEX band_token_unique ON band_token (token, case_id)",
]


def synthetic_words(rng: random.Random, count: int) -> list[str]:
    letters = "абвгдежзиклмнопрстуфхцчшыэюя"
    return [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))
        for _ in range(count)
    ]


def make_cases(count: int, rng: random.Random) -> Iterator[tuple[list[Claim], str]]:
    gazetteer = load_gazetteer()
    places = [
        p
        for p in gazetteer._by_id.values()  # noqa: SLF001 — a benchmark reads the data
        if p.kind == "city"
        and FRONT[0] <= p.lat <= FRONT[1]
        and FRONT[2] <= p.lon <= FRONT[3]
    ]
    vocabulary = synthetic_words(rng, 5000)
    for _ in range(count):
        year, month = rng.choice([2022, 2023, 2024]), rng.randint(1, 12)
        length = rng.randint(1, 4)
        end_month = month + length - 1
        end = f"{year + (end_month - 1) // 12}-{(end_month - 1) % 12 + 1:02d}"
        claims = [
            Claim(ClaimKind.UNIT, {"code": str(rng.randint(10000, 11999))}),
            Claim(
                ClaimKind.FORMATION,
                {"number": str(rng.randint(1, 200)), "type": "brigade"},
            ),
            Claim(ClaimKind.PERIOD, {"from": f"{year}-{month:02d}", "to": end}),
        ]
        for place in rng.sample(places, rng.randint(1, 3)):
            claims.append(
                Claim(
                    ClaimKind.PLACE,
                    {
                        "place_id": place.id,
                        "name": place.ru,
                        "lat": f"{place.lat:.4f}",
                        "lon": f"{place.lon:.4f}",
                    },
                )
            )
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(120, 180)))
        yield claims, text


class Store:
    """The four tables on one database, through DB-API."""

    def __init__(self, connection: Any, placeholder: str, postgres: bool) -> None:
        self.connection = connection
        self.placeholder = placeholder
        self.postgres = postgres
        kinds = (
            {"pk": "BIGSERIAL PRIMARY KEY", "blob": "BYTEA"}
            if postgres
            else {
                "pk": "INTEGER PRIMARY KEY",
                "blob": "BLOB",
            }
        )
        cursor = connection.cursor()
        for statement in SCHEMA:
            cursor.execute(statement.format(**kinds))
        connection.commit()

    def load(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        cursor = self.connection.cursor()
        for table, values in rows.items():
            if not values:
                continue
            columns = {
                "claim_token": "case_id, token",
                "band_token": "case_id, token",
                "sealed_claims": "case_id, sealed",
                "text_signature": "case_id, signature",
            }[table]
            if self.postgres:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                marks = ", ".join([self.placeholder] * len(values[0]))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    values,
                )
        self.connection.commit()

    def finish(self) -> None:
        cursor = self.connection.cursor()
        for statement in INDEXES:
            cursor.execute(statement)
        cursor.execute("ANALYZE")
        self.connection.commit()

    def query(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        cursor = self.connection.cursor()
        cursor.execute(sql, params)
        return list(cursor.fetchall())

    def in_list(self, values: list[Any]) -> str:
        return ", ".join([self.placeholder] * len(values))


def corroborate(
    store: Store, claims_key: bytes, keypair: crypto.KeyPair, claims: list[Claim]
) -> int:
    wanted = sorted(query_tokens(claims_key, claims))
    rows = store.query(
        "SELECT case_id, COUNT(*) AS shared FROM claim_token "  # noqa: S608
        f"WHERE token IN ({store.in_list(wanted)}) GROUP BY case_id "
        f"ORDER BY shared DESC, case_id LIMIT {CANDIDATES}",
        wanted,
    )
    ids = [row[0] for row in rows]
    if not ids:
        return 0
    sealed = store.query(
        "SELECT case_id, sealed FROM sealed_claims "  # noqa: S608
        f"WHERE case_id IN ({store.in_list(ids)})",
        ids,
    )
    agreeing = 0
    for case_id, blob in sealed:
        plain = crypto.decrypt_record(
            bytes(blob), keypair, context=f"c:{case_id}".encode()
        )
        other = [Claim.from_json(item) for item in json.loads(plain)]
        if compare(claims, other).agreements:
            agreeing += 1
    return agreeing


def near_duplicates(store: Store, text_key: bytes, text: str) -> int:
    sig = similarity.signature(text_key, text)
    bands = similarity.band_tokens(text_key, sig)
    rows = store.query(
        "SELECT DISTINCT case_id FROM band_token "  # noqa: S608
        f"WHERE token IN ({store.in_list(bands)}) LIMIT 200",
        bands,
    )
    ids = [row[0] for row in rows]
    if not ids:
        return 0
    found = 0
    for _, blob in store.query(
        "SELECT case_id, signature FROM text_signature "  # noqa: S608
        f"WHERE case_id IN ({store.in_list(ids)})",
        ids,
    ):
        score = similarity.similarity(sig, similarity.signature_from_bytes(bytes(blob)))
        if similarity.classify(score) is not similarity.Likeness.DISTINCT:
            found += 1
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function: Callable[[], int], runs: int) -> tuple[list[float], int]:
    times, hits = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        hits += function()
        times.append((time.perf_counter() - start) * 1000)
    return times, hits


def fill(store: Store, count: int, org: crypto.OrgSecretKeys, seed: int) -> float:
    claims_key = blind_index_key(org, "claims")
    text_key = blind_index_key(org, "similarity")
    public = org.public().encryption
    rng = random.Random(seed)
    start = time.perf_counter()
    batch: dict[str, list[tuple[Any, ...]]] = {
        "claim_token": [],
        "band_token": [],
        "sealed_claims": [],
        "text_signature": [],
    }
    for case_id, (claims, text) in enumerate(make_cases(count, rng), start=1):
        batch["claim_token"].extend(
            (case_id, t) for t in index_tokens(claims_key, claims)
        )
        plain = json.dumps([c.to_json() for c in claims], ensure_ascii=False).encode()
        batch["sealed_claims"].append(
            (
                case_id,
                crypto.encrypt_record(plain, [public], context=f"c:{case_id}".encode()),
            )
        )
        sig = similarity.signature(text_key, text)
        batch["text_signature"].append((case_id, similarity.signature_to_bytes(sig)))
        batch["band_token"].extend(
            (case_id, t) for t in set(similarity.band_tokens(text_key, sig))
        )
        if case_id % 5000 == 0:
            store.load(batch)
            batch = {key: [] for key in batch}
            print(f"    {case_id} cases", file=sys.stderr)
    store.load(batch)
    store.finish()
    return time.perf_counter() - start


def measure(
    store: Store, org: crypto.OrgSecretKeys, seed: int, count: int
) -> dict[str, float]:
    claims_key = blind_index_key(org, "claims")
    text_key = blind_index_key(org, "similarity")
    keypair = crypto.keypair_from_org(org)
    # New cases drawn like the stored ones (another seed): as common as it gets.
    new_cases = list(make_cases(QUERIES, random.Random(seed + 1)))
    # A few copies of stored testimonies with edits, which must be found.
    stored = list(make_cases(min(count, 20), random.Random(seed)))
    copies = []
    for _, text in stored:
        words = text.split()
        for i in range(0, len(words), 15):
            words[i] = "правка"
        copies.append(" ".join(words))
    iterator = iter(new_cases)
    corroboration_ms, agreeing = timed(
        lambda: corroborate(store, claims_key, keypair, next(iterator)[0]), QUERIES
    )
    texts = iter([text for _, text in new_cases])
    duplicate_ms, false_flags = timed(
        lambda: near_duplicates(store, text_key, next(texts)), QUERIES
    )
    copy_iter = iter(copies)
    _, copies_found = timed(
        lambda: near_duplicates(store, text_key, next(copy_iter)), len(copies)
    )
    return {
        "corroboration_p50_ms": round(statistics.median(corroboration_ms), 2),
        "corroboration_p95_ms": round(percentile(corroboration_ms, 0.95), 2),
        "corroborating_cases_per_query": round(agreeing / QUERIES, 1),
        "near_duplicate_p50_ms": round(statistics.median(duplicate_ms), 2),
        "near_duplicate_p95_ms": round(percentile(duplicate_ms, 0.95), 2),
        "near_duplicate_false_flags": false_flags,
        "edited_copies_found_share": round(copies_found / max(1, len(copies)), 2),
    }


def run_sqlite(count: int, org: crypto.OrgSecretKeys, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as directory:
        connection = sqlite3.connect(Path(directory) / "bench.sqlite3")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        store = Store(connection, "?", postgres=False)
        load_s = fill(store, count, org, seed)
        figures = measure(store, org, seed, count)
        connection.close()
    return {"load_s": round(load_s, 1), **figures}


def run_postgres(
    url: str, count: int, org: crypto.OrgSecretKeys, seed: int
) -> dict[str, float]:
    import psycopg

    name = f"temoin_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"{url.rsplit('/', 1)[0]}/{name}") as connection:
            store = Store(connection, "%s", postgres=True)
            load_s = fill(store, count, org, seed)
            figures = measure(store, org, seed, count)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {"load_s": round(load_s, 1), **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/test",
        help="'' to skip",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    org = crypto.generate_org_keys()
    figures: dict[str, float] = {"cases": args.cases, "queries": QUERIES}
    print(f"SQLite, {args.cases} cases", file=sys.stderr)
    for key, value in run_sqlite(args.cases, org, args.seed).items():
        figures[f"sqlite_{key}"] = value
    if args.postgres:
        print(f"PostgreSQL, {args.cases} cases", file=sys.stderr)
        for key, value in run_postgres(
            args.postgres, args.cases, org, args.seed
        ).items():
            figures[f"postgres_{key}"] = value
    goals = [
        goal(
            "sqlite corroboration p95 (ms)",
            figures["sqlite_corroboration_p95_ms"],
            GOAL_P95_MS,
            "<=",
        ),
        goal(
            "sqlite edited copies found (share)",
            figures["sqlite_edited_copies_found_share"],
            1.0,
            ">=",
        ),
    ]
    if args.postgres:
        goals += [
            goal(
                "postgres corroboration p95 (ms)",
                figures["postgres_corroboration_p95_ms"],
                GOAL_P95_MS,
                "<=",
            ),
            goal(
                "postgres edited copies found (share)",
                figures["postgres_edited_copies_found_share"],
                1.0,
                ">=",
            ),
        ]
    write_results("corroboration", figures, goals)


if __name__ == "__main__":
    main()
