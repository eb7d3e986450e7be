"""Editing questionnaires: plain functions, one transaction each.

A staff page will call these later; until then an administrator can call
them from ``temoin shell``-like scripts or a data migration. Questions are
never deleted once a questionnaire has been used, only deactivated, so that
old answers keep their meaning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from temoin.intake.models import (
    Choice,
    ChoiceText,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionText,
    Submission,
)


class QuestionnaireError(ValueError):
    """An edit that would make a questionnaire inconsistent."""


def _languages() -> set[str]:
    return {code for code, _ in settings.LANGUAGES}


def _check_languages(texts: Mapping[str, object]) -> None:
    unknown = set(texts) - _languages()
    if unknown:
        raise QuestionnaireError(f"Unknown languages: {', '.join(sorted(unknown))}.")


@transaction.atomic
def do_create_questionnaire(slug: str) -> Questionnaire:
    """Create an empty, inactive questionnaire."""
    return Questionnaire.objects.create(slug=slug, is_active=False)


@transaction.atomic
def do_activate_questionnaire(questionnaire: Questionnaire) -> None:
    """Make this the questionnaire new witnesses see (and no other)."""
    if not questionnaire.questions.filter(is_active=True).exists():
        raise QuestionnaireError("A questionnaire needs at least one question.")
    Questionnaire.objects.exclude(pk=questionnaire.pk).update(is_active=False)
    questionnaire.is_active = True
    questionnaire.save(update_fields=["is_active"])


@transaction.atomic
def do_add_question(
    questionnaire: Questionnaire,
    key: str,
    kind: QuestionKind,
    texts: Mapping[str, tuple[str, str]],
    *,
    required: bool = False,
    choices: Sequence[tuple[str, Mapping[str, str]]] = (),
) -> Question:
    """Add a question at the end; ``texts`` maps a language to (label, help)."""
    _check_languages(texts)
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        raise QuestionnaireError("A choice question needs at least two choices.")
    if kind != QuestionKind.CHOICE and choices:
        raise QuestionnaireError("Only a choice question has choices.")
    last = questionnaire.questions.aggregate(last=Max("position"))["last"]
    question = Question.objects.create(
        questionnaire=questionnaire,
        key=key,
        kind=kind,
        required=required,
        position=(last or 0) + 10,
    )
    for language, (label, help_text) in texts.items():
        QuestionText.objects.create(
            question=question, language=language, label=label, help_text=help_text
        )
    for position, (choice_key, labels) in enumerate(choices):
        _check_languages(labels)
        choice = Choice.objects.create(
            question=question, key=choice_key, position=position
        )
        for language, label in labels.items():
            ChoiceText.objects.create(choice=choice, language=language, label=label)
    return question


@transaction.atomic
def do_set_question_text(
    question: Question, language: str, label: str, help_text: str = ""
) -> None:
    """Set (or add) a question's wording in one language."""
    _check_languages({language: label})
    if not label.strip():
        raise QuestionnaireError("A question needs a label.")
    QuestionText.objects.update_or_create(
        question=question,
        language=language,
        defaults={"label": label, "help_text": help_text},
    )


@transaction.atomic
def do_set_choice_text(choice: Choice, language: str, label: str) -> None:
    """Set (or add) a choice's wording in one language."""
    _check_languages({language: label})
    ChoiceText.objects.update_or_create(
        choice=choice, language=language, defaults={"label": label}
    )


@transaction.atomic
def do_move_question(question: Question, position: int) -> None:
    """Put a question at ``position`` (0 first) among its questionnaire's."""
    others = list(
        Question.objects.filter(questionnaire=question.questionnaire)
        .exclude(pk=question.pk)
        .order_by("position", "id")
    )
    others.insert(max(0, min(position, len(others))), question)
    for index, item in enumerate(others):
        Question.objects.filter(pk=item.pk).update(position=index * 10)
    question.refresh_from_db()


@transaction.atomic
def do_remove_question(question: Question) -> None:
    """Remove a question: deleted if never answered, otherwise deactivated."""
    used = Submission.objects.filter(questionnaire=question.questionnaire).exists()
    if used:
        question.is_active = False
        question.save(update_fields=["is_active"])
    else:
        question.delete()
