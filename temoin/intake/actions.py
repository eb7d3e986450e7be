"""Every state change of the witness side, each one transaction.

Views, the importer, the demo and the staff side call these functions; none
of them writes intake models any other way. Each docstring says to whom the
content is encrypted.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from temoin.core import codenames, crypto
from temoin.intake import blobs
from temoin.intake.models import (
    Attachment,
    Author,
    Message,
    Questionnaire,
    Submission,
    SubmissionSource,
    SubmissionStatus,
)
from temoin.intake.sealing import (
    attachment_context,
    message_context,
    seal_fields,
    submission_context,
)
from temoin.intake.uploads import EncryptedUpload
from temoin.intake.witnesses import Witness

logger = logging.getLogger("temoin.intake")

MAX_TEXT_CHARS = 200_000


class InvalidTestimony(ValueError):
    """The testimony cannot be stored as given (empty, too long...)."""


@dataclass(frozen=True)
class NewTestimony:
    """What a witness (or an import file) says, before it is sealed."""

    language: str
    text: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    questionnaire: Questionnaire | None = None


def today() -> datetime.date:
    """Day precision: the only time intake keeps in the clear."""
    return timezone.now().date()


def do_submit_testimony(
    testimony: NewTestimony,
    uploads: Sequence[EncryptedUpload],
    *,
    org_public: crypto.OrgPublicKeys,
    witness: codenames.WitnessSecrets | None,
    source: SubmissionSource = SubmissionSource.WEB,
    received_on: datetime.date | None = None,
    destroy_originals: bool = False,
) -> Submission:
    """Store a testimony and its files; return the committed submission.

    The text and answers are sealed to the organisation only (a codename taken
    from a witness must not reveal the testimony). Files were encrypted as
    they arrived; they are renamed to their final names when this transaction
    commits and removed if it fails. Cleaning is queued after the commit.
    """
    if not testimony.text.strip() and not any(
        value.strip() for value in testimony.answers.values()
    ):
        raise InvalidTestimony("A testimony needs some text.")
    total = len(testimony.text) + sum(len(v) for v in testimony.answers.values())
    if total > MAX_TEXT_CHARS:
        raise InvalidTestimony("The testimony is too long.")
    with (
        blobs.blobs_discarded_on_error([u.blob for u in uploads]),
        transaction.atomic(),
    ):
        submission = Submission.objects.create(
            lookup_token=witness.lookup_token if witness else None,
            witness_public_key=witness.keypair.public if witness else None,
            questionnaire=testimony.questionnaire,
            source=source,
            received_on=received_on or today(),
            sealed_content=seal_fields(
                {
                    "language": testimony.language,
                    "text": testimony.text,
                    "answers": testimony.answers,
                    "questionnaire": (
                        testimony.questionnaire.slug
                        if testimony.questionnaire
                        else None
                    ),
                },
                to=[org_public.encryption],
                context=submission_context(),
            ),
        )
        _record_uploads(submission, None, uploads, org_public, destroy_originals)
    return submission


def do_post_witness_reply(
    witness: Witness,
    text: str,
    uploads: Sequence[EncryptedUpload],
    *,
    org_public: crypto.OrgPublicKeys,
) -> Message:
    """Add the witness's answer (and files) to the conversation.

    The message is sealed to the organisation and to the witness, so that the
    witness sees their own words when they come back.
    """
    if not text.strip() and not uploads:
        raise InvalidTestimony("A message needs some text or a file.")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidTestimony("The message is too long.")
    submission = witness.submission
    with (
        blobs.blobs_discarded_on_error([u.blob for u in uploads]),
        transaction.atomic(),
    ):
        message = Message.objects.create(
            submission=submission,
            author=Author.WITNESS,
            sent_on=today(),
            sealed_body=seal_fields(
                {"text": text},
                to=[org_public.encryption, witness.keypair.public],
                context=message_context(submission.pk),
            ),
        )
        _record_uploads(submission, message, uploads, org_public, False)
        if submission.status == SubmissionStatus.CLOSED:
            submission.status = SubmissionStatus.OPEN
            submission.save(update_fields=["status"])
    return message


@transaction.atomic
def do_post_staff_reply(
    submission: Submission, text: str, *, org_public: crypto.OrgPublicKeys
) -> Message:
    """Post a caseworker's reply or question to the witness.

    Sealed to the witness's key (derived from their codename) and to the
    organisation's key. An imported testimony without a codename has no
    witness key: the message is then sealed to the organisation only.
    """
    if not text.strip():
        raise InvalidTestimony("A reply needs some text.")
    recipients = [org_public.encryption]
    if submission.witness_public_key:
        recipients.append(bytes(submission.witness_public_key))
    message = Message.objects.create(
        submission=submission,
        author=Author.STAFF,
        sent_on=today(),
        sealed_body=seal_fields(
            {"text": text}, to=recipients, context=message_context(submission.pk)
        ),
    )
    if submission.status == SubmissionStatus.NEW:
        submission.status = SubmissionStatus.OPEN
        submission.save(update_fields=["status"])
    return message


@transaction.atomic
def do_set_submission_status(submission: Submission, status: SubmissionStatus) -> None:
    """Change a submission's coarse workflow status (new, open, closed)."""
    submission.status = status
    submission.save(update_fields=["status"])


@transaction.atomic
def do_request_original_destruction(submission: Submission) -> int:
    """Record the witness's wish that the originals of their files be destroyed.

    Nothing is destroyed here: the staff side calls :func:`do_destroy_original`
    once each original has been verified. Returns how many files it concerns.
    """
    return Attachment.objects.filter(
        submission=submission, original_destroyed=False
    ).update(destroy_original_requested=True)


def do_destroy_original(attachment: Attachment) -> None:
    """Crypto-shred an original: zero its sealed key, then delete its blob.

    The cleaned copy and the extracted metadata stay. The staff side calls this
    after verification, and checks the verifier role itself.
    """
    with transaction.atomic():
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if locked.original_destroyed:
            return
        name = locked.original_blob
        locked.original_sealed_key = crypto.shred_record(
            bytes(locked.original_sealed_key)
        )
        locked.original_destroyed = True
        locked.original_blob = ""
        locked.save(
            update_fields=["original_sealed_key", "original_destroyed", "original_blob"]
        )
        transaction.on_commit(lambda: blobs.delete_blob(name))
    attachment.refresh_from_db()


def _record_uploads(
    submission: Submission,
    message: Message | None,
    uploads: Sequence[EncryptedUpload],
    org_public: crypto.OrgPublicKeys,
    destroy_originals: bool,
) -> list[Attachment]:
    created = []
    for upload in uploads:
        created.append(
            Attachment.objects.create(
                submission=submission,
                message=message,
                family=upload.file_type.family,
                sealed_details=seal_fields(
                    {
                        "name": upload.file_name[:255],
                        "declared_type": upload.declared_type[:100],
                        "type": upload.file_type.mime,
                        "extension": upload.file_type.extension,
                        "size": upload.size,
                        "sha256": upload.info.sha256,
                    },
                    to=[org_public.encryption],
                    context=attachment_context(submission.pk),
                ),
                original_blob=upload.blob.name,
                original_sealed_key=upload.info.sealed_key_blob,
                destroy_original_requested=destroy_originals,
            )
        )
        upload.blob.publish_on_commit()
    if created:
        ids = [attachment.pk for attachment in created]
        transaction.on_commit(lambda: _enqueue_cleaning(ids))
    return created


def _enqueue_cleaning(ids: list[int]) -> None:
    from temoin.intake.tasks import clean_attachment_task

    for attachment_id in ids:
        try:
            clean_attachment_task.enqueue(attachment_id)
        except Exception:  # the submission is stored; a sweep retries cleaning
            logger.exception("could not queue the cleaning of an attachment")
