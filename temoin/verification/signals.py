"""Keep near-duplicate detection current with the cases' own indexing.

Whenever a key holder's request rebuilds a case's search index, the same
decrypted testimony is fingerprinted (keyed MinHash), so that copied or
templated testimony is caught across every case, not only the ones a verifier
has already worked on.
"""

from __future__ import annotations

from typing import Any

from temoin.cases.models import Case
from temoin.cases.signals import case_indexed
from temoin.core import crypto


def connect() -> None:
    case_indexed.connect(_on_case_indexed, sender=Case, dispatch_uid="verification")


def _on_case_indexed(
    sender: type[Case], case: Case, org: crypto.OrgSecretKeys, **kwargs: Any
) -> None:
    from temoin.verification.actions import do_index_testimony_text
    from temoin.verification.queries import testimony_signature_text

    try:
        text = testimony_signature_text(case, crypto.keypair_from_org(org))
    except crypto.CryptoError:
        return  # unreadable content is flagged where it is shown
    if text.strip():
        do_index_testimony_text(case, text, org=org)
