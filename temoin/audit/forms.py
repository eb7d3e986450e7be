from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from temoin.accounts.models import StaffMember
from temoin.audit import queries


class LogFilterForm(forms.Form):
    """Filters of the audit log page, sent by GET so a view can be linked."""

    actor = forms.TypedChoiceField(
        label=_("Who"), required=False, coerce=int, empty_value=None
    )
    action = forms.ChoiceField(label=_("Action"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        everyone = [("", _("Everyone"))]
        self.fields["actor"].choices = everyone + [  # type: ignore[attr-defined]
            (str(member.pk), member.name)
            for member in StaffMember.objects.select_related("user").order_by(
                "user__username"
            )
        ]
        every_action = [("", _("Every action"))]
        self.fields["action"].choices = every_action + [  # type: ignore[attr-defined]
            (action, action) for action in queries.known_actions()
        ]
