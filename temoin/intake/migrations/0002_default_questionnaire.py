"""Create the default deserter questionnaire in Russian, Ukrainian, French, English."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# The data lives in its own module; change it only through a new migration.
from temoin.intake.default_questionnaire import QUESTIONS, SLUG


def create(apps: Any, schema_editor: Any) -> None:
    Questionnaire = apps.get_model("intake", "Questionnaire")
    Question = apps.get_model("intake", "Question")
    QuestionText = apps.get_model("intake", "QuestionText")
    Choice = apps.get_model("intake", "Choice")
    ChoiceText = apps.get_model("intake", "ChoiceText")
    if Questionnaire.objects.filter(slug=SLUG).exists():
        return
    questionnaire = Questionnaire.objects.create(
        slug=SLUG, is_active=not Questionnaire.objects.filter(is_active=True).exists()
    )
    for position, item in enumerate(QUESTIONS):
        question = Question.objects.create(
            questionnaire=questionnaire,
            key=item["key"],
            kind=item["kind"],
            position=position * 10,
            required=item.get("required", False),
        )
        for language, (label, help_text) in item["text"].items():
            QuestionText.objects.create(
                question=question, language=language, label=label, help_text=help_text
            )
        for choice_position, choice_item in enumerate(item.get("choices", [])):
            choice = Choice.objects.create(
                question=question, key=choice_item["key"], position=choice_position
            )
            for language, label in choice_item["text"].items():
                ChoiceText.objects.create(choice=choice, language=language, label=label)


def remove(apps: Any, schema_editor: Any) -> None:
    apps.get_model("intake", "Questionnaire").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
