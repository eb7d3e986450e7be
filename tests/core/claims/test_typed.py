"""Claims typed by hand: normalised like suggestions, or refused with a code."""

from __future__ import annotations

import pytest

from temoin.core.claims import ClaimKind, TypedClaimError, parse_when, typed_claim


def test_it_reads_typed_dates_and_periods() -> None:
    assert parse_when("15.03.2022") == {"date": "2022-03-15"}
    assert parse_when("2022-03..2022-05") == {"from": "2022-03", "to": "2022-05"}
    assert parse_when("у березні 2023") == {"date": "2023-03"}
    assert parse_when("2022-02-30") is None
    assert parse_when("someday") is None


def test_a_typed_unit_is_normalised_like_a_suggested_one() -> None:
    claim = typed_claim("unit", "в/ч A0224")  # Latin A becomes Cyrillic А
    assert claim.kind is ClaimKind.UNIT and claim.value == {"code": "А0224"}


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [("tank", "x", "kind"), ("unit", " ", "value"), ("date", "soon", "date")],
)
def test_it_refuses_with_a_code(kind: str, value: str, code: str) -> None:
    with pytest.raises(TypedClaimError) as error:
        typed_claim(kind, value)
    assert error.value.code == code
