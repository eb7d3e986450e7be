"""Which sentences the statistical models read, and what they say of each word.

A model's verdict changes the outcome only for some words; the others are
left to the dictionaries, which makes redaction several times faster."""

from __future__ import annotations

import bisect
import re
from collections.abc import Container

from wordfreq import zipf_frequency

from temoin.core.redact import lexicon
from temoin.core.redact.models import cyrillic_ner, latin_ner
from temoin.core.redact.name_tokens import CYRILLIC, Token

# Where a sentence ends, for the models (an initial's full stop is checked apart).
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
_LAST_WORD = re.compile(r"(?<!\w)\w+$")


def ner_regions(
    text: str,
    tokens: list[Token],
    candidates: list[int],
    vetoed: Container[int],
    lower_style: bool,
) -> list[tuple[int, int]]:
    """The sentences the statistical models must read, as (start, end),
    adjacent ones joined.

    A model's verdict changes the outcome only for some words (see
    `needs_ner`); a sentence without one is not read: most of a testimony
    says what happened, not who.
    """
    regions: list[tuple[int, int]] = []
    starts: list[int] | None = None
    for i in candidates:
        tok = tokens[i]
        if regions and tok.start < regions[-1][1]:
            continue  # in a sentence already taken
        if not needs_ner(text, tokens, i, lower_style) or i in vetoed:
            continue
        if starts is None:
            starts = sentence_starts(text)
        k = bisect.bisect_right(starts, tok.start)
        start = starts[k - 1] if k else 0
        k = bisect.bisect_left(starts, tok.end)
        end = starts[k] if k < len(starts) else len(text)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    return regions


def needs_ner(text: str, tokens: list[Token], i: int, lower_style: bool) -> bool:
    """Whether NER could change what `persons._looks_like_person` and `_extend_names`
    decide about `tokens[i]` (a scored candidate, not a stop word).

    Keep in step with those two functions: tests compare the outcome with
    NER read on whole texts.
    """
    tok = tokens[i]
    if tok.name > 0 and (tok.capital or lower_style):
        if tok.name < 0.9:
            return True  # NER confirms it, or vetoes it as a place
        # A sure name is a name whatever NER says; NER only decides whether
        # the capitalised word before it joins the name, unless that word is
        # a stop word or a sure name itself.
        if i == 0 or text[tokens[i - 1].end : tok.start] not in (" ", "-"):
            return False
        before = tokens[i - 1]
        return (
            before.capital
            and before.name < 0.9
            and before.low not in lexicon.STOP_WORDS
        )
    # spaCy alone makes a name of a rare capitalised Latin word inside a
    # sentence; a common one («Paris», «Police») it cannot.
    return (
        tok.capital
        and not tok.initial
        and not tok.cyrillic
        and zipf_frequency(tok.low, tok.lang) < 3.0
    )


def sentence_starts(text: str) -> list[int]:
    """Where sentences start, past the first; a full stop after an initial
    or a title («Ф. Р. Гарипов», «Mme Roux») ends none."""
    starts = []
    for m in _SENTENCE_END.finditer(text):
        if m.group() == ".":
            word = _LAST_WORD.search(text, max(0, m.start() - 5), m.start())
            if word and (
                len(word.group()) == 1
                or word.group().lower() in lexicon.TITLE_ABBREVIATIONS
            ):
                continue
        starts.append(m.end())
    return starts


def mark_ner(text: str, tokens: list[Token], regions: list[tuple[int, int]]) -> None:
    spans: list[tuple[int, int, str]] = []
    if not regions:
        return
    cyrillic = sum(t.cyrillic for t in tokens)
    latin = len(tokens) - cyrillic
    # Each model reads only the script it was trained on, when that script
    # carries a real part of the text (not one e-mail address in Russian).
    if cyrillic >= 3 and cyrillic >= 0.2 * len(tokens):
        # The tagger reads a whole region at once: four times faster than
        # natasha's Doc, which splits it into sentences first.
        spans.extend(cyrillic_ner(text, regions))
    if latin >= 3 and latin >= 0.2 * len(tokens):
        spans.extend(latin_ner(text, regions))
    starts = [t.start for t in tokens]
    for start, end, kind in spans:
        i = bisect.bisect_left(starts, start)
        script = bool(CYRILLIC.search(text[start:end]))
        while i < len(tokens) and tokens[i].end <= end:
            tok = tokens[i]
            if kind == "PER" and tok.cyrillic == script:
                tok.ner_person = True
            elif kind in ("LOC", "ORG"):
                tok.ner_other = True
            i += 1
