"""Reads of the caseworker side: the inbox, case files, search.

Functions that take a ``KeyPair`` decrypt with the organisation's key pair
(``crypto.keypair_from_org`` of the session's keys) and raise CryptoError when
it does not open an item; the views show such items as unreadable.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from temoin.accounts.models import StaffMember
from temoin.cases.models import (
    Case,
    CaseStatus,
    JourneyStage,
    Note,
    SearchToken,
    StageKind,
)
from temoin.cases.sealing import note_context, open_fields, stage_context
from temoin.cases.search_terms import PURPOSE, search_tokens, terms_of
from temoin.core import crypto
from temoin.core.blind_index import blind_index_key
from temoin.intake import queries as intake_queries
from temoin.intake.models import Submission

PAGE_SIZE = 20
# Longer queries are cut: each term is one more join in the search.
MAX_QUERY_TERMS = 8


@dataclass(frozen=True)
class InboxFilter:
    status: str = ""  # a CaseStatus value, or "" for every status but closed
    mine: bool = False
    label: int | None = None
    unread: bool = False


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str
    written_on: datetime.date
    text: str


@dataclass(frozen=True)
class StageView:
    id: int
    kind: str
    kind_label: str
    date: datetime.date | None
    place: str
    details: str
    recorded_on: datetime.date


def ensure_cases() -> int:
    """Open a case for every newer submission without one (bulk loads skip the
    signal that opens cases). Only submissions newer than the newest case are
    looked at, so that each inbox load stays one index lookup."""
    newest = (
        Case.objects.order_by("-submission_id")
        .values_list("submission_id", flat=True)
        .first()
    )
    missing = Submission.objects.filter(pk__gt=newest or 0, case__isnull=True).only(
        "id", "received_on"
    )
    created = Case.objects.bulk_create(
        [
            Case(submission=s, opened_on=s.received_on, updated_on=s.received_on)
            for s in missing
        ],
        ignore_conflicts=True,
    )
    return len(created)


def inbox_conditions(member: StaffMember, inbox: InboxFilter, prefix: str = "") -> Q:
    """The inbox's filters as conditions on a case (``prefix``: the path to it)."""
    conditions = Q()
    if inbox.status:
        conditions &= Q(**{f"{prefix}status": inbox.status})
    else:
        conditions &= ~Q(**{f"{prefix}status": CaseStatus.CLOSED})
    if inbox.mine:
        conditions &= Q(**{f"{prefix}assignee": member})
    if inbox.label is not None:
        conditions &= Q(**{f"{prefix}labels__id": inbox.label})
    if inbox.unread:
        conditions &= Q(**{f"{prefix}has_unread": True})
    return conditions


def inbox_cases(member: StaffMember, inbox: InboxFilter) -> QuerySet[Case]:
    """The cases matching the inbox's tabs and filters, newest first."""
    return (
        Case.objects.filter(inbox_conditions(member, inbox))
        .select_related("assignee__user")
        .prefetch_related("labels")
        .order_by("-id")
    )


def status_counts() -> dict[str, int]:
    counts = {status.value: 0 for status in CaseStatus}
    rows = Case.objects.order_by().values("status").annotate(count=Count("id"))
    for row in rows:
        counts[row["status"]] = row["count"]
    return counts


def cases_needing_index(key_id: str, limit: int) -> list[Case]:
    """Cases whose search tokens are missing, stale or made with an old key."""
    stale = Case.objects.filter(index_stale=True).order_by("-id")[:limit]
    found = list(stale.select_related("submission"))
    if len(found) < limit:
        other = (
            Case.objects.filter(_old_key(key_id))
            .exclude(pk__in=[c.pk for c in found])
            .select_related("submission")
            .order_by("-id")[: limit - len(found)]
        )
        found += list(other)
    return found


def cases_not_indexed(key_id: str) -> int:
    """How many cases search cannot find yet (never indexed, stale, old key)."""
    return Case.objects.filter(Q(index_stale=True) | _old_key(key_id)).count()


def _old_key(key_id: str) -> Q:
    # Two ranges rather than "!=": both use the index on indexed_with, and
    # are empty (so cost nothing) once every case uses the current key.
    return Q(indexed_with__lt=key_id) | Q(indexed_with__gt=key_id)


# --- Search -----------------------------------------------------------------


def query_tokens(org: crypto.OrgSecretKeys, query: str) -> list[str]:
    """The blind-index tokens a query must all match (empty: nothing to look for)."""
    terms = sorted(terms_of([query]), key=len, reverse=True)[:MAX_QUERY_TERMS]
    return sorted(search_tokens(blind_index_key(org, PURPOSE), terms))


def search_case_ids(
    tokens: Sequence[str],
    *,
    limit: int,
    member: StaffMember | None = None,
    inbox: InboxFilter | None = None,
) -> list[int]:
    """Ids of the cases holding every token, newest first, at most ``limit``,
    among the cases the inbox's filters select (every case if ``inbox`` is None).

    The rarest token drives: its entries are read newest first from the
    (token, case) index, and each is kept if the other tokens are there too
    (one index lookup each) and the case passes the filters. The database
    stops at ``limit``, so a frequent word costs no more than a rare one.
    """
    if not tokens:
        return []
    sizes = (
        {value: _posting_size(value) for value in set(tokens)}
        if len(set(tokens)) > 1
        else {tokens[0]: 1}
    )
    if 0 in sizes.values():
        return []
    rarest, *others = sorted(sizes, key=lambda value: sizes[value])
    entries = SearchToken.objects.filter(token=rarest)
    for value in others:
        entries = entries.filter(
            Exists(SearchToken.objects.filter(case_id=OuterRef("case_id"), token=value))
        )
    if inbox is not None:
        assert member is not None, "the inbox's filters need the staff member"
        entries = entries.filter(inbox_conditions(member, inbox, prefix="case__"))
    found = entries.order_by("-case_id").values_list("case_id", flat=True)
    return list(found[:limit])


# An estimate is enough to choose the driving token: count at most this many.
_POSTING_CAP = 1000


def _posting_size(value: str) -> int:
    return SearchToken.objects.filter(token=value)[:_POSTING_CAP].count()


# --- Case content -------------------------------------------------------------


def open_notes(case: Case, keypair: crypto.KeyPair) -> list[NoteView]:
    """The case's internal notes, decrypted."""
    views = []
    for note in Note.objects.filter(case=case).select_related("author__user"):
        fields = open_fields(
            bytes(note.sealed_body), keypair, context=note_context(case.pk)
        )
        views.append(
            NoteView(
                id=note.pk,
                author=note.author.user.get_username() if note.author else "",
                written_on=note.written_on,
                text=str(fields.get("text", "")),
            )
        )
    return views


def open_stages(case: Case, keypair: crypto.KeyPair) -> list[StageView]:
    """The person's journey, decrypted, in the order it was recorded."""
    views = []
    for stage in JourneyStage.objects.filter(case=case):
        views.append(_stage_view(stage, keypair, case.pk))
    return views


def _stage_view(
    stage: JourneyStage, keypair: crypto.KeyPair, case_id: int
) -> StageView:
    fields = open_fields(
        bytes(stage.sealed_content), keypair, context=stage_context(case_id)
    )
    kind = str(fields.get("kind", ""))
    date_text = str(fields.get("date") or "")
    try:
        label = str(StageKind(kind).label)
    except ValueError:
        label = kind
    return StageView(
        id=stage.pk,
        kind=kind,
        kind_label=label,
        date=datetime.date.fromisoformat(date_text) if date_text else None,
        place=str(fields.get("place", "")),
        details=str(fields.get("details", "")),
        recorded_on=stage.recorded_on,
    )


def searchable_texts(case: Case, keypair: crypto.KeyPair) -> list[str]:
    """Every text of a case that search should find: testimony, answers,
    conversation, notes, journey stages and attachment names.

    An item the key does not open is left out rather than failing the whole
    index (it is shown as unreadable in the case file).
    """
    texts: list[str] = []
    submission = case.submission
    try:
        testimony = intake_queries.open_testimony(submission, keypair)
        texts.append(testimony.text)
        texts.extend(testimony.answers.values())
    except crypto.CryptoError:
        pass  # shown as unreadable in the case file; nothing to index
    # Likewise: an unreadable message is flagged where it is shown.
    with contextlib.suppress(crypto.CryptoError):
        texts += [m.text for m in intake_queries.open_messages(submission, keypair)]
    for attachment in submission.attachments.all():
        try:
            texts.append(
                intake_queries.open_attachment_details(attachment, keypair).name
            )
        except crypto.CryptoError:
            continue
    for note in Note.objects.filter(case=case):
        try:
            texts.append(
                str(
                    open_fields(
                        bytes(note.sealed_body), keypair, context=note_context(case.pk)
                    ).get("text", "")
                )
            )
        except crypto.CryptoError:
            continue
    for stage in JourneyStage.objects.filter(case=case):
        try:
            view = _stage_view(stage, keypair, case.pk)
        except crypto.CryptoError:
            continue
        texts += [view.place, view.details]
    return texts
