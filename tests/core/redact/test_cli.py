from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from temoin.cli import main
from temoin.cli.redact import redact


def test_it_prints_the_redacted_text(tmp_path: Path) -> None:
    source = tmp_path / "t.txt"
    source.write_text("Мой друг Савва Крылов: +7 916 555 12 34.\n", encoding="utf-8")
    result = CliRunner().invoke(redact, [str(source)])
    assert result.exit_code == 0
    assert result.output == "Мой друг [ИМЯ 1]: [КОНТАКТ 1].\n"


def test_it_writes_spans_per_line_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps(
            {"id": "a", "text": "Звони: +7 916 555 12 34", "lang": "ru", "x": 1}
        ),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": "x" * 1_000_001}),
        json.dumps({"id": "d", "text": "Call me at +7 916 555 12 34"}),
    ]
    source.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(redact, ["--jsonl", str(source), "--out", str(out)])
    assert result.exit_code == 1
    records = [
        json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
    ]
    assert records[0] == {
        "id": "a",
        "spans": [{"start": 7, "end": 23, "label": "CONTACT"}],
    }
    assert records[4]["id"] == "d" and records[4]["spans"]
    errors = [r for r in records if "error" in r]
    assert [r["id"] for r in errors] == [None, "b", "c", None]
    assert "line 2: invalid JSON" in result.stderr
    assert "invalid UTF-8" in result.stderr
    assert "Traceback" not in result.output


def test_it_fails_with_one_line_on_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(redact, [str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("temoin: error: cannot read")
    assert "Traceback" not in result.stderr


def test_it_refuses_invalid_utf8_files(tmp_path: Path) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(b"\xff\xfe\xfa")
    result = CliRunner().invoke(redact, [str(source)])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr


def _jsonl(tmp_path: Path, texts: dict[str, str]) -> Path:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": k, "text": v, "lang": "ru"}) for k, v in texts.items()]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def _redacted_words(out: Path, texts: dict[str, str]) -> dict[str, list[str]]:
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return {
        r["id"]: [texts[r["id"]][s["start"] : s["end"]] for s in r["spans"]]
        for r in records
    }


def test_it_runs_as_a_subcommand_of_temoin(tmp_path: Path) -> None:
    source = tmp_path / "t.txt"
    source.write_text("Мой друг Савва Крылов: +7 916 555 12 34.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", "--mask", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output == "Мой друг [ИМЯ]: [КОНТАКТ].\n"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_it_applies_the_extra_keep_list_in_jsonl_mode(
    tmp_path: Path, workers: str
) -> None:
    texts = {
        "a": "Мой друг Дымарский помог нам уехать.",
        "b": "Нас встретил брат Дымарского, Всеволод Чубаров.",
    }
    source = _jsonl(tmp_path, texts)
    keep = tmp_path / "keep.txt"
    keep.write_text("# journalists\nДымарский\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = ["redact", "--jsonl", str(source), "--out", str(out)]

    result = CliRunner().invoke(main, [*command, "--workers", workers])
    assert result.exit_code == 0, result.output
    assert _redacted_words(out, texts) == {
        "a": ["Дымарский"],
        "b": ["Дымарского", "Всеволод Чубаров"],
    }

    args = [*command, "--workers", workers, "--keep", str(keep)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert _redacted_words(out, texts) == {"a": [], "b": ["Всеволод Чубаров"]}


def test_it_refuses_an_unreadable_keep_list_in_one_line(tmp_path: Path) -> None:
    source = _jsonl(tmp_path, {"a": "Мой друг Дымарский помог нам."})
    keep = tmp_path / "keep.txt"
    keep.write_bytes(b"\xff\xfe")
    result = CliRunner().invoke(
        main, ["redact", "--jsonl", str(source), "--keep", str(keep)]
    )
    assert result.exit_code == 2
    assert "keep-list" in result.stderr and "not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
