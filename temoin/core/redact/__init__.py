"""Automatic redaction of testimony: find names, contacts, document numbers,
unit codes, addresses, birth dates and licence plates, and replace them.

Pure Python; imports no Django.
"""

from temoin.core.redact.engine import MODES, RedactionResult, find_spans, redact
from temoin.core.redact.keep import KeepList, default_keep_list
from temoin.core.redact.language import LANGUAGES, detect_language
from temoin.core.redact.models import load_all as load_models
from temoin.core.redact.spans import Label, Span

__all__ = [
    "LANGUAGES",
    "MODES",
    "KeepList",
    "Label",
    "RedactionResult",
    "Span",
    "default_keep_list",
    "detect_language",
    "find_spans",
    "load_models",
    "redact",
]
