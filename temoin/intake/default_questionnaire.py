# ruff: noqa: E501 — translated sentences read best unbroken
"""The default questionnaire for a deserter's testimony, in four languages.

Frozen in migration 0002 (which copies this data); edit the live
questionnaire with the functions in ``temoin.intake.questionnaires``.
"""

from __future__ import annotations

from typing import Any

SLUG = "deserter-v1"

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "branch",
        "kind": "short_text",
        "text": {
            "ru": (
                "Род войск",
                "Например: сухопутные войска, ВДВ, флот, Росгвардия, ЧВК.",
            ),
            "uk": (
                "Рід військ",
                "Наприклад: сухопутні війська, ВДВ, флот, Росгвардія, ПВК.",
            ),
            "fr": (
                "Arme ou corps",
                "Par exemple : armée de terre, troupes aéroportées, marine, garde nationale, société militaire privée.",
            ),
            "en": (
                "Branch of service",
                "For example: ground forces, airborne troops, navy, national guard, a private military company.",
            ),
        },
    },
    {
        "key": "rank",
        "kind": "short_text",
        "text": {
            "ru": ("Звание", ""),
            "uk": ("Звання", ""),
            "fr": ("Grade", ""),
            "en": ("Rank", ""),
        },
    },
    {
        "key": "unit",
        "kind": "short_text",
        "text": {
            "ru": (
                "Часть (номер или название)",
                "Только если вы готовы это сообщить: это может помочь проверить рассказ, но и узнать вас.",
            ),
            "uk": (
                "Частина (номер або назва)",
                "Лише якщо ви готові це повідомити: це може допомогти перевірити розповідь, але й упізнати вас.",
            ),
            "fr": (
                "Unité (numéro ou nom)",
                "Seulement si vous êtes prêt à le dire : cela aide à vérifier le récit, mais peut aussi vous identifier.",
            ),
            "en": (
                "Unit (number or name)",
                "Only if you are ready to say it: it helps verify the account, but could also identify you.",
            ),
        },
    },
    {
        "key": "where",
        "kind": "short_text",
        "text": {
            "ru": ("Где это происходило?", "Область, город или район."),
            "uk": ("Де це відбувалося?", "Область, місто або район."),
            "fr": ("Où cela s'est-il passé ?", "Région, ville ou secteur."),
            "en": ("Where did it happen?", "Region, town or area."),
        },
    },
    {
        "key": "when",
        "kind": "period",
        "text": {
            "ru": (
                "Когда это происходило?",
                "Дата или период, например «март 2023» или «с 10 по 20 мая 2023».",
            ),
            "uk": (
                "Коли це відбувалося?",
                "Дата або період, наприклад «березень 2023» або «з 10 по 20 травня 2023».",
            ),
            "fr": (
                "Quand cela s'est-il passé ?",
                "Une date ou une période, par exemple « mars 2023 » ou « du 10 au 20 mai 2023 ».",
            ),
            "en": (
                "When did it happen?",
                'A date or a period, for example "March 2023" or "10 to 20 May 2023".',
            ),
        },
    },
    {
        "key": "testimony",
        "kind": "long_text",
        "required": True,
        "text": {
            "ru": (
                "Что вы видели и что делали?",
                "Пишите столько, сколько нужно, своими словами.",
            ),
            "uk": (
                "Що ви бачили і що робили?",
                "Пишіть стільки, скільки потрібно, своїми словами.",
            ),
            "fr": (
                "Qu'avez-vous vu et qu'avez-vous fait ?",
                "Écrivez autant qu'il le faut, avec vos mots.",
            ),
            "en": (
                "What did you see and what did you do?",
                "Write as much as you need, in your own words.",
            ),
        },
    },
    {
        "key": "leaving",
        "kind": "long_text",
        "text": {
            "ru": ("Как и когда вы ушли?", ""),
            "uk": ("Як і коли ви пішли?", ""),
            "fr": ("Comment et quand êtes-vous parti ?", ""),
            "en": ("How and when did you leave?", ""),
        },
    },
    {
        "key": "now",
        "kind": "short_text",
        "text": {
            "ru": ("Где вы сейчас?", "Достаточно страны. Не указывайте точный адрес."),
            "uk": ("Де ви зараз?", "Достатньо країни. Не вказуйте точну адресу."),
            "fr": (
                "Où êtes-vous maintenant ?",
                "Le pays suffit. Ne donnez pas d'adresse précise.",
            ),
            "en": (
                "Where are you now?",
                "The country is enough. Do not give an exact address.",
            ),
        },
    },
    {
        "key": "help",
        "kind": "long_text",
        "text": {
            "ru": (
                "Какая помощь вам нужна?",
                "Например: юридическая, убежище, документы, жильё, связь с близкими.",
            ),
            "uk": (
                "Якої допомоги ви потребуєте?",
                "Наприклад: юридичної, притулку, документів, житла, зв'язку з близькими.",
            ),
            "fr": (
                "De quelle aide avez-vous besoin ?",
                "Par exemple : juridique, asile, papiers, logement, contact avec vos proches.",
            ),
            "en": (
                "What help do you need?",
                "For example: legal help, asylum, documents, housing, contact with your family.",
            ),
        },
    },
    {
        "key": "consent",
        "kind": "choice",
        "required": True,
        "text": {
            "ru": (
                "Можно ли опубликовать ваше свидетельство?",
                "Мы никогда не публикуем ничего, что может вас выдать.",
            ),
            "uk": (
                "Чи можна опублікувати ваше свідчення?",
                "Ми ніколи не публікуємо нічого, що може вас видати.",
            ),
            "fr": (
                "Pouvons-nous publier votre témoignage ?",
                "Nous ne publions jamais rien qui pourrait vous identifier.",
            ),
            "en": (
                "May we publish your testimony?",
                "We never publish anything that could identify you.",
            ),
        },
        "choices": [
            {
                "key": "none",
                "text": {
                    "ru": "Нет, не публиковать",
                    "uk": "Ні, не публікувати",
                    "fr": "Non, ne pas publier",
                    "en": "No, do not publish",
                },
            },
            {
                "key": "anonymised",
                "text": {
                    "ru": "Да, только в обезличенном виде",
                    "uk": "Так, лише в знеособленому вигляді",
                    "fr": "Oui, seulement sous forme anonymisée",
                    "en": "Yes, anonymised only",
                },
            },
        ],
    },
]
