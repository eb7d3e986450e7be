"""Synthetic witness testimony for `temoin demo`: invented people and events."""

from __future__ import annotations

from temoin.core import crypto
from temoin.intake import actions
from temoin.intake.keys import current_org_public
from temoin.intake.queries import active_questionnaire
from temoin.intake.witnesses import Witness, new_witness

# (language, answers, staff question, witness answer)
DEMO_TESTIMONIES = [
    (
        "ru",
        {
            "branch": "Мотострелковые войска",
            "rank": "Рядовой",
            "where": "Запорожская область",
            "when": "Осень 2023",
            "testimony": "Нас отправили на позиции без подготовки. Командир "
            "угрожал тем, кто отказывался идти в атаку.",
            "leaving": "Ушёл во время ротации, через две недели добрался до границы.",
            "now": "Казахстан",
            "help": "Юридическая помощь и документы.",
            "consent": "anonymised",
        },
        "Спасибо за рассказ. Есть ли у вас документы о мобилизации?",
        "Да, повестка и копия военного билета.",
    ),
    (
        "fr",
        {
            "testimony": "J'ai vu des blessés laissés sans soins pendant deux jours.",
            "now": "Arménie",
            "consent": "none",
        },
        "Merci. Pouvez-vous préciser le mois ?",
        "C'était en mars 2024.",
    ),
    (
        "en",
        {
            "testimony": "Our unit was ordered to shell a village with civilians "
            "still in it. I refused and was locked up for a week.",
            "consent": "anonymised",
        },
        "Thank you. Are you safe where you are now?",
        "Yes, for now. I need help with an asylum application.",
    ),
]


def create_demo_testimonies(org_secrets: crypto.OrgSecretKeys) -> list[str]:
    """Create the demo testimonies with a conversation; return lines to print."""
    org = current_org_public()
    questionnaire = active_questionnaire()
    lines = []
    for language, answers, question, answer in DEMO_TESTIMONIES:
        codename, secrets = new_witness(language)
        submission = actions.do_submit_testimony(
            actions.NewTestimony(
                language=language, answers=answers, questionnaire=questionnaire
            ),
            [],
            org_public=org,
            witness=secrets,
        )
        actions.do_post_staff_reply(submission, question, org_public=org)
        actions.do_post_witness_reply(
            Witness(submission, secrets.keypair), answer, [], org_public=org
        )
        lines.append(f"witness ({language}) codename: {codename}")
    return lines
