"""Names of private people: first names, surnames, patronymics, diminutives
and call signs, in every grammatical case and in either script.

Evidence is combined, none is trusted alone:

- statistical NER (natasha for Cyrillic, spaCy's French model for Latin);
- morphology (pymorphy3 knows «Антипову» is a case of the surname Антипов);
- name dictionaries (Latin spellings of Russian and Ukrainian first names,
  gender-guesser's international first names);
- the words around a name that testimony uses: ranks and titles («старшина
  Брагин», «Maître Aubertin»), relations («супруга, Агния», «a cousin,
  Fedot»), «позывной «Жук»», initials («Ф. Р. Гарипов»).

Once a person is found, every other form of the same name in the document is
found too, so the pseudonyms stay consistent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from wordfreq import zipf_frequency

from temoin.core.redact import lexicon
from temoin.core.redact.keep import KeepList
from temoin.core.redact.models import (
    first_name_detector,
    latin_first_names,
    parse,
)
from temoin.core.redact.name_ner import mark_ner, ner_regions
from temoin.core.redact.name_tokens import (
    Token,
    is_lower_style,
    tokenize,
)
from temoin.core.redact.spans import Label, Span

_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_PLACE_TAGS = frozenset({"Geox", "Orgn", "Trad"})
# Latin surnames of the former Soviet Union by their endings.
_LATIN_SURNAME = re.compile(
    r"(?:[^aeiou](?:ov|ev|yov|iev|ova|eva|ina|yna|ine|in|yn|ikh|ykh)|sky|skiy|skyi|"
    r"ski|skaya|enko|chuk|chyk|yuk|iuk|ovich|evich|shvili|dze|yan|ian|off|ko|uk)$"
)
_INITIALS = re.compile(r"(?<!\w)(?:[A-ZА-ЯЁІЇЄ]\.\s?){1,2}(?=[A-ZА-ЯЁІЇЄ][\w'’-]+)")


def find_persons(text: str, lang: str, keep: KeepList) -> list[Span]:
    """Spans of private people's names in `text` (language `lang`)."""
    tokens = tokenize(text, lang)
    if not tokens:
        return []
    lower_style = is_lower_style(tokens)
    vetoed = _Vetoes(text, tokens, keep, lower_style)
    # Only a capitalised word (any word, in messenger style) can be a name
    # by itself; the others are scored when a rule asks.
    candidates = [
        i
        for i, tok in enumerate(tokens)
        if (tok.capital or lower_style) and tok.low not in lexicon.STOP_WORDS
    ]
    for i in candidates:
        _score(tokens[i])
    mark_ner(text, tokens, ner_regions(text, tokens, candidates, vetoed, lower_style))
    for i in candidates:
        tok = tokens[i]
        tok.person = _looks_like_person(tok, lower_style) and i not in vetoed
    _apply_context_rules(text, tokens, vetoed, lower_style)
    _extend_names(text, tokens, vetoed)
    _propagate(tokens, vetoed, lower_style)
    return _to_spans(text, tokens)


class _Vetoes:
    """The tokens that are never part of a name: keep-list entries (in any
    case form) and cue words. `i in vetoes` looks token i up the first time
    it is asked: the keep-list reads every case form in both Cyrillic
    dictionaries, and most words never come close to being a name."""

    def __init__(
        self, text: str, tokens: list[Token], keep: KeepList, lower_style: bool
    ) -> None:
        self._tokens = tokens
        self._keep = keep
        self._lower_style = lower_style
        self._phrases = keep.phrase_spans(text)
        self._known: dict[int, bool] = {}

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        known = self._known.get(i)
        if known is None:
            known = self._known[i] = self._vetoed(self._tokens[i])
        return known

    def _vetoed(self, tok: Token) -> bool:
        if not (tok.capital or self._lower_style) or tok.low in lexicon.STOP_WORDS:
            return False  # never a name candidate: no need to look it up
        if tok.low in lexicon.CUE_WORDS:
            return True
        if any(a <= tok.start and tok.end <= b for a, b in self._phrases):
            return True
        return self._keep.keeps_word(tok.text)


def _score(tok: Token) -> None:
    if tok.cyrillic:
        parses = parse(tok.lang, tok.low)
        total = sum(p.score for p in parses) or 1.0
        tok.name = sum(p.score for p in parses if _NAME_TAGS & p.tag.grammemes) / total
        tok.place = (
            sum(p.score for p in parses if _PLACE_TAGS & p.tag.grammemes) / total
        )
        return
    low = tok.low.removesuffix("'s")
    if low in lexicon.STOP_WORDS or len(low) < 3:
        return
    plain = _without_accents(low)
    # How common the word is in the document's language: «bien», «flat» and
    # «Hotline» are words first, whatever a name list says.
    common = zipf_frequency(low, tok.lang)
    if plain in latin_first_names() and common < 3.5:
        tok.name = 0.9
    elif first_name_detector().get_gender(low) != "unknown" and common < 3.2:
        tok.name = 0.7
    elif len(low) >= 5 and _LATIN_SURNAME.search(plain) and common < 3.0:
        tok.name = 0.5


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _looks_like_person(tok: Token, lower_style: bool) -> bool:
    if len(tok.text) < 2:
        return False
    if tok.ner_other and tok.name < 0.9:
        return False
    if tok.place > tok.name:
        return False
    if tok.capital:
        if tok.ner_person and tok.name >= 0.3:
            return True
        # natasha is a Russian model: on Ukrainian it takes places for names,
        # so a Cyrillic word needs a name reading in the dictionary too.
        if tok.ner_person and not tok.initial and not tok.cyrillic:
            return zipf_frequency(tok.low, tok.lang) < 3.0
        if tok.initial:
            return tok.name >= 0.5 and (
                tok.ner_person or not tok.cyrillic or tok.name >= 0.9
            )
        return tok.name > 0.02 if tok.cyrillic else tok.name >= 0.5
    if lower_style and len(tok.text) >= 3:
        return tok.name >= 0.3 if tok.cyrillic else tok.name >= 0.7
    return False


def _apply_context_rules(
    text: str, tokens: list[Token], vetoed: Container[int], lower_style: bool
) -> None:
    for i, tok in enumerate(tokens):
        if tok.low not in lexicon.CUE_WORDS and _lemma(tok) not in lexicon.CUE_WORDS:
            continue
        j = i + 1
        # Skip «, », «:», «—», «as», «is»: «a cousin, Fedot», «name as Gavriil».
        while j < len(tokens) and tokens[j].low in lexicon.CUE_BRIDGES:
            j += 1
        if j >= len(tokens) or j in vetoed:
            continue
        nxt = tokens[j]
        if nxt.cyrillic != tok.cyrillic and tok.low in lexicon.TITLE_ABBREVIATIONS:
            continue  # «proton.me. Номер»: an e-mail's tail, not «Me» (Maître)
        if tok.low in lexicon.TITLE_ABBREVIATIONS and not tok.text[0].isupper():
            continue
        gap = text[tok.end : nxt.start]
        dotted = "." in gap and tok.low not in lexicon.TITLE_ABBREVIATIONS
        if dotted or len(gap) > 12 or set(gap) - set(" ,.:—–-«»\"“”'"):
            continue
        if not nxt.cyrillic and zipf_frequency(nxt.low, nxt.lang) >= 4.0:
            continue  # «son numéro», «[lawyer] Passport»: a word, not a name
        name_like = nxt.capital or lower_style
        if name_like and nxt.low not in lexicon.STOP_WORDS and nxt.place <= 0.5:
            nxt.person = True
    for i, tok in enumerate(tokens):
        if not tok.capital or tok.low in lexicon.STOP_WORDS:
            continue
        before = text[max(0, tok.start - 60) : tok.start]
        after = text[tok.end : tok.end + 1]
        quoted = before.endswith(("«", '"', "“", "„")) and after in ("»", '"', "”", "“")
        if quoted and _is_call_sign(before[:-1]) and i not in vetoed:
            tok.person = True
    by_start = {tok.start: i for i, tok in enumerate(tokens)}
    for m in _INITIALS.finditer(text):
        i = by_start.get(m.end(), -1)
        if i >= 0 and i not in vetoed:
            tokens[i].person = True


def _is_call_sign(before: str) -> bool:
    if lexicon.CALL_SIGN_CUE.search(before[-40:]):
        return True
    # A quoted single word after a preposition or an organisation word names
    # a group («в «Шторм-Z»», «ЧВК «Вагнер»»), not a person.
    last = before.rstrip().rsplit(maxsplit=1)
    return not last or last[-1].lower() not in lexicon.GROUP_WORDS


def _lemma(tok: Token) -> str:
    if not tok.cyrillic:
        return tok.low
    return str(parse(tok.lang, tok.low)[0].normal_form)


def _extend_names(text: str, tokens: list[Token], vetoed: Container[int]) -> None:
    """A capitalised word right beside a name is part of it (first name and
    surname), also across particles: «Gérald d'Harcourt», «Solène Le Du»."""
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(tokens):
            if not tok.person:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(tokens) or tokens[j].person or j in vetoed:
                    continue
                other = tokens[j]
                a, b = (other, tok) if j < i else (tok, other)
                gap = text[a.end : b.start]
                if gap not in (" ", "-") or not other.capital:
                    continue
                if other.low in lexicon.STOP_WORDS or other.place > 0.5:
                    continue
                if other.ner_other and j < i:
                    continue
                if j < i and other.initial and other.name == 0 and not other.ner_person:
                    continue
                other.person = True
                changed = True
            if i + 2 < len(tokens) and tokens[i + 1].low in lexicon.PARTICLES:
                particle, nxt = tokens[i + 1], tokens[i + 2]
                if (
                    not particle.person
                    and nxt.capital
                    and text[tok.end : particle.start] == " "
                    and text[particle.end : nxt.start] in (" ", "")
                    and i + 2 not in vetoed
                    and (
                        nxt.low not in lexicon.STOP_WORDS
                        or nxt.low in lexicon.PARTICLES
                    )
                ):
                    particle.person = nxt.person = True
                    changed = True


def _keys(tok: Token) -> set[str]:
    if not tok.cyrillic:
        low = tok.low.removesuffix("'s")
        # Lukashina / Lukashin: the feminine surname is the same family name.
        if re.search(r"(?:ov|ev|in|yn)a$", low):
            return {low, low[:-1]}
        return {low}
    keys = {tok.low}
    for p in parse(tok.lang, tok.low):
        if _NAME_TAGS & p.tag.grammemes:
            keys.add(p.normal_form)
    return keys


def _propagate(tokens: list[Token], vetoed: Container[int], lower_style: bool) -> None:
    known: set[str] = set()
    for tok in tokens:
        if tok.person and tok.low not in lexicon.PARTICLES:
            known |= _keys(tok)
    for i, tok in enumerate(tokens):
        if tok.person or tok.low in lexicon.STOP_WORDS:
            continue
        if not (tok.capital or lower_style):
            continue
        own = {tok.low} if tok.cyrillic else _keys(tok)
        if tok.cyrillic:
            own |= {
                p.normal_form
                for p in parse(tok.lang, tok.low)
                if _NAME_TAGS & p.tag.grammemes
            }
        if own & known and i not in vetoed:
            tok.person = True


def _to_spans(text: str, tokens: list[Token]) -> list[Span]:
    spans: list[Span] = []
    current: list[int] | None = None
    for tok in tokens:
        if not tok.person:
            continue
        start = tok.start
        m = re.search(r"(?:[A-ZА-ЯЁІЇЄ]\.\s?){1,2}$", text[max(0, start - 6) : start])
        if m and m.group().strip() != "M.":  # «M. Nazar» is Monsieur, not an initial
            start = max(0, tok.start - 6) + m.start()
        if current and text[current[1] : start] in (" ", "-", ""):
            current[1] = tok.end
        else:
            if current:
                spans.append(Span(current[0], current[1], Label.PERSON))
            current = [start, tok.end]
    if current:
        spans.append(Span(current[0], current[1], Label.PERSON))
    # A particle is never a name on its own, nor at either edge of one.
    return [s for s in (_trim_particles(text, s) for s in spans) if s is not None]


def _trim_particles(text: str, span: Span) -> Span | None:
    words = text[span.start : span.end]
    if words.lower() in lexicon.PARTICLES:
        return None
    return span
