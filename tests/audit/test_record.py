"""Writing the audit log: a chain of entries, append-only, without content."""

from __future__ import annotations

import pytest
from django.db import transaction

from temoin.accounts import actions
from temoin.accounts.models import Role, StaffMember
from temoin.audit.actions import BadAuditEntry, record
from temoin.audit.chain import GENESIS_HASH, entry_hash
from temoin.audit.models import AppendOnly, AuditChainHead, AuditEntry
from temoin.audit.verify import verify_chain


@pytest.fixture
def member(db: None) -> StaffMember:
    created, _ = actions.do_create_staff_member("anna", [Role.CASEWORKER], "x" * 16)
    return created


def test_it_chains_each_entry_to_the_one_before(member: StaffMember) -> None:
    first = AuditEntry.objects.get()  # the account's creation
    second = record(None, "test.happened", member, count=2, flag=True, note=None)
    assert first.seq == 1 and first.prev_hash == GENESIS_HASH
    assert second.seq == 2 and second.prev_hash == first.hash
    assert second.object_type == "accounts.staffmember"
    assert second.object_id == str(member.pk)
    stored = AuditEntry.objects.get(seq=2)
    assert stored.hash == entry_hash(
        seq=2,
        at=stored.at,
        actor_id=None,
        action="test.happened",
        object_type=stored.object_type,
        object_id=stored.object_id,
        details={"count": 2, "flag": True, "note": None},
        prev_hash=first.hash,
    )
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (2, second.hash)


def test_it_names_objects_by_type_and_id(db: None) -> None:
    entry = record(None, "test.happened", ("cases.case", 42))
    assert (entry.object_type, entry.object_id) == ("cases.case", "42")


@pytest.mark.parametrize(
    "details",
    [
        {"text": "Я видел, как колонна шла на север\nи потом..."},
        {"text": "x" * 500},
        {"Bad Key": 1},
        {"ratio": 0.5},
        {"nested": {"a": 1}},
        {"many": list(range(100))},
    ],
)
def test_it_refuses_what_looks_like_content(
    db: None, details: dict[str, object]
) -> None:
    with pytest.raises(BadAuditEntry):
        record(None, "test.happened", None, **details)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("action", ["happened", "Test.Happened", "test.", "a.b.c"])
def test_it_refuses_a_badly_named_action(db: None, action: str) -> None:
    with pytest.raises(BadAuditEntry):
        record(None, action)


def test_it_never_changes_or_deletes_an_entry_through_django(db: None) -> None:
    entry = record(None, "test.happened")
    entry.action = "test.other"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="test.other")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "test.happened"


def test_it_writes_the_entry_in_the_same_transaction_as_the_change(
    member: StaffMember,
) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.do_unlock_member(member, unlocked_by=None)
        raise RuntimeError("the request failed after the action")
    assert AuditEntry.objects.count() == before
    assert verify_chain().intact


def test_it_stores_enum_values_as_plain_text(db: None) -> None:
    entry = record(None, "test.happened", roles=[Role.ADMIN], role=Role.VERIFIER)
    assert AuditEntry.objects.get(pk=entry.pk).details == {
        "roles": ["admin"],
        "role": "verifier",
    }
    assert verify_chain().intact


def test_it_rebuilds_a_missing_head_from_the_last_entry(db: None) -> None:
    record(None, "test.happened")
    AuditChainHead.objects.all().delete()
    record(None, "test.happened")
    assert verify_chain().intact
    assert AuditChainHead.objects.get().seq == 2
