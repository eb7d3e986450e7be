"""What the staff side does when the witness side saves something.

A new testimony opens a case; a new message from a witness marks the case
unread and its search index stale (the words are indexed the next time a key
holder opens the case or the inbox: nothing here holds a key).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal
from django.utils import timezone

from temoin.cases.models import Case, CaseStatus
from temoin.intake.models import Author, Message, Submission

# Sent inside a key holder's request after a case's search index is rebuilt,
# with `case` and `org` (the organisation's secret keys, in memory only), so
# that other staff areas (near-duplicate detection) index the same content
# without the cases app knowing them.
case_indexed = Signal()


def connect() -> None:
    post_save.connect(
        _on_submission_saved, sender=Submission, dispatch_uid="cases.submission"
    )
    post_save.connect(_on_message_saved, sender=Message, dispatch_uid="cases.message")


def _on_submission_saved(
    sender: type[Submission], instance: Submission, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw", False):
        case_for_submission(instance)


def _on_message_saved(
    sender: type[Message], instance: Message, created: bool, **kwargs: Any
) -> None:
    if not created or kwargs.get("raw", False):
        return
    case = case_for_submission(instance.submission)
    if instance.author != Author.WITNESS:
        return
    case.has_unread = True
    case.index_stale = True
    case.updated_on = timezone.now().date()
    # The witness answered: the ball is back in the caseworkers' court.
    if case.status in (CaseStatus.WAITING, CaseStatus.CLOSED):
        case.status = CaseStatus.OPEN
    case.save(update_fields=["has_unread", "index_stale", "updated_on", "status"])


def case_for_submission(submission: Submission) -> Case:
    """The case of a submission, created if it has none yet."""
    case, _ = Case.objects.get_or_create(
        submission=submission,
        defaults={
            "opened_on": submission.received_on,
            "updated_on": submission.received_on,
        },
    )
    return case
