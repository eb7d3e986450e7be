from __future__ import annotations


class CleaningFailed(Exception):
    """A file could not be cleaned; ``code`` is a short reason kept in the clear."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


UNSUPPORTED = "unsupported"
DAMAGED = "damaged"
BOMB = "bomb"
ENCRYPTED = "encrypted"
TOOL_FAILED = "tool_failed"
RESIDUE = "metadata_left"
UNREADABLE = "unreadable"
