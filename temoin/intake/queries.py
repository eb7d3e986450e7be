"""Reads of the witness side, for the witness pages and for the staff side.

Functions that take the organisation's ``KeyPair`` (``crypto.keypair_from_org``)
are for staff; those that take a ``Witness`` are for the witness pages. Each
raises CryptoError when the key does not open the item, never returns
garbage.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from temoin.core import crypto, streams
from temoin.intake import blobs
from temoin.intake.models import (
    Attachment,
    Author,
    Choice,
    Question,
    Questionnaire,
    Submission,
)
from temoin.intake.sealing import (
    attachment_context,
    message_context,
    metadata_context,
    open_fields,
    submission_context,
)
from temoin.intake.witnesses import Witness


@dataclass(frozen=True)
class Testimony:
    language: str
    text: str
    answers: dict[str, str]
    questionnaire: str | None
    received_on: datetime.date


@dataclass(frozen=True)
class ConversationMessage:
    id: int
    author: str
    sent_on: datetime.date
    text: str
    attachment_count: int


@dataclass(frozen=True)
class AttachmentDetails:
    name: str
    declared_type: str
    type: str
    extension: str
    size: int
    sha256: str


@dataclass(frozen=True)
class QuestionView:
    key: str
    kind: str
    required: bool
    label: str
    help_text: str
    choices: list[tuple[str, str]]


def active_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(is_active=True).order_by("id").first()


def questions_for(questionnaire: Questionnaire, language: str) -> list[QuestionView]:
    """The active questions in ``language`` (English, then any text, as fallback)."""
    views = []
    questions = (
        Question.objects.filter(questionnaire=questionnaire, is_active=True)
        .prefetch_related("texts", "choices__texts")
        .order_by("position", "id")
    )
    for question in questions:
        texts = {text.language: text for text in question.texts.all()}
        text = (
            texts.get(language) or texts.get("en") or next(iter(texts.values()), None)
        )
        views.append(
            QuestionView(
                key=question.key,
                kind=question.kind,
                required=question.required,
                label=text.label if text else question.key,
                help_text=text.help_text if text else "",
                choices=[_choice_label(c, language) for c in question.choices.all()],
            )
        )
    return views


def _choice_label(choice: Choice, language: str) -> tuple[str, str]:
    texts = {text.language: text.label for text in choice.texts.all()}
    return choice.key, texts.get(language) or texts.get("en") or choice.key


def open_testimony(submission: Submission, keypair: crypto.KeyPair) -> Testimony:
    """Decrypt a submission's text and answers with the organisation's key pair."""
    fields = open_fields(
        bytes(submission.sealed_content), keypair, context=submission_context()
    )
    return Testimony(
        language=str(fields.get("language", "")),
        text=str(fields.get("text", "")),
        answers={str(k): str(v) for k, v in (fields.get("answers") or {}).items()},
        questionnaire=fields.get("questionnaire"),
        received_on=submission.received_on,
    )


def open_answers(
    submission: Submission, keypair: crypto.KeyPair, language: str = "en"
) -> list[tuple[str, str]]:
    """The answers as (question in ``language``, answer) pairs, in question order.

    Answers to questions since removed from the questionnaire keep their key as
    their label; choice answers are shown with their label.
    """
    testimony = open_testimony(submission, keypair)
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    if submission.questionnaire is not None:
        for question in questions_for(submission.questionnaire, language):
            if question.key in testimony.answers:
                value = testimony.answers[question.key]
                value = dict(question.choices).get(value, value)
                pairs.append((question.label, value))
                seen.add(question.key)
    pairs += [(k, v) for k, v in testimony.answers.items() if k not in seen]
    return pairs


def _messages(
    submission: Submission, keypair: crypto.KeyPair
) -> list[ConversationMessage]:
    result = []
    for message in submission.messages.all().order_by("id"):
        fields = open_fields(
            bytes(message.sealed_body),
            keypair,
            context=message_context(submission.pk),
        )
        result.append(
            ConversationMessage(
                id=message.pk,
                author=message.author,
                sent_on=message.sent_on,
                text=str(fields.get("text", "")),
                attachment_count=message.attachments.count(),
            )
        )
    return result


def open_messages(
    submission: Submission, keypair: crypto.KeyPair
) -> list[ConversationMessage]:
    """The whole conversation, decrypted with the organisation's key pair."""
    return _messages(submission, keypair)


def witness_conversation(witness: Witness) -> list[ConversationMessage]:
    """The conversation as the witness sees it (opened with their own key)."""
    return _messages(witness.submission, witness.keypair)


def unread_staff_messages(witness: Witness) -> int:
    return witness.submission.messages.filter(author=Author.STAFF).count()


def open_attachment_details(
    attachment: Attachment, keypair: crypto.KeyPair
) -> AttachmentDetails:
    """The file's name, types, size and SHA-256 of the original."""
    fields = open_fields(
        bytes(attachment.sealed_details),
        keypair,
        context=attachment_context(attachment.submission_id),
    )
    return AttachmentDetails(
        name=str(fields["name"]),
        declared_type=str(fields["declared_type"]),
        type=str(fields["type"]),
        extension=str(fields["extension"]),
        size=int(fields["size"]),
        sha256=str(fields["sha256"]),
    )


def open_original_metadata(
    attachment: Attachment, keypair: crypto.KeyPair
) -> list[dict[str, Any]] | None:
    """What exiftool found in the original (evidence for verifiers), or None."""
    if attachment.sealed_metadata is None:
        return None
    fields = open_fields(
        bytes(attachment.sealed_metadata),
        keypair,
        context=metadata_context(attachment.submission_id),
    )
    value = fields.get("exiftool")
    return value if isinstance(value, list) else None


def iter_cleaned_copy(
    attachment: Attachment, keypair: crypto.KeyPair
) -> Iterator[bytes]:
    """Stream the cleaned copy's plaintext: the copy caseworkers open.

    Raises FileNotFoundError when there is none (not cleaned yet, or never).
    """
    if not attachment.cleaned_blob or attachment.cleaned_sealed_key is None:
        raise FileNotFoundError("This attachment has no cleaned copy.")
    with blobs.open_blob(attachment.cleaned_blob).open("rb") as src:
        yield from streams.iter_decrypted(
            src, keypair, bytes(attachment.cleaned_sealed_key)
        )


def iter_original(attachment: Attachment, keypair: crypto.KeyPair) -> Iterator[bytes]:
    """Stream the original as uploaded: for verifiers only (the caller checks).

    Raises FileNotFoundError once the original was destroyed.
    """
    if attachment.original_destroyed or not attachment.original_blob:
        raise FileNotFoundError("The original of this attachment was destroyed.")
    with blobs.open_blob(attachment.original_blob).open("rb") as src:
        yield from streams.iter_decrypted(
            src, keypair, bytes(attachment.original_sealed_key)
        )


def originals_to_destroy() -> list[Attachment]:
    """Originals whose witness asked for destruction once verified."""
    return list(
        Attachment.objects.filter(
            destroy_original_requested=True, original_destroyed=False
        )
    )
