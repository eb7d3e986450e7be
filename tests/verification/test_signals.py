"""Near-duplicate detection follows the cases' own indexing, so a copy is
caught even before a verifier has worked on either case."""

from __future__ import annotations

from temoin.cases.actions import do_index_case
from temoin.verification.queries import near_duplicates
from tests.cases.conftest import MakeTestimony, Organisation

ORIGINAL = (
    "Нас отправили под Бахмут в марте. Командир роты приказал идти вперёд без "
    "прикрытия, из двадцати человек вернулись шестеро. Я ушёл через две недели, "
    "через Казахстан, с помощью знакомых, и теперь живу в Астане без документов."
)
COPY = ORIGINAL.replace("шестеро", "семеро").replace("две недели", "три недели")
UNRELATED = (
    "Я служил водителем в тылу под Белгородом и возил продукты. В августе мне "
    "пришла повестка на контракт, я отказался и уехал в Армению на автобусе."
)


def test_it_flags_a_copy_once_both_cases_are_indexed(
    org: Organisation, make_testimony: MakeTestimony
) -> None:
    # Given an original, a lightly edited copy and an unrelated account
    original = make_testimony(ORIGINAL).case
    copy = make_testimony(COPY).case
    other = make_testimony(UNRELATED).case
    # When a key holder's request indexes them for search
    for case in (original, copy, other):
        do_index_case(case, org=org.secrets)
    # Then the copy is found from the original, and the unrelated one is not
    found = {likeness.case_id for likeness in near_duplicates(original)}
    assert copy.pk in found
    assert other.pk not in found
