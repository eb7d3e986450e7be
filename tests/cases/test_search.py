"""The blind-index search: terms, tokens, and finding cases by them."""

from __future__ import annotations

import pytest

from temoin.accounts import actions as account_actions
from temoin.cases import actions, queries
from temoin.cases.models import Case, CaseStatus, SearchToken, StageKind
from temoin.cases.search_terms import terms_of
from temoin.cases.stems import stem
from temoin.intake import actions as intake_actions
from tests.cases.conftest import MakeTestimony, Organisation, Staff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ёлкин, ЁЛКИН!", {"елкин"}),
        ("в/ч 55443", {"55443"}),
        ("155-я бригада", {"155-я", "155", "бригад"}),
        ("12.5 km", {"12", "5", "km"}),
        ("Lucas, Lyon.", {"luca", "lyon"}),
        ("и в на the of", set()),
    ],
)
def test_it_normalises_words_into_terms(text: str, expected: set[str]) -> None:
    assert terms_of([text]) == expected


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (["Бахмут", "Бахмуте", "Бахмута", "Бахмутом"], True),
        (["Иванов", "Иванова", "Ивановым"], True),
        (["Казахстан", "Казахстане"], True),
        (["brigade", "brigades"], True),
        (["55443", "55444"], False),
    ],
)
def test_it_stems_inflected_forms_alike(forms: list[str], same: bool) -> None:
    stems = {stem(form.lower()) for form in forms}
    assert (len(stems) == 1) is same


def index_all(org: Organisation) -> None:
    actions.index_pending_cases(org.secrets, limit=100)


def find(org: Organisation, query: str) -> list[int]:
    return queries.search_case_ids(queries.query_tokens(org.secrets, query), limit=20)


def test_it_finds_every_case_that_mentions_a_unit_number_place_or_name(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    first = make_testimony("Служил в в/ч 55443 под Бахмутом, командир Петров.").case
    second = make_testimony("Моя часть 55443 стояла в Бахмуте.").case
    other = make_testimony("Я был в Курске, часть 12345.").case
    index_all(org)
    assert find(org, "55443") == [second.pk, first.pk]
    assert find(org, "бахмут") == [second.pk, first.pk]
    assert find(org, "Петрова") == [first.pk]
    assert find(org, "12345") == [other.pk]


def test_it_requires_every_word_of_the_query(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    first = make_testimony("Часть 55443, Бахмут").case
    make_testimony("Часть 55443, Курск")
    index_all(org)
    assert find(org, "55443 Бахмут") == [first.pk]
    assert find(org, "55443 Берлин") == []
    assert find(org, "и в на") == []


def test_it_finds_words_of_answers_messages_notes_and_stages(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    testimony = make_testimony("Текст", answers={"unit": "в/ч 71718"})
    case = testimony.case
    intake_actions.do_post_witness_reply(
        testimony.witness, "Я уже в Ереване", [], org_public=org.public
    )
    index_all(org)
    actions.do_add_note(case, "Contact: Lyudmila", actor=staff.anna, org=org.secrets)
    actions.do_add_journey_stage(
        case,
        actions.NewStage(StageKind.APPLICATION, None, "Tbilisi", ""),
        actor=staff.anna,
        org=org.secrets,
    )
    for query in ["71718", "Ереван", "Lyudmila", "Tbilisi"]:
        assert find(org, query) == [case.pk], query


def test_it_stores_tokens_that_reveal_no_word(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    make_testimony("Бахмут 55443 Петров")
    index_all(org)
    stored = " ".join(SearchToken.objects.values_list("token", flat=True))
    assert stored and "55443" not in stored and "бахмут" not in stored


def test_it_makes_tokens_no_other_organisation_can_match(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    case = make_testimony("Бахмут 55443").case
    index_all(org)
    _, other_secrets = account_actions.do_create_organisation_keys()
    assert find(org, "55443") == [case.pk]
    other_tokens = queries.query_tokens(other_secrets, "55443")
    assert queries.search_case_ids(other_tokens, limit=20) == []


def test_it_reindexes_a_case_when_the_witness_writes_again(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    testimony = make_testimony("Начало")
    index_all(org)
    assert find(org, "Алматы") == []
    intake_actions.do_post_witness_reply(
        testimony.witness, "Я в Алматы", [], org_public=org.public
    )
    assert Case.objects.get(pk=testimony.case.pk).index_stale
    index_all(org)
    assert find(org, "Алматы") == [testimony.case.pk]


def test_it_searches_within_the_inbox_filters(
    make_testimony: MakeTestimony, org: Organisation, staff: Staff
) -> None:
    mine = make_testimony("55443").case
    make_testimony("55443")
    actions.do_assign_case(mine, staff.anna, actor=staff.admin)
    index_all(org)
    tokens = queries.query_tokens(org.secrets, "55443")
    mine_only = queries.InboxFilter(mine=True)
    found = queries.search_case_ids(
        tokens, limit=20, member=staff.anna, inbox=mine_only
    )
    assert found == [mine.pk]
    actions.do_set_case_status(mine, CaseStatus.CLOSED, actor=staff.anna)
    default = queries.InboxFilter()
    assert queries.search_case_ids(
        tokens, limit=20, member=staff.anna, inbox=default
    ) == [mine.pk + 1]


def test_it_stops_at_the_limit_newest_first_whichever_word_is_rarer(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    cases = [make_testimony(f"часть 55443 рота {n}").case for n in range(6)]
    rare = make_testimony("часть 55443 Гюмри").case
    index_all(org)
    assert find(org, "55443")[:3] == [rare.pk, cases[-1].pk, cases[-2].pk]
    tokens = queries.query_tokens(org.secrets, "55443")
    assert queries.search_case_ids(tokens, limit=2) == [rare.pk, cases[-1].pk]
    assert find(org, "Гюмри 55443") == [rare.pk]
    assert find(org, "55443 Гюмри часть") == [rare.pk]
    assert find(org, "Гюмри Берлин") == []


def test_it_indexes_a_bounded_batch_at_a_time(
    make_testimony: MakeTestimony, org: Organisation
) -> None:
    for number in range(5):
        make_testimony(f"часть {number}")
    assert actions.index_pending_cases(org.secrets, limit=3) == 3
    assert Case.objects.filter(index_stale=True).count() == 2
