"""Forms of the staff pages; every message is translated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from temoin.accounts.models import Role, StaffMember


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "The six digits your authenticator app shows, or one of your "
            "recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The six digits your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
    )


class ChangePasswordForm(forms.Form):
    current = forms.CharField(
        label=_("Current password"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new = forms.CharField(
        label=_("New password"),
        max_length=1024,
        strip=False,
        help_text=_(
            "At least 12 characters; a few unrelated words are easy to remember."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    repeat = forms.CharField(
        label=_("New password, again"),
        max_length=1024,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, member: StaffMember, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new, repeat, current = data.get("new"), data.get("repeat"), data.get("current")
        if new and repeat and new != repeat:
            self.add_error("repeat", _("The two new passwords differ."))
        if new and current and new == current:
            self.add_error(
                "new", _("Choose a password different from the current one.")
            )
        if new and not self.has_error("new"):
            try:
                validate_password(new, self.member.user)
            except ValidationError as error:
                self.add_error("new", error)
        return data


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role.")},
    )


class CreateStaffForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=40,
        help_text=_("Letters, digits, dots, dashes or underscores; not a real name."),
    )
    roles = _role_field()


class RolesForm(forms.Form):
    roles = _role_field()
