"""The unit of redaction: a labelled slice of a text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    """What kind of identifying detail a span holds."""

    PERSON = "PERSON"
    CONTACT = "CONTACT"
    ID_NUMBER = "ID_NUMBER"
    MILITARY_UNIT = "MILITARY_UNIT"
    ADDRESS = "ADDRESS"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    VEHICLE = "VEHICLE"


@dataclass(frozen=True, order=True)
class Span:
    """`text[start:end]` (Python string offsets, end exclusive) must be redacted."""

    start: int
    end: int
    label: Label

    def to_json(self) -> dict[str, object]:
        """The span as the JSON lines of `temoin redact --jsonl` write it."""
        return {"start": self.start, "end": self.end, "label": str(self.label)}


# When two detectors claim overlapping text, the more specific one wins: a
# structured pattern (a unit code, a document number) says more about the
# characters than a name guess does.
PRIORITY: dict[Label, int] = {
    Label.ADDRESS: 7,
    Label.DATE_OF_BIRTH: 6,
    Label.MILITARY_UNIT: 5,
    Label.ID_NUMBER: 4,
    Label.VEHICLE: 4,
    Label.CONTACT: 3,
    Label.PERSON: 1,
}


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted spans without overlaps; a span inside a stronger one is dropped.

    Overlapping spans of the same label are merged, so no character is lost.
    """
    ranked = sorted(spans, key=lambda s: (-PRIORITY[s.label], -(s.end - s.start)))
    kept: list[Span] = []  # sorted by start, never overlapping each other
    for span in ranked:
        # Kept spans do not overlap, so those clashing with `span` are
        # neighbours in start order.
        lo = bisect.bisect_left(kept, (span.start,), key=lambda k: (k.start,))
        lo = max(0, lo - 1)
        clash = []
        for k in kept[lo:]:
            if k.start >= span.end:
                break
            if span.start < k.end:
                clash.append(k)
        if not clash:
            new = [span]
        elif all(k.label == span.label for k in clash):
            for k in clash:
                kept.remove(k)
            start = min([span.start, *(k.start for k in clash)])
            end = max([span.end, *(k.end for k in clash)])
            new = [Span(start, end, span.label)]
        else:
            # Keep the part the stronger spans leave uncovered, so a name
            # glued to a unit code is not lost.
            new = _uncovered(span, clash)
        for piece in new:
            bisect.insort(kept, piece, key=lambda k: (k.start, k.end))
    return kept


def _uncovered(span: Span, others: list[Span]) -> list[Span]:
    pieces = [(span.start, span.end)]
    for other in others:
        nxt: list[tuple[int, int]] = []
        for a, b in pieces:
            if other.end <= a or other.start >= b:
                nxt.append((a, b))
                continue
            if a < other.start:
                nxt.append((a, other.start))
            if other.end < b:
                nxt.append((other.end, b))
        pieces = nxt
    return [Span(a, b, span.label) for a, b in pieces if b - a >= 3]
