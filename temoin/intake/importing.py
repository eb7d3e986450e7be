"""Importing testimony collected elsewhere (docs/import-format.md).

Each item goes through exactly the web pipeline: files encrypted as they are
read, the same action to store them, the same cleaning. An item either is
stored whole or leaves nothing (no record, no blob).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from temoin.core import codenames, crypto
from temoin.intake import actions
from temoin.intake.blobs import BlobWriter
from temoin.intake.cleaning.clean import clean_attachment
from temoin.intake.keys import (
    current_org_public,
    original_recipients,
    process_cleaning_keypair,
)
from temoin.intake.models import Submission, SubmissionSource
from temoin.intake.queries import active_questionnaire
from temoin.intake.sniff import SNIFF_BYTES, sniff
from temoin.intake.uploads import EncryptedUpload
from temoin.intake.witnesses import derive

READ_BYTES = 1024 * 1024
TEXT_FILE = "testimony.txt"
META_FILE = "meta.json"
LANGUAGES = ("ru", "uk", "fr", "en")


class ImportItemError(Exception):
    """One item cannot be imported; the message says why, in one line."""


@dataclass
class ImportItem:
    label: str  # "line 3" or a directory name: where the item came from
    text: str
    language: str = "ru"
    answers: dict[str, str] = field(default_factory=dict)
    received_on: datetime.date | None = None
    attachments: list[Path] = field(default_factory=list)
    codename: str | None = None


def read_items(path: Path) -> Iterator[ImportItem | ImportItemError]:
    """The items of a JSONL file or a directory, or an error per bad item."""
    if path.is_dir():
        if (path / TEXT_FILE).is_file():
            yield _from_directory(path)
            return
        for child in sorted(p for p in path.iterdir() if p.is_dir()):
            yield _from_directory(child)
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            label = f"line {number}"
            try:
                data = json.loads(line)
            except ValueError:
                yield ImportItemError(f"{label}: not valid JSON")
                continue
            try:
                yield _item(label, data, path.parent)
            except ImportItemError as error:
                yield error


def count_items(path: Path) -> int:
    if path.is_dir():
        if (path / TEXT_FILE).is_file():
            return 1
        return sum(1 for p in path.iterdir() if p.is_dir())
    with path.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def _from_directory(directory: Path) -> ImportItem | ImportItemError:
    label = directory.name
    try:
        text_path = directory / TEXT_FILE
        if not text_path.is_file():
            raise ImportItemError(f"{label}: no {TEXT_FILE}")
        data: dict[str, Any] = {}
        if (directory / META_FILE).is_file():
            try:
                data = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
            except ValueError:
                raise ImportItemError(
                    f"{label}: {META_FILE} is not valid JSON"
                ) from None
            if not isinstance(data, dict):
                raise ImportItemError(f"{label}: {META_FILE} must be a JSON object")
        data["text"] = text_path.read_text(encoding="utf-8")
        data["attachments"] = [
            p.name
            for p in sorted(directory.iterdir())
            if p.is_file() and p.name not in (TEXT_FILE, META_FILE)
        ]
        return _item(label, data, directory)
    except UnicodeDecodeError:
        return ImportItemError(f"{label}: text is not UTF-8")
    except ImportItemError as error:
        return error


def _item(label: str, data: Any, base: Path) -> ImportItem:
    if not isinstance(data, dict):
        raise ImportItemError(f"{label}: each item must be a JSON object")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ImportItemError(f'{label}: "text" is missing or empty')
    language = data.get("lang", "ru")
    if language not in LANGUAGES:
        raise ImportItemError(f'{label}: "lang" must be one of {", ".join(LANGUAGES)}')
    answers = data.get("answers", {})
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        raise ImportItemError(f'{label}: "answers" must map question keys to text')
    received_on = None
    if data.get("received_at") is not None:
        try:
            received_on = datetime.date.fromisoformat(str(data["received_at"])[:10])
        except ValueError:
            raise ImportItemError(
                f'{label}: "received_at" is not a date (YYYY-MM-DD)'
            ) from None
    files = data.get("attachments", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ImportItemError(f'{label}: "attachments" must be a list of paths')
    paths = []
    for name in files:
        candidate = (base / name).resolve()
        if not candidate.is_file():
            raise ImportItemError(f"{label}: attachment {name} not found")
        paths.append(candidate)
    codename = data.get("codename")
    if codename is not None and not isinstance(codename, str):
        raise ImportItemError(f'{label}: "codename" must be text')
    return ImportItem(label, text, language, answers, received_on, paths, codename)


def _encrypt_file(path: Path, recipients: list[bytes], label: str) -> EncryptedUpload:
    writer = BlobWriter(recipients)
    try:
        with path.open("rb") as source:
            head = source.read(SNIFF_BYTES)
            file_type = sniff(head)
            if file_type is None:
                raise ImportItemError(f"{label}: {path.name} is not an accepted type")
            writer.write(head)
            while piece := source.read(READ_BYTES):
                writer.write(piece)
        blob, info = writer.close()
    except BaseException:
        writer.abort()
        raise
    return EncryptedUpload(path.name, "", file_type, blob, info)


def import_item(item: ImportItem) -> tuple[Submission, list[str]]:
    """Store one item whole (or nothing) and clean its files; return statuses."""
    org = current_org_public()
    cleaner = process_cleaning_keypair()
    recipients = original_recipients(org)
    if cleaner.public not in recipients:
        recipients.append(cleaner.public)
    witness = None
    if item.codename:
        try:
            witness = derive(codenames.normalise_codename(item.codename))
        except crypto.MalformedCodename:
            raise ImportItemError(f"{item.label}: the codename is malformed") from None
        if Submission.objects.filter(lookup_token=witness.lookup_token).exists():
            raise ImportItemError(f"{item.label}: the codename is already used")
    uploads: list[EncryptedUpload] = []
    try:
        for path in item.attachments:
            uploads.append(_encrypt_file(path, recipients, item.label))
        submission = actions.do_submit_testimony(
            actions.NewTestimony(
                language=item.language,
                text=item.text,
                answers=item.answers,
                questionnaire=active_questionnaire() if item.answers else None,
            ),
            uploads,
            org_public=org,
            witness=witness,
            source=SubmissionSource.IMPORT,
            received_on=item.received_on,
        )
    except BaseException:
        for upload in uploads:
            upload.blob.discard()
        raise
    statuses = [
        clean_attachment(attachment, cleaner)
        for attachment in submission.attachments.all()
    ]
    return submission, statuses
