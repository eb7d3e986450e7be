"""What a claim is: one structured fact of an account, and where it was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ClaimKind(StrEnum):
    """The kinds of fact a verifier records on a case."""

    UNIT = "unit"  # a military unit code: «в/ч 12345», «А0224»
    FORMATION = "formation"  # a numbered formation: «155-я бригада»
    RANK = "rank"
    BRANCH = "branch"
    PLACE = "place"  # a place, optionally with a date or period
    DATE = "date"
    PERIOD = "period"
    EVENT = "event"  # an event witnessed
    DEPARTURE = "departure"  # the route and date of leaving
    DOCUMENT = "document"  # a document seen


@dataclass(frozen=True)
class Claim:
    """A suggested or recorded claim.

    ``value`` holds the normalised fact as JSON-friendly strings, for example
    ``{"code": "12345"}`` for a unit, ``{"number": "155", "type": "brigade"}``
    for a formation, ``{"place_id": "g713174", "name": "Бахмут"}`` for a
    place, ``{"from": "2022-03", "to": "2022-05"}`` for a period. Dates are
    ISO 8601 cut to their precision: ``2022``, ``2022-03`` or ``2022-03-15``.
    ``start``/``end`` locate ``text`` in the testimony (-1 when typed by hand).
    """

    kind: ClaimKind
    value: dict[str, str]
    text: str = ""
    start: int = -1
    end: int = -1
    alternatives: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form, the one stored (encrypted) on a case."""
        return {
            "kind": self.kind.value,
            "value": dict(self.value),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "alternatives": list(self.alternatives),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Claim:
        """The inverse of :meth:`to_json`; ValueError on anything else."""
        try:
            value = data["value"]
            if not isinstance(value, dict):
                raise ValueError("A claim's value is an object.")
            alternatives = data.get("alternatives", [])
            if not isinstance(alternatives, list):
                raise ValueError("A claim's alternatives are a list.")
            return cls(
                kind=ClaimKind(str(data["kind"])),
                value={str(k): str(v) for k, v in value.items()},
                text=str(data.get("text", "")),
                start=int(str(data.get("start", -1))),
                end=int(str(data.get("end", -1))),
                alternatives=tuple(str(a) for a in alternatives),
            )
        except KeyError as exc:
            raise ValueError(f"A claim lacks its {exc.args[0]}.") from None
