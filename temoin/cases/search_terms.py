"""Which words of a case go into its search index, and of a query into a search.

The same function turns a case's text and a caseworker's query into terms, so
that they meet: lower case, «ё» as «е», punctuation stripped, numbers whole,
hyphenated words both whole and in parts («155-я» gives «155»), and each word
reduced to a crude stem («Бахмуте» gives «бахмут»). Very common words are left
out: they would find every case and make the index larger for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from temoin.cases.stems import stem
from temoin.core.blind_index import tokens, words_of

# One key per purpose (see temoin.core.blind_index), and a namespace per kind
# of term, should other kinds (exact phrases, dates) be added later.
PURPOSE = "cases-search"
NAMESPACE = "word"

_PARTS = re.compile(r"['-]")

STOP_WORDS = frozenset(
    """
    а в во и й к ко на не но о об от по с со у за из до же ли бы что как так это
    он она оно они я мы вы ты его ее их мне меня нас вас был была были было быть
    то там тут где когда для при без все всё или уже еще ещё да нет
    і та у в на не з до від що як це він вона вони ми ви ти був була було
    le la les un une des du de d l et ou en au aux à a ce ces il elle ils
    elles je nous vous on qui que qu ne pas par pour sur dans avec est été
    the a an and or of to in on at by for with from is was were be been it
    he she they we you i that this not as
    """.split()  # noqa: SIM905 — one readable block per language
)


def terms_of(texts: Iterable[str]) -> set[str]:
    """The search terms of some texts (a case's content, or a query)."""
    found: set[str] = set()
    for text in texts:
        for word in words_of(text):
            for part in {word, *_PARTS.split(word)}:
                if _worth_indexing(part):
                    found.add(stem(part))
    return found


def _worth_indexing(word: str) -> bool:
    if word in STOP_WORDS:
        return False
    # A single letter is noise, a single digit may be a unit number's part.
    return len(word) > 1 or word.isdigit()


def search_tokens(key: bytes, texts: Iterable[str]) -> set[str]:
    """The blind-index tokens of some texts under the search key."""
    return tokens(key, NAMESPACE, terms_of(texts))
