"""E-mail addresses (also written «name [at] host [dot] org»), messenger
handles and profile links."""

from __future__ import annotations

import re

from temoin.core.redact.spans import Label, Span

_AT = (
    r"(?:@|\s*[\[\(\{<]\s*(?:at|собака|собачка|ат|арроба|arobase|a)\s*[\]\)\}>]\s*"
    r"|\s+(?:at|собака|arobase)\s+)"
)
_DOT = (
    r"(?:\.|\s*[\[\(\{<]\s*(?:dot|точка|крапка|point)\s*[\]\)\}>]\s*"
    r"|\s+(?:dot|точка|крапка|point)\s+)"
)
# The local part and host are ASCII: e-mail addresses seen in testimony are
# Latin even inside Cyrillic text, and this keeps «мой адрес собака» out.
_EMAIL = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*{_AT}"
    rf"[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,12}}(?![\w])",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"(?<![\w/])(?:https?://)?(?:www\.)?"
    r"(?:t\.me|telegram\.me|telegram\.dog|vk\.com|vk\.ru|ok\.ru|wa\.me|"
    r"signal\.me|instagram\.com|facebook\.com|fb\.com|x\.com|twitter\.com|"
    r"tiktok\.com|youtube\.com|linkedin\.com/in)"
    r"/[A-Za-z0-9_.+/@-]*[A-Za-z0-9_]",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z][A-Za-z0-9_.]{2,31}(?<!\.)(?![\w@])")


def find_contacts(text: str) -> list[Span]:
    """E-mail addresses (plain or obfuscated), `@handles` and profile links."""
    spans: list[Span] = []
    for pattern in (_EMAIL, _LINK, _HANDLE):
        for m in pattern.finditer(text):
            spans.append(Span(m.start(), m.end(), Label.CONTACT))
    return spans
