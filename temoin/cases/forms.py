"""Forms of the caseworker pages; every message is translated."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from temoin.accounts.models import Role, StaffMember
from temoin.cases.actions import MAX_LABEL_CHARS, MAX_NOTE_CHARS, MAX_STAGE_TEXT
from temoin.cases.models import CaseStatus, Label, StageKind
from temoin.intake.actions import MAX_TEXT_CHARS

MAX_QUERY_CHARS = 200


class InboxForm(forms.Form):
    """The inbox's tabs and filters, read from the query string."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All but closed")), *CaseStatus.choices],
    )
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    unread = forms.BooleanField(label=_("Unread only"), required=False)
    label = forms.ModelChoiceField(
        label=_("Label"),
        required=False,
        queryset=Label.objects.all(),
        empty_label=_("Any label"),
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        help_text=_("Words, places, names or unit numbers; a case must hold all."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)


def case_worker_ids() -> list[int]:
    """Staff who can be given a case: admins and caseworkers.

    Filtered in Python: roles are a JSON list, which SQLite cannot search,
    and an organisation has tens of staff, not thousands.
    """
    return [
        member.pk
        for member in StaffMember.objects.all()
        if member.has_role(Role.CASEWORKER) or member.has_role(Role.ADMIN)
    ]


class MemberChoiceField(forms.ModelChoiceField[StaffMember]):
    def label_from_instance(self, obj: StaffMember) -> str:
        return obj.user.get_username()


class AssignForm(forms.Form):
    assignee = MemberChoiceField(
        label=_("Assigned to"),
        required=False,
        queryset=StaffMember.objects.none(),
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = (
            StaffMember.objects.filter(pk__in=case_worker_ids())
            .select_related("user")
            .order_by("user__username")
        )


class LabelsForm(forms.Form):
    labels = forms.ModelMultipleChoiceField(
        label=_("Labels"),
        required=False,
        queryset=Label.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )


class NewLabelForm(forms.Form):
    name = forms.CharField(label=_("New label"), max_length=MAX_LABEL_CHARS)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply to the witness"),
        max_length=MAX_TEXT_CHARS,
        help_text=_(
            "The witness reads it when they come back with their codename. "
            "Never ask for a name, a phone number or an address here."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_NOTE_CHARS,
        help_text=_("Only staff holding the keys read notes; the witness never does."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("Leave empty if unknown."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    place = forms.CharField(
        label=_("Where"),
        required=False,
        max_length=MAX_STAGE_TEXT,
        help_text=_("The country or city: where they are, or where they applied."),
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=MAX_STAGE_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("date")
        if value is not None and value > timezone.now().date():
            raise forms.ValidationError(_("This date is in the future."))
        if value is not None and value.year < 1990:
            raise forms.ValidationError(_("This date is too far in the past."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needs_place = {StageKind.THIRD_COUNTRY.value, StageKind.APPLICATION.value}
        if data.get("kind") in needs_place and not str(data.get("place", "")).strip():
            self.add_error(
                "place", _("Say which country (or city) this stage happened in.")
            )
        return data
