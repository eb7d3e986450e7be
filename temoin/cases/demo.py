"""Synthetic case work for `temoin demo`: invented people, units and journeys.

Runs after the witness demo: it works on those cases, adds two more, and
leaves cases in every state, assigned and labelled, with notes, a journey
and a conversation, in Russian, French and English, all searchable.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from temoin.accounts.models import StaffMember
from temoin.cases import actions
from temoin.cases.models import Case, CaseStatus, StageKind
from temoin.cases.queries import ensure_cases
from temoin.core import crypto
from temoin.intake import actions as intake_actions
from temoin.intake.keys import current_org_public
from temoin.intake.witnesses import new_witness

LABELS = ["urgent", "legal aid", "documents"]

# Extra testimonies: (language, text, staff reply or "").
MORE_TESTIMONIES = [
    (
        "ru",
        "Служил в в/ч 31135 под Бахмутом. В январе ушёл с позиций, две недели "
        "прятался у знакомых в Ростове, потом уехал в Ереван.",
        "Мы получили ваше свидетельство. Вы сейчас в безопасности?",
    ),
    (
        "en",
        "I was a driver in the 64th brigade near Izium. I left in May and I am "
        "now in Tbilisi without papers.",
        "",
    ),
]

# (stage, days ago, place, details), by case position (oldest first).
JOURNEYS: list[list[tuple[StageKind, int, str, str]]] = [
    [
        (StageKind.FIRST_CONTACT, 120, "", "Через форму на сайте."),
        (StageKind.IN_HIDING, 110, "Саратов", "У родственников."),
        (StageKind.LEAVING, 95, "Граница с Казахстаном", "Пешком через пункт."),
        (StageKind.THIRD_COUNTRY, 94, "Казахстан", "Алматы, временное жильё."),
        (StageKind.APPLICATION, 60, "Германия", "Гуманитарная виза."),
    ],
    [
        (StageKind.FIRST_CONTACT, 40, "", "Témoignage reçu en français."),
        (StageKind.THIRD_COUNTRY, 30, "Arménie", "Erevan, chez un ami."),
    ],
    [
        (StageKind.FIRST_CONTACT, 200, "", "Came in through the web form."),
        (StageKind.THIRD_COUNTRY, 190, "Georgia", ""),
        (StageKind.APPLICATION, 150, "France", "Asylum application in Paris."),
        (StageKind.DECISION, 20, "France", "Refugee status granted."),
        (StageKind.RESETTLED, 5, "France", "Housing found in Lyon."),
    ],
    [
        (StageKind.FIRST_CONTACT, 10, "", "Свидетель ответил на первый вопрос."),
        (StageKind.IN_HIDING, 9, "Ростов", ""),
        (StageKind.THIRD_COUNTRY, 3, "Армения", "Ереван."),
    ],
]

NOTES = [
    "Проверить повестку: номер части совпадает с в/ч 55443 из другого дела?",
    "Le témoin souhaite un contact avec un avocat à Erevan.",
    "Case closed: resettled in France. Keep the file for the annual report.",
    "Сестра в Ереване может приютить. Не писать ему о семье в переписке.",
]

# Status, assignee, labels, by case position (oldest first); the last is new.
WORKFLOW: list[tuple[CaseStatus, str | None, list[str]]] = [
    (CaseStatus.OPEN, "anna", ["legal aid", "documents"]),
    (CaseStatus.WAITING, "dmytro", ["legal aid"]),
    (CaseStatus.CLOSED, "anna", []),
    (CaseStatus.OPEN, "anna", ["urgent"]),
    (CaseStatus.NEW, None, []),
]


def create_demo_cases(org: crypto.OrgSecretKeys) -> list[str]:
    """Work on the demo cases as caseworkers would; return lines to print."""
    public = current_org_public()
    for language, text, reply in MORE_TESTIMONIES:
        _, witness = new_witness(language)
        submission = intake_actions.do_submit_testimony(
            intake_actions.NewTestimony(language=language, text=text),
            [],
            org_public=public,
            witness=witness,
        )
        if reply:
            intake_actions.do_post_staff_reply(submission, reply, org_public=public)
    ensure_cases()
    staff = {
        m.user.get_username(): m for m in StaffMember.objects.select_related("user")
    }
    admin = staff["admin"]
    labels = {name: actions.do_create_label(name, actor=admin) for name in LABELS}
    today = timezone.now().date()
    cases = list(Case.objects.order_by("id"))
    for position, case in enumerate(cases):
        status, assignee, names = WORKFLOW[min(position, len(WORKFLOW) - 1)]
        worker = staff[assignee] if assignee else admin
        actions.do_open_case(case, actor=worker, org=org, works_cases=bool(assignee))
        if assignee:
            actions.do_assign_case(case, staff[assignee], actor=admin)
        actions.do_set_case_labels(case, [labels[n] for n in names], actor=worker)
        for kind, days_ago, place, details in (
            JOURNEYS[position] if position < len(JOURNEYS) else []
        ):
            stage = actions.NewStage(
                kind, today - datetime.timedelta(days=days_ago), place, details
            )
            actions.do_add_journey_stage(case, stage, actor=worker, org=org)
        if position < len(NOTES):
            actions.do_add_note(case, NOTES[position], actor=worker, org=org)
        actions.do_set_case_status(case, status, actor=worker)
    return [f"cases: {len(cases)} (search the inbox for 31135, Бахмут, Erevan or Lyon)"]
