"""Military unit codes («в/ч 12345», «військова частина А1234», «unité
militaire 12345») and numbered formations («3-й батальон 1194-го полка»,
«155-я бригада», «110th mechanized brigade»)."""

from __future__ import annotations

import re

from temoin.core.redact.spans import Label, Span

_NUMBER_SIGN = r"(?:№|n°|no\.?|#|nr\.?)?\s?"
_CODE = r"[А-ЯA-Z]?\d{3,5}(?!\d)"
_UNIT_CODE = re.compile(
    r"(?<!\w)(?:"
    r"в\s?/\s?ч\.?|в\.\s?ч\.|вч|"
    r"войсков\w*\s+част\w*|військов\w*\s+частин\w*|"
    r"v\s?/\s?ch\.?|"
    r"unités?\s+militaires?|unité|"
    r"military\s+units?|unit"
    rf")\s*{_NUMBER_SIGN}{_CODE}",
    re.IGNORECASE,
)

_FORMATION_NOUN = (
    r"(?:батальон|полк|бригад|дивизи|дивизион|роты|рота|роте|роту|ротой|"
    r"корпус|армии|армия|армией|отряд|эскадрил|"
    r"батальйон|бригад|дивізі|дивізіон|роти|полку|загін|загон|"
    r"bataillon|régiment|brigade|division|compagnie|armée|escadron|"
    r"battalion|regiment|brigade|division|company|army|corps|squadron)\w*"
)
# Ordinals: «3-й», «1194-го», «35-та», «128-ма», «27e», «2nd», «114e».
_ORDINAL = r"\d{1,4}(?:\s?-\s?(?:[а-яёії]{1,3})|(?:e|er|re|ème|eme|è)|(?:st|nd|rd|th))"
_ADJECTIVE = r"(?:[а-яёіїєґa-zéèêàç'’]+(?:-[а-яёіїєґa-zéèêàç]+)*)"
_FORMATION = (
    rf"(?:the\s+)?{_ORDINAL}\s+(?:{_ADJECTIVE}\s+){{0,4}}?{_FORMATION_NOUN}"
    # A specialty that follows the noun: «…бригада територіальної оборони».
    r"(?:\s+(?:територіальної\s+оборони|морської\s+піхоти|морской\s+пехоты|"
    r"спеціального\s+призначення|специального\s+назначения|"
    r"особого\s+назначения|оперативного\s+призначення|"
    r"de\s+fusiliers\s+motorisés|d'infanterie(?:\s+de\s+marine)?|"
    r"de\s+la\s+garde|motorisée|mécanisée|blindée|aéroportée|d'assaut))?"
)
_FORMATION_CHAIN = re.compile(
    rf"(?<![\w-]){_FORMATION}(?:\s*,?\s*(?:of\s+|du\s+|de\s+la\s+|de\s+l'|из\s+|в\s+составе\s+)?"
    rf"{_FORMATION})*",
    re.IGNORECASE,
)
# Russian «Nй полк» etc. would also catch «1-й день»; the noun list above keeps
# to formations, and a year before a noun (2022 brigade) is not an ordinal.


def find_military_units(text: str) -> list[Span]:
    """Unit codes with their designator and numbered formations."""
    spans: list[Span] = []
    for pattern in (_UNIT_CODE, _FORMATION_CHAIN):
        for m in pattern.finditer(text):
            spans.append(Span(m.start(), m.end(), Label.MILITARY_UNIT))
    return spans
