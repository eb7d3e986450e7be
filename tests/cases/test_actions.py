"""State changes of the caseworker side: sealed content, workflow, audit."""

from __future__ import annotations

import datetime

import pytest

from temoin.audit.models import AuditEntry
from temoin.cases import actions, queries
from temoin.cases.models import CaseStatus, JourneyStage, Note, StageKind
from temoin.core import crypto
from temoin.intake import actions as intake_actions
from temoin.intake import queries as intake_queries
from tests.cases.conftest import MakeTestimony, Organisation, Staff

TEXT = "Я служил в в/ч 55443, ушёл из-под Бахмута в марте."


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


def test_it_opens_a_case_for_each_new_testimony(
    make_testimony: MakeTestimony,
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    assert case.status == CaseStatus.NEW
    assert case.opened_on == testimony.submission.received_on
    assert case.index_stale and not case.has_unread


def test_it_opens_cases_for_submissions_saved_without_signals(
    make_testimony: MakeTestimony,
) -> None:
    testimony = make_testimony(TEXT)
    testimony.case.delete()
    assert queries.ensure_cases() == 1
    assert testimony.case.status == CaseStatus.NEW


def test_it_marks_the_case_unread_and_reopens_it_when_the_witness_writes(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    actions.do_set_case_status(case, CaseStatus.WAITING, actor=staff.anna)
    intake_actions.do_post_witness_reply(
        testimony.witness, "Я в Казахстане", [], org_public=org.public
    )
    case.refresh_from_db()
    assert case.has_unread and case.index_stale
    assert case.status == CaseStatus.OPEN


def test_it_clears_the_unread_marker_when_a_caseworker_opens_the_case(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    intake_actions.do_post_witness_reply(
        testimony.witness, "Новость", [], org_public=org.public
    )
    case = testimony.case
    actions.do_open_case(case, actor=staff.anna, org=org.secrets, works_cases=True)
    case.refresh_from_db()
    assert not case.has_unread and not case.index_stale
    assert case.status == CaseStatus.OPEN
    assert audit_actions()[-1] == "case.opened"


def test_it_leaves_a_new_case_new_when_a_verifier_opens_it(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    actions.do_open_case(case, actor=staff.boris, org=org.secrets, works_cases=False)
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW


def test_it_seals_replies_to_the_witness_and_the_organisation(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    actions.do_post_reply(case, "Where are you now?", actor=staff.anna, org=org.secrets)
    case.refresh_from_db()
    assert case.status == CaseStatus.WAITING
    by_org = intake_queries.open_messages(testimony.submission, org.keypair)
    by_witness = intake_queries.witness_conversation(testimony.witness)
    assert [m.text for m in by_org] == [m.text for m in by_witness]
    assert by_org[-1].text == "Where are you now?"
    assert audit_actions()[-1] == "case.replied"


def test_it_refuses_an_empty_reply_and_stores_nothing(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    with pytest.raises(actions.InvalidCaseChange):
        actions.do_post_reply(testimony.case, "   ", actor=staff.anna, org=org.secrets)
    assert testimony.submission.messages.count() == 0
    assert "case.replied" not in audit_actions()


def test_it_seals_notes_to_the_organisation_only(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony(TEXT)
    case = testimony.case
    actions.do_add_note(
        case, "Brother in Almaty can host him", actor=staff.anna, org=org.secrets
    )
    note = Note.objects.get(case=case)
    assert b"Almaty" not in bytes(note.sealed_body)
    assert [n.text for n in queries.open_notes(case, org.keypair)] == [
        "Brother in Almaty can host him"
    ]
    with pytest.raises(crypto.WrongKey):
        queries.open_notes(case, testimony.witness.keypair)


def test_it_will_not_open_a_note_moved_to_another_case(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    first, second = make_testimony(TEXT).case, make_testimony("Другой").case
    actions.do_add_note(first, "private", actor=staff.anna, org=org.secrets)
    Note.objects.filter(case=first).update(case=second)
    with pytest.raises(crypto.TamperedData):
        queries.open_notes(second, org.keypair)


def test_it_seals_journey_stages_kind_and_all(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    actions.do_add_journey_stage(
        case,
        actions.NewStage(
            StageKind.THIRD_COUNTRY, datetime.date(2024, 3, 2), "Kazakhstan", ""
        ),
        actor=staff.anna,
        org=org.secrets,
    )
    row = JourneyStage.objects.get(case=case)
    assert b"third_country" not in bytes(row.sealed_content)
    assert b"Kazakhstan" not in bytes(row.sealed_content)
    [stage] = queries.open_stages(case, org.keypair)
    assert (stage.kind, stage.date, stage.place) == (
        "third_country",
        datetime.date(2024, 3, 2),
        "Kazakhstan",
    )
    entry = AuditEntry.objects.get(action="case.stage_added")
    assert "third" not in str(entry.details) and "Kazakh" not in str(entry.details)


def test_it_records_every_workflow_change_in_the_audit_log_without_content(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    label = actions.do_create_label("urgent", actor=staff.admin)
    actions.do_set_case_labels(case, [label], actor=staff.anna)
    actions.do_assign_case(case, staff.anna, actor=staff.admin)
    actions.do_set_case_status(case, CaseStatus.CLOSED, actor=staff.anna)
    actions.do_add_note(case, "Бахмут 55443", actor=staff.anna, org=org.secrets)
    assert audit_actions()[-5:] == [
        "case_label.created",
        "case.labelled",
        "case.assigned",
        "case.status_changed",
        "case.note_added",
    ]
    dumped = str(list(AuditEntry.objects.values("details", "object_id")))
    assert "55443" not in dumped and "Бахмут" not in dumped
    case.refresh_from_db()
    assert case.assignee == staff.anna and case.status == CaseStatus.CLOSED
    assert list(case.labels.all()) == [label]


def test_it_makes_no_audit_entry_for_a_change_that_changes_nothing(
    make_testimony: MakeTestimony, staff: Staff
) -> None:
    case = make_testimony(TEXT).case
    before = AuditEntry.objects.count()
    actions.do_set_case_status(case, CaseStatus.NEW, actor=staff.anna)
    actions.do_assign_case(case, None, actor=staff.anna)
    assert AuditEntry.objects.count() == before


def test_it_refuses_duplicate_and_overlong_labels(staff: Staff) -> None:
    actions.do_create_label("Urgent", actor=staff.admin)
    with pytest.raises(actions.InvalidCaseChange):
        actions.do_create_label("urgent ", actor=staff.admin)
    with pytest.raises(actions.InvalidCaseChange):
        actions.do_create_label("x" * 41, actor=staff.admin)
