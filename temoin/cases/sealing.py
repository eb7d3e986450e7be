"""Contexts of the records the staff side seals.

Content is sealed with intake's ``seal_fields`` / ``open_fields`` pair, the
one way temoin encrypts a model's content; this module only names where each
record belongs, so that a note copied into another case does not open there.
Notes and stages are sealed to the organisation only: the witness never reads
them.
"""

from __future__ import annotations

from temoin.intake.sealing import open_fields, seal_fields

__all__ = ["note_context", "open_fields", "seal_fields", "stage_context"]


def note_context(case_id: int) -> str:
    return f"cases.note:{case_id}"


def stage_context(case_id: int) -> str:
    return f"cases.stage:{case_id}"
