"""Benchmark the caseworkers' blind-index search over 100,000 synthetic cases.

Run: ``.venv/bin/python benchmarks/search.py [--cases N] [--queries N]
[--backend all|sqlite|postgres]``. Writes benchmarks/results/search.json.

Each database runs in its own process (Django is set up once per process):
SQLite in a temporary data directory, and PostgreSQL in a scratch database
created on ``--postgres`` (postgres://postgres@127.0.0.1:5432/ by default) and
dropped afterwards.

The synthetic cases are sealed testimonies (as intake stores them) of about
80 words: words drawn from a 20,000-word vocabulary with a Zipf distribution,
one of 2,000 unit numbers, one of 120 places (inflected), one of 3,000
surnames. Their tokens are computed with the real term and token functions
and stored with bulk_create.

A measured search is what the inbox does for a key holder: the query's
tokens, the ids of the newest 21 matching cases within the inbox's default
filter (every status but closed), then the first page of 20 cases loaded and
their testimony decrypted for the preview. Queries cycle through five kinds:
a unit number, a place (inflected differently from the text), a surname, a
place with a unit number, and a frequent word.

The index build time per case is ``do_index_case`` (decrypt everything, make
the terms and tokens, replace the rows) on a sample of cases.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks._common import goal, write_results  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = 20240301
VOCABULARY = 20_000
UNITS = 2_000
SURNAMES = 3_000
WORDS_PER_CASE = 80
BATCH = 2_000
GOAL_P95_MS = 20.0
INDEX_SAMPLE = 200

PLACES = [
    "Бахмут", "Курск", "Белгород", "Алматы", "Астана", "Ереван", "Гюмри",
    "Тбилиси", "Батуми", "Ростов", "Воронеж", "Донецк", "Луганск", "Мариуполь",
    "Херсон", "Запорожье", "Харьков", "Изюм", "Купянск", "Авдеевка", "Угледар",
    "Вильнюс", "Рига", "Таллин", "Берлин", "Париж", "Варшава", "Прага",
    "Стамбул", "Анталья", "Дубай", "Бишкек", "Ташкент", "Душанбе", "Уральск",
    "Актобе", "Костанай", "Павлодар", "Семей", "Оренбург",
]  # fmt: skip
# The places seen in text with case endings, as they would be written.
ENDINGS = ["", "е", "а", "ом", "у"]
SYLLABLES = [
    "ка", "ро", "ми", "на", "то", "ве", "ли", "ст", "пр", "ор", "ан", "ен",
    "ов", "ит", "ра", "ко", "до", "бе", "за", "по", "ну", "се", "ты", "жи",
]  # fmt: skip


def make_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


class Corpus:
    """Deterministic synthetic testimony."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < VOCABULARY:
            words.add(make_word(rng, rng.randint(2, 4)))
        self.vocabulary = sorted(words)
        rng.shuffle(self.vocabulary)
        weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
        self._cumulative = list(_accumulate(weights))
        self.units = [str(10000 + rng.randrange(89999)) for _ in range(UNITS)]
        self.surnames = sorted(
            {make_word(rng, 3).capitalize() + "ов" for _ in range(SURNAMES * 2)}
        )[:SURNAMES]
        self.rng = rng

    def testimony(self) -> str:
        rng = self.rng
        words = rng.choices(
            self.vocabulary, cum_weights=self._cumulative, k=WORDS_PER_CASE
        )
        place = rng.choice(PLACES) + rng.choice(ENDINGS)
        words[rng.randrange(len(words))] = f"в/ч {rng.choice(self.units)}"
        words[rng.randrange(len(words))] = place
        words[rng.randrange(len(words))] = f"командир {rng.choice(self.surnames)}"
        return " ".join(words) + "."


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


# --- One backend, in its own process ----------------------------------------


def run_backend(
    backend: str, cases: int, queries: int, postgres: str
) -> dict[str, float]:
    data_dir = Path(tempfile.mkdtemp(prefix="temoin-bench-search-"))
    os.environ["TEMOIN_DATA_DIR"] = str(data_dir)
    os.environ["TEMOIN_SECRET_KEY"] = "bench-" + secrets.token_hex(32)
    os.environ["DJANGO_SETTINGS_MODULE"] = "temoin.settings"
    database = ""
    if backend == "postgres":
        import psycopg

        database = f"temoin_bench_search_{secrets.token_hex(4)}"
        with psycopg.connect(f"{postgres}postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        os.environ["TEMOIN_DATABASE_URL"] = f"{postgres}{database}"
    try:
        return _measure(backend, cases, queries)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(f"{postgres}postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)


def _measure(backend: str, cases: int, queries: int) -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from temoin.accounts.actions import do_create_organisation_keys

    _, org = do_create_organisation_keys()
    corpus = Corpus(SEED)
    started = time.perf_counter()
    _fill(org, corpus, cases)
    fill_s = time.perf_counter() - started
    print(f"  {backend}: {cases} cases stored in {fill_s:.1f} s", flush=True)
    _analyse(backend)
    by_kind = _searches(org, corpus, queries)
    search_ms = [ms for timings in by_kind.values() for ms in timings]
    build_ms = _index_builds(org)
    figures = {
        f"{backend}_search_p95_{kind}_ms": round(percentile(timings, 0.95), 2)
        for kind, timings in by_kind.items()
    }
    figures |= {
        f"{backend}_search_p50_ms": round(statistics.median(search_ms), 2),
        f"{backend}_search_p95_ms": round(percentile(search_ms, 0.95), 2),
        f"{backend}_search_max_ms": round(max(search_ms), 2),
        f"{backend}_index_build_per_case_ms": round(statistics.mean(build_ms), 2),
        f"{backend}_fill_s": round(fill_s, 1),
        f"{backend}_tokens_per_case": round(_tokens_per_case(), 1),
    }
    return figures


def _fill(org: Any, corpus: Corpus, cases: int) -> None:
    """Store ``cases`` sealed testimonies, their cases and search tokens."""
    import datetime

    from temoin.cases.models import Case, CaseStatus
    from temoin.cases.search_terms import NAMESPACE, PURPOSE, terms_of
    from temoin.core.blind_index import blind_index_key, token
    from temoin.intake.models import Submission, SubmissionSource
    from temoin.intake.sealing import seal_fields, submission_context

    key = blind_index_key(org, PURPOSE)
    # The same term always makes the same token: compute each one once.
    known: dict[str, str] = {}

    def tokens_of(text: str) -> list[str]:
        found = set()
        for term in terms_of([text]):
            if term not in known:
                known[term] = token(key, NAMESPACE, term)
            found.add(known[term])
        return sorted(found)

    key_id = org.public().key_id
    to = [org.public().encryption]
    statuses = [CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.CLOSED]
    day = datetime.date(2024, 1, 1)
    for start in range(0, cases, BATCH):
        count = min(BATCH, cases - start)
        texts = [corpus.testimony() for _ in range(count)]
        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    source=SubmissionSource.IMPORT,
                    received_on=day,
                    sealed_content=seal_fields(
                        {"language": "ru", "text": text, "answers": {}},
                        to=to,
                        context=submission_context(),
                    ),
                )
                for text in texts
            ]
        )
        created = Case.objects.bulk_create(
            [
                Case(
                    submission=submission,
                    status=corpus.rng.choice(statuses),
                    opened_on=day,
                    updated_on=day,
                    indexed_with=key_id,
                    index_stale=False,
                )
                for submission in submissions
            ]
        )
        _insert_tokens(
            [
                (case.pk, value)
                for case, text in zip(created, texts, strict=True)
                for value in tokens_of(text)
            ]
        )
        if (start // BATCH) % 10 == 0:
            print(f"    {start + count} cases", flush=True)


def _insert_tokens(rows: list[tuple[int, str]]) -> None:
    """Millions of two-column rows: COPY on PostgreSQL, executemany on SQLite
    (bulk_create builds a model instance per row, 5 to 10 times slower)."""
    from django.db import connection, transaction

    from temoin.cases.models import SearchToken

    table = SearchToken._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {table} (case_id, token) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table} (case_id, token) VALUES (%s, %s)",  # noqa: S608
                rows,
            )


def _analyse(backend: str) -> None:
    from django.db import connection

    # Fresh statistics, as a running database would have them.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if backend == "postgres" else "ANALYZE")


def _query_kinds(corpus: Corpus) -> list[tuple[str, Callable[[random.Random], str]]]:
    frequent = corpus.vocabulary[3]
    return [
        ("unit", lambda rng: rng.choice(corpus.units)),
        ("place", lambda rng: rng.choice(PLACES) + "е"),
        ("surname", lambda rng: rng.choice(corpus.surnames)),
        ("place_unit", lambda rng: f"{rng.choice(PLACES)} {rng.choice(corpus.units)}"),
        ("frequent_word", lambda rng: frequent),
    ]


def _searches(org: Any, corpus: Corpus, count: int) -> dict[str, list[float]]:
    from temoin.accounts.models import StaffMember
    from temoin.cases import casefile, queries
    from temoin.cases.models import Case
    from temoin.core import crypto

    keypair = crypto.keypair_from_org(org)
    member = StaffMember(pk=0)
    inbox = queries.InboxFilter()  # the default tab: every status but closed
    kinds = _query_kinds(corpus)
    rng = random.Random(SEED + 1)
    timings: dict[str, list[float]] = {name: [] for name, _ in kinds}
    found: list[int] = []
    for number in range(count + 10):
        kind, make_query = kinds[number % len(kinds)]
        query = make_query(rng)
        started = time.perf_counter()
        tokens = queries.query_tokens(org, query)
        ids = queries.search_case_ids(
            tokens, limit=queries.PAGE_SIZE + 1, member=member, inbox=inbox
        )
        page = list(
            Case.objects.filter(pk__in=ids[: queries.PAGE_SIZE])
            .select_related("submission")
            .order_by("-id")
        )
        previews = [casefile.preview(case, keypair) for case in page]
        elapsed = (time.perf_counter() - started) * 1000
        assert all(p is not None for p in previews)
        if number >= 10:  # the first ones warm the caches
            timings[kind].append(elapsed)
            found.append(len(page))
    print(f"    mean results on the first page: {statistics.mean(found):.1f}")
    return timings


def _index_builds(org: Any) -> list[float]:
    from temoin.cases.actions import do_index_case
    from temoin.cases.models import Case

    sample = list(
        Case.objects.select_related("submission").order_by("?")[:INDEX_SAMPLE]
    )
    timings = []
    for case in sample:
        started = time.perf_counter()
        do_index_case(case, org=org)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _tokens_per_case() -> float:
    from temoin.cases.models import Case, SearchToken

    return SearchToken.objects.count() / max(1, Case.objects.count())


# --- The parent: one process per backend, then the results file -------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--backend", choices=["all", "sqlite", "postgres"], default="all"
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--child-output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_output:
        measured = run_backend(args.backend, args.cases, args.queries, args.postgres)
        Path(args.child_output).write_text(json.dumps(measured))
        return
    backends = ["sqlite", "postgres"] if args.backend == "all" else [args.backend]
    figures: dict[str, float] = {"cases": args.cases, "queries": args.queries}
    for backend in backends:
        with tempfile.NamedTemporaryFile(suffix=".json") as output:
            env = {k: v for k, v in os.environ.items() if not k.startswith("TEMOIN_")}
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--backend",
                    backend,
                    "--cases",
                    str(args.cases),
                    "--queries",
                    str(args.queries),
                    "--postgres",
                    args.postgres,
                    "--child-output",
                    output.name,
                ],
                check=True,
                cwd=REPO,
                env=env,
            )
            figures.update(json.loads(Path(output.name).read_text()))
    goals = [
        goal(
            f"{backend}: search p95 with the first page decrypted (ms)",
            figures.get(f"{backend}_search_p95_ms"),
            GOAL_P95_MS,
            "<=",
        )
        for backend in backends
    ]
    write_results("search", figures, goals)


if __name__ == "__main__":
    main()
