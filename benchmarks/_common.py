"""Helpers shared by the benchmark scripts: goals, printing, the results file.

Every benchmark writes ``benchmarks/results/<name>.json``::

    {"figures": {"<what>_<unit>": number, ...},
     "goals": [{"name": ..., "value": ..., "goal": ..., "op": ">="}, ...]}

Put the unit in each figure's name (``_mb_per_s``, ``_s``, ``_mib``, ``_per_s``).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"

# The results format knows two comparisons only: at most, at least.
_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
}


def goal(name: str, value: float | None, target: float, op: str) -> dict[str, object]:
    """Describe one goal: ``value op target`` must hold (``op`` as in Python)."""
    if op not in _OPERATORS:
        raise ValueError(
            f"Unknown goal operator {op!r}; use one of {sorted(_OPERATORS)}."
        )
    return {"name": name, "value": value, "goal": target, "op": op}


def goal_met(described: dict[str, object]) -> bool:
    """Return whether a goal made by :func:`goal` holds (a missing value fails)."""
    value, target, op = described["value"], described["goal"], described["op"]
    if not isinstance(value, int | float) or not isinstance(target, int | float):
        return False
    return _OPERATORS[str(op)](value, target)


def write_results(
    name: str, figures: dict[str, float], goals: list[dict[str, object]]
) -> Path:
    """Print figures and goals, write them to results/<name>.json; return its path."""
    width = max((len(key) for key in figures), default=0)
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value:g}")
    for described in goals:
        mark = "met " if goal_met(described) else "MISS"
        print(
            f"  {mark} {described['name']}: {described['value']} "
            f"{described['op']} {described['goal']}"
        )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {"figures": figures, "goals": goals}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"  wrote {path}")
    return path
