"""`temoin import`: the same pipeline, per-item errors, nothing half-imported."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from temoin.cli.importer import import_testimony
from temoin.core import codenames, crypto
from temoin.intake import queries
from temoin.intake.models import Attachment, CleaningStatus, Submission
from temoin.intake.witnesses import find_witness
from tests.intake import helpers


def run(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(import_testimony, [str(path), "--no-progress"])
    return result.exit_code, result.output


def test_it_imports_jsonl_through_the_same_pipeline(
    org: object, org_keypair: crypto.KeyPair, tmp_path: Path, blob_dir: Path
) -> None:
    helpers.make_jpeg(tmp_path / "photo.jpg")
    codename = codenames.generate_codename("en")
    lines = [
        {
            "text": "Первое свидетельство",
            "lang": "ru",
            "received_at": "2024-03-05",
            "answers": {"unit": "1234"},
            "attachments": ["photo.jpg"],
        },
        {"text": "Second", "lang": "en", "codename": codename},
        {"text": "", "lang": "en"},
        {"text": "Third", "attachments": ["missing.jpg"]},
    ]
    (tmp_path / "in.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
        + "\nnot json\n"
    )
    code, output = run(tmp_path / "in.jsonl")
    assert code == 1
    assert "imported 2 testimonies, 3 failed; files cleaned 1, not cleaned 0" in output
    assert 'line 3: "text" is missing or empty' in output
    assert "line 4: attachment missing.jpg not found" in output
    assert "line 5: not valid JSON" in output
    first = Submission.objects.order_by("id").first()
    assert first is not None
    testimony = queries.open_testimony(first, org_keypair)
    assert testimony.text == "Первое свидетельство"
    assert str(first.received_on) == "2024-03-05"
    assert first.lookup_token is None
    assert Attachment.objects.get().cleaning_status == CleaningStatus.CLEANED
    # An item with a codename can be opened by its witness.
    assert find_witness(codename) is not None


def test_it_leaves_nothing_of_a_failed_item(
    org: object, tmp_path: Path, blob_dir: Path
) -> None:
    item = tmp_path / "one"
    item.mkdir()
    (item / "testimony.txt").write_text("Текст")
    helpers.make_jpeg(item / "photo.jpg")
    (item / "program.exe").write_bytes(b"MZ\x90\x00" + b"\0" * 100)
    code, output = run(item)
    assert code == 1
    assert "one: program.exe is not an accepted type" in output
    assert Submission.objects.count() == 0
    assert not any(blob_dir.iterdir())
