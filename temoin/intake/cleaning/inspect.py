"""exiftool: extract an original's metadata (evidence) and check a cleaned copy."""

from __future__ import annotations

import json
from typing import Any

from temoin.intake.cleaning.errors import TOOL_FAILED, CleaningFailed
from temoin.intake.cleaning.memory import MemoryFile, run_tool

EXIFTOOL = "/usr/bin/exiftool"
MAX_METADATA_BYTES = 2 * 1024 * 1024
# Tags that can identify a person or a device. A cleaned copy must have none.
_FORBIDDEN_WORDS = (
    "gps",
    "serial",
    "author",
    "creator",
    "artist",
    "thumbnail",
    "previewimage",
    "lastmodifiedby",
    "owner",
    "company",
    "manager",
)
_FORBIDDEN_TAGS = {
    "make",
    "model",
    "software",
    "comment",
    "usercomment",
    "lensmodel",
    "copyright",
}
_IGNORED_GROUPS = {"ExifTool", "System"}


def extract_metadata(source: MemoryFile) -> list[dict[str, Any]]:
    """All the metadata exiftool finds (as JSON), for verifiers as evidence."""
    result = run_tool(
        [
            EXIFTOOL,
            "-j",
            "-a",
            "-G1",
            "-n",
            "-ee",
            "-api",
            "LargeFileSupport=1",
            source.path,
        ],
        [source],
        timeout=300,
    )
    if not result.stdout:
        raise CleaningFailed(TOOL_FAILED)
    try:
        data = json.loads(result.stdout[:MAX_METADATA_BYTES].decode("utf-8", "replace"))
    except ValueError:
        raise CleaningFailed(TOOL_FAILED) from None
    return data if isinstance(data, list) else []


def identifying_tags(metadata: list[dict[str, Any]]) -> list[str]:
    """The names of identifying tags left in a file's exiftool output."""
    found = []
    for item in metadata:
        for name in item:
            group, _, tag = name.rpartition(":")
            if group in _IGNORED_GROUPS or name == "SourceFile":
                continue
            lowered = tag.lower()
            if lowered in _FORBIDDEN_TAGS or any(
                word in lowered for word in _FORBIDDEN_WORDS
            ):
                found.append(name)
    return found
