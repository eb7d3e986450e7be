"""Small assertions on redaction output."""

from __future__ import annotations

from temoin.core.redact import Label, find_spans


def redacted(text: str, lang: str | None = None) -> list[tuple[str, Label]]:
    return [(text[s.start : s.end], s.label) for s in find_spans(text, lang)]


def covered(text: str, piece: str, lang: str | None = None) -> bool:
    """Whether every non-space character of `piece` is inside some span."""
    start = text.index(piece)
    spans = find_spans(text, lang)
    return all(
        text[i].isspace() or any(s.start <= i < s.end for s in spans)
        for i in range(start, start + len(piece))
    )


def untouched(text: str, piece: str, lang: str | None = None) -> bool:
    start = text.index(piece)
    end = start + len(piece)
    return not any(s.start < end and start < s.end for s in find_spans(text, lang))
