"""Every state change of the caseworker side, each one transaction with its
audit entry. Audit details carry ids, statuses and counts, never content.

Functions that write content take the organisation's secret keys from the
staff member's session: they seal to the organisation's public key and
refresh the case's search tokens while the keys are at hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from temoin.accounts.models import StaffMember
from temoin.audit.actions import record
from temoin.cases import queries
from temoin.cases.models import (
    Case,
    CaseStatus,
    JourneyStage,
    Label,
    Note,
    SearchToken,
    StageKind,
)
from temoin.cases.sealing import note_context, seal_fields, stage_context
from temoin.cases.search_terms import PURPOSE, search_tokens
from temoin.cases.signals import case_indexed
from temoin.core import crypto
from temoin.core.blind_index import blind_index_key
from temoin.intake import actions as intake_actions

MAX_NOTE_CHARS = 50_000
MAX_STAGE_TEXT = 2_000
MAX_LABEL_CHARS = 40


class InvalidCaseChange(ValueError):
    """A change that cannot be made as asked; the message is shown to staff."""


def today() -> datetime.date:
    return timezone.now().date()


@dataclass(frozen=True)
class NewStage:
    """A journey stage as a caseworker entered it, before it is sealed."""

    kind: StageKind
    date: datetime.date | None = None
    place: str = ""
    details: str = ""


# --- Workflow metadata ------------------------------------------------------


@transaction.atomic
def do_set_case_status(case: Case, status: CaseStatus, *, actor: StaffMember) -> None:
    """Move a case to another status (new, open, waiting for the witness, closed)."""
    previous = case.status
    if previous == status:
        return
    case.status = status
    case.updated_on = today()
    case.save(update_fields=["status", "updated_on"])
    record(actor, "case.status_changed", case, old=previous, new=status.value)


@transaction.atomic
def do_assign_case(
    case: Case, assignee: StaffMember | None, *, actor: StaffMember
) -> None:
    """Give a case to a staff member (None: to nobody)."""
    if case.assignee_id == (assignee.pk if assignee else None):
        return
    case.assignee = assignee
    case.updated_on = today()
    case.save(update_fields=["assignee", "updated_on"])
    record(actor, "case.assigned", case, assignee=assignee.pk if assignee else None)


@transaction.atomic
def do_create_label(name: str, *, actor: StaffMember) -> Label:
    """Create a workflow label. Its name is stored in the clear."""
    clean = " ".join(name.split())
    if not clean:
        raise InvalidCaseChange("empty")
    if len(clean) > MAX_LABEL_CHARS:
        raise InvalidCaseChange("too_long")
    if Label.objects.filter(name__iexact=clean).exists():
        raise InvalidCaseChange("exists")
    label = Label.objects.create(name=clean)
    record(actor, "case_label.created", label)
    return label


@transaction.atomic
def do_set_case_labels(
    case: Case, labels: Iterable[Label], *, actor: StaffMember
) -> None:
    """Replace the labels of a case."""
    wanted = {label.pk for label in labels}
    current = set(case.labels.values_list("pk", flat=True))
    if wanted == current:
        return
    case.labels.set(wanted)
    case.updated_on = today()
    case.save(update_fields=["updated_on"])
    record(actor, "case.labelled", case, labels=sorted(wanted))


# --- Opening a case: read marker, first status, fresh search tokens ---------


@transaction.atomic
def do_open_case(
    case: Case, *, actor: StaffMember, org: crypto.OrgSecretKeys, works_cases: bool
) -> None:
    """Record that a key holder opened (read) a case file.

    Clears the unread marker; a new case becomes open when a caseworker (not a
    verifier) opens it. Refreshes the search tokens if the content changed.
    """
    fields = []
    if case.has_unread:
        case.has_unread = False
        fields.append("has_unread")
    if works_cases and case.status == CaseStatus.NEW:
        case.status = CaseStatus.OPEN
        case.updated_on = today()
        fields += ["status", "updated_on"]
    if fields:
        case.save(update_fields=fields)
    if needs_indexing(case, org):
        _index(case, org)
    record(actor, "case.opened", case)


# --- Content: replies, notes, journey stages --------------------------------


@transaction.atomic
def do_post_reply(
    case: Case, text: str, *, actor: StaffMember, org: crypto.OrgSecretKeys
) -> None:
    """Send a reply or question to the witness.

    Sealed by intake to the witness's key and to the organisation's key; the
    case then waits for the witness.
    """
    try:
        intake_actions.do_post_staff_reply(
            case.submission, text, org_public=org.public()
        )
    except intake_actions.InvalidTestimony:
        raise InvalidCaseChange("empty") from None
    case.status = CaseStatus.WAITING
    case.has_unread = False
    case.updated_on = today()
    case.save(update_fields=["status", "has_unread", "updated_on"])
    _index(case, org)
    record(actor, "case.replied", case)


@transaction.atomic
def do_add_note(
    case: Case, text: str, *, actor: StaffMember, org: crypto.OrgSecretKeys
) -> Note:
    """Add an internal note, sealed to the organisation only."""
    if not text.strip():
        raise InvalidCaseChange("empty")
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidCaseChange("too_long")
    note = Note.objects.create(
        case=case,
        author=actor,
        written_on=today(),
        sealed_body=seal_fields(
            {"text": text},
            to=[org.public().encryption],
            context=note_context(case.pk),
        ),
    )
    case.updated_on = today()
    case.save(update_fields=["updated_on"])
    _index(case, org)
    record(actor, "case.note_added", note, case=case.pk)
    return note


@transaction.atomic
def do_add_journey_stage(
    case: Case, stage: NewStage, *, actor: StaffMember, org: crypto.OrgSecretKeys
) -> JourneyStage:
    """Add a stage of the person's journey, sealed to the organisation only.

    The kind of stage is sealed too: the audit entry says a stage was added,
    not which one.
    """
    if len(stage.place) > MAX_STAGE_TEXT or len(stage.details) > MAX_STAGE_TEXT:
        raise InvalidCaseChange("too_long")
    row = JourneyStage.objects.create(
        case=case,
        recorded_by=actor,
        recorded_on=today(),
        sealed_content=seal_fields(
            {
                "kind": stage.kind.value,
                "date": stage.date.isoformat() if stage.date else "",
                "place": stage.place.strip(),
                "details": stage.details.strip(),
            },
            to=[org.public().encryption],
            context=stage_context(case.pk),
        ),
    )
    case.updated_on = today()
    case.save(update_fields=["updated_on"])
    _index(case, org)
    record(actor, "case.stage_added", row, case=case.pk)
    return row


@transaction.atomic
def do_record_file_opened(
    case_id: int, attachment_id: int, *, copy: str, actor: StaffMember
) -> None:
    """Record that a staff member downloaded a file ("cleaned" or "original")."""
    record(
        actor,
        "case.file_opened",
        ("cases.case", case_id),
        attachment=attachment_id,
        copy=copy,
    )


# --- The search index -------------------------------------------------------


def needs_indexing(case: Case, org: crypto.OrgSecretKeys) -> bool:
    return case.index_stale or case.indexed_with != org.public().key_id


def do_index_case(case: Case, *, org: crypto.OrgSecretKeys) -> int:
    """Recompute a case's search tokens from its decrypted content.

    Not audited: it changes no content and no workflow state, and runs on
    every page a key holder loads. Returns the number of tokens.
    """
    with transaction.atomic():
        return _index(case, org)


def _index(case: Case, org: crypto.OrgSecretKeys) -> int:
    texts = queries.searchable_texts(case, crypto.keypair_from_org(org))
    found = search_tokens(blind_index_key(org, PURPOSE), texts)
    SearchToken.objects.filter(case=case).delete()
    # Sorted by token (a keyed hash): the insertion order, visible in row ids,
    # must not follow the order of the words in the text.
    SearchToken.objects.bulk_create(
        [SearchToken(case=case, token=value) for value in sorted(found)],
        batch_size=500,
    )
    case.indexed_with = org.public().key_id
    case.index_stale = False
    case.save(update_fields=["indexed_with", "index_stale"])
    case_indexed.send(sender=Case, case=case, org=org)
    return len(found)


def index_pending_cases(org: crypto.OrgSecretKeys, limit: int) -> int:
    """Index up to ``limit`` cases never indexed or stale; return how many."""
    done = 0
    for case in queries.cases_needing_index(org.public().key_id, limit):
        do_index_case(case, org=org)
        done += 1
    return done
