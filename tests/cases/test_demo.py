"""The demo's case work: every state, searchable, in three languages."""

from __future__ import annotations

from temoin.accounts.actions import open_member_grant
from temoin.accounts.models import StaffMember
from temoin.cases import queries
from temoin.cases.models import Case, CaseStatus, JourneyStage, Note
from temoin.demo import DEMO_PASSWORD, load_demo_data


def test_it_leaves_demo_cases_in_every_state_and_searchable(
    transactional_db: None,
) -> None:
    summary = load_demo_data()
    assert any(line.startswith("cases: 5 ") for line in summary.lines)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {status.value for status in CaseStatus}
    assert Note.objects.count() == 4 and JourneyStage.objects.count() == 15
    assert Case.objects.filter(assignee__isnull=False).count() == 4
    assert not Case.objects.filter(index_stale=True).exists()
    anna = StaffMember.objects.get(user__username="anna")
    org = open_member_grant(anna, DEMO_PASSWORD)
    for query, count in [("31135", 1), ("Бахмут", 1), ("Erevan", 1), ("Lyon", 1)]:
        found = queries.search_case_ids(queries.query_tokens(org, query), limit=20)
        assert len(found) == count, query
