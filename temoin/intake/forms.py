"""Witness forms. The testimony form is built from the questionnaire's data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from temoin.intake.models import QuestionKind
from temoin.intake.queries import QuestionView

SHORT_MAX = 2000
LONG_MAX = 100_000
FIELD_PREFIX = "q_"


class TestimonyForm(forms.Form):
    """The questionnaire, a free text, and the wish to destroy the originals."""

    text = forms.CharField(
        label=_("Anything else you want to tell"),
        required=False,
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    destroy_originals = forms.BooleanField(
        label=_(
            "Destroy the originals of my files once they have been verified "
            "(only the cleaned copies are kept)"
        ),
        required=False,
    )

    def __init__(
        self, questions: list[QuestionView], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[FIELD_PREFIX + question.key] = _field_for(question)
        # The questions first, then the free text, then the files' option.
        order = [FIELD_PREFIX + q.key for q in questions] + [
            "text",
            "destroy_originals",
        ]
        self.order_fields(order)

    def answers(self) -> dict[str, str]:
        result = {}
        for question in self.questions:
            value = str(self.cleaned_data.get(FIELD_PREFIX + question.key) or "")
            if value.strip():
                result[question.key] = value.strip()
        return result


def _field_for(question: QuestionView) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=question.choices, widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_MAX, widget=forms.Textarea(attrs={"rows": 8}), **common
        )
    return forms.CharField(max_length=SHORT_MAX, **common)


class CodenameForm(forms.Form):
    codename = forms.CharField(
        label=_("Your codename"),
        max_length=500,
        widget=forms.PasswordInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=LONG_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
