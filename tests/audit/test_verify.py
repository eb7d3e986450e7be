"""`temoin audit verify` on the real database (SQLite, or PostgreSQL when the
suite runs there): rows edited, removed or swapped with plain SQL are found,
and the first bad entry is named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from click.testing import CliRunner, Result
from django.db import connection

from temoin.audit.actions import record
from temoin.audit.chain import entry_hash
from temoin.audit.models import AuditEntry
from temoin.audit.verify import Anchor, verify_chain
from temoin.cli import main

TABLE = "audit_auditentry"


def _sql(statement: str, params: Sequence[Any] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{table}", TABLE), list(params))


def _verify(*args: str) -> Result:
    return CliRunner().invoke(main, ["audit", "verify", *args])


@pytest.fixture
def log(db: None) -> list[AuditEntry]:
    return [
        record(None, "test.happened", ("cases.case", n), step=n) for n in range(1, 7)
    ]


def test_it_passes_an_untouched_log(log: list[AuditEntry]) -> None:
    result = _verify()
    assert result.exit_code == 0, result.output
    assert "Audit log intact: 6 entries" in result.output
    assert f"Last entry: 6:{log[-1].hash}" in result.output


def test_it_passes_an_empty_log(db: None) -> None:
    result = _verify()
    assert result.exit_code == 0
    assert "no entries yet" in result.output


def test_it_names_an_edited_entry(log: list[AuditEntry]) -> None:
    _sql("UPDATE {table} SET action = 'staff.unlocked' WHERE seq = 3")
    result = _verify()
    assert result.exit_code == 1
    assert "audit log broken at entry 3: altered" in result.output
    assert "entries 1 to 2 are intact" in result.output


@pytest.mark.parametrize(
    "change",
    [
        "actor_id = NULL, object_id = '99'",
        "object_type = 'accounts.staffmember'",
        "prev_hash = '" + "1" * 64 + "'",
    ],
)
def test_it_finds_any_edited_field(log: list[AuditEntry], change: str) -> None:
    _sql("UPDATE {table} SET " + change + " WHERE seq = 4")  # noqa: S608 — fixed text
    problem = verify_chain().problem
    assert problem is not None and problem.seq == 4


def test_it_finds_edited_details_and_time(log: list[AuditEntry]) -> None:
    entry = AuditEntry.objects.get(seq=2)
    _sql(
        "UPDATE {table} SET at = %s WHERE seq = 2",
        [entry.at.replace(microsecond=(entry.at.microsecond + 1) % 1_000_000)],
    )
    problem = verify_chain().problem
    assert problem is not None and (problem.seq, problem.kind) == (2, "altered")


def test_it_names_an_edited_entry_whose_hash_was_recomputed(
    log: list[AuditEntry],
) -> None:
    row = AuditEntry.objects.get(seq=3)
    forged = entry_hash(
        seq=3,
        at=row.at,
        actor_id=None,
        action="staff.unlocked",
        object_type=row.object_type,
        object_id=row.object_id,
        details=row.details,
        prev_hash=row.prev_hash,
    )
    _sql(
        "UPDATE {table} SET action = 'staff.unlocked', hash = %s WHERE seq = 3",
        [forged],
    )
    result = _verify()
    assert result.exit_code == 1
    assert "audit log broken at entry 3: altered" in result.output
    assert "entry 4 no longer links to it" in result.output


def test_it_names_a_removed_entry(log: list[AuditEntry]) -> None:
    _sql("DELETE FROM {table} WHERE seq = 3")
    result = _verify()
    assert result.exit_code == 1
    assert "audit log broken at entry 3: removed" in result.output


def test_it_names_entries_removed_from_the_end(log: list[AuditEntry]) -> None:
    _sql("DELETE FROM {table} WHERE seq >= 5")
    result = _verify()
    assert result.exit_code == 1
    assert "audit log broken at entry 5: removed" in result.output
    assert "5 to 6 is missing" in result.output


def test_it_names_the_first_of_two_swapped_entries(log: list[AuditEntry]) -> None:
    # Swap entries 3 and 4 (through a free number: seq is unique)
    _sql("UPDATE {table} SET seq = 1000 WHERE seq = 3")
    _sql("UPDATE {table} SET seq = 3 WHERE seq = 4")
    _sql("UPDATE {table} SET seq = 4 WHERE seq = 1000")
    result = _verify()
    assert result.exit_code == 1
    assert "audit log broken at entry 3: reordered" in result.output
    assert "written as entry 4" in result.output


def test_it_names_swapped_contents_as_altered(log: list[AuditEntry]) -> None:
    _sql("UPDATE {table} SET object_id = '5' WHERE seq = 4")
    _sql("UPDATE {table} SET object_id = '4' WHERE seq = 5")
    problem = verify_chain().problem
    assert problem is not None and (problem.seq, problem.kind) == (4, "altered")


def test_it_reports_the_earliest_of_several_breaks(log: list[AuditEntry]) -> None:
    _sql("DELETE FROM {table} WHERE seq = 5")
    _sql("UPDATE {table} SET action = 'test.other' WHERE seq = 2")
    problem = verify_chain().problem
    assert problem is not None and problem.seq == 2


def test_it_detects_a_log_rewritten_after_an_anchor(log: list[AuditEntry]) -> None:
    anchor = f"4:{log[3].hash}"
    assert _verify("--anchor", anchor).exit_code == 0
    # Given an attacker who rewrites entry 4 onwards with valid hashes
    _sql("DELETE FROM {table} WHERE seq >= 4")
    _sql("UPDATE audit_auditchainhead SET seq = 3, hash = %s", [log[2].hash])
    for n in range(3):
        record(None, "test.forged", step=n)
    assert _verify().exit_code == 0  # the chain alone cannot tell
    result = _verify("--anchor", anchor)
    assert result.exit_code == 1
    assert "audit log broken at entry 4: rewritten" in result.output


def test_it_refuses_a_malformed_anchor(log: list[AuditEntry]) -> None:
    result = _verify("--anchor", "four:abc")
    assert result.exit_code == 2
    assert "expected SEQ:HASH" in result.output


def test_it_checks_an_anchor_beyond_the_end(log: list[AuditEntry]) -> None:
    report = verify_chain(Anchor(9, "0" * 64))
    assert report.problem is not None and report.problem.kind == "removed"
