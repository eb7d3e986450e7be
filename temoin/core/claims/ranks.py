"""Military ranks in ru/uk/fr/en, reduced to one English name."""

from __future__ import annotations

import re

from temoin.core.claims.model import Claim, ClaimKind

# Longer names first, so «старший лейтенант» wins over «лейтенант».
_RANKS: list[tuple[str, str]] = [
    ("junior sergeant", r"младш\w+ сержант\w*|молодш\w+ сержант\w*|junior sergeant"),
    ("senior sergeant", r"старш\w+ сержант\w*|senior sergeant|sergent-chef"),
    ("senior lieutenant", r"старш\w+ лейтенант\w*|senior lieutenant"),
    ("lieutenant colonel", r"подполковник\w*|підполковник\w*|lieutenant[- ]colonel"),
    (
        "private",
        r"рядов(?:ой|ого|ым|ом)|рядов(?:ий|ого|им)|private|soldat de 2e classe",
    ),
    ("corporal", r"ефрейтор\w*|caporal\w*|corporal|lance corporal"),
    ("sergeant", r"сержант\w*|sergent|sergeant"),
    ("warrant officer", r"прапорщик\w*|warrant officer|adjudant"),
    ("lieutenant", r"лейтенант\w*|lieutenant"),
    ("captain", r"капитан\w*|капітан\w*|capitaine|captain"),
    ("major", r"майор\w*|commandant|major"),
    ("colonel", r"полковник\w*|colonel"),
    ("contract soldier", r"контрактник\w*|contract soldier|soldat sous contrat"),
    ("conscript", r"срочник\w*|строковик\w*|призывник\w*|conscript\w*|appel[ée]"),
    ("mobilised", r"мобилизованн\w+|мобілізован\w+|mobilis[ée]d?\w*|mobilized"),
]
_PATTERN = re.compile(
    "|".join(f"(?P<r{i}>(?<!\\w)(?:{p})(?!\\w))" for i, (_, p) in enumerate(_RANKS)),
    re.IGNORECASE,
)


def find_ranks(text: str) -> list[Claim]:
    """Ranks and statuses («старший сержант», «mobilised», «контрактник»)."""
    claims = []
    for match in _PATTERN.finditer(text):
        index = next(i for i in range(len(_RANKS)) if match.group(f"r{i}"))
        claims.append(
            Claim(
                ClaimKind.RANK,
                {"rank": _RANKS[index][0]},
                match.group(),
                match.start(),
                match.end(),
            )
        )
    return claims
