"""Military unit codes and numbered formations in ru/uk/fr/en text."""

from __future__ import annotations

import re

from temoin.core.claims.model import Claim, ClaimKind

# Russian units: five digits («в/ч 12345»); Ukrainian: a letter and four
# digits («військова частина А0224»). Latin look-alikes become Cyrillic.
_UNIT = re.compile(
    r"(?<![\w/])(?:в\s?/\s?ч|в\.\s?ч\.?|вч|войсков\w*\s+част\w*|"
    r"військов\w*\s+частин\w*|v\s?/\s?ch|military\s+unit|"
    r"unit[ée]s?\s+militaires?|unit[ée]?)"
    r"\s*(?:№|n°|no\.?|#|nr\.?)?\s*([АВСЕКМНОРТХABCEKMHOPTX]?\s?\d{4,5})(?!\d)"
    r"(?:\s?-\s?([А-ЯA-Z])(?![\w]))?",
    re.IGNORECASE,
)
_LOOKALIKE = str.maketrans("ABCEKMHOPTX", "АВСЕКМНОРТХ")

_KINDS = {
    "brigade": r"бригад\w*|brigades?",
    "division": r"дивизи[яиюей]\w*|дивізі\w*|divisions?",
    "regiment": r"полк\w*|r[ée]giments?",
    "battalion": r"батальон\w*|батальйон\w*|bataillons?|battalions?",
    "company": r"рот[аыуеойі]\b|compagnies?|company",
    "army": r"арми[яиюей]\w*|армі[яїюєй]\w*|arm[ée]es?|army",
    "corps": r"корпус\w*|corps",
}
_ABBREVIATIONS = {
    "омсбр": "brigade",
    "омбр": "brigade",
    "обр": "brigade",
    "одшбр": "brigade",
    "омпбр": "brigade",
    "бр": "brigade",
    "мсд": "division",
    "тд": "division",
    "вдд": "division",
    "дшд": "division",
    "мсп": "regiment",
    "тп": "regiment",
    "пдп": "regiment",
    "мсб": "battalion",
    "дшб": "battalion",
    "омсб": "battalion",
}
_ORDINAL = r"(\d{1,4})(?:\s?-\s?[а-яёіїєґ]{1,3}|er|re|e|ème|eme|st|nd|rd|th)?"
_ADJECTIVES = r"(?:[\w'’-]+\s+){0,4}?"
_FORMATION = re.compile(
    rf"(?<![\w/-]){_ORDINAL}\s+{_ADJECTIVES}"
    rf"(?P<kind>{'|'.join(f'(?P<{k}>{v})' for k, v in _KINDS.items())}"
    rf"|(?P<abbr>{'|'.join(_ABBREVIATIONS)})\b)",
    re.IGNORECASE,
)


def normalise_unit_code(code: str) -> str:
    """A unit code as stored: upper case, no spaces, Cyrillic letters."""
    return re.sub(r"\s|-", "", code).upper().translate(_LOOKALIKE)


def find_units(text: str) -> list[Claim]:
    """Unit codes («в/ч 12345», «військова частина А0224», «unit 54321»)."""
    claims = []
    for match in _UNIT.finditer(text):
        code = normalise_unit_code(match.group(1))
        if not code[:1].isdigit() and len(code) != 5:
            continue
        claims.append(
            Claim(
                ClaimKind.UNIT,
                {"code": code},
                match.group(),
                match.start(),
                match.end(),
            )
        )
    return claims


def find_formations(text: str) -> list[Claim]:
    """Numbered formations («155-я бригада», «64 ОМСБр», «the 3rd Army»)."""
    claims = []
    for match in _FORMATION.finditer(text):
        if match.group("abbr"):
            kind = _ABBREVIATIONS[match.group("abbr").lower()]
        else:
            kind = next(k for k in _KINDS if match.group(k))
        number = match.group(1).lstrip("0") or "0"
        claims.append(
            Claim(
                ClaimKind.FORMATION,
                {"number": number, "type": kind},
                match.group(),
                match.start(),
                match.end(),
            )
        )
    return claims


def formation_key(value: dict[str, str]) -> str:
    """The comparable form of a formation: ``"155 brigade"``."""
    return f"{value.get('number', '')} {value.get('type', '')}".strip()
