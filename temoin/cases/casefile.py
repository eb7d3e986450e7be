"""What a case file shows, decrypted for one request.

An item the organisation's key pair cannot open (altered, shredded, sealed to
another key) is shown as unreadable instead of failing the whole page, and a
warning is logged without any content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.translation import gettext as _

from temoin.cases import queries
from temoin.cases.models import Case
from temoin.core import crypto
from temoin.intake import queries as intake_queries
from temoin.intake.models import Attachment, CleaningStatus

logger = logging.getLogger("temoin.cases")

PREVIEW_CHARS = 160
T = TypeVar("T")


@dataclass(frozen=True)
class FileRow:
    attachment: Attachment
    details: intake_queries.AttachmentDetails | None
    cleaned: bool  # a cleaned copy exists and may be downloaded
    not_cleaned: bool  # cleaning failed or is impossible: flagged, never hidden
    pending: bool


@dataclass
class CaseFile:
    testimony: intake_queries.Testimony | None = None
    answers: list[tuple[str, str]] = field(default_factory=list)
    conversation: list[intake_queries.ConversationMessage] = field(default_factory=list)
    files: list[FileRow] = field(default_factory=list)
    notes: list[queries.NoteView] = field(default_factory=list)
    stages: list[queries.StageView] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def _open(what: str, opener: Callable[[], T], unreadable: list[str]) -> T | None:
    try:
        return opener()
    except crypto.CryptoError as error:
        logger.warning("cannot open %s: %s", what, type(error).__name__)
        unreadable.append(what)
        return None


def open_case_file(case: Case, keypair: crypto.KeyPair, language: str) -> CaseFile:
    """Decrypt everything a case file shows."""
    submission = case.submission
    result = CaseFile()
    bad = result.unreadable
    result.testimony = _open(
        "testimony", lambda: intake_queries.open_testimony(submission, keypair), bad
    )
    if result.testimony is not None:
        result.answers = (
            _open(
                "answers",
                lambda: intake_queries.open_answers(submission, keypair, language),
                bad,
            )
            or []
        )
    result.conversation = (
        _open(
            "conversation",
            lambda: intake_queries.open_messages(submission, keypair),
            bad,
        )
        or []
    )
    for attachment in submission.attachments.all():
        result.files.append(file_row(attachment, _details(attachment, keypair, bad)))
    result.notes = _open("notes", lambda: queries.open_notes(case, keypair), bad) or []
    result.stages = (
        _open("journey", lambda: queries.open_stages(case, keypair), bad) or []
    )
    return result


def _details(
    attachment: Attachment, keypair: crypto.KeyPair, unreadable: list[str]
) -> intake_queries.AttachmentDetails | None:
    return _open(
        "file",
        lambda: intake_queries.open_attachment_details(attachment, keypair),
        unreadable,
    )


def file_row(
    attachment: Attachment, details: intake_queries.AttachmentDetails | None
) -> FileRow:
    has_copy = (
        bool(attachment.cleaned_blob) and attachment.cleaned_sealed_key is not None
    )
    return FileRow(
        attachment=attachment,
        details=details,
        cleaned=has_copy,
        not_cleaned=attachment.cleaning_status == CleaningStatus.NOT_CLEANED,
        pending=attachment.cleaning_status == CleaningStatus.PENDING,
    )


def preview(case: Case, keypair: crypto.KeyPair) -> str | None:
    """The first words of the testimony for the inbox, or None if unreadable."""
    try:
        testimony = intake_queries.open_testimony(case.submission, keypair)
    except crypto.CryptoError:
        return None
    text = testimony.text or " · ".join(testimony.answers.values())
    text = " ".join(text.split())
    if len(text) > PREVIEW_CHARS:
        return text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def label_error(code: str) -> str:
    return {
        "empty": _("Give the label a name."),
        "too_long": _("A label has at most 40 characters."),
        "exists": _("A label with this name already exists."),
    }.get(code, _("This label cannot be created."))


def change_error(code: str) -> str:
    return {
        "empty": _("This cannot be empty."),
        "too_long": _("This text is too long."),
    }.get(code, _("This change could not be made."))
