"""Replace spans with localised placeholders: «[ИМЯ 1]», «[NOM 1]»,
«[NAME 1]»; the same person gets the same number in every case form."""

from __future__ import annotations

import re
from collections.abc import Callable

from temoin.core.redact.spans import Label, Span

PLACEHOLDERS: dict[str, dict[Label, str]] = {
    "ru": {
        Label.PERSON: "ИМЯ",
        Label.CONTACT: "КОНТАКТ",
        Label.ID_NUMBER: "НОМЕР ДОКУМЕНТА",
        Label.MILITARY_UNIT: "ВОИНСКАЯ ЧАСТЬ",
        Label.ADDRESS: "АДРЕС",
        Label.DATE_OF_BIRTH: "ДАТА РОЖДЕНИЯ",
        Label.VEHICLE: "НОМЕР МАШИНЫ",
    },
    "uk": {
        Label.PERSON: "ІМ'Я",
        Label.CONTACT: "КОНТАКТ",
        Label.ID_NUMBER: "НОМЕР ДОКУМЕНТА",
        Label.MILITARY_UNIT: "ВІЙСЬКОВА ЧАСТИНА",
        Label.ADDRESS: "АДРЕСА",
        Label.DATE_OF_BIRTH: "ДАТА НАРОДЖЕННЯ",
        Label.VEHICLE: "НОМЕР АВТО",
    },
    "fr": {
        Label.PERSON: "NOM",
        Label.CONTACT: "CONTACT",
        Label.ID_NUMBER: "NUMÉRO D'IDENTITÉ",
        Label.MILITARY_UNIT: "UNITÉ MILITAIRE",
        Label.ADDRESS: "ADRESSE",
        Label.DATE_OF_BIRTH: "DATE DE NAISSANCE",
        Label.VEHICLE: "IMMATRICULATION",
    },
    "en": {
        Label.PERSON: "NAME",
        Label.CONTACT: "CONTACT",
        Label.ID_NUMBER: "ID NUMBER",
        Label.MILITARY_UNIT: "MILITARY UNIT",
        Label.ADDRESS: "ADDRESS",
        Label.DATE_OF_BIRTH: "DATE OF BIRTH",
        Label.VEHICLE: "LICENCE PLATE",
    },
}


def _default_key(text: str, label: Label) -> str:
    if label is Label.PERSON:
        return text.lower()
    # «+7 921 552 88 50» and «+79215528850» are one number.
    return re.sub(r"[\W_]", "", text.lower())


def replace_spans(
    text: str,
    spans: list[Span],
    lang: str,
    mode: str = "pseudonym",
    person_key: Callable[[str], frozenset[str]] | None = None,
) -> str:
    """`text` with every span replaced by its placeholder.

    In "pseudonym" mode persons are numbered, and two person spans that
    share a name key (from `person_key`, e.g. dictionary forms) get the same
    number; in "mask" mode every span becomes its bare label.
    """
    if mode not in ("pseudonym", "mask"):
        raise ValueError(f"unknown redaction mode: {mode!r}")
    names = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
    numbers: dict[Label, list[frozenset[str]]] = {}
    out: list[str] = []
    position = 0
    for span in sorted(spans):
        piece = text[span.start : span.end]
        label = names[span.label]
        if mode == "pseudonym":
            if span.label is Label.PERSON and person_key is not None:
                keys = person_key(piece)
            else:
                keys = frozenset({_default_key(piece, span.label)})
            seen = numbers.setdefault(span.label, [])
            number = next((n for n, k in enumerate(seen, 1) if k & keys), 0)
            if number == 0:
                seen.append(keys)
                number = len(seen)
            else:
                seen[number - 1] = seen[number - 1] | keys
            label = f"{label} {number}"
        out.append(text[position : span.start])
        out.append(f"[{label}]")
        position = span.end
    out.append(text[position:])
    return "".join(out)
