"""The form a verifier types a claim with; every message is translated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from temoin.core.claims import Claim, TypedClaimError, typed_claim
from temoin.core.claims.typed import MAX_TYPED_CHARS

KIND_CHOICES = [
    ("unit", _("Unit (code)")),
    ("formation", _("Formation")),
    ("rank", _("Rank")),
    ("branch", _("Branch of service")),
    ("place", _("Place")),
    ("date", _("Date or period")),
    ("event", _("Event witnessed")),
    ("departure", _("Route and date of leaving")),
    ("document", _("Document seen")),
]
ERRORS = {
    "value": (
        "value",
        _("Type the fact itself: a unit code, a rank, a place, an event…"),
    ),
    "unit": (
        "value",
        _(
            "A unit code is four or five digits, after a letter for Ukrainian "
            "units: 12345, А0224."
        ),
    ),
    "formation": (
        "value",
        _("Type a numbered formation, for example “64th brigade” or “64-я бригада”."),
    ),
    "date": (
        "value",
        _(
            "This date could not be read. Type, for example, 2022-03-15, "
            "15.03.2022, March 2022 or “from March to May 2023”."
        ),
    ),
    "when": (
        "when",
        _(
            "This date could not be read. Type, for example, 2022-03-15, "
            "15.03.2022, March 2022 or “from March to May 2023”."
        ),
    ),
    "no_place": (
        "place",
        _("This kind of claim takes no separate place: leave it empty."),
    ),
    "no_when": (
        "when",
        _("A date claim takes its date in the value: leave this field empty."),
    ),
    "too_long": (None, _("Each field holds at most 500 characters.")),
}


class TypedClaimForm(forms.Form):
    """One claim typed by hand; ``cleaned_data["claim"]`` is the Claim."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=KIND_CHOICES,
        error_messages={"invalid_choice": _("Choose a kind of claim from the list.")},
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=MAX_TYPED_CHARS,
        required=False,
        help_text=_(
            "The unit code, formation, rank, branch, place, date or period, "
            "event, route, or document."
        ),
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=MAX_TYPED_CHARS,
        required=False,
        help_text=_("Where, for a unit, formation, event, route or document."),
    )
    when = forms.CharField(
        label=_("Date or period (optional)"),
        max_length=MAX_TYPED_CHARS,
        required=False,
        help_text=_("For example 15.03.2022, March 2022, from March to May 2023."),
    )
    note = forms.CharField(
        label=_("Evidence or note (optional)"),
        max_length=MAX_TYPED_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not (data.get("value") or "").strip():
            self.add_error("value", ERRORS["value"][1])
            return data
        try:
            claim: Claim = typed_claim(
                str(data["kind"]),
                str(data["value"]),
                place=str(data.get("place") or ""),
                when=str(data.get("when") or ""),
                note=str(data.get("note") or ""),
                language=self.language,
            )
        except TypedClaimError as exc:
            field, message = ERRORS.get(exc.code, (None, _("This claim is not valid.")))
            self.add_error(field, message)
            return data
        data["claim"] = claim
        return data
