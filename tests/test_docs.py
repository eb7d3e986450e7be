"""Every setting and every command is documented, and the CLI reference is
current."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_it_documents_every_temoin_variable() -> None:
    used: set[str] = set()
    for path in (REPO / "temoin").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {
            f"TEMOIN_{name}"
            for name in re.findall(r'env(?:str|bool|int|list)\(\s*"([A-Z_]+)"', text)
        }
        used |= set(re.findall(r'"(TEMOIN_[A-Z_]+?)(?:_FILE)?"', text))
    documented = set(
        re.findall(r"`(TEMOIN_[A-Z_]+)`", (REPO / "docs/configuration.md").read_text())
    )
    assert used, "found no settings: the scan is broken"
    assert used - documented == set()


def test_it_keeps_the_cli_reference_current() -> None:
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from gen_cli_docs import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run `python scripts/gen_cli_docs.py`"
    )
