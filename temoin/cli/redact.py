"""`temoin redact`: redact a text file, or find spans in a JSONL corpus."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from temoin.core.redact import KeepList

MAX_TEXT_CHARS = 1_000_000
# Below this many lines a progress bar is noise.
PROGRESS_FROM = 50


def _fail(message: str) -> None:
    click.echo(f"temoin: error: {message}", err=True)
    sys.exit(2)


# The keep-list of this process for --jsonl, built once by _init_worker.
_keep: KeepList | None = None


def _init_worker(keep_entries: list[str] | None = None) -> None:
    global _keep  # noqa: PLW0603 — one keep-list per worker process
    from temoin.core.redact import default_keep_list, load_models

    load_models()
    _keep = default_keep_list().extended(keep_entries) if keep_entries else None


def process_line(number: int, raw: bytes) -> dict[str, Any] | None:
    """One JSONL input line to one output record ({"id", "spans"} or
    {"id", "error"}); None for a blank line."""
    from temoin.core.redact import LANGUAGES, find_spans

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"id": None, "line": number, "error": f"invalid UTF-8 ({exc.reason})"}
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"invalid JSON: {exc.msg}"}
    if not isinstance(obj, dict):
        return {"id": None, "line": number, "error": "line is not a JSON object"}
    doc_id = obj.get("id")
    text = obj.get("text")
    lang = obj.get("lang")
    if not isinstance(text, str):
        return {
            "id": doc_id,
            "line": number,
            "error": "field 'text' missing or not a string",
        }
    if not text.strip():
        return {"id": doc_id, "line": number, "error": "empty text"}
    if len(text) > MAX_TEXT_CHARS:
        return {
            "id": doc_id,
            "line": number,
            "error": f"text too long ({len(text)} characters, limit {MAX_TEXT_CHARS})",
        }
    if lang is not None and lang not in LANGUAGES:
        lang = None  # an unknown language tag is guessed again rather than refused
    spans = find_spans(text, lang, _keep)
    return {"id": doc_id, "spans": [s.to_json() for s in spans]}


def _read_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    yield from enumerate(handle, 1)


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _run_jsonl(
    source: Path, out: IO[str], workers: int, keep: list[str] | None = None
) -> int:
    from tqdm import tqdm

    total = _count_lines(source)
    errors = 0
    with (
        source.open("rb") as handle,
        tqdm(
            total=total, unit="doc", file=sys.stderr, disable=total < PROGRESS_FROM
        ) as bar,
    ):
        if workers > 1:
            with ProcessPoolExecutor(
                workers, initializer=_init_worker, initargs=(keep,)
            ) as pool:
                lines = list(_read_lines(handle))
                results = pool.map(process_line, *zip(*lines, strict=True), chunksize=8)
                errors += _write(results, out, bar)
        else:
            _init_worker(keep)
            results = (process_line(n, raw) for n, raw in _read_lines(handle))
            errors += _write(results, out, bar)
    return errors


def _write(results: Any, out: IO[str], bar: Any) -> int:
    errors = 0
    for record in results:
        bar.update(1)
        if record is None:
            continue
        if "error" in record:
            errors += 1
            click.echo(f"temoin: line {record['line']}: {record['error']}", err=True)
            record = {"id": record["id"], "error": record["error"]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return errors


@click.command("redact")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read JSON lines with 'id', 'text' and optional 'lang'.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where --jsonl writes its {'id', 'spans'} lines (default: stdout).",
)
@click.option(
    "--lang",
    type=click.Choice(["ru", "uk", "fr", "en"]),
    help="Language of FILE (guessed when not given).",
)
@click.option(
    "--mask",
    is_flag=True,
    help="Replace with bare labels instead of numbered pseudonyms.",
)
@click.option(
    "--keep",
    "keep_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Extra keep-list: one public name a line, added to the default one.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for --jsonl.",
)
def redact(
    file: Path | None,
    jsonl: Path | None,
    out: Path | None,
    lang: str | None,
    mask: bool,
    keep_file: Path | None,
    workers: int,
) -> None:
    """Redact names, contacts, document numbers, unit codes, addresses,
    birth dates and licence plates.

    \b
    temoin redact testimony.txt            print the redacted text
    temoin redact --jsonl in.jsonl --out spans.jsonl --workers 2
    """
    if (file is None) == (jsonl is None):
        _fail("give either FILE or --jsonl IN.jsonl")
    keep = _read_keep(keep_file)
    if jsonl is not None:
        if not jsonl.is_file():
            _fail(f"cannot read {jsonl}: no such file")
        try:
            if out is None:
                errors = _run_jsonl(jsonl, sys.stdout, workers, keep)
            else:
                with out.open("w", encoding="utf-8") as handle:
                    errors = _run_jsonl(jsonl, handle, workers, keep)
        except OSError as exc:
            _fail(f"{exc.strerror or exc} ({exc.filename})")
        if errors:
            click.echo(f"temoin: {errors} line(s) could not be redacted", err=True)
            sys.exit(1)
        return
    assert file is not None
    _redact_file(file, lang, mask, keep)


def _read_keep(keep_file: Path | None) -> list[str] | None:
    """The entries of a --keep file (one a line, # comments), or None."""
    if keep_file is None:
        return None
    try:
        return keep_file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        _fail(f"cannot read keep-list {keep_file}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        _fail(f"keep-list {keep_file} is not valid UTF-8 (byte {exc.start})")
    return None


def _redact_file(
    file: Path, lang: str | None, mask: bool, keep: list[str] | None
) -> None:
    from temoin.core.redact import redact as redact_text

    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror or exc}")
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(f"{file} is not valid UTF-8 (byte {exc.start})")
        return
    if not text.strip():
        _fail(f"{file} is empty")
    result = redact_text(text, lang, "mask" if mask else "pseudonym", keep)
    click.echo(result.text, nl=not result.text.endswith("\n"))
