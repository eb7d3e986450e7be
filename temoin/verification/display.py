"""How a recorded claim reads on the verifier's page, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from temoin.core.claims import Claim, ClaimKind
from temoin.core.claims.typed import NOT_IN_GAZETTEER

KIND_LABELS = {
    ClaimKind.UNIT: gettext_lazy("Unit"),
    ClaimKind.FORMATION: gettext_lazy("Formation"),
    ClaimKind.RANK: gettext_lazy("Rank"),
    ClaimKind.BRANCH: gettext_lazy("Branch of service"),
    ClaimKind.PLACE: gettext_lazy("Place"),
    ClaimKind.DATE: gettext_lazy("Date"),
    ClaimKind.PERIOD: gettext_lazy("Period"),
    ClaimKind.EVENT: gettext_lazy("Event witnessed"),
    ClaimKind.DEPARTURE: gettext_lazy("Route and date of leaving"),
    ClaimKind.DOCUMENT: gettext_lazy("Document seen"),
}
# Shown through flags or not at all.
_HIDDEN = {"lat", "lon", "place_id", "note", "in_gazetteer", "place_in_gazetteer"}


@dataclass(frozen=True)
class ClaimRow:
    kind: str  # the stored kind code
    label: str
    facts: str
    note: str
    typed: bool  # typed by a verifier, not read from the testimony
    not_in_gazetteer: bool


def describe_claim(claim: Claim) -> ClaimRow:
    """A recorded claim as one line of the page."""
    value = claim.value
    facts = " · ".join(
        f"{key}={text}" for key, text in value.items() if key not in _HIDDEN
    )
    return ClaimRow(
        kind=claim.kind.value,
        label=str(KIND_LABELS.get(claim.kind, claim.kind.value)),
        facts=facts,
        note=value.get("note", ""),
        typed=claim.start < 0,
        not_in_gazetteer=NOT_IN_GAZETTEER
        in (value.get("in_gazetteer"), value.get("place_in_gazetteer")),
    )
