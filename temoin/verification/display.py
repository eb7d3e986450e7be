"""How verification codes read on the verifier's page, in the page's language.

The codes (claim kinds, checklist keys and statuses, evidence categories,
corroboration findings) stay the stored and submitted values; the page shows
the labels and readable claim values built here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, gettext_lazy

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


class ChecklistKey(models.TextChoices):
    """The items of the verification checklist (codes are the form's names)."""

    IDENTITY = "identity", gettext_lazy("Identity")
    SERVICE = "service", gettext_lazy("Military service")
    UNIT = "unit", gettext_lazy("Unit")
    PLACES = "places", gettext_lazy("Places")
    DEPARTURE = "departure", gettext_lazy("Departure")
    DOCUMENTS = "documents", gettext_lazy("Documents")


class ChecklistStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", gettext_lazy("Not checked")
    CONFIRMED = "confirmed", gettext_lazy("Confirmed")
    DOUBTFUL = "doubtful", gettext_lazy("Doubtful")
    CONTRADICTED = "contradicted", gettext_lazy("Contradicted")


# The codes of temoin.core.certificates.EVIDENCE_CATEGORIES.
EVIDENCE_LABELS: dict[str, Promise] = {
    "interview": gettext_lazy("Interview with the person"),
    "military_documents": gettext_lazy("Military documents"),
    "identity_documents": gettext_lazy("Identity documents"),
    "photos_videos": gettext_lazy("Photos and videos"),
    "corroborating_testimony": gettext_lazy("Corroborating testimony"),
    "open_sources": gettext_lazy("Open sources"),
    "third_party": gettext_lazy("Statements by people who know the person"),
}

# The kinds of temoin.core.corroboration.Finding.
FINDING_LABELS: dict[str, Promise] = {
    "unit": gettext_lazy("Unit"),
    "formation": gettext_lazy("Formation"),
    "place": gettext_lazy("Place"),
    "period": gettext_lazy("Period"),
    "departure": gettext_lazy("Date of leaving"),
}

# The codes of temoin.core.claims.ranks.
RANK_LABELS: dict[str, Promise] = {
    "junior sergeant": gettext_lazy("junior sergeant"),
    "senior sergeant": gettext_lazy("senior sergeant"),
    "senior lieutenant": gettext_lazy("senior lieutenant"),
    "lieutenant colonel": gettext_lazy("lieutenant colonel"),
    "private": gettext_lazy("private"),
    "corporal": gettext_lazy("corporal"),
    "sergeant": gettext_lazy("sergeant"),
    "warrant officer": gettext_lazy("warrant officer"),
    "lieutenant": gettext_lazy("lieutenant"),
    "captain": gettext_lazy("captain"),
    "major": gettext_lazy("major"),
    "colonel": gettext_lazy("colonel"),
    "contract soldier": gettext_lazy("contract soldier"),
    "conscript": gettext_lazy("conscript"),
    "mobilised": gettext_lazy("mobilised"),
}

# A numbered formation; the translations put the number in their own
# ordinal form («64-я бригада», «64e brigade»); English adds its suffix.
FORMATION_LABELS: dict[str, Promise] = {
    "brigade": gettext_lazy("%(number)s brigade"),
    "division": gettext_lazy("%(number)s division"),
    "regiment": gettext_lazy("%(number)s regiment"),
    "battalion": gettext_lazy("%(number)s battalion"),
    "company": gettext_lazy("%(number)s company"),
    "army": gettext_lazy("%(number)s army"),
    "corps": gettext_lazy("%(number)s corps"),
}


def label(labels: dict[str, Promise], code: str) -> str:
    """The label of a code, or the code itself when it has none."""
    found = labels.get(code)
    return str(found) if found is not None else code


def _english_ordinal(number: str) -> str:
    if not number.isdigit():
        return number
    n = int(number)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10)
    return f"{number}{suffix or 'th'}"


def formation_text(value: dict[str, str]) -> str:
    number, kind = value.get("number", ""), value.get("type", "")
    template = FORMATION_LABELS.get(kind)
    if template is None:
        return f"{number} {kind}".strip()
    if (get_language() or "en").startswith("en"):
        number = _english_ordinal(number)
    return str(template) % {"number": number}


def _parse(iso: str) -> tuple[int, int, int] | None:
    parts = iso.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = (int(p) for p in [*parts, "0", "0"][:3])
    return year, month, day


def _month_case(text: str) -> str:
    """Month names in lower case where the language writes them so."""
    if (get_language() or "en")[:2] in ("ru", "uk", "fr"):
        return text[:1].lower() + text[1:]
    return text


def date_text(iso: str) -> str:
    """``2023``, ``2023-03`` or ``2023-03-15`` in words of the page's language."""
    parsed = _parse(iso)
    if parsed is None:
        return iso
    year, month, day = parsed
    try:
        if day:
            return formats.date_format(datetime.date(year, month, day), "DATE_FORMAT")
        if month:
            month_year = datetime.date(year, month, 1)
            return _month_case(formats.date_format(month_year, "YEAR_MONTH_FORMAT"))
    except ValueError:
        return iso
    return str(year)


def period_text(first: str, last: str) -> str:
    """A period: «March–May 2023», or both ends in full across years."""
    a, b = _parse(first), _parse(last)
    if a and b and a[0] == b[0] and a[1] and b[1] and not a[2] and not b[2]:
        try:
            month = formats.date_format(datetime.date(*a[:2], 1), "F")
        except ValueError:
            return f"{first}–{last}"
        return f"{_month_case(month)}–{date_text(last)}"
    return f"{date_text(first)} – {date_text(last)}"


def when_text(value: dict[str, str]) -> str:
    if value.get("date"):
        return date_text(value["date"])
    if value.get("from") or value.get("to"):
        return period_text(value.get("from", ""), value.get("to", ""))
    return ""


def value_text(kind: ClaimKind, value: dict[str, str]) -> str:
    """A claim's value as one readable line: «в/ч 12345 · Бахмут · март 2023»."""
    parts: list[str] = []
    if kind == ClaimKind.UNIT:
        parts.append(
            gettext("military unit %(code)s") % {"code": value.get("code", "")}
        )
    elif kind == ClaimKind.FORMATION:
        parts.append(formation_text(value))
    elif kind == ClaimKind.RANK:
        parts.append(label(RANK_LABELS, value.get("rank", "")))
    elif kind == ClaimKind.PLACE:
        parts.append(value.get("name", ""))
    else:
        for key in ("branch", "event", "route", "document"):
            if value.get(key):
                parts.append(value[key])
    if value.get("place"):
        parts.append(value["place"])
    when = when_text(value)
    if when:
        parts.append(when)
    return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class ClaimRow:
    kind: str  # the stored kind code
    label: str
    facts: str
    note: str
    typed: bool  # typed by a verifier, not read from the testimony
    not_in_gazetteer: bool
    text: str = ""  # the words of the testimony it was read from


def describe_claim(claim: Claim) -> ClaimRow:
    """A recorded or suggested claim as one line of the page."""
    value = claim.value
    return ClaimRow(
        kind=claim.kind.value,
        label=str(KIND_LABELS.get(claim.kind, claim.kind.value)),
        facts=value_text(claim.kind, value),
        note=value.get("note", ""),
        typed=claim.start < 0,
        not_in_gazetteer=NOT_IN_GAZETTEER
        in (value.get("in_gazetteer"), value.get("place_in_gazetteer")),
        text=claim.text,
    )


@dataclass(frozen=True)
class FindingRow:
    label: str
    detail: str


def describe_finding(kind: str, detail: str) -> FindingRow:
    return FindingRow(label=label(FINDING_LABELS, kind), detail=detail)
